"""Conflict rules: what is wrong with putting one mentor with one mentee, in plain sentences."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum

from rmdesk.models.orgchart import OrgChart
from rmdesk.models.people import Employee
from rmdesk.models.seniority import Seniority, compare_seniority


class Severity(IntEnum):
    """Ordered so that ``max()`` gives the worst."""

    INFO = 1
    WARN = 2
    BLOCK = 3

    @property
    def word(self) -> str:
        return {1: "info", 2: "warn", 3: "block"}[self.value]


@dataclass(frozen=True, slots=True)
class Conflict:
    code: str
    severity: Severity
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "severity": self.severity.word, "message": self.message}


def unordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


@dataclass
class PairingContext:
    """What the rules need to know beyond the two people; built once per check batch."""

    org: OrgChart
    capacity: int = 1
    higher_grade_is_senior: bool = True
    #: current load in this cohort: mentor id -> mentees, mentee id -> mentors
    mentor_load: Mapping[str, int] = field(default_factory=dict)
    mentee_load: Mapping[str, int] = field(default_factory=dict)
    #: unordered id pairs -> reason, from the do-not-pair list
    exclusions: Mapping[tuple[str, str], str] = field(default_factory=dict)
    #: unordered id pairs -> name of the earlier cohort they were paired in
    earlier_pairs: Mapping[tuple[str, str], str] = field(default_factory=dict)
    #: the pair being re-checked, whose own load must not count against it
    existing: tuple[str, str] | None = None


Rule = Callable[[Employee, Employee, PairingContext], Conflict | None]


def same_person(mentor: Employee, mentee: Employee, ctx: PairingContext) -> Conflict | None:
    if mentor.employee_id != mentee.employee_id:
        return None
    return Conflict(
        "same-person",
        Severity.BLOCK,
        f"{mentor.label} cannot be both mentor and mentee: choose two different people.",
    )


def direct_report(mentor: Employee, mentee: Employee, ctx: PairingContext) -> Conflict | None:
    if mentor.employee_id == mentee.employee_id:
        return None
    if ctx.org.manager(mentor.employee_id) == mentee.employee_id:
        return Conflict(
            "direct-report",
            Severity.BLOCK,
            f"{mentor.label} reports directly to {mentee.label}: the mentor must never be "
            "the mentee's direct report.",
        )
    if ctx.org.manager(mentee.employee_id) == mentor.employee_id:
        return Conflict(
            "direct-report",
            Severity.BLOCK,
            f"{mentee.label} reports directly to {mentor.label}: a manager cannot mentor their "
            "own direct report in this programme; pick someone outside the line.",
        )
    return None


def reporting_line(mentor: Employee, mentee: Employee, ctx: PairingContext) -> Conflict | None:
    a, b = mentor.employee_id, mentee.employee_id
    if a == b:
        return None
    up = ctx.org.levels_above(b, a)
    if up is not None and up >= 2:
        return Conflict(
            "same-reporting-line",
            Severity.WARN,
            f"{mentee.label} is {up} levels above {mentor.label} in the same reporting line: "
            "the mentor may not speak freely to a senior in their own line.",
        )
    down = ctx.org.levels_above(a, b)
    if down is not None and down >= 2:
        return Conflict(
            "same-reporting-line",
            Severity.WARN,
            f"{mentor.label} is {down} levels above {mentee.label} in the same reporting line: "
            "the mentor is senior to the mentee, and in their line.",
        )
    return None


def same_department(mentor: Employee, mentee: Employee, ctx: PairingContext) -> Conflict | None:
    if mentor.employee_id == mentee.employee_id:
        return None
    if _same(mentor.department, mentee.department):
        return Conflict(
            "same-department",
            Severity.WARN,
            f"{mentor.label} and {mentee.label} both work in {mentor.department}: "
            "reverse mentoring works best across departments.",
        )
    if mentor.division and _same(mentor.division, mentee.division):
        return Conflict(
            "same-division",
            Severity.INFO,
            f"{mentor.label} and {mentee.label} are both in the {mentor.division} division "
            "(different departments).",
        )
    return None


def not_reverse(mentor: Employee, mentee: Employee, ctx: PairingContext) -> Conflict | None:
    if mentor.employee_id == mentee.employee_id:
        return None
    verdict = compare_seniority(mentor, mentee, ctx.higher_grade_is_senior)
    if verdict.basis is None or verdict.order < 0:
        return None
    what = "the same" if verdict.order == 0 else "more senior"
    return Conflict(
        "not-reverse",
        Severity.WARN,
        f"{mentor.label} is not junior to {mentee.label} by {verdict.basis} "
        f"({verdict.describe()}): the mentor is {what}, so this is not reverse mentoring.",
    )


def already_paired(mentor: Employee, mentee: Employee, ctx: PairingContext) -> Conflict | None:
    own_mentor = 1 if ctx.existing == (mentor.employee_id, mentee.employee_id) else 0
    mentor_load = ctx.mentor_load.get(mentor.employee_id, 0) - own_mentor
    mentee_load = ctx.mentee_load.get(mentee.employee_id, 0) - own_mentor
    parts = []
    if mentor_load >= ctx.capacity:
        noun = "mentee" if ctx.capacity == 1 else "mentees"
        parts.append(
            f"{mentor.label} already mentors {mentor_load} {noun} (capacity {ctx.capacity})"
        )
    if mentee_load >= 1:
        parts.append(f"{mentee.label} already has a mentor")
    if not parts:
        return None
    fix = "unpair first or raise the capacity" if mentor_load >= ctx.capacity else "unpair first"
    return Conflict(
        "already-paired",
        Severity.BLOCK,
        "; ".join(parts) + f" in this cohort, so {mentor.label} cannot also be paired with "
        f"{mentee.label}: {fix}.",
    )


def inactive(mentor: Employee, mentee: Employee, ctx: PairingContext) -> Conflict | None:
    gone = list(dict.fromkeys(p.label for p in (mentor, mentee) if not p.active))
    if not gone:
        return None
    who = " and ".join(gone)
    verb = "have" if len(gone) > 1 else "has"
    return Conflict(
        "inactive",
        Severity.BLOCK,
        f"{who} {verb} left the organisation, as the roster says; "
        f"pairing {mentor.label} with {mentee.label} is not possible.",
    )


def excluded(mentor: Employee, mentee: Employee, ctx: PairingContext) -> Conflict | None:
    key = unordered(mentor.employee_id, mentee.employee_id)
    if key not in ctx.exclusions:
        return None
    reason = ctx.exclusions[key]
    why = f" Reason: {reason}." if reason else ""
    return Conflict(
        "excluded",
        Severity.BLOCK,
        f"{mentor.label} and {mentee.label} are on the do-not-pair list.{why}",
    )


def paired_before(mentor: Employee, mentee: Employee, ctx: PairingContext) -> Conflict | None:
    key = unordered(mentor.employee_id, mentee.employee_id)
    cohort = ctx.earlier_pairs.get(key)
    if cohort is None:
        return None
    return Conflict(
        "paired-before",
        Severity.INFO,
        f"{mentor.label} and {mentee.label} were already paired in the cohort '{cohort}'.",
    )


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.casefold() == b.casefold()


#: Every rule, in the order their conflicts are listed.
RULES: tuple[Rule, ...] = (
    same_person,
    inactive,
    direct_report,
    excluded,
    already_paired,
    reporting_line,
    same_department,
    not_reverse,
    paired_before,
)


def check_pair(mentor: Employee, mentee: Employee, ctx: PairingContext) -> list[Conflict]:
    """Every conflict of this match, worst first."""
    found = [c for rule in RULES if (c := rule(mentor, mentee, ctx)) is not None]
    found.sort(key=lambda c: -c.severity)
    return found


#: Conflicts no override reason can set aside: the pair would be meaningless or doubled.
NEVER_OVERRIDDEN = frozenset({"same-person", "inactive", "already-paired"})

#: Each rule in a few plain words, for places with room for a word, not a sentence (a pair
#: card); the full sentence is the conflict's message.
RULE_NAMES: dict[str, str] = {
    "same-person": "one person twice",
    "direct-report": "a direct report",
    "same-reporting-line": "same reporting line",
    "same-department": "same department",
    "same-division": "same division",
    "not-reverse": "mentor not the junior",
    "already-paired": "already paired",
    "inactive": "someone has left",
    "excluded": "on the do-not-pair list",
    "paired-before": "paired before",
}


def worst(conflicts: list[Conflict]) -> Severity | None:
    return max((c.severity for c in conflicts), default=None)


__all__ = [
    "NEVER_OVERRIDDEN",
    "RULE_NAMES",
    "Conflict",
    "PairingContext",
    "Seniority",
    "Severity",
    "check_pair",
    "worst",
]
