"""Read a roster file of any common shape into a header and rows of clean strings."""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
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


# Whitespace other than the space, as UTF-8 and as cp1252 bytes (U+0085, U+00A0, U+1680,
# U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), and the lead bytes that start them.
_ODD_SPACES = {
    "utf-8": (
        b"\xc2\x85",
        b"\xc2\xa0",
        b"\xe1\x9a\x80",
        *(bytes([0xE2, 0x80, c]) for c in (*range(0x80, 0x8B), 0xA8, 0xA9, 0xAF)),
        b"\xe2\x81\x9f",
        b"\xe3\x80\x80",
    ),
    "cp1252": (b"\xa0",),
}
_ODD_SPACES["utf-8-sig"] = _ODD_SPACES["utf-8"]
_LEADS = {"utf-8": b"\xc2\xe1\xe2\xe3", "utf-8-sig": b"\xc2\xe1\xe2\xe3", "cp1252": b"\xa0"}


def _byte_classes(delimiter: int) -> bytes:
    """A translate table: space to S, a cell's end (delimiter, line feed) to E, any other
    control character to C, everything else to x."""
    table = bytearray(b"x" * 256)
    for c in (*range(32), 127):
        table[c] = ord("C")
    table[ord(" ")] = ord("S")
    table[ord("\n")] = table[delimiter] = ord("E")
    return bytes(table)


def _cells_are_clean(data: bytes, encoding: str, delimiter: str) -> bool:
    """True when the file's bytes show that no cell starts or ends with a space, holds two in
    a row, or holds any other whitespace, so no column needs cleaning. One translate and a
    few searches over the bytes cost a tenth of the same checks column by column.
    Quoted files are never called clean: a quote can hide a space at a cell's edge."""
    sep = delimiter.encode("latin-1", "replace")
    if encoding not in _ODD_SPACES or len(sep) != 1 or b'"' in data:
        return False
    for lead in _LEADS[encoding]:  # a lead byte is rare; only then look for the spaces
        if lead in data and any(s in data for s in _ODD_SPACES[encoding] if s[0] == lead):
            return False
    kinds = data.translate(_byte_classes(sep[0]), b"\r")
    return not (
        b"C" in kinds
        or b"SS" in kinds
        or b"SE" in kinds
        or b"ES" in kinds
        or kinds[:1] == b"S"
        or kinds.rstrip(b"E")[-1:] == b"S"
    )


