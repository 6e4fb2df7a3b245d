"""The workspace file: created private, refused when foreign or newer, and never touched then."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from rmdesk.errors import StorageError
from rmdesk.storage import APPLICATION_ID, SCHEMA_VERSION, open_database


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


def _open_close(path: Path) -> None:
    db = open_database(path)
    db.conn.close()


def _assert_refused(path: Path, words: str) -> None:
    before, files = _sha(path), _siblings(path)
    with pytest.raises(StorageError, match=words):
        _open_close(path)
    assert _sha(path) == before
    assert _siblings(path) == files  # no -wal/-shm left beside somebody else's file


def test_new_file_is_private_and_ready(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA page_size").fetchone()[0] == 8192
        tables = set(db.table_names())
        for name in ("employees", "imports", "cohorts", "participants", "pairs", "agreements"):
            assert name in tables
        for name in ("signatures", "sessions", "actions", "exclusions", "settings"):
            assert name in tables
    finally:
        db.conn.close()


def test_new_file_in_missing_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "rmdesk.db"
    _open_close(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_private_even_with_a_permissive_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        _open_close(tmp_path / "x.db")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "x.db").stat().st_mode) == 0o600


def test_reopen_is_idempotent(db_path: Path) -> None:
    db = open_database(db_path)
    db.execute("INSERT INTO settings(key, value) VALUES ('k', 'v')")
    db.conn.commit()
    db.conn.close()
    for _ in range(3):
        db = open_database(db_path)
        try:
            assert db.execute("SELECT value FROM settings").fetchall() == [("v",)]
            applied = db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
            assert applied == SCHEMA_VERSION
            assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        finally:
            db.conn.close()


def test_foreign_keys_are_enforced(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                "INSERT INTO participants (cohort_id, employee_id, role) VALUES (42, 'X', 'mentor')"
            )
    finally:
        db.conn.close()


def test_empty_file_is_initialised(db_path: Path) -> None:
    db_path.write_bytes(b"")
    db_path.chmod(0o644)
    _open_close(db_path)
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    finally:
        conn.close()


def test_empty_sqlite_file_is_initialised(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    _open_close(db_path)
    conn = sqlite3.connect(db_path)
    try:
        assert "employees" in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()


def test_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Employee ID,Name\nE1,Ana\n")
    _assert_refused(path, "not a SQLite file")


def test_foreign_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.execute("INSERT INTO songs VALUES ('x')")
    conn.commit()
    conn.close()
    _assert_refused(path, "another program")


def test_foreign_wal_sqlite_is_refused_without_leaving_files(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = wal")
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    assert _siblings(path) == ["other.db"]
    _assert_refused(path, "another program")


def test_newer_user_version_is_refused_untouched(db_path: Path) -> None:
    _open_close(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    _assert_refused(db_path, "newer version")


def test_unknown_migration_is_refused_untouched(db_path: Path) -> None:
    _open_close(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('rmdesk', 'm999_from_the_future', '2031-01-01')"
    )
    conn.commit()
    conn.close()
    _assert_refused(db_path, "newer version")


def test_damaged_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 20)
    _assert_refused(path, "damaged|not a database|cannot be opened")


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="folder"):
        _open_close(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_unreadable_file_is_a_storage_error(db_path: Path) -> None:
    _open_close(db_path)
    db_path.chmod(0)
    try:
        with pytest.raises(StorageError):
            _open_close(db_path)
    finally:
        db_path.chmod(0o600)


def test_older_file_is_upgraded_keeping_its_people(db_path: Path) -> None:
    """A file written by the first schema opens: every later migration runs once, keeps the
    people and what refers to them, and the rules (unique ids, references) still hold."""
    from sqlite_utils import Database

    from rmdesk.storage import migrations

    conn = sqlite3.connect(str(db_path))
    old = Database(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    migrations.apply(old, stop_before="m002_no_manager_index")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO employees (employee_id, name) VALUES ('E1', 'Ana Silva')")
    conn.execute("INSERT INTO employees (employee_id, name, manager_id) VALUES ('E2', 'Bo', 'E1')")
    conn.execute("INSERT INTO cohorts (id, name, created_at) VALUES (1, 'Spring', 'now')")
    conn.execute(
        "INSERT INTO participants (cohort_id, employee_id, role) VALUES (1, 'E2', 'mentor')"
    )
    conn.commit()
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "employees_manager" in names and "sqlite_autoindex_employees_1" in names
    conn.close()

    db = open_database(db_path)
    try:
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        assert "employees_manager" not in names and "employees_new" not in names
        assert "employees_id" in names
        assert db.execute("SELECT employee_id, name FROM employees ORDER BY 1").fetchall() == [
            ("E1", "Ana Silva"),
            ("E2", "Bo"),
        ]
        assert db.execute("SELECT employee_id FROM participants").fetchall() == [("E2",)]
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO employees (employee_id, name) VALUES ('E1', 'Twin')")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                "INSERT INTO participants (cohort_id, employee_id, role) VALUES (1, 'X', 'mentee')"
            )
    finally:
        db.conn.close()
