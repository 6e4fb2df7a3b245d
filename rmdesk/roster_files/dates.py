"""Read a column of dates, choosing between day-first and month-first from the values."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:[T ,].*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_WORDY_DMY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[ \-/.]+([A-Za-z]+)\.?,?[ \-/.]+(\d{2}|\d{4})$")
_WORDY_MDY = re.compile(r"^([A-Za-z]+)\.?[ \-/.]+(\d{1,2})(?:st|nd|rd|th)?,?[ \-/.]+(\d{4})$")
_EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True, slots=True)
class DateColumn:
    """The column's verdict: ``order`` is 'dmy', 'mdy' or None when no value needed a choice."""

    values: list[date | None]
    bad_rows: list[int]  # indices of values that cannot be read as a date
    ambiguous: bool
    order: str | None
    conflicting_rows: list[int]  # day-first values in a month-first column, or the reverse


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 50 else 1900
    return y


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date_column(texts: list[str], hint: str | None = None) -> DateColumn:
    """Parse every non-empty text; numeric d/m vs m/d is settled by the whole column, or by
    ``hint`` ('dmy' or 'mdy', from a header such as 'Hire Date (DD/MM/YYYY)') when every
    value reads both ways.

    Each distinct text is read once (a 100k-row column holds a few thousand dates), and the
    verdicts are spread back over the rows.
    """
    counts = Counter(texts)
    counts.pop("", None)
    parsed: dict[str, date | None] = {}
    bad: set[str] = set()
    pending: dict[str, tuple[int, int, int]] = {}  # text -> first, second, year
    dmy_only: list[str] = []
    mdy_only: list[str] = []
    for text in counts:
        m = _ISO.match(text)
        if m:
            parsed[text] = _make(int(m[1]), int(m[2]), int(m[3]))
        elif m := _NUMERIC.match(text):
            a, b, y = int(m[1]), int(m[2]), _year(m[3])
            dmy_ok = _make(y, b, a) is not None
            mdy_ok = _make(y, a, b) is not None
            if not dmy_ok and not mdy_ok:
                bad.add(text)  # unreadable either way: it has no say in the column's order
                continue
            if not mdy_ok:
                dmy_only.append(text)
            elif not dmy_ok:
                mdy_only.append(text)
            pending[text] = (a, b, y)
            continue
        else:
            parsed[text] = _parse_other(text)
        if parsed[text] is None:
            bad.add(text)
    order: str | None = None
    ambiguous = False
    conflicting: set[str] = set()
    if pending:
        if dmy_only and not mdy_only:
            order = "dmy"
        elif mdy_only and not dmy_only:
            order = "mdy"
        elif dmy_only and mdy_only:
            # both readings are contradicted: the minority of rows is the odd one out
            dmy_rows = sum(counts[t] for t in dmy_only)
            mdy_rows = sum(counts[t] for t in mdy_only)
            order = "dmy" if dmy_rows >= mdy_rows else "mdy"
            conflicting = set(mdy_only if order == "dmy" else dmy_only)
        elif all(a == b for a, b, _ in pending.values()):
            order = "dmy"  # every value reads both ways, and both readings agree
        elif hint in ("dmy", "mdy"):
            order = hint
        else:
            ambiguous = True
        if order is not None:
            for text, (a, b, y) in pending.items():
                if text not in conflicting:
                    parsed[text] = _make(y, b, a) if order == "dmy" else _make(y, a, b)
    get = parsed.get
    values = [get(t) for t in texts]
    # every row with an unreadable value is listed, not only the first
    bad_rows = [i for i, t in enumerate(texts) if t in bad] if bad else []
    conflicting_rows = [i for i, t in enumerate(texts) if t in conflicting] if conflicting else []
    return DateColumn(values, bad_rows, ambiguous, order, conflicting_rows)


# DD/MM/YYYY, and the German TT.MM.JJJJ, French JJ/MM/AAAA, Spanish DD/MM/AAAA
_DMY_HEADER = re.compile(r"(?i)\b[dtj]{1,2}\W?m{1,3}\W?[yja]{1,4}\b")
_MDY_HEADER = re.compile(r"(?i)\bm{1,3}\W?[dtj]{1,2}\W?[yja]{1,4}\b")


def order_hint(header: str) -> str | None:
    """'dmy' or 'mdy' when a column's header spells its date format out."""
    if _DMY_HEADER.search(header):
        return "dmy"
    if _MDY_HEADER.search(header):
        return "mdy"
    return None


def _parse_other(text: str) -> date | None:
    m = _COMPACT.match(text)
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]))
    m = _WORDY_DMY.match(text)
    if m and m[2].casefold() in _MONTHS:
        return _make(_year(m[3]), _MONTHS[m[2].casefold()], int(m[1]))
    m = _WORDY_MDY.match(text)
    if m and m[1].casefold() in _MONTHS:
        return _make(int(m[3]), _MONTHS[m[1].casefold()], int(m[2]))
    if _SERIAL.match(text):
        serial = float(text)
        if 1 <= serial < 80000:  # an Excel day number that lost its date format
            return _EXCEL_EPOCH + timedelta(days=int(serial))
    return None
