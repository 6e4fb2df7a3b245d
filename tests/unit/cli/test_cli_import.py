"""``rmdesk import`` and ``rmdesk roster``: exit codes, stderr lines, JSON, the database chosen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rmdesk.cli import main
from rmdesk.workspace import Workspace
from tests.conftest import SAMPLE
from tests.unit import rosters as R

REPO = Path(__file__).resolve().parents[3]
CANONICAL = {
    "employee_id",
    "name",
    "email",
    "department",
    "division",
    "title",
    "grade",
    "manager_id",
    "hire_date",
    "birth_year",
    "location",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def db_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    ws = Workspace.open(db)
    try:
        return {
            "employees": sorted(ws.db.execute("SELECT * FROM employees").fetchall()),
            "imports": ws.db.execute("SELECT * FROM imports").fetchall(),
        }
    finally:
        ws.close()


@pytest.fixture
def roster_file(tmp_path: Path) -> Path:
    return R.write_csv(tmp_path / "people.csv", R.roster_rows())


def test_import_then_roster_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    code, out, err = run(capsys, "import", SAMPLE, "--db", db)
    assert code == 0
    assert out.strip() == (
        "Imported sample_roster.csv: 198 added, 0 updated, 0 deactivated, 0 unchanged, 2 warnings"
    )
    assert err.splitlines() == [
        "row 31, column 'Work Email': malformed email "
        "'krzysztof wisniewski@northwind-example.com' (kept as it is)",
        "row 186, column 'Work Email': malformed email "
        "'michal.nowak.northwind-example.com' (kept as it is)",
    ]
    import sqlite3

    check = sqlite3.connect(db)  # the new file was loaded without the log: it is back on it
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    check.close()
    code, out, _ = run(capsys, "import", SAMPLE, "--db", db)
    assert code == 0 and "0 added, 0 updated, 0 deactivated, 198 unchanged" in out

    code, out, _ = run(capsys, "roster", "--db", db, "--json")
    assert code == 0
    people = json.loads(out)
    assert isinstance(people, list) and len(people) == 198
    for p in people:
        assert set(p) == CANONICAL | {"active"}
        assert p["active"] is True
        assert isinstance(p["employee_id"], str) and p["name"]
        assert p["birth_year"] is None or isinstance(p["birth_year"], int)
    first = next(p for p in people if p["employee_id"] == "E1001")
    assert first == {
        "employee_id": "E1001",
        "name": "Tereza Kučerová",
        "email": "tereza.kucerova@northwind-example.com",
        "department": "Procurement",
        "division": "Operations",
        "title": "Director of Procurement",
        "grade": "9",
        "manager_id": "E1026",
        "hire_date": "2000-05-25",
        "birth_year": 1966,
        "location": "Kraków",
        "active": True,
    }


def test_roster_plain_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert (
        run(capsys, "import", R.write_csv(tmp_path / "r.csv", R.roster_rows()), "--db", db)[0] == 0
    )
    smaller = R.write_csv(tmp_path / "s.csv", R.roster_rows(R.PEOPLE[:5]))
    assert run(capsys, "import", smaller, "--db", db)[0] == 0
    code, out, err = run(capsys, "roster", "--db", db)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 7
    assert lines[0].split("\t") == [
        "employee_id",
        "name",
        "department",
        "division",
        "grade",
        "manager_id",
        "active",
    ]
    assert any(line.startswith("E6\tPriya Nair") and line.endswith("\tleft") for line in lines)
    assert "6 people, 5 active" in err


def test_roster_json_inactive_people(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    run(capsys, "import", R.write_csv(tmp_path / "r.csv", R.roster_rows()), "--db", db)
    smaller = R.write_csv(tmp_path / "s.csv", R.roster_rows(R.PEOPLE[:4]))
    assert run(capsys, "import", smaller, "--db", db)[0] == 1  # a third would leave: asked first
    assert run(capsys, "import", smaller, "--db", db, "--allow-deactivation")[0] == 0
    people = json.loads(run(capsys, "roster", "--db", db, "--json")[1])
    assert {p["employee_id"]: p["active"] for p in people} == {
        "E1": True,
        "E2": True,
        "E3": True,
        "E4": True,
        "E5": False,
        "E6": False,
    }


def test_roster_json_of_an_empty_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "w.db"
    db.touch(mode=0o600)  # an empty file: ours to initialise
    code, out, _ = run(capsys, "roster", "--db", db, "--json")
    assert code == 0 and json.loads(out) == []


@pytest.mark.parametrize(
    "argv",
    [["roster"], ["pairs"], ["check", "A", "B"], ["suggest"], ["cohorts", "--json"]],
)
def test_commands_that_only_read_never_create_a_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]
) -> None:
    db = tmp_path / "missing.db"
    code, _, err = run(capsys, *argv, "--db", db)
    assert code == 1 and str(db) in err and not db.exists()


def test_rejected_import_exit_1_with_one_line_per_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, roster_file: Path
) -> None:
    db = tmp_path / "w.db"
    assert run(capsys, "import", roster_file, "--db", db)[0] == 0
    before = db_rows(db)
    people = [list(p) for p in R.PEOPLE]
    people[5][8] = "X99"  # row 7
    people[3][0] = ""  # row 5, E4 (nobody reports to E4)
    people[2][9] = "31/02/2020"  # row 4
    bad = R.write_csv(tmp_path / "bad.csv", R.roster_rows(people))
    code, out, err = run(capsys, "import", bad, "--db", db)
    assert code == 1
    assert out == ""
    assert sorted(err.splitlines()) == [
        "row 4, column 'Hire Date': unreadable date '31/02/2020'",
        "row 5, column 'Employee ID': the employee id is missing",
        "row 7, column 'Manager ID': unknown manager 'X99'",
    ]
    assert db_rows(db) == before


def test_rejected_first_import_creates_no_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "w.db"
    bad = R.write_csv(tmp_path / "bad.csv", [["Employee ID", "Name"], ["E1", ""]])
    code, _, err = run(capsys, "import", bad, "--db", db)
    assert code == 1
    errors = [line for line in err.splitlines() if not line.startswith("warning: ")]
    assert errors == ["row 2, column 'Name': the name is missing"]
    # the warnings come too, after the errors, so that one pass over the file fixes all
    assert err.splitlines()[1].startswith("warning: no column gives each person's manager")
    assert not db.exists()


def test_missing_roster_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "import", tmp_path / "nope.csv", "--db", tmp_path / "w.db")
    assert code == 1 and "no such file" in err


def test_dry_run_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, roster_file: Path
) -> None:
    db = tmp_path / "w.db"
    code, out, _ = run(capsys, "import", roster_file, "--db", db, "--dry-run")
    assert code == 0
    assert out.startswith("Would import people.csv: 6 added")
    assert not db.exists()  # not even an empty database

    assert run(capsys, "import", roster_file, "--db", db)[0] == 0
    before = db_rows(db)
    smaller = R.write_csv(tmp_path / "s.csv", R.roster_rows(R.PEOPLE[:3]))
    code, out, _ = run(capsys, "import", smaller, "--db", db, "--dry-run")
    assert code == 0
    assert "0 added, 0 updated, 3 deactivated, 3 unchanged" in out
    assert db_rows(db) == before


def test_partial(capsys: pytest.CaptureFixture[str], tmp_path: Path, roster_file: Path) -> None:
    db = tmp_path / "w.db"
    run(capsys, "import", roster_file, "--db", db)
    smaller = R.write_csv(tmp_path / "s.csv", R.roster_rows(R.PEOPLE[3:]))  # managers outside
    code, _, err = run(capsys, "import", smaller, "--db", db)
    assert code == 1 and "unknown manager 'E2'" in err
    code, out, _ = run(capsys, "import", smaller, "--db", db, "--partial")
    assert code == 0 and "0 deactivated, 3 unchanged" in out
    people = json.loads(run(capsys, "roster", "--db", db, "--json")[1])
    assert len(people) == 6 and all(p["active"] for p in people)


def test_map_places_unknown_columns(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = R.write_csv(
        tmp_path / "odd.csv",
        [["Badge", "Colleague", "Boss"], ["B1", "Ana", ""], ["B2", "Bo", "B1"]],
    )
    db = tmp_path / "w.db"
    code, _, err = run(capsys, "import", path, "--db", db)
    assert code == 1 and "no column holds the employee id" in err
    code, out, _ = run(
        capsys,
        "import",
        path,
        "--db",
        db,
        "--map",
        "employee_id=Badge",
        "--map",
        "name = Colleague",
        "--map",
        "manager_id=Boss",
    )
    assert code == 0 and "2 added" in out
    people = json.loads(run(capsys, "roster", "--db", db, "--json")[1])
    assert {p["employee_id"]: p["manager_id"] for p in people} == {"B1": None, "B2": "B1"}


def test_map_unknown_column_exit_1_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, roster_file: Path
) -> None:
    code, _, err = run(
        capsys, "import", roster_file, "--db", tmp_path / "w.db", "--map", "grade=Pay Band"
    )
    assert code == 1
    assert "no column 'Pay Band' for field 'grade'" in err
    assert "'Employee ID'" in err  # the columns there are


@pytest.mark.parametrize("bad", ["gradePayBand", "=Grade", "salary=Grade"])
def test_bad_map_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, roster_file: Path, bad: str
) -> None:
    db = tmp_path / "w.db"
    with pytest.raises(SystemExit) as info:
        main(["import", str(roster_file), "--db", str(db), "--map", bad])
    assert info.value.code == 2
    assert "--map" in capsys.readouterr().err
    assert not db.exists()


@pytest.mark.parametrize(
    "argv",
    [["import"], ["import", "a.csv", "--bogus"], ["roster", "--json", "extra"], ["nonsense"]],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    capsys.readouterr()


def test_sheet_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows: list[list[Any]] = [["Employee ID", "Name"], [7, "Ana"]]
    path = R.write_xlsx(tmp_path / "r.xlsx", {"Cover": [["Read me"]], "Staff": rows})
    db = tmp_path / "w.db"
    code, _, err = run(capsys, "import", path, "--db", db, "--sheet", "Nope")
    assert code == 1 and "no sheet 'Nope'" in err and "'Staff'" in err
    code, out, _ = run(capsys, "import", path, "--db", db, "--sheet", "Staff")
    assert code == 0 and "1 added" in out
    assert json.loads(run(capsys, "roster", "--db", db, "--json")[1])[0]["employee_id"] == "7"


def test_leavers_and_report_lines(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A BambooHR-style export: a Status column, and a count line under the people."""
    text = (
        "Employee #,First Name,Last Name,Status,Reporting to\n"
        "1,Ana,Silva,Active,\n"
        "2,Bo,Chen,Terminated,Ana Silva\n"
        "3,Cy,Dube,Active,Silva, Ana\n"
        "Total: 3 employees\n"
    )
    path = R.write_bytes(tmp_path / "bamboo.csv", text.encode())
    db = tmp_path / "w.db"
    code, out, err = run(capsys, "import", path, "--db", db)
    assert code == 1  # the unquoted comma in 'Silva, Ana' would shift the row
    assert err.splitlines() == [
        "row 4: 6 values under 5 columns ('Ana' past the last one): a value holding the "
        "delimiter needs quotes",
        "row 4, column 'Reporting to': unknown manager 'Silva'",
        "warning: row 5: skipped 'Total: 3 employees': a report line, not a person",
    ]
    fixed = text.replace("Silva, Ana", '"Silva, Ana"')
    code, out, err = run(capsys, "import", R.write_bytes(path, fixed.encode()), "--db", db)
    assert code == 0, err
    assert "3 added" in out and "(1 listed as having left)" in out
    assert "row 5: skipped 'Total: 3 employees': a report line, not a person" in err
    people = json.loads(run(capsys, "roster", "--db", db, "--json")[1])
    assert [(p["employee_id"], p["active"], p["manager_id"]) for p in people] == [
        ("1", True, None),
        ("2", False, "1"),
        ("3", True, "1"),
    ]


