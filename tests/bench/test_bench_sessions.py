"""Sessions at scale (``make bench``; prints figures beside their goals, never asserts times).

Issue 11: ``ws.sessions.health`` for 1,000 pairs with 12 sessions each in at most 100 ms
(through the service: the three queries, the parsing and the rules), and the sessions view
opening on them in at most 300 ms.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from rmdesk.workspace import Workspace

PAIRS = 1_000
SESSIONS = 12
HEALTH_GOAL_MS = 100.0
VIEW_GOAL_MS = 300.0
TZ = timezone(timedelta(hours=1))
STATUSES = ("held", "held", "held", "held", "cancelled", "no-show")


def build(path: Path, today: date) -> Workspace:
    """A workspace with 2,000 people, one cohort and 1,000 pairs of 12 sessions, written with
    plain SQL (the bench is about reading them)."""
    ws = Workspace.open(path)
    rng = random.Random(11)
    db = ws.db
    with ws.store.atomic():
        db.conn.executemany(
            "INSERT INTO employees (employee_id, name, email, grade) VALUES (?, ?, ?, ?)",
            [
                (f"E{n:05d}", f"Person {n}", f"p{n}@example.com", "2" if n % 2 else "9")
                for n in range(2 * PAIRS)
            ],
        )
        db.execute(
            "INSERT INTO cohorts (id, name, starts, ends, capacity, created_at) "
            "VALUES (1, 'Bench', '2026-01-05', '2026-12-18', 1, '2026-01-01')"
        )
        db.conn.executemany(
            "INSERT INTO pairs (id, cohort_id, mentor_id, mentee_id, created_at) "
            "VALUES (?, 1, ?, ?, '2026-01-01T09:00:00+01:00')",
            [(p + 1, f"E{2 * p + 1:05d}", f"E{2 * p:05d}") for p in range(PAIRS)],
        )
        rows = []
        for p in range(1, PAIRS + 1):
            first = datetime(2026, 1, 5, 10, tzinfo=TZ) + timedelta(days=rng.randrange(60))
            for n in range(SESSIONS):
                at = first + timedelta(days=14 * n)
                status = "planned" if at.date() >= today else rng.choice(STATUSES)
                by = rng.choice(("mentor", "mentee")) if status == "cancelled" else None
                rows.append((p, at.isoformat(timespec="minutes"), status, by, int(n == 3)))
        db.conn.executemany(
            "INSERT INTO sessions (pair_id, starts_at, duration_min, status, cancelled_by, "
            "role_reversal) VALUES (?, ?, 60, ?, ?, ?)",
            rows,
        )
        db.conn.executemany(
            "INSERT INTO actions (pair_id, text, owner, due) VALUES (?, 'Do it', 'mentee', ?)",
            [(p, "2026-03-01") for p in range(1, PAIRS + 1, 3)],
        )
    return ws


def _best(fn: Any, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return min(times), statistics.median(times)


def test_health_through_the_service(tmp_path: Path) -> None:
    today = date(2026, 6, 1)
    ws = build(tmp_path / "bench.db", today)
    cohort = ws.cohorts.cohort()
    result = ws.sessions.health(cohort, today)
    assert len(result) == PAIRS and len({h.status for h in result}) >= 2
    best, median = _best(lambda: ws.sessions.health(cohort, today), 11)
    print(
        f"\nws.sessions.health, {PAIRS} pairs x {SESSIONS} sessions: best {best:.1f} ms, "
        f"median {median:.1f} ms (goal <= {HEALTH_GOAL_MS:.0f} ms)"
    )
    ws.close()


def test_sessions_view_opens(tmp_path: Path, qtbot: Any) -> None:
    from PySide6.QtGui import QUndoStack

    from rmdesk.ui.common.signals import WorkspaceSignals
    from rmdesk.ui.sessions.view import SessionsView

    ws = build(tmp_path / "bench.db", date.today())
    cohort = ws.cohorts.cohort()
    signals = WorkspaceSignals(ws)
    stack = QUndoStack()
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        view = SessionsView(ws, stack, signals)
        view.resize(1280, 800)
        view.set_cohort(cohort)
        view.show()
        qtbot.addWidget(view)
        view.grab()  # painted once, every visible row with its timeline
        times.append((time.perf_counter() - t0) * 1000)
        assert view.model.rowCount() == PAIRS
        view.close()
    print(
        f"\nSessionsView opens on {PAIRS} pairs x {SESSIONS} sessions and paints: best "
        f"{min(times):.0f} ms, median {statistics.median(times):.0f} ms "
        f"(goal <= {VIEW_GOAL_MS:.0f} ms)"
    )
    signals.detach()
    ws.close()
