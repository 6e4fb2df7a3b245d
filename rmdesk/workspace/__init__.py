"""The Workspace: the one door to an rmdesk database, used by both the GUI and the CLI.

It owns one connection (the Store) and composes a service per capability; see
docs/architecture.md#the-workspace.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from rmdesk.errors import StorageError
from rmdesk.storage import migrations, open_database
from rmdesk.storage.sqlite import Database
from rmdesk.workspace.events import Event, Listener
from rmdesk.workspace.roster import ImportPlan, ImportReport, Progress, RosterService
from rmdesk.workspace.store import Store, file_id

if TYPE_CHECKING:
    from rmdesk.workspace.agreements import AgreementService
    from rmdesk.workspace.audit import AuditService
    from rmdesk.workspace.cohorts import CohortService
    from rmdesk.workspace.pairing import PairingService
    from rmdesk.workspace.reports import ReportService
    from rmdesk.workspace.safety import SafetyService
    from rmdesk.workspace.sessions import SessionService


class Workspace:
    """One database file and the services over it: ``roster``, ``cohorts``, ``pairing``…"""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.roster = RosterService(store)

    # Each service below is built (and its module imported) on first use: `rmdesk import`
    # never loads the pairing rules, and `rmdesk pairs` never pays for reportlab.
    @cached_property
    def cohorts(self) -> CohortService:
        from rmdesk.workspace.cohorts import CohortService

        return CohortService(self.store, self.roster)

    @cached_property
    def pairing(self) -> PairingService:
        from rmdesk.workspace.pairing import PairingService

        return PairingService(self.store, self.roster, self.cohorts)

    @cached_property
    def safety(self) -> SafetyService:
        from rmdesk.workspace.safety import SafetyService

        return SafetyService(self.store)

    @cached_property
    def audit(self) -> AuditService:
        from rmdesk.workspace.audit import AuditService

        return AuditService(self.store)

    @cached_property
    def sessions(self) -> SessionService:
        from rmdesk.workspace.sessions import SessionService

        return SessionService(self.store, self.roster, self.cohorts, self.pairing)

    @cached_property
    def agreements(self) -> AgreementService:
        from rmdesk.workspace.agreements import AgreementService

        return AgreementService(self.store, self.roster, self.cohorts, self.pairing)

    @cached_property
    def reports(self) -> ReportService:
        from rmdesk.workspace.reports import ReportService

        return ReportService(self.store, self.roster, self.cohorts, self.agreements, self.sessions)

    @classmethod
    def open(cls, path: Path | str) -> Workspace:
        """Open (or create) the workspace file at ``path``."""
        p = Path(path).expanduser()
        return cls(Store(open_database(p), p))

    @classmethod
    def in_memory(cls) -> Workspace:
        db = Database(memory=True, execute_plugins=False)  # rmdesk uses no plugins
        db.execute("PRAGMA foreign_keys = ON")
        migrations.apply(db)
        return cls(Store(db, None))

    def second_connection(self) -> Workspace:
        """Another workspace over this file, on a connection of its own, for a worker thread
        (docs/architecture.md#the-gui). Nothing is shared: what it commits reaches this
        workspace's listeners only through ``take_changes``. Raises for a database in memory."""
        if self.path is None:
            raise ValueError("a database in memory has no second connection")
        if file_id(self.path) != self.store.file_id:  # never a new file where it was
            raise StorageError(
                f"{self.path} was moved, renamed or replaced since rmdesk opened it; nothing "
                "was written. Close rmdesk and start it again on the file where it is now."
            )
        if self.store.read_only:
            from rmdesk.storage import open_read_only

            return Workspace(Store(open_read_only(self.path), self.path, read_only=True))
        return Workspace(Store(open_database(self.path), self.path))

    def take_changes(self, events: Iterable[Event]) -> None:
        """Announce here what another connection to this file committed (a worker's
        ``second_connection``): the listeners hear the events as one transaction's."""
        self.store.events.hold()
        try:
            for event in events:
                self.store.emit(event)
        finally:
            self.store.events.release(True)

    @property
    def path(self) -> Path | None:
        return self.store.path

    @property
    def db(self) -> Database:
        return self.store.db

    def close(self) -> None:
        self.store.close()
        if "safety" in self.__dict__:  # built (and so holding a lock) only if it was used
            self.safety.release_lock()

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` with each change event, once per committed transaction."""
        self.store.events.subscribe(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self.store.events.unsubscribe(listener)

    @contextmanager
    def first_load(self) -> Iterator[None]:
        """Writes into a file this process has just made, before anybody else can have it
        open (``rmdesk import`` into a new file): straight into the file, with a rollback
        journal, instead of through the write-ahead log and then again into the file by the
        checkpoint (a sixth of the write at 100k people). The log is back on afterwards,
        even when the write failed; a crash in between leaves a file that the next opening
        puts back on the log (``open_database``), and a rollback journal as safe as the log."""
        conn = self.db.conn
        try:  # somebody has it open after all: then through the log, as any write
            switched = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
        except sqlite3.OperationalError:
            switched = False
        try:
            yield
        finally:
            if switched:
                conn.execute("PRAGMA journal_mode = WAL")

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Many edits as one transaction and one event per kind of change (one undo step)."""
        with self.store.atomic():
            yield


__all__ = ["Event", "ImportPlan", "ImportReport", "Progress", "Workspace"]
