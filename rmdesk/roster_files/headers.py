"""Place a file's columns on the canonical roster fields, by a synonym table of HRIS exports."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from rmdesk.errors import Problem
from rmdesk.models.people import MAPPABLE_FIELDS
from rmdesk.roster_files.header_synonyms import SYNONYMS, WEAK

#: Everything a column can be mapped to: the canonical fields plus the forms they arrive in.
FIELD_CHOICES: tuple[str, ...] = MAPPABLE_FIELDS


_ABBREVIATIONS = (
    (r"\bemp\b", "employee"),
    (r"\bmgr\b", "manager"),
    (r"\bdept\b", "department"),
    (r"\bsupv?\b", "supervisor"),
)


# Letters NFKD does not take apart into a base letter and an accent
_FOLD = str.maketrans(
    {"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
# A bracket that changes what the column holds ("Email (Personal)", "Employee ID (Manager)")
# is read as a leading word; any other bracket ("(Text)", "(MM/DD/YYYY)", "[Required]") goes.
_QUALIFIER = re.compile(
    r"[(\[]\s*(manager|supervisor|line manager|personal|private|home|previous|former|old|"
    r"original)\s*[)\]]"
)
#: Qualifiers that only say whose or which value it is: if the qualified name means nothing,
#: the name without them still does ("Start Date (Original)", "Manager (Supervisor)").
_SOFT_QUALIFIERS = frozenset({"manager", "supervisor", "line manager", "original"})
_BRACKETS = re.compile(r"\(.*?\)|\[.*?\]")


@functools.lru_cache(maxsize=4096)
def normalise_header(header: str, qualified: bool = True) -> str:
    text = unicodedata.normalize("NFKD", header)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().translate(_FOLD)
    text = text.replace("#", "number").replace("nº", "number").replace("n°", "number")
    text = re.sub(r"\b(?:no|nr|nbr|num)\b\.?", "number", text)
    for short, word in _ABBREVIATIONS:
        text = re.sub(short, word, text)
    qualifier = _QUALIFIER.search(text)
    if qualifier and qualified:
        text = f"{qualifier.group(1)} {text[: qualifier.start()]}{text[qualifier.end() :]}"
    bare = _BRACKETS.sub("", text)
    if bare.strip():
        text = bare
    return re.sub(r"[\W_]+", "", text)  # letters and digits of any script stay


def _softly_qualified(header: str) -> bool:
    found = _QUALIFIER.search(header.casefold())
    return found is not None and found.group(1) in _SOFT_QUALIFIERS


_LOOKUP: dict[str, str] = {
    normalise_header(syn): fld for fld, syns in SYNONYMS.items() for syn in syns
}
_WEAK_KEYS: dict[str, frozenset[str]] = {
    fld: frozenset(normalise_header(w) for w in words) for fld, words in WEAK.items()
}


# Words exports add to a column's name without changing what it holds ("Job Title
# Description", "Location Name (Text)").
_SUFFIXES = ("description", "descr", "desc", "text", "label")


def _key_for(header: str) -> str | None:
    """The synonym a header matches, a suffix such as "Description" dropped if need be. A
    header in two scripts ("工号 Employee ID", "氏名/Name") matches by either part."""
    key = normalise_header(header)
    latin = re.sub(r"[^0-9a-z]+", "", key)
    tries = [key, latin, re.sub(r"[0-9a-z]+", "", key)]
    if _softly_qualified(header):
        tries.append(normalise_header(header, qualified=False))
    for whole in dict.fromkeys(tries):
        if whole in _LOOKUP:
            return whole
        for suffix in _SUFFIXES:
            base = normalise_header(whole[: -len(suffix)]) if whole.endswith(suffix) else ""
            if base in _LOOKUP:  # normalised again: "DEPT_DESCR" is "dept" then "department"
                return base
    return None


def field_for_header(header: str) -> str | None:
    key = _key_for(header)
    return None if key is None else _LOOKUP[key]


def _is_weak(header: str, fld: str) -> bool:
    return _key_for(header) in _WEAK_KEYS.get(fld, ())


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
    unplaced: list[int] = []
    found: list[tuple[bool, int, str]] = []
    for idx, header in enumerate(headers):
        if idx in taken or not header:
            continue
        match = field_for_header(header)
        if match is None:
            unplaced.append(idx)
        else:
            found.append((_is_weak(header, match), idx, match))
    # exact names first, then loose ones ("Employee ID" wins over "ID" wherever they stand)
    for _, idx, fld in sorted(found):
        header = headers[idx]
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
            unplaced.append(idx)
            continue
        mapping.columns[fld] = idx
        chosen.add(fld)
        taken.add(idx)
    mapping.unplaced = [headers[i] for i in sorted(unplaced)]
    # a manager column whose header says only "manager" may still hold ids; validation decides
    return mapping
