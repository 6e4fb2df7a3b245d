"""Commitment health speed (``make bench``; prints, never asserts times).

Issue 11's goal: health for 1,000 pairs with 12 sessions each in at most 100 ms. The figure is
printed beside the goal and beside a floor: one bare loop over the same sessions reading the
status of each, the least any rule set that looks at every session must spend.
"""

from __future__ import annotations

import gc
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

from rmdesk.models.actions import Action
from rmdesk.models.health import PairFacts, assess_all
from rmdesk.models.sessions import Session

PAIRS = 1_000
SESSIONS = 12
GOAL_MS = 100.0
REPEAT = 21
TODAY = date(2026, 6, 1)
TZ = timezone(timedelta(hours=2))
STATUSES = ("held", "held", "held", "held", "cancelled", "no-show")


def cohort(rng: random.Random) -> list[PairFacts]:
    """1,000 pairs, each with 12 sessions a fortnight apart around today, mixed outcomes."""
    out = []
    for pair_id in range(1, PAIRS + 1):
        first = datetime(2026, 1, 5, 10, tzinfo=TZ) + timedelta(days=rng.randrange(60))
        sessions = []
        for n in range(SESSIONS):
            at = first + timedelta(days=14 * n)
            status = "planned" if at.date() >= TODAY else rng.choice(STATUSES)
            sessions.append(
                Session(
                    id=pair_id * 100 + n,
                    pair_id=pair_id,
                    starts_at=at,
                    status=status,  # type: ignore[arg-type]
                    cancelled_by=rng.choice(("mentor", "mentee"))
                    if status == "cancelled"
                    else None,
                    role_reversal=status == "held" and rng.random() < 0.1,
                )
            )
        actions = [
            Action(
                pair_id * 10 + k,
                pair_id,
                "x",
                "mentee",
                due=TODAY - timedelta(rng.randrange(-30, 30)),
            )
            for k in range(rng.randrange(4))
        ]
        out.append(
            PairFacts(
                pair_id,
                sessions,
                TODAY,
                actions,
                agreement_signed=rng.random() < 0.9,
                every_days=rng.choice((14, 30)),
            )
        )
    return out


def median_ms(fn: Callable[[], object]) -> float:
    times = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(REPEAT):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
    finally:
        gc.enable()
    return statistics.median(times) * 1000


def test_bench_health() -> None:
    facts = cohort(random.Random(11))
    result = assess_all(facts)
    counts = {
        s: sum(1 for h in result if h.status == s) for s in ("on-track", "at-risk", "stalled")
    }
    assert len(result) == PAIRS and all(counts.values())  # a mixed cohort, not a timing

    def floor() -> int:
        n = 0
        for f in facts:
            for s in f.sessions:
                if s.status == "held":
                    n += 1
        return n

    rmdesk_ms = median_ms(lambda: assess_all(facts))
    floor_ms = median_ms(floor)
    print(
        f"\nhealth, {PAIRS:,} pairs × {SESSIONS} sessions: {rmdesk_ms:.1f} ms "
        f"(goal ≤ {GOAL_MS:.0f} ms; bare loop over the sessions {floor_ms:.1f} ms, "
        f"×{rmdesk_ms / floor_ms:.1f}); {counts}"
    )
