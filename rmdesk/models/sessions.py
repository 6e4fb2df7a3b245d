"""Mentoring sessions and their plan: generating dates from an agreed rhythm, and refreshing a
pair's plan without touching its history."""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Final, Literal, cast

SessionStatus = Literal["planned", "held", "cancelled", "no-show"]
CancelledBy = Literal["mentor", "mentee"]

PLANNED: Final = "planned"
HELD: Final = "held"
CANCELLED: Final = "cancelled"
NO_SHOW: Final = "no-show"
SESSION_STATUSES: Final = (PLANNED, HELD, CANCELLED, NO_SHOW)
#: Statuses that record what happened; a plan refresh never touches them.
LOGGED_STATUSES: Final = frozenset({HELD, CANCELLED, NO_SHOW})
#: A missed session: it did not take place (the rules of commitment health count these).
MISSED_STATUSES: Final = frozenset({CANCELLED, NO_SHOW})
CANCELLERS: Final = ("mentor", "mentee")

#: The agreement's vocabulary of rhythms and the days between two sessions ("monthly" steps by
#: calendar month when planning; 30 days is its length for the health rules).
FREQUENCY_DAYS: Final[dict[str, int]] = {
    "weekly": 7,
    "fortnightly": 14,
    "every 3 weeks": 21,
    "monthly": 30,
    "every 6 weeks": 42,
}
FREQUENCIES: Final = tuple(FREQUENCY_DAYS)
_FREQUENCY_ALIASES: Final = {
    "every week": "weekly",
    "biweekly": "fortnightly",
    "bi weekly": "fortnightly",
    "every 2 weeks": "fortnightly",
    "every two weeks": "fortnightly",
    "every three weeks": "every 3 weeks",
    "every month": "monthly",
    "every six weeks": "every 6 weeks",
}


