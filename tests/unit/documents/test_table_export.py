"""CSV and XLSX exports: formula injection neutralised, real dates, confidential columns opt-in."""

from __future__ import annotations

import csv
import stat
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from rmdesk.documents.table_export import (
    ACTION_COLUMNS,
    PAIR_COLUMNS,
    SESSION_COLUMNS,
    Column,
    neutralise,
    write_csv,
    write_table,
    write_xlsx,
)

NASTY = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")']
SECRET = "SECRET-NOTE-7781"

COLUMNS = (
    Column("Pair"),
    Column("Text"),
    Column("Count", "int"),
    Column("Due", "date"),
    Column("Starts", "datetime"),
    Column("Done", "bool"),
    Column("Note", confidential=True),
)


def rows() -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = [
        ("P1", text, -3, date(2026, 5, 4), datetime(2026, 5, 4, 9, 30), True, SECRET)
        for text in NASTY
    ]
    out.append(("P2", "Zoë Łukasiewicz 王小明", None, None, None, False, None))
    return out


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads UTF-8
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_neutralise() -> None:
    assert [neutralise(t) for t in NASTY] == ["'" + t for t in NASTY]
    assert neutralise("Ana = Bob") == "Ana = Bob"
    assert neutralise("") == ""


def test_csv_neutralises_formulas_and_keeps_accents(tmp_path: Path) -> None:
    out = tmp_path / "pairs.csv"
    assert write_csv(out, COLUMNS, rows()) == len(NASTY) + 1
    table = read_csv(out)
    assert table[0] == ["Pair", "Text", "Count", "Due", "Starts", "Done"]
    texts = [r[1] for r in table[1:]]
    assert texts[: len(NASTY)] == ["'" + t for t in NASTY]
    assert texts[-1] == "Zoë Łukasiewicz 王小明"
    first = table[1]
    assert first[2:] == ["-3", "2026-05-04", "2026-05-04 09:30", "yes"]
    assert table[-1][2:] == ["", "", "", "no"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_xlsx_writes_strings_never_formulas(tmp_path: Path) -> None:
    out = tmp_path / "pairs.xlsx"
    write_xlsx(out, COLUMNS, rows())
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    got = [sheet.cell(row=r, column=2) for r in range(2, len(NASTY) + 2)]
    # xlsxwriter stores a carriage return as OOXML's _x000D_; Excel decodes it, openpyxl not
    assert [c.value.replace("_x000D_", "\r") for c in got] == NASTY  # the text as typed
    assert all(c.data_type == "s" for c in got)  # a string cell, not a formula ('f')
    assert all(c.quotePrefix for c in got)  # editing the cell in Excel keeps it text
    plain = sheet.cell(row=len(NASTY) + 2, column=2)
    assert plain.value == "Zoë Łukasiewicz 王小明" and not plain.quotePrefix
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_xlsx_dates_are_real_dates(tmp_path: Path) -> None:
    out = tmp_path / "actions.xlsx"
    write_xlsx(out, COLUMNS, rows())
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    due, starts, count, done = (sheet.cell(row=2, column=c) for c in (4, 5, 3, 6))
    assert due.is_date and due.value == datetime(2026, 5, 4)
    assert due.number_format == "yyyy-mm-dd"
    assert starts.is_date and starts.value == datetime(2026, 5, 4, 9, 30)
    assert count.value == -3 and count.data_type == "n"
    assert done.value is True


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_confidential_columns_only_when_asked(tmp_path: Path, suffix: str) -> None:
    hidden = tmp_path / f"hidden{suffix}"
    shown = tmp_path / f"shown{suffix}"
    write_table(hidden, COLUMNS, rows())
    write_table(shown, COLUMNS, rows(), include_confidential=True)
    if suffix == ".csv":
        assert SECRET not in hidden.read_text(encoding="utf-8-sig")
        assert "Note" not in read_csv(hidden)[0]
        assert read_csv(shown)[1][-1] == SECRET
    else:
        hidden_cells = [
            c.value for row in openpyxl.load_workbook(hidden).active.iter_rows() for c in row
        ]  # type: ignore[union-attr]
        assert SECRET not in hidden_cells and "Note" not in hidden_cells
        assert openpyxl.load_workbook(shown).active.cell(row=2, column=7).value == SECRET  # type: ignore[union-attr]


def test_standard_specs_mark_confidential_notes() -> None:
    assert [c.name for c in SESSION_COLUMNS if c.confidential] == ["Confidential note"]
    assert {c.kind for c in ACTION_COLUMNS} == {"int", "text", "date", "bool"}
    # the pair is its number in every export (a number a spreadsheet sorts), names beside it
    for columns in (PAIR_COLUMNS, SESSION_COLUMNS, ACTION_COLUMNS):
        assert (columns[0].name, columns[0].kind) == ("Pair", "int")


def test_csv_times_are_read_by_spreadsheets(tmp_path: Path) -> None:
    """Excel reads '2026-09-15 14:30' as a date and time, not '...14:30+02:00'."""
    from datetime import datetime, timedelta, timezone

    out = tmp_path / "s.csv"
    starts = datetime(2026, 9, 15, 14, 30, tzinfo=timezone(timedelta(hours=2)))
    write_csv(out, [Column("Starts", "datetime")], [[starts]])
    assert read_csv(out)[1] == ["2026-09-15 14:30"]


def test_a_failed_export_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "pairs.csv"
    out.write_text("old", encoding="utf-8")

    def broken() -> object:
        yield ("P1", "ok", 1, None, None, True, None)
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        write_csv(out, COLUMNS, broken())  # type: ignore[arg-type]
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pairs.csv"]


def test_unknown_kind_and_suffix_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        Column("x", "money")
    with pytest.raises(ValueError):
        write_table(tmp_path / "x.ods", COLUMNS, [])
