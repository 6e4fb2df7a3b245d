"""Commitment health: is a pair on track, at risk or stalled, and why, in a sentence per reason.

Pure rules over facts the caller has already read and parsed, so a whole cohort is assessed in
one pass with no parsing: a senior who keeps cancelling is the classic failure and weighs most.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final, Literal

from rmdesk.models.actions import Action
from rmdesk.models.sessions import CANCELLED, HELD, MISSED_STATUSES, PLANNED, Session

HealthStatus = Literal["on-track", "at-risk", "stalled"]
ON_TRACK: Final = "on-track"
AT_RISK: Final = "at-risk"
STALLED: Final = "stalled"
#: Best to worst, for sorting and for "did this pair get worse since the officer last looked".
HEALTH_STATUSES: Final = (ON_TRACK, AT_RISK, STALLED)
HEALTH_RANK: Final[dict[str, int]] = {s: i for i, s in enumerate(HEALTH_STATUSES)}

_RHYTHM_NAMES: Final = {7: "weekly", 14: "fortnightly", 30: "monthly", 31: "monthly"}


@dataclass(frozen=True, slots=True)
class HealthThresholds:
    """When a pair's facts become a reason; each count or factor is reached "at" its value."""

    #: How many of the most recent logged sessions the cancellation rules look at.
    recent_sessions: int = 3
    #: Cancellations by the senior within that window: at risk, then stalled.
    senior_cancellations: int = 2
    senior_cancellations_stalled: int = 3
    #: Cancellations by the junior weigh less: it takes more of them.
    junior_cancellations: int = 3
    #: Days since the last held session, as a multiple of the agreed days between sessions.
    gap_at_risk: float = 1.5
    gap_stalled: float = 2.5
    #: The rhythm assumed when no agreement gives one.
    default_every_days: int = 30
    #: Missed sessions (cancelled or no-show) in a row, the most recent ones.
    misses_at_risk: int = 2
    misses_stalled: int = 3
    #: Held sessions where the senior gave advice instead of listening.
    role_reversals: int = 2
    overdue_actions: int = 2
    #: Days after the first session's date with the agreement still unsigned.
    unsigned_after_days: int = 1
    #: Days after pairing with no session planned at all.
    unplanned_after_days: int = 21


DEFAULT_THRESHOLDS: Final = HealthThresholds()


@dataclass(frozen=True, slots=True)
class PairFacts:
    """What the rules need to know about one pair, already parsed.

    ``sessions`` are in start order; ``every_days`` is the agreed number of days between
    sessions (None without an agreement); in reverse mentoring the mentee is the senior."""

    pair_id: int
    sessions: Sequence[Session]
    today: date
    actions: Sequence[Action] = ()
    agreement_signed: bool = False
    every_days: int | None = None
    senior_role: Literal["mentor", "mentee"] = "mentee"
    paired_on: date | None = None


