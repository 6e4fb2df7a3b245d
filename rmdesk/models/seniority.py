"""Who is the junior: grade when both have one, else birth year, else hire date."""

from __future__ import annotations

from dataclasses import dataclass

from rmdesk.models.people import Employee, grade_rank


@dataclass(frozen=True, slots=True)
class Seniority:
    """``order`` < 0: first is junior; 0: equal; > 0: first is senior. ``basis`` None: unknown."""

    order: int
    basis: str | None
    first: str = ""
    second: str = ""

    def describe(self) -> str:
        return f"{self.first} vs {self.second}"


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def compare_seniority(a: Employee, b: Employee, higher_grade_is_senior: bool = True) -> Seniority:
    """Compare ``a`` with ``b`` on the first basis both people have."""
    ra, rb = grade_rank(a.grade), grade_rank(b.grade)
    if ra is not None and rb is not None:
        diff = ra - rb if higher_grade_is_senior else rb - ra
        return Seniority(_sign(diff), "grade", f"grade {a.grade}", f"grade {b.grade}")
    if a.birth_year is not None and b.birth_year is not None:
        # born later = younger = junior
        return Seniority(
            _sign(b.birth_year - a.birth_year),
            "birth year",
            f"born {a.birth_year}",
            f"born {b.birth_year}",
        )
    if a.hire_date is not None and b.hire_date is not None:
        # hired later = shorter tenure = junior
        return Seniority(
            _sign((b.hire_date - a.hire_date).days),
            "hire date",
            f"hired {a.hire_date.isoformat()}",
            f"hired {b.hire_date.isoformat()}",
        )
    return Seniority(0, None)


def seniority_gap(mentor: Employee, mentee: Employee, higher_grade_is_senior: bool = True) -> float:
    """How far the mentee is above the mentor, in grade steps or equivalent (0 when unknown)."""
    ra, rb = grade_rank(mentor.grade), grade_rank(mentee.grade)
    if ra is not None and rb is not None:
        return (rb - ra) if higher_grade_is_senior else (ra - rb)
    if mentor.birth_year is not None and mentee.birth_year is not None:
        return (mentor.birth_year - mentee.birth_year) / 5
    if mentor.hire_date is not None and mentee.hire_date is not None:
        return (mentor.hire_date - mentee.hire_date).days / 365.25 / 3
    return 0.0
