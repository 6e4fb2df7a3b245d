"""Backups with SQLite's online backup API, rotated and private; a restore round trip."""

from __future__ import annotations

import os
import random
import sqlite3
import stat
from pathlib import Path

import pytest

from rmdesk.cli import main
from rmdesk.errors import StorageError
from rmdesk.storage import APPLICATION_ID
from rmdesk.workspace import Workspace
from rmdesk.workspace.events import DatabaseReplaced, Event


def _roster(path: Path, ids: range) -> Path:
    path.write_text(
        "employee_id,name\n" + "".join(f"E{i},Person {i}\n" for i in ids), encoding="utf-8"
    )
    return path


def _active(ws: Workspace) -> set[str]:
    return {e.employee_id for e in ws.roster.roster(include_inactive=False)}


def test_backup_is_a_private_single_file_rmdesk_database(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.roster.import_roster(_roster(tmp_path / "a.csv", range(1, 6)))
    made = workspace.safety.backup()
    assert made.parent == tmp_path / "backups"
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert not Path(f"{made}-wal").exists()
    conn = sqlite3.connect(made)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("SELECT COUNT(*) FROM employees").fetchone()[0] == 5
    finally:
        conn.close()
    assert [b.path for b in workspace.safety.backups()] == [made]


def test_backup_to_refuses_an_existing_file(workspace: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "mine.db"
    target.write_text("keep me")
    with pytest.raises(StorageError, match="already exists"):
        workspace.safety.backup(target)
    assert target.read_text() == "keep me"


def test_backup_on_open_skips_an_unchanged_file_and_keeps_the_last_n(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.safety.set_keep(3)
    assert workspace.safety.backup_on_open() is not None
    assert workspace.safety.backup_on_open() is None  # nothing changed since
    for n in range(5):
        workspace.roster.import_roster(_roster(tmp_path / f"r{n}.csv", range(1, 10 + n)))
        assert workspace.safety.backup_on_open() is not None
    kept = workspace.safety.backups()
    assert len(kept) == 3
    conn = sqlite3.connect(kept[0].path)  # the newest holds the last import
    try:
        assert conn.execute("SELECT COUNT(*) FROM employees").fetchone()[0] == 13
    finally:
        conn.close()


def test_restore_round_trip(workspace: Workspace, tmp_path: Path) -> None:
    workspace.roster.import_roster(_roster(tmp_path / "a.csv", range(1, 6)))
    saved = workspace.safety.backup(tmp_path / "saved.db")
    workspace.roster.import_roster(
        _roster(tmp_path / "b.csv", range(3, 9)), allow_deactivation=True
    )
    assert _active(workspace) == {f"E{i}" for i in range(3, 9)}
    heard: list[Event] = []
    workspace.subscribe(heard.append)
    before = workspace.safety.restore(saved)
    assert _active(workspace) == {f"E{i}" for i in range(1, 6)}
    assert DatabaseReplaced() in heard
    assert workspace.audit.entries()[0].kind == "restore"
    # what was there before the restore is itself a backup
    with _opened(before) as old:
        assert _active(old) == {f"E{i}" for i in range(3, 9)}
    # the restored file is still a WAL rmdesk database that reopens whole
    path = workspace.path
    assert path is not None
    workspace.close()
    reopened = Workspace.open(path)
    try:
        assert _active(reopened) == {f"E{i}" for i in range(1, 6)}
        assert reopened.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert reopened.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        reopened.close()


class _opened:
    """A workspace over a copy of ``path``, closed afterwards."""

    def __init__(self, path: Path) -> None:
        self.ws = Workspace.open(path)

    def __enter__(self) -> Workspace:
        return self.ws

    def __exit__(self, *exc: object) -> None:
        self.ws.close()


def test_restore_refuses_what_is_not_an_rmdesk_database(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.roster.import_roster(_roster(tmp_path / "a.csv", range(1, 6)))
    text = tmp_path / "notes.db"
    text.write_text("hello")
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    for bad in (text, foreign, tmp_path / "missing.db"):
        with pytest.raises(StorageError):
            workspace.safety.restore(bad)
    assert len(_active(workspace)) == 5
    assert workspace.safety.backups() == []  # refused before anything was done


def test_restore_refuses_a_damaged_backup_and_keeps_the_data(
    workspace: Workspace, tmp_path: Path
) -> None:
    """Pages overwritten inside an otherwise good backup (its header intact): refused before
    anything is replaced, so the live file never becomes malformed."""
    workspace.roster.import_roster(_roster(tmp_path / "a.csv", range(1, 2000)))
    backup = workspace.safety.backup(tmp_path / "good.db")
    data = bytearray(backup.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    noise = random.Random(7)
    for n in (3, 5, 8, 12):  # garbage over four inner pages, as a failing disk leaves them
        data[n * page : n * page + page] = noise.randbytes(page)
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(bytes(data))
    with pytest.raises(StorageError, match="damaged"):
        workspace.safety.restore(damaged)
    assert len(_active(workspace)) == 1999
    assert workspace.db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert len(workspace.safety.backups()) == 0  # refused before anything was done


def test_cli_backup_and_restore(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    assert main(["import", str(_roster(tmp_path / "a.csv", range(1, 6))), "--db", db]) == 0
    assert main(["backup", "--db", db, "--to", str(tmp_path / "b1.db")]) == 0
    assert main(["backup", "--db", db]) == 0
    assert "backups" in capsys.readouterr().out
    assert main(["audit", "--kind", "backup", "--db", db]) == 0
    logged = capsys.readouterr().out
    assert logged.count("\tbackup\t") == 2 and "b1.db" in logged  # both asked-for backups
    assert main(["import", str(_roster(tmp_path / "b.csv", range(1, 3))), "--db", db]) == 1
    assert "--allow-deactivation" in capsys.readouterr().err
    assert (
        main(
            [
                "import",
                str(_roster(tmp_path / "b.csv", range(1, 3))),
                "--db",
                db,
                "--allow-deactivation",
            ]
        )
        == 0
    )
    assert main(["restore", str(tmp_path / "b1.db"), "--db", db]) == 0
    ws = Workspace.open(db_path)
    try:
        assert len(_active(ws)) == 5
    finally:
        ws.close()
    capsys.readouterr()
    assert main(["restore", str(tmp_path / "a.csv"), "--db", db]) == 1
    assert "not an rmdesk database" in capsys.readouterr().err
    assert main(["backup", "--db", str(tmp_path / "none.db")]) == 1
    assert not (tmp_path / "none.db").exists()


def test_a_backup_cut_short_is_never_listed_as_one(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy is made under a hidden name: a copy that fails half-way leaves nothing that
    looks like a backup, and the next backup clears what it left."""
    import rmdesk.workspace.safety as safety

    workspace.roster.import_roster(_roster(tmp_path / "a.csv", range(1, 50)))

    def fail_after_writing(part: Path, target: Path) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(safety, "_claim", fail_after_writing)
    with pytest.raises(StorageError, match="failed"):
        workspace.safety.backup()
    assert workspace.safety.backups() == []
    folder = workspace.safety.backup_folder()
    assert [p.name for p in folder.iterdir() if p.name.endswith((".db", ".part"))] == []
    monkeypatch.undo()
    # a copy cut short by a killed process leaves its hidden part behind: a backup an hour
    # later clears it
    prefix = workspace.safety._prefix()
    left = folder / f".{prefix}20200101-000000.db.part"  # an old copy's, not the next name
    left.write_bytes(b"half a copy")
    young = folder / f".{prefix}20200101-000001.db.part"  # another rmdesk's, in progress
    young.write_bytes(b"copying")
    stranger = folder / f".{prefix}old-20200101-000000.db.part"  # another database's
    stranger.write_bytes(b"not ours")
    hour_ago = left.stat().st_mtime - 3601
    os.utime(left, (hour_ago, hour_ago))
    os.utime(stranger, (hour_ago, hour_ago))
    made = workspace.safety.backup()
    assert [b.path for b in workspace.safety.backups()] == [made]
    assert not left.exists() and young.exists() and stranger.exists()
