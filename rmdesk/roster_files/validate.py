"""Turn a table of strings into employees, listing every problem by row and column."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from collections.abc import Mapping as AbcMapping
from dataclasses import dataclass, field
from datetime import date

from rmdesk.errors import Problem
from rmdesk.models.orgchart import find_cycles
from rmdesk.models.people import Employee, grade_rank
from rmdesk.roster_files.dates import parse_date_column
from rmdesk.roster_files.headers import Mapping
from rmdesk.roster_files.readers import Table

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SPACES = re.compile(r"\s+")
_MESSY = re.compile(r"\s\s|[^\S ]")  # two spaces in a row, or a tab, newline, nbsp …
_INT = re.compile(r"^\d{4}(?:\.0+)?$")
#: How many rows one kind of problem lists before it summarises the rest.
LIST_LIMIT = 50


@dataclass
class ParsedRoster:
    employees: list[Employee] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def _collapse(text: str) -> str:
    """Runs of whitespace to one space; the common clean value is returned as it is."""
    if _MESSY.search(text) is None:
        return text.strip()
    return _SPACES.sub(" ", text).strip()


def _collapse_all(values: Sequence[str]) -> list[str]:
    """``_collapse`` each value, once per distinct value (departments repeat a lot)."""
    clean = {v: _collapse(v) for v in set(values)}
    return [clean[v] for v in values]


def _name_key(text: str) -> str:
    return _collapse(text).casefold()


class _Problems:
    """Collects problems, keeping each kind to ``LIST_LIMIT`` rows plus a count of the rest."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self._counts: dict[tuple[str, str | None, str], int] = {}

    def add(
        self, kind: str, message: str, row: int | None, column: str | None, severity: str = "error"
    ) -> None:
        key = (kind, column, severity)
        n = self._counts.get(key, 0) + 1
        self._counts[key] = n
        if n <= LIST_LIMIT:
            self.items.append(Problem(message, row, column, severity))

    def finish(self) -> list[Problem]:
        """The problems in file order (file-wide ones first), then the '... and N more'."""
        self.items.sort(key=lambda p: p.row or 0)
        for (kind, column, severity), n in self._counts.items():
            if n > LIST_LIMIT:
                self.items.append(
                    Problem(
                        f"... and {n - LIST_LIMIT} more rows with {kind}", None, column, severity
                    )
                )
        return self.items


