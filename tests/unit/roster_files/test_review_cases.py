"""Files a review of the importer found it getting wrong, each kept as a test."""

from __future__ import annotations

from pathlib import Path

import pytest

from rmdesk.roster_files import detect_mapping, parse_roster, read_table
from rmdesk.roster_files.validate import ParsedRoster
from tests.unit import rosters as R


def _parse(tmp_path: Path, data: bytes, name: str = "r.csv") -> ParsedRoster:
    table = read_table(R.write_bytes(tmp_path / name, data))
    return parse_roster(table, detect_mapping(table.headers))


def test_portuguese_windows_1252_is_not_read_as_chinese(tmp_path: Path) -> None:
    text = (
        "Employee ID;Name;Department\r\n1;Conceição Lima;Administração\r\n2;João Reis;Produção\r\n"
    )
    parsed = _parse(tmp_path, text.encode("cp1252"))
    assert [(e.name, e.department) for e in parsed.employees] == [
        ("Conceição Lima", "Administração"),
        ("João Reis", "Produção"),
    ]


def test_chinese_gbk_is_still_read_as_chinese(tmp_path: Path) -> None:
    text = "Employee ID,Name,Manager ID\n1,朱明,\n2,郭平,1\n3,谢玲,1\n4,徐杰,2\n"
    parsed = _parse(tmp_path, text.encode("gbk"))
    assert [e.name for e in parsed.employees] == ["朱明", "郭平", "谢玲", "徐杰"]


@pytest.mark.parametrize("name", ["Kevin Sum", "Mary Count", "Ada Total"])
def test_a_person_whose_name_ends_like_a_total_is_kept(tmp_path: Path, name: str) -> None:
    parsed = _parse(tmp_path, f"Name,Employee ID,Manager ID\nAna Silva,1,\n{name},2,1\n".encode())
    assert [e.name for e in parsed.employees] == ["Ana Silva", name]
    assert parsed.warnings == []


def test_a_person_without_id_whose_name_ends_like_a_total_is_an_error(tmp_path: Path) -> None:
    parsed = _parse(
        tmp_path, b"Employee ID,Name,Department,Manager ID\n1,Ana,Fin,\n,Kevin Sum,Fin,1\n"
    )
    assert [str(p) for p in parsed.errors] == [
        "row 3, column 'Employee ID': the employee id is missing"
    ]


@pytest.mark.parametrize(
    "footer",
    [
        "SubTotal,2",
        "Summe,2",
        "Generated: 2024-05-01",
        "Printed: today",
        "Filtered by Division = Sales",
    ],
)
def test_more_footers(tmp_path: Path, footer: str) -> None:
    parsed = _parse(tmp_path, f"Employee ID,Name,Manager ID\n1,Ana,\n2,Bo,1\n{footer}\n".encode())
    assert parsed.errors == []
    assert [e.employee_id for e in parsed.employees] == ["1", "2"]


@pytest.mark.parametrize(
    "data",
    [
        b"Employee ID,Name,Manager ID\r1001,Ana,\r1002,Bob,1001 \r1003,Cy,1002\r 1004,Di,1003\r",
        b"Employee ID,Name,Manager ID\r1001,Ana,\r \r1002,Bob,1001\r1003,Cy,1002\r1004,Di,1003\r",
        b"Employee ID,Name,Manager ID\n1001,Ana,\n\xef\xbb\xbf 1002,Bob,1001\n1003,Cy,1002\n"
        b"1004,Di,1003\n",
    ],
)
def test_stray_spaces_in_mac_line_ends_or_after_a_bom_are_cleaned(
    tmp_path: Path, data: bytes
) -> None:
    parsed = _parse(tmp_path, data)
    assert parsed.errors == []
    assert [(e.employee_id, e.manager_id) for e in parsed.employees] == [
        ("1001", None),
        ("1002", "1001"),
        ("1003", "1002"),
        ("1004", "1003"),
    ]


def test_direction_marks_and_soft_hyphens_are_dropped(tmp_path: Path) -> None:
    text = "Employee ID,Name,Manager ID\n1001\u200e,Ana\u00adSilva,\n1002,Bo,1001\n"
    parsed = _parse(tmp_path, text.encode())
    assert [(e.employee_id, e.name, e.manager_id) for e in parsed.employees] == [
        ("1001", "AnaSilva", None),
        ("1002", "Bo", "1001"),
    ]


def test_a_two_row_csv_header_with_group_labels(tmp_path: Path) -> None:
    parsed = _parse(tmp_path, b"Employee,,Line manager,\nID,Name,ID,Name\nE1,Ana,,\nE2,Bo,E1,Ana\n")
    assert parsed.errors == []
    assert [(e.employee_id, e.manager_id) for e in parsed.employees] == [("E1", None), ("E2", "E1")]


@pytest.mark.parametrize("nobody", ["No manager", "NOT APPLICABLE", "(blank)", "00000", "n/a"])
def test_more_ways_of_saying_no_manager(tmp_path: Path, nobody: str) -> None:
    parsed = _parse(tmp_path, f"Employee ID,Name,Manager ID\n1,Ana,{nobody}\n2,Bo,1\n".encode())
    assert parsed.errors == []
    assert [e.manager_id for e in parsed.employees] == [None, "1"]


def test_a_zero_padded_self_manager_is_a_warning(tmp_path: Path) -> None:
    parsed = _parse(tmp_path, b"Employee ID,Name,Manager ID\n00001005,Ana,1005\n00001006,Bo,1005\n")
    assert parsed.errors == []
    assert [e.manager_id for e in parsed.employees] == [None, "00001005"]
    assert "is listed as their own manager" in str(parsed.warnings[0])
