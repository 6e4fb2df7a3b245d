"""Hostile and odd roster files (issue 12, faults 3, 4, 6 and 8): refused or read right, fast.

Each file goes through the CLI in-process. A refusal exits 1 with one problem per line on
stderr and writes nothing; nothing may abort the process, hang, or mangle a name.
"""

from __future__ import annotations

import os
import re
import struct
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from rmdesk.cli import main
from rmdesk.errors import RosterError
from rmdesk.models.orgchart import OrgChart
from rmdesk.roster_files import read_table
from rmdesk.roster_files.limits import ReadLimits
from rmdesk.roster_files.workbook_guard import check_workbook
from rmdesk.workspace import Workspace
from tests.unit import rosters as R

SHEET = "xl/worksheets/sheet1.xml"
FAR_ROW = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'


def run(capsys: pytest.CaptureFixture[str], file: Path, db: Path) -> tuple[int, str]:
    code = main(["import", str(file), "--db", str(db)])
    _, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, err


def people(db: Path) -> list[tuple[object, ...]]:
    if not db.exists():
        return []
    ws = Workspace.open(db)
    try:
        return sorted(ws.db.execute("SELECT * FROM employees").fetchall())
    finally:
        ws.close()


def small_xlsx(path: Path) -> Path:
    return R.write_xlsx(path, {"People": [["Employee ID", "Name"], ["E1", "Ana"], ["E2", "Bo"]]})


def rewrite(path: Path, part: str, change: Callable[[bytes], bytes], out: Path) -> Path:
    """A copy of the zip at ``path`` with one part's bytes changed."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info.filename, change(data) if info.filename == part else data)
    return out


def add_far_row(row: bytes) -> Callable[[bytes], bytes]:
    return lambda xml: xml.replace(b"</sheetData>", row + b"</sheetData>")


# -- 1. hostile workbooks ------------------------------------------------------------------------
FAR_CELLS = {
    "one cell at XFD1048576": FAR_ROW,
    "a far row whose cell has no reference": (
        b'<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c></row>'
    ),
    "a line break inside the cell tag": FAR_ROW.replace(b"<c r=", b"<c\n  r="),
    "a lower-case reference": FAR_ROW.replace(b"XFD", b"xfd"),
    "attributes in another order": (
        b'<row r="5"><c t="inlineStr" r="ZZ5"><is><t>x</t></is></c></row>'
        b'<row r="999999"><c t="inlineStr" r="A999999"><is><t>y</t></is></c></row>'
    ),
    "a row of 20,000 cells without references": (
        b'<row r="3">' + b'<c t="inlineStr"><is><t>x</t></is></c>' * 20_000 + b"</row>"
    ),
}


@pytest.mark.parametrize("row", FAR_CELLS.values(), ids=FAR_CELLS.keys())
def test_a_sheet_reaching_far_is_refused_at_once(
    row: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the dimension says A1:B3 whatever the cells say: a file may lie
    hostile = rewrite(
        small_xlsx(tmp_path / "ok.xlsx"), SHEET, add_far_row(row), tmp_path / "far.xlsx"
    )
    assert hostile.stat().st_size < 200_000
    start = time.perf_counter()
    code, err = run(capsys, hostile, tmp_path / "w.db")
    assert code == 1
    assert "too big to import" in err and "delete what lies past the roster" in err
    assert time.perf_counter() - start < 5
    assert people(tmp_path / "w.db") == []


def test_prefixed_cell_names_are_placed_too(tmp_path: Path) -> None:
    """calamine reads <x:c> as a cell, so the guard must see it."""

    def prefixed(xml: bytes) -> bytes:
        xml = xml.replace(
            b"<worksheet ",
            b'<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ',
            1,
        )
        far = FAR_ROW.replace(b"<c ", b"<x:c ").replace(b"</c>", b"</x:c>")
        return add_far_row(far)(xml)

    hostile = rewrite(small_xlsx(tmp_path / "ok.xlsx"), SHEET, prefixed, tmp_path / "x.xlsx")
    with pytest.raises(RosterError, match="too big to import"):
        check_workbook(hostile)


def test_a_cell_that_unpacks_past_the_text_limit_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 101 MB cell, stored in a few hundred KB, written a megabyte at a time."""
    path = tmp_path / "bomb.xlsx"
    small = small_xlsx(tmp_path / "ok.xlsx")
    with zipfile.ZipFile(small) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != SHEET:
                dst.writestr(info.filename, data)
                continue
            head, _, tail = data.partition(b"</sheetData>")
            with dst.open(SHEET, "w", force_zip64=True) as out:
                out.write(head + b'<row r="4"><c r="A4" t="inlineStr"><is><t>')
                for _ in range(101):
                    out.write(b"a" * (1 << 20))
                out.write(b"</t></is></c></row></sheetData>" + tail)
    assert path.stat().st_size < 1_000_000
    start = time.perf_counter()
    code, err = run(capsys, path, tmp_path / "w.db")
    assert code == 1
    assert "too big to import" in err or "zip bomb" in err
    assert time.perf_counter() - start < 5
    assert people(tmp_path / "w.db") == []