def parse_roster(
    table: Table,
    mapping: Mapping,
    outside: AbcMapping[str, Employee] | None = None,
    today: date | None = None,
) -> ParsedRoster:
    """Validate every row. ``outside`` holds people a partial file may refer to as managers."""
    today = today or date.today()
    outside = outside or {}
    out = _Problems()
    headers = table.headers
    cols = mapping.columns
    n = len(table.rows)
    rows = table.rows
    numbers = table.row_numbers

    # one transpose in C instead of a copy per field; the reader pads rows to the header
    width = max(cols.values(), default=-1) + 1
    padded = (r[:width] if len(r) >= width else [*r, *[""] * (width - len(r))] for r in rows)
    by_column = list(zip(*padded, strict=True)) if n and width else []

    def column(fld: str) -> list[str]:
        idx = cols.get(fld)
        if idx is None:
            return [""] * n
        return list(by_column[idx])

    def header(fld: str) -> str:
        return headers[cols[fld]] if fld in cols else fld

    if "employee_id" not in cols:
        out.add(
            "no id", "no column holds the employee id (map one with employee_id=COLUMN)", None, None
        )
    if "name" not in cols and not ("first_name" in cols or "last_name" in cols):
        out.add(
            "no name",
            "no column holds the name (map name=COLUMN, or first_name and last_name)",
            None,
            None,
        )
    if out.items:
        return ParsedRoster(problems=out.finish())
    if n == 0:
        out.add("no people", "the file has a header but no people", None, None)
        return ParsedRoster(problems=out.finish())

    ids = column("employee_id")
    if "name" in cols:
        names = _collapse_all(column("name"))
        if "first_name" in cols or "last_name" in cols:
            firsts, lasts = column("first_name"), column("last_name")
            names = [
                nm or _collapse(f"{f} {la}") for nm, f, la in zip(names, firsts, lasts, strict=True)
            ]
    else:
        firsts, lasts = column("first_name"), column("last_name")
        names = [_collapse(f"{f} {la}") for f, la in zip(firsts, lasts, strict=True)]
    name_col = (
        header("name")
        if "name" in cols
        else header("first_name" if "first_name" in cols else "last_name")
    )

    # ids: present and unique
    first_row: dict[str, int] = {}
    keep = [True] * n
    for i in range(n):
        ident = ids[i]
        if ident.endswith(".0") and ident[:-2].isdigit():
            ident = ids[i] = ident[:-2]
        if not ident:
            out.add("a missing id", "the employee id is missing", numbers[i], header("employee_id"))
            keep[i] = False
        elif ident in first_row:
            out.add(
                "a duplicate id",
                f"duplicate employee id '{ident}' (also on row {numbers[first_row[ident]]})",
                numbers[i],
                header("employee_id"),
            )
            keep[i] = False
        else:
            first_row[ident] = i
        if not names[i]:
            out.add("a missing name", "the name is missing", numbers[i], name_col)
            keep[i] = False

    emails = column("email")
    if "email" in cols:
        for i, e in enumerate(emails):
            if e and not _EMAIL.match(e):
                out.add(
                    "a malformed email",
                    f"malformed email '{e}' (kept as it is)",
                    numbers[i],
                    header("email"),
                    "warning",
                )

    grades = column("grade")
    if "grade" in cols:
        for i, g in enumerate(grades):
            if g and grade_rank(g) is None:
                out.add(
                    "an unusual grade",
                    f"unusual grade '{g}' (no number in it; seniority falls back to birth "
                    "year or hire date)",
                    numbers[i],
                    header("grade"),
                    "warning",
                )

    hire: list[date | None] = [None] * n
    if "hire_date" in cols:
        hire = _dates(column("hire_date"), header("hire_date"), numbers, out)

    births: list[int | None] = [None] * n
    if "birth_year" in cols:
        for i, text in enumerate(column("birth_year")):
            if not text:
                continue
            year = int(float(text)) if _INT.match(text) else None
            if year is None:
                parsed = _dates([text], header("birth_year"), [numbers[i]], None)[0]
                year = parsed.year if parsed else None
            if year is None or not 1900 <= year <= today.year - 14:
                out.add(
                    "an unusable birth year",
                    f"unusable birth year '{text}' (left empty)",
                    numbers[i],
                    header("birth_year"),
                    "warning",
                )
            else:
                births[i] = year
    elif "birth_date" in cols:
        for i, d in enumerate(_dates(column("birth_date"), header("birth_date"), numbers, out)):
            births[i] = d.year if d else None

    managers = _managers(ids, names, column, cols, header, numbers, keep, outside, out)

    # reporting cycles, across the file and the people it leaves in place
    links: dict[str, str | None] = {e.employee_id: e.manager_id for e in outside.values()}
    for i in range(n):
        if keep[i]:
            links[ids[i]] = managers[i]
    mgr_col = header("manager_id") if "manager_id" in cols else header("manager_name")
    for loop in find_cycles(links):
        named = " → ".join([*loop, loop[0]])
        in_file = [first_row[e] for e in loop if e in first_row]
        row = numbers[min(in_file)] if in_file else None
        out.add("a reporting cycle", f"reporting cycle: {named}", row, mgr_col)

    depts, divs, titles, locs = (
        _collapse_all(column(f)) for f in ("department", "division", "title", "location")
    )
    employees: list[Employee] = []
    kept_rows: list[int] = []
    for i in range(n):
        if not keep[i]:
            continue
        employees.append(
            Employee(
                ids[i],
                names[i],
                emails[i] or None,
                depts[i] or None,
                divs[i] or None,
                titles[i] or None,
                grades[i] or None,
                managers[i],
                hire[i],
                births[i],
                locs[i] or None,
            )
        )
        kept_rows.append(numbers[i])
    return ParsedRoster(employees, kept_rows, out.finish())


