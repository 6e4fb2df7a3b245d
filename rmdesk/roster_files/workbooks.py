"""Spreadsheets (XLSX, XLS, ODS, read by calamine): the sheet to read, its cells as text."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from rmdesk.errors import Problem, RosterError
from rmdesk.roster_files.cleaning import all_clean, printable
from rmdesk.roster_files.header_rows import HEADER_SEARCH_ROWS, header_score
from rmdesk.roster_files.limits import DEFAULT_LIMITS, ReadLimits
from rmdesk.roster_files.workbook_guard import check_workbook


def clean_cell(value: object) -> str:
    """One spreadsheet value as the text an officer would read in the cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value).strip()


@dataclass
class Sheet:
    """The chosen sheet of a workbook: its values as calamine gives them (text, floats,
    dates, booleans), from cell A1."""

    name: str
    names: list[str]  # every sheet of the workbook
    values: list[list[Any]]

    def texts(self, rows: slice = slice(None)) -> list[list[str]]:
        """Rows of cell texts, stripped. Text is most cells; numbers repeat (grades,
        years), so each distinct one is converted once; the rest (dates, empty) by
        clean_cell."""
        numbers: dict[float, str] = {}

        def number(v: Any) -> str:
            if type(v) is not float:
                return clean_cell(v)
            text = numbers.get(v)
            if text is None:
                text = numbers[v] = clean_cell(v)
            return text

        return [
            [v.strip() if type(v) is str else number(v) for v in row] for row in self.values[rows]
        ]

    def columns_below(self, header_idx: int, width: int) -> list[list[str]] | None:
        """The cells under the header, column by column, when every one of its ``width``
        columns is already clean text once converted and nothing lies past them; else
        None. A column is converted at once: text stays as it is, and other values are
        turned into text once per distinct value."""
        body = self.values[header_idx + 1 :]
        if not body or len(set(map(len, body))) != 1 or len(body[0]) < width:
            return None
        columns: list[list[str]] = []
        # transposed by zip: numpy does it in half the time, but importing numpy for it
        # costs twice what it saves (a workbook import now loads no numpy)
        grid: list[list[Any]] = [list(column) for column in zip(*body, strict=True)]
        for k, values in enumerate(grid):
            if k >= width:
                if not _EMPTY.issuperset(values):
                    return None  # values past the last named column
                continue
            try:
                clean = all_clean(values)  # its join raises TypeError unless all are text
                texts = values
            except TypeError:
                if bool in set(map(type, values)):  # True == 1.0: converting once per
                    texts = [clean_cell(v) for v in values]  # distinct value would mix them
                else:
                    text_of = {v: clean_cell(v) for v in set(values)}
                    texts = list(map(text_of.__getitem__, values))
                clean = all_clean(texts)
            if not clean:
                return None
            columns.append(texts)
        return columns


#: What an empty cell holds in calamine's values
_EMPTY = frozenset({"", None})


def read_workbook(path: Path, sheet: str | None, limits: ReadLimits = DEFAULT_LIMITS) -> Sheet:
    """The sheet to import (``sheet``, else the likeliest), once the file is known to be
    within ``limits``: calamine lays every sheet out in full, so a hostile one is refused
    before it is read."""
    from python_calamine import CalamineWorkbook

    check_workbook(path, limits)
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
        if sheet is not None:
            if sheet not in names:
                listed = ", ".join(f"'{printable(n)}'" for n in names)
                missing = f"there is no sheet '{printable(sheet)}' (sheets: {listed})"
                raise RosterError([Problem(missing)])
            chosen, found = sheet, book.get_sheet_by_name(sheet)  # each get reads the sheet
            raw = found.to_python(skip_empty_area=False)
        else:
            chosen, found, raw = _likeliest_sheet(book, names)
    except RosterError:
        raise
    except Exception as exc:  # calamine raises its own error types for damaged files
        message = printable(str(exc))[:300]
        raise RosterError([Problem(f"the spreadsheet cannot be read: {message}")]) from exc
    fill_merged(found, raw)
    return Sheet(chosen, names, raw)


def fill_merged(sheet: Any, raw: list[list[Any]]) -> None:
    """A merged cell's value in every cell it covers: a department merged down over its
    people, a label merged across the columns under it. Spreadsheets keep the value in the
    first cell only, which would leave the others looking empty."""
    try:
        ranges = sheet.merged_cell_ranges or []
    except Exception:  # a format calamine cannot tell merges for
        return
    for (top, left), (bottom, right) in ranges:
        if top >= len(raw) or left >= len(raw[top]):
            continue
        value = raw[top][left]
        for r in range(top, min(bottom, len(raw) - 1) + 1):
            row = raw[r]
            for c in range(left, min(right, len(row) - 1) + 1):
                if row[c] in ("", None):
                    row[c] = value


def _likeliest_sheet(book: Any, names: list[str]) -> tuple[str, Any, list[list[Any]]]:
    """The sheet whose header names the most roster fields: not a hidden lookup list, a
    summary or a cover page that comes first. Ties go to the first; a workbook with only
    hidden data still imports."""
    from python_calamine import SheetVisibleEnum

    hidden = {m.name for m in book.sheets_metadata if m.visible != SheetVisibleEnum.Visible}
    best: tuple[int, int, str, Any, list[list[Any]]] | None = None
    for order, name in enumerate(names):
        sheet = book.get_sheet_by_name(name)
        values = sheet.to_python(skip_empty_area=False)
        top = [[clean_cell(v) for v in row] for row in values[:HEADER_SEARCH_ROWS]]
        if not any(any(row) for row in top) and not any(
            any(clean_cell(v) for v in row) for row in values
        ):
            continue
        score = max((header_score(row) for row in top), default=0) if len(names) > 1 else 0
        rank = (score if name not in hidden else -1, -order)
        if best is None or rank > best[:2]:
            best = (*rank, name, sheet, values)
    if best is None:
        raise RosterError([Problem("the workbook has no sheet with any data")])
    return best[2], best[3], best[4]