@dataclass(frozen=True, slots=True)
class Session:
    """One session of a pair as stored: ``starts_at`` is local time with its UTC offset.

    ``confidential_notes`` never leave the app unless the officer explicitly asks; exports and
    reports must not read them. ``rescheduled_to`` is the id of the session that replaced this
    one (a cancelled session keeps the link to its new date)."""

    id: int
    pair_id: int
    starts_at: datetime
    duration_min: int = 60
    status: SessionStatus = PLANNED
    cancelled_by: CancelledBy | None = None
    cancel_reason: str = ""
    place: str = ""
    topics: str = ""
    learnings: str = ""
    role_reversal: bool = False
    confidential_notes: str = field(default="", repr=False)
    rescheduled_to: int | None = None
    updated_at: datetime | None = None

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_min)

    @property
    def is_logged(self) -> bool:
        """True once the session's outcome is recorded (held, cancelled or no-show)."""
        return self.status in LOGGED_STATUSES

    @classmethod
    def from_row(cls, row: Mapping[str, object]) -> Session:
        """A session from its stored columns (``sessions`` table); ISO texts are parsed here,
        once, so the rules never parse. Raises ValueError on a status the schema forbids."""
        status = str(row["status"])
        if status not in SESSION_STATUSES:
            raise ValueError(f"unknown session status {status!r}")
        by = row.get("cancelled_by")
        if by is not None and by not in CANCELLERS:
            raise ValueError(f"unknown canceller {by!r}")
        moved = row.get("rescheduled_to")
        updated = row.get("updated_at")
        return cls(
            id=int(cast(int, row["id"])),
            pair_id=int(cast(int, row["pair_id"])),
            starts_at=datetime.fromisoformat(str(row["starts_at"])),
            duration_min=int(cast(int, row.get("duration_min") or 60)),
            status=cast(SessionStatus, status),
            cancelled_by=by,
            cancel_reason=str(row.get("cancel_reason") or ""),
            place=str(row.get("place") or ""),
            topics=str(row.get("topics") or ""),
            learnings=str(row.get("learnings") or ""),
            role_reversal=bool(row.get("role_reversal")),
            confidential_notes=str(row.get("confidential_notes") or ""),
            rescheduled_to=None if moved is None else int(cast(int, moved)),
            updated_at=None if not updated else datetime.fromisoformat(str(updated)),
        )

    def to_row(self) -> dict[str, object]:
        """The stored columns of this session (``id`` included; drop it to insert)."""
        return {
            "id": self.id,
            "pair_id": self.pair_id,
            "starts_at": self.starts_at.isoformat(timespec="minutes"),
            "duration_min": self.duration_min,
            "status": self.status,
            "cancelled_by": self.cancelled_by,
            "cancel_reason": self.cancel_reason,
            "place": self.place,
            "topics": self.topics,
            "learnings": self.learnings,
            "role_reversal": int(self.role_reversal),
            "confidential_notes": self.confidential_notes,
            "rescheduled_to": self.rescheduled_to,
            "updated_at": None if self.updated_at is None else self.updated_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class PlannedSession:
    """A date the plan proposes, not stored yet."""

    starts_at: datetime
    duration_min: int = 60
    place: str = ""


def normalise_frequency(frequency: str) -> str:
    """The vocabulary's spelling of ``frequency`` ("Every 2 weeks" → "fortnightly").

    Raises ValueError naming the known rhythms when it is none of them."""
    key = " ".join(frequency.lower().replace("-", " ").split())
    key = _FREQUENCY_ALIASES.get(key, key)
    if key not in FREQUENCY_DAYS:
        known = ", ".join(repr(f) for f in FREQUENCIES)
        raise ValueError(f"unknown session frequency {frequency!r}; use one of {known}")
    return key


def frequency_days(frequency: str) -> int:
    """Days between two sessions at ``frequency`` (monthly counts as 30)."""
    return FREQUENCY_DAYS[normalise_frequency(frequency)]


def add_months(day: date, months: int) -> date:
    """``day`` moved ``months`` calendar months on, clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def _weekday_on_or_after(day: date) -> date:
    """A Saturday or Sunday becomes the following Monday."""
    wd = day.weekday()
    return day + timedelta(days=7 - wd) if wd >= 5 else day


def _at(day: date, wall: time, tz: tzinfo | None) -> datetime:
    return datetime.combine(day, wall, tzinfo=tz)


def plan_sessions(
    first: datetime,
    frequency: str,
    count: int,
    length_min: int,
    place: str = "",
    *,
    tz: tzinfo | None = None,
) -> list[PlannedSession]:
    """``count`` sessions from ``first`` at the agreed rhythm, all at ``first``'s wall-clock time.

    Monthly sessions keep ``first``'s day of the month, clamped to the end of shorter months and
    counted from ``first`` each time (31 Jan → 29 Feb → 31 Mar, never drifting to the 29th).
    When ``first`` falls on a weekday, a date landing on a weekend moves to the next Monday
    (a monthly one to the Friday before when that Monday is in the next month: every month
    keeps its session); a pair whose first session is on a weekend has chosen weekends.

    Times keep ``first``'s wall clock in ``tz`` (default: ``first``'s own tzinfo). Pass a
    ``zoneinfo.ZoneInfo`` so offsets follow daylight saving; with a fixed offset (a parsed
    ISO string) the offset is kept as it is."""
    if count < 1:
        raise ValueError(f"a plan needs at least one session, not {count}")
    if length_min < 1:
        raise ValueError(f"a session lasts at least a minute, not {length_min}")
    rhythm = normalise_frequency(frequency)
    zone = tz if tz is not None else first.tzinfo
    if tz is not None and first.tzinfo is not None:
        first = first.astimezone(tz)
    start_day, wall = first.date(), first.time().replace(tzinfo=None)
    weekdays_only = start_day.weekday() < 5
    out: list[PlannedSession] = []
    for n in range(count):
        if rhythm == "monthly":
            day = add_months(start_day, n)
        else:
            day = start_day + timedelta(days=FREQUENCY_DAYS[rhythm] * n)
        if weekdays_only:
            moved = _weekday_on_or_after(day)
            if rhythm == "monthly" and moved.month != day.month:
                moved = _last_weekday_on_or_before(day)  # a monthly session stays in its month
            day = moved
        out.append(PlannedSession(_at(day, wall, zone), length_min, place))
    return out


@dataclass(frozen=True, slots=True)
class DefaultRhythm:
    """The plan of a pair without a signed agreement (a setting; these are its defaults)."""

    count: int = 6
    frequency: str = "monthly"
    length_min: int = 60
    at: time = time(10, 0)
    place: str = ""
    #: Without a cohort start date, the first session is this many days after ``today``.
    lead_days: int = 7


def default_plan(
    cohort_starts: date | None,
    cohort_ends: date | None,
    rhythm: DefaultRhythm | None = None,
    *,
    today: date | None = None,
    tz: tzinfo | None = None,
) -> list[PlannedSession]:
    """The plan for a pair with no signed agreement, spread over the cohort's dates.

    The first session is on the cohort's start (or ``rhythm.lead_days`` after ``today`` when the
    cohort has no start), then every step of ``rhythm``. When that would run past the cohort's
    end, the sessions are spread evenly from start to end instead, on weekdays. Times are
    ``rhythm.at`` in ``tz`` (naive wall-clock times when ``tz`` is None)."""
    rhythm = rhythm or DefaultRhythm()
    if cohort_starts is not None:
        start = cohort_starts
    elif today is not None:
        start = today + timedelta(days=rhythm.lead_days)
    else:
        raise ValueError("a default plan needs the cohort's start date or today's date")
    first = _at(_weekday_on_or_after(start), rhythm.at, tz)
    plan = plan_sessions(first, rhythm.frequency, rhythm.count, rhythm.length_min, rhythm.place)
    if cohort_ends is None or plan[-1].starts_at.date() <= cohort_ends or rhythm.count == 1:
        return plan
    span = (cohort_ends - first.date()).days
    if span <= 0:
        return plan[:1]
    step = rhythm.count - 1
    offsets = (timedelta(days=span * n // step) for n in range(rhythm.count))
    days = sorted({_last_weekday_on_or_before(first.date() + off) for off in offsets})
    return [PlannedSession(_at(d, rhythm.at, tz), rhythm.length_min, rhythm.place) for d in days]


def _last_weekday_on_or_before(day: date) -> date:
    """A Saturday or Sunday becomes the Friday before (so a spread plan ends inside the cohort)."""
    wd = day.weekday()
    return day - timedelta(days=wd - 4) if wd >= 5 else day


@dataclass(frozen=True)
class PlanRefresh:
    """What re-running the plan does: ``keep`` stays untouched, ``update`` gets new length or
    place at the same time, ``drop`` is deleted (future planned sessions only) and ``add`` is
    inserted. Applying it twice in a row changes nothing the second time."""

    keep: list[Session] = field(default_factory=list)
    update: list[tuple[Session, PlannedSession]] = field(default_factory=list)
    drop: list[Session] = field(default_factory=list)
    add: list[PlannedSession] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return len(self.update) + len(self.drop) + len(self.add)


def refresh_plan(
    existing: Sequence[Session], fresh: Sequence[PlannedSession], now: datetime
) -> PlanRefresh:
    """Decide how ``fresh`` replaces a pair's plan so that ``rmdesk plan`` can be re-run safely.

    History stays: held, cancelled and no-show sessions, and planned sessions whose time has
    passed (they wait to be logged). Each of those uses up one session of the plan, except a
    cancellation (it did not take place). The rest of the fresh plan — only its dates after
    ``now``, at most as many as remain — replaces the future planned sessions; one already at
    the same start time is kept with its id (so calendar UIDs stay), the others are dropped.
    A session that replaces a rescheduled one was set by hand and stays, using up a session.
    A cancelled session is not made up automatically: the officer adds one. Start times and
    ``now`` must all carry an offset (or all be naive) to be compared."""
    result = PlanRefresh()
    taken: set[datetime] = set()
    future_planned: dict[datetime, Session] = {}
    used = 0
    replacements = {s.rescheduled_to for s in existing if s.rescheduled_to is not None}
    for s in existing:
        if s.status == PLANNED and s.starts_at > now and s.id not in replacements:
            future_planned.setdefault(s.starts_at, s)
            if future_planned[s.starts_at] is not s:
                result.drop.append(s)  # a duplicate at the same time
            continue
        result.keep.append(s)
        taken.add(s.starts_at)
        if s.status != CANCELLED:
            used += 1
    remaining = max(0, len(fresh) - used)
    wanted = [p for p in fresh if p.starts_at > now and p.starts_at not in taken][:remaining]
    for p in wanted:
        match = future_planned.pop(p.starts_at, None)
        if match is None:
            result.add.append(p)
        elif match.duration_min != p.duration_min or match.place != p.place:
            result.update.append((match, p))
        else:
            result.keep.append(match)
    result.drop.extend(future_planned.values())
    return result


#: How a pair ends: completed at the programme's end, or early for one of these reasons.
OUTCOMES: Final = ("completed", "no-fault", "left", "mismatch", "other")
#: How a pair's end reads to the officer.
OUTCOME_WORDS = {
    "completed": "Completed the programme",
    "no-fault": "Ended early: no-fault exit",
    "left": "Ended early: a person left the company",
    "mismatch": "Ended early: mismatch",
    "other": "Ended early: other reason",
}


def cast_status(text: str) -> SessionStatus:
    """A status from user input; ValueError names the allowed ones."""
    if text not in SESSION_STATUSES:
        raise ValueError(f"'{text}' is not a session status; use {', '.join(SESSION_STATUSES)}")
    return cast(SessionStatus, text)
