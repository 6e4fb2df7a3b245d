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
        "inativa",
        "desligada",
        "demitido",
        "demitida",
        "uitdienst",
        "inactief",
        "uitgetreden",
        "cessato",
        "cessata",
        "licenziato",
        "licenziata",
        "dimesso",
        "dimessa",
        "zwolniony",
        "zwolniona",
        "nieaktywny",
        "nieaktywna",
        "avslutad",
        "slutat",
        "sortie",
        "sortant",
        "entlassen",
        "deprovisioned",
        "deactivated",
    }
)
# Japanese and Chinese: left (退職, 离职) and still here (在職, 在职); looked for inside the text
_LEFT_CJK = ("退職", "退社", "離職", "离职", "已离职", "退休")
_HERE_CJK = ("在職", "在职", "在籍", "試用", "试用")
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
# "Not active", "Non-active", "No longer employed", "Nicht aktiv", "Não ativo", "Niet actief";
# not "Not on leave" or "Non-exempt"
_NOT_HERE = re.compile(
    r"\b(?:not|non|no longer|no|nicht|nao|niet|nie|ej|inte)[\s-]*"
    r"(?:active|employed|current|working|aktiv|activo|activa|ativo|ativa|actief|actif|active|"
    r"attivo|attiva|aktywny|aktywna)\b"
)


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
    if any(w in _LEFT_WORDS for w in words) or "".join(words) in _LEFT_WORDS:  # "Uit dienst"
        return True
    if any(c in text for c in _LEFT_CJK):
        return True
    if any(w in _HERE_WORDS for w in words) or any(c in text for c in _HERE_CJK):
        return False
    return None
