"""Outcomes report speed on 1,000 pairs × 12 sessions (``make bench``; prints, never asserts times).

Goals from issue 13: the report is written in at most 5 s; the figures behind the dashboard take
a few milliseconds (the dashboard's own 300 ms goal also covers reading and drawing).
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from rmdesk.documents.pdf_layout import ReportInfo
from rmdesk.documents.report_pdf import write_outcomes_report
from rmdesk.models.people import Employee
from rmdesk.models.programme_figures import (
    AGREEMENT_STATES,
    HEALTH_STATES,
    ActionRecord,
    Enrolment,
    PairRecord,
    SessionRecord,
    compute_figures,
)

N_PAIRS = 1_000
SESSIONS = 12
FIRST_NAMES = ["Ana", "Zoë", "Łukasz", "王", "محمد", "Priya", "김", "Jean-Luc", "Olusegun", "Ines"]
LAST_NAMES = ["Silva", "Łukasiewicz", "小明", "علي", "Sharma", "민준", "Okafor", "Müller", "Chen"]
DEPARTMENTS = ["Finance", "Customer Service", "IT", "HR", "Legal", "Sales", "Operations"]


def cohort(seed: int = 13) -> list[PairRecord]:
    rng = random.Random(seed)
    start = datetime(2026, 1, 5, 9, 0)

    def name() -> str:
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"

    pairs = []
    for i in range(N_PAIRS):
        sessions = tuple(
            SessionRecord(
                start + timedelta(days=14 * k + rng.randint(0, 3)),
                status := rng.choice(["held", "held", "held", "cancelled", "no-show", "planned"]),
                rng.choice(["mentor", "mentee"]) if status == "cancelled" else None,
            )
            for k in range(SESSIONS)
        )
        actions = tuple(
            ActionRecord(
                date(2026, rng.randint(1, 6), 1),
                date(2026, 6, 15) if rng.random() < 0.5 else None,
                "Share what the front line hears about the new pricing",
                rng.choice(["mentor", "mentee"]),
            )
            for _ in range(rng.randint(0, 3))
        )
        pairs.append(
            PairRecord(
                i + 1,
                Employee(f"M{i}", name(), department=rng.choice(DEPARTMENTS), grade="3"),
                Employee(f"E{i}", name(), department=rng.choice(DEPARTMENTS), grade="9"),
                agreement_state=rng.choice(AGREEMENT_STATES),
                health=rng.choice(HEALTH_STATES),
                private=rng.random() < 0.1,
                sessions=sessions,
                actions=actions,
                learnings=("Decisions travel slower than rumours.",) if i % 4 == 0 else (),
            )
        )
    return pairs


def test_report_on_1000_pairs(tmp_path: Path) -> None:
    pairs = cohort()
    info = ReportInfo("Bench cohort", prepared_by="Officer", prepared_on=date(2026, 7, 1))
    times = []
    for run in range(3):
        t0 = time.perf_counter()
        assert write_outcomes_report(tmp_path / f"r{run}.pdf", pairs, Enrolment(1100, 1050), info)
        times.append(time.perf_counter() - t0)
    pages = (tmp_path / "r0.pdf").read_bytes().count(b"/Type /Page\n")
    print(
        f"\noutcomes report, {N_PAIRS} pairs × {SESSIONS} sessions: "
        f"median {statistics.median(times):.2f} s (goal ≤ 5 s), {pages} pages"
    )

    t_fig = []
    for _ in range(20):
        t0 = time.perf_counter()
        compute_figures(pairs, Enrolment(1100, 1050), date(2026, 7, 1))
        t_fig.append(time.perf_counter() - t0)
    print(
        f"dashboard figures: best {1000 * min(t_fig):.1f} ms, median "
        f"{1000 * statistics.median(t_fig):.1f} ms (goal: a few ms)"
    )
