"""The programme's figures (dashboard, outcomes report) computed from plain pair facts.

Pure and one pass over the pairs: every figure also names the pair ids behind it, so a view can
click through to the filtered list.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from rmdesk.models.people import Employee, grade_rank

SESSION_STATUSES = ("planned", "held", "cancelled", "no-show")
HEALTH_STATES = ("on-track", "at-risk", "stalled")
AGREEMENT_STATES = ("none", "draft", "awaiting signatures", "signed", "changed since signing")
CANCEL_SIDES = ("mentor", "mentee", "unknown")

#: What can be exported to CSV or XLSX (`rmdesk export KIND`, the dashboard's Export…).
EXPORT_KINDS: tuple[str, ...] = ("pairs", "sessions", "actions")


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """One session of a pair: when, what became of it, and who cancelled (if anyone)."""

    starts_at: datetime
    status: str  # planned | held | cancelled | no-show
    cancelled_by: str | None = None  # mentor | mentee | None


@dataclass(frozen=True, slots=True)
class ActionRecord:
    """An action a pair agreed on; open while ``done_on`` is None."""

    due: date | None
    done_on: date | None = None
    text: str = ""
    owner: str = ""


@dataclass(frozen=True, slots=True)
class PairRecord:
    """What the figures need to know about one pair (never its confidential notes)."""

    pair_id: int
    mentor: Employee
    mentee: Employee
    status: str = "active"  # active | ended
    outcome: str | None = None
    agreement_state: str = "none"
    sessions: tuple[SessionRecord, ...] = ()
    actions: tuple[ActionRecord, ...] = ()
    health: str = "on-track"
    private: bool = False  # "leave out of reports": counted in totals only
    learnings: tuple[str, ...] = ()  # shared learnings the pair agreed to report


@dataclass(frozen=True, slots=True)
class Enrolment:
    """How many people are enrolled in the cohort on each side."""

    mentors: int
    mentees: int

    @property
    def total(self) -> int:
        return self.mentors + self.mentees


@dataclass(frozen=True, slots=True)
class Count:
    """A number and the pairs behind it."""

    label: str
    value: int
    pair_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Share:
    """``part`` out of ``whole`` and the pairs behind the part."""

    label: str
    part: int
    whole: int
    pair_ids: tuple[int, ...]

    @property
    def ratio(self) -> float:
        return self.part / self.whole if self.whole else 0.0

    @property
    def percent(self) -> str:
        return f"{round(100 * self.ratio)} %" if self.whole else "–"


@dataclass(frozen=True, slots=True)
class Spread:
    """Median and range of a per-pair gap over the pairs where it is known."""

    label: str
    unit: str
    median: float | None
    low: float | None
    high: float | None
    pair_ids: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.pair_ids)


@dataclass(frozen=True, slots=True)
class MonthSessions:
    """Sessions dated in one calendar month: all of them were planned; some were held."""

    month: date  # first day of the month
    planned: int
    held: int
    cancelled: int
    no_show: int
    pair_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ProgrammeFigures:
    """Every dashboard figure of one cohort."""

    mentors: Count
    mentees: Count
    pairs: Count
    active_pairs: Count
    coverage: Share  # paired people / enrolled people
    mentor_coverage: Share
    mentee_coverage: Share
    agreements_signed: Share
    agreements: tuple[Count, ...]  # one per AGREEMENT_STATES
    sessions_held: Share  # held / the sessions due by today (logged, or planned till today)
    sessions_by_month: tuple[MonthSessions, ...]
    cancellations: tuple[Count, ...]  # by side: mentor, mentee, unknown
    no_shows: Count
    health: tuple[Count, ...]  # one per HEALTH_STATES
    cross_department: Share
    cross_division: Share
    seniority_gap: Spread  # grade steps, mentee above mentor
    generation_gap: Spread  # years, mentee born before mentor
    actions_done: Count
    actions_open: Count
    actions_overdue: Count


def by_label(group: Iterable[Count], label: str) -> Count:
    """The figure named ``label`` in a group: ``by_label(figures.health, 'stalled')``."""
    for figure in group:
        if figure.label == label:
            return figure
    raise KeyError(label)


def _spread(label: str, unit: str, gaps: Sequence[tuple[int, float]]) -> Spread:
    if not gaps:
        return Spread(label, unit, None, None, None, ())
    values = [g for _, g in gaps]
    return Spread(
        label,
        unit,
        statistics.median(values),
        min(values),
        max(values),
        tuple(pid for pid, _ in gaps),
    )


def _month(key: tuple[int, int], row: list[int], pair_ids: set[int]) -> MonthSessions:
    planned, held, cancelled, no_show = row
    return MonthSessions(
        date(key[0], key[1], 1), planned, held, cancelled, no_show, tuple(sorted(pair_ids))
    )


def _every_month(months: dict[tuple[int, int], list[int]]) -> list[tuple[int, int]]:
    """Every month from the first with a session to the last, a quiet one too: a chart
    that skipped it would hide the very gap it should show."""
    if not months:
        return []
    (year, month), last = min(months), max(months)
    out = []
    while (year, month) <= last:
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _crosses(a: str | None, b: str | None) -> bool | None:
    """True when both are known and differ (case and spaces ignored), None when unknown."""
    if not a or not b:
        return None
    return a.strip().casefold() != b.strip().casefold()


def compute_figures(
    pairs: Iterable[PairRecord], enrolment: Enrolment, today: date
) -> ProgrammeFigures:
    """All figures of a cohort from its pairs; ``today`` decides which open actions are overdue
    and which sessions are due by now (those still ahead do not count against the pair)."""
    all_ids: list[int] = []
    active: list[int] = []
    mentor_ids: set[str] = set()
    mentee_ids: set[str] = set()
    by_agreement: dict[str, list[int]] = {s: [] for s in AGREEMENT_STATES}
    by_health: dict[str, list[int]] = {s: [] for s in HEALTH_STATES}
    cancelled_by: dict[str, list[int]] = {s: [] for s in CANCEL_SIDES}
    no_show: list[int] = []
    cancel_counts: Counter[str] = Counter()
    no_show_count = 0
    months: dict[tuple[int, int], list[int]] = {}  # month -> [planned, held, cancelled, no-show]
    month_pairs: dict[tuple[int, int], set[int]] = {}
    session_total = held_total = 0
    held_pairs: list[int] = []
    dept_known: list[int] = []
    dept_cross: list[int] = []
    div_known: list[int] = []
    div_cross: list[int] = []
    grade_gaps: list[tuple[int, float]] = []
    year_gaps: list[tuple[int, float]] = []
    done_pairs: list[int] = []
    open_pairs: list[int] = []
    overdue_pairs: list[int] = []
    done = open_ = overdue = 0

    for p in pairs:
        pid = p.pair_id
        all_ids.append(pid)
        if p.status == "active":
            active.append(pid)
        mentor_ids.add(p.mentor.employee_id)
        mentee_ids.add(p.mentee.employee_id)
        by_agreement.setdefault(p.agreement_state, []).append(pid)
        by_health.setdefault(p.health, []).append(pid)

        pair_held = pair_cancel = pair_no_show = False
        cancel_sides: set[str] = set()
        for s in p.sessions:
            if p.status != "active" and s.status == "planned":
                continue  # the pair ended first: a session it never had is no longer planned
            key = (s.starts_at.year, s.starts_at.month)
            row = months.get(key)
            if row is None:
                row = months[key] = [0, 0, 0, 0]
                month_pairs[key] = set()
            month_pairs[key].add(pid)
            row[0] += 1
            if s.status != "planned" or s.starts_at.date() <= today:
                session_total += 1  # due by now: a session still ahead is not yet missed
            if s.status == "held":
                row[1] += 1
                held_total += 1
                pair_held = True
            elif s.status == "cancelled":
                row[2] += 1
                side = s.cancelled_by if s.cancelled_by in ("mentor", "mentee") else "unknown"
                cancel_counts[side] += 1
                cancel_sides.add(side)
                pair_cancel = True
            elif s.status == "no-show":
                row[3] += 1
                no_show_count += 1
                pair_no_show = True
        if pair_held:
            held_pairs.append(pid)
        if pair_cancel:
            for side in cancel_sides:
                cancelled_by[side].append(pid)
        if pair_no_show:
            no_show.append(pid)

        crosses = _crosses(p.mentor.department, p.mentee.department)
        if crosses is not None:
            dept_known.append(pid)
            if crosses:
                dept_cross.append(pid)
        crosses = _crosses(p.mentor.division, p.mentee.division)
        if crosses is not None:
            div_known.append(pid)
            if crosses:
                div_cross.append(pid)

        rank_mentor, rank_mentee = grade_rank(p.mentor.grade), grade_rank(p.mentee.grade)
        if rank_mentor is not None and rank_mentee is not None:
            grade_gaps.append((pid, rank_mentee - rank_mentor))
        if p.mentor.birth_year is not None and p.mentee.birth_year is not None:
            year_gaps.append((pid, float(p.mentor.birth_year - p.mentee.birth_year)))

        has_done = has_open = has_overdue = False
        for a in p.actions:
            if a.done_on is not None:
                done += 1
                has_done = True
            else:
                open_ += 1
                has_open = True
                if a.due is not None and a.due < today:
                    overdue += 1
                    has_overdue = True
        if has_done:
            done_pairs.append(pid)
        if has_open:
            open_pairs.append(pid)
        if has_overdue:
            overdue_pairs.append(pid)

    ids = tuple(all_ids)
    paired_mentors = len(mentor_ids)
    paired_mentees = len(mentee_ids)
    signed = tuple(by_agreement["signed"])
    return ProgrammeFigures(
        mentors=Count("mentors enrolled", enrolment.mentors, ids),
        mentees=Count("mentees enrolled", enrolment.mentees, ids),
        pairs=Count("pairs", len(ids), ids),
        active_pairs=Count("active pairs", len(active), tuple(active)),
        coverage=Share("people paired", paired_mentors + paired_mentees, enrolment.total, ids),
        mentor_coverage=Share("mentors paired", paired_mentors, enrolment.mentors, ids),
        mentee_coverage=Share("mentees paired", paired_mentees, enrolment.mentees, ids),
        agreements_signed=Share("agreements signed", len(signed), len(ids), signed),
        agreements=tuple(Count(s, len(v), tuple(v)) for s, v in by_agreement.items()),
        sessions_held=Share("sessions held", held_total, session_total, tuple(held_pairs)),
        sessions_by_month=tuple(
            _month(key, months.get(key, [0, 0, 0, 0]), month_pairs.get(key, set()))
            for key in _every_month(months)
        ),
        cancellations=tuple(
            Count(side, cancel_counts[side], tuple(cancelled_by[side])) for side in CANCEL_SIDES
        ),
        no_shows=Count("no-shows", no_show_count, tuple(no_show)),
        health=tuple(Count(s, len(v), tuple(v)) for s, v in by_health.items()),
        cross_department=Share(
            "pairs across departments", len(dept_cross), len(dept_known), tuple(dept_cross)
        ),
        cross_division=Share(
            "pairs across divisions", len(div_cross), len(div_known), tuple(div_cross)
        ),
        seniority_gap=_spread("seniority gap", "grades", grade_gaps),
        generation_gap=_spread("generation gap", "years", year_gaps),
        actions_done=Count("actions done", done, tuple(done_pairs)),
        actions_open=Count("actions open", open_, tuple(open_pairs)),
        actions_overdue=Count("actions overdue", overdue, tuple(overdue_pairs)),
    )