def test_columns_not_imported_are_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = "Employee ID,Name,Cost Center,Manager ID,Shoe Size\nE1,Ana,CC1,,38\nE2,Bo,CC2,E1,44\n"
    path = R.write_bytes(tmp_path / "r.csv", text.encode())
    code, out, err = run(capsys, "import", path, "--db", tmp_path / "w.db")
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "Imported r.csv: 2 added, 0 updated, 0 deactivated, 0 unchanged; "
        "columns not imported: 'Cost Center', 'Shoe Size'"
    ]


def test_sheet_of_a_csv(
    capsys: pytest.CaptureFixture[str], roster_file: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "import", roster_file, "--db", tmp_path / "w.db", "--sheet", "X")
    assert code == 1 and "is a text (CSV) file, not a workbook" in err


def test_rmdesk_db_env_is_used_without_db(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    roster_file: Path,
) -> None:
    env_db = tmp_path / "from-env" / "rm.db"
    monkeypatch.setenv("RMDESK_DB", str(env_db))
    assert run(capsys, "import", roster_file)[0] == 0
    assert env_db.exists()
    assert len(json.loads(run(capsys, "roster", "--json")[1])) == 6
    # --db wins over the environment
    other = tmp_path / "other.db"
    code, _, err = run(capsys, "roster", "--db", other, "--json")
    assert code == 1 and str(other) in err and not other.exists()


