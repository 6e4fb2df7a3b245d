"""A roster search: free text plus field terms such as ``division:finance grade>=8``."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rmdesk.models.people import Employee, grade_rank

#: the names a term may use, and the field they read
TEXT_FIELDS = {
    "id": "employee_id", "name": "name", "email": "email", "department": "department",
    "dept": "department", "division": "division", "title": "title", "grade": "grade",
    "location": "location", "office": "location",
}  # fmt: skip
NUMBER_FIELDS: dict[str, Callable[[Employee], float | None]] = {
    "grade": lambda e: grade_rank(e.grade),
    "born": lambda e: float(e.birth_year) if e.birth_year is not None else None,
    "hired": lambda e: float(e.hire_date.year) if e.hire_date else None,
}
_COMPARE = re.compile(r"^(grade|born|hired)(>=|<=|=|>|<)(\d+(?:\.\d+)?)$")
_CONTAINS = re.compile(r"^([a-z]+):(.+)$")
_TESTS: dict[str, Callable[[float, float], bool]] = {
    ">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, "=": lambda a, b: a == b,
    ">": lambda a, b: a > b, "<": lambda a, b: a < b,
}  # fmt: skip

Term = Callable[[Employee], bool]


@dataclass
class PeopleQuery:
    """``text`` must appear somewhere in the person's fields; every term must hold."""

    text: str = ""
    terms: list[Term] = field(default_factory=list)
    #: what each term said, for the status line ("grade ≥ 8, division contains 'finance'")
    described: list[str] = field(default_factory=list)

    @property
    def structured(self) -> bool:
        return bool(self.terms)

    def matches(self, person: Employee) -> bool:
        return all(term(person) for term in self.terms)


def _contains(attr: str, wanted: str) -> Term:
    return lambda e: wanted in (getattr(e, attr) or "").casefold()


def _compare(read: Callable[[Employee], float | None], op: str, limit: float) -> Term:
    test = _TESTS[op]

    def term(e: Employee) -> bool:
        value = read(e)
        return value is not None and test(value, limit)

    return term


def parse_query(text: str) -> PeopleQuery:
    """Split a search into field terms and the free text left over (case-insensitive)."""
    query = PeopleQuery()
    words: list[str] = []
    for word in text.casefold().split():
        compare = _COMPARE.match(word)
        contains = _CONTAINS.match(word)
        if compare:
            name, op, number = compare.groups()
            query.terms.append(_compare(NUMBER_FIELDS[name], op, float(number)))
            query.described.append(f"{name} {op} {number}")
        elif contains and contains.group(1) in TEXT_FIELDS:
            name, wanted = contains.groups()
            query.terms.append(_contains(TEXT_FIELDS[name], wanted))
            query.described.append(f"{name} contains '{wanted}'")
        else:
            words.append(word)
    query.text = " ".join(words)
    return query
