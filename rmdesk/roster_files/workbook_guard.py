"""Refuse a workbook too big to read, before calamine reads it.

calamine lays a sheet out as a dense grid from its first to its last cell: one cell at
XFD1048576 asks for 512 GB and aborts the process. A zip may also inflate a thousandfold.
The package's sizes are checked from its directory, then each sheet's cells are scanned
(with a regex over the inflated XML, in C) for a position past the limits; any file the
quick scan cannot vouch for is walked by an XML parser, which is slower but still bounded.
"""

from __future__ import annotations

import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.parsers import expat

from rmdesk.errors import Problem, RosterError
from rmdesk.roster_files.file_input import OLE_MAGIC
from rmdesk.roster_files.limits import DEFAULT_LIMITS, MB, ReadLimits, extent_problem
from rmdesk.roster_files.ods_guard import check_ods_content
from rmdesk.roster_files.xls_guard import check_xls, xlsb_extent

_CHUNK = 4 * MB
# A cell element whose reference is not a single letter and at most five digits (A1..Z99999):
# a wide or far cell, or one whose position calamine would count (no reference). A sheet
# without one is within any sane limits, which one regex search (in C) proves.
_UNUSUAL_CELL = re.compile(rb'<c(?! r="[A-Z][0-9]{1,5}")(?=[\s/>])')
_QUICK_ROWS, _QUICK_COLUMNS = 99_999, 26
# Elements written with a namespace prefix (<x:c r="A1">), which the quick scan does not see
_PREFIXED_CELL = re.compile(rb":(?:c|row)[\s/>]")
_UNREFERENCED_CELL = re.compile(rb'<c(?! r="[A-Za-z]{1,3}[0-9]{1,7}")(?=[\s/>])')
_REF_COLUMN = re.compile(rb'<c r="([A-Za-z]{1,3})')
_REF_ROW = re.compile(rb'<c r="[A-Za-z]{1,3}([0-9]{1,7})"')
#: What zipfile and zlib raise for a damaged, encrypted or unusual archive
_DAMAGED = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,  # zipfile: a compression method it cannot read (not a stub)
    RuntimeError,
    struct.error,
)
_NOT_SHEETS = re.compile(r"(?i)(?:sharedStrings|styles|theme\d*|app|core|custom)\.xml$|\.rels$")


def refuse(message: str) -> RosterError:
    """A refusal of the whole file, as the importer reports it."""
    return RosterError([Problem(message)])


