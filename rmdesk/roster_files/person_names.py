"""People's full names from the name columns an export has: one, or first and last, or both."""

from __future__ import annotations

from rmdesk.roster_files.problems import ColumnOf, HeaderOf


def full_names(
    column: ColumnOf, cols: dict[str, int], header: HeaderOf
) -> tuple[list[str], str, list[str] | None]:
    """The full names, the column to name in problems, and the names the first- and
    last-name columns give where there is a name column too (a manager may be written either
    way: 'Bob Smith' by his preferred name, 'Robert Smith' by his legal one).

    A name column beside a first-name column may hold surnames ("Name" beside "Vorname", as
    German exports have); beside a last-name column, first names ("Nome" beside "Cognome", a
    preferred first name beside the legal names). The parts are joined then. A gap in the
    name column is filled from first and last."""
    if "name" not in cols:
        names = _joined(column("first_name"), column("last_name"))
        return names, header("first_name" if "first_name" in cols else "last_name"), None
    names = column("name")
    has_first, has_last = "first_name" in cols, "last_name" in cols
    if not (has_first or has_last):
        return names, header("name"), None
    firsts, lasts = column("first_name"), column("last_name")
    if has_first and not has_last and _mostly_without(names, firsts, whole_word=True):
        return _joined(firsts, names), header("first_name"), None
    if has_last and _mostly_without(names, lasts, whole_word=False):
        names = [
            f"{nm} {la}" if nm and la and la.casefold() not in nm.casefold() else nm
            for nm, la in zip(names, lasts, strict=True)
        ]
    legal = _joined(firsts, lasts)
    if "" in names:
        names = [nm or whole for nm, whole in zip(names, legal, strict=True)]
    # the legal names find managers too, when both parts are there (a first name alone
    # would make every one-word manager ambiguous)
    return names, header("name"), legal if has_first and has_last else None


def _mostly_without(names: list[str], parts: list[str], whole_word: bool) -> bool:
    """True when most names do not hold the part of a name beside them: they are another
    part of it (a surname beside a first name, a first name beside a surname)."""
    both = [(n.casefold(), p.casefold()) for n, p in zip(names, parts, strict=True) if n and p]
    both = both[:200]
    holding = sum(1 for n, p in both if p in (n.split() if whole_word else n))
    return bool(both) and holding * 2 < len(both)


def _joined(firsts: list[str], lasts: list[str]) -> list[str]:
    """'Ana' + 'Silva' -> 'Ana Silva'; the parts are clean already, either may be empty.
    A name written in Chinese, Japanese or Korean puts the family name first, without a
    space: '伟' + '王' -> '王伟', '민준' + '김' -> '김민준'."""
    if "" not in firsts and "" not in lasts:  # the common case, joined in C
        names = list(map(" ".join, zip(firsts, lasts, strict=True)))
    else:
        names = [f"{f} {la}" if f and la else f or la for f, la in zip(firsts, lasts, strict=True)]
    if max("".join(lasts), default="") < _FIRST_EAST_ASIAN:  # none anywhere (checked in C)
        return names
    for i, (first, last) in enumerate(zip(firsts, lasts, strict=True)):
        if first and last and _east_asian(first) and _east_asian(last):
            names[i] = f"{last}{first}"
    return names


#: The first letter ``_east_asian`` accepts: a family name holding no letter from here up is
#: written in none of those scripts.
_FIRST_EAST_ASIAN = "\u3040"


def _east_asian(text: str) -> bool:
    """Written in Han characters, kana or Hangul (judged by its first letter)."""
    c = ord(text[0])
    return (
        0x3040 <= c <= 0x30FF  # hiragana, katakana
        or 0x3400 <= c <= 0x9FFF  # CJK ideographs
        or 0xAC00 <= c <= 0xD7AF  # Hangul syllables
        or 0xF900 <= c <= 0xFAFF  # compatibility ideographs
        or 0x20000 <= c <= 0x3FFFF  # ideographs beyond the basic plane
    )
