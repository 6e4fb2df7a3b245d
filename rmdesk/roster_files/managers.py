"""Each row's manager as an employee id, whether the file gives ids or names."""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Container
from collections.abc import Mapping as AbcMapping
from collections.abc import Set as AbcSet
from typing import NamedTuple

from rmdesk.models.people import Employee
from rmdesk.roster_files.cleaning import collapse, drop_float_tail, none_if_empty
from rmdesk.roster_files.problems import ColumnOf, HeaderOf, ProblemList


def _name_key(text: str) -> str:
    return collapse(text).casefold()


def _name_variants(key: str) -> list[str]:
    """Other spellings of a normalised name: 'ana maria silva' -> 'silva, ana maria', ..."""
    if "," in key:
        last, _, first = key.partition(",")
        return [collapse(f"{first} {last}")] if first.strip() and last.strip() else []
    parts = key.split(" ")
    return [f"{' '.join(parts[k:])}, {' '.join(parts[:k])}" for k in range(1, len(parts))]


#: What exports write for "no manager" (SuccessFactors writes NO_MANAGER for the top).
_NOBODY = frozenset(
    {"no_manager", "nomanager", "no manager", "none", "n/a", "na", "n.a.", "#n/a", "null",
     "nil", "-", "--", "\u2014", "self", "vacant", "tbd", "not applicable", "(blank)", "blank",
     "(none)", "keiner", "aucun", "ninguno", "nenhum"}
)  # fmt: skip


class Managers(NamedTuple):
    """Each row's manager: their id, and their row (the count of rows for none) when every
    manager was found straight away (else None)."""

    ids: list[str | None]
    rows: list[int] | None


def _mostly_unknown(
    values: list[str], known: AbcSet[str] | AbcMapping[str, int], emails: dict[str, str]
) -> bool:
    """True when fewer than half the managers given (a sample of them) are anybody's id,
    written plainly, without its leading zeros, beside a name ('Ana Silva (E1001)') or as
    their work email."""
    given = [v for v in values if v and not _says_nobody(v)][:500]
    if not given:
        return False
    unpadded = {k.lstrip("0") for k in known if k.isdigit()}
    found = sum(
        1
        for v in given
        if v in known
        or v.casefold() in emails
        or (v.isdigit() and v.lstrip("0") in unpadded)
        or _embedded_id(v, known) is not None
    )
    return found * 2 < len(given)


def _says_nobody(value: str) -> bool:
    return value.casefold() in _NOBODY or (value.isdigit() and not value.strip("0"))


class _NameIndex:
    """Normalised name (and its 'Last, First' forms) -> the ids of everybody called that.
    ``also_called``: each row's other name (the legal one, beside a preferred one)."""

    def __init__(
        self,
        ids: list[str],
        names: list[str],
        keep: list[bool],
        outside: AbcMapping[str, Employee],
        also_called: list[str] | None = None,
    ) -> None:
        idx: dict[str, list[str]] = {}
        for i, ident in enumerate(ids):
            if keep[i]:
                idx.setdefault(_name_key(names[i]), []).append(ident)
                other = _name_key(also_called[i]) if also_called else ""
                if other and ident not in idx.setdefault(other, []):
                    idx[other].append(ident)
        in_file = set(ids)
        for e in outside.values():
            if e.employee_id not in in_file:
                idx.setdefault(_name_key(e.name), []).append(e.employee_id)
        # "Last, First" as many exports write a manager, and "First Last" for a name column
        # written "Last, First"; every split, for compound surnames ("García López, José")
        for key, found in list(idx.items()):
            for alt in _name_variants(key):
                idx[alt] = list(dict.fromkeys(idx.get(alt, []) + found))
        self._index = idx

    def find(self, name: str) -> list[str]:
        return self._index.get(_name_key(name), [])


_ID_IN_BRACKETS = re.compile(r"[(\[]\s*([^()\[\]\s]+)\s*[)\]]\s*$")
_ID_BEFORE_NAME = re.compile(r"^(\S+)\s+[-\u2013\u2014|:]\s+\S")


def _embedded_id(raw: str, known: Container[str]) -> str | None:
    """The id in a manager written with it: 'Ana Silva (E1001)', 'Ana Silva [1001]',
    'E1001 - Ana Silva' (Workday and SAP write managers so)."""
    for pattern in (_ID_IN_BRACKETS, _ID_BEFORE_NAME):
        m = pattern.search(raw)
        if m and m.group(1) in known:
            return m.group(1)
    return None


_COMMON_NAME = re.compile(r"^\s*CN=((?:[^,\\]|\\.)+),", re.IGNORECASE)


def _common_name(raw: str) -> str | None:
    """The name in a directory entry, as Active Directory exports give the manager:
    'CN=Silva\\, Ana,OU=Staff,DC=example,DC=com' -> 'Silva, Ana'."""
    m = _COMMON_NAME.match(raw)
    return re.sub(r"\\(.)", r"\1", m.group(1)) if m else None


def _email_index(ids: list[str], emails: list[str], keep: list[bool]) -> dict[str, str]:
    """Work email (any case) -> id, for the emails only one person has."""
    index: dict[str, str] = {}
    seen_twice: set[str] = set()
    for ident, email, kept in zip(ids, emails, keep, strict=True):
        key = email.casefold()
        if not key or not kept:
            continue
        if key in index:
            seen_twice.add(key)
        index[key] = ident
    for key in seen_twice:
        del index[key]
    return index


