"""Importing through the Workspace: validate first, write all or nothing, re-import by id."""

from __future__ import annotations

import hashlib
import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rmdesk.errors import DeactivationRefused, ImportCancelled, RosterError
from rmdesk.workspace import Workspace
from tests.conftest import SAMPLE
from tests.unit import rosters as R

REPO = Path(__file__).resolve().parents[3]


def snapshot(ws: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, read straight from SQLite (not through any cache)."""
    tables = [
        r[0]
        for r in ws.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
    ]
    return {t: sorted(ws.db.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr) for t in tables}


def state(ws: Any) -> tuple[Any, ...]:
    return (snapshot(ws), ws.roster.roster())


def write_people(tmp_path: Path, people: list[list[str]], name: str = "roster.csv") -> Path:
    return R.write_csv(tmp_path / name, R.roster_rows(people))


def person(ident: str) -> list[str]:
    return next(list(p) for p in R.PEOPLE if p[0] == ident)


@pytest.fixture
def base_file(tmp_path: Path) -> Path:
    return write_people(tmp_path, R.PEOPLE, "base.csv")


@pytest.fixture
def imported(workspace: Any, base_file: Path) -> Any:
    """A workspace holding the six people of R.PEOPLE."""
    workspace.roster.import_roster(base_file)
    return workspace


# -- a first import ---------------------------------------------------------------------------


def test_first_import(workspace: Any, base_file: Path) -> None:
    report = workspace.roster.import_roster(base_file)
    assert (report.added, report.updated, report.deactivated, report.unchanged) == (6, 0, 0, 0)
    assert report.written and report.warnings == []
    assert report.summary() == "Imported base.csv: 6 added, 0 updated, 0 deactivated, 0 unchanged"
    people = {e.employee_id: e for e in workspace.roster.roster()}
    assert set(people) == {"E1", "E2", "E3", "E4", "E5", "E6"}
    assert people["E2"].name == "José Muñoz"
    assert people["E2"].manager_id == "E1"
    assert people["E2"].hire_date == date(2005, 6, 7)
    assert people["E2"].birth_year == 1970
    assert all(e.active for e in people.values())


def test_sample_roster_imports_twice(workspace: Any) -> None:
    first = workspace.roster.import_roster(SAMPLE)
    assert (first.added, first.unchanged) == (198, 0)
    assert len(first.warnings) == 2  # the sample's two malformed emails
    second = workspace.roster.import_roster(SAMPLE)
    assert (second.added, second.updated, second.deactivated, second.unchanged) == (0, 0, 0, 198)
    assert "0 added" in second.summary() and "198 unchanged" in second.summary()
    assert len(workspace.roster.roster()) == 198


def test_spreadsheet_import_with_sheet(workspace: Any, tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["Employee ID", "Name", "Manager ID", "Hire Date"],
        [1001, "Ana Silva", None, date(2010, 1, 2)],
        [1002, "Bo Li", 1001, date(2012, 3, 4)],
    ]
    path = R.write_xlsx(tmp_path / "r.xlsx", {"Cover": [["x"]], "Staff": rows})
    report = workspace.roster.import_roster(path, sheet="Staff")
    assert report.added == 2
    assert workspace.roster.employee("1002").manager_id == "1001"
    with pytest.raises(RosterError, match="no sheet 'Nope'"):
        workspace.roster.import_roster(path, sheet="Nope")


@pytest.mark.parametrize("kind", ["ods", "xls"])
def test_other_spreadsheet_formats_import(workspace: Any, tmp_path: Path, kind: str) -> None:
    if kind == "ods":
        rows = [["Employee ID", "Name", "Manager ID"], [1, "Ana", None], [2, "Bo", 1]]
        path = R.write_ods(tmp_path / "r.ods", {"Sheet1": rows})
        expected = {"1": None, "2": "1"}
    else:
        path = R.XLS_FIXTURE
        expected = {"1001": None, "1002": "1001", "1003": "1002"}
    workspace.roster.import_roster(path)
    assert {e.employee_id: e.manager_id for e in workspace.roster.roster()} == expected


def test_mapping_override(workspace: Any, tmp_path: Path) -> None:
    rows = [["Badge", "Colleague", "Boss"], ["B1", "Ana", ""], ["B2", "Bo", "B1"]]
    path = R.write_csv(tmp_path / "r.csv", rows)
    with pytest.raises(RosterError, match="no column holds the employee id"):
        workspace.roster.import_roster(path)
    workspace.roster.import_roster(
        path, {"employee_id": "Badge", "name": "Colleague", "manager_id": "Boss"}
    )
    assert workspace.roster.employee("B2").manager_id == "B1"
    (record,) = workspace.roster.imports()
    assert json.loads(record["mapping"]) == {
        "employee_id": "Badge",
        "name": "Colleague",
        "manager_id": "Boss",
    }


def test_manager_names_are_stored_as_ids(workspace: Any, tmp_path: Path) -> None:
    rows = [
        ["Employee #", "First Name", "Last Name", "Reporting to"],
        ["10", "Amara", "Okafor", ""],
        ["11", "José", "Muñoz", "Okafor, Amara"],
        ["12", "Wei", "Chen", "José Muñoz"],
    ]
    workspace.roster.import_roster(R.write_csv(tmp_path / "bamboo.csv", rows))
    assert {e.employee_id: e.manager_id for e in workspace.roster.roster()} == {
        "10": None,
        "11": "10",
        "12": "11",
    }


def test_listeners_hear_about_a_written_import_only(workspace: Any, base_file: Path) -> None:
    from rmdesk.workspace.events import Event, RosterChanged

    heard: list[Event] = []
    workspace.subscribe(heard.append)
    workspace.roster.import_roster(base_file, dry_run=True)
    assert heard == []
    report = workspace.roster.import_roster(base_file)
    assert heard == [RosterChanged(report.import_id)]


# -- errors block everything ----------------------------------------------------------------

BAD_FILES: dict[str, tuple[list[list[str]] | bytes, list[tuple[int | None, str | None]]]] = {
    "missing id": (
        [["Employee ID", "Name"], ["N1", "Ana"], ["", "Bo"]],
        [(3, "Employee ID")],
    ),
    "missing name": (
        [["Employee ID", "First Name", "Last Name"], ["N1", "Ana", "S"], ["N2", "", ""]],
        [(3, "First Name")],
    ),
    "duplicate id": (
        [["Employee ID", "Name"], ["N1", "Ana"], ["N2", "Bo"], ["N1", "Cy"]],
        [(4, "Employee ID")],
    ),
    "unknown manager": (
        [["Employee ID", "Name", "Manager ID"], ["N1", "Ana", ""], ["N2", "Bo", "X99"]],
        [(3, "Manager ID")],
    ),
    "ambiguous manager name": (
        [
            ["Employee ID", "Name", "Manager"],
            ["N1", "Li Na", ""],
            ["N2", "Li Na", ""],
            ["N3", "Bo", "Li Na"],
        ],
        [(4, "Manager")],
    ),
    "reporting cycle": (
        [
            ["Employee ID", "Name", "Manager ID"],
            ["N1", "Ana", "N3"],
            ["N2", "Bo", "N1"],
            ["N3", "Cy", "N2"],
        ],
        [(2, "Manager ID")],
    ),
    "unreadable date": (
        [["Employee ID", "Name", "Hire Date"], ["N1", "Ana", "2020-01-01"], ["N2", "Bo", "?"]],
        [(3, "Hire Date")],
    ),
    "ambiguous dates": (
        [
            ["Employee ID", "Name", "Hire Date"],
            ["N1", "Ana", "01/02/2020"],
            ["N2", "Bo", "03/04/2020"],
        ],
        [(2, "Hire Date")],
    ),
    "conflicting date orders": (
        [
            ["Employee ID", "Name", "Hire Date"],
            ["N1", "Ana", "13/02/2020"],
            ["N2", "Bo", "25/04/2020"],
            ["N3", "Cy", "02/13/2020"],
        ],
        [(4, "Hire Date")],
    ),
    "header only": ([["Employee ID", "Name"]], [(None, None)]),
    "empty file": (b"", [(None, None)]),
    "blank lines only": (b"\r\n\r\n\r\n", [(None, None)]),
    "no id column": ([["Colleague", "Name"], ["x", "Ana"]], [(None, None)]),
    "unclosed quote": (b'Employee ID,Name\nN1,"Ana\nN2,Bo\n', [(2, None)]),
}


def _write_bad(tmp_path: Path, kind: str) -> Path:
    content = BAD_FILES[kind][0]
    path = tmp_path / "bad.csv"
    if isinstance(content, bytes):
        return R.write_bytes(path, content)
    return R.write_csv(path, content)


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_rejected_first_import_writes_nothing(workspace: Any, tmp_path: Path, kind: str) -> None:
    before = state(workspace)
    with pytest.raises(RosterError) as info:
        workspace.roster.import_roster(_write_bad(tmp_path, kind))
    assert [(p.row, p.column) for p in info.value.problems] == BAD_FILES[kind][1]
    assert all(p.severity == "error" for p in info.value.problems)
    assert state(workspace) == before
    assert workspace.roster.imports() == []


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_rejected_reimport_leaves_the_roster_as_it_was(
    imported: Any, tmp_path: Path, kind: str
) -> None:
    before = state(imported)
    with pytest.raises(RosterError):
        imported.roster.import_roster(_write_bad(tmp_path, kind))
    assert state(imported) == before
    assert len(imported.roster.imports()) == 1


def test_rejection_lists_every_problem_and_names_row_and_column(
    imported: Any, tmp_path: Path
) -> None:
    people = [list(p) for p in R.PEOPLE]
    people[1][8] = "X99"  # E2's manager (row 3)
    people[3][9] = "someday"  # E4's hire date (row 5)
    people[5][0] = "E1"  # E6 takes E1's id (row 7)
    before = state(imported)
    with pytest.raises(RosterError) as info:
        imported.roster.import_roster(write_people(tmp_path, people))
    assert sorted(str(p) for p in info.value.problems) == [
        "row 3, column 'Manager ID': unknown manager 'X99'",
        "row 5, column 'Hire Date': unreadable date 'someday'",
        "row 7, column 'Employee ID': duplicate employee id 'E1' (also on row 2)",
    ]
    assert state(imported) == before


def test_prepare_import_reports_errors_without_raising(workspace: Any, tmp_path: Path) -> None:
    path = _write_bad(tmp_path, "unknown manager")
    plan = workspace.roster.prepare_import(path)
    assert [str(p) for p in plan.errors] == ["row 3, column 'Manager ID': unknown manager 'X99'"]
    with pytest.raises(RosterError):
        workspace.roster.apply_import(plan)
    assert workspace.roster.roster() == []


def test_warnings_are_imported_and_listed(workspace: Any, tmp_path: Path) -> None:
    people = [list(p) for p in R.PEOPLE]
    people[1][3] = "jose at example"  # malformed email, row 3
    people[2][7] = "Senior"  # unusual grade, row 4
    people[3][10] = "19x5"  # unusable birth year, row 5
    people[4][8] = "E5"  # own manager, row 6
    report = workspace.roster.import_roster(write_people(tmp_path, people))
    assert report.added == 6
    assert sorted((w.row, w.column) for w in report.warnings) == [
        (3, "Work Email"),
        (4, "Grade"),
        (5, "Birth Year"),
        (6, "Manager ID"),
    ]
    assert all(w.severity == "warning" for w in report.warnings)
    assert "4 warnings" in report.summary()
    assert workspace.roster.employee("E2").email == "jose at example"
    assert workspace.roster.employee("E3").grade == "Senior"
    assert workspace.roster.employee("E4").birth_year is None
    assert workspace.roster.employee("E5").manager_id is None
    assert workspace.roster.imports()[0]["warnings"] == 4


# -- re-import --------------------------------------------------------------------------------


def test_same_file_twice_changes_nothing(imported: Any, base_file: Path) -> None:
    before = snapshot(imported)["employees"]
    report = imported.roster.import_roster(base_file)
    assert (report.added, report.updated, report.deactivated, report.unchanged) == (0, 0, 0, 6)
    assert report.summary().startswith("Imported base.csv: 0 added, 0 updated, 0 deactivated")
    assert snapshot(imported)["employees"] == before  # not even last_import_id moves


def test_same_people_in_another_format_are_unchanged(imported: Any, tmp_path: Path) -> None:
    rows = R.roster_rows()
    path = R.write_csv(tmp_path / "r.txt", rows, encoding="utf-16-le", bom=True, delimiter="\t")
    report = imported.roster.import_roster(path)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 6)
    xlsx = R.write_xlsx(tmp_path / "r.xlsx", {"Sheet": rows})
    assert imported.roster.import_roster(xlsx).unchanged == 6


def test_changed_fields_are_updated(imported: Any, tmp_path: Path) -> None:
    people = [list(p) for p in R.PEOPLE]
    people[3][6] = "Senior Analyst"  # E4 promoted
    people[3][7] = "5"
    people[4][8] = "E6"  # E5 moves under E6
    report = imported.roster.import_roster(write_people(tmp_path, people))
    assert (report.added, report.updated, report.deactivated, report.unchanged) == (0, 2, 0, 4)
    assert imported.roster.employee("E4").title == "Senior Analyst"
    assert imported.roster.employee("E4").grade == "5"
    assert imported.roster.employee("E5").manager_id == "E6"
    assert imported.roster.org_chart().manager("E5") == "E6"  # caches follow the import


def test_cleared_optional_field_is_an_update(imported: Any, tmp_path: Path) -> None:
    people = [list(p) for p in R.PEOPLE]
    people[5][11] = ""  # E6's location removed
    report = imported.roster.import_roster(write_people(tmp_path, people))
    assert report.updated == 1
    assert imported.roster.employee("E6").location is None


def test_people_missing_are_deactivated_never_deleted(imported: Any, tmp_path: Path) -> None:
    people = [p for p in R.PEOPLE if p[0] not in ("E5", "E6")]
    with pytest.raises(DeactivationRefused, match="deactivate 2 people"):  # a third: asked first
        imported.roster.import_roster(write_people(tmp_path, people))
    report = imported.roster.import_roster(write_people(tmp_path, people), allow_deactivation=True)
    assert (report.added, report.updated, report.deactivated, report.unchanged) == (0, 0, 2, 4)
    everyone = {e.employee_id: e for e in imported.roster.roster()}
    assert len(everyone) == 6
    assert not everyone["E5"].active and not everyone["E6"].active
    assert everyone["E5"].name == "Wei Chen"  # their record is kept as it was
    assert [e.employee_id for e in imported.roster.roster(include_inactive=False)] == [
        "E1",
        "E3",
        "E2",
        "E4",
    ]
    # importing the smaller file again deactivates nobody new
    again = imported.roster.import_roster(write_people(tmp_path, people, "again.csv"))
    assert (again.deactivated, again.unchanged) == (0, 4)


def test_partial_import_keeps_people_the_file_lacks(imported: Any, tmp_path: Path) -> None:
    people = [person("E3"), person("E5"), ["E7", "Noor", "Haddad", "noor@x.example"]]
    people[2] += ["Customer Service", "Customer", "Agent", "2", "E3", "2023-05-01", "2000", "Cairo"]
    report = imported.roster.import_roster(write_people(tmp_path, people), partial=True)
    assert (report.added, report.updated, report.deactivated, report.unchanged) == (1, 0, 0, 2)
    assert all(e.active for e in imported.roster.roster())
    assert len(imported.roster.roster()) == 7
    (_, record) = imported.roster.imports()
    assert record["partial"] == 1 and record["deactivated"] == 0


@pytest.mark.parametrize("partial", [True, False])
def test_a_file_without_a_column_keeps_that_field_as_stored(
    imported: Any, tmp_path: Path, partial: bool
) -> None:
    """A file of ids, names and new emails changes the emails only: the managers, grades and
    departments it has no column for stay (blanking them lifted the direct-report block)."""
    before = {e.employee_id: e for e in imported.roster.roster()}
    rows = [["Employee ID", "Name", "Work Email"]]
    rows += [[p[0], f"{p[1]} {p[2]}", f"new.{p[3]}"] for p in R.PEOPLE]
    report = imported.roster.import_roster(
        R.write_csv(tmp_path / "emails.csv", rows), partial=partial
    )
    assert (report.updated, report.deactivated) == (6, 0)
    for e in imported.roster.roster():
        old = before[e.employee_id]
        assert e.email == f"new.{old.email}"
        assert (e.manager_id, e.grade, e.department, e.hire_date, e.birth_year, e.location) == (
            old.manager_id, old.grade, old.department, old.hire_date, old.birth_year, old.location,
        )  # fmt: skip
    # the same file again changes nothing; a column that is there but empty does clear
    assert imported.roster.import_roster(R.write_csv(tmp_path / "e2.csv", rows)).unchanged == 6
    rows = [["Employee ID", "Name", "Location"], ["E5", "Wei Chen", ""]]
    imported.roster.import_roster(R.write_csv(tmp_path / "loc.csv", rows), partial=True)
    assert imported.roster.employee("E5").location is None
    assert imported.roster.employee("E5").manager_id == "E3"


def test_partial_file_may_name_managers_already_on_the_roster(
    imported: Any, tmp_path: Path
) -> None:
    rows = [["Employee ID", "Name", "Manager"], ["E8", "Lena Vogel", "Françoise Lefèvre"]]
    rows.append(["E9", "Tomás Ruiz", "E8"])
    path = R.write_csv(tmp_path / "newcomers.csv", rows)
    with pytest.raises(RosterError, match="unknown manager"):
        imported.roster.import_roster(path)  # a whole roster must hold its managers
    imported.roster.import_roster(path, partial=True)
    assert imported.roster.employee("E8").manager_id == "E3"
    assert imported.roster.employee("E9").manager_id == "E8"


def test_partial_file_cannot_close_a_loop_with_the_roster(imported: Any, tmp_path: Path) -> None:
    e1 = person("E1")
    e1[8] = "E4"  # the CEO would report to an analyst who reports (via E2) to the CEO
    before = state(imported)
    with pytest.raises(RosterError) as info:
        imported.roster.import_roster(write_people(tmp_path, [e1]), partial=True)
    (problem,) = info.value.problems
    assert "reporting cycle" in problem.message and "E1" in problem.message
    assert "E4" in problem.message and "E2" in problem.message
    assert problem.row == 2
    assert state(imported) == before


def test_person_coming_back_is_active_again(imported: Any, tmp_path: Path, base_file: Path) -> None:
    imported.roster.import_roster(write_people(tmp_path, [p for p in R.PEOPLE if p[0] != "E4"]))
    assert not imported.roster.employee("E4").active
    report = imported.roster.import_roster(base_file)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 5)
    assert imported.roster.employee("E4").active


def test_each_import_is_recorded(imported: Any, tmp_path: Path, base_file: Path) -> None:
    smaller = write_people(tmp_path, [p for p in R.PEOPLE if p[0] != "E6"], "smaller.csv")
    imported.roster.import_roster(smaller)
    first, second = imported.roster.imports()
    assert first["file_name"] == "base.csv"
    assert first["sha256"] == hashlib.sha256(base_file.read_bytes()).hexdigest()
    assert (first["added"], first["updated"], first["deactivated"], first["unchanged"]) == (
        6,
        0,
        0,
        0,
    )
    assert first["partial"] == 0
    assert json.loads(first["mapping"]) == {
        "employee_id": "Employee ID",
        "first_name": "First Name",
        "last_name": "Last Name",
        "email": "Work Email",
        "department": "Department",
        "division": "Division",
        "title": "Job Title",
        "grade": "Grade",
        "manager_id": "Manager ID",
        "hire_date": "Hire Date",
        "birth_year": "Birth Year",
        "location": "Location",
    }
    assert date.fromisoformat(str(first["imported_at"])[:10])
    assert second["file_name"] == "smaller.csv"
    assert second["sha256"] == hashlib.sha256(smaller.read_bytes()).hexdigest()
    assert (second["added"], second["deactivated"], second["unchanged"]) == (0, 1, 5)
    last = imported.db.execute(
        "SELECT employee_id, last_import_id FROM employees ORDER BY employee_id"
    ).fetchall()
    assert all(import_id == first["id"] for _, import_id in last)  # nobody was changed


def test_dry_run_writes_nothing(imported: Any, tmp_path: Path) -> None:
    people = [list(p) for p in R.PEOPLE if p[0] != "E6"]
    people[0][6] = "Chief Executive"
    people.append(["E7", "Noor", "Haddad", "", "", "", "", "", "E1", "", "", ""])
    before = state(imported)
    report = imported.roster.import_roster(write_people(tmp_path, people), dry_run=True)
    assert not report.written
    assert (report.added, report.updated, report.deactivated, report.unchanged) == (1, 1, 1, 4)
    assert report.summary().startswith("Would import roster.csv: 1 added")
    assert state(imported) == before


# -- cancel and crash -----------------------------------------------------------------------


@pytest.mark.parametrize("cancel_at", [0, 1, 2, -1])
def test_cancel_writes_nothing(imported: Any, tmp_path: Path, cancel_at: int) -> None:
    big = R.big_roster(tmp_path / "big.csv", 12_000)  # three chunks of writes
    before = state(imported)
    calls: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, what: str) -> bool:
        calls.append((done, total, what))
        return not (len(calls) - 1 == cancel_at or (cancel_at == -1 and done == total))

    with pytest.raises(ImportCancelled):
        imported.roster.import_roster(big, progress=progress, allow_deactivation=True)
    assert state(imported) == before
    assert calls[0][0] == 0 and all(total == calls[0][1] for _, total, _ in calls)
    # the workspace is still usable after a cancel
    assert imported.roster.import_roster(big, allow_deactivation=True).added == 12_000


def test_progress_reports_rising_counts_to_the_total(workspace: Any, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    workspace.roster.import_roster(
        R.big_roster(tmp_path / "big.csv", 11_000),
        progress=lambda done, total, what: seen.append((done, total)) is None,
    )
    dones = [d for d, _ in seen]
    assert dones == sorted(dones) and dones[0] == 0 and dones[-1] == seen[-1][1]


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from rmdesk.workspace import Workspace

    ws = Workspace.open(sys.argv[1])
    ws.db.execute("PRAGMA cache_size = 20")  # spill uncommitted pages into the WAL early
    ticks = []

    def progress(done, total, what):
        ticks.append(done)
        if len(ticks) == 3:  # the start, the first chunk, then the second chunk is written
            print("killing at", done, "of", total, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
        return True

    ws.roster.import_roster(sys.argv[2], progress=progress, allow_deactivation=True)
    print("finished without being killed", flush=True)
    """
)