def _read_csv(data: bytes) -> tuple[list[list[str]], str, bool]:
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
        # cells keep their stray spaces here: parse_roster cleans a whole column at once
        rows.extend(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
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
            rows.extend(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as exc2:
            raise RosterError([Problem(f"the file is not a readable CSV: {exc2}")]) from exc2
    return rows, encoding, _cells_are_clean(data, encoding, delimiter)


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
    clean = False
    sheets: list[str] = []
    chosen: str | None = None
    if head.startswith((ZIP_MAGIC, OLE_MAGIC)):
        rows, chosen, sheets = _read_workbook(path, sheet)
    elif sheet is not None:
        problem = f"there is no sheet '{sheet}': {path.name} is a text (CSV) file, not a workbook"
        raise RosterError([Problem(problem)])
    else:
        rows, encoding, clean = _read_csv(data)

    # the header is the early row that names the most known fields (a title may sit above it)
    header_idx, best = -1, -1
    for idx, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        score = _header_score(cells, is_known_header)
        if header_idx < 0 or score > best:
            header_idx, best = idx, score
    if header_idx < 0:
        raise RosterError([Problem("the file is empty: no header row and no people")])
    headers = [c.strip() for c in rows[header_idx]]
    while headers and not headers[-1]:
        headers = headers[:-1]
    body, numbers, notes = _body_rows(rows, header_idx, headers)
    notes.extend(_overflowing(body, numbers, len(rows[header_idx])))
    return Table(headers, body, numbers, header_idx + 1, encoding, chosen, sheets, notes, clean)


def _body_rows(
    rows: list[list[str]], header_idx: int, headers: list[str]
) -> tuple[list[list[str]], list[int], list[Problem]]:
    """The rows below the header that describe people, padded to the header's width.

    Blank lines are dropped silently; the header repeated at each page of a printed report,
    and total, page and "generated on" lines, are dropped with a warning naming the row.
    """
    width = len(headers)
    first_header = headers[0] if headers else ""
    start = header_idx + 1
    below = rows[start:]
    match = _REPORT_LINE.match
    # the common row (an id in its first cell) costs one strip and one failed match, in C
    firsts = [r[0].strip() if r else "" for r in below]
    odd = [i for i, f in enumerate(firsts) if not f or f == first_header or match(f) is not None]
    dropped: set[int] = set()
    notes: list[Problem] = []
    repeats: list[int] = []
    for i in odd:
        cells = [c.strip() for c in below[i]]
        filled = [c for c in cells if c]
        if not filled:
            dropped.add(i)  # a blank line, or spaces only
        elif first_header and cells[:width] == headers and not any(cells[width:]):
            dropped.add(i)
            repeats.append(start + i + 1)
        elif _is_report_line(filled, width):
            dropped.add(i)
            shown = " ".join(filled)
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            notes.append(
                Problem(
                    f"skipped '{shown}': a report line, not a person",
                    start + i + 1,
                    None,
                    "warning",
                )
            )
    if dropped:
        kept = [i for i in range(len(below)) if i not in dropped]
        body = [below[i] for i in kept]
        numbers = [start + i + 1 for i in kept]
    else:
        body, numbers = below, list(range(start + 1, start + len(below) + 1))
    for i in [i for i, r in enumerate(body) if len(r) < width]:
        body[i] = body[i] + [""] * (width - len(body[i]))
    if repeats:
        listed = ", ".join(str(r) for r in repeats[:10]) + (", ..." if len(repeats) > 10 else "")
        notes.append(
            Problem(
                f"skipped {len(repeats)} repeated header row{'s' if len(repeats) > 1 else ''} "
                f"(row{'s' if len(repeats) > 1 else ''} {listed})",
                None,
                None,
                "warning",
            )
        )
    return body, numbers, notes


def _overflowing(body: list[list[str]], numbers: list[int], width: int) -> list[Problem]:
    """Rows with values past the header's last column: most often a value holding the
    delimiter without quotes ('Silva, Ana'), which shifts every value after it."""
    problems = []
    for i in [i for i, r in enumerate(body) if len(r) > width]:
        extra = [c.strip() for c in body[i][width:] if c.strip()]
        if extra:
            shown = ", ".join(f"'{c}'" for c in extra[:3])
            problems.append(
                Problem(
                    f"{width + len(body[i][width:])} values under {width} columns ({shown} "
                    "past the last one): a value holding the delimiter needs quotes",
                    numbers[i],
                )
            )
    return problems


# Lines a report writer adds around the people: totals, page marks, who ran it and when.
_REPORT_LINE = re.compile(
    r"(?i)^(?:(?:grand\s+|sub\s*-?\s*)?totals?\b|count\b|sum\b|headcount\b|number of\b"
    r"|records?\b|rows?\s*:|page\s+\d|\d+\s+(?:rows?|records?|employees?|people|persons?|workers?)\b"
    r"|(?:report\s+)?(?:generated|printed|run|created|exported|extracted|produced)\s+(?:on|by|at)\b"
    r"|(?:report|run|print|export|extract)\s+(?:date|time)\b|end\s+of\s+(?:report|file|data|list)\b"
    r"|(?:strictly\s+)?confidential\b|internal\s+use\b|prepared\s+by\b|source\s*:"
    r"|filters?\s*:|as\s+of\b|copyright\b|\u00a9|\*{2,}|-{3,}|={3,})"
)
# A first cell that is exactly one of these words is a totals row however many cells follow.
_TOTAL_CELL = re.compile(r"(?i)^(?:(?:grand\s+|sub\s*-?\s*)?totals?|count|sum|headcount)\s*:?$")


def _is_report_line(filled: list[str], width: int) -> bool:
    """A line of a report's own (not a person), judged by its first filled cell."""
    first = filled[0]
    if _TOTAL_CELL.match(first):
        return True
    return len(filled) <= 2 < width and _REPORT_LINE.match(first) is not None
