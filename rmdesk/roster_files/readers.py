"""Read a roster file of any common shape into a header and rows of clean strings."""

from __future__ import annotations

import codecs
import csv
import io
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from rmdesk.errors import Problem, RosterError

#: How many leading rows may hold a report title before the real header.
HEADER_SEARCH_ROWS = 15

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Table:
    """A sheet of strings: ``rows[i]`` was line ``row_numbers[i]`` of the file (header = 1)."""

    headers: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    header_row: int = 1
    encoding: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)


_UTF16 = ("utf-16-le", "utf-16-be")


def decode_text(data: bytes) -> tuple[str, str]:
    """Bytes to text: a BOM first, then UTF-16 without BOM, then strict UTF-8, then cp1252."""
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(enc), enc
    sample = data[:4096]
    zeros = sample.count(0)
    # UTF-16 without a BOM: UTF-8 and cp1252 text has no zero bytes, while the ASCII in a
    # UTF-16 roster (ids, commas, dates) brings plenty, even when the names are all CJK. The
    # byte order is the one whose reading breaks the sample into lines.
    if sample and zeros > len(sample) // 32:
        even = sample[: len(sample) // 2 * 2]
        lines = {enc: even.decode(enc, errors="replace").count("\n") for enc in _UTF16}
        enc = max(_UTF16, key=lambda e: lines[e])
        if lines["utf-16-le"] == lines["utf-16-be"]:
            enc = "utf-16-le" if sample[1::2].count(0) >= sample[0::2].count(0) else "utf-16-be"
        if lines[enc] or zeros > len(sample) // 4:
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _sniff_delimiter(text: str) -> str:
    lines = [ln for ln in text[:65536].splitlines() if ln.strip()][:20]
    if not lines:
        return ","
    best, best_score = ",", -1.0
    for delim in (",", ";", "\t", "|"):
        counts = [len(next(csv.reader([ln], delimiter=delim))) for ln in lines]
        # the most common width, not the first line's: a report title may sit above the header
        width, agreeing = Counter(counts).most_common(1)[0]
        if width < 2:
            continue
        # a delimiter that splits the lines into the same number of fields wins
        score = agreeing / len(lines) * 10 + min(width, 50) / 50
        if score > best_score:
            best, best_score = delim, score
    return best


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


def _read_csv(data: bytes) -> tuple[list[list[str]], str]:
    text, encoding = decode_text(data)
    text = text.replace("\x00", "")
    first, _, rest = text.partition("\n")
    rows: list[list[str]] = []
    if len(first.strip()) == 5 and first.strip().casefold().startswith("sep="):
        delimiter, text = first.strip()[4], rest  # Excel's "sep=;" first line
        rows.append([])  # keeps the row numbers those of the file
    else:
        delimiter = _sniff_delimiter(text)
    done = len(rows)
    try:
        # strict first: it alone notices a quote that is never closed, which a lenient read
        # would turn into one cell holding the rest of the file (and so lose those people)
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            rows.append([c.strip() for c in row])
    except csv.Error as exc:
        if "end of data" in str(exc):
            problem = Problem(
                "a quoted field is never closed, so the rest of the file would be one cell",
                len(rows) + 1,
            )
            raise RosterError([problem]) from exc
        # other stray quotes ('"Bob" Smith') are read the way spreadsheet programs read them
        del rows[done:]
        try:
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
                rows.append([c.strip() for c in row])
        except csv.Error as exc2:
            raise RosterError([Problem(f"the file is not a readable CSV: {exc2}")]) from exc2
    return rows, encoding


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
        chosen = sheet
        raw = book.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    else:
        chosen, raw = "", []
        for name in names:  # the first sheet with something in it, read once
            values = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            if any(any(_clean_cell(v) for v in row) for row in values):
                chosen, raw = name, values
                break
        if not chosen:
            raise RosterError([Problem("the workbook has no sheet with any data")])
    rows = [[_clean_cell(v) for v in row] for row in raw]
    return rows, chosen, names


def _header_score(row: list[str], score: Callable[[str], bool]) -> int:
    return sum(1 for c in row if c and score(c))


def read_table(path: Path, sheet: str | None = None) -> Table:
    """Read ``path`` (CSV in any common encoding and delimiter, XLSX, XLS, ODS)."""
    from rmdesk.roster_files.headers import is_known_header

    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            data = head + fh.read() if not head.startswith((ZIP_MAGIC, OLE_MAGIC)) else b""
    except FileNotFoundError as exc:
        raise RosterError([Problem(f"no such file: {path}")]) from exc
    except OSError as exc:
        raise RosterError([Problem(f"{path} cannot be read: {exc.strerror or exc}")]) from exc

    encoding: str | None = None
    sheets: list[str] = []
    chosen: str | None = None
    if head.startswith((ZIP_MAGIC, OLE_MAGIC)):
        rows, chosen, sheets = _read_workbook(path, sheet)
    else:
        rows, encoding = _read_csv(data)

    # the header is the early row that names the most known fields (a title may sit above it)
    header_idx, best = -1, -1
    for idx, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if not any(row):
            continue
        score = _header_score(row, is_known_header)
        if header_idx < 0 or score > best:
            header_idx, best = idx, score
    if header_idx < 0:
        raise RosterError([Problem("the file is empty: no header row and no people")])
    headers = rows[header_idx]
    while headers and not headers[-1]:
        headers = headers[:-1]
    width = len(headers)
    body: list[list[str]] = []
    numbers: list[int] = []
    for idx in range(header_idx + 1, len(rows)):
        row = rows[idx]
        if not any(row):
            continue  # blank lines are simply skipped
        if len(row) < width:
            row = row + [""] * (width - len(row))
        body.append(row)
        numbers.append(idx + 1)
    return Table(headers, body, numbers, header_idx + 1, encoding, chosen, sheets)