def _kill_mid_import(db_path: Path, roster: Path) -> subprocess.CompletedProcess[str]:
    """Import ``roster`` in another process and SIGKILL it between two chunks of writes."""
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, str(db_path), str(roster)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stdout + proc.stderr
    return proc


def test_killed_mid_write_leaves_the_previous_roster(tmp_path: Path, base_file: Path) -> None:
    db_path = tmp_path / "crash.db"
    ws = Workspace.open(db_path)
    try:
        ws.roster.import_roster(base_file)
        before = state(ws)
    finally:
        ws.close()
    big = R.big_roster(tmp_path / "big.csv", 50_000)
    proc = _kill_mid_import(db_path, big)
    assert Path(f"{db_path}-wal").stat().st_size > 100_000  # uncommitted pages were written
    words = proc.stdout.split()
    assert words[:2] == ["killing", "at"], proc.stdout
    assert 0 < int(words[2]) < int(words[4])  # killed with rows written but not committed
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT count(*) FROM employees").fetchone()[0] == 6
    finally:
        conn.close()
    ws = Workspace.open(db_path)
    try:
        assert state(ws) == before
        assert ws.roster.import_roster(base_file).unchanged == 6
    finally:
        ws.close()


def _id_index_holds(conn: Any) -> None:
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "employees_id" in names
    conn.execute("INSERT INTO employees (employee_id, name) VALUES ('DUP', 'One')")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO employees (employee_id, name) VALUES ('DUP', 'Two')")
    conn.rollback()


