"""Typed errors raised by the application layer (never by Qt code)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rmdesk.models.conflicts import Conflict


class RmdeskError(Exception):
    """Base of every error rmdesk reports to the user."""


class StorageError(RmdeskError):
    """The database file cannot be used: locked, read-only, corrupt, foreign or too new."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, located by row (header = 1) and column."""

    message: str
    row: int | None = None
    column: str | None = None
    severity: str = "error"  # "error" blocks; "warning" is imported and listed

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class RosterError(RmdeskError):
    """A roster file was rejected; ``problems`` lists every error with row and column."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ImportCancelled(RmdeskError):
    """The officer cancelled a running import; nothing was written."""


class NotFound(RmdeskError):
    """A person, cohort or pair named by the caller does not exist."""


class PairingRefused(RmdeskError):
    """A pair has a blocking conflict and no override reason was given."""

    def __init__(self, message: str, conflicts: list[Conflict]) -> None:
        super().__init__(message)
        self.conflicts = conflicts


class RoleSwitchRefused(RmdeskError):
    """Enrolling would switch people's role; ``people`` names each with their current role."""

    def __init__(self, people: list[str]) -> None:
        self.people = people
        super().__init__(
            "a role never changes silently; confirm the switch (--switch): " + "; ".join(people)
        )


class DeactivationRefused(RmdeskError):
    """A re-import would deactivate many people, or people in open pairs, and was not allowed
    to (``allow_deactivation``); nothing was written. ``people`` lists the first few."""

    def __init__(
        self, count: int, active: int, in_open_pairs: int, people: list[str], limit: float
    ) -> None:
        self.count = count
        self.active = active
        self.in_open_pairs = in_open_pairs
        self.people = people
        self.limit = limit
        reasons = []
        if active and count > limit * active:
            reasons.append(f"more than {limit:.0%} of the {active} active people")
        if in_open_pairs:
            reasons.append(f"{in_open_pairs} of them in open pairs")
        more = f" and {count - len(people)} more" if count > len(people) else ""
        super().__init__(
            f"this import would deactivate {count} {'person' if count == 1 else 'people'} "
            f"({'; '.join(reasons)}): "
            f"{', '.join(people)}{more}. Nothing was written; confirm with --allow-deactivation "
            "if they really left (ids that changed form, such as 00123 and 123, are matched)."
        )
