"""Read a roster file of any common shape into a header and rows of clean strings."""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from rmdesk.errors import Problem, RosterError

#: How many leading rows may hold a report title before the real header.
HEADER_SEARCH_ROWS = 40

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
    if _looks_double_byte(data):
        for enc in _DOUBLE_BYTE:
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                continue
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        # neither UTF-8 nor Windows-1252 (Mac Roman, a Chinese or Japanese code page...):
        # reading on would put wrong letters in people's names without a word
        line = (data.count(b"\n", 0, exc.start) or data.count(b"\r", 0, exc.start)) + 1
        raise RosterError(
            [
                Problem(
                    f"the file is not UTF-8, UTF-16 or Windows-1252 text (byte "
                    f"0x{data[exc.start]:02X} cannot be read); save it again as "
                    "'CSV UTF-8' and import that",
                    line,
                )
            ]
        ) from exc


#: Code pages of Chinese, Taiwanese, Japanese and Korean exports, most common first.
_DOUBLE_BYTE = ("gb18030", "big5", "shift_jis", "euc_kr")
_HIGH_RUNS = re.compile(rb"[\x80-\xff]+")


def _looks_double_byte(data: bytes) -> bool:
    """True when the non-ASCII bytes come in pairs and runs, as in a CJK code page; in
    Windows-1252 text an accented letter is one byte between ASCII letters."""
    runs = _HIGH_RUNS.findall(data[:65536])
    total = sum(map(len, runs))
    paired = sum(len(r) for r in runs if len(r) >= 2 and len(r) % 2 == 0)
    return total >= 8 and paired >= total * 0.8


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
# U+2000..U+200D, U+2028, U+2029, U+202F, U+205F, U+2060, U+3000), and the lead bytes that
# start them.
_ODD_SPACES = {
    "utf-8": (
        b"\xc2\x85",
        b"\xc2\xa0",
        b"\xe1\x9a\x80",
        *(bytes([0xE2, 0x80, c]) for c in (*range(0x80, 0x8E), 0xA8, 0xA9, 0xAF)),
        b"\xe2\x81\x9f",
        b"\xe2\x81\xa0",
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
    # NULs (a stray byte), and byte order marks inside the text (two exports pasted together)
    for junk in ("\x00", "\ufeff"):
        if junk in text:
            text = text.replace(junk, "")
    first, _, rest = text.partition("\n")
    rows: list[list[str]] = []
    if len(first.strip()) == 5 and first.strip().casefold().startswith("sep="):
        delimiter, text = first.strip()[4], rest  # Excel's "sep=;" first line
        rows.append([])  # keeps the row numbers those of the file
    else:
        delimiter = _sniff_delimiter(text)
    clean = _cells_are_clean(data, encoding, delimiter)
    unquoted = _split_unquoted(text, delimiter)
    if unquoted is not None:
        rows.extend(unquoted)
        return rows, encoding, clean
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
    return rows, encoding, clean


def _split_unquoted(text: str, delimiter: str) -> list[list[str]] | None:
    """The rows of a file with no quote anywhere, by plain splitting: what csv.reader would
    give, three times faster. None when the file needs the real reader (quotes, or lines
    ended by a lone carriage return)."""
    if '"' in text:
        return None
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the newline that ends the last line starts no row
    return [line.split(delimiter) if line else [] for line in lines]


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
        chosen, raw = _likeliest_sheet(book, names)
    rows = [[_clean_cell(v) for v in row] for row in raw]
    return rows, chosen, names


def _likeliest_sheet(book: Any, names: list[str]) -> tuple[str, list[list[Any]]]:
    """The sheet whose header names the most roster fields: not a hidden lookup list, a
    summary or a cover page that comes first. Ties go to the first; a workbook with only
    hidden data still imports."""
    from python_calamine import SheetVisibleEnum

    from rmdesk.roster_files.headers import is_known_header

    hidden = {m.name for m in book.sheets_metadata if m.visible != SheetVisibleEnum.Visible}
    best: tuple[int, int, str, list[list[Any]]] | None = None
    for order, name in enumerate(names):
        values = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        top = [[_clean_cell(v) for v in row] for row in values[:HEADER_SEARCH_ROWS]]
        if not any(any(row) for row in top) and not any(
            any(_clean_cell(v) for v in row) for row in values
        ):
            continue
        score = max((_header_score(row, is_known_header) for row in top), default=0)
        rank = (score if name not in hidden else -1, -order)
        if best is None or rank > best[:2]:
            best = (*rank, name, values)
    if best is None:
        raise RosterError([Problem("the workbook has no sheet with any data")])
    return best[2], best[3]


def _header_score(row: list[str], score: Callable[[str], bool]) -> int:
    return sum(1 for c in row if c and score(c))


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
        rows, encoding, clean = _read_csv(data)

    header_idx = _header_index(rows, wanted)
    if header_idx < 0:
        raise RosterError([Problem("the file is empty: no header row and no people")])
    labels = [c.strip() for c in rows[header_idx]]
    while labels and not labels[-1]:
        labels.pop()
    headers = _two_row_header(rows, header_idx)[: len(labels)]
    body, numbers, notes = _body_rows(rows, header_idx, labels, clean)
    notes.extend(_overflowing(body, numbers, len(rows[header_idx])))
    return Table(headers, body, numbers, header_idx + 1, encoding, chosen, sheets, notes, clean)


def _is_html(data: bytes) -> bool:
    start = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<table")) and (
        b"<table" in data[:65536].lower() or b"<html" in start
    )


def _header_index(rows: list[list[str]], wanted: Collection[str]) -> int:
    """The early row that names the most known fields (a report title may sit above it); a
    row holding the columns the officer mapped by hand wins outright."""
    from rmdesk.roster_files.headers import is_known_header, normalise_header

    asked = {normalise_header(w) for w in wanted if w}
    header_idx, best = -1, -1
    for idx, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        score = _header_score(cells, is_known_header)
        if asked:
            score += 100 * sum(1 for c in cells if c and normalise_header(c) in asked)
        if header_idx < 0 or score > best:
            header_idx, best = idx, score
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


def _body_rows(
    rows: list[list[str]], header_idx: int, headers: list[str], clean: bool = False
) -> tuple[list[list[str]], list[int], list[Problem]]:
    """The rows below the header that describe people, padded to the header's width.

    Blank lines are dropped silently; the header repeated at each page of a printed report,
    and total, page and "generated on" lines, are dropped with a warning naming the row.
    """
    width = len(headers)
    first_header = headers[0] if headers else ""
    start = header_idx + 1
    below = rows[start:]
    firsts = [r[0] if r else "" for r in below]
    if not clean:
        firsts = [f.strip() for f in firsts]
    odd = _odd_rows(firsts, first_header)
    if below and 0 not in odd:
        odd.insert(0, 0)  # the first row may be a second header (labels under field codes)
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
        elif i == 0 and _same_fields(cells, headers):
            dropped.add(i)
            message = "skipped a second header row (labels under the column names)"
            notes.append(Problem(message, start + 1, None, "warning"))
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
    if body and min(map(len, body)) < width:
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


def _same_fields(cells: list[str], headers: list[str]) -> bool:
    """True when a row labels the columns as the header does, in other words, as the row
    under SuccessFactors' field codes does ('USERID' over 'User ID', 'HIREDATE' over 'Hire
    Date'): most cells name their column's field, and none names another field."""
    from rmdesk.roster_files.headers import field_for_header, normalise_header

    pairs = [(c, h) for c, h in zip(cells, headers, strict=False) if c and h]
    alike = 0
    for cell, head in pairs:
        said, meant = field_for_header(cell), field_for_header(head)
        if said is not None and meant is not None and said != meant:
            return False
        if normalise_header(cell) == normalise_header(head) or (said is not None and said == meant):
            alike += 1
    return alike >= 2 and alike * 5 >= len(pairs) * 3


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
# A first cell like these is a totals row however many cells follow: "Total", "Grand Total",
# and what Excel's Data > Subtotal writes ("Finance Count", "Grand Count", "Sales Total").
_TOTAL_CELL = re.compile(
    r"(?i)^(?:(?:.+\s)?(?:grand\s+)?(?:sub\s*-?\s*)?(?:totals?|count|sum|average)|headcount)\s*:?$"
)
#: Last letters of those cells: a cheap test before the regex, since ids end in digits.
_TOTAL_ENDS = frozenset("lLtTmMeE:")


# First cells of one word (no space, no punctuation) that can open a report's own line.
_ONE_WORD = {
    variant
    for word in ("total", "totals", "subtotal", "subtotals", "count", "sum", "average",
                 "headcount", "records", "confidential", "copyright")
    for variant in (word, word.upper(), word.title())
}  # fmt: skip


def _odd_rows(firsts: list[str], first_header: str) -> list[int]:
    """The rows whose first cell is empty, repeats the header's, or starts or ends like a
    report's own line: the only ones worth a closer look. An id (one word of letters and
    digits) is settled by a set lookup; only cells with spaces or signs meet the regexes."""
    match, total, words = _REPORT_LINE.match, _TOTAL_CELL.match, _ONE_WORD
    return [
        i
        for i, f in enumerate(firsts)
        if not f
        or f == first_header
        or (f in words if f.isalnum() else (match(f) or (f[-1] in _TOTAL_ENDS and total(f))))
    ]


def _is_report_line(filled: list[str], width: int) -> bool:
    """A line of a report's own (not a person), judged by its first filled cell."""
    first = filled[0]
    if _TOTAL_CELL.match(first):
        return True
    return len(filled) <= 2 < width and _REPORT_LINE.match(first) is not None
