"""People an export lists as having left (a status or a leaving date) come in inactive."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rmdesk.roster_files import Table, detect_mapping, parse_roster, read_table
from rmdesk.roster_files.status import has_left
from rmdesk.workspace import Workspace
from tests.unit import rosters as R


@pytest.mark.parametrize(
    "text",
    ["Terminated", "TERMINATED - Voluntary", "Inactive", "Left", "Leaver", "Former employee",
     "Retired", "Deceased", "Resigned", "Separated", "N", "No", "false", "0", "T", "Non-Active",
     "Not active", "Withdrawn", "No longer employed", "Inactif", "Ausgetreten", "Baja",
     "Retraité", "Nicht aktiv", "Não ativo", "No activo", "Niet actief", "Non actif",
     "Non attivo", "Uit dienst", "DEPROVISIONED", "Deactivated", "Cessato", "Demitido",
     "Zwolniony", "Avslutad", "退職", "已离职"],
)  # fmt: skip
def test_statuses_that_mean_gone(text: str) -> None:
    assert has_left(text) is True


@pytest.mark.parametrize(
    "text",
    ["Active", "active ", "A", "Y", "Yes", "TRUE", "1", "On Leave", "Leave of Absence", "LOA",
     "Active - Paid Leave", "Suspended", "Probation", "Full-Time", "Current", "Employed",
     "Not on leave", "Active - Not on Leave", "Full-Time Non-Exempt", "Leave - No Pay",
     "Active, no end date", "Active (Ex-Pat)", "Actif", "Aktiv", "Activo", "On notice",
     "Garden leave", "Seconded", "在职", "在籍", "Aktiv"],
)  # fmt: skip
def test_statuses_that_mean_still_here(text: str) -> None:
    assert has_left(text) is False


@pytest.mark.parametrize("text", ["Pending review", "Z", "42"])
def test_statuses_that_say_neither(text: str) -> None:
    assert has_left(text) is None


HEAD = ["Employee #", "Name", "Manager ID", "Status", "Termination Date"]


def _parse(rows: list[list[str]], today: date = date(2024, 6, 1)) -> tuple[list[object], list[str]]:
    table = Table(rows[0], [list(r) for r in rows[1:]], list(range(2, len(rows) + 1)))
    parsed = parse_roster(table, detect_mapping(table.headers), today=today)
    people = [(e.employee_id, e.active, e.manager_id) for e in parsed.employees]
    return people, [str(p) for p in parsed.problems]


def test_status_and_leaving_date_make_people_inactive() -> None:
    people, problems = _parse(
        [
            HEAD,
            ["1", "Ana Silva", "", "Active", ""],
            ["2", "Bo Chen", "1", "Terminated", "2024-02-29"],
            ["3", "Cy Dube", "1", "Active", "2024-05-31"],  # left yesterday, status not updated
            ["4", "Di Egan", "1", "Active", "2024-12-31"],  # resigned, still working out notice
            ["5", "Ed Fox", "1", "", ""],
        ]
    )
    assert problems == []
    assert people == [
        ("1", True, None),
        ("2", False, "1"),
        ("3", False, "1"),
        ("4", True, "1"),
        ("5", True, "1"),
    ]


def test_unusual_status_is_a_warning_and_the_person_stays_active() -> None:
    people, problems = _parse([HEAD[:4], ["1", "Ana", "", "Pending review"]])
    assert people == [("1", True, None)]
    assert problems == [
        "row 2, column 'Status': unusual status 'Pending review' (taken as still employed)"
    ]


def test_a_leaver_whose_manager_left_before_them_is_a_warning_not_an_error() -> None:
    _, problems = _parse(
        [
            HEAD[:4],
            ["1", "Ana", "", "Active"],
            ["2", "Bo", "X9", "Terminated"],
            ["3", "Cy", "X9", "Active"],
        ]
    )
    assert problems == [
        "row 3, column 'Manager ID': unknown manager 'X9' of someone who has left (left empty)",
        "row 4, column 'Manager ID': unknown manager 'X9'",
    ]


def test_unreadable_leaving_date_is_an_error() -> None:
    _, problems = _parse([["ID", "Name", "Manager", "Termination Date"], ["1", "Ana", "", "soon"]])
    assert problems == ["row 2, column 'Termination Date': unreadable date 'soon'"]


def _status_file(path: Path, *statuses: str) -> Path:
    names = ["Ana", "Bo", "Cy", "Di"]
    rows = [[str(k + 1), names[k], status] for k, status in enumerate(statuses)]
    return R.write_csv(path, [["Employee ID", "Name", "Employment Status"], *rows])


def test_import_stores_leavers_inactive_and_brings_them_back(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "w.db")
    first = _status_file(tmp_path / "a.csv", "Active", "Terminated")
    report = ws.roster.import_roster(first)
    assert (report.added, report.updated, report.deactivated) == (2, 0, 0)
    assert {e.employee_id: e.active for e in ws.roster.employees().values()} == {
        "1": True,
        "2": False,
    }

    again = ws.roster.import_roster(first)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)

    rehired = _status_file(tmp_path / "b.csv", "Active", "Active")
    report = ws.roster.import_roster(rehired)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    assert ws.roster.employee("2").active
    ws.close()


def test_the_status_column_is_placed_but_can_be_left_out(tmp_path: Path) -> None:
    path = R.write_csv(tmp_path / "a.csv", [["ID", "Name", "Status"], ["1", "Ana", "Terminated"]])
    table = read_table(path)
    assert detect_mapping(table.headers).as_names(table.headers)["status"] == "Status"
    ignored = detect_mapping(table.headers, {"status": ""})
    parsed = parse_roster(table, ignored)
    assert [e.active for e in parsed.employees] == [True]
