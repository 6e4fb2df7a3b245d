"""Read a column of dates, choosing between day-first and month-first from the values."""

from __future__ import annotations

import re
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


def parse_date_column(texts: list[str]) -> DateColumn:
    """Parse every non-empty text; numeric d/m vs m/d is settled by the whole column."""
    values: list[date | None] = [None] * len(texts)
    bad: list[int] = []
    pending: list[tuple[int, int, int, int]] = []  # index, first, second, year
    can_dmy = can_mdy = True
    dmy_only: list[int] = []
    mdy_only: list[int] = []
    cache: dict[str, date | None] = {}
    for idx, text in enumerate(texts):
        if not text:
            continue
        if text in cache:
            values[idx] = cache[text]
            if values[idx] is None:
                bad.append(idx)  # every row with the unreadable value is listed, not the first
            continue
        m = _ISO.match(text)
        if m:
            values[idx] = cache[text] = _make(int(m[1]), int(m[2]), int(m[3]))
            if values[idx] is None:
                bad.append(idx)
            continue
        m = _NUMERIC.match(text)
        if m:
            a, b, y = int(m[1]), int(m[2]), _year(m[3])
            dmy_ok = _make(y, b, a) is not None
            mdy_ok = _make(y, a, b) is not None
            if not dmy_ok and not mdy_ok:
                bad.append(idx)  # unreadable either way: it has no say in the column's order
                continue
            if dmy_ok and not mdy_ok:
                dmy_only.append(idx)
                can_mdy = False
            elif mdy_ok and not dmy_ok:
                mdy_only.append(idx)
                can_dmy = False
            pending.append((idx, a, b, y))
            continue
        parsed = _parse_other(text)
        if parsed is None:
            bad.append(idx)
        values[idx] = cache[text] = parsed
    order: str | None = None
    ambiguous = False
    conflicting: list[int] = []
    if pending:
        if can_dmy and not can_mdy:
            order = "dmy"
        elif can_mdy and not can_dmy:
            order = "mdy"
        elif not can_dmy and not can_mdy:
            # both readings are contradicted: the minority of rows is the odd one out
            order = "dmy" if len(dmy_only) >= len(mdy_only) else "mdy"
            conflicting = mdy_only if order == "dmy" else dmy_only
        else:
            # every value reads both ways; fine only if the two readings agree on each
            if all(a == b for _, a, b, _ in pending):
                order = "dmy"
            else:
                ambiguous = True
        if order is not None:
            bad_set = set(bad) | set(conflicting)
            for idx, a, b, y in pending:
                if idx in bad_set:
                    continue
                values[idx] = _make(y, b, a) if order == "dmy" else _make(y, a, b)
    return DateColumn(values, bad, ambiguous, order, conflicting)


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
