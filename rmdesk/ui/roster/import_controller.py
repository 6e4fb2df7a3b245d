"""Importing a roster file from the window (docs/architecture.md#the-gui).

``RosterImporter`` reads and checks the file in the background, lets the officer settle it
(the import dialog, the question before people are marked as having left), then writes it in
the background. The worker does both on a connection of its own (``second_connection``), so
the window's connection is never used from two threads. When the write has committed, the
worker has read the new roster and made it ready for the roster view; the window's workspace
adopts those people and announces the worker's events to its listeners, on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from rmdesk.errors import DeactivationRefused, ImportCancelled, RmdeskError, RosterError
from rmdesk.models.people import Employee
from rmdesk.ui.common.tasks import Progress, Task
from rmdesk.ui.roster.import_dialog import ImportDialog
from rmdesk.ui.roster.import_warnings import ImportWarningsDialog, import_summary
from rmdesk.ui.roster.model import Loaded
from rmdesk.ui.safety.confirm_deactivation import ConfirmDeactivation
from rmdesk.workspace import ImportPlan, ImportReport, Workspace
from rmdesk.workspace.events import Event

ROSTER_FILTER = "Roster files (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.xlsb *.ods);;All files (*)"

#: makes the roster view's lists from the people (run by the worker, off the GUI thread)
PrepareRoster = Callable[[list[Employee]], Loaded]
ShowError = Callable[[str, str], None]


@dataclass(frozen=True)
class _Written:
    report: ImportReport
    events: tuple[Event, ...]  # what the worker's connection committed
    people: dict[str, Employee]  # the roster as read after the write
    loaded: Loaded  # ... made ready for the roster view


@contextmanager
def _worker_workspace(workspace: Workspace) -> Iterator[Workspace]:
    """A connection of the worker's own; a database in memory has only the one it has (and
    then there is no worker: ``RosterImporter._run_here``)."""
    if workspace.path is None:
        yield workspace
        return
    own = workspace.second_connection()
    try:
        yield own
    finally:
        own.store.close()


class RosterImporter(QObject):
    """Import roster files for one window; one import at a time."""

    #: the report, or None when the import was cancelled, refused or failed
    finished = Signal(object)
    #: True while a job runs: the window then takes no edits (the file is being written)
    busy = Signal(bool)
    message = Signal(str)
    #: the new roster, made ready for the roster view; sent just before the roster change
    roster_prepared = Signal(object)

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget,
        prepare_roster: PrepareRoster,
        show_error: ShowError,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._window = parent
        self._prepare_roster = prepare_roster
        self._show_error = show_error
        self.last_report: ImportReport | None = None
        self._task: Task | None = None
        self._here = False  # a job running on this thread (a workspace in memory)
        self._abandoned = False  # the window closes: no question asked, nothing written
        self._writing: ImportPlan | None = None  # the plan being saved, asked again if refused

    @property
    def running(self) -> bool:
        return self._task is not None or self._here

    def abandon(self) -> None:
        """The window is closing: an import still being read is cancelled before anything is
        asked or written; one being written is let finish (``finished`` tells either)."""
        if self._task is not None and self._writing is None:
            self._abandoned = True
            self._task.cancel()

    def import_file(self, path: Path, ask: bool = True) -> None:
        """Read and check ``path`` in the background, let the officer settle it, then write.
        With ``ask`` False a clean file is written without the dialog (the sample)."""
        if self._task is not None:
            self.message.emit("An import is already running.")
            return
        ws = self.workspace

        def prepare(progress: Progress) -> ImportPlan:
            progress(0, 0, f"Reading {path.name}")
            with _worker_workspace(ws) as own:
                plan = own.roster.prepare_import(path)
            if not progress(1, 1, "Checking"):
                raise ImportCancelled("import cancelled")
            return plan

        def prepared(plan: object) -> None:
            assert isinstance(plan, ImportPlan)
            if self._abandoned:
                self._abandoned = False
                self._done(None, "Import cancelled; nothing was changed.")
                return
            if ask or plan.errors or plan.missing:
                choice = ImportDialog.ask(self._window, ws, plan)
                if choice is None:
                    self._done(None, "Import cancelled; nothing was changed.")
                    return
                plan = choice.plan
            self._write(plan)

        self._run(prepare, f"Reading {path.name}…", prepared)

    def _write(self, plan: ImportPlan, allow_deactivation: bool = False) -> None:
        """Save ``plan`` in the background; marking many people (or people in open pairs) as
        having left is confirmed first, as ``--allow-deactivation`` is on the command line."""
        ws = self.workspace
        if not allow_deactivation:
            refused = plan.deactivation_problem(ws.roster.deactivation_share())
            if refused is not None:
                if not self._confirm_deactivation(refused):
                    return
                allow_deactivation = True
        self._writing = plan
        prepare_roster = self._prepare_roster

        def write(progress: Progress) -> _Written:
            events: list[Event] = []
            with _worker_workspace(ws) as own:
                if own is not ws:
                    own.subscribe(events.append)
                report = own.roster.apply_import(plan, progress, allow_deactivation)
                people = own.roster.employees()
            return _Written(report, tuple(events), people, prepare_roster(list(people.values())))

        self._run(write, f"Importing {plan.source.name}…", self._written)

    def _written(self, result: object) -> None:
        assert isinstance(result, _Written)
        self._writing = None
        ws, report = self.workspace, result.report
        if result.events:  # written on the worker's connection: told here, on the GUI thread
            ws.roster.adopt(result.people, report.import_id)
            ws.take_changes(result.events)
        self.last_report = report
        self._done(report, import_summary(report))

    def _confirm_deactivation(self, refused: DeactivationRefused) -> bool:
        """Ask before people are marked as having left; on no, say that nothing was written."""
        people = self.workspace.roster.some(refused.people)
        names = [people[e].label if e in people else e for e in refused.people]
        if ConfirmDeactivation.ask(
            self._window, refused.count, refused.active, refused.in_open_pairs, names
        ):
            return True
        self._done(None, "Import cancelled: nobody was marked as left; nothing was changed.")
        return False

    def show_warnings(self) -> ImportWarningsDialog | None:
        """The last import's warnings in a window of their own (not modal)."""
        if self.last_report is None or not self.last_report.warnings:
            self.message.emit("The last import had no warnings.")
            return None
        dialog = ImportWarningsDialog(self.last_report, self._window)
        dialog.show()
        return dialog

    def _run(
        self, job: Callable[[Progress], object], label: str, on_done: Callable[[object], None]
    ) -> None:
        if self.workspace.path is None:  # in memory: one connection, usable on this thread only
            self._run_here(job, on_done)
            return
        task = Task(job, label, self._window)
        task.finished.connect(lambda result: self._ended(on_done, result))
        task.failed.connect(self._failed)
        self._task = task
        self.busy.emit(True)
        task.start()

    def _run_here(
        self, job: Callable[[Progress], object], on_done: Callable[[object], None]
    ) -> None:
        """The job on the GUI thread, its end told from the event loop as a worker's is."""
        self.busy.emit(True)
        self._here = True  # until its end is told, as a worker's would be
        try:
            result = job(lambda _done, _total, _what: True)
        except Exception as exc:  # told as a worker's failure is
            failure = exc
            QTimer.singleShot(0, lambda: self._failed(failure))
            return
        QTimer.singleShot(0, lambda: self._ended(on_done, result))

    def _ended(self, on_done: Callable[[object], None], result: object) -> None:
        self._task, self._here = None, False
        if isinstance(result, _Written):  # ready before the window, taking edits again, looks
            self.roster_prepared.emit(result.loaded)
        self.busy.emit(False)
        on_done(result)

    def _failed(self, exc: object) -> None:
        self._task, self._here = None, False
        self.busy.emit(False)
        plan, self._writing = self._writing, None
        if isinstance(exc, DeactivationRefused) and plan is not None:
            # another import landed while this one was read: the write compared again and
            # found people to mark as left that the first question did not cover
            if self._confirm_deactivation(exc):
                self._write(plan, allow_deactivation=True)
        elif isinstance(exc, ImportCancelled):
            self._done(None, "Import cancelled; nothing was changed.")
        elif isinstance(exc, RosterError):
            problems = "\n".join(str(p) for p in exc.problems[:30])
            self._show_error("The roster cannot be imported", problems)
            self._done(None, "Import refused; nothing was changed.")
        elif isinstance(exc, RmdeskError):
            self._show_error("The roster cannot be imported", str(exc))
            self._done(None, "Import failed; nothing was changed.")
        else:
            self._done(None, "Import failed; nothing was changed.")
            raise exc if isinstance(exc, BaseException) else RuntimeError(str(exc))

    def _done(self, report: ImportReport | None, message: str) -> None:
        self._abandoned = False
        self.message.emit(message)
        self.finished.emit(report)
