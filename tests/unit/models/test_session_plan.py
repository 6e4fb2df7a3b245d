"""Session plans: every rhythm of the agreement, month ends, weekends, defaults, safe refresh."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from rmdesk.models.actions import Action, days_overdue, is_overdue, overdue_actions
from rmdesk.models.sessions import (
    DefaultRhythm,
    PlannedSession,
    Session,
    add_months,
    default_plan,
    frequency_days,
    normalise_frequency,
    plan_sessions,
    refresh_plan,
)

BERLIN = ZoneInfo("Europe/Berlin")
PLUS1 = timezone(timedelta(hours=1))


def days(plan: list[PlannedSession]) -> list[date]:
    return [p.starts_at.date() for p in plan]


@pytest.mark.parametrize(
    ("frequency", "step"), [("weekly", 7), ("fortnightly", 14), ("every 6 weeks", 42)]
)
def test_fixed_rhythms_step_by_days(frequency: str, step: int) -> None:
    first = datetime(2026, 1, 6, 10, 0, tzinfo=PLUS1)  # a Tuesday
    plan = plan_sessions(first, frequency, 6, 45, "Café Lumen")
    assert days(plan) == [date(2026, 1, 6) + timedelta(days=step * n) for n in range(6)]
    assert all(p.starts_at.time() == time(10, 0) for p in plan)
    assert all(p.duration_min == 45 and p.place == "Café Lumen" for p in plan)
    assert all(p.starts_at.utcoffset() == timedelta(hours=1) for p in plan)


def test_monthly_keeps_the_day_and_clamps_to_month_end() -> None:
    first = datetime(2024, 1, 31, 9, 30, tzinfo=PLUS1)  # a Wednesday; 2024 is a leap year
    plan = plan_sessions(first, "monthly", 6, 60)
    # 29 Feb is a Thursday; 31 Mar 2024 is a Sunday: Monday would be April, so Friday 29 Mar.
    assert days(plan) == [
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 29),
        date(2024, 4, 30),
        date(2024, 5, 31),
        date(2024, 6, 28),  # 30 Jun 2024 is a Sunday: the Friday before, still June
    ]


def test_monthly_in_a_common_year_and_over_new_year() -> None:
    first = datetime(2026, 11, 30, 10, 0)  # Monday
    # 30 Dec (Wed); 30 Jan 2027 is a Saturday and 28 Feb a Sunday: Monday would be the next
    # month, so the Friday before (every month keeps its session).
    assert days(plan_sessions(first, "monthly", 4, 60)) == [
        date(2026, 11, 30),
        date(2026, 12, 30),
        date(2027, 1, 29),
        date(2027, 2, 26),
    ]


def test_add_months_clamps_without_drifting() -> None:
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 1, 31), 2) == date(2025, 3, 31)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 11, 15), 3) == date(2026, 2, 15)
    assert add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)


def test_weekend_dates_move_to_monday_only_for_weekday_pairs() -> None:
    saturday = datetime(2026, 1, 3, 11, 0)
    assert days(plan_sessions(saturday, "monthly", 3, 60)) == [
        date(2026, 1, 3),
        date(2026, 2, 3),
        date(2026, 3, 3),
    ]
    weekly_on_saturday = plan_sessions(saturday, "weekly", 3, 60)
    assert [d.weekday() for d in days(weekly_on_saturday)] == [5, 5, 5]


def test_zoneinfo_keeps_wall_clock_across_daylight_saving() -> None:
    first = datetime(2026, 3, 2, 10, 0, tzinfo=BERLIN)  # winter time, +01:00
    plan = plan_sessions(first, "monthly", 3, 60)
    assert [p.starts_at.hour for p in plan] == [10, 10, 10]
    assert [p.starts_at.utcoffset() for p in plan] == [
        timedelta(hours=1),
        timedelta(hours=2),  # 2 April: summer time
        timedelta(hours=2),
    ]
    # A fixed offset (a parsed ISO string) converted into the zone plans the same way.
    parsed = datetime.fromisoformat("2026-03-02T10:00:00+01:00")
    assert plan_sessions(parsed, "monthly", 3, 60, tz=BERLIN) == plan


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("Weekly", "weekly"),
        ("every 2 weeks", "fortnightly"),
        ("Bi-weekly", "fortnightly"),
        ("  Every   6 weeks ", "every 6 weeks"),
        ("every month", "monthly"),
    ],
)
def test_frequency_spellings(spelling: str, canonical: str) -> None:
    assert normalise_frequency(spelling) == canonical


def test_unknown_frequency_and_bad_counts_are_refused() -> None:
    first = datetime(2026, 1, 5, 10)
    with pytest.raises(ValueError, match="unknown session frequency 'daily'"):
        plan_sessions(first, "daily", 3, 60)
    with pytest.raises(ValueError, match="at least one session"):
        plan_sessions(first, "weekly", 0, 60)
    with pytest.raises(ValueError, match="at least a minute"):
        plan_sessions(first, "weekly", 3, 0)
    assert frequency_days("every 6 weeks") == 42


def test_default_plan_follows_the_rhythm_inside_the_cohort() -> None:
    plan = default_plan(date(2026, 1, 12), date(2026, 7, 31), tz=BERLIN)
    assert len(plan) == 6
    assert days(plan)[0] == date(2026, 1, 12)
    assert days(plan)[-1] == date(2026, 6, 12)
    assert all(p.starts_at.hour == 10 and p.duration_min == 60 for p in plan)
    assert all(p.starts_at.tzinfo is BERLIN for p in plan)


def test_default_plan_spreads_over_a_short_cohort() -> None:
    plan = default_plan(date(2026, 1, 12), date(2026, 3, 31))
    got = days(plan)
    assert len(got) == 6
    assert got[0] == date(2026, 1, 12) and got[-1] == date(2026, 3, 31)
    assert got == sorted(got) and all(d.weekday() < 5 for d in got)
    assert all(date(2026, 1, 12) <= d <= date(2026, 3, 31) for d in got)


def test_default_plan_without_cohort_dates_starts_after_today() -> None:
    rhythm = DefaultRhythm(count=3, frequency="fortnightly", length_min=45, at=time(14, 0))
    plan = default_plan(None, None, rhythm, today=date(2026, 5, 6))  # a Wednesday
    assert days(plan) == [date(2026, 5, 13), date(2026, 5, 27), date(2026, 6, 10)]
    assert plan[0].starts_at.time() == time(14, 0) and plan[0].duration_min == 45
    with pytest.raises(ValueError, match="start date or today"):
        default_plan(None, date(2026, 6, 1))


def test_default_plan_on_a_weekend_start_moves_to_monday() -> None:
    plan = default_plan(date(2026, 1, 10), None)  # a Saturday
    assert days(plan)[0] == date(2026, 1, 12)


# --- refreshing a plan -------------------------------------------------------------------

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=PLUS1)


def stored(plan: list[PlannedSession], first_id: int = 1, pair_id: int = 7) -> list[Session]:
    return [
        Session(first_id + i, pair_id, p.starts_at, p.duration_min, place=p.place)
        for i, p in enumerate(plan)
    ]


def monthly(count: int = 6, **kw: object) -> list[PlannedSession]:
    first = datetime(2026, 1, 12, 10, 0, tzinfo=PLUS1)
    return plan_sessions(first, "monthly", count, 60, **kw)  # type: ignore[arg-type]


def test_refresh_of_an_unchanged_plan_changes_nothing() -> None:
    existing = stored(monthly())
    existing[0] = replace(existing[0], status="held")
    existing[1] = replace(existing[1], status="held")
    refresh = refresh_plan(existing, monthly(), NOW)
    assert refresh.changes == 0
    assert sorted(s.id for s in refresh.keep) == [1, 2, 3, 4, 5, 6]


def test_refresh_keeps_history_and_replaces_future_planned_sessions() -> None:
    existing = stored(monthly())
    existing[0] = replace(existing[0], status="held", learnings="Used the new app")
    existing[1] = replace(existing[1], status="cancelled", cancelled_by="mentee")
    existing[2] = replace(existing[2], status="no-show")  # 12 March, in the past
    fresh = plan_sessions(datetime(2026, 1, 12, 10, tzinfo=PLUS1), "fortnightly", 6, 45)
    refresh = refresh_plan(existing, fresh, NOW)
    kept = {s.id for s in refresh.keep}
    assert {1, 2, 3} <= kept
    assert {s.id for s in refresh.drop} == {4, 5, 6}
    # Held and no-show used two of six; the cancellation does not count: four may remain,
    # but only the fresh dates after now are planned (fortnightly from 12 Jan: only 23 Mar).
    assert [(p.starts_at.date(), p.duration_min) for p in refresh.add] == [(date(2026, 3, 23), 45)]
    later = plan_sessions(datetime(2026, 3, 23, 10, tzinfo=PLUS1), "fortnightly", 6, 45)
    refresh = refresh_plan(existing, later, NOW)
    assert [p.starts_at.date() for p in refresh.add] == [
        date(2026, 3, 23),
        date(2026, 4, 6),
        date(2026, 4, 20),
        date(2026, 5, 4),
    ]


def test_refresh_keeps_a_rescheduled_session_set_by_hand() -> None:
    existing = stored(monthly())
    new_date = Session(50, 7, datetime(2026, 4, 15, 10, tzinfo=PLUS1))
    existing[3] = replace(existing[3], status="cancelled", rescheduled_to=50)  # 13 April
    existing.append(new_date)
    refresh = refresh_plan(existing, monthly(), NOW)
    assert {4, 50} <= {s.id for s in refresh.keep}
    # three past sessions and the replacement use four of six: 12 May and 12 June remain
    assert {s.id for s in refresh.keep} == {1, 2, 3, 4, 5, 6, 50}
    assert refresh.changes == 0
    refresh = refresh_plan(existing, monthly(count=5), NOW)
    assert [s.id for s in refresh.drop] == [6]


def test_refresh_keeps_past_planned_sessions_waiting_to_be_logged() -> None:
    existing = stored(monthly())
    refresh = refresh_plan(existing, monthly(), NOW)
    assert refresh.changes == 0
    assert {s.id for s in refresh.keep} == {1, 2, 3, 4, 5, 6}


def test_refresh_updates_length_and_place_without_a_new_id() -> None:
    existing = stored(monthly())
    refresh = refresh_plan(existing, monthly(place="Garden room"), NOW)
    assert [(s.id, p.place) for s, p in refresh.update] == [
        (4, "Garden room"),
        (5, "Garden room"),
        (6, "Garden room"),
    ]
    assert not refresh.add and not refresh.drop


def test_refresh_with_fewer_sessions_drops_the_surplus() -> None:
    existing = stored(monthly())
    refresh = refresh_plan(existing, monthly(count=4), NOW)
    assert [s.id for s in refresh.drop] == [5, 6]
    assert not refresh.add


def test_refresh_drops_a_duplicate_at_the_same_time() -> None:
    existing = [*stored(monthly()), Session(99, 7, monthly()[4].starts_at)]
    refresh = refresh_plan(existing, monthly(), NOW)
    assert [s.id for s in refresh.drop] == [99]


def test_refresh_of_an_empty_pair_adds_only_future_dates() -> None:
    refresh = refresh_plan([], monthly(), NOW)
    assert [p.starts_at.date() for p in refresh.add] == [
        date(2026, 4, 13),  # 12 April 2026 is a Sunday
        date(2026, 5, 12),
        date(2026, 6, 12),
    ]


# --- actions ------------------------------------------------------------------------------


def test_overdue_actions() -> None:
    today = date(2026, 3, 20)
    due_today = Action(1, 7, "Try the app", "mentee", due=today)
    late = Action(2, 7, "Share the survey", "sponsor", due=date(2026, 3, 1))
    later = Action(3, 7, "Visit the call centre", "Priya Shah", due=date(2026, 3, 10))
    done = Action(4, 7, "Read the report", "mentor", due=date(2026, 3, 1), done_on=today)
    undated = Action(5, 7, "Keep listening", "mentee")
    assert not is_overdue(due_today, today)
    assert is_overdue(late, today) and days_overdue(late, today) == 19
    assert not is_overdue(done, today) and days_overdue(done, today) == 0
    assert not is_overdue(undated, today)
    assert [a.id for a in overdue_actions([due_today, later, late, done, undated], today)] == [
        2,
        3,
    ]
    assert late.owner_is_role and not later.owner_is_role


# --- stored rows ----------------------------------------------------------------------------


def test_session_and_action_rows_round_trip_through_the_real_schema() -> None:
    from sqlite_utils import Database

    from rmdesk.storage import migrations

    db = Database(memory=True)
    migrations.apply(db)
    db["cohorts"].insert({"id": 1, "name": "2026", "created_at": "2026-01-01"})
    db["employees"].insert_all(
        [{"employee_id": "J1", "name": "Jo"}, {"employee_id": "S1", "name": "Sam"}]
    )
    pair = {
        "id": 7,
        "cohort_id": 1,
        "mentor_id": "J1",
        "mentee_id": "S1",
        "created_at": "2026-01-01",
    }
    db["pairs"].insert(pair)
    moved = Session(
        1,
        7,
        datetime(2026, 3, 2, 10, tzinfo=PLUS1),
        45,
        "cancelled",
        cancelled_by="mentee",
        cancel_reason="Board meeting",
        place="Café",
        role_reversal=True,
        confidential_notes="private",
        rescheduled_to=2,
        updated_at=datetime(2026, 3, 1, 9, 30, tzinfo=PLUS1),
    )
    new = Session(2, 7, datetime(2026, 3, 9, 10, tzinfo=PLUS1), topics="Hybrid work")
    db["sessions"].insert_all([new.to_row(), moved.to_row()])
    rows = list(db.query("SELECT * FROM sessions ORDER BY id"))
    assert [Session.from_row(r) for r in rows] == [moved, new]
    assert rows[0]["starts_at"] == "2026-03-02T10:00+01:00"

    open_action = Action(1, 7, "Try the app", "mentee", due=date(2026, 4, 1), session_id=1)
    done = Action(2, 7, "Share the survey", "Priya Shah", done_on=date(2026, 4, 2))
    db["actions"].insert_all([open_action.to_row(), done.to_row()])
    rows = list(db.query("SELECT * FROM actions ORDER BY id"))
    assert [Action.from_row(r) for r in rows] == [open_action, done]
    assert [r["done"] for r in rows] == [0, 1]


def test_rows_with_values_the_schema_forbids_are_refused() -> None:
    row = Session(1, 7, datetime(2026, 3, 2, 10, tzinfo=PLUS1)).to_row()
    with pytest.raises(ValueError, match="unknown session status 'postponed'"):
        Session.from_row({**row, "status": "postponed"})
    with pytest.raises(ValueError, match="unknown canceller 'sponsor'"):
        Session.from_row({**row, "status": "cancelled", "cancelled_by": "sponsor"})


def test_every_frequency_an_agreement_offers_can_be_planned() -> None:
    """The agreement's vocabulary and the planner's agree, so `rmdesk plan` never refuses."""
    from datetime import datetime

    from rmdesk.models.agreements import FREQUENCIES as AGREED
    from rmdesk.models.sessions import FREQUENCY_DAYS, plan_sessions

    first = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
    for frequency in AGREED:
        assert frequency in FREQUENCY_DAYS
        assert len(plan_sessions(first, frequency, 4, 60)) == 4
    gaps = plan_sessions(first, "every 3 weeks", 3, 60)
    assert (gaps[1].starts_at - gaps[0].starts_at).days == 21


def test_a_monthly_plan_keeps_a_session_in_every_month() -> None:
    """30 Jan 2026 is a Friday: 28 Feb and 30 May are Saturdays. Moved to the Monday they
    left February and May without a session (the dashboard's chart skipped the month)."""
    from datetime import datetime

    from rmdesk.models.sessions import plan_sessions

    plan = plan_sessions(datetime(2026, 1, 30, 10, tzinfo=UTC), "monthly", 6, 60)
    days = [p.starts_at.date() for p in plan]
    assert [d.month for d in days] == [1, 2, 3, 4, 5, 6]
    assert all(d.weekday() < 5 for d in days)
    assert days[1] == date(2026, 2, 27) and days[4] == date(2026, 5, 29)  # the Friday before
    assert days[2] == date(2026, 3, 30)  # a weekday stays where it is
