"""Match scores and their explanation; the optimal assignment is in ``assignment`` (it needs
numpy and scipy, which commands that only check or list pairs never import)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from rmdesk.models.conflicts import PairingContext, unordered
from rmdesk.models.people import Employee, grade_rank
from rmdesk.models.seniority import compare_seniority, seniority_gap

# The weights, shared by the explained scalar score and the vectorised matrix.
OTHER_DIVISION = 3
SAME_DIVISION_OTHER_DEPT = 1
SAME_DEPARTMENT = -3
MAX_GAP_POINTS = 4
NOT_REVERSE = -3
PER_SHARED_TOPIC = 1
SAME_LOCATION = 1
SAME_LINE = -4
PAIRED_BEFORE = -1
BLOCKED = -1_000_000


def split_topics(text: str | None) -> frozenset[str]:
    """'Culture, strategy; AI' -> {'culture', 'strategy', 'ai'}."""
    if not text:
        return frozenset()
    parts = text.replace(";", ",").replace("\n", ",").split(",")
    return frozenset(p.strip().casefold() for p in parts if p.strip())


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and a.casefold() == b.casefold()  # type: ignore[union-attr]


def score_pair(
    mentor: Employee,
    mentee: Employee,
    ctx: PairingContext,
    mentor_topics: frozenset[str] = frozenset(),
    mentee_topics: frozenset[str] = frozenset(),
) -> tuple[int, list[str]]:
    """The match score and its explanation, one '+3 other division …' line per term."""
    points = 0
    reasons: list[str] = []

    def add(n: int, why: str) -> None:
        nonlocal points
        points += n
        reasons.append(f"{n:+d} {why}")

    if mentor.department and mentee.department and _same(mentor.department, mentee.department):
        add(SAME_DEPARTMENT, f"same department ({mentor.department})")
    elif mentor.division and mentee.division:
        if _same(mentor.division, mentee.division):
            add(SAME_DIVISION_OTHER_DEPT, f"same division ({mentor.division}), other department")
        else:
            add(OTHER_DIVISION, f"other division ({mentor.division} ↔ {mentee.division})")
    gap = seniority_gap(mentor, mentee, ctx.higher_grade_is_senior)
    if _has_basis(mentor, mentee):
        seen = compare_seniority(mentor, mentee, ctx.higher_grade_is_senior)
        if gap > 0:
            n = min(math.floor(gap), MAX_GAP_POINTS)
            if n:
                add(n, f"reverse seniority gap ({seen.first} → {seen.second})")
        else:
            add(NOT_REVERSE, f"mentor is not the junior ({seen.describe()})")
    shared = sorted(mentor_topics & mentee_topics)
    if shared:
        add(PER_SHARED_TOPIC * len(shared), "shared: " + ", ".join(shared))
    if mentor.location and _same(mentor.location, mentee.location):
        add(SAME_LOCATION, f"same location ({mentor.location})")
    org = ctx.org
    a, b = mentor.employee_id, mentee.employee_id
    if (org.levels_above(a, b) or 0) >= 2 or (org.levels_above(b, a) or 0) >= 2:
        add(SAME_LINE, "same reporting line")
    if unordered(a, b) in ctx.earlier_pairs:
        add(PAIRED_BEFORE, "paired before")
    return points, reasons


def _has_basis(a: Employee, b: Employee) -> bool:
    return (
        (grade_rank(a.grade) is not None and grade_rank(b.grade) is not None)
        or (a.birth_year is not None and b.birth_year is not None)
        or (a.hire_date is not None and b.hire_date is not None)
    )


@dataclass(frozen=True)
class Proposal:
    mentor_id: str
    mentee_id: str
    score: int
    reasons: list[str]

    def as_dict(self) -> dict[str, object]:
        return {
            "mentor_id": self.mentor_id,
            "mentee_id": self.mentee_id,
            "score": self.score,
            "reasons": self.reasons,
        }


@dataclass
class Suggestion:
    proposals: list[Proposal] = field(default_factory=list)
    #: people left without a proposal, with the reason in a plain sentence
    unplaced: list[tuple[str, str]] = field(default_factory=list)
