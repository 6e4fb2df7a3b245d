"""What an export's status column says: still employed, or gone."""

from __future__ import annotations

import re
import unicodedata

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
        # French, German, Spanish, Portuguese, Dutch
        "inactif",
        "parti",
        "sorti",
        "retraite",
        "ausgetreten",
        "ausgeschieden",
        "inaktiv",
        "gekundigt",
        "baja",
        "inactivo",
        "inactiva",
        "jubilado",
        "terminado",
        "desligado",
        "inativo",
        "uitdienst",
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
        "notice",
        "garden",
        "secondment",
        "seconded",
        "actif",
        "aktiv",
        "activo",
        "activa",
        "ativo",
        "alta",
        "actief",
        "exempt",
        "nonexempt",
    }
)
_WORD = re.compile(r"[a-z]+")
# "Not active", "Non-active", "No longer employed"; not "Not on leave" or "Non-exempt"
_NOT_HERE = re.compile(r"\b(?:not|non|no longer)[\s-]*(?:active|employed|current|working)\b")


def has_left(status: str) -> bool | None:
    """True for 'Terminated', 'Inactive', 'N'...; False for 'Active', 'On leave', 'Y'...;
    None for a value that says neither."""
    text = status.strip().casefold()
    if text in _LEFT_CODES:
        return True
    if text in _HERE_CODES:
        return False
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    if _NOT_HERE.search(plain):
        return True
    words = _WORD.findall(plain)
    if any(w in _LEFT_WORDS for w in words):
        return True
    if any(w in _HERE_WORDS for w in words):
        return False
    return None
