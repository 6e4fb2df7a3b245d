"""The outcomes report for the executive sponsor, and the sponsor's list of announced pairs.

Confidential session notes are not an input here at all. Pairs marked private ("leave out of
reports") count in the anonymous totals and charts only: they are never named, and their
learnings and actions stay out. An early end's reason is never printed, only that it ended.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from rmdesk.documents.fonts import BASE_FONT, para
from rmdesk.documents.pdf_layout import (
    Progress,
    ReportInfo,
    Styles,
    build_pdf,
    cells,
    fit_cell,
    make_styles,
)
from rmdesk.documents.report_charts import ChartForm, bar_list, month_bars
from rmdesk.models.people import Employee
from rmdesk.models.programme_figures import (
    Count,
    Enrolment,
    PairRecord,
    ProgrammeFigures,
    Share,
    Spread,
    by_label,
    compute_figures,
)
from rmdesk.models.wording import plural, plural_word

ROWS_PER_TABLE = 30  # per-pair tables come in page-sized chunks: faster layout, finer progress
RULE = colors.HexColor("#9ca3af")
BAND = colors.HexColor("#f3f4f6")


def _grid(widths: Sequence[float]) -> TableStyle:
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), BASE_FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, BAND]),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
    )


def _tables(
    header: Sequence[str], rows: Sequence[list[object]], widths: Sequence[float], st: Styles
) -> list[Flowable]:
    """Rows as tables of ROWS_PER_TABLE, each with the header row."""
    head: list[object] = list(cells(header, st.cell_bold))
    out: list[Flowable] = []
    for start in range(0, len(rows), ROWS_PER_TABLE):
        chunk = [head, *rows[start : start + ROWS_PER_TABLE]]
        out.append(Table(chunk, colWidths=list(widths), repeatRows=1, style=_grid(widths)))
    return out


def _num(x: float | None) -> str:
    if x is None:
        return "–"
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def _share(s: Share, of: str) -> tuple[str, str]:
    return s.percent, f"{s.part} of {s.whole} {of}"


def _spread(s: Spread, of: str) -> tuple[str, str]:
    if s.median is None:
        return "–", "not known for any pair"
    return (
        f"{_num(s.median)} {s.unit}",
        f"median; range {_num(s.low)} to {_num(s.high)}, over {s.count} {of}",
    )


def _status(p: PairRecord) -> str:
    if p.status == "active":
        return "active"
    return "completed" if (p.outcome or "").strip().lower() == "completed" else "ended early"


def _counts(group: Sequence[Count], names: dict[str, str]) -> str:
    return " · ".join(f"{names[k]} {by_label(group, k).value}" for k in names)


def _summary(f: ProgrammeFigures, private: int, st: Styles) -> list[Flowable]:
    healthy = by_label(f.health, "on-track")
    # health is judged for running pairs only: an ended pair is neither on track nor at risk
    on_track = Share("on track", healthy.value, f.active_pairs.value, healthy.pair_ids)
    rows: list[tuple[str, str, str]] = [
        (
            "Participants",
            str(f.mentors.value + f.mentees.value),
            f"{f.mentors.value} mentors and {f.mentees.value} mentees enrolled",
        ),
        (
            "Pairs",
            str(f.pairs.value),
            f"{f.active_pairs.value} active, {f.pairs.value - f.active_pairs.value} ended",
        ),
        ("Match coverage", *_share(f.coverage, "enrolled people are paired")),
        ("Agreements signed", *_share(f.agreements_signed, "pairs")),
        ("Sessions held", *_share(f.sessions_held, "sessions due so far")),
        (
            "Cancellations",
            str(sum(c.value for c in f.cancellations)),
            _counts(
                f.cancellations,
                {"mentor": "by mentor", "mentee": "by mentee", "unknown": "side not recorded"},
            )
            + f" · no-shows {f.no_shows.value}",
        ),
        (
            "Pair health",
            on_track.percent,
            f"{healthy.value} of {f.active_pairs.value} active pairs on track · "
            + _counts(f.health, {"at-risk": "at risk", "stalled": "stalled"}),
        ),
        ("Across departments", *_share(f.cross_department, "pairs with both departments known")),
        ("Across divisions", *_share(f.cross_division, "pairs with both divisions known")),
        ("Seniority gap", *_spread(f.seniority_gap, "pairs with both grades known")),
        ("Generation gap", *_spread(f.generation_gap, "pairs with both birth years known")),
        (
            "Actions",
            str(f.actions_done.value + f.actions_open.value),
            f"done {f.actions_done.value} · open {f.actions_open.value}"
            f" · overdue {f.actions_overdue.value}",
        ),
    ]
    table = Table(
        [[para(a, st.cell_bold), b, para(c, st.cell)] for a, b, c in rows],
        colWidths=[42 * mm, 22 * mm, None],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BASE_FONT),
                ("FONTSIZE", (1, 0), (1, -1), 11),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        ),
    )
    story: list[Flowable] = [para("Programme summary", st.h1), table]
    if private:
        story.append(Spacer(1, 4 * mm))
        story.append(
            para(
                f"{plural(private, 'pair')} asked to be left out of reports: "
                + (
                    "it counts in these totals and in the charts, and is named nowhere."
                    if private == 1
                    else "they count in these totals and in the charts, and are named nowhere."
                ),
                st.small,
            )
        )
    return story


def _charts(f: ProgrammeFigures, st: Styles) -> list[Flowable]:
    def chart(name: str, title: str, items: Sequence[tuple[str, int]]) -> ChartForm:
        labels = [a for a, _ in items]
        return ChartForm(name, bar_list(title, labels, [b for _, b in items], BASE_FONT))

    health = chart(
        "Health",
        "Pairs by health",
        [
            (k.replace("-", " "), by_label(f.health, k).value)
            for k in ("on-track", "at-risk", "stalled")
        ],
    )
    agreements = chart("Agreements", "Agreements", [(c.label, c.value) for c in f.agreements])
    cancels = chart(
        "Cancellations",
        "Cancellations and no-shows",
        [
            ("by mentor", by_label(f.cancellations, "mentor").value),
            ("by mentee", by_label(f.cancellations, "mentee").value),
            ("side not recorded", by_label(f.cancellations, "unknown").value),
            ("no-shows", f.no_shows.value),
        ],
    )
    actions = chart(
        "Actions",
        "Actions",
        [
            ("done", f.actions_done.value),
            ("open", f.actions_open.value),
            ("of them overdue", f.actions_overdue.value),
        ],
    )
    grid = Table(
        [[health, cancels], [agreements, actions]],
        style=TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
        ),
    )
    months: Flowable = (
        ChartForm("Sessions", month_bars(f.sessions_by_month, BASE_FONT))
        if f.sessions_by_month
        else para("Sessions per month: no session is planned or held yet.", st.body)
    )
    return [PageBreak(), para("Charts", st.h1), months, Spacer(1, 6 * mm), grid]


def _pair_name(p: PairRecord) -> str:
    return f"{p.mentor.name} & {p.mentee.name}"


def _per_pair(shown: Sequence[PairRecord], private: int, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), para("Pair by pair", st.h1)]
    if private:
        verb = plural_word(private, "is")
        said = f"{plural(private, 'pair')} asked to be left out and {verb} not listed."
        story.append(para(said, st.small))
        story.append(Spacer(1, 3 * mm))
    widths = [42 * mm, 42 * mm, 18 * mm, 32 * mm, 18 * mm, 22 * mm]
    rows: list[list[object]] = []
    for p in shown:
        held = sum(1 for s in p.sessions if s.status == "held")
        rows.append(
            [
                fit_cell(p.mentor.name, st.cell, widths[0], rtl=False),
                fit_cell(p.mentee.name, st.cell, widths[1], rtl=False),
                f"{held} of {len(p.sessions)}",
                fit_cell(
                    "yes" if p.agreement_state == "signed" else p.agreement_state,
                    st.cell,
                    widths[3],
                ),
                p.health.replace("-", " "),
                _status(p),
            ]
        )
    header = ["Mentor", "Mentee", "Sessions held", "Agreement signed", "Health", "Status"]
    story += _tables(header, rows, widths, st) if rows else [para("No pairs to list.", st.body)]
    return story


def _learnings_and_actions(shown: Sequence[PairRecord], day: date, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), para("Shared learnings", st.h1)]
    with_learnings = [p for p in shown if p.learnings]
    for p in with_learnings:
        items = [para(_pair_name(p), st.h2)]
        items += [para(f"• {text}", st.body) for text in p.learnings]
        story.append(KeepTogether(items))
    if not with_learnings:
        story.append(para("No shared learnings recorded yet.", st.body))
    story += [Spacer(1, 6 * mm), para("Actions", st.h1)]
    widths = [44 * mm, 22 * mm, 60 * mm, 20 * mm, 28 * mm]
    rows: list[list[object]] = []
    for p in shown:
        for a in p.actions:
            if a.done_on is not None:
                state = f"done {a.done_on.isoformat()}"
            else:
                state = "overdue" if a.due is not None and a.due < day else "open"
            rows.append(
                [
                    fit_cell(_pair_name(p), st.cell, widths[0], rtl=False),
                    fit_cell(a.owner, st.cell, widths[1], rtl=False),
                    fit_cell(a.text, st.cell, widths[2]),
                    a.due.isoformat() if a.due else "",
                    fit_cell(state, st.cell, widths[4]),
                ]
            )
    header = ["Pair", "Owner", "Action", "Due", "State"]
    story += _tables(header, rows, widths, st) if rows else [para("No actions yet.", st.body)]
    return story


def _cover(info: ReportInfo, title: str, st: Styles, lines: Sequence[str]) -> list[Flowable]:
    story: list[Flowable] = [Spacer(1, 55 * mm), para("Reverse mentoring", st.subtitle)]
    story += [para(title, st.title), para(info.programme, st.subtitle), Spacer(1, 8 * mm)]
    details = [info.organisation, info.period]
    prepared = " on ".join(
        x for x in (info.prepared_by, info.prepared_on.isoformat() if info.prepared_on else "") if x
    )
    if prepared:
        details.append(f"Prepared by {prepared}" if info.prepared_by else f"Prepared on {prepared}")
    story += [para(d, st.body) for d in details if d]
    story += [Spacer(1, 20 * mm)] + [para(line, st.small) for line in lines]
    return story


def write_outcomes_report(
    path: str | os.PathLike[str],
    pairs: Sequence[PairRecord],
    enrolment: Enrolment,
    info: ReportInfo,
    *,
    today: date | None = None,
    progress: Progress | None = None,
) -> bool:
    """Write the outcomes report; False when ``progress`` cancelled it (no file written).

    ``today`` decides which actions are overdue (default: the report's date, else today)."""
    day = today or info.prepared_on or date.today()
    st = make_styles()
    figures = compute_figures(pairs, enrolment, day)
    shown = [p for p in pairs if not p.private]
    private = len(pairs) - len(shown)
    notice = [
        "Confidential session notes are never part of this report.",
        "Pairs who asked to be left out of reports count in the totals only and are not named."
        if private
        else "No pair has asked to be left out of reports: every pair is named.",
    ]
    story = [*_cover(info, "Outcomes report", st, notice), PageBreak()]
    story += _summary(figures, private, st)
    story += _charts(figures, st)
    story += _per_pair(shown, private, st)
    story += _learnings_and_actions(shown, day, st)
    return build_pdf(path, story, info, "Outcomes report", st, progress)


def pairs_list_pdf(
    path: str | os.PathLike[str],
    pairs: Sequence[tuple[Employee, Employee]],
    info: ReportInfo,
    *,
    progress: Progress | None = None,
) -> bool:
    """The sponsor's list of announced pairs (mentor, mentee, titles, departments)."""
    st = make_styles()
    story: list[Flowable] = [
        para("Reverse mentoring pairs", st.title),
        para(info.programme, st.subtitle),
    ]
    story += [para(d, st.body) for d in (info.organisation, info.period) if d]
    story += [para(f"{len(pairs)} pairs announced.", st.body), Spacer(1, 4 * mm)]

    def who(person: Employee) -> list[Paragraph]:
        out = [para(person.name, st.cell_bold, bold=True, rtl=False)]
        out += [para(x, st.small) for x in (person.title, person.department) if x]
        return out

    rows: list[list[object]] = [
        [str(n), who(mentor), who(mentee)] for n, (mentor, mentee) in enumerate(pairs, start=1)
    ]
    header = ["", "Mentor", "Mentee"]
    story += _tables(header, rows, [10 * mm, 82 * mm, 82 * mm], st)
    return build_pdf(path, story, info, "Pairs", st, progress)
