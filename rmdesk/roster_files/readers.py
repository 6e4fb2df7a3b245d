"""Read a roster file of any common shape into a header and rows of clean strings."""

from __future__ import annotations

import itertools
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rmdesk.errors import Problem, RosterError
from rmdesk.roster_files.cleaning import all_clean, printable
from rmdesk.roster_files.csv_text import CsvText, read_csv
from rmdesk.roster_files.file_input import RosterFile, open_roster
from rmdesk.roster_files.header_rows import HEADER_SEARCH_ROWS, header_index, two_row_header
from rmdesk.roster_files.limits import DEFAULT_LIMITS, ReadLimits
from rmdesk.roster_files.plain_csv import body_columns, plain_head
from rmdesk.roster_files.report_lines import body_rows, not_a_person, odd_rows, overflowing

if TYPE_CHECKING:  # zip, XML and the workbook guards load only for a workbook
    from rmdesk.roster_files.workbooks import Sheet


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

    def cell(self, row: int, column: int) -> str:
        """The text of one cell under the header (both counted from 0), as the file has it."""
        if self.columns is not None:
            return self.columns[column][row]
        return self.rows[row][column]


#: How files that are no table begin, and what to call them (a picture or a document
#: dropped on the window by mistake was read as text, byte by byte).
_OTHER_FILES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"{\\rtf", "a Rich Text document"),
    (b"SQLite f", "a database (an rmdesk workspace is opened with File ▸ Open…)"),
)


#: Names of workbooks that are zip files: read as text, a damaged one gave a riddle ("no
#: column holds the employee id (the columns are: '...')").
_ZIPPED_BOOKS = (".xlsx", ".xlsm", ".ods")


def _refuse_broken_workbook(path: Path, top: bytes) -> None:
    """A workbook by its name that cannot be one: Excel's XML Spreadsheet 2003, or damaged."""
    if b"urn:schemas-microsoft-com:office:spreadsheet" in top:
        raise RosterError(
            [
                Problem(
                    f"{path.name} is an Excel 2003 XML spreadsheet, which rmdesk cannot read; "
                    "open it in Excel, save it as .xlsx or CSV, and import that"
                )
            ]
        )
    # text under a workbook's name is read as the CSV it is (some HR systems name their CSV
    # export .xlsx); binary bytes that are no zip are a damaged workbook
    if path.suffix.lower() in _ZIPPED_BOOKS and b"\x00" in top:
        raise RosterError(
            [
                Problem(
                    f"{path.name} is not a readable workbook (damaged, or another kind of file "
                    "under a spreadsheet name); open it in Excel and save it again"
                )
            ]
        )


def _not_a_table(head: bytes) -> str | None:
    """What a file is when its first bytes say it is no table: an image, a PDF..."""
    return next((kind for magic, kind in _OTHER_FILES if head.startswith(magic)), None)


