"""Counts in words: the right singular or plural ("1 pair", "2 pairs")."""

from __future__ import annotations

_IRREGULAR = {"person": "people", "is": "are", "was": "were", "has": "have"}


def plural_word(n: int, word: str) -> str:
    """``word`` agreeing with ``n``: ``plural_word(2, "mentee")`` is "mentees"."""
    if n == 1:
        return word
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    return word + "s"


def plural(n: int, word: str) -> str:
    """``plural(1, "pair")`` is "1 pair", ``plural(3, "pair")`` is "3 pairs"."""
    return f"{n:,} {plural_word(n, word)}"


#: Unicode's first-strong isolate and its end, and the left-to-right mark (UAX #9): a name in
#: Arabic or Hebrew keeps its own direction inside an isolate, and never turns the line
#: around it right to left.
_ISOLATE, _END_ISOLATE, _LTR_MARK = "\u2068", "\u2069", "\u200e"


def isolated(text: str) -> str:
    """``text`` as a bidi isolate, to place a name of any script inside a sentence."""
    return f"{_ISOLATE}{text}{_END_ISOLATE}"


def ltr_line(text: str) -> str:
    """A line of rich text read left to right whatever script it starts with: Qt's rich text
    takes a block's direction from its first strong letter, and skips no isolate to find it."""
    return f"{_LTR_MARK}{text}"


def pair_label(mentor: str, mentee: str) -> str:
    """'Mentor → Mentee' for a list or table row (which Qt lays out left to right): the
    mentor's name first and bare, so typing a name still finds the row; the mark after it
    keeps the arrow and the mentee after it, even when both names are Arabic or Hebrew."""
    return f"{mentor}{_LTR_MARK} → {isolated(mentee)}"


def pair_title(mentor: str, mentee: str) -> str:
    """'Mentor → Mentee' in a heading or other rich text, the mentor first in any script:
    without the marks, an Arabic mentor's name turned the line around, and the arrow
    pointed the wrong way."""
    return ltr_line(pair_label(mentor, mentee))