def _name_variants(key: str) -> list[str]:
    """Other spellings of a normalised name: 'ana maria silva' -> 'silva, ana maria', ..."""
    if "," in key:
        last, _, first = key.partition(",")
        return [_collapse(f"{first} {last}")] if first.strip() and last.strip() else []
    parts = key.split(" ")
    return [f"{' '.join(parts[k:])}, {' '.join(parts[:k])}" for k in range(1, len(parts))]


def _dates(
    texts: list[str], col: str, numbers: list[int], out: _Problems | None
) -> list[date | None]:
    parsed = parse_date_column(texts)
    if out is None:
        return parsed.values
    for i in parsed.bad_rows:
        out.add("an unreadable date", f"unreadable date '{texts[i]}'", numbers[i], col)
    for i in parsed.conflicting_rows:
        order = "day/month/year" if parsed.order == "dmy" else "month/day/year"
        out.add(
            "a date in the other order",
            f"date '{texts[i]}' contradicts the column's {order} order",
            numbers[i],
            col,
        )
    if parsed.ambiguous:
        at = next((i for i, t in enumerate(texts) if t and not t[:4].isdigit()), 0)
        out.add(
            "ambiguous dates",
            f"ambiguous dates such as '{texts[at]}': every value reads both as day/month "
            "and month/day; re-export the column as YYYY-MM-DD",
            numbers[at],
            col,
        )
    return parsed.values


def _managers(
    ids: list[str],
    names: list[str],
    column: Callable[[str], list[str]],
    cols: dict[str, int],
    header: Callable[[str], str],
    numbers: list[int],
    keep: list[bool],
    outside: AbcMapping[str, Employee],
    out: _Problems,
) -> list[str | None]:
    n = len(ids)
    result: list[str | None] = [None] * n
    if "manager_id" not in cols and "manager_name" not in cols:
        return result
    by_id = "manager_id" in cols
    values = column("manager_id" if by_id else "manager_name")
    col = header("manager_id" if by_id else "manager_name")
    known: set[str] = {ids[i] for i in range(n) if keep[i]} | set(outside)
    name_index: dict[str, list[str]] | None = None

    def index() -> dict[str, list[str]]:
        idx: dict[str, list[str]] = {}
        for i in range(n):
            if keep[i]:
                idx.setdefault(_name_key(names[i]), []).append(ids[i])
        in_file = set(ids)
        for e in outside.values():
            if e.employee_id not in in_file:
                idx.setdefault(_name_key(e.name), []).append(e.employee_id)
        # "Last, First" as many exports write a manager, and "First Last" for a name column
        # written "Last, First"; every split, for compound surnames ("García López, José")
        for key, found in list(idx.items()):
            for alt in _name_variants(key):
                idx[alt] = list(dict.fromkeys(idx.get(alt, []) + found))
        return idx

    for i in range(n):
        raw = values[i]
        if not raw:
            continue
        if raw.endswith(".0") and raw[:-2].isdigit():
            raw = raw[:-2]
        if raw == ids[i]:
            out.add(
                "a self-manager",
                f"'{raw}' is listed as their own manager (treated as none)",
                numbers[i],
                col,
                "warning",
            )
            continue
        if raw in known:
            result[i] = raw
            continue
        if by_id:
            if keep[i]:
                out.add("an unknown manager", f"unknown manager '{raw}'", numbers[i], col)
            continue
        if name_index is None:
            name_index = index()
        found = name_index.get(_name_key(raw), [])
        if len(found) == 1:
            if found[0] == ids[i]:
                out.add(
                    "a self-manager",
                    f"'{raw}' is listed as their own manager (treated as none)",
                    numbers[i],
                    col,
                    "warning",
                )
            else:
                result[i] = found[0]
        elif len(found) > 1:
            who = ", ".join(found[:5])
            out.add(
                "an ambiguous manager name",
                f"manager '{raw}' matches {len(found)} people ({who}); give a manager id "
                "column instead",
                numbers[i],
                col,
            )
        elif keep[i]:
            out.add("an unknown manager", f"unknown manager '{raw}'", numbers[i], col)
    return result
