"""Refuse an old binary Excel file (XLS) whose cells reach past the limits.

calamine lays a sheet out from its first to its last cell, and an XLS cell record may name
any column up to 65,535: one such cell asks for 137 GB and aborts the process. The file is an
OLE compound document; its Workbook stream is found and its cell records read for their
row and column, before calamine sees the file.
"""

from __future__ import annotations

import struct

from rmdesk.errors import Problem, RosterError
from rmdesk.roster_files.limits import ReadLimits, extent_problem

_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE
# BIFF cell records: the row and first column lead each; MULRK and MULBLANK end with the last
_CELLS = {0x0006, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x0406}
_MULTI = {0x00BD, 0x00BE}


def _damaged(why: str) -> RosterError:
    return RosterError([Problem(f"the spreadsheet cannot be read: it is damaged ({why})")])


class _Compound:
    """Just enough of the OLE compound file format to read one stream, every chain walked
    at most once around (a loop in a damaged file ends the walk)."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512:
            raise _damaged("too short")
        self.data = data
        self.size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
        self.mini = 1 << struct.unpack_from("<H", data, 0x20)[0]
        if self.size not in (512, 4096) or self.mini > self.size:
            raise _damaged("bad sector size")
        fat_count, self.dir_start = struct.unpack_from("<II", data, 0x2C)
        self.cutoff, minifat_start, _ = struct.unpack_from("<III", data, 0x38)
        difat_next, difat_count = struct.unpack_from("<II", data, 0x44)
        fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
        per = self.size // 4
        seen: set[int] = set()
        while difat_next not in (_FREE, _END) and difat_next not in seen and difat_count:
            seen.add(difat_next)
            entries = struct.unpack_from(f"<{per}I", self._sector(difat_next))
            fat_sectors.extend(entries[:-1])
            difat_next, difat_count = entries[-1], difat_count - 1
        fat: list[int] = []
        for s in fat_sectors[:fat_count]:
            if s not in (_FREE, _END):
                fat.extend(struct.unpack_from(f"<{per}I", self._sector(s)))
        self.fat = fat
        self.minifat_start = minifat_start

    def _sector(self, n: int) -> bytes:
        start = (n + 1) * self.size
        if start >= len(self.data):
            raise _damaged("a sector lies past the end of the file")
        return self.data[start : start + self.size]

    def _chain(self, start: int, table: list[int]) -> list[int]:
        chain: list[int] = []
        seen: set[int] = set()
        n = start
        while n not in (_FREE, _END) and n < len(table) and n not in seen:
            seen.add(n)
            chain.append(n)
            n = table[n]
        return chain

    def _read(self, start: int) -> bytes:
        return b"".join(self._sector(n) for n in self._chain(start, self.fat))

    def stream(self, names: tuple[str, ...]) -> bytes | None:
        """The first stream with one of ``names``, or None."""
        directory = self._read(self.dir_start)
        root_start = 0
        for off in range(0, len(directory) - 127, 128):
            length, kind = struct.unpack_from("<HB", directory, off + 0x40)
            name = directory[off : off + max(0, min(length, 64) - 2)].decode("utf-16-le", "replace")
            start, size = struct.unpack_from("<II", directory, off + 0x74)
            if kind == 5:
                root_start = start
            elif kind == 2 and name in names:
                if size >= self.cutoff:
                    return self._read(start)[:size]
                minifat_raw = self._read(self.minifat_start)
                minifat = list(struct.unpack(f"<{len(minifat_raw) // 4}I", minifat_raw))
                ministream = self._read(root_start)
                parts = [
                    ministream[n * self.mini : (n + 1) * self.mini]
                    for n in self._chain(start, minifat)
                ]
                return b"".join(parts)[:size]
        return None


def check_xls(data: bytes, limits: ReadLimits) -> None:
    """Raise RosterError when a cell of the XLS ``data`` lies past ``limits``."""
    try:
        book = _Compound(data).stream(("Workbook", "Book"))
    except struct.error as exc:
        raise _damaged("its directory is cut short") from exc
    if book is None:
        return  # not a workbook at all: calamine says so
    rows = columns = 0
    pos, end = 0, len(book) - 4
    unpack = struct.unpack_from
    while pos <= end:
        kind, size = unpack("<HH", book, pos)
        body = pos + 4
        if body + size > len(book):
            break  # a record cut short: calamine reports the damage
        if kind in _CELLS and size >= 4:
            row, col = unpack("<HH", book, body)
            rows, columns = max(rows, row + 1), max(columns, col + 1)
        elif kind in _MULTI and size >= 6:
            (row,) = unpack("<H", book, body)
            (last,) = unpack("<H", book, body + size - 2)
            rows, columns = max(rows, row + 1), max(columns, last + 1)
        pos = body + size
    problem = extent_problem(rows, columns, limits)
    if problem:
        raise RosterError([Problem(problem)])


# BIFF12 (XLSB) records: a row header (0) gives the row of the cells after it, each cell
# record (1 to 11: blank, RK, error, bool, real, string, shared string, formulas) its column.
_XLSB_ROW, _XLSB_CELLS = 0, range(1, 12)


def xlsb_extent(sheet: bytes) -> tuple[int, int]:
    """The last row and column (from 1) holding a cell in an XLSB worksheet part."""
    rows = columns = 0
    row = 0
    pos, end = 0, len(sheet)
    while pos < end:
        kind = sheet[pos] & 0x7F
        pos += 1
        if sheet[pos - 1] & 0x80 and pos < end:
            kind |= (sheet[pos] & 0x7F) << 7
            pos += 1
        size = shift = 0
        for _ in range(4):
            if pos >= end:
                return rows, columns
            byte = sheet[pos]
            pos += 1
            size |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        if pos + size > end:
            break  # a record cut short: calamine reports the damage
        if kind == _XLSB_ROW and size >= 4:
            (row,) = struct.unpack_from("<I", sheet, pos)
        elif kind in _XLSB_CELLS and size >= 4:
            (col,) = struct.unpack_from("<I", sheet, pos)
            rows, columns = max(rows, row + 1), max(columns, col + 1)
        pos += size
    return rows, columns
