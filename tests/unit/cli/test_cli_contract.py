"""The command-line contract of issue 9, item 10: version, headers, read-only commands that
never create a database, unpair, withdraw, cohorts, cohort --delete, enrol --switch, check."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from rmdesk.cli import main
from tests.unit.orgs import SMALL, write_roster

COHORT_KEYS = {"name", "starts", "ends", "capacity", "mentors", "mentees", "pairs"}


class Cli:
    """Runs ``rmdesk`` against one database file and keeps what it printed."""

    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db, self.capsys = db, capsys
        self.out = self.err = ""

    def __call__(self, *argv: str, db: bool = True) -> int:
        self.capsys.readouterr()
        try:
            code = main([*argv, *(["--db", str(self.db)] if db else [])])
        except SystemExit as done:  # argparse: --version, --help, usage errors
            code = int(done.code or 0)
        self.out, self.err = self.capsys.readouterr()
        return code


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "rm.db", capsys)


@pytest.fixture
def ready(cli: Cli, tmp_path: Path) -> Cli:
    """A roster (SMALL), a cohort 'Spring', F3 and S4 as mentors, F1 and S1 as mentees."""
    assert cli("import", str(write_roster(tmp_path / "org.csv", SMALL))) == 0, cli.err
    assert cli("cohort", "Spring", "--starts", "2026-03-01", "--ends", "2026-09-01") == 0
    assert cli("enrol", "F3", "S4", "--as", "mentor") == 0, cli.err
    assert cli("enrol", "F1", "S1", "--as", "mentee") == 0, cli.err
    return cli


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return list(conn.execute(sql))


def test_version_prints_rmdesk_and_a_version(cli: Cli) -> None:
    assert cli("--version", db=False) == 0
    assert re.fullmatch(r"rmdesk \d+\.\d+\.\d+\S*\n?", cli.out), cli.out


def test_roster_text_starts_with_a_header_line(ready: Cli) -> None:
    assert ready("roster") == 0
    first = ready.out.splitlines()[0]
    assert "ID" in first.upper() and "NAME" in first.upper()
    assert "C1" not in first  # a header, not the first person


@pytest.mark.parametrize(
    "argv",
    [("roster",), ("pairs",), ("check", "F3", "F1"), ("suggest",), ("cohorts",)],
)
def test_read_only_commands_never_create_a_database(cli: Cli, argv: tuple[str, ...]) -> None:
    assert not cli.db.exists()
    assert cli(*argv) == 1
    assert str(cli.db) in cli.err
    assert not cli.db.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ("pair", "F3", "S1"),
        ("unpair", "F3", "S1"),
        ("enrol", "F3", "--as", "mentor"),
        ("withdraw", "F3"),
        ("exclude", "F3", "S1"),
        ("cohort", "Spring", "--delete"),
        ("suggest", "--apply"),
        ("seniority",),
        ("seniority", "higher"),
        ("sign", "1", "--as", "mentor", "--name", "A Mentor"),
        ("session", "1", "--on", "2026-04-01T10:00", "--status", "planned"),
        ("plan", "1"),
        ("action", "1", "--owner", "mentor", "--due", "2026-05-01", "Visit"),
        ("close", "1", "--completed"),
    ],
)
def test_a_write_that_needs_data_never_creates_a_database(cli: Cli, argv: tuple[str, ...]) -> None:
    """Refused for want of a database: exit 1 naming the path, and no empty file left."""
    assert not cli.db.exists()
    assert cli(*argv) == 1
    assert str(cli.db) in cli.err
    assert not cli.db.exists()


def test_unpair_ends_the_pair(ready: Cli) -> None:
    assert ready("pair", "F3", "S1") == 0, ready.err
    assert ready("unpair", "F3", "S1") == 0, ready.err
    assert re.search(r"pair \d+: .+ \(F3\) no longer mentors .+ \(S1\)", ready.out)
    assert ready("pairs", "--json") == 0
    assert [p for p in json.loads(ready.out) if p.get("status") == "active"] == []


def test_withdraw_takes_someone_out_of_the_cohort(ready: Cli) -> None:
    assert ready("withdraw", "S4") == 0, ready.err
    assert ready("cohorts", "--json") == 0
    (spring,) = json.loads(ready.out)
    assert spring["mentors"] == 1


def test_cohorts_json_shape(ready: Cli) -> None:
    assert ready("pair", "F3", "S1") == 0, ready.err
    assert ready("cohorts", "--json") == 0
    (spring,) = json.loads(ready.out)
    assert set(spring) == COHORT_KEYS
    assert spring["name"] == "Spring" and spring["starts"] == "2026-03-01"
    assert (spring["mentors"], spring["mentees"], spring["pairs"]) == (2, 2, 1)


def test_cohort_delete_is_refused_once_there_is_an_agreement(ready: Cli) -> None:
    assert ready("pair", "F3", "S1") == 0, ready.err
    (pair_id,) = _rows(ready.db, "SELECT id FROM pairs")[0]
    with sqlite3.connect(ready.db) as conn:
        conn.execute(
            "INSERT INTO agreements (pair_id, version, body, created_at) "
            "VALUES (?, 1, '{}', '2026-03-02T10:00:00')",
            [pair_id],
        )
    assert ready("cohort", "Spring", "--delete") == 1
    assert "agreement" in ready.err.lower()
    assert _rows(ready.db, "SELECT name FROM cohorts") == [("Spring",)]


def test_cohort_delete_without_agreements_deletes(ready: Cli) -> None:
    assert ready("cohort", "Spring", "--delete") == 0, ready.err
    assert _rows(ready.db, "SELECT name FROM cohorts") == []


def test_enrol_refuses_a_silent_role_switch_then_switch_does_it(ready: Cli) -> None:
    before = _rows(ready.db, "SELECT employee_id, role FROM participants ORDER BY 1")
    assert ready("enrol", "F1", "--as", "mentor") == 1
    assert "F1" in ready.err and "mentee" in ready.err
    assert _rows(ready.db, "SELECT employee_id, role FROM participants ORDER BY 1") == before
    assert ready("enrol", "F1", "--as", "mentor", "--switch") == 0, ready.err
    roles = dict(_rows(ready.db, "SELECT employee_id, role FROM participants"))
    assert roles["F1"] == "mentor"


def test_check_of_one_person_with_themselves_is_not_contradictory(ready: Cli) -> None:
    assert ready("check", "F3", "F3") != 0 or "same-person" in ready.out
    said = (ready.out + ready.err).lower()
    assert "same-person" in said or "themselves" in said or "same person" in said
    assert "clean" not in said and "no conflict" not in said


@pytest.mark.parametrize(
    ("command", "option"),
    [("cohort", "--starts"), ("cohort", "--ends"), ("sign", "--on"), ("action", "--due")],
)
def test_date_options_say_their_format(cli: Cli, command: str, option: str) -> None:
    assert cli(command, "--help", db=False) == 0
    assert f"{option} YYYY-MM-DD" in " ".join(cli.out.split())


def test_withdraw_of_an_id_nobody_has_is_refused_like_enrol(ready: Cli) -> None:
    assert ready("withdraw", "NOBODY-9") == 1
    assert "NOBODY-9" in ready.err


def test_a_refused_pair_says_each_problem_once(ready: Cli) -> None:
    assert ready("pair", "F3", "F3") == 3  # a block, no override given
    lines = ready.err.strip().splitlines()
    # said once: it was said again as 'same-person: Ana Silva (F3) cannot be both ...'
    assert lines == [
        "Ana Silva (F3) cannot be both mentor and mentee: choose two different people. "
        "No override reason can set this aside."
    ]
