"""The outcomes report and the sponsor's pairs list, read back with pypdf."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from rmdesk.documents.pdf_layout import ReportInfo
from rmdesk.documents.report_pdf import pairs_list_pdf, write_outcomes_report
from rmdesk.models.people import Employee
from rmdesk.models.programme_figures import ActionRecord, Enrolment, PairRecord, SessionRecord

SECRET = "CONFIDENTIAL-MARKER-93"
INFO = ReportInfo(
    "Reverse Mentoring 2026",
    prepared_by="Rania Haddad",
    organisation="Acme Ltd",
    period="January – June 2026",
    prepared_on=date(2026, 7, 1),
)


def person(eid: str, name: str, dept: str, grade: str, born: int, title: str = "") -> Employee:
    return Employee(eid, name, department=dept, grade=grade, birth_year=born, title=title)


def sessions(held: int, cancelled: int, planned: int) -> tuple[SessionRecord, ...]:
    out = [SessionRecord(datetime(2026, 1 + i, 10, 9), "held") for i in range(held)]
    out += [
        SessionRecord(datetime(2026, 4, 2 + i), "cancelled", "mentee") for i in range(cancelled)
    ]
    out += [SessionRecord(datetime(2026, 5, 2 + i), "planned") for i in range(planned)]
    return tuple(out)


def cohort() -> list[PairRecord]:
    return [
        PairRecord(
            1,
            person("M1", "Zoë Łukasiewicz", "Customer Service", "3", 1997, "Service Agent"),
            person("E1", "Harold Whitcombe", "Finance", "9", 1966, "Chief Financial Officer"),
            agreement_state="signed",
            health="on-track",
            sessions=sessions(3, 1, 2),
            actions=(
                ActionRecord(
                    date(2026, 3, 1), date(2026, 2, 20), "Visit the call centre", "mentee"
                ),
            ),
            learnings=("Customers judge us by the first five minutes of a call.",),
        ),
        PairRecord(
            2,
            person("M2", "王小明", "IT", "2", 2000, "Developer"),
            person("E2", "Margaret Oyelaran", "Legal", "8", 1970, "General Counsel"),
            status="ended",
            outcome=f"ended early: {SECRET}",  # an early end's reason is never printed
            agreement_state="awaiting signatures",
            health="stalled",
            sessions=sessions(1, 2, 0),
        ),
        PairRecord(
            3,
            person("M3", "Quentin Hushwood", "Sales", "4", 1995),
            person("E3", "Prudence Silentia", "Board", "10", 1960),
            agreement_state="signed",
            health="at-risk",
            private=True,
            sessions=sessions(2, 0, 1),
            actions=(ActionRecord(date(2026, 2, 1), None, f"action {SECRET}", "mentor"),),
            learnings=(f"learning {SECRET}",),
        ),
    ]


@pytest.fixture
def report(tmp_path: Path) -> Path:
    out = tmp_path / "report.pdf"
    assert write_outcomes_report(out, cohort(), Enrolment(4, 3), INFO, today=date(2026, 7, 1))
    return out


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_report_has_the_numbers_and_names(report: Path) -> None:
    text = text_of(report)
    for expected in (
        "Outcomes report",
        "Reverse Mentoring 2026",
        "Prepared by Rania Haddad on 2026-07-01",
        "4 mentors and 3 mentees enrolled",
        "6 of 7 enrolled people are paired",  # 3 pairs: 6 people
        "2 of 3 pairs",  # agreements signed (the private pair's counts in the total)
        "6 of 12 sessions due so far",
        "by mentor 0 · by mentee 3",
        "1 of 2 active pairs on track",  # health is for running pairs: pair 2 has ended
        "Zoë Łukasiewicz",
        "王小明",
        "Harold Whitcombe",
        "3 of 6",  # pair 1: held of all its sessions
        "Customers judge us by the first five minutes of a call.",
        "Visit the call centre",
        "done 2026-02-20",
        "ended early",
        "1 pair asked to be left out and is not listed",
    ):
        assert expected in text, expected


def test_private_pairs_and_confidential_text_never_appear(report: Path) -> None:
    text = text_of(report)
    assert SECRET not in text
    for name in ("Quentin Hushwood", "Prudence Silentia"):
        assert name not in text
    assert SECRET.encode() not in report.read_bytes()  # nor in metadata or any stream


def test_charts_are_vector_forms_with_drawn_bars(report: Path) -> None:
    reader = PdfReader(report)
    forms: dict[str, bytes] = {}
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        for name, ref in xobjects.items():
            obj = ref.get_object()
            if obj["/Subtype"] == "/Form" and name.startswith("/FormXob.Chart"):
                forms[name] = obj.get_data()
    assert set(forms) == {
        "/FormXob.ChartSessions",
        "/FormXob.ChartHealth",
        "/FormXob.ChartCancellations",
        "/FormXob.ChartAgreements",
        "/FormXob.ChartActions",
    }
    bars = {
        name: len(re.findall(rb"[-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ re", data))
        for name, data in forms.items()
    }
    # a bar per non-zero value: 5 months planned + 3 with sessions held, and 2 legend swatches
    assert bars["/FormXob.ChartSessions"] == 5 + 3 + 2
    assert bars["/FormXob.ChartHealth"] == 3  # one pair on track, one at risk, one stalled
    assert bars["/FormXob.ChartAgreements"] == 2  # signed, awaiting signatures
    text = text_of(report)
    assert "held (solid)" in text and "planned (outlined)" in text  # series named, not coloured
    assert "2026-01" in text and "on track" in text


def test_chart_axes_count_in_whole_numbers() -> None:
    """Counts of pairs and sessions have no halves: the ticks are 0, 1, 2..., never 0.5."""
    from reportlab.graphics.charts.barcharts import BarChart

    from rmdesk.documents.report_charts import bar_list, month_bars
    from rmdesk.models.programme_figures import MonthSessions

    for values in ([0, 1, 0], [2, 0], [7, 3], [0, 0], [130, 12]):
        drawing = bar_list("t", [str(v) for v in values], values, "Helvetica")
        month = month_bars(
            [
                MonthSessions(date(2026, 1 + i, 1), v, v // 2, 0, 0, ())
                for i, v in enumerate(values)
            ],
            "Helvetica",
        )
        for chart in (c for d in (drawing, month) for c in d.contents if isinstance(c, BarChart)):
            axis = chart.valueAxis
            axis.configure(chart.data)
            ticks = axis._calcTickPositions()
            assert ticks and all(float(t).is_integer() for t in ticks), (values, ticks)
            assert axis.valueMax >= max(values) and len(ticks) <= 8


def test_a_cohort_without_sessions_says_so_instead_of_an_empty_chart(tmp_path: Path) -> None:
    quiet = [replace(p, sessions=()) for p in cohort()]
    out = tmp_path / "quiet.pdf"
    assert write_outcomes_report(out, quiet, Enrolment(4, 3), INFO, today=date(2026, 7, 1))
    assert "no session is planned or held yet" in text_of(out)
    assert b"ChartSessions" not in out.read_bytes()


def test_metadata_and_same_bytes_for_same_data(report: Path, tmp_path: Path) -> None:
    meta = PdfReader(report).metadata
    assert meta is not None
    assert meta.title == "Reverse Mentoring 2026 — Outcomes report"
    assert meta.author == "Rania Haddad"
    assert meta.subject and "Reverse Mentoring 2026" in meta.subject
    again = tmp_path / "again.pdf"
    write_outcomes_report(again, cohort(), Enrolment(4, 3), INFO, today=date(2026, 7, 1))
    assert again.read_bytes() == report.read_bytes()


def test_progress_runs_to_the_end_and_cancel_writes_nothing(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []

    def record(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    out = tmp_path / "report.pdf"
    assert write_outcomes_report(out, cohort(), Enrolment(4, 3), INFO, progress=record)
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    cancelled = tmp_path / "cancelled"
    cancelled.mkdir()
    calls = 0

    def stop_midway(done: int, total: int) -> bool:
        nonlocal calls
        calls += 1
        return calls < 5

    target = cancelled / "report.pdf"
    assert not write_outcomes_report(target, cohort(), Enrolment(4, 3), INFO, progress=stop_midway)
    assert list(cancelled.iterdir()) == []  # neither the report nor a temp file


def test_pairs_list_for_the_sponsor(tmp_path: Path) -> None:
    out = tmp_path / "pairs.pdf"
    pairs = [(p.mentor, p.mentee) for p in cohort()]
    assert pairs_list_pdf(out, pairs, INFO)
    text = text_of(out)
    for expected in (
        "Reverse mentoring pairs",
        "3 pairs announced.",
        "Zoë Łukasiewicz",
        "Service Agent",
        "Customer Service",
        "Chief Financial Officer",
        "王小明",
        "General Counsel",
    ):
        assert expected in text, expected
    assert PdfReader(out).metadata.title == "Reverse Mentoring 2026 — Pairs"  # type: ignore[union-attr]
