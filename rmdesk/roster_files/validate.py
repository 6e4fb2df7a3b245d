"""Turn a table of strings into employees, listing every problem by row and column.

The work is done a column at a time: a clean column (the common case) is checked with one
scan, and values that repeat (departments, grades, dates) are read once per distinct value.
Only rows with something wrong take the slow path that words the problem.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from collections.abc import Mapping as AbcMapping
from collections.abc import Set as AbcSet
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from rmdesk.errors import Problem
from rmdesk.models.orgchart import find_cycles, find_cycles_in
from rmdesk.models.people import Employee, Records, employee_from_record, grade_rank
from rmdesk.roster_files.cleaning import (
    clean_column,
    control_names,
    drop_float_tail,
    none_if_empty,
    strip_controls,
    without_joiners,
)
from rmdesk.roster_files.field_values import Columns, birth_years, iso_date_texts, still_here
from rmdesk.roster_files.headers import Mapping
from rmdesk.roster_files.managers import resolve_managers
from rmdesk.roster_files.person_names import full_names
from rmdesk.roster_files.problems import ProblemList
from rmdesk.roster_files.readers import Table

# one address: a local part, "@", then dot-separated labels (possessive: no backtracking).
# Cleaned cells hold no whitespace but single spaces, so the space alone is looked for.
_ONE_EMAIL = r"[^@ \x00]++@[^@ \x00.]++(?:\.[^@ \x00.]++)++"
_EMAIL = re.compile(_ONE_EMAIL)
# every value of a column joined by NULs is a valid email, or empty, from end to end
_EMAILS = re.compile(rf"(?:{_ONE_EMAIL})?(?:\x00(?:{_ONE_EMAIL})?)*+")
#: Values joined for one look of _EMAILS (not all at once: 100k emails join to 4 MB)
_EMAIL_RUN = 10_000
#: Fields holding ids, which keep no zero-width joiner (names do)
_IDS = frozenset({"employee_id", "manager_id"})


@dataclass
class ParsedRoster:
    """The people of a file as rows ready to store (``records``), and what is wrong with it."""

    records: Records = field(default_factory=Records)
    row_numbers: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @cached_property
    def employees(self) -> list[Employee]:
        return [employee_from_record(r) for r in self.records]

    def __len__(self) -> int:
        return len(self.records)

    def preview(self, count: int) -> list[Employee]:
        """The first ``count`` people, without building all the others."""
        return [employee_from_record(r) for r in self.records[:count]]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def parse_roster(
    table: Table,
    mapping: Mapping,
    outside: AbcMapping[str, Employee] | None = None,
    today: date | None = None,
    on_roster: AbcSet[str] = frozenset(),
) -> ParsedRoster:
    """Validate every row. ``outside`` holds people a partial file may refer to as managers;
    ``on_roster`` the ids already stored, which keep a file with several id columns on the
    same one import after import."""
    today = today or date.today()
    outside = outside or {}
    out = ProblemList()
    for note in table.notes:
        out.add("a skipped line", note.message, note.row, note.column, note.severity)
    headers = table.headers
    cols = dict(mapping.columns)
    n = len(table)
    numbers = table.row_numbers

    # one transpose in C instead of a copy per field, stopping after the last mapped column
    used = [*cols.values(), *(i for more in mapping.extra.values() for i in more)]
    width = max(used, default=-1) + 1
    rows = table.rows
    if table.columns is not None:
        by_column: list[Sequence[str]] = list(table.columns)
    else:
        if n and min(map(len, rows)) < width:  # the reader pads rows to the header; be safe
            rows = [r if len(r) >= width else [*r, *[""] * (width - len(r))] for r in rows]
        by_column = list(itertools.islice(zip(*rows, strict=False), width)) if n and width else []
    cleaned: dict[int, list[str]] = {}

    # The lists handed out are shared, never copied (the table's own, on a clean table): no
    # step changes a list in place, and 100k people make each copy a megabyte.
    def at(idx: int) -> list[str]:
        if idx not in cleaned:
            raw = by_column[idx]
            if table.clean:  # a clean table holds no control character either
                cleaned[idx] = raw if isinstance(raw, list) else list(raw)
            else:
                cleaned[idx], where = strip_controls(clean_column(raw))
                for i in where:
                    message = f"control characters removed ({control_names(raw[i])})"
                    out.add("a control character", message, numbers[i], headers[idx], "warning")
        return cleaned[idx]

    def column(fld: str) -> list[str]:
        idx = cols.get(fld)
        if idx is None:
            return [""] * n
        return at(idx) if table.clean or fld not in _IDS else without_joiners(at(idx))

    def header(fld: str) -> str:
        return headers[cols[fld]] if fld in cols else fld

    no_name = "name" not in cols and not ("first_name" in cols or "last_name" in cols)
    if "employee_id" not in cols or no_name:
        listed = ", ".join(f"'{h}'" for h in headers if h) or "none"
        where = f"the columns are: {listed}"
        if table.sheet and len(table.sheets) > 1:
            others = ", ".join(f"'{s}'" for s in table.sheets if s != table.sheet)
            where += f"; this is sheet '{table.sheet}', the workbook also has {others}"
        if "employee_id" not in cols:
            out.add(
                "no id",
                f"no column holds the employee id ({where}); choose it in the import dialog's "
                "mapping, or give --map employee_id=COLUMN",
                None,
                None,
            )
        if no_name:
            out.add(
                "no name",
                f"no column holds the name ({where}); choose it in the import dialog's mapping "
                "(or first and last name), or give --map name=COLUMN",
                None,
                None,
            )
        return ParsedRoster(problems=out.finish())
    if n == 0:
        out.add("no people", "the file has a header but no people", None, None)
        return ParsedRoster(problems=out.finish())
    if mapping.extra.get("employee_id") and ("manager_id" in cols or on_roster):
        _choose_id_column(cols, mapping.extra["employee_id"], at, headers, out, on_roster)

    ids = drop_float_tail(column("employee_id"))
    names, name_col, legal_names = full_names(column, cols, header)
    fields = Columns(column, header, cols, numbers, today, out, at, mapping.extra, headers)
    active = still_here(fields)
    # id -> row, shared by the id check, the manager lookup and the cycle search
    positions = dict(zip(ids, range(n), strict=True))
    unique = len(positions) == n and "" not in positions
    keep = _check_ids_and_names(
        ids, names, active, numbers, header("employee_id"), name_col, out, unique
    )

    emails = column("email")
    if "email" in cols and not _all_emails(emails):
        for i, e in enumerate(emails):
            if e and not _EMAIL.fullmatch(e):
                out.add(
                    "a malformed email",
                    f"malformed email '{e}' (kept as it is)",
                    numbers[i],
                    header("email"),
                    "warning",
                )

    grades = drop_float_tail(column("grade"))  # "7.0", as Excel saves a number to CSV
    for g in {g for g in set(grades) if g and grade_rank(g) is None}:
        for i in (i for i, v in enumerate(grades) if v == g):
            out.add(
                "an unusual grade",
                f"unusual grade '{g}' (no number in it; seniority falls back to birth "
                "year or hire date)",
                numbers[i],
                header("grade"),
                "warning",
            )

    hire: list[str | None] = [None] * n
    if "hire_date" in cols:
        hire = iso_date_texts(column("hire_date"), header("hire_date"), numbers, out)
    births = birth_years(fields)

    index = positions if all(keep) and not outside else None  # every id once: every row kept
    managers, manager_rows = resolve_managers(
        ids, names, column, cols, header, numbers, keep, active, outside, out, index, legal_names
    )
    _check_reporting_lines(ids, managers, active, numbers, cols, out)

    # reporting cycles, across the file and the people it leaves in place
    mgr_col = header("manager_id") if "manager_id" in cols else header("manager_name")
    if outside or not all(keep):
        links = {e.employee_id: e.manager_id for e in outside.values()}
        links.update(_kept(ids, managers, keep))
        loops = find_cycles(links)
    else:
        loops = find_cycles_in(ids, managers, index, manager_rows)
    if loops:
        first_row: dict[str, int] = {}
        for i in range(n - 1, -1, -1):
            first_row[ids[i]] = i
        for loop in loops:
            named = " → ".join([*loop, loop[0]])
            in_file = [first_row[e] for e in loop if e in first_row]
            row = numbers[min(in_file)] if in_file else None
            out.add("a reporting cycle", f"reporting cycle: {named}", row, mgr_col)

    stored: list[Sequence[object]] = [
        ids,
        names,
        none_if_empty(emails),
        *(none_if_empty(column(f)) for f in ("department", "division", "title")),
        none_if_empty(grades),
        managers,
        hire,
        births,
        none_if_empty(column("location")),
        active,
    ]
    records = Records(stored)
    if all(keep):
        return ParsedRoster(records, list(numbers), out.finish())
    kept = [i for i in range(n) if keep[i]]
    return ParsedRoster(records.only(kept), [numbers[i] for i in kept], out.finish())


def _all_emails(values: list[str]) -> bool:
    """True when every value is an email or empty: one regex match per run of values."""
    return all(
        _EMAILS.fullmatch("\x00".join(values[i : i + _EMAIL_RUN])) is not None
        for i in range(0, len(values), _EMAIL_RUN)
    )


def _check_reporting_lines(
    ids: list[str],
    managers: list[str | None],
    active: list[int],
    numbers: list[int],
    cols: dict[str, int],
    out: ProblemList,
) -> None:
    """File-wide warnings about the reporting lines the pairing rules rely on."""
    if "manager_id" not in cols and "manager_name" not in cols:
        out.add(
            "no managers",
            "no column gives each person's manager, so rmdesk cannot warn about pairing "
            "someone with their manager; map manager_id=COLUMN or manager_name=COLUMN",
            None,
            None,
            "warning",
        )
        return
    if all(active):
        return
    gone = {e for e, a in zip(ids, active, strict=True) if not a}
    rows = [numbers[i] for i, m in enumerate(managers) if active[i] and m in gone]
    if rows:
        listed = ", ".join(map(str, rows[:10])) + (", ..." if len(rows) > 10 else "")
        out.add(
            "a manager who has left",
            f"{len(rows)} people still report to someone the file lists as having left "
            f"(row{'s' if len(rows) > 1 else ''} {listed})",
            None,
            None,
            "warning",
        )


def _choose_id_column(
    cols: dict[str, int],
    candidates: list[int],
    at: Callable[[int], list[str]],
    headers: list[str],
    out: ProblemList,
    on_roster: AbcSet[str],
) -> None:
    """Of several id columns (SuccessFactors has 'User ID' and 'Person ID External'), the
    one holding the ids already on the roster, else the one the manager column refers to."""
    managers = (
        set(drop_float_tail(at(cols["manager_id"]))) - {""} if "manager_id" in cols else set()
    )
    first = cols["employee_id"]

    def evidence(idx: int) -> tuple[int, int]:
        values = set(drop_float_tail(at(idx)))
        return len(values & on_roster) if on_roster else 0, len(values & managers)

    best = max([first, *candidates], key=evidence)
    if best != first:
        cols["employee_id"] = best
        why = (
            "the column holding the ids already on the roster"
            if evidence(best)[0] > evidence(first)[0]
            else "the column the managers refer to"
        )
        out.add(
            "another id column",
            f"ids taken from '{headers[best]}', {why} ('{headers[first]}' is not imported)",
            None,
            headers[best],
            "warning",
        )


def _kept(ids: list[str], managers: list[str | None], keep: list[bool]) -> dict[str, str | None]:
    return {ids[i]: managers[i] for i in range(len(ids)) if keep[i]}


_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?[eE]\+\d+$")


def _check_ids_and_names(
    ids: list[str],
    names: list[str],
    active: list[int],
    numbers: list[int],
    id_col: str,
    name_col: str,
    out: ProblemList,
    unique: bool,
) -> list[bool]:
    """Which rows can be stored: an id, unique in the file, and a name. A person listed
    once as having left and once as employed was rehired: the employed row is kept.
    ``unique``: every id is there and none is given twice."""
    n = len(ids)
    keep = [True] * n
    joined = "\x00".join(ids)
    if "E+" in joined or "e+" in joined:  # 1.23457E+12: Excel shortened a long numeric id
        for i, ident in enumerate(ids):
            if _SCIENTIFIC.match(ident):
                out.add(
                    "an id Excel shortened",
                    f"employee id '{ident}' was shortened by Excel (scientific notation) and "
                    "its digits are lost; format the id column as text and export again",
                    numbers[i],
                    id_col,
                )
                keep[i] = False
    if unique and "" not in names and all(keep):
        return keep
    first_row: dict[str, int] = {}
    for i in range(n):
        ident = ids[i]
        if not ident:
            out.add("a missing id", "the employee id is missing", numbers[i], id_col)
            keep[i] = False
        elif ident in first_row and active[first_row[ident]] != active[i]:
            j = first_row[ident]
            gone, here = (j, i) if active[i] else (i, j)
            keep[gone] = False
            first_row[ident] = here
            out.add(
                "a rehire",
                f"employee id '{ident}' is listed as having left (row {numbers[gone]}) and as "
                f"employed (row {numbers[here]}); the employed row is kept",
                numbers[gone],
                id_col,
                "warning",
            )
        elif ident in first_row:
            out.add(
                "a duplicate id",
                f"duplicate employee id '{ident}' (also on row {numbers[first_row[ident]]})",
                numbers[i],
                id_col,
            )
            keep[i] = False
        else:
            first_row[ident] = i
        if not names[i]:
            out.add("a missing name", "the name is missing", numbers[i], name_col)
            keep[i] = False
    return keep
