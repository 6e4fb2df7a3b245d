"""Stray whitespace out of cell values, a whole column at a time."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import cast

_SPACES = re.compile(r"\s+")
# two spaces in a row, a tab, newline, nbsp …, or an invisible character (below)
_MESSY = re.compile(r"\s\s|[^\S ]|[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
_SEP = "\u00a6"  # broken bar
_SEP_SPACE, _SPACE_SEP = _SEP + " ", " " + _SEP
# zero-width spaces, direction marks, the soft hyphen, word joiners, the BOM. The zero-width
# joiner and non-joiner stay inside a name: emoji sequences and Persian or Indic spellings
# need them; at a word's edge they join nothing and go (``_LOOSE_JOINERS``).
_INVISIBLE = dict.fromkeys([0xAD, 0x200B, 0x200E, 0x200F, *range(0x2060, 0x2065), 0xFEFF])
_JOINERS = "\u200c\u200d"
_LOOSE_JOINERS = re.compile(
    r"^[\u200c\u200d]+|[\u200c\u200d]+$|(?<= )[\u200c\u200d]+|[\u200c\u200d]+(?= )"
)
_NO_JOINERS = dict.fromkeys(map(ord, _JOINERS))
# What must never reach a terminal or a printed page: C0 and C1 control characters (tab and
# line ends are whitespace, collapsed before this), DEL, and the bidi embeddings, overrides
# and isolates that reorder the text around them.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def collapse(text: str) -> str:
    """Runs of whitespace to one space; the common clean value is returned as it is.
    Excel's way to keep leading zeros in a CSV, ="00123", is read as 00123."""
    if text[:2] == '="' and text[-1:] == '"':
        text = text[2:-1]
    if _MESSY.search(text) is None:
        return text.strip()
    text = _SPACES.sub(" ", text.translate(_INVISIBLE)).strip()
    if "\u200c" in text or "\u200d" in text:
        text = _SPACES.sub(" ", _LOOSE_JOINERS.sub("", text)).strip()
    return text


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
    """Empty texts to None, as a missing value is stored; in C either way. A full column is
    returned as it is (no step changes a column in place)."""
    if not values.count(""):  # a full column needs no lookups
        return cast("list[str | None]", values)
    return list(map(_NONE_FOR_EMPTY.get, values, values))


def drop_float_tail(values: list[str]) -> list[str]:
    """'1042.0' -> '1042': what Excel makes of a numeric id saved through a CSV."""
    if ".0\x00" not in "\x00".join(values) + "\x00":  # one scan, not a call per value
        return values
    return [v[:-2] if v.endswith(".0") and v[:-2].isdigit() else v for v in values]


def strip_controls(values: list[str]) -> tuple[list[str], list[int]]:
    """``values`` without control characters, and the positions of the ones that had some.
    One scan when there are none (the printable test in C), else a look per distinct value."""
    if _SEP.join(values).isprintable():
        return values, []
    bad = {v for v in set(values) if _CONTROL.search(v)}
    if not bad:
        return values, []
    fixed = {v: _SPACES.sub(" ", _CONTROL.sub("", v)).strip() for v in bad}
    where = [i for i, v in enumerate(values) if v in bad]
    return [fixed.get(v, v) for v in values], where


def control_names(text: str) -> str:
    """The control characters in ``text``, named by code point: 'U+001B, U+0007'."""
    return ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(_CONTROL.findall(text)))


def without_joiners(values: list[str]) -> list[str]:
    """Ids keep no zero-width joiner: they are compared, never read."""
    joined = _SEP.join(values)
    if "\u200c" not in joined and "\u200d" not in joined:
        return values
    return [v.translate(_NO_JOINERS).strip() for v in values]


def printable(text: str) -> str:
    """``text`` safe to print in a message: each control character shown as '?'."""
    return _CONTROL.sub("?", text)
