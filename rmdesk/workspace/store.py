"""What every workspace service shares: the one connection, transactions, events, settings.

See docs/architecture.md#the-workspace. A service receives the Store (and the services it
builds on) when the Workspace composes it; it never opens a connection of its own.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from rmdesk.errors import StorageError
from rmdesk.storage.sqlite import Database
from rmdesk.workspace.events import Event, EventBus, SettingsChanged


def now_text() -> str:
    """The current local time as ISO 8601 with its offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Store:
    """The database connection, its transactions and the events they announce."""

    def __init__(self, db: Database, path: Path | None = None, read_only: bool = False) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only
        self.events = EventBus()
        #: which file this is (device, inode), to tell it from one put in its place later
        self.file_id = file_id(path)

    def close(self) -> None:
        self.db.conn.close()

    def emit(self, event: Event) -> None:
        """Announce a change; held back until the open transaction (if any) commits."""
        self.events.emit(event)

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction, nestable (inner blocks are savepoints).

        The outermost block starts with ``BEGIN IMMEDIATE``: the write lock is taken before the
        first read, so a rule checked inside the block still holds when the write lands, even
        with another process at the same file. Events emitted inside are delivered once, on
        commit; storage failures become a StorageError the officer can act on.
        """
        conn = self.db.conn
        outer = not conn.in_transaction
        self.events.hold()
        committed = False
        try:
            if outer:
                _begin_immediate(conn)
                try:
                    yield
                except BaseException:
                    conn.rollback()
                    raise
                conn.commit()
            else:
                name = f"rm_{secrets.token_hex(6)}"
                conn.execute(f"SAVEPOINT {name}")
                try:
                    yield
                except BaseException:
                    if conn.in_transaction:
                        conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                        conn.execute(f"RELEASE SAVEPOINT {name}")
                    raise
                conn.execute(f"RELEASE SAVEPOINT {name}")
            committed = True
        except sqlite3.OperationalError as exc:
            raise StorageError(explain_operational(exc, self.path)) from exc
        finally:
            self.events.release(committed)

    # the name the brief and the docs use for a gesture of many edits
    batch = atomic

    # -- settings --------------------------------------------------------------------------
    def setting(self, key: str, default: str) -> str:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.atomic():
            self.db.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            self.emit(SettingsChanged(frozenset({key})))


def file_id(path: Path | None) -> tuple[int, int] | None:
    """The file at ``path`` as (device, inode); None when there is none (or no path)."""
    if path is None:
        return None
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


def _begin_immediate(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")


def explain_operational(exc: sqlite3.OperationalError, path: Path | None) -> str:
    """A sentence for a SQLite failure, naming the file where there is one."""
    text = str(exc)
    where = str(path) if path else "The database"
    if "locked" in text or "busy" in text:
        return f"{where} is being written by another rmdesk process; retry in a moment."
    if "readonly" in text or "read-only" in text:
        return f"{where} is open read-only; nothing was saved."
    if "full" in text:
        return "The disk is full; nothing was saved."
    return f"{where}: {text}"
