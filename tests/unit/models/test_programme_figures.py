"""Every dashboard figure against a small cohort built by hand, with the pairs behind it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from rmdesk.models.people import Employee
from rmdesk.models.programme_figures import (
    ActionRecord,
    Enrolment,
    PairRecord,
    ProgrammeFigures,
    SessionRecord,
    by_label,
    compute_figures,
)

TODAY = date(2026, 3, 15)


def person(
    eid: str,
    dept: str | None,
    div: str | None,
    grade: str | None,
    born: int | None,
) -> Employee:
    return Employee(
        eid, f"Person {eid}", department=dept, division=div, grade=grade, birth_year=born
    )


def s(day: str, status: str, by: str | None = None) -> SessionRecord:
    return SessionRecord(datetime.fromisoformat(day + "T10:00"), status, by)


def cohort() -> list[PairRecord]:
    return [
        PairRecord(
            1,
            person("A", "Sales", "Commercial", "G3", 1995),
            person("B", "Finance", "Corporate", "G9", 1968),
            agreement_state="signed",
            health="on-track",
            sessions=(
                s("2026-01-10", "held"),
                s("2026-02-10", "held"),
                s("2026-03-10", "cancelled", "mentee"),
            ),
            actions=(
                ActionRecord(date(2026, 1, 30), date(2026, 1, 29)),
                ActionRecord(date(2026, 2, 1)),
            ),
        ),
        PairRecord(
            2,
            person("C", "Finance", "Corporate", "G4", 1998),
            person("D", " finance ", "Corporate", "G8", 1970),
            agreement_state="awaiting signatures",
            health="at-risk",
            sessions=(
                s("2026-01-20", "held"),
                s("2026-02-20", "cancelled", "mentee"),
                s("2026-03-20", "planned"),
            ),
            actions=(ActionRecord(date(2026, 4, 1)),),
        ),
        PairRecord(
            3,
            person("E", "IT", "Corporate", None, 1999),
            person("F", "HR", "Corporate", "10", None),
            status="ended",
            outcome="mentee left",
            agreement_state="signed",
            health="stalled",
            sessions=(
                s("2026-02-05", "cancelled", "mentor"),
                s("2026-02-12", "no-show"),
                s("2026-02-19", "cancelled"),
            ),
        ),
        PairRecord(
            4,
            person("G", None, None, "2", 2000),
            person("H", "Legal", "Legal", "7", 1960),
            agreement_state="draft",
            health="on-track",
            private=True,
            actions=(ActionRecord(None, date(2026, 3, 1)),),
        ),
    ]


@pytest.fixture
def figures() -> ProgrammeFigures:
    return compute_figures(cohort(), Enrolment(mentors=5, mentees=5), TODAY)


def test_participants_pairs_and_coverage(figures: ProgrammeFigures) -> None:
    assert (figures.mentors.value, figures.mentees.value) == (5, 5)
    assert figures.pairs.value == 4 and figures.pairs.pair_ids == (1, 2, 3, 4)
    assert figures.active_pairs.pair_ids == (1, 2, 4)
    assert (figures.coverage.part, figures.coverage.whole) == (8, 10)
    assert figures.coverage.percent == "80 %"
    assert (figures.mentor_coverage.part, figures.mentee_coverage.whole) == (4, 5)


def test_agreements(figures: ProgrammeFigures) -> None:
    signed = figures.agreements_signed
    assert (signed.part, signed.whole, signed.pair_ids) == (2, 4, (1, 3))
    assert by_label(figures.agreements, "awaiting signatures").pair_ids == (2,)
    assert by_label(figures.agreements, "draft").pair_ids == (4,)
    assert by_label(figures.agreements, "none").value == 0


def test_sessions_held_of_those_due_and_by_month_of_the_plan(figures: ProgrammeFigures) -> None:
    held = figures.sessions_held
    assert (held.part, held.whole, held.pair_ids) == (3, 8, (1, 2))  # not the one still ahead
    rows = [
        (m.month, m.planned, m.held, m.cancelled, m.no_show, m.pair_ids)
        for m in figures.sessions_by_month
    ]
    assert rows == [
        (date(2026, 1, 1), 2, 2, 0, 0, (1, 2)),
        (date(2026, 2, 1), 5, 1, 3, 1, (1, 2, 3)),
        (date(2026, 3, 1), 2, 0, 1, 0, (1, 2)),
    ]


def test_cancellations_by_side(figures: ProgrammeFigures) -> None:
    got = {c.label: (c.value, c.pair_ids) for c in figures.cancellations}
    assert got == {"mentor": (1, (3,)), "mentee": (2, (1, 2)), "unknown": (1, (3,))}
    assert (figures.no_shows.value, figures.no_shows.pair_ids) == (1, (3,))


def test_pairs_by_health(figures: ProgrammeFigures) -> None:
    got = {c.label: c.pair_ids for c in figures.health}
    assert got == {"on-track": (1, 4), "at-risk": (2,), "stalled": (3,)}


def test_cross_department_and_division(figures: ProgrammeFigures) -> None:
    # pair 2 is one department written two ways; pair 4's mentor has no department
    dept = figures.cross_department
    assert (dept.part, dept.whole, dept.pair_ids) == (2, 3, (1, 3))
    div = figures.cross_division
    assert (div.part, div.whole, div.pair_ids) == (1, 3, (1,))


def test_seniority_and_generation_gap(figures: ProgrammeFigures) -> None:
    grade = figures.seniority_gap
    assert (grade.median, grade.low, grade.high, grade.pair_ids) == (5, 4, 6, (1, 2, 4))
    years = figures.generation_gap
    assert (years.median, years.low, years.high, years.pair_ids) == (28, 27, 40, (1, 2, 4))
    assert years.count == 3


def test_actions_done_open_and_overdue(figures: ProgrammeFigures) -> None:
    assert (figures.actions_done.value, figures.actions_done.pair_ids) == (2, (1, 4))
    assert (figures.actions_open.value, figures.actions_open.pair_ids) == (2, (1, 2))
    assert (figures.actions_overdue.value, figures.actions_overdue.pair_ids) == (1, (1,))


def test_empty_cohort_has_no_figures_to_divide() -> None:
    figures = compute_figures([], Enrolment(3, 0), TODAY)
    assert figures.coverage.ratio == 0.0 and figures.coverage.whole == 3
    assert figures.agreements_signed.percent == "–"
    assert figures.seniority_gap.median is None and figures.seniority_gap.count == 0
    assert figures.sessions_by_month == ()
    with pytest.raises(KeyError):
        by_label(figures.health, "thriving")


def test_an_ended_pairs_unheld_sessions_are_no_longer_planned() -> None:
    """The pair ended in February: its March and April sessions, still marked planned, never
    were going to happen, so they count in neither the sessions planned nor the months."""
    pairs = cohort()
    ended = pairs[2]
    pairs[2] = replace(
        ended, sessions=(*ended.sessions, s("2026-03-05", "planned"), s("2026-04-05", "planned"))
    )
    with_plan = compute_figures(pairs, Enrolment(mentors=5, mentees=5), TODAY)
    plain = compute_figures(cohort(), Enrolment(mentors=5, mentees=5), TODAY)
    assert with_plan.sessions_held == plain.sessions_held
    assert with_plan.sessions_by_month == plain.sessions_by_month