def resolve_managers(
    ids: list[str],
    names: list[str],
    column: ColumnOf,
    cols: dict[str, int],
    header: HeaderOf,
    numbers: list[int],
    keep: list[bool],
    active: list[int],
    outside: AbcMapping[str, Employee],
    out: ProblemList,
    index: AbcMapping[str, int] | None = None,
    also_called: list[str] | None = None,
) -> Managers:
    """Manager ids per row; a manager name column may hold ids too. ``index`` (id -> row,
    every row kept) spares building the set of ids again.

    An unknown manager blocks the import for a person still employed; for someone the file
    says has left, whose manager may have left before them, it is a warning.
    """
    n = len(ids)
    if "manager_id" not in cols and "manager_name" not in cols:
        return Managers([None] * n, [n] * n)
    by_id = "manager_id" in cols
    values = drop_float_tail(column("manager_id" if by_id else "manager_name"))
    if index is not None and not outside:
        # the common file: every manager given is somebody's id, nobody their own manager
        rows = list(map(index.get, values, itertools.repeat(n)))
        if rows.count(n) == values.count("") and not any(map(operator.eq, rows, range(n))):
            return Managers(none_if_empty(values), rows)
    known: AbcSet[str] | AbcMapping[str, int]
    if index is not None and not outside:
        known = index
    else:
        known = {ids[i] for i in range(n) if keep[i]} if not all(keep) else set(ids)
        known |= set(outside)
    emails: dict[str, str] | None = None
    if any("@" in v for v in values[:500]):
        emails = _email_index(ids, column("email"), keep)
    if by_id and "manager_name" in cols and _mostly_unknown(values, known, emails or {}):
        # manager ids of another system (BambooHR's "Supervisor EID" without its EEID
        # column): where an id is nobody's, the name beside it is the better guide
        out.add(
            "manager ids that match nobody",
            f"most manager ids in '{header('manager_id')}' are nobody's employee id; where "
            f"one is, the manager is taken from '{header('manager_name')}'",
            None,
            header("manager_id"),
            "warning",
        )
        by_id = False
        by_name = drop_float_tail(column("manager_name"))
        values = [v if v in known else nm for v, nm in zip(values, by_name, strict=True)]
    col = header("manager_id" if by_id else "manager_name")
    # "NO_MANAGER" (SuccessFactors), "N/A", "-", "00000000" (SAP): nobody, unless somebody
    # has that id. Only values that are nobody's id are looked at, once each.
    nobody = {v for v in set(values) if v not in known and _says_nobody(v)}
    if nobody:
        values = ["" if v in nobody else v for v in values]
    result: list[str | None] = [v if v in known else None for v in values]
    if any(map(operator.eq, values, ids)):  # rare: somebody named as their own manager
        result = [None if v == e else v for v, e in zip(result, ids, strict=True)]
    # a manager given but not found among the ids: the rows that need a closer look
    unmatched = result.count(None) > values.count("")
    odd = [i for i, v in enumerate(values) if v and result[i] is None] if unmatched else []
    names_of: _NameIndex | None = None

    def self_manager(i: int) -> None:
        out.add(
            "a self-manager",
            f"'{values[i]}' is listed as their own manager (treated as none)",
            numbers[i],
            col,
            "warning",
        )

    def unknown(i: int) -> None:
        if not keep[i]:
            return
        if active[i]:
            out.add("an unknown manager", f"unknown manager '{values[i]}'", numbers[i], col)
        else:
            out.add(
                "an unknown manager of someone who left",
                f"unknown manager '{values[i]}' of someone who has left (left empty)",
                numbers[i],
                col,
                "warning",
            )

    unpadded: dict[str, list[str]] | None = None
    for i in odd:
        raw = values[i]
        if raw == ids[i]:
            self_manager(i)
            continue
        if raw.isdigit():  # '20' for '00020', or the other way round, as Excel loses zeros
            if unpadded is None:
                unpadded = {}
                for ident in known:
                    if ident.isdigit():
                        unpadded.setdefault(ident.lstrip("0"), []).append(ident)
            same = unpadded.get(raw.lstrip("0"), [])
            if same == [ids[i]]:
                self_manager(i)
                continue
            if len(same) == 1:
                result[i] = same[0]
                continue
        named = _embedded_id(raw, known)  # "Ana Silva (E1001)", "E1001 - Ana Silva"
        if named is None and "@" in raw:  # some exports give the manager's work email
            if emails is None:
                emails = _email_index(ids, column("email"), keep)
            named = emails.get(raw.casefold())
        if named is not None:
            if named == ids[i]:
                self_manager(i)
            else:
                result[i] = named
            continue
        if by_id:
            unknown(i)
            continue
        if names_of is None:
            names_of = _NameIndex(ids, names, keep, outside, also_called)
        found = names_of.find(_common_name(raw) or raw)
        if len(found) == 1:
            if found[0] == ids[i]:
                self_manager(i)
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
        else:
            unknown(i)
    return Managers(result, None)
