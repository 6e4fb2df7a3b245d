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


#: Unicode's first-strong isolate and its end (UAX #9): a name in Arabic or Hebrew keeps its
#: own direction inside them, and never turns the line around it right to left.
_ISOLATE, _END_ISOLATE = "\u2068", "\u2069"


def isolated(text: str) -> str:
    """``text`` as a bidi isolate, to place a name of any script inside a sentence."""
    return f"{_ISOLATE}{text}{_END_ISOLATE}"


def pair_title(mentor: str, mentee: str) -> str:
    """'Mentor → Mentee', the mentor first whatever scripts the names are in: without the
    isolates, an Arabic mentor's name turned the line around, and the arrow pointed the
    wrong way."""
    # the left-to-right mark first: Qt's rich text takes a block's direction from its first
    # strong letter and does not skip isolates when it looks for it
    return f"\u200e{isolated(mentor)} → {isolated(mentee)}"
