"""What an export's status column says: still employed, or gone."""

from __future__ import annotations

import re

# One-letter and yes/no codes (PeopleSoft EMPL_STATUS and friends, "Active: Y/N").
_LEFT_CODES = frozenset({"no", "n", "false", "0", "t", "d", "r", "u", "x", "q", "i", "term"})
_HERE_CODES = frozenset({"yes", "y", "true", "1", "a", "l", "p", "s", "w"})
_LEFT_WORDS = frozenset(
    {
        "terminated",
        "termed",
        "inactive",
        "left",
        "leaver",
        "former",
        "withdrawn",
        "separated",
        "resigned",
        "retired",
        "dismissed",
        "deceased",
        "exited",
        "departed",
        "quit",
        "fired",
        "redundant",
        "alumni",
        "alumnus",
        "ex",
    }
)
_HERE_WORDS = frozenset(
    {
        "active",
        "current",
        "employed",
        "leave",
        "loa",
        "probation",
        "probationary",
        "suspended",
        "hired",
        "rehired",
        "rehire",
        "new",
        "onboarding",
        "working",
        "permanent",
        "temporary",
        "fulltime",
        "parttime",
        "full",
        "part",
        "regular",
        "sabbatical",
        "maternity",
        "paternity",
        "parental",
        "sick",
    }
)
_WORD = re.compile(r"[a-z]+")


def has_left(status: str) -> bool | None:
    """True for 'Terminated', 'Inactive', 'N'...; False for 'Active', 'On leave', 'Y'...;
    None for a value that says neither."""
    text = status.strip().casefold()
    if text in _LEFT_CODES:
        return True
    if text in _HERE_CODES:
        return False
    words = _WORD.findall(text)
    if any(w in _LEFT_WORDS for w in words) or any(w in ("not", "non", "no") for w in words):
        return True
    if any(w in _HERE_WORDS for w in words):
        return False
    return None
