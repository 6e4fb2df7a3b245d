"""Builders that write roster files, tidy and nasty, into a test's tmp_path.

Every builder takes rows as lists of cell values (the first row is usually the header) and
returns the path it wrote. Spreadsheets are real files: XLSX through openpyxl, ODS written by
hand as the zip of XML that LibreOffice would produce, XLS from the committed fixture in
``data/roster.xls`` (nothing here can write that binary format; see ``data/make_xls.py``).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

DATA = Path(__file__).resolve().parent / "data"
XLS_FIXTURE = DATA / "roster.xls"

Cell = object
Rows = Sequence[Sequence[Cell]]

HEADER = [
    "Employee ID",
    "First Name",
    "Last Name",
    "Work Email",
    "Department",
    "Division",
    "Job Title",
    "Grade",
    "Manager ID",
    "Hire Date",
    "Birth Year",
    "Location",
]

#: A small company: a CEO, two directors, and their teams; names from several languages.
PEOPLE: list[list[str]] = [
    ["E1", "Amara", "Okafor", "amara@x.example", "Office of the CEO", "Executive", "CEO", "12", "",
     "2001-02-03", "1965", "London"],
    ["E2", "José", "Muñoz", "jose@x.example", "Finance", "Corporate", "CFO", "10", "E1",
     "2005-06-07", "1970", "Madrid"],
    ["E3", "Françoise", "Lefèvre", "francoise@x.example", "Customer Service", "Customer",
     "Director", "9", "E1", "2010-09-10", "1975", "Lyon"],
    ["E4", "Zoë", "Ødegård", "zoe@x.example", "Finance", "Corporate", "Analyst", "4", "E2",
     "2019-01-20", "1995", "Oslo"],
    ["E5", "Wei", "Chen", "wei@x.example", "Customer Service", "Customer", "Agent", "2", "E3",
     "2022-03-15", "1999", "Toronto"],
    ["E6", "Priya", "Nair", "priya@x.example", "Customer Service", "Customer", "Team Lead", "5",
     "E3", "2016-11-30", "1988", "Pune"],
]  # fmt: skip


def roster_rows(people: Iterable[Sequence[str]] | None = None) -> list[list[str]]:
    """The header plus ``people`` (default: PEOPLE), as lists of strings."""
    return [list(HEADER), *[list(p) for p in (PEOPLE if people is None else people)]]


def csv_text(rows: Rows, delimiter: str = ",", newline: str = "\n") -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    for row in rows:
        writer.writerow(["" if c is None else c for c in row])
    return buf.getvalue()


def write_csv(
    path: Path,
    rows: Rows,
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    newline: str = "\n",
    bom: bool = False,
    before: str = "",
    after: str = "",
) -> Path:
    """A delimited text file. ``before``/``after`` are raw text added around the table."""
    text = before + csv_text(rows, delimiter, newline) + after
    data = text.encode(encoding)
    if bom:
        data = {
            "utf-8": b"\xef\xbb\xbf",
            "utf-16-le": b"\xff\xfe",
            "utf-16-be": b"\xfe\xff",
        }[encoding] + data
    path.write_bytes(data)
    return path


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def write_xlsx(path: Path, sheets: dict[str, Rows]) -> Path:
    """A workbook with one sheet per entry; ints, floats, dates and datetimes stay typed cells."""
    from openpyxl import Workbook

    book = Workbook()
    first = True
    for name, rows in sheets.items():
        if first:
            ws = book.active
            assert ws is not None
            ws.title = name
            first = False
        else:
            ws = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None or value == "":
                    continue
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"
    book.save(path)
    return path


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'office:version="1.2"'
)


def _ods_cell(value: Cell) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, bool):
        raise TypeError("no booleans in these rosters")
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    if isinstance(value, date):
        iso = value.isoformat()
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{iso}">'
            f"<text:p>{iso}</text:p></table:table-cell>"
        )
    text = escape(str(value))
    return (
        f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    )


def write_ods(path: Path, sheets: dict[str, Rows]) -> Path:
    """An OpenDocument spreadsheet written by hand: mimetype first and stored, then the XML."""
    tables = []
    for name, rows in sheets.items():
        body = "".join(
            "<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>"
            for row in rows
        )
        if not rows:
            body = "<table:table-row><table:table-cell/></table:table-row>"
        tables.append(f'<table:table table:name="{escape(name)}">{body}</table:table>')
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<office:document-content {_ODS_NS}><office:body><office:spreadsheet>"
        + "".join(tables)
        + "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        zf.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def big_roster(path: Path, n: int, prefix: str = "B") -> Path:
    """``n`` people in a ten-wide tree (everyone but the first has a manager); fast to write."""
    lines = ["Employee ID,Name,Manager ID,Grade,Department\n"]
    for i in range(n):
        manager = f"{prefix}{(i - 1) // 10}" if i else ""
        lines.append(f"{prefix}{i},Person {i},{manager},{1 + i % 12},Dept {i % 40}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path