def test_a_part_inflating_a_thousandfold_is_refused(tmp_path: Path) -> None:
    padded = rewrite(
        small_xlsx(tmp_path / "ok.xlsx"),
        SHEET,
        lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b" " * (20 << 20)),
        tmp_path / "padded.xlsx",
    )
    with pytest.raises(RosterError, match="zip bomb"):
        check_workbook(padded)


def test_limits_are_settings_with_defaults(tmp_path: Path) -> None:
    book = small_xlsx(tmp_path / "ok.xlsx")
    assert ReadLimits().max_rows == 1_000_000 and ReadLimits().max_columns == 500
    assert len(read_table(book)) == 2
    with pytest.raises(RosterError, match="reach row 3 and column 2"):
        read_table(book, limits=ReadLimits(max_rows=2))
    with pytest.raises(RosterError, match="too big to import"):
        read_table(
            R.write_csv(tmp_path / "a.csv", R.roster_rows()), limits=ReadLimits(max_text_bytes=100)
        )


def _ods(path: Path, rows_xml: str) -> Path:
    """An ODS file whose one sheet holds a header row, then ``rows_xml`` as written."""
    head = "".join(R._ods_cell(v) for v in ("Employee ID", "Name"))
    first = "".join(R._ods_cell(v) for v in ("E1", "Ana"))
    R.write_ods(path, {"People": [["PLACEHOLDER"]]})
    body = f"<table:table-row>{head}</table:table-row><table:table-row>{first}</table:table-row>"
    placeholder = R._ods_cell("PLACEHOLDER")
    return rewrite(
        path,
        "content.xml",
        lambda xml: xml.replace(
            f"<table:table-row>{placeholder}</table:table-row>".encode(),
            (body + rows_xml).encode(),
        ),
        path.with_name("x" + path.name),
    )


