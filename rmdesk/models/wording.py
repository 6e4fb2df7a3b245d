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
