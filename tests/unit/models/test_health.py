"""Commitment health: every reason just under its threshold (none), at it (given), and beyond."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rmdesk.models.actions import Action
from rmdesk.models.health import (
    Health,
    HealthThresholds,
    PairFacts,
    assess,
    assess_all,
    describe_rhythm,
    newly_worse,
)
from rmdesk.models.sessions import Session

TODAY = date(2026, 6, 1)
TZ = timezone(timedelta(hours=2))


def s(
    days_ago: int,
    status: str = "held",
    by: str | None = None,
    *,
    reversal: bool = False,
    rescheduled_to: int | None = None,
) -> Session:
    at = datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time(), TZ)
    return Session(
        id=1000 - days_ago,
        pair_id=1,
        starts_at=at.replace(hour=10),
        status=status,  # type: ignore[arg-type]
        cancelled_by=by,  # type: ignore[arg-type]
        role_reversal=reversal,
        rescheduled_to=rescheduled_to,
    )


def facts(*sessions: Session, **kw: object) -> PairFacts:
    base: dict[str, object] = {"agreement_signed": True, "every_days": 30}
    base.update(kw)
    ordered = sorted(sessions, key=lambda x: x.starts_at)
    return PairFacts(pair_id=1, sessions=ordered, today=TODAY, **base)  # type: ignore[arg-type]


def health(*sessions: Session, **kw: object) -> Health:
    thresholds = kw.pop("thresholds", HealthThresholds())
    return assess(facts(*sessions, **kw), thresholds)  # type: ignore[arg-type]


def test_a_pair_meeting_as_agreed_is_on_track() -> None:
    h = health(s(70), s(40), s(10), s(-20, "planned"))
    assert (h.status, h.reasons) == ("on-track", [])
    assert h.as_dict() == {"pair_id": 1, "status": "on-track", "reasons": []}


# --- cancellations, and by whom ----------------------------------------------------------


def test_one_senior_cancellation_is_no_reason() -> None:
    assert health(s(30), s(20, "cancelled", "mentee"), s(10)).status == "on-track"


def test_two_senior_cancellations_of_the_last_three_put_the_pair_at_risk() -> None:
    h = health(s(30, "cancelled", "mentee"), s(20, "cancelled", "mentee"), s(10))
    assert h.status == "at-risk"
    assert h.reasons == ["The senior (mentee) cancelled 2 of the last 3 sessions"]


def test_three_senior_cancellations_stall_the_pair_even_when_rescheduled() -> None:
    cancels = [s(d, "cancelled", "mentee", rescheduled_to=1) for d in (30, 20, 10)]
    h = health(s(40), *cancels, s(-5, "planned"))
    assert h.status == "stalled"
    assert h.reasons == ["The senior (mentee) cancelled 3 of the last 3 sessions"]


def test_senior_cancellations_outside_the_window_do_not_count() -> None:
    h = health(s(60, "cancelled", "mentee"), s(50, "cancelled", "mentee"), s(30), s(20), s(10))
    assert h.status == "on-track"


def test_junior_cancellations_weigh_less() -> None:
    two = [s(d, "cancelled", "mentor", rescheduled_to=1) for d in (20, 10)]
    assert health(s(30), *two).status == "on-track"
    three = [s(d, "cancelled", "mentor", rescheduled_to=1) for d in (30, 20, 10)]
    h = health(s(40), *three)
    assert h.status == "at-risk"
    assert h.reasons == ["The junior (mentor) cancelled 3 of the last 3 sessions"]


def test_the_senior_role_can_be_the_mentor() -> None:
    h = health(
        s(30, "cancelled", "mentor"), s(20, "cancelled", "mentor"), s(10), senior_role="mentor"
    )
    assert h.reasons == ["The senior (mentor) cancelled 2 of the last 3 sessions"]


def test_window_shorter_than_history_names_the_sessions_so_far() -> None:
    h = health(s(20, "cancelled", "mentee", rescheduled_to=9), s(10, "cancelled", "mentee"))
    assert "The senior (mentee) cancelled 2 of the last 2 sessions" in h.reasons


# --- missed sessions in a row ------------------------------------------------------------


def test_one_miss_is_no_reason() -> None:
    assert health(s(20), s(10, "no-show")).status == "on-track"


def test_two_misses_in_a_row_put_the_pair_at_risk() -> None:
    h = health(s(20), s(15, "no-show"), s(10, "cancelled", "mentor"))
    assert h.status == "at-risk"
    assert h.reasons == ["The last 2 sessions were missed (cancelled or no-show)"]


def test_three_misses_in_a_row_stall_the_pair() -> None:
    h = health(s(25), s(15, "no-show"), s(10, "no-show"), s(5, "cancelled", "mentor"))
    assert h.status == "stalled"
    assert h.reasons == ["The last 3 sessions were missed (cancelled or no-show)"]


def test_a_held_session_breaks_the_run_and_a_rescheduled_one_is_skipped() -> None:
    assert health(s(30, "no-show"), s(20), s(10, "no-show")).status == "on-track"
    h = health(s(30), s(20, "no-show"), s(15, "cancelled", "mentor", rescheduled_to=5))
    assert h.status == "on-track"
    h = health(
        s(30),
        s(20, "no-show"),
        s(15, "cancelled", "mentor", rescheduled_to=5),
        s(10, "no-show"),
    )
    assert h.reasons == ["The last 2 sessions were missed (cancelled or no-show)"]


# --- days since the last held session ----------------------------------------------------


@pytest.mark.parametrize(
    ("days_ago", "status"), [(44, "on-track"), (45, "at-risk"), (74, "at-risk"), (75, "stalled")]
)
def test_gap_against_a_monthly_agreement(days_ago: int, status: str) -> None:
    h = health(s(days_ago), s(-5, "planned"))
    assert h.status == status
    if status != "on-track":
        assert h.reasons == [f"No session held for {days_ago} days; the agreement says monthly"]


@pytest.mark.parametrize(("days_ago", "reason"), [(10, False), (11, True)])
def test_gap_against_a_weekly_agreement(days_ago: int, reason: bool) -> None:
    h = health(s(days_ago), every_days=7)
    assert h.reasons == (
        [f"No session held for {days_ago} days; the agreement says weekly"] if reason else []
    )


def test_gap_without_an_agreement_uses_the_default_rhythm() -> None:
    h = health(s(50), every_days=None)
    assert h.reasons == ["No session held for 50 days; the default rhythm is monthly"]
    h = health(s(50), every_days=None, thresholds=HealthThresholds(default_every_days=42))
    assert h.status == "on-track"


@pytest.mark.parametrize(("days_ago", "status"), [(44, "on-track"), (45, "at-risk")])
def test_no_session_held_yet_counts_from_the_first_one(days_ago: int, status: str) -> None:
    h = health(s(days_ago, "planned"), s(days_ago - 30, "planned"))
    assert h.status == status
    if status == "at-risk":
        first = (TODAY - timedelta(days=days_ago)).isoformat()
        assert h.reasons == [
            f"No session held yet, {days_ago} days after the first one ({first}); "
            "the agreement says monthly"
        ]


@pytest.mark.parametrize(
    ("idle", "status"), [(20, "on-track"), (21, "at-risk"), (74, "at-risk"), (75, "stalled")]
)
def test_no_session_planned_after_pairing(idle: int, status: str) -> None:
    """Never met: at risk after three weeks, stalled once as long as a pair that met would be
    (2.5 times the monthly rhythm): nine months idle read 'at risk' for ever."""
    h = health(paired_on=TODAY - timedelta(days=idle))
    assert h.status == status
    reason = status != "on-track"
    assert h.reasons == ([f"No session planned {idle} days after pairing"] if reason else [])


# --- role reversion, overdue actions, unsigned agreement ---------------------------------


def test_role_reversals() -> None:
    assert health(s(40, reversal=True), s(10)).status == "on-track"
    h = health(s(40, reversal=True), s(10, reversal=True))
    assert h.status == "at-risk"
    assert h.reasons == [
        "The senior gave advice instead of listening in 2 sessions (role reversal)"
    ]


def action(n: int, due_days_ago: int | None, done: bool = False) -> Action:
    due = None if due_days_ago is None else TODAY - timedelta(days=due_days_ago)
    return Action(n, 1, f"Action {n}", "mentee", due=due, done_on=TODAY if done else None)


def test_overdue_actions() -> None:
    not_late = [action(1, 0), action(2, None), action(3, 30, done=True)]
    one = [*not_late, action(4, 3)]
    assert health(s(10), actions=one).status == "on-track"
    two = [*one, action(5, 10)]
    h = health(s(10), actions=two)
    assert h.status == "at-risk"
    assert h.reasons == ["2 actions are overdue (the oldest by 10 days)"]


@pytest.mark.parametrize(("days_ago", "reason"), [(0, False), (1, True)])
def test_agreement_unsigned_after_the_first_session(days_ago: int, reason: bool) -> None:
    h = health(s(days_ago, "planned"), agreement_signed=False)
    first = (TODAY - timedelta(days=days_ago)).isoformat()
    expected = [f"The agreement is still unsigned 1 day after the first session ({first})"]
    assert h.reasons == (expected if reason else [])
    assert health(s(days_ago, "planned"), agreement_signed=True).reasons == []
    assert health(agreement_signed=False).reasons == []


def test_every_reason_is_named_when_everything_goes_wrong() -> None:
    h = health(
        s(100, reversal=True),
        s(90, reversal=True),
        s(80, "cancelled", "mentee"),
        s(70, "cancelled", "mentee"),
        s(60, "no-show"),
        actions=[action(1, 5), action(2, 6)],
        agreement_signed=False,
    )
    assert h.status == "stalled"
    assert h.reasons == [
        "The senior (mentee) cancelled 2 of the last 3 sessions",
        "The last 3 sessions were missed (cancelled or no-show)",
        "No session held for 90 days; the agreement says monthly",
        "The senior gave advice instead of listening in 2 sessions (role reversal)",
        "2 actions are overdue (the oldest by 6 days)",
        "The agreement is still unsigned 100 days after the first session (2026-02-21)",
    ]


def test_thresholds_are_settings() -> None:
    strict = HealthThresholds(senior_cancellations=1, misses_at_risk=1, role_reversals=1)
    h = health(s(20), s(10, "cancelled", "mentee"), thresholds=strict)
    assert h.reasons == [
        "The senior (mentee) cancelled 1 of the last 2 sessions",
        "The last session was missed (cancelled or no-show)",
    ]


def test_describe_rhythm() -> None:
    assert [describe_rhythm(d) for d in (7, 14, 30, 42, 10)] == [
        "weekly",
        "fortnightly",
        "monthly",
        "every 6 weeks",
        "every 10 days",
    ]


def test_assess_all_and_newly_worse() -> None:
    pairs = [facts(s(10)), facts(s(50)), facts(s(80))]
    pairs = [
        PairFacts(i, f.sessions, TODAY, agreement_signed=True, every_days=30)
        for i, f in enumerate(pairs, 1)
    ]
    result = assess_all(pairs)
    assert [h.status for h in result] == ["on-track", "at-risk", "stalled"]
    worse = newly_worse({1: "on-track", 2: "at-risk", 3: "at-risk"}, result)
    assert [h.pair_id for h in worse] == [3]
    assert [h.pair_id for h in newly_worse({}, result)] == [2, 3]


STATUSES = st.sampled_from(["planned", "held", "cancelled", "no-show"])


@given(
    st.lists(
        st.tuples(st.integers(-60, 400), STATUSES, st.sampled_from([None, "mentor", "mentee"])),
        max_size=14,
    ),
    st.booleans(),
)
def test_status_and_reasons_agree(spec: list[tuple[int, str, str | None]], signed: bool) -> None:
    sessions = [s(d, st_, by if st_ == "cancelled" else None) for d, st_, by in spec]
    h = health(*sessions, agreement_signed=signed)
    assert (h.status == "on-track") == (not h.reasons)
    assert len(set(h.reasons)) == len(h.reasons)
