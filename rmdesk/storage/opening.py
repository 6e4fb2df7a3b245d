"""Opening the SQLite file behind a workspace: refusing foreign or newer files, creating it
private, migrating it (also when two processes start on one new file)."""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

from rmdesk.errors import StorageError
from rmdesk.storage.schema import (
    APPLICATION_ID,
    KNOWN_MIGRATIONS,
    MIGRATION_SET,
    SCHEMA_VERSION,
    migrations,
)
from rmdesk.storage.sqlite import Database, Migrations

#: SQLite's page cache per connection, in KiB (its default is 2 MB).
CACHE_KB = 32 * 1024
# Every Database is made with execute_plugins=False: rmdesk uses no sqlite-utils plugins, and
# looking them up (package metadata) costs about 10 ms a command.


def _is_sqlite_file(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def _inspect_existing(path: Path, *, ours_only: bool = False, every_page: bool = False) -> None:
    """Refuse, without writing a byte, a file that is not an rmdesk workspace we can open.
    ``ours_only`` also refuses an empty SQLite file (a backup to restore must be rmdesk's);
    ``every_page`` reads every page back first (SQLite's quick check), and refuses damage."""
    if path.stat().st_size == 0:
        if ours_only:
            raise StorageError(f"{path} is empty, not an rmdesk database.")
        return
    if not _is_sqlite_file(path):
        raise StorageError(f"{path} is not an rmdesk database (it is not a SQLite file).")
    # Read-only is not enough: on a WAL file SQLite would leave -wal/-shm files beside it.
    # Without a -wal file the main file is the whole database, so it can be read as immutable.
    immutable = "" if Path(f"{path}-wal").exists() else "&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro{immutable}", uri=True)
    except sqlite3.Error as exc:
        raise StorageError(f"{path} cannot be opened: {exc}") from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if app_id != APPLICATION_ID:
            if not tables and not ours_only:
                return  # an empty SQLite file: ours to initialise
            raise StorageError(
                f"{path} is not an rmdesk database (it is a SQLite file from another program)."
            )
        applied: set[str] = set()
        if Migrations.migrations_table in tables:
            applied = {
                r[0]
                for r in conn.execute(
                    f"SELECT name FROM {Migrations.migrations_table} WHERE migration_set = ?",
                    [MIGRATION_SET],
                )
            }
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if applied - KNOWN_MIGRATIONS or version > SCHEMA_VERSION:
            raise StorageError(
                f"{path} was written by a newer version of rmdesk (schema {version}, this "
                f"version knows {SCHEMA_VERSION}). Update rmdesk to open it."
            )
        if every_page:  # a backup about to replace good data: every page must read back
            found = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
            if found != ["ok"]:
                raise StorageError(f"{path} is damaged ({found[0]}); nothing was restored.")
    except sqlite3.OperationalError as exc:  # locked or busy is not damage
        raise StorageError(_explain(path, exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path} is damaged or not a database: {exc}") from exc
    finally:
        conn.close()


def check_rmdesk_file(path: Path, every_page: bool = True) -> None:
    """Raise StorageError unless ``path`` is an rmdesk database this version can open
    (checked read-only, nothing written, ``every_page`` read back): what a restore asks of
    a backup. Without ``every_page`` it is the quick look the window takes before asking."""
    path = Path(path)
    if not path.is_file():
        raise StorageError(f"{path} does not exist or is not a file.")
    _inspect_existing(path, ours_only=True, every_page=every_page)


def _create_private(path: Path) -> None:
    """Create an empty file readable by its owner only; one another process created a moment
    ago is simply used (two rmdesk starting at once on a new file)."""
    if path.is_symlink():
        raise StorageError(
            f"{path} is a symbolic link to {os.readlink(path)}, which does not exist. "
            "Remove the link or point it at an existing rmdesk database."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


#: Messages SQLite gives a process that migrates a file another process is migrating too.
_MIGRATION_RACE = ("already exists", "duplicate column", "locked", "busy")


def _migrate(db: Database) -> None:
    """Apply pending migrations. When two processes create or upgrade one file at once, the
    one that loses finds the other's tables ("table imports already exists"): it waits, reads
    which migrations are now recorded, and goes on from there."""
    deadline = time.monotonic() + 10.0
    while True:
        try:
            migrations.apply(db)
            return
        except sqlite3.OperationalError as exc:
            if db.conn.in_transaction:
                db.conn.rollback()
            raced = any(word in str(exc) for word in _MIGRATION_RACE)
            if not raced or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _make_private(path: Path) -> None:
    """The database and its WAL companions are readable by their owner only."""
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if p.exists() and stat.S_IMODE(p.stat().st_mode) & 0o077:
                p.chmod(0o600)
        except OSError:
            pass


def open_database(path: Path) -> Database:
    """Open (creating if needed) the workspace file at ``path`` and bring its schema up to date."""
    path = Path(path)
    try:
        if path.exists():
            if path.is_dir():
                raise StorageError(f"{path} is a folder, not an rmdesk database file.")
            _inspect_existing(path)
        else:
            _create_private(path)
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=5.0)
        db = Database(conn, execute_plugins=False)
        conn.execute("PRAGMA foreign_keys = ON")
        if path.stat().st_size == 0:
            # a new file: bigger pages make a 100k-person roster's tables and index shallower
            # (set before the first table, and before WAL, or it is ignored)
            conn.execute("PRAGMA page_size = 8192")
        # room for a 100k-person roster and its id index while an import writes them
        conn.execute(f"PRAGMA cache_size = -{CACHE_KB}")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.enable_wal()
        conn.execute("PRAGMA synchronous = NORMAL")
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _migrate(db)
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        _make_private(path)
        return db
    except sqlite3.OperationalError as exc:
        raise StorageError(_explain(path, exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path} is damaged or not a database: {exc}") from exc
    except PermissionError as exc:
        raise StorageError(f"{path} cannot be opened: permission denied.") from exc
    except OSError as exc:
        raise StorageError(f"{path} cannot be opened: {exc.strerror or exc}") from exc


def open_read_only(path: Path) -> Database:
    """Open an existing workspace for reading only (``mode=ro``): nothing is created or migrated,
    and every write fails. For a second window while another process holds the file."""
    path = Path(path)
    if not path.is_file():
        raise StorageError(f"there is no rmdesk database at {path}.")
    _inspect_existing(path, ours_only=True)
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False, timeout=5.0
        )
        conn.execute(f"PRAGMA cache_size = -{CACHE_KB}")
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        raise StorageError(_explain(path, exc)) from exc
    return Database(conn, execute_plugins=False)


def _explain(path: Path, exc: sqlite3.OperationalError) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return (
            f"{path} is held by another program that keeps it locked (it is not damaged). "
            "Close the other program and retry."
        )
    if "readonly" in text or "read-only" in text:
        return f"{path} is read-only; rmdesk needs to write to it."
    if "disk" in text and "full" in text:
        return f"The disk holding {path} is full."
    return f"{path} cannot be opened: {text}"
