"""The column-wise fast roads through a plain CSV and a plain sheet must give what the general
road (row by row, every report line and stray space looked at) gives, on every file."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from rmdesk.errors import RosterError
from rmdesk.roster_files import detect_mapping, parse_roster, read_table, readers
from tests.unit import rosters as R

EXPORTS = Path(__file__).resolve().parents[2] / "data" / "exports"
HEADER = ["Employee ID", "Name", "Grade", "Manager ID", "Hire date", "Active"]


def _outcome(path: Path) -> Any:
    """What an import of ``path`` amounts to: its people and problems, or why it is refused."""
    try:
        table = read_table(path)
    except RosterError as exc:
        return ("refused", [str(p) for p in exc.problems])
    parsed = parse_roster(table, detect_mapping(table.headers), today=date(2026, 11, 25))
    cells = [[table.cell(i, k) for k in range(len(table.headers))] for i in range(len(table))]
    return (
        table.headers,
        table.row_numbers,
        table.header_row,
        cells,
        [str(p) for p in parsed.problems],
        list(parsed.records),
    )


def _both_roads(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, bool]:
    taken: list[bool] = []
    real_csv, real_sheet = readers._rectangular, readers._columnar_sheet

    def spy(real: Any) -> Any:
        def run(*args: Any) -> Any:
            table = real(*args)
            taken.append(table is not None)
            return table

        return run

    with monkeypatch.context() as m:
        m.setattr(readers, "_rectangular", spy(real_csv))
        m.setattr(readers, "_columnar_sheet", spy(real_sheet))
        fast = _outcome(path)
    with monkeypatch.context() as m:
        m.setattr(readers, "_rectangular", lambda *args: None)
        m.setattr(readers, "_columnar_sheet", lambda *args: None)
        general = _outcome(path)
    return fast, general, any(taken)


def _sample_files() -> list[Path]:
    return sorted(p for p in [*EXPORTS.iterdir(), *(EXPORTS / "min").iterdir()] if p.is_file())


@pytest.mark.parametrize("path", _sample_files(), ids=lambda p: p.name)
def test_every_real_export_reads_the_same_on_both_roads(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if path.suffix in (".json", ".md"):
        pytest.skip("not an export")
    fast, general, _ = _both_roads(path, monkeypatch)
    assert fast == general


PEOPLE: list[list[Any]] = [
    ["E1", "Ana Silva", 7.0, "", datetime(2019, 3, 1), True],
    ["E2", "Bo Chen", 5.5, "E1", datetime(2021, 6, 15), False],
    ["E3", "Cy Dore", 1.0, "E1", "2020-01-02", 1.0],
]


@pytest.mark.parametrize(
    ("label", "rows", "fast_road"),
    [
        ("plain typed cells", [HEADER, *PEOPLE], True),
        ("a title above", [["Headcount"], [], HEADER, *PEOPLE], True),
        ("True beside 1.0 in one column", [HEADER, *PEOPLE], True),
        ("a trailing space", [HEADER, *PEOPLE, ["E4", "Di Eze ", 3, "E1", "", True]], False),
        ("two spaces", [HEADER, *PEOPLE, ["E4", "Di  Eze", 3, "E1", "", True]], False),
        ("a blank row", [HEADER, PEOPLE[0], [], *PEOPLE[1:]], False),
        ("a total", [HEADER, *PEOPLE, ["Total", "", 13.5]], False),
        ("past the header", [HEADER, *PEOPLE[:2], [*PEOPLE[2], "", "x"]], False),
        ("the header again", [HEADER, *PEOPLE[:2], HEADER, PEOPLE[2]], False),
        ("numeric ids", [HEADER, [1001.0, "Ana", 3], [1002.0, "Bo", 2.0]], True),
    ],
)
def test_sheets_read_the_same_on_both_roads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, label: str, rows: Any, fast_road: bool
) -> None:
    path = R.write_xlsx(tmp_path / "r.xlsx", {"People": rows})
    fast, general, taken = _both_roads(path, monkeypatch)
    assert fast == general, label
    assert taken == fast_road, label


def test_a_true_and_a_one_in_the_same_column_keep_their_own_text(tmp_path: Path) -> None:
    rows = [["Employee ID", "Name", "Flag"], ["E1", "Ana", True], ["E2", "Bo", 1.0]]
    table = read_table(R.write_xlsx(tmp_path / "r.xlsx", {"People": rows}))
    assert table.columns is not None  # the fast road
    assert [table.cell(0, 2), table.cell(1, 2)] == ["TRUE", "1"]


@pytest.mark.parametrize(
    "data",
    [
        # a title ended by a lone LF or CR above a CRLF body: the real reader ends lines there
        b"Headcount report\nEmployee ID,Name,Email\r\nE1,Ana,a@x.example\r\nE2,Bo,b@x.example\r\n",
        b"\nEmployee ID,Name\r\nE1,Ana\r\nE2,Bo\r\n",
        b"Employee ID,Name\n\r\nE1,Ana\r\n",
        b"Title\rEmployee ID,Name\r\nE1,Ana\r\nE2,Bo\r\n",
        # a report line first under the header, which only the look at that row catches
        b"Employee ID,Name,Email\nCount:,,2\nE1,Ana,a@x.example\n",
        b"Employee ID,Name,Email,Dept\nFinance Totals,,,\nE1,Ana,a@x.example,Fin\n",
        b"Employee ID,Name,Email,Dept\nPage1,,,\nE1,Ana,a@x.example,Fin\n",
        # a sep= line naming a delimiter of more than one byte: the byte scan cannot see it
        "sep=€\nEmployee ID €Name\nE1€Ana\nEmployee ID€Name\nE2€Bo\n".encode(),
        "sep=§\nEmployee ID §Name\nE1§Ana\nEmployee ID§Name\nE2§Bo\n".encode(),
    ],
)
def test_odd_csvs_found_by_fuzzing_read_the_same_on_both_roads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    path = R.write_bytes(tmp_path / "r.csv", data)
    fast, general, _ = _both_roads(path, monkeypatch)
    assert fast == general


def test_a_sum_first_under_a_sheets_header_is_a_report_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [["Employee ID", "Name"], ["Sum:", 3], ["E1", "Ana"]]
    path = R.write_xlsx(tmp_path / "r.xlsx", {"People": rows})
    fast, general, _ = _both_roads(path, monkeypatch)
    assert fast == general
    assert general[1] == [3]  # the person's row; row 2 is set aside with a warning
