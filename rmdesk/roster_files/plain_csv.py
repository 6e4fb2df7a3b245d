"""The common CSV export read straight from the file, a block of lines at a time.

A UTF-8 file without quotes, whose cells need no cleaning and whose lines under the header
all have the header's width, is decoded and cut into columns block by block: neither its
bytes nor its text (twice the file's size when a name needs more than Latin-1) are ever held
whole, and a value that repeats down a column (a department, a grade, a date) is kept once.
Anything else gives None, and the general road (``csv_text.read_csv``) reads the file; both
give one table.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rmdesk.roster_files.csv_lines import cut_lines, first_lines
from rmdesk.roster_files.csv_text import _cells_are_clean, _sniff_delimiter

#: Bytes decoded and cut at a time (cut after a line end, so a line is never split): small
#: enough that the cells just cut are still in the processor's cache when they are kept.
BLOCK = 1 << 17
#: Bytes looked at for the delimiter and the header: the sniffer reads 64K characters.
HEAD = 1 << 20
#: Bytes read at a time to count the line ends.
SCAN = 4 << 20
_SNIFFED_CHARS = 65536
#: Byte order marks of the encodings the general road reads (UTF-32 first: it starts as
#: UTF-16's does).
_OTHER_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


#: read(start, size): up to ``size`` bytes of the file from byte ``start``
Reader = Callable[[int, int], bytes]
#: chunks(start, size): the file from byte ``start`` to its end, ``size`` bytes at a time
Chunks = Callable[[int, int], Iterator[bytes]]


@dataclass(frozen=True)
class PlainHead:
    """The top of a plain CSV file: how it is written, and its first lines as text."""

    encoding: str  # "utf-8", or "utf-8-sig" after a byte order mark
    delimiter: str
    end: str  # "\r\n" when the file holds a carriage return anywhere, else "\n"
    lines: list[str]
    starts: list[int]  # where each line starts, in bytes from the start of the file
    newlines: int  # line feeds in the whole file


def plain_head(read: Reader, chunks: Chunks, size: int, count: int) -> PlainHead | None:
    """The file's encoding, delimiter, line end and first ``count`` lines, when it may be
    read block by block: UTF-8 (with or without its BOM), no NUL near the top (UTF-16), no
    Excel ``sep=`` line, no cell to clean anywhere. None otherwise, or when the top is too
    long to tell from."""
    data = read(0, HEAD)
    if data.startswith(_OTHER_BOMS) or b"\x00" in data[:4096]:
        return None
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    whole = len(data) >= size
    stop = len(data) if whole else data.rfind(b"\n") + 1
    try:
        text = data[bom:stop].decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not whole and len(text) < _SNIFFED_CHARS:
        return None  # a top of long or wide characters: the general road sniffs it
    first = text.partition("\n")[0].strip()
    if len(first) == 5 and first.casefold().startswith("sep="):
        return None  # Excel's hidden delimiter line
    delimiter = _sniff_delimiter(text)
    newlines, returns, clean = _scan(chunks, "utf-8-sig" if bom else "utf-8", delimiter)
    if not clean:
        return None
    end = "\r\n" if returns else "\n"
    lines, starts = first_lines(text, end, count)
    if not whole and text.count(end) < count:
        return None  # the lines wanted reach past the top
    # character offsets to byte offsets: the text came from UTF-8, so it encodes back as it was
    at = [bom + len(text[:s].encode("utf-8")) for s in starts]
    return PlainHead("utf-8-sig" if bom else "utf-8", delimiter, end, lines, at, newlines)


def _scan(chunks: Chunks, encoding: str, delimiter: str) -> tuple[int, bool, bool]:
    """The file's line feeds, whether it holds a carriage return, and whether no cell needs
    cleaning (``_cells_are_clean``, judged a run of whole lines at a time)."""
    newlines, returns, clean = 0, False, True
    carry, top = b"", True
    for chunk in chunks(0, SCAN):
        newlines += chunk.count(b"\n")
        returns = returns or b"\r" in chunk
        if clean:
            block = carry + chunk if carry else chunk
            cut = block.rfind(b"\n") + 1
            carry = block[cut:]
            if cut:
                clean = _clean(block[:cut] if carry else block, top, encoding, delimiter)
                top = False
    if clean and carry:
        clean = _clean(carry, top, encoding, delimiter)
    return newlines, returns, clean


def _clean(lines: bytes, top: bool, encoding: str, delimiter: str) -> bool:
    """``_cells_are_clean`` of lines from the file; below the top, with the line end before
    them, so that a space or a BOM starting them is seen where it stands."""
    if top:
        return _cells_are_clean(lines, encoding, delimiter)
    return _cells_are_clean(b"\n" + lines, "utf-8", delimiter)


def body_columns(
    read: Reader, chunks: Chunks, size: int, head: PlainHead, start: int, width: int
) -> list[list[str]] | None:
    """The cells from byte ``start`` (a line's start) to the end, column by column, when every
    block is UTF-8 and cut into whole lines of ``width`` cells (``plain_head`` found every
    cell clean).

    A column whose first block repeats its values keeps one string per distinct value."""
    if start >= size or width < 2:
        return None
    above = read(0, start)
    if head.end == "\r\n" and not (
        above.count(b"\r") == above.count(b"\n") == above.count(b"\r\n")
    ):
        return None  # a lone line end above the header: the real reader ends lines there
    # every column made at its full length at once: grown block by block, its old copies
    # would leave the heap full of holes (a third more memory at 100k people)
    rows = head.newlines - above.count(b"\n") + (read(size - 1, 1) != b"\n")
    del above
    cutter = _Cutter(head, width, rows)
    carry = b""
    for chunk in chunks(start, BLOCK):
        block = carry + chunk if carry else chunk
        cut = block.rfind(b"\n") + 1
        carry = block[cut:]
        if cut and not cutter.add(block[:cut] if carry else block, last=False):
            return None
    if carry and not cutter.add(carry, last=True):
        return None
    return cutter.columns if cutter.filled == rows else None


class _Cutter:
    """Blocks of whole lines into the columns, made at their full length beforehand."""

    def __init__(self, head: PlainHead, width: int, rows: int) -> None:
        self.head, self.width, self.rows = head, width, rows
        self.columns: list[list[str]] = [[""] * rows for _ in range(width)]
        self.memos: list[dict[str, str] | None] | None = None
        self.filled = 0

    def add(self, block: bytes, last: bool) -> bool:
        """Cut ``block`` into the columns; False when it cannot be read this way."""
        delimiter = self.head.delimiter
        try:
            text = block.decode("utf-8")
        except UnicodeDecodeError:
            return False
        cut = cut_lines(text, delimiter, self.head.end, self.width, last=last)
        del text
        if cut is None or self.filled + len(cut[0]) > self.rows:
            return False
        if self.memos is None:
            # one string per distinct value where values repeat a lot (departments, grades,
            # names): half the memory. A column mostly distinct in its first block (ids,
            # e-mails, managers, dates) is kept as cut: there a memo costs more time (a tenth
            # of the read at 100k rows) than the memory it saves.
            self.memos = [None if 2 * len(set(c)) > len(c) else {} for c in cut]
        start, self.filled = self.filled, self.filled + len(cut[0])
        for column, values, memo in zip(self.columns, cut, self.memos, strict=True):
            column[start : self.filled] = (
                values if memo is None else map(memo.setdefault, values, values)
            )
        return True