def test_ods_padding_imports_and_a_repeated_value_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # LibreOffice pads every sheet with empty runs; they cost nothing
    padding = (
        '<table:table-row table:number-rows-repeated="1048574">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    code, err = run(capsys, _ods(tmp_path / "pad.ods", padding), tmp_path / "a.db")
    assert code == 0, err
    # 60,000 rows of 400 cells holding a value: 24 million cells
    value = '<table:table-cell office:value-type="string" table:number-columns-repeated="{}">'
    bomb = (
        '<table:table-row table:number-rows-repeated="60000">'
        + value.format(400)
        + "<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    code, err = run(capsys, _ods(tmp_path / "bomb.ods", bomb), tmp_path / "b.db")
    assert code == 1 and "too big to import" in err
    assert people(tmp_path / "b.db") == []
    # an XLSX part beside content.xml does not make the guard look away from it
    hybrid = tmp_path / "hybrid.ods"
    with zipfile.ZipFile(tmp_path / "xbomb.ods") as src, zipfile.ZipFile(hybrid, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(RosterError, match="too big to import"):
        check_workbook(hybrid)


def test_xls_cell_in_a_far_column_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = bytearray(R.XLS_FIXTURE.read_bytes())
    at = data.rfind(b"\xfd\x00\x0a\x00")  # the last LABELSST cell record: row, column
    data[at + 4 : at + 8] = struct.pack("<HH", 0xFFFF, 0xFFFF)
    hostile = R.write_bytes(tmp_path / "far.xls", bytes(data))
    code, err = run(capsys, hostile, tmp_path / "w.db")
    assert code == 1 and "column 65,536" in err
    code, err = run(capsys, R.XLS_FIXTURE, tmp_path / "ok.db")
    assert code == 0, err


# -- 2. mixed encodings --------------------------------------------------------------------------
def test_one_windows_1252_line_in_a_utf8_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = R.csv_text(R.roster_rows())
    lines = text.splitlines(keepends=True)
    lines[3] = lines[3].replace("Françoise", "Frédérique")
    data = b"".join(
        line.encode("cp1252" if number == 4 else "utf-8")
        for number, line in enumerate(lines, start=1)
    )
    code, err = run(capsys, R.write_bytes(tmp_path / "mixed.csv", data), tmp_path / "w.db")
    assert code == 0, err
    names = {row[0]: row[1] for row in people(tmp_path / "w.db")}
    assert names["E2"] == "José Muñoz"  # UTF-8 lines stay UTF-8
    assert names["E3"] == "Frédérique Lefèvre"  # the odd line in its own encoding
    assert names["E4"] == "Zoë Ødegård"
    assert re.search(r"^row 4: .*not UTF-8.*Windows-1252", err, re.M)
    assert "row 3:" not in err


def test_a_windows_1252_file_is_still_read_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = R.write_csv(tmp_path / "ansi.csv", R.roster_rows(), encoding="cp1252")
    code, err = run(capsys, path, tmp_path / "w.db")
    assert code == 0 and "not UTF-8" not in err
    assert {r[0]: r[1] for r in people(tmp_path / "w.db")}["E2"] == "José Muñoz"


# -- 3. input that never ends --------------------------------------------------------------------
def test_a_fifo_is_refused_without_hanging(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "roster.csv"
    os.mkfifo(fifo)
    result: list[int] = []
    worker = threading.Thread(
        target=lambda: result.append(main(["import", str(fifo), "--db", str(tmp_path / "w.db")])),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=10)
    alive = worker.is_alive()
    # let go of any reader still waiting for a writer (the file digest opens the path too)
    for _ in range(3):
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            break
        time.sleep(0.05)
    assert not alive, "importing a FIFO hangs"
    _, err = capsys.readouterr()
    assert result == [1]
    assert "is a pipe, not a file" in err


@pytest.mark.parametrize("kind", ["pipe", "folder"])
def test_other_things_that_are_not_files(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if kind == "folder":
        code, err = run(capsys, tmp_path, tmp_path / "w.db")
        assert code == 1 and "is a folder" in err
        return
    read, write = os.pipe()  # what /dev/stdin is when a file is piped in
    try:
        os.write(write, R.csv_text(R.roster_rows()).encode())
        code, err = run(capsys, Path(f"/dev/fd/{read}"), tmp_path / "w.db")
    finally:
        os.close(write)
        os.close(read)
    assert code == 1 and "is a pipe" in err


# -- 4. smaller faults ---------------------------------------------------------------------------
def test_a_100k_deep_chain_is_answered_quickly() -> None:
    n = 100_000
    start = time.perf_counter()
    org = OrgChart({f"E{i}": f"E{i - 1}" if i else None for i in range(n)})
    assert len(org.chain(f"E{n - 1}")) == n - 1
    assert org.chain("E0") == []
    for i in range(0, 2000, 2):
        assert org.levels_above(f"E{i}", f"E{n - 1 - i}") == n - 1 - 2 * i
        assert org.levels_above(f"E{n - 1 - i}", f"E{i}") is None
    assert time.perf_counter() - start < 3


def test_chain_in_a_loop_stops() -> None:
    org = OrgChart({"A": "B", "B": "C", "C": "A", "D": "C"})
    assert org.chain("D") == ["C", "A", "B"]
    assert org.chain("A") == ["B", "C"]
    assert org.levels_above("C", "D") in (1, None)


def test_control_characters_are_removed_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = R.roster_rows()
    rows[2][1] = "Jos\x1b[2Jé"  # ESC: a terminal would clear the screen
    rows[3][0] = "E3\x07"  # BEL in an id
    rows[3][2] = "Lef\u202eèvre"  # a right-to-left override
    for row in rows[1:]:
        if row[8] == "E3":
            row[8] = "E3\x07"
    code, err = run(capsys, R.write_csv(tmp_path / "ctl.csv", rows), tmp_path / "w.db")
    assert code == 0, err
    stored = {r[0]: r[1] for r in people(tmp_path / "w.db")}
    assert stored["E2"] == "Jos[2Jé Muñoz"
    assert stored["E3"] == "Françoise Lefèvre"
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", err)
    assert "row 3, column 'First Name': control characters removed (U+001B)" in err
    assert "row 4, column 'Employee ID': control characters removed (U+0007)" in err
    assert "row 4, column 'Last Name': control characters removed (U+202E)" in err


def test_zero_width_joiners_stay_inside_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # ZWNJ inside a word
    emoji = "Ana \U0001f469\u200d\U0001f4bb"  # woman technologist: a ZWJ sequence
    rows = R.roster_rows()
    rows[1][1], rows[2][1], rows[3][1] = persian, emoji, "\u200dZoë\u200c"
    rows[4][0] = "E\u200d4"  # an id drops them
    code, err = run(capsys, R.write_csv(tmp_path / "zwj.csv", rows), tmp_path / "w.db")
    assert code == 0, err
    stored = {r[0]: r[1] for r in people(tmp_path / "w.db")}
    assert stored["E1"] == f"{persian} Okafor"
    assert stored["E2"] == f"{emoji} Muñoz"
    assert stored["E3"] == "Zoë Lefèvre"
    assert "E4" in stored


def test_a_workbook_row_past_the_header_gets_a_workbook_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows: list[list[object]] = [list(r) for r in R.roster_rows()]
    rows[3].append("stray note")
    code, err = run(capsys, R.write_xlsx(tmp_path / "wide.xlsx", {"People": rows}), tmp_path / "w")
    assert code == 1
    assert "row 4: 13 values under 12 columns ('stray note' past the last one)" in err
    assert "delimiter" not in err and "quotes" not in err
    assert "give those columns a header" in err


def _biff12(kind: int, body: bytes) -> bytes:
    """One XLSB record: its type and size as 7-bit varints, then the body."""
    head = bytes([kind]) if kind < 0x80 else bytes([kind & 0x7F | 0x80, kind >> 7])
    size, length = len(body), b""
    while True:
        length += bytes([size & 0x7F | (0x80 if size >= 0x80 else 0)])
        size >>= 7
        if not size:
            break
    return head + length + body


def test_xlsb_cells_are_placed_by_their_records() -> None:
    from rmdesk.roster_files.xls_guard import xlsb_extent

    row = _biff12(0, struct.pack("<I", 1_048_575) + b"\x00" * 8)  # BrtRowHdr
    cell = _biff12(7, struct.pack("<II", 16_383, 0) + b"\x00" * 4)  # BrtCellIsst
    wide = _biff12(0x91, b"")  # BrtBeginSheetData: a type of two bytes
    near = _biff12(0, struct.pack("<I", 1) + b"\x00" * 8) + _biff12(5, b"\x02" + b"\x00" * 15)
    assert xlsb_extent(wide + near) == (2, 3)
    assert xlsb_extent(wide + near + row + cell) == (1_048_576, 16_384)
    assert xlsb_extent(row + cell[:-2]) == (0, 0)  # cut short: calamine reports it


def test_a_refused_fifo_leaves_no_thread_behind(tmp_path: Path) -> None:
    """The file's hash is computed in a thread: a FIFO must be refused before it starts."""
    import os
    import threading

    from rmdesk.errors import RosterError
    from rmdesk.workspace import Workspace

    fifo = tmp_path / "roster.csv"
    os.mkfifo(fifo)
    before = threading.active_count()
    ws = Workspace.in_memory()
    try:
        with pytest.raises(RosterError, match="pipe"):
            ws.roster.prepare_import(fifo)
    finally:
        ws.close()
    assert threading.active_count() == before


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200), "a JPEG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
        (b"SQLite format 3\x00" + bytes(100), "a database"),
    ],
)
@pytest.mark.parametrize("suffix", [".png", ".csv"])
def test_a_picture_or_document_is_named_for_what_it_is(
    tmp_path: Path, head: bytes, kind: str, suffix: str
) -> None:
    """A file dropped by mistake: said to be no roster, not read as text byte by byte."""

    path = tmp_path / f"dropped{suffix}"
    path.write_bytes(head)
    with pytest.raises(RosterError) as info:
        read_table(path)
    (problem,) = info.value.problems
    assert f"is {kind}" in problem.message and "not a roster" in problem.message


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("roster.xlsx", b"\xd0\xcf\x00\x00garbage\x00\x01\x02", "is not a readable workbook"),
        (
            "roster.xls",
            b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:'
            b'spreadsheet"><Worksheet/></Workbook>',
            "Excel 2003 XML spreadsheet",
        ),
    ],
)
def test_a_workbook_that_cannot_be_one_says_so(
    tmp_path: Path, name: str, data: bytes, said: str
) -> None:
    """Read as text, these gave 'no column holds the employee id (the columns are: ...)'."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(RosterError) as info:
        read_table(path)
    (problem,) = info.value.problems
    assert said in problem.message and name in problem.message


def test_a_csv_saved_under_a_workbook_name_is_read_as_csv(tmp_path: Path) -> None:
    """Some HR systems name their CSV export .xlsx: it imports as the CSV it is."""
    path = tmp_path / "export.xlsx"
    path.write_text("Employee ID,Name\nE1,Ana Silva\nE2,Bo Chen\n", encoding="utf-8")
    table = read_table(path)
    assert table.headers == ["Employee ID", "Name"] and len(table) == 2