@pytest.mark.parametrize("cancel_at", [1, 2, -1])
def test_a_cancelled_first_import_keeps_the_id_index(
    workspace: Any, tmp_path: Path, cancel_at: int
) -> None:
    """Into an empty roster the id index is dropped and rebuilt after the rows; a cancel
    anywhere in between must give it back with the empty table."""
    big = R.big_roster(tmp_path / "big.csv", 12_000)
    calls: list[int] = []

    def progress(done: int, total: int, what: str) -> bool:
        calls.append(done)
        return not (len(calls) - 1 == cancel_at or (cancel_at == -1 and done == total))

    with pytest.raises(ImportCancelled):
        workspace.roster.import_roster(big, progress=progress)
    assert workspace.roster.employees() == {}
    _id_index_holds(workspace.db.conn)
    assert workspace.roster.import_roster(big).added == 12_000
    _id_index_holds(workspace.db.conn)


def test_killed_mid_first_import_leaves_an_empty_sound_roster(tmp_path: Path) -> None:
    db_path = tmp_path / "crash.db"
    Workspace.open(db_path).close()
    big = R.big_roster(tmp_path / "big.csv", 50_000)
    _kill_mid_import(db_path, big)
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT count(*) FROM employees").fetchone()[0] == 0
        _id_index_holds(conn)
    finally:
        conn.close()


def test_missing_optional_fields_are_stored_as_null_and_reimport_is_unchanged(
    workspace: Any, tmp_path: Path
) -> None:
    path = R.write_csv(
        tmp_path / "r.csv",
        [["Employee ID", "Name", "Email", "Grade", "Location"], ["E1", "Ana", "", "7", ""]],
    )
    workspace.roster.import_roster(path)
    row = workspace.db.execute("SELECT email, grade, location FROM employees").fetchone()
    assert row == (None, "7", None)
    assert workspace.roster.employee("E1").email is None
    again = workspace.roster.import_roster(path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
