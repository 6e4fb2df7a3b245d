"""A roster search: words plus field terms such as ``division:finance grade >= 8``.

Matching ignores accents and case; every word must match (AND); a term that cannot be read
is kept as a problem the search box shows, never silently dropped.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rmdesk.models.people import Employee, grade_rank

#: the names a term may use, and the field they read
TEXT_FIELDS = {
    "id": "employee_id", "name": "name", "email": "email", "department": "department",
    "dept": "department", "division": "division", "title": "title", "grade": "grade",
    "location": "location", "office": "location", "manager": "manager",
}  # fmt: skip
NUMBER_FIELDS: dict[str, Callable[[Employee], float | None]] = {
    "grade": lambda e: grade_rank(e.grade),
    "born": lambda e: float(e.birth_year) if e.birth_year is not None else None,
    "hired": lambda e: float(e.hire_date.year) if e.hire_date else None,
}
_OPS = r"(>=|<=|=|>|<)"
_SPACED_COMPARE = re.compile(rf"\b(grade|born|hired)\s*{_OPS}\s*", re.IGNORECASE)
_SPACED_FIELD = re.compile(r"\b([a-z]+):\s+(?=\S)", re.IGNORECASE)
_TOKEN = re.compile(r'[a-z]+:"[^"]*"?|"[^"]*"?|\S+', re.IGNORECASE)
_COMPARE = re.compile(rf"^(grade|born|hired){_OPS}(.*)$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_CONTAINS = re.compile(r"^([a-z]+):(.*)$")
_BARE_OP = re.compile(rf"^{_OPS}")
_TESTS: dict[str, Callable[[float, float], bool]] = {
    ">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, "=": lambda a, b: a == b,
    ">": lambda a, b: a > b, "<": lambda a, b: a < b,
}  # fmt: skip
#: letters that carry no combining mark but read as a plain one ('Łódź', 'Øre', 'Đorđe')
_LETTERS = {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ı": "i", "æ": "ae",
            "Æ": "ae", "œ": "oe", "Œ": "oe"}  # fmt: skip

Term = Callable[[Employee], bool]
#: a manager id to the manager's name ('' when unknown)
ManagerName = Callable[[str], str]


@functools.cache
def _no_marks() -> dict[int, str | None]:
    """A translate table deleting the combining marks (accents) of the basic plane."""
    table: dict[int, str | None] = dict.fromkeys(
        c for c in range(0x10000) if unicodedata.combining(chr(c))
    )
    table.update({ord(k): v for k, v in _LETTERS.items()})
    return table


def fold(text: str) -> str:
    """Accent- and case-blind text: 'Kraków' and 'krakow' fold alike, 'Märta' sorts by 'Marta'."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).translate(_no_marks()).casefold()


@dataclass
class PeopleQuery:
    """Every word must appear in the shown text; every term must hold."""

    words: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    #: what each term said, for the status line ("grade >= 8", "division contains 'finance'")
    described: list[str] = field(default_factory=list)
    #: terms that could not be read, each as a hint the officer can act on
    problems: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def structured(self) -> bool:
        return bool(self.terms)

    @property
    def empty(self) -> bool:
        return not self.words and not self.terms

    def matches(self, person: Employee) -> bool:
        return all(term(person) for term in self.terms)

    def matches_text(self, hay: str) -> bool:
        """``hay`` is the person's shown text, folded: every word must be in it."""
        return all(w in hay for w in self.words)


def _contains(attr: str, wanted: str, manager_name: ManagerName | None) -> Term:
    if attr == "manager":
        names = manager_name or (lambda _mid: "")
        return lambda e: (
            bool(e.manager_id) and wanted in fold(f"{names(e.manager_id or '')} {e.manager_id}")
        )
    return lambda e: wanted in fold(getattr(e, attr) or "")


def _compare(read: Callable[[Employee], float | None], op: str, limit: float) -> Term:
    test = _TESTS[op]

    def term(e: Employee) -> bool:
        value = read(e)
        return value is not None and test(value, limit)

    return term


def _tokens(text: str) -> Iterable[str]:
    text = _SPACED_COMPARE.sub(lambda m: f"{m.group(1)}{m.group(2)}", text)
    text = _SPACED_FIELD.sub(
        lambda m: f"{m.group(1)}:" if m.group(1).lower() in TEXT_FIELDS else m.group(0), text
    )
    return _TOKEN.findall(text)


def parse_query(text: str, manager_name: ManagerName | None = None) -> PeopleQuery:
    """Split a search into field terms and words (accent- and case-blind).

    ``manager_name`` lets ``manager:eze`` match the manager's name as well as their id.
    """
    query = PeopleQuery()
    known = ", ".join(sorted({*TEXT_FIELDS, *NUMBER_FIELDS}))
    for token in _tokens(text):
        word = fold(token)
        compare = _COMPARE.match(word)
        contains = _CONTAINS.match(word)
        if compare:
            name, op, number = compare.groups()
            if _NUMBER.match(number):
                query.terms.append(_compare(NUMBER_FIELDS[name], op, float(number)))
                query.described.append(f"{name} {op} {number}")
            else:
                query.problems.append(
                    f"'{token}': {name} compares with a number, as in {name}{op}8"
                )
        elif contains and contains.group(1) in TEXT_FIELDS:
            name, wanted = contains.group(1), contains.group(2).strip('"').strip()
            if not wanted:
                query.problems.append(f"'{token}': say what {name} should contain")
                continue
            query.terms.append(_contains(TEXT_FIELDS[name], wanted, manager_name))
            query.described.append(f"{name} contains '{wanted}'")
        elif contains and not contains.group(2).startswith("/"):  # not a web address
            query.problems.append(
                f"'{contains.group(1)}' is not a field, so '{token}' is searched as text "
                f"(fields: {known})"
            )
            query.words.append(word)
        elif _BARE_OP.match(word):
            query.problems.append(f"'{token}': say which field it compares, as in grade{word}")
        else:
            phrase = word.strip('"').strip()
            if phrase:
                query.words.append(phrase)
    return query
