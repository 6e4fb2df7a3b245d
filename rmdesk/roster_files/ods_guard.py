"""Refuse an ODS sheet too big to read: cells repeated past the limits.

ODS writes a run of equal cells once, with ``number-columns-repeated`` and
``number-rows-repeated``. LibreOffice pads every sheet with empty runs (a row repeated a
million times), which cost nothing; a run holding a value is laid out in full by calamine,
so one cell repeated 16,384 × 1,048,576 times asks for hundreds of gigabytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.parsers import expat

from rmdesk.errors import Problem, RosterError
from rmdesk.roster_files.limits import MB, ReadLimits, extent_problem

_HUGE = 10**12  # a repeat count too long to be read as a number stands for "too many"


def _repeat(value: str | None) -> int:
    if not value:
        return 1
    if not (value.isascii() and value.isdigit()):
        return 1
    return int(value) if len(value) <= 12 else _HUGE


class _OdsExtent:
    """Walks content.xml, keeping the last row and column holding a value, and the cell
    text once laid out (a value's length times its repeats)."""

    def __init__(self, limits: ReadLimits) -> None:
        self.limits = limits
        self.row = 0  # rows before the current one, in the current sheet
        self.row_repeat = 1
        self.col = 0  # cells before the current one, in the current row
        self.filled_to = 0  # the column of the current row's last value
        self.in_cell = False
        self.cell_repeat = 1
        self.cell_has_value = False
        self.cell_text = 0
        self.text = 0
        self.width = 0  # the widest row's last value, in the current sheet

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(" ")[2]
        if self.in_cell:
            self.cell_has_value = True  # any content (text:p) is a value
            return
        if local == "table":
            self.row = self.width = 0
        elif local == "table-row":
            self.row_repeat = _repeat(_attr(attrs, "number-rows-repeated"))
            self.col = self.filled_to = 0
        elif local in ("table-cell", "covered-table-cell"):
            self.in_cell = True
            self.cell_repeat = _repeat(_attr(attrs, "number-columns-repeated"))
            self.cell_has_value = _attr(attrs, "value-type") is not None
            self.cell_text = 0

    def end(self, tag: str) -> None:
        local = tag.rpartition(" ")[2]
        if local in ("table-cell", "covered-table-cell") and self.in_cell:
            self.in_cell = False
            self.col += self.cell_repeat
            if self.cell_has_value:
                self.filled_to = self.col
                self.text += (self.cell_text + 1) * self.cell_repeat * self.row_repeat
                self._check(self.row + self.row_repeat, self.col)
        elif local == "table-row":
            self.row += self.row_repeat
            self.row_repeat = 1

    def chars(self, data: str) -> None:
        if self.in_cell:
            self.cell_text += len(data)

    def _check(self, rows: int, columns: int) -> None:
        self.width = max(self.width, columns)
        problem = extent_problem(rows, self.width, self.limits)
        if problem is None and self.text > self.limits.max_text_bytes:
            problem = (
                "the sheet is too big to import: its repeated cells hold more than "
                f"{self.limits.max_text_bytes / MB:,.0f} MB of text"
            )
        if problem:
            raise RosterError([Problem(problem)])


def _attr(attrs: dict[str, str], local: str) -> str | None:
    for key, value in attrs.items():
        if key.rpartition(" ")[2] == local:
            return value
    return None


def check_ods_content(chunks: Iterable[bytes], limits: ReadLimits) -> None:
    """Raise RosterError when content.xml (given in chunks) lays out more than ``limits``."""
    walk = _OdsExtent(limits)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = walk.start
    parser.EndElementHandler = walk.end
    parser.CharacterDataHandler = walk.chars
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except (expat.ExpatError, LookupError, ValueError) as exc:  # LookupError: encoding
        message = f"the spreadsheet cannot be read: content.xml is not well-formed ({exc})"
        raise RosterError([Problem(message)]) from exc
