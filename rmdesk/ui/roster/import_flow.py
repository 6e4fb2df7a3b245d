"""The main window's import flow: read in the background, let the officer settle it, write.

The base class of MainWindow, kept apart so the window module stays one job: the window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QToolBar

from rmdesk.errors import DeactivationRefused, ImportCancelled, RmdeskError, RosterError
from rmdesk.ui.common.settings import Settings
from rmdesk.ui.common.tasks import Progress, Task
from rmdesk.ui.roster.import_dialog import ImportDialog
from rmdesk.ui.roster.import_warnings import ImportWarningsDialog, import_summary
from rmdesk.ui.roster.model import Loaded
from rmdesk.ui.safety.confirm_deactivation import ConfirmDeactivation
from rmdesk.workspace import ImportPlan, ImportReport, Workspace

if TYPE_CHECKING:
    from rmdesk.ui.pairing.board import PairingBoard
    from rmdesk.ui.roster.view import RosterPage

ROSTER_FILTER = "Roster files (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.xlsb *.ods);;All files (*)"


class ImportFlow(QMainWindow):
    """Import a roster file, never freezing the window; the last report's warnings stay
    readable (File ▸ Import warnings…)."""

    import_finished = Signal(object)  # ImportReport, or None when cancelled or refused
    last_report: ImportReport | None = None
    _writing: ImportPlan | None = None  # the plan being saved, asked again if refused
    # made by MainWindow
    workspace: Workspace
    settings: Settings
    roster_page: RosterPage
    pairing_board: PairingBoard
    toolbar: QToolBar
    act_import_warnings: QAction
    _task: Task | None
    _next_roster: Loaded | None
    _roster_stale: bool
    _roster_changed: Callable[[], None]

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import roster", self.settings.last_folder, ROSTER_FILTER
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path, ask: bool = True) -> None:
        """Read and validate in the background, let the officer settle it, then write."""
        if self._task is not None:
            self.statusBar().showMessage("An import is already running.")
            return
        self.settings.last_folder = str(path.parent)
        ws = self.workspace
        ws.roster.employees()  # warm the cache on this thread; the worker only reads it

        def prepare(progress: Progress) -> ImportPlan:
            progress(0, 0, f"Reading {path.name}")
            plan = ws.roster.prepare_import(path)
            if not progress(1, 1, "Checking"):
                raise ImportCancelled("import cancelled")
            return plan

        def prepared(plan: object) -> None:
            self._task = None
            assert isinstance(plan, ImportPlan)
            if ask or plan.errors or plan.missing:
                choice = ImportDialog.ask(self, ws, plan)
                if choice is None:
                    self._import_done(None, "Import cancelled; nothing was changed.")
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

        def write(progress: Progress) -> ImportReport:
            report: ImportReport = ws.roster.apply_import(plan, progress, allow_deactivation)
            # the new roster read and made ready for the roster view here, off the GUI thread
            self._next_roster = self.roster_page.model.prepare(list(ws.roster.employees().values()))
            return report

        def written(report: object) -> None:
            self._task = None
            self._writing = None
            assert isinstance(report, ImportReport)
            self.last_report = report
            self.act_import_warnings.setEnabled(bool(report.warnings))
            self._import_done(report, import_summary(report))

        self._run(write, f"Importing {plan.source.name}…", written)

    def _confirm_deactivation(self, refused: DeactivationRefused) -> bool:
        """Ask before people are marked as having left; on no, say that nothing was written."""
        people = self.workspace.roster.employees()
        names = [people[e].label if e in people else e for e in refused.people]
        if ConfirmDeactivation.ask(
            self, refused.count, refused.active, refused.in_open_pairs, names
        ):
            return True
        self._import_done(None, "Import cancelled: nobody was marked as left; nothing was changed.")
        return False

    def show_import_warnings(self) -> ImportWarningsDialog | None:
        """The last import's warnings in a window of their own (not modal)."""
        if self.last_report is None or not self.last_report.warnings:
            self.statusBar().showMessage("The last import had no warnings.")
            return None
        dialog = ImportWarningsDialog(self.last_report, self)
        dialog.show()
        return dialog

    def _run(
        self, job: Callable[[Progress], object], label: str, on_done: Callable[[object], None]
    ) -> None:
        task = Task(job, label, self)
        # the worker shares the database connection: no edit may slip into its transaction
        task.finished.connect(lambda _: self._set_busy(False))
        task.failed.connect(lambda _: self._set_busy(False))
        task.finished.connect(on_done)
        task.failed.connect(self._import_failed)
        self._task = task
        self._set_busy(True)
        task.start()

    def _set_busy(self, busy: bool) -> None:
        """While a background job writes, the window takes no edits (the progress dialog,
        which can cancel, appears only after a moment)."""
        for part in (self.centralWidget(), self.menuBar(), self.toolbar):
            if part is not None:
                part.setEnabled(not busy)
        if not busy and self._roster_stale:
            self._roster_stale = False
            self._roster_changed()
            self.pairing_board.reload()

    def _import_failed(self, exc: object) -> None:
        self._task = None
        plan, self._writing = self._writing, None
        if isinstance(exc, DeactivationRefused) and plan is not None:
            # another import landed while this one was read: the write compared again and
            # found people to mark as left that the first question did not cover
            if self._confirm_deactivation(exc):
                self._write(plan, allow_deactivation=True)
        elif isinstance(exc, ImportCancelled):
            self._import_done(None, "Import cancelled; nothing was changed.")
        elif isinstance(exc, RosterError):
            self.show_error(
                "The roster cannot be imported", "\n".join(str(p) for p in exc.problems[:30])
            )
            self._import_done(None, "Import refused; nothing was changed.")
        elif isinstance(exc, RmdeskError):
            self.show_error("The roster cannot be imported", str(exc))
            self._import_done(None, "Import failed; nothing was changed.")
        else:
            self._import_done(None, "Import failed; nothing was changed.")
            raise exc if isinstance(exc, BaseException) else RuntimeError(str(exc))

    def show_error(self, title: str, text: str) -> None:
        """A refusal the officer must read (a seam for tests)."""
        QMessageBox.warning(self, title, text)

    def _import_done(self, report: ImportReport | None, message: str) -> None:
        self.statusBar().showMessage(message)
        self.import_finished.emit(report)
