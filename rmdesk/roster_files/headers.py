"""Place a file's columns on the canonical roster fields, by a synonym table of HRIS exports."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from rmdesk.errors import Problem
from rmdesk.roster_files.header_synonyms import SYNONYMS

#: Everything a column can be mapped to: the canonical fields plus the forms they arrive in.
FIELD_CHOICES: tuple[str, ...] = (
    "employee_id",
    "name",
    "first_name",
    "last_name",
    "email",
    "department",
    "division",
    "title",
    "grade",
    "manager_id",
    "manager_name",
    "hire_date",
    "birth_year",
    "birth_date",
    "location",
    "status",
    "termination_date",
)

_LOOKUP: dict[str, str] = {syn: fld for fld, syns in SYNONYMS.items() for syn in syns}


_ABBREVIATIONS = (
    (r"\bemp\b", "employee"),
    (r"\bmgr\b", "manager"),
    (r"\bdept\b", "department"),
    (r"\bsupv?\b", "supervisor"),
)


@functools.lru_cache(maxsize=4096)
def normalise_header(header: str) -> str:
    text = unicodedata.normalize("NFKD", header)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("#", "number").replace("nº", "number")
    text = re.sub(r"\b(?:no|nr|nbr|num)\b\.?", "number", text)
    for short, word in _ABBREVIATIONS:
        text = re.sub(short, word, text)
    text = re.sub(r"\(.*?\)", "", text) if re.sub(r"\(.*?\)", "", text).strip() else text
    return re.sub(r"[^0-9a-z]+", "", text)


# Words exports add to a column's name without changing what it holds ("Job Title
# Description", "Location Name (Text)").
_SUFFIXES = ("description", "descr", "desc", "text", "label")


def field_for_header(header: str) -> str | None:
    key = normalise_header(header)
    found = _LOOKUP.get(key)
    if found is None:
        for suffix in _SUFFIXES:
            if key.endswith(suffix) and key[: -len(suffix)] in _LOOKUP:
                return _LOOKUP[key[: -len(suffix)]]
    return found


def is_known_header(header: str) -> bool:
    return field_for_header(header) is not None


@dataclass
class Mapping:
    """Which column index holds which field; ``unplaced`` names the columns left over."""

    columns: dict[str, int] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    #: more columns that could hold a field; validation looks at their values to choose
    #: (the id column the managers refer to) or to combine them (every status column)
    extra: dict[str, list[int]] = field(default_factory=dict)

    def as_names(self, headers: list[str]) -> dict[str, str]:
        return {fld: headers[idx] for fld, idx in self.columns.items()}


def _find_column(headers: list[str], wanted: str) -> int | None:
    for idx, h in enumerate(headers):
        if h == wanted:
            return idx
    key = normalise_header(wanted)
    for idx, h in enumerate(headers):
        if normalise_header(h) == key:
            return idx
    return None


#: Fields a second matching column is kept for, instead of being ignored.
_COMBINED = ("employee_id", "status")


def detect_mapping(headers: list[str], overrides: dict[str, str] | None = None) -> Mapping:
    """Map by synonyms, then apply the officer's ``FIELD=COLUMN`` choices on top."""
    mapping = Mapping()
    taken: set[int] = set()
    problems: list[Problem] = []
    for fld, column in (overrides or {}).items():
        if fld not in FIELD_CHOICES:
            choices = ", ".join(FIELD_CHOICES)
            problems.append(Problem(f"unknown field '{fld}' in the mapping (fields: {choices})"))
            continue
        if not column:
            mapping.columns.pop(fld, None)
            continue
        idx = _find_column(headers, column)
        if idx is None:
            have = ", ".join(f"'{h}'" for h in headers if h)
            problems.append(
                Problem(f"no column '{column}' for field '{fld}' (the columns are: {have})")
            )
            continue
        mapping.columns[fld] = idx
        taken.add(idx)
    if problems:
        from rmdesk.errors import RosterError

        raise RosterError(problems)
    chosen = set(mapping.columns)
    if overrides:
        chosen |= set(overrides)  # an explicit empty mapping keeps a field unplaced
    for idx, header in enumerate(headers):
        if idx in taken or not header:
            continue
        found = field_for_header(header)
        if found is None:
            mapping.unplaced.append(header)
            continue
        fld = found
        if fld in _COMBINED and fld in mapping.columns and fld not in (overrides or {}):
            mapping.extra.setdefault(fld, []).append(idx)
            taken.add(idx)
            continue
        if fld in chosen:
            mapping.notes.append(
                Problem(
                    f"ignored: '{headers[mapping.columns[fld]]}' already gives {fld}"
                    if fld in mapping.columns
                    else f"ignored: {fld} was set by hand",
                    column=header,
                    severity="warning",
                )
            )
            mapping.unplaced.append(header)
            continue
        mapping.columns[fld] = idx
        chosen.add(fld)
        taken.add(idx)
    # a manager column whose header says only "manager" may still hold ids; validation decides
    return mapping
