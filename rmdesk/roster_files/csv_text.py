"""CSV bytes to rows of text: the encoding, the delimiter, and whether any cell needs cleaning."""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
from collections import Counter
from dataclasses import dataclass, field

from rmdesk.errors import Problem, RosterError
from rmdesk.roster_files.csv_lines import cut_lines, first_lines
from rmdesk.roster_files.line_decoding import MIXED, decode_by_line, mixed_lines_warnings

_UTF16 = ("utf-16-le", "utf-16-be")


def decode_text(data: bytes) -> tuple[str, str]:
    """Bytes to text: a BOM first, then UTF-16 without BOM, then strict UTF-8, then cp1252."""
    text, encoding, _ = decode_lines(data)
    return text, encoding


def decode_lines(data: bytes) -> tuple[str, str, list[int]]:
    """As ``decode_text``, and the lines (from 1) of a mostly UTF-8 file that were read as
    Windows-1252, each line in the encoding it was written in."""
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc, []
            except UnicodeDecodeError as exc:
                if enc == "utf-8-sig":
                    mixed = decode_by_line(data[len(bom) :], utf8=True)
                    if mixed is not None:
                        return mixed[0], MIXED, mixed[1]
                raise _undecodable(
                    data, exc, f"{enc.upper()} text, as its first bytes say"
                ) from exc
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
                return data.decode(enc), enc, []
            except UnicodeDecodeError:
                pass
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    mixed = decode_by_line(data)
    if mixed is not None:
        return mixed[0], MIXED, mixed[1]
    if _looks_double_byte(data):
        for enc in _DOUBLE_BYTE:
            try:
                return data.decode(enc), enc, []
            except UnicodeDecodeError:
                continue
    try:
        return data.decode("cp1252"), "cp1252", []
    except UnicodeDecodeError as exc:
        # neither UTF-8 nor Windows-1252 (Mac Roman, a Chinese or Japanese code page...):
        # reading on would put wrong letters in people's names without a word
        raise _undecodable(data, exc, "UTF-8, UTF-16 or Windows-1252 text") from exc


def _undecodable(data: bytes, exc: UnicodeDecodeError, what: str) -> RosterError:
    line = (data.count(b"\n", 0, exc.start) or data.count(b"\r", 0, exc.start)) + 1
    return RosterError(
        [
            Problem(
                f"the file is not {what} (byte 0x{data[exc.start]:02X} cannot be read); "
                "save it again as 'CSV UTF-8' and import that",
                line,
            )
        ]
    )


#: Code pages of Chinese, Taiwanese, Japanese and Korean exports, most common first.
_DOUBLE_BYTE = ("gb18030", "big5", "shift_jis", "euc_kr")
_HIGH_RUNS = re.compile(rb"[\x80-\xff]+")


def _looks_double_byte(data: bytes) -> bool:
    """True when the non-ASCII bytes come as whole words: even runs of two or more that no
    ASCII letter touches, as names written in a CJK code page sit between delimiters. In
    Windows-1252 text an accented letter sits inside a word ('Conceição', 'Müller')."""
    sample = data[:65536]
    total = standalone = 0
    for m in _HIGH_RUNS.finditer(sample):
        size = m.end() - m.start()
        total += size
        before = sample[m.start() - 1 : m.start()]
        after = sample[m.end() : m.end() + 1]
        if size >= 2 and size % 2 == 0 and not before.isalpha() and not after.isalpha():
            standalone += size
    return total >= 8 and standalone >= total * 0.6


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


# Whitespace other than the space, as UTF-8 and as cp1252 bytes (U+0085, U+00A0, U+1680,
# U+00AD, U+2000..U+200F, U+2028, U+2029, U+202F, U+205F..U+2064, U+3000).
_ODD_SPACES = {
    "utf-8": (
        b"\xc2\x85",
        b"\xc2\xa0",
        b"\xe1\x9a\x80",
        b"\xc2\xad",  # soft hyphen
        *(bytes([0xE2, 0x80, c]) for c in (*range(0x80, 0x90), 0xA8, 0xA9, 0xAF)),
        *(bytes([0xE2, 0x81, c]) for c in (0x9F, 0xA0, 0xA1, 0xA2, 0xA3, 0xA4)),
        b"\xe3\x80\x80",
    ),
    "cp1252": (b"\xa0", b"\xad"),
}
_ODD_SPACES["utf-8-sig"] = _ODD_SPACES["utf-8"]
# The bytes that start those, and a BOM's first byte (UTF-8 only: 0xEF is a letter in cp1252).
_LEADS = {
    "utf-8": b"\xc2\xe1\xe2\xe3\xef",
    "utf-8-sig": b"\xc2\xe1\xe2\xe3\xef",
    "cp1252": b"\xa0\xad",
}


