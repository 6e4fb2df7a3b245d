"""How big a roster file may be: each limit once, named, with its default.

A hostile or broken file (a workbook with one cell at XFD1048576, a zip that inflates a
thousandfold, a FIFO that never ends) is refused before it is read, so reading stays bounded
in time and memory. A settings layer may read and override these values.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1 << 20


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """The largest roster file rmdesk reads; anything beyond is refused with a message."""

    #: rows in a sheet or text file (a whole company is 100,000)
    max_rows: int = 1_000_000
    #: columns in a sheet (an HR export has 10 to 100)
    max_columns: int = 500
    #: cells of a sheet laid out from A1 to its last row and column (calamine keeps 32 bytes
    #: a cell, Python more): 100,000 people × 50 columns is 5 million
    max_cells: int = 20_000_000
    #: bytes of a text (CSV) file, or of a workbook's shared cell text
    max_text_bytes: int = 100 * MB
    #: uncompressed bytes of any one XML part of a workbook (a sheet, content.xml)
    max_xml_bytes: int = 100 * MB
    #: uncompressed bytes of a whole workbook
    max_unpacked_bytes: int = 300 * MB
    #: how many times a workbook part may grow when unpacked (real sheets: 5 to 40)
    max_compression_ratio: int = 200
    #: parts smaller than this unpacked are never judged by their ratio
    ratio_floor_bytes: int = 4 * MB


#: The limits every read uses unless told otherwise.
DEFAULT_LIMITS = ReadLimits()


def extent_problem(rows: int, columns: int, limits: ReadLimits) -> str | None:
    """Why a sheet whose cells reach ``rows`` and ``columns`` is too big, or None."""
    if rows > limits.max_rows or columns > limits.max_columns:
        return (
            f"the sheet is too big to import: its cells reach row {rows:,} and column "
            f"{columns:,} (the limits are {limits.max_rows:,} rows and "
            f"{limits.max_columns:,} columns); delete what lies past the roster and save again"
        )
    if rows * columns > limits.max_cells:
        return (
            f"the sheet is too big to import: {rows:,} rows by {columns:,} columns make "
            f"{rows * columns:,} cells (the limit is {limits.max_cells:,}); delete what lies "
            "past the roster and save again"
        )
    return None
