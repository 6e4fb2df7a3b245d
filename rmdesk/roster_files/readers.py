"""Read a roster file of any common shape into a header and rows of clean strings."""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from rmdesk.errors import Problem, RosterError
from rmdesk.roster_files.cleaning import all_clean
from rmdesk.roster_files.csv_text import CsvText, read_csv
from rmdesk.roster_files.report_lines import body_rows, odd_rows, overflowing, same_fields

#: How many leading rows may hold a report title before the real header.
HEADER_SEARCH_ROWS = 40
#: Rows read past a good header before the search stops (a second header row may follow).
_ROWS_PAST_HEADER = 5

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Table:
    """A sheet of strings: ``rows[i]`` was line ``row_numbers[i]`` of the file (header = 1).

    Cells are as the file wrote them, stray spaces included; ``parse_roster`` cleans them
    column by column, which is much cheaper than cell by cell.
    """

    headers: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    header_row: int = 1
    encoding: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    #: rows the reader set aside (repeated headers, totals), as warnings
    notes: list[Problem] = field(default_factory=list)
    #: True when no cell can hold stray whitespace, so there is nothing to clean
    clean: bool = False
    #: the cells column by column, when the reader made them so (then ``rows`` is empty)
    columns: list[list[str]] | None = None

    def __len__(self) -> int:
        return len(self.row_numbers)


def _clean_cell(value: object) -> str:
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


def _read_workbook(path: Path, sheet: str | None) -> tuple[list[list[str]], str, list[str]]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise RosterError([Problem(f"the spreadsheet cannot be read: {exc}")]) from exc
    names = list(book.sheet_names)
    if sheet is not None:
        if sheet not in names:
            listed = ", ".join(f"'{n}'" for n in names)
            raise RosterError([Problem(f"there is no sheet '{sheet}' (sheets: {listed})")])
        chosen, found = sheet, book.get_sheet_by_name(sheet)  # each get reads the sheet
        raw = found.to_python(skip_empty_area=False)
    else:
        chosen, found, raw = _likeliest_sheet(book, names)
    _fill_merged(found, raw)
    # most cells are text: stripped inline; numbers repeat (grades, years), so each distinct
    # one is converted once; the rest (dates, empty) by _clean_cell
    numbers: dict[float, str] = {}

    def number(v: Any) -> str:
        if type(v) is not float:
            return _clean_cell(v)
        text = numbers.get(v)
        if text is None:
            text = numbers[v] = _clean_cell(v)
        return text

    rows = [[v.strip() if type(v) is str else number(v) for v in row] for row in raw]
    return rows, chosen, names


def _fill_merged(sheet: Any, raw: list[list[Any]]) -> None:
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
        top = [[_clean_cell(v) for v in row] for row in values[:HEADER_SEARCH_ROWS]]
        if not any(any(row) for row in top) and not any(
            any(_clean_cell(v) for v in row) for row in values
        ):
            continue
        score = max((_header_score(row) for row in top), default=0) if len(names) > 1 else 0
        rank = (score if name not in hidden else -1, -order)
        if best is None or rank > best[:2]:
            best = (*rank, name, sheet, values)
    if best is None:
        raise RosterError([Problem("the workbook has no sheet with any data")])
    return best[2], best[3], best[4]


def _header_score(row: list[str]) -> int:
    """How many roster fields a row names: distinct ones, so a label merged across a group
    of columns ('Employee' over ID, Name and Email) counts once."""
    from rmdesk.roster_files.headers import field_for_header

    return len({field_for_header(c) for c in row if c} - {None})


