"""Stray whitespace out of cell values, a whole column at a time."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_SPACES = re.compile(r"\s+")
# two spaces in a row, a tab, newline, nbsp …, or an invisible character (below)
_MESSY = re.compile(r"\s\s|[^\S ]|[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
_SEP = "\u00a6"  # broken bar
_SEP_SPACE, _SPACE_SEP = _SEP + " ", " " + _SEP
# zero-width spaces and joiners, direction marks, the soft hyphen, word joiners, the BOM
_INVISIBLE = dict.fromkeys([0xAD, *range(0x200B, 0x2010), *range(0x2060, 0x2065), 0xFEFF])


def collapse(text: str) -> str:
    """Runs of whitespace to one space; the common clean value is returned as it is.
    Excel's way to keep leading zeros in a CSV, ="00123", is read as 00123."""
    if text[:2] == '="' and text[-1:] == '"':
        text = text[2:-1]
    if _MESSY.search(text) is None:
        return text.strip()
    return _SPACES.sub(" ", text.translate(_INVISIBLE)).strip()


def all_clean(values: Iterable[str]) -> bool:
    """No value holds a tab, newline, non-breaking or other odd space (all of which, and only
    they besides control characters, make a text unprintable), two spaces in a row, or a
    space at either end. One join and string methods in C: a regex is ten times slower.
    The separator is a printable sign values hardly hold; if one does, the column merely
    takes the slow road. A value that is not text raises TypeError."""
    text = _SEP.join(values)
    return not (
        '="' in text
        or "  " in text
        or _SEP_SPACE in text
        or _SPACE_SEP in text
        or text[:1] == " "
        or text[-1:] == " "
        or not text.isprintable()
    )


def clean_column(values: Sequence[str]) -> list[str]:
    """``collapse`` every value: one scan when the column is clean, else once per value."""
    if all_clean(values):
        return list(values)
    clean = {v: collapse(v) for v in set(values)}
    return [clean[v] for v in values]


#: dict.get(text, text) with this: None for an empty text, the text itself otherwise
_NONE_FOR_EMPTY: dict[str, None] = {"": None}


def none_if_empty(values: list[str]) -> list[str | None]:
    """Empty texts to None, as a missing value is stored; in C either way."""
    if not values.count(""):  # a full column needs no lookups
        return list[str | None](values)
    return list(map(_NONE_FOR_EMPTY.get, values, values))


def drop_float_tail(values: list[str]) -> list[str]:
    """'1042.0' -> '1042': what Excel makes of a numeric id saved through a CSV."""
    if ".0\x00" not in "\x00".join(values) + "\x00":  # one scan, not a call per value
        return values
    return [v[:-2] if v.endswith(".0") and v[:-2].isdigit() else v for v in values]