def read_table(
    path: Path,
    sheet: str | None = None,
    wanted: Collection[str] = (),
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Table:
    """Read ``path`` (CSV in any common encoding and delimiter, XLSX, XLS, ODS).

    ``wanted`` are column names the officer mapped by hand: the row holding them is the
    header, whatever the synonyms make of the rows above it."""

    path = Path(path)
    encoding: str | None = None
    clean = False
    read_notes: list[Problem] = []
    sheets: list[str] = []
    chosen: str | None = None
    with open_roster(path, limits) as file:
        if not file.is_workbook:
            kind = _not_a_table(file.head)
            if kind is not None:
                raise RosterError(
                    [
                        Problem(
                            f"{path.name} is {kind}, not a roster: rmdesk reads the people "
                            "from a CSV file or a workbook (XLSX, XLS, ODS)"
                        )
                    ]
                )
        if not file.is_workbook:
            _refuse_broken_workbook(path, file.block(0, 4096))
        if not file.is_workbook and _is_html(file.block(0, 65536)):
            raise RosterError(
                [
                    Problem(
                        f"{path.name} is a web page (an HTML table), which some HR systems "
                        "save under a spreadsheet name; open it in Excel, save it as .xlsx or "
                        "CSV, and import that"
                    )
                ]
            )
        if file.is_workbook:
            from rmdesk.roster_files.workbooks import read_workbook

            book = read_workbook(path, sheet, limits)
            chosen, sheets = book.name, book.names
            table = _columnar_sheet(book, wanted)
            if table is not None:
                return table
            rows = book.texts()
        elif sheet is not None:
            problem = (
                f"there is no sheet '{sheet}': {path.name} is a text (CSV) file, not a workbook"
            )
            raise RosterError([Problem(problem)])
        else:
            table = _rectangular(file, wanted)  # the common export, a block at a time
            if table is not None:
                return table
            csv_text = read_csv(file.whole())
            encoding, clean = csv_text.encoding, csv_text.clean
            if clean and csv_text.encoding == "cp1252":
                table = _rectangular(csv_text, wanted)
                if table is not None:
                    return table
            rows = csv_text.rows()
            read_notes = csv_text.notes

    header_idx = header_index(rows, wanted)
    if header_idx < 0:
        raise RosterError([Problem("the file is empty: no header row and no people")])
    labels = [c.strip() for c in rows[header_idx]]
    while labels and not labels[-1]:
        labels.pop()
    headers = [printable(h) for h in two_row_header(rows, header_idx)[: len(labels)]]
    body, numbers, notes = body_rows(rows, header_idx, labels, clean)
    notes[:0] = read_notes
    notes.extend(overflowing(body, numbers, len(labels), delimited=chosen is None))
    if chosen is not None:  # a workbook's cells are stripped already: one look at them all
        clean = all_clean(itertools.chain.from_iterable(body))
    return Table(headers, body, numbers, header_idx + 1, encoding, chosen, sheets, notes, clean)


def _rectangular(source: RosterFile | CsvText, wanted: Collection[str]) -> Table | None:
    """The fast road for the common export: no quotes, nothing to clean, every line below
    the header as wide as the header, no blank or report lines. The body is cut into columns
    without a list per row: a UTF-8 file straight from the file, a block of lines at a time
    (``plain_csv``), a Windows-1252 one from its decoded text. None sends anything else down
    the general road."""
    if isinstance(source, CsvText):
        lines, starts = source.first_lines(HEADER_SEARCH_ROWS + 1)
        found = _header_line(lines, source.lead, source.delimiter, wanted)
        if found is None:
            return None
        top, header_idx, below = found
        columns = source.columns_below(starts[below], len(top[header_idx]))
        encoding = source.encoding
    else:
        head = plain_head(source.block, source.chunks, source.size, HEADER_SEARCH_ROWS + 1)
        if head is None:
            return None
        found = _header_line(head.lines, 0, head.delimiter, wanted)
        if found is None:
            return None
        top, header_idx, below = found
        start = head.starts[below]
        columns = body_columns(
            source.block, source.chunks, source.size, head, start, len(top[header_idx])
        )
        encoding = head.encoding
    if columns is None:
        return None
    return _by_columns(columns, top[header_idx], top, header_idx, encoding=encoding)


def _header_line(
    lines: list[str], lead: int, delimiter: str, wanted: Collection[str]
) -> tuple[list[list[str]], int, int] | None:
    """The top lines cut into cells, the header among them, and the line under it (counted
    in ``lines``); None when there is no header with a line under it and a last label."""
    top: list[list[str]] = [[] for _ in range(lead)]
    top.extend(line.split(delimiter) if line else [] for line in lines)
    header_idx = header_index(top, wanted)
    below = header_idx + 1 - lead
    if header_idx < 0 or below >= len(lines) or not top[header_idx][-1]:
        return None
    return top, header_idx, below


def _columnar_sheet(book: Sheet, wanted: Collection[str]) -> Table | None:
    """The fast road through a workbook: as ``_rectangular`` for a CSV, a sheet whose cells
    under the header are clean text once converted, with no blank or report rows, is read
    column by column. None sends anything else down the general road."""
    top = book.texts(slice(HEADER_SEARCH_ROWS + 1))
    header_idx = header_index(top, wanted)
    if header_idx < 0:
        return None
    labels = list(top[header_idx])
    while labels and not labels[-1]:
        labels.pop()
    columns = book.columns_below(header_idx, len(labels)) if len(labels) >= 2 else None
    if columns is None:
        return None
    return _by_columns(columns, labels, top, header_idx, sheet=book.name, sheets=book.names)


def _by_columns(
    columns: list[list[str]],
    labels: list[str],
    top: list[list[str]],
    header_idx: int,
    encoding: str | None = None,
    sheet: str | None = None,
    sheets: list[str] | None = None,
) -> Table | None:
    """The table a fast road cut into columns, unless its first column or first row holds
    what only the general road sets aside (a blank or report line, a second header)."""
    if odd_rows(columns[0], labels[0]) or not_a_person([c[0] for c in columns], labels, True):
        return None
    start = header_idx + 1
    numbers = list(range(start + 1, start + 1 + len(columns[0])))
    headers = [printable(h) for h in two_row_header(top, header_idx)[: len(labels)]]
    return Table(
        headers, [], numbers, start, encoding, sheet, sheets or [], columns=columns, clean=True
    )


def _is_html(data: bytes) -> bool:
    start = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<table")) and (
        b"<table" in data[:65536].lower() or b"<html" in start
    )
