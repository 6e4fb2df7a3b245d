"""The state every workspace capability shares: the database, caches and change listeners."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from rmdesk.errors import StorageError
from rmdesk.models.orgchart import OrgChart
from rmdesk.models.people import Employee, employee_from_record
from rmdesk.storage import open_database

Listener = Callable[[str], None]

#: Change topics passed to listeners.
ROSTER, COHORTS, PARTICIPANTS, PAIRS, SETTINGS = (
    "roster",
    "cohorts",
    "participants",
    "pairs",
    "settings",
)

EMPLOYEE_COLUMNS = (
    "employee_id, name, email, department, division, title, grade, manager_id, hire_date, "
    "birth_year, location, active"
)


def now_text() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class WorkspaceBase:
    """Owns the connection; capability mixins build on ``db``, ``atomic`` and ``_changed``."""

    def __init__(self, db: Database, path: Path | None = None) -> None:
        self.db = db
        self.path = path
        self._listeners: list[Listener] = []
        self._employees: dict[str, Employee] | None = None
        self._org: OrgChart | None = None

    @classmethod
    def open(cls, path: Path | str) -> Any:
        """Open (or create) the workspace file at ``path``."""
        p = Path(path).expanduser()
        return cls(open_database(p), p)

    @classmethod
    def in_memory(cls) -> Any:
        from rmdesk.storage import migrations

        db = Database(memory=True)
        db.execute("PRAGMA foreign_keys = ON")
        migrations.apply(db)
        return cls(db, None)

    def close(self) -> None:
        self.db.conn.close()

    # -- change notification -------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _changed(self, topic: str) -> None:
        if topic == ROSTER:
            self._employees = None
            self._org = None
        for listener in list(self._listeners):
            listener(topic)

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction; storage failures become a StorageError the officer can act on."""
        try:
            with self.db.atomic():
                yield
        except sqlite3.OperationalError as exc:
            text = str(exc)
            if "locked" in text or "busy" in text:
                raise StorageError("The database is in use by another program; retry.") from exc
            if "readonly" in text:
                raise StorageError("The database file is read-only.") from exc
            if "full" in text:
                raise StorageError("The disk is full; nothing was saved.") from exc
            raise

    # -- roster reads ---------------------------------------------------------------------
    def employees(self) -> dict[str, Employee]:
        """Everybody ever imported, active or not, by id (cached until the roster changes)."""
        if self._employees is None:
            cur = self.db.execute(f"SELECT {EMPLOYEE_COLUMNS} FROM employees")
            self._employees = {row[0]: employee_from_record(row) for row in cur}
        return self._employees

    def employee(self, employee_id: str) -> Employee:
        from rmdesk.errors import NotFound

        found = self.employees().get(employee_id)
        if found is None:
            raise NotFound(f"no employee with id '{employee_id}' on the roster")
        return found

    def org_chart(self) -> OrgChart:
        if self._org is None:
            self._org = OrgChart({e.employee_id: e.manager_id for e in self.employees().values()})
        return self._org

    # -- settings -------------------------------------------------------------------------
    def setting(self, key: str, default: str) -> str:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.atomic():
            self.db.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
        self._changed(SETTINGS)