def test_foreign_database_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "notes.txt"
    db.write_text("not a database")
    code, _, err = run(capsys, "roster", "--db", db)
    assert code == 1 and "not an rmdesk database" in err
    code, _, err = run(capsys, "import", SAMPLE, "--db", db)
    assert code == 1 and "not an rmdesk database" in err
    assert db.read_text() == "not a database"


def test_through_a_real_process(tmp_path: Path, roster_file: Path) -> None:
    db = tmp_path / "w.db"
    env = {**os.environ, "RMDESK_DB": str(db), "PYTHONIOENCODING": "ascii"}
    rmdesk = [sys.executable, "-m", "rmdesk.cli"]
    ok = subprocess.run(
        [*rmdesk, "import", str(roster_file)], cwd=REPO, env=env, capture_output=True, timeout=120
    )
    assert ok.returncode == 0, ok.stderr
    assert b"6 added" in ok.stdout

    bad = R.write_csv(tmp_path / "bad.csv", R.roster_rows([*R.PEOPLE, ["E9", "Émile", "Zola"]]))
    with bad.open("a", encoding="utf-8") as fh:
        fh.write("E10,Ana,Silva,,,,,,X99,,,\n")
    rejected = subprocess.run(
        [*rmdesk, "import", str(bad)], cwd=REPO, env=env, capture_output=True, timeout=120
    )
    assert rejected.returncode == 1
    assert rejected.stdout == b""
    assert rejected.stderr.decode("utf-8").splitlines() == [
        "row 9, column 'Manager ID': unknown manager 'X99'"
    ]

    listing = subprocess.run(
        [*rmdesk, "roster", "--json"], cwd=REPO, env=env, capture_output=True, timeout=120
    )
    assert listing.returncode == 0
    people = json.loads(listing.stdout.decode("utf-8"))  # UTF-8 whatever the locale says
    assert {p["name"] for p in people} >= {"José Muñoz", "Zoë Ødegård"}

    usage = subprocess.run(
        [*rmdesk, "import", str(roster_file), "--map", "nonsense"],
        cwd=REPO,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert usage.returncode == 2