def read_table(path: Path, sheet: str | None = None, wanted: Collection[str] = ()) -> Table:
    """Read ``path`` (CSV in any common encoding and delimiter, XLSX, XLS, ODS).

    ``wanted`` are column names the officer mapped by hand: the row holding them is the
    header, whatever the synonyms make of the rows above it."""

    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            data = head + fh.read() if not head.startswith((ZIP_MAGIC, OLE_MAGIC)) else b""
    except FileNotFoundError as exc:
        raise RosterError([Problem(f"no such file: {path}")]) from exc
    except OSError as exc:
        raise RosterError([Problem(f"{path} cannot be read: {exc.strerror or exc}")]) from exc
    if _is_html(data):
        raise RosterError(
            [
                Problem(
                    f"{path.name} is a web page (an HTML table), which some HR systems save "
                    "under a spreadsheet name; open it in Excel, save it as .xlsx or CSV, and "
                    "import that"
                )
            ]
        )

    encoding: str | None = None
    clean = False
    sheets: list[str] = []
    chosen: str | None = None
    if head.startswith((ZIP_MAGIC, OLE_MAGIC)):
        rows, chosen, sheets = _read_workbook(path, sheet)
    elif sheet is not None:
        problem = f"there is no sheet '{sheet}': {path.name} is a text (CSV) file, not a workbook"
        raise RosterError([Problem(problem)])
    else:
        csv_text = read_csv(data)
        encoding, clean = csv_text.encoding, csv_text.clean
        if clean:
            table = _rectangular(csv_text, wanted)
            if table is not None:
                return table
        rows = csv_text.rows()

    header_idx = _header_index(rows, wanted)
    if header_idx < 0:
        raise RosterError([Problem("the file is empty: no header row and no people")])
    labels = [c.strip() for c in rows[header_idx]]
    while labels and not labels[-1]:
        labels.pop()
    headers = _two_row_header(rows, header_idx)[: len(labels)]
    body, numbers, notes = body_rows(rows, header_idx, labels, clean)
    notes.extend(overflowing(body, numbers, len(labels)))
    if chosen is not None:  # a workbook's cells are stripped already: one look at them all
        clean = all_clean(itertools.chain.from_iterable(body))
    return Table(headers, body, numbers, header_idx + 1, encoding, chosen, sheets, notes, clean)


def _rectangular(csv_text: CsvText, wanted: Collection[str]) -> Table | None:
    """The fast road for the common export: no quotes, nothing to clean, every line below
    the header as wide as the header, no blank or report lines. The body is cut into columns
    without a list per row (``CsvText.columns_below``). None sends anything else down the
    general road."""
    lead = csv_text.lead
    lines, starts = csv_text.first_lines(HEADER_SEARCH_ROWS + 1)
    top: list[list[str]] = [[] for _ in range(lead)]
    top.extend(line.split(csv_text.delimiter) if line else [] for line in lines)
    header_idx = _header_index(top, wanted)
    below = header_idx + 1 - lead  # the line under the header, counted in ``lines``
    if header_idx < 0 or below >= len(lines):
        return None
    labels, width = top[header_idx], len(top[header_idx])
    if not labels[-1]:
        return None
    columns = csv_text.columns_below(starts[below], width)
    if columns is None:
        return None
    if odd_rows(columns[0], labels[0]) or same_fields([c[0] for c in columns], labels):
        return None
    start = header_idx + 1
    numbers = list(range(start + 1, start + 1 + len(columns[0])))
    headers = _two_row_header(top, header_idx)
    return Table(headers, [], numbers, start, csv_text.encoding, columns=columns, clean=True)


def _is_html(data: bytes) -> bool:
    start = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<table")) and (
        b"<table" in data[:65536].lower() or b"<html" in start
    )


def _header_index(rows: list[list[str]], wanted: Collection[str]) -> int:
    """The early row that names the most known fields (a report title may sit above it); a
    row holding the columns the officer mapped by hand wins outright."""
    from rmdesk.roster_files.headers import normalise_header

    asked = {normalise_header(w) for w in wanted if w}
    header_idx, best = -1, -1
    for idx, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        # a row under group labels ('Line manager' over 'ID', 'Name') is scored with them
        score = max(_header_score(cells), _header_score(_two_row_header(rows, idx)))
        if asked:
            score += 100 * sum(1 for c in cells if c and normalise_header(c) in asked)
        if header_idx < 0 or score > best:
            header_idx, best = idx, score
        elif best >= 2 and idx - header_idx >= _ROWS_PAST_HEADER:
            break  # a header well behind us: these are people now
    return header_idx


def _two_row_header(rows: list[list[str]], header_idx: int) -> list[str]:
    """The header, completed by the row above it when the export splits its labels over two
    rows ("Line manager" over "ID" and "Name"): the upper label, carried over the columns
    of its merged cell, is put before the lower one wherever that names a field better."""
    from rmdesk.roster_files.headers import field_for_header

    lower = [c.strip() for c in rows[header_idx]]
    if header_idx == 0:
        return lower
    upper = [c.strip() for c in rows[header_idx - 1]]
    if sum(1 for c in upper if c) < 2:
        return lower
    carried: list[str] = []
    for k in range(len(lower)):
        label = upper[k] if k < len(upper) else ""
        carried.append(label or (carried[-1] if carried else ""))
    combined = []
    for top, bottom in zip(carried, lower, strict=True):
        joined = f"{top} {bottom}".strip()
        combined.append(joined if bottom and field_for_header(joined) else bottom)
    fields_lower = {field_for_header(c) for c in lower if c} - {None}
    fields_combined = {field_for_header(c) for c in combined if c} - {None}
    return combined if len(fields_combined) > len(fields_lower) else lower
