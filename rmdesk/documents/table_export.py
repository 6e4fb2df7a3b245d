"""Tables (pairs, sessions, actions, the sponsor's pairs list) to CSV and XLSX for Excel users.

Text that Excel could take for a formula is neutralised: an apostrophe in CSV, a plain string
cell with Excel's own quote-prefix flag in XLSX. Confidential columns need an explicit yes.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from rmdesk.documents.atomic_file import atomic_path

KINDS = ("text", "date", "datetime", "int", "bool")
#: What a spreadsheet may read as the start of a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Excel's widest sensible column, in characters.
MAX_WIDTH = 60

Cell = str | int | bool | date | datetime | None


@dataclass(frozen=True, slots=True)
class Column:
    """One column of an export: its header, its kind, and whether it holds confidential text."""

    name: str
    kind: str = "text"
    confidential: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.name!r}: unknown kind {self.kind!r}")


PAIR_COLUMNS = (
    Column("Pair", "int"),
    Column("Mentor ID"),
    Column("Mentor"),
    Column("Mentor title"),
    Column("Mentor department"),
    Column("Mentee ID"),
    Column("Mentee"),
    Column("Mentee title"),
    Column("Mentee department"),
    Column("Status"),
    Column("Agreement"),
    Column("Sessions held", "int"),
    Column("Health"),
    Column("Paired on", "date"),
)
SESSION_COLUMNS = (
    Column("Pair", "int"),
    Column("Mentor"),
    Column("Mentee"),
    Column("Starts", "datetime"),
    Column("Status"),
    Column("Cancelled by"),
    Column("Reason"),
    Column("Shared learning"),
    Column("Confidential note", confidential=True),
)
ACTION_COLUMNS = (
    Column("Pair", "int"),
    Column("Mentor"),
    Column("Mentee"),
    Column("Owner"),
    Column("Action"),
    Column("Due", "date"),
    Column("Done on", "date"),
    Column("Overdue", "bool"),
)
#: The sponsor's list of announced pairs.
ANNOUNCED_PAIR_COLUMNS = (
    Column("Mentor"),
    Column("Mentor title"),
    Column("Mentor department"),
    Column("Mentee"),
    Column("Mentee title"),
    Column("Mentee department"),
)


def neutralise(text: str) -> str:
    """``text`` made safe for a CSV cell: an apostrophe before a formula-like start."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def chosen_columns(
    columns: Sequence[Column], include_confidential: bool
) -> list[tuple[int, Column]]:
    """The columns that go in, with their position in a row."""
    return [(i, c) for i, c in enumerate(columns) if include_confidential or not c.confidential]


def _csv_text(value: Cell, kind: str) -> str:
    if value is None:
        return ""
    if kind == "date" and isinstance(value, date):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    if kind == "datetime" and isinstance(value, datetime):
        # the wall-clock time, as the workbook has it: Excel reads '2026-09-15 14:30' as a
        # date and time, but not with an offset after it
        return _naive(value).isoformat(sep=" ", timespec="minutes")
    if kind == "bool":
        return "yes" if value else "no"
    if kind == "int" and isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def write_csv(
    path: str | os.PathLike[str],
    columns: Sequence[Column],
    rows: Iterable[Sequence[Cell]],
    *,
    include_confidential: bool = False,
) -> int:
    """Write a UTF-8 CSV with a BOM (so Excel reads accents right); returns the rows written."""
    chosen = chosen_columns(columns, include_confidential)
    count = 0
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([neutralise(c.name) for _, c in chosen])
        for row in rows:
            writer.writerow([_csv_text(row[i], c.kind) for i, c in chosen])
            count += 1
    return count


def _naive(value: datetime) -> datetime:
    """Excel has no time zones: keep the wall-clock time the value was recorded in."""
    return value.replace(tzinfo=None) if value.tzinfo is not None else value


def write_xlsx(
    path: str | os.PathLike[str],
    columns: Sequence[Column],
    rows: Iterable[Sequence[Cell]],
    *,
    include_confidential: bool = False,
    sheet: str = "Export",
) -> int:
    """Write one sheet: real dates and numbers, text never read as a formula; returns rows."""
    import xlsxwriter  # on first use: the window and the CSV exports never need it

    chosen = chosen_columns(columns, include_confidential)
    count = 0
    with atomic_path(path) as tmp:
        book = xlsxwriter.Workbook(
            str(tmp),
            {
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
                "constant_memory": True,
            },
        )
        try:
            header = book.add_format({"bold": True})
            header_guarded = book.add_format({"bold": True, "quote_prefix": True})
            guarded = book.add_format({"quote_prefix": True})
            day = book.add_format({"num_format": "yyyy-mm-dd"})
            moment = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
            ws = book.add_worksheet(sheet[:31])
            widths = [len(c.name) for _, c in chosen]
            for col, (_, c) in enumerate(chosen):
                fmt = header_guarded if c.name.startswith(FORMULA_STARTS) else header
                ws.write_string(0, col, c.name, fmt)
            for r, row in enumerate(rows, start=1):
                for col, (i, c) in enumerate(chosen):
                    value = row[i]
                    if value is None:
                        continue
                    if c.kind == "datetime" and isinstance(value, datetime):
                        ws.write_datetime(r, col, _naive(value), moment)
                        width = 16
                    elif c.kind == "date" and isinstance(value, date):
                        day_only = value.date() if isinstance(value, datetime) else value
                        ws.write_datetime(r, col, day_only, day)
                        width = 10
                    elif c.kind == "int" and isinstance(value, int) and not isinstance(value, bool):
                        ws.write_number(r, col, value)
                        width = len(str(value))
                    elif c.kind == "bool":
                        ws.write_boolean(r, col, bool(value))
                        width = 5
                    else:
                        text = str(value)
                        risky = text.startswith(FORMULA_STARTS)
                        ws.write_string(r, col, text, guarded if risky else None)
                        width = len(text)
                    if width > widths[col]:
                        widths[col] = width
                count += 1
            for col, width in enumerate(widths):
                ws.set_column(col, col, min(width + 2, MAX_WIDTH))
            ws.freeze_panes(1, 0)
            ws.autofilter(0, 0, max(count, 1), max(len(chosen) - 1, 0))
        finally:
            book.close()
    return count


def write_table(
    path: str | os.PathLike[str],
    columns: Sequence[Column],
    rows: Iterable[Sequence[Cell]],
    *,
    include_confidential: bool = False,
) -> int:
    """CSV or XLSX by the file's suffix (``.csv``, ``.xlsx``)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return write_csv(path, columns, rows, include_confidential=include_confidential)
    if suffix == ".xlsx":
        return write_xlsx(path, columns, rows, include_confidential=include_confidential)
    raise ValueError(f"{path}: write .csv or .xlsx")