def check_workbook(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> None:
    """Raise RosterError when the XLSX or ODS at ``path`` is beyond ``limits`` (or is no
    readable zip). Cheap for a sane file: one inflate of each sheet and one regex scan."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(OLE_MAGIC))
            if head == OLE_MAGIC:
                if os.fstat(fh.fileno()).st_size > limits.max_unpacked_bytes:
                    raise refuse("the workbook is too big to import")
                check_xls(head + fh.read(), limits)
                return
        book = zipfile.ZipFile(path)
    except _DAMAGED as exc:
        raise refuse(f"the spreadsheet cannot be read: {exc}") from exc
    with book:
        members = [i for i in book.infolist() if not i.is_dir()]
        _check_sizes(members, limits)
        names = {i.filename for i in members}
        try:
            if "content.xml" in names:  # calamine reads it whatever else the zip holds
                check_ods_content(_chunks(book, book.getinfo("content.xml")), limits)
            for info in members:
                if info.filename == "content.xml":
                    continue
                if info.filename.endswith(".xml") and not _NOT_SHEETS.search(info.filename):
                    _check_sheet(book, info, limits)
                elif info.filename.endswith(".bin") and _is_xlsb_sheet(book, info.filename):
                    _check_extent(*xlsb_extent(b"".join(_chunks(book, info))), limits)
                else:  # inflated whole all the same: a part may lie about its size
                    for _ in _chunks(book, info):
                        pass
        except _DAMAGED as exc:  # a damaged, encrypted or exotic part
            raise refuse(f"the spreadsheet cannot be read: {exc}") from exc


def _is_xlsb_sheet(book: zipfile.ZipFile, name: str) -> bool:
    """A binary (XLSB) worksheet: in worksheets/, or named a worksheet by a relationship."""
    if "worksheets/" in name:
        return True
    base = name.rpartition("/")[2]
    for rels in (n for n in book.namelist() if n.endswith(".rels")):
        for element in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", book.read(rels)):
            target = re.search(rb'Target="([^"]*)"', element)
            if b"/worksheet" in element and target and target[1].endswith(base.encode()):
                return True
    return False


def _check_sizes(members: list[zipfile.ZipInfo], limits: ReadLimits) -> None:
    """The directory's sizes: each part, the whole, and how much each part grows."""
    total = 0
    for info in members:
        total += info.file_size
        text_part = info.filename.endswith("sharedStrings.xml")
        limit = limits.max_text_bytes if text_part else limits.max_xml_bytes
        if info.file_size > limit:
            what = "cell text" if text_part else f"part {info.filename}"
            raise refuse(
                f"the workbook is too big to import: its {what} unpacks to "
                f"{info.file_size / MB:,.0f} MB (the limit is {limit / MB:,.0f} MB)"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor_bytes and ratio > limits.max_compression_ratio:
            raise refuse(
                f"the workbook looks like a zip bomb: its part {info.filename} unpacks "
                f"{ratio:,.0f} times larger than it is stored; it is not imported"
            )
    if total > limits.max_unpacked_bytes:
        raise refuse(
            f"the workbook is too big to import: it unpacks to {total / MB:,.0f} MB "
            f"(the limit is {limits.max_unpacked_bytes / MB:,.0f} MB)"
        )


def _chunks(book: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A part's bytes, inflated a chunk at a time. zipfile stops at the size the directory
    gives and checks the CRC, so a part lying about its size is refused, not inflated."""
    with book.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            yield chunk


def _check_sheet(book: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ReadLimits) -> None:
    """Scan one worksheet's XML: first only for a cell out of the common range (one regex
    search a chunk), then, if there is one, for the exact extent; a sheet the scan cannot
    vouch for (cells without a reference, prefixed names) goes to the XML parser."""
    quick = (
        limits.max_rows >= _QUICK_ROWS
        and limits.max_columns >= _QUICK_COLUMNS
        and limits.max_cells >= _QUICK_ROWS * _QUICK_COLUMNS
    )
    extent = _scanned_extent(_chunks(book, info), limits, quick)
    if extent == _UNUSUAL:
        extent = _scanned_extent(_chunks(book, info), limits, False)
    if extent is None or extent == _UNUSUAL:
        extent = _parsed_extent(info.filename, _chunks(book, info), limits)
    _check_extent(*extent, limits)


#: What a quick scan returns when a cell lies out of the common range
_UNUSUAL = (-1, -1)


def _pieces(chunks: Iterator[bytes]) -> Iterator[tuple[bytes, int, int]]:
    """The XML as (buffer, start, end) spans that cut no tag in two, without copying the
    chunks: a tag cut by a chunk's edge comes whole in a small span of its own."""
    carry = b""
    for chunk in chunks:
        first_end = chunk.find(b">")
        if first_end < 0:  # no tag ends in this chunk: it all joins the next
            carry += chunk
            continue
        start = 0
        if carry:
            yield carry + chunk[: first_end + 1], 0, len(carry) + first_end + 1
            start = first_end + 1
        cut = chunk.rfind(b"<", start)
        if cut <= chunk.rfind(b">", start):
            cut = len(chunk)
        yield chunk, start, cut
        carry = chunk[cut:]
    if carry:
        yield carry + b" ", 0, len(carry) + 1  # the XML ends inside a tag


def _scanned_extent(
    chunks: Iterator[bytes], limits: ReadLimits, quick: bool
) -> tuple[int, int] | None:
    """The last row and column the cell references name, by regex; None when some cell has
    no reference or a prefixed name, so only a parser can place it. ``quick``: only prove
    every cell is within A..Z and row 99,999 (then (0, 0)), else return ``_UNUSUAL``."""
    rows = columns = 0
    for buf, start, end in _pieces(chunks):
        # (a CDATA section or a comment may hold what looks like a cell: that only makes
        # the scan more careful, it cannot hide a real cell)
        if _PREFIXED_CELL.search(buf, start, end):
            return None
        if quick:
            if _UNUSUAL_CELL.search(buf, start, end) is not None:
                return _UNUSUAL
            continue  # every cell within A..Z and row 99,999: the common sheet
        if _UNREFERENCED_CELL.search(buf, start, end):
            return None
        letters = set(_REF_COLUMN.findall(buf, start, end))
        columns = max(columns, max(map(column_number, letters), default=0))
        rows = max(rows, max(map(int, _REF_ROW.findall(buf, start, end)), default=0))
        _check_extent(rows, columns, limits)  # stop early
    return rows, columns


def _check_extent(rows: int, columns: int, limits: ReadLimits) -> None:
    problem = extent_problem(rows, columns, limits)
    if problem:
        raise refuse(problem)


def _number(digits: str) -> int:
    """A row number as written; one too long to read stands for 'too far'."""
    return int(digits) if len(digits) <= 12 else 10**12


def column_number(letters: bytes | str) -> int:
    """'A' -> 1, 'Z' -> 26, 'AA' -> 27, 'XFD' -> 16384."""
    n = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.decode().upper():
        n = n * 26 + ord(ch) - 64
    return n


def _parsed_extent(name: str, chunks: Iterator[bytes], limits: ReadLimits) -> tuple[int, int]:
    """The last row and column holding a cell, walked as calamine walks them: a cell's
    reference where it has one, else one past the cell (or row) before it."""
    row = col = rows = columns = 0

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal row, col, rows, columns
        local = tag.rpartition(" ")[2]
        if local == "row":
            ref = attrs.get("r", "")
            row = _number(ref) if ref.isascii() and ref.isdigit() else row + 1
            col = 0
        elif local == "c":
            m = re.fullmatch(r"([A-Za-z]+)([0-9]+)", attrs.get("r", ""))
            if m:
                col, row = column_number(m[1][:6]), _number(m[2])
            else:
                col += 1
            rows, columns = max(rows, row), max(columns, col)
            if rows > limits.max_rows or columns > limits.max_columns:
                _check_extent(rows, columns, limits)  # stop at once

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except (expat.ExpatError, LookupError, ValueError) as exc:  # LookupError: encoding
        raise refuse(f"the spreadsheet cannot be read: {name} is not well-formed ({exc})") from exc
    return rows, columns
