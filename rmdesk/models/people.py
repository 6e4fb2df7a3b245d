"""Employees as the roster describes them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, overload


@dataclass(frozen=True, slots=True)
class RosterField:
    """One canonical roster field: its name (docs/cli.md#json-shapes), how the window labels
    it, and the other forms an HR file may give it in (mapped onto it by the importer)."""

    name: str
    label: str
    also: tuple[str, ...] = ()
    column: str = ""  # the roster table's header, when shorter than the label

    @property
    def header(self) -> str:
        return self.column or self.label


#: THE table of roster fields, in display order. The employees table's columns, the SQL that
#: writes them, Employee's fields, the import's column choices, the roster's column headers
#: and the record tuples are all derived from it (a test holds them to it).
FIELDS: tuple[RosterField, ...] = (
    RosterField("employee_id", "Employee ID", column="ID"),
    RosterField("name", "Name", ("first_name", "last_name")),
    RosterField("email", "Email"),
    RosterField("department", "Department"),
    RosterField("division", "Division"),
    RosterField("title", "Title"),
    RosterField("grade", "Grade"),
    RosterField("manager_id", "Manager", ("manager_name",)),
    RosterField("hire_date", "Hire date"),
    RosterField("birth_year", "Birth year", ("birth_date",), column="Born"),
    RosterField("location", "Location"),
)
#: Fields an import reads only to learn who has left (the person comes in inactive).
LEAVER_FIELDS: tuple[str, ...] = ("status", "termination_date")

ROSTER_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS)
FIELD_LABELS: dict[str, str] = {f.name: f.label for f in FIELDS}
#: How the mapping dialog names the other forms a file may give a field in.
FORM_LABELS: dict[str, str] = {
    "first_name": "First name",
    "last_name": "Last name",
    "manager_name": "Manager name",
    "birth_date": "Birth date",
    "status": "Status (who has left)",
    "termination_date": "Leaving date",
}
#: Everything a file's column can be mapped to, in the order the mapping dialog offers them.
MAPPABLE_FIELDS: tuple[str, ...] = (
    *(name for f in FIELDS for name in (f.name, *f.also)),
    *LEAVER_FIELDS,
)

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class Employee:
    """One person on the roster; ``active`` is False once they left the organisation."""

    employee_id: str
    name: str
    email: str | None = None
    department: str | None = None
    division: str | None = None
    title: str | None = None
    grade: str | None = None
    manager_id: str | None = None
    hire_date: date | None = None
    birth_year: int | None = None
    location: str | None = None
    active: bool = True

    @property
    def label(self) -> str:
        """How messages name a person: 'Ana Silva (E1042)'."""
        return f"{self.name} ({self.employee_id})"

    def as_dict(self) -> dict[str, object]:
        """Canonical field names to plain JSON-able values."""
        out: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = value.isoformat() if isinstance(value, date) else value
        return out


#: One person as a row: the ROSTER_FIELDS in order (hire date as ISO text), then active (0/1).
Record = tuple[Any, ...]


class Records(Sequence[Record]):
    """Records kept column by column (one list per field); a row's tuple is made when it
    is asked for. Iterating hands out zip's tuples, which it reuses once the consumer lets
    go of one: executemany writes 100k people without making 100k tuples."""

    __slots__ = ("_columns",)

    def __init__(self, columns: Iterable[Sequence[Any]] = ()) -> None:
        self._columns = tuple(columns)

    def __len__(self) -> int:
        return len(self._columns[0]) if self._columns else 0

    @overload
    def __getitem__(self, index: int) -> Record: ...

    @overload
    def __getitem__(self, index: slice) -> Records: ...

    def __getitem__(self, index: int | slice) -> Record | Records:
        if isinstance(index, slice):
            return Records(c[index] for c in self._columns)
        if not self._columns:
            raise IndexError("no records")
        return tuple(c[index] for c in self._columns)

    def __iter__(self) -> Iterator[Record]:
        return zip(*self._columns, strict=True)

    def column(self, k: int) -> Sequence[Any]:
        """Field ``k`` of every record."""
        return self._columns[k] if self._columns else ()

    def only(self, rows: Sequence[int]) -> Records:
        """The records at these positions."""
        return Records([c[i] for i in rows] for c in self._columns)


def employee_from_record(row: Record) -> Employee:
    """An Employee from a row (``ROSTER_FIELDS`` order, then ``active``)."""
    hire = row[8]
    return Employee(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        row[7],
        date.fromisoformat(hire) if hire else None,
        row[9],
        row[10],
        bool(row[11]),
    )


def grade_rank(grade: str | None) -> float | None:
    """The number inside a grade ('7', 'G7', 'Band 4', 'L5.5'), or None when it has none."""
    if not grade:
        return None
    match = _NUMBER.search(grade)
    return float(match.group()) if match else None


def grade_sort_key(grade: str | None) -> tuple[int, float, str]:
    """Grades in order: by their number when they have one ('2' before '12', 'G9' before
    'G10'), else as text; blanks last."""
    if not grade:
        return (2, 0.0, "")
    rank = grade_rank(grade)
    if rank is None:
        return (1, 0.0, grade.casefold())
    return (0, rank, grade.casefold())