@dataclass(frozen=True, slots=True)
class Health:
    """A pair's status and the reasons for it, one plain sentence each (none when on track)."""

    pair_id: int
    status: HealthStatus
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of ``rmdesk health --json``."""
        return {"pair_id": self.pair_id, "status": self.status, "reasons": list(self.reasons)}


def describe_rhythm(every_days: int) -> str:
    """'weekly', 'monthly', 'every 6 weeks' or 'every 10 days' for a number of days."""
    if every_days in _RHYTHM_NAMES:
        return _RHYTHM_NAMES[every_days]
    if every_days % 7 == 0:
        return f"every {every_days // 7} weeks"
    return f"every {every_days} days"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def assess(facts: PairFacts, thresholds: HealthThresholds = DEFAULT_THRESHOLDS) -> Health:
    """Weigh one pair's sessions, actions and agreement into a status and its reasons."""
    t = thresholds
    today = facts.today
    senior = facts.senior_role
    sessions = facts.sessions
    reasons: list[str] = []
    stalled = False

    # One pass: the last held day, the logged sessions in order, role reversals.
    last_held: date | None = None
    logged: list[Session] = []
    reversals = 0
    for s in sessions:
        state = s.status
        if state == PLANNED:
            continue
        logged.append(s)
        if state == HELD:
            last_held = s.starts_at.date()
            if s.role_reversal:
                reversals += 1

    # Cancellations, and by whom, in the most recent logged sessions.
    recent = logged[-t.recent_sessions :] if t.recent_sessions > 0 else []
    by_senior = by_junior = 0
    for s in recent:
        if s.status == CANCELLED:
            if s.cancelled_by == senior:
                by_senior += 1
            elif s.cancelled_by is not None:
                by_junior += 1
    of_last = f"of the last {len(recent)} sessions" if len(recent) > 1 else "the last session"
    senior_name = f"senior ({senior})"
    junior_name = "junior (mentor)" if senior == "mentee" else "junior (mentee)"
    if by_senior >= t.senior_cancellations:
        stalled |= by_senior >= t.senior_cancellations_stalled
        reasons.append(f"The {senior_name} cancelled {by_senior} {of_last}")
    if by_junior >= t.junior_cancellations:
        reasons.append(f"The {junior_name} cancelled {by_junior} {of_last}")

    # Missed sessions in a row, the most recent first; a cancelled session that was
    # rescheduled is not lost yet and neither counts nor breaks the run.
    misses = 0
    for s in reversed(logged):
        if s.status in MISSED_STATUSES:
            if s.status == CANCELLED and s.rescheduled_to is not None:
                continue
            misses += 1
        else:
            break
    if misses >= t.misses_at_risk:
        stalled |= misses >= t.misses_stalled
        run = f"The last {misses} sessions were" if misses > 1 else "The last session was"
        reasons.append(f"{run} missed (cancelled or no-show)")

    # Days since the last held session against the agreed rhythm.
    every = facts.every_days or t.default_every_days
    said = (
        f"the agreement says {describe_rhythm(every)}"
        if facts.every_days
        else f"the default rhythm is {describe_rhythm(every)}"
    )
    first_day = sessions[0].starts_at.date() if sessions else None
    if last_held is not None:
        gap = (today - last_held).days
        if gap >= every * t.gap_at_risk:
            stalled |= gap >= every * t.gap_stalled
            reasons.append(f"No session held for {gap} days; {said}")
    elif first_day is not None and first_day < today:
        gap = (today - first_day).days
        if gap >= every * t.gap_at_risk:
            stalled |= gap >= every * t.gap_stalled
            reasons.append(
                f"No session held yet, {gap} days after the first one ({first_day.isoformat()}); "
                f"{said}"
            )
    elif first_day is None and facts.paired_on is not None:
        idle = (today - facts.paired_on).days
        if idle >= t.unplanned_after_days:
            # never met, for as long as a met pair's gap would make it stalled: stalled too
            stalled |= idle >= every * t.gap_stalled
            reasons.append(f"No session planned {idle} days after pairing")

    if reversals >= t.role_reversals:
        reasons.append(
            f"The senior gave advice instead of listening in {_plural(reversals, 'session')} "
            "(role reversal)"
        )

    overdue = 0
    oldest_due: date | None = None
    for a in facts.actions:
        due = a.due
        if a.done_on is None and due is not None and due < today:
            overdue += 1
            if oldest_due is None or due < oldest_due:
                oldest_due = due
    if overdue >= t.overdue_actions and oldest_due is not None:
        late = (today - oldest_due).days
        verb = "is" if overdue == 1 else "are"
        reasons.append(
            f"{_plural(overdue, 'action')} {verb} overdue (the oldest by {_plural(late, 'day')})"
        )

    if not facts.agreement_signed and first_day is not None:
        after = (today - first_day).days
        if after >= t.unsigned_after_days:
            reasons.append(
                f"The agreement is still unsigned {_plural(after, 'day')} after the first "
                f"session ({first_day.isoformat()})"
            )

    status: HealthStatus = STALLED if stalled else AT_RISK if reasons else ON_TRACK
    return Health(facts.pair_id, status, reasons)


def assess_all(
    facts: Iterable[PairFacts], thresholds: HealthThresholds = DEFAULT_THRESHOLDS
) -> list[Health]:
    """``assess`` for many pairs, in the order given."""
    return [assess(f, thresholds) for f in facts]


def newly_worse(before: dict[int, str], now: Iterable[Health]) -> list[Health]:
    """Pairs whose status got worse since ``before`` (pair id → status the officer last saw),
    for "Since you last looked: 2 pairs at risk". A pair not seen before counts from on track."""
    return [h for h in now if HEALTH_RANK[h.status] > HEALTH_RANK.get(before.get(h.pair_id, ""), 0)]
