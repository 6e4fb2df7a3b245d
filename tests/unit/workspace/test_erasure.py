"""Erasing a person: gone from every table and from the file's bytes (free pages and WAL too),
while pairs stay countable; recorded by token only; older backups pruned or listed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rmdesk.cli import main
from rmdesk.errors import NotFound
from rmdesk.workspace import Workspace

NAME = "Zoltanne Quibbleworth"
EMAIL = "zoltanne.q@example.com"
OTHER = "Bartholomew Ashcombe"


def _setup(ws: Workspace, tmp_path: Path) -> int:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "employee_id,name,email,department,grade,manager_id\n"
        f"E1,{OTHER},b.ashcombe@example.com,Finance,9,\n"
        f"E2,{NAME},{EMAIL},Customer Service,3,E1\n"
        "E3,Cora Lindqvist,cora@example.com,Sales,4,E2\n"
        "E4,Dev Anand,dev@example.com,Legal,8,E1\n",
        encoding="utf-8",
    )
    ws.roster.import_roster(roster)
    cohort = ws.cohorts.create_cohort("Spring")
    ws.cohorts.enrol(["E2"], "mentor", cohort)
    ws.cohorts.enrol(["E4"], "mentee", cohort)
    ws.cohorts.set_interests(cohort, "E2", f"{NAME} likes strategy", "Mondays")
    ws.cohorts.exclude("E2", "E1", f"{NAME} reports into the CFO's office")
    pair = ws.pairing.pair("E2", "E4", cohort).pair
    db = ws.db
    with ws.store.atomic():
        db.execute(
            "INSERT INTO sessions (pair_id, starts_at, status, notes, confidential_notes, "
            "learnings) VALUES (?, '2026-03-02T10:00', 'held', ?, ?, ?)",
            [pair.id, f"{NAME} explained TikTok", "she is unhappy", "short videos"],
        )
        agreement = db.execute(
            "INSERT INTO agreements (pair_id, version, body, created_at) VALUES (?, 1, ?, 'x')",
            [pair.id, f'{{"mentor": "{NAME}", "mentee": "Dev Anand"}}'],
        ).lastrowid
        db.execute(
            "INSERT INTO signatures (agreement_id, role, typed_name, signed_on, image) "
            "VALUES (?, 'mentor', ?, '2026-03-01', ?)",
            [agreement, NAME, NAME.encode() + b"\x89PNG"],
        )
        ws.audit.record("override", f"{NAME} (E2) paired with Dev Anand (E4): reason given")
    return pair.id


def _file_bytes(path: Path) -> bytes:
    out = b""
    for p in (path, Path(f"{path}-wal")):
        if p.exists():
            out += p.read_bytes()
    return out


def test_erased_name_is_nowhere_in_the_file(workspace: Workspace, tmp_path: Path) -> None:
    pair_id = _setup(workspace, tmp_path)
    path = workspace.path
    assert path is not None
    assert NAME.encode() in _file_bytes(path)
    report = workspace.safety.erase("E2")
    for needle in (NAME, EMAIL, "Zoltanne", "Quibbleworth", "explained TikTok"):
        assert needle.encode() not in _file_bytes(path), needle
        assert needle.encode("utf-16-le") not in _file_bytes(path), needle
    # counts stay: the pair, the session, the roster size
    db = workspace.db
    assert db.execute("SELECT mentor_id FROM pairs WHERE id = ?", [pair_id]).fetchone()[0] == (
        report.placeholder
    )
    assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM employees").fetchone()[0] == 4
    assert db.execute("SELECT COUNT(*) FROM employees WHERE employee_id = 'E2'").fetchone()[0] == 0
    # who reported to them still has a manager, the placeholder
    assert workspace.roster.employee("E3").manager_id == report.placeholder
    assert workspace.roster.employee(report.placeholder).active is False
    assert db.execute("SELECT image FROM signatures").fetchone()[0] is None
    assert db.execute("SELECT COUNT(*) FROM exclusions").fetchone()[0] == 0
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    # the other people are untouched
    assert workspace.roster.employee("E1").name == OTHER
    # recorded without the name
    token = db.execute("SELECT token FROM erasures").fetchone()[0]
    assert token == report.token
    entry = workspace.audit.entries("erasure")[0]
    assert token in entry.summary and "Zoltanne" not in entry.summary
    override = workspace.audit.entries("override")[0].summary
    assert "E2" not in override and report.placeholder in override and "E4" in override


def test_erasure_prunes_older_backups_or_lists_them(workspace: Workspace, tmp_path: Path) -> None:
    _setup(workspace, tmp_path)
    first = workspace.safety.backup()
    report = workspace.safety.erase("E3", keep_backups=True)
    assert report.kept == [first] and first.exists()
    assert any(str(first) in line for line in report.lines())
    # what the database cannot reach is said too: files written from rmdesk before
    assert any("delete those that name the person yourself" in line for line in report.lines())
    report = workspace.safety.erase("E2")
    assert first in report.pruned and not first.exists()
    after = workspace.safety.backup()
    assert NAME.encode() not in after.read_bytes()


def test_erasing_an_unknown_id_changes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    _setup(workspace, tmp_path)
    with pytest.raises(NotFound):
        workspace.safety.erase("E99")
    assert workspace.db.execute("SELECT COUNT(*) FROM erasures").fetchone()[0] == 0


def test_cli_erase(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = Workspace.open(db_path)
    try:
        _setup(ws, tmp_path)
    finally:
        ws.close()
    capsys.readouterr()
    assert main(["erase", "E2", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "erased-1" in out and NAME not in out
    assert NAME.encode() not in _file_bytes(db_path)
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT COUNT(*) FROM erasures").fetchone()[0] == 1
    finally:
        conn.close()
    assert main(["erase", "E2", "--db", str(db_path)]) == 1
