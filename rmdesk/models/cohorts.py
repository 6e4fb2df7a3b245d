"""Cohorts, the people enrolled in them, and the pairs they form."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rmdesk.models.conflicts import Conflict, Severity

ROLES = ("mentor", "mentee")


@dataclass(frozen=True, slots=True)
class Cohort:
    id: int
    name: str
    starts: date | None = None
    ends: date | None = None
    capacity: int = 1  # mentees per mentor


@dataclass(frozen=True, slots=True)
class Participant:
    cohort_id: int
    employee_id: str
    role: str
    interests: str = ""
    availability: str = ""


@dataclass(frozen=True, slots=True)
class Pair:
    id: int
    cohort_id: int
    mentor_id: str
    mentee_id: str
    override_reason: str | None = None
    status: str = "active"
    created_at: str = ""


@dataclass(frozen=True)
class PairView:
    """A pair with its conflicts as the rules see them now (after any re-import)."""

    pair: Pair
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def worst(self) -> Severity | None:
        return max((c.severity for c in self.conflicts), default=None)

    def as_dict(self, with_status: bool = False) -> dict[str, object]:
        p = self.pair
        out: dict[str, object] = {
            "id": p.id,
            "mentor_id": p.mentor_id,
            "mentee_id": p.mentee_id,
            "override_reason": p.override_reason,
            "conflicts": [c.as_dict() for c in self.conflicts],
        }
        if with_status:
            out["status"] = p.status
        return out