_UTF8_CONTROLS = re.compile(rb"\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def _byte_classes(delimiter: int, rare: bytes) -> bytes:
    """A translate table: space to S, a cell's end (delimiter, line feed, carriage return)
    to E, any other control character to C, the ``rare`` bytes to L, anything else to x."""
    table = bytearray(b"x" * 256)
    for c in rare:
        table[c] = ord("L")
    for c in (*range(32), 127):
        table[c] = ord("C")
    table[ord(" ")] = ord("S")
    table[ord("\n")] = table[ord("\r")] = table[delimiter] = ord("E")
    return bytes(table)


def _cells_are_clean(data: bytes, encoding: str, delimiter: str) -> bool:
    """True when the file's bytes show that no cell starts or ends with a space, holds two in
    a row, or holds any other whitespace, so no column needs cleaning. One translate and a
    few searches over the bytes cost a tenth of the same checks column by column.
    Quoted files are never called clean: a quote can hide a space at a cell's edge."""
    if encoding not in _ODD_SPACES or b'"' in data:
        return False
    sep = delimiter.encode("utf-8" if encoding == "utf-8-sig" else encoding, "replace")
    if len(sep) != 1:  # a sep= line may name any character: '€' is three bytes in UTF-8
        return False
    bom = len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0  # the decoder drops it
    kinds = data.translate(_byte_classes(sep[0], _LEADS[encoding]))
    if b"C" in kinds:
        return False
    if kinds.find(b"L", bom) >= 0:  # a byte that may start an odd space or a BOM: look closer
        for lead in _LEADS[encoding]:
            if lead in data and any(s in data for s in _ODD_SPACES[encoding] if s[0] == lead):
                return False
        # a BOM inside the text (two exports pasted together)
        if data.find(codecs.BOM_UTF8, bom or 1) >= 0:
            return False
        # C1 controls, bidi embeddings, overrides and isolates: cleaned away, with a warning
        if encoding != "cp1252" and _UTF8_CONTROLS.search(data):
            return False
    # what is on either side of each space: another space, or a cell's end (byte searches)
    if kinds.startswith(b"S", bom) or kinds.endswith(b"S"):
        return False  # the file starts or ends with a space
    return not any(pair in kinds for pair in (b"SS", b"SE", b"ES"))


@dataclass
class CsvText:
    """A decoded CSV file, before it is cut into cells."""

    text: str
    encoding: str
    delimiter: str
    lead: int  # lines before ``text`` that count as rows (none: Excel hides its "sep=;" line)
    clean: bool  # no cell needs its whitespace cleaned
    #: what the reader warns about (lines that were not in the file's encoding)
    notes: list[Problem] = field(default_factory=list)

    @functools.cached_property
    def lines(self) -> list[str] | None:
        """The lines, when no quote makes the real CSV reader necessary."""
        return _unquoted_lines(self.text)

    @property
    def line_end(self) -> str:
        """How the lines end, if the file is regular: CRLF where there is a carriage return."""
        return "\r\n" if "\r" in self.text else "\n"

    def first_lines(self, count: int) -> tuple[list[str], list[int]]:
        """Up to ``count`` lines from the top, and where each one starts in the text."""
        return first_lines(self.text, self.line_end, count)

    def columns_below(self, start: int, width: int) -> list[list[str]] | None:
        """The cells below the header, column by column: ``start`` is where the line after
        it begins, and the header has ``width`` cells. None unless the file has no quote and
        every line below the header (one at least) has ``width`` cells too (``cut_lines``)."""
        text, end = self.text, self.line_end
        if width < 2 or '"' in text:
            return None
        above = text[:start]
        if end == "\r\n" and not above.count("\r") == above.count("\n") == above.count(end):
            return None  # a lone line end above the header: the real reader ends lines there
        return cut_lines(text[start:], self.delimiter, end, width, last=True)

    def rows(self) -> list[list[str]]:
        """Every line as its cells; the lines before ``text`` as empty rows."""
        rows: list[list[str]] = [[] for _ in range(self.lead)]
        if self.lines is not None:
            d = self.delimiter
            rows.extend(line.split(d) if line else [] for line in self.lines)
            return rows
        done = len(rows)
        reader = functools.partial(csv.reader, delimiter=self.delimiter)
        try:
            # strict first: it alone notices a quote that is never closed, which a lenient
            # read would turn into one cell holding the rest of the file (and lose those people)
            rows.extend(reader(io.StringIO(self.text, newline=""), strict=True))
        except csv.Error as exc:
            if "end of data" in str(exc):
                problem = Problem(
                    "a quoted field is never closed, so the rest of the file would be one cell",
                    len(rows) + 1,
                )
                raise RosterError([problem]) from exc
            # other stray quotes ('"Bob" Smith') are read the way spreadsheet programs do
            del rows[done:]
            try:
                rows.extend(reader(io.StringIO(self.text, newline="")))
            except csv.Error as exc2:
                raise RosterError([Problem(f"the file is not a readable CSV: {exc2}")]) from exc2
        return rows


def read_csv(data: bytes) -> CsvText:
    """Decode ``data`` and find its delimiter; cells keep their stray spaces here, since
    parse_roster cleans a whole column at once."""
    text, encoding, other_lines = decode_lines(data)
    # NULs (a stray byte), and byte order marks inside the text (two exports pasted together)
    for junk in ("\x00", "\ufeff"):
        if junk in text:
            text = text.replace(junk, "")
    first, _, rest = text.partition("\n")
    lead = hidden = 0
    if len(first.strip()) == 5 and first.strip().casefold().startswith("sep="):
        # Excel's "sep=;" first line: Excel hides it, so the header the officer sees is row 1
        delimiter, text, hidden = first.strip()[4], rest, 1
    else:
        delimiter = _sniff_delimiter(text)
    clean = _cells_are_clean(data, encoding, delimiter)
    notes = mixed_lines_warnings(other_lines, shift=hidden)
    return CsvText(text, encoding, delimiter, lead, clean, notes)


def _unquoted_lines(text: str) -> list[str] | None:
    """The lines of a file with no quote anywhere: cut at the delimiter, they give what
    csv.reader would, three times faster. None when the file needs the real reader
    (quotes, or lines ended by a lone carriage return)."""
    if '"' in text:
        return None
    ending = "\n"
    if "\r" in text:
        crlf = text.count("\r\n")
        if text.count("\r") != crlf or text.count("\n") != crlf:
            return None  # lone carriage returns, or mixed line ends
        ending = "\r\n"  # Windows line ends (Excel, csv.writer): cut there, no copy
    lines = text.split(ending)
    if lines[-1] == "":
        lines.pop()  # the newline that ends the last line starts no row
    return lines
