"""The File menu's safety actions: Back up now…, Restore from backup…, Erase person…, Audit log….

Restore and erasure replace data wholesale; neither is an undo step, so both clear the
window's undo history (an undo command replayed over another database would be wrong). In a
window opened read-only (another rmdesk holds the writer lock) they are disabled and say why.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from rmdesk.errors import RmdeskError
from rmdesk.ui.common.sentences import error_sentence
from rmdesk.ui.common.signals import WorkspaceSignals
from rmdesk.ui.safety.audit_dialog import AuditLogDialog
from rmdesk.ui.safety.backup_dialogs import BackupTarget, ConfirmRestore, RestoreDialog
from rmdesk.ui.safety.erase_dialog import EraseDialog, ErasureDone
from rmdesk.workspace import Workspace

READ_ONLY_TIP = (
    "This window opened the database read-only because another rmdesk is writing to it; "
    "close that one and open the file again to {what}."
)


class SafetyActions(QObject):
    """Owns ``act_backup``, ``act_restore``, ``act_erase`` and ``act_audit`` for the File menu;
    reports what it did through ``message`` (for the status bar)."""

    message = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        window: QWidget,
        signals: WorkspaceSignals,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(window)
        self.workspace = workspace
        self.window = window
        self.signals = signals
        self.undo_stack = undo_stack
        self.audit_dialog: AuditLogDialog | None = None

        self.act_backup = QAction("Back &up now…", self)
        self.act_backup.setStatusTip("Copy the whole database to a backup file now")
        self.act_backup.triggered.connect(self.back_up)
        self.act_restore = QAction("&Restore from backup…", self)
        self.act_restore.setStatusTip("Replace the data with a backup (the current data is kept)")
        self.act_restore.triggered.connect(self.restore)
        self.act_erase = QAction("Erase perso&n…", self)
        self.act_erase.setStatusTip("Remove one person's personal data everywhere, on request")
        self.act_erase.triggered.connect(self.erase)
        self.act_audit = QAction("Au&dit log…", self)
        self.act_audit.setStatusTip("Imports, overrides, signings, erasures and restores")
        self.act_audit.triggered.connect(self.show_audit)
        self.actions = [self.act_backup, self.act_restore, self.act_erase, self.act_audit]
        signals.changed.connect(self._workspace_changed)
        self._apply_read_only()

    # -- read-only windows -----------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        return bool(self.workspace.store.read_only)

    def _apply_read_only(self) -> None:
        """Restore and erasure write to the database: off in a read-only window, saying why.
        A backup only reads it, so it stays available (a copy is always safe to take)."""
        if not self.read_only:
            return
        for act, what in ((self.act_restore, "restore a backup"), (self.act_erase, "erase")):
            act.setEnabled(False)
            act.setToolTip(READ_ONLY_TIP.format(what=what))
            act.setStatusTip(READ_ONLY_TIP.format(what=what))

    # -- the actions -----------------------------------------------------------------------------
    def back_up(self) -> Path | None:
        """Ask where (the backups folder by default), copy the database there; the file made."""
        safety = self.workspace.safety
        try:
            folder = safety.backup_folder()
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            stem = self.workspace.path.stem if self.workspace.path else "rmdesk"
            default = folder / f"{stem}-{datetime.now():%Y%m%d-%H%M%S}.db"
        except (RmdeskError, OSError) as exc:
            self.show_error("No backup was made", error_sentence(exc))
            return None
        target = BackupTarget.ask(self.window, default)
        if target is None:
            return None
        # the suggested file is a backup like the automatic ones, named by the service when
        # it is written (listed under Restore); any other name is the officer's own file
        to = None if target.resolve() == default.resolve() else target
        try:
            with _busy():
                made = safety.backup(to, record=True)
        except (RmdeskError, OSError) as exc:
            self.show_error("No backup was made", error_sentence(exc))
            return None
        self.message.emit(f"Backed up to {made}")
        return made

    def restore(self) -> Path | None:
        """Pick a backup, confirm, restore it; returns the backup of the data it replaced."""
        ws = self.workspace
        source = RestoreDialog.ask(self.window, ws.safety.backups())
        if source is None:
            return None
        try:  # a file that is no rmdesk backup is said before the officer is asked anything
            ws.safety.check_backup(source)
        except RmdeskError as exc:
            self.show_error("The backup was not restored", error_sentence(exc))
            return None
        current = ws.path or Path("(in memory)")
        people = len(ws.roster.employees())
        if not ConfirmRestore.ask(self.window, source, current, people, len(ws.cohorts.cohorts())):
            self.message.emit("Restore cancelled; nothing was changed.")
            return None
        try:
            with _busy():
                before = ws.safety.restore(source)
        except (RmdeskError, OSError) as exc:
            self.show_error("The backup was not restored", error_sentence(exc))
            return None
        self._clear_undo()
        self.message.emit(f"Restored {source.name}; the data before is kept in {before.name}.")
        return before

    def erase(self) -> list[str] | None:
        """Find the person, confirm, erase, show the report; returns its lines."""
        ws = self.workspace
        choice = EraseDialog.ask(self.window, list(ws.roster.employees().values()))
        if choice is None:
            return None
        try:
            with _busy():
                report = ws.safety.erase(choice.employee_id, keep_backups=choice.keep_backups)
        except (RmdeskError, OSError) as exc:
            self.show_error("Nobody was erased", error_sentence(exc))
            return None
        self._clear_undo()
        lines = report.lines()
        self.message.emit(f"Erased {choice.employee_id}; now '{report.placeholder}'.")
        ErasureDone.ask(self.window, choice.name, lines)
        return lines

    def show_audit(self) -> AuditLogDialog:
        """The audit log in a window of its own; one at a time, brought forward if open."""
        if self.audit_dialog is None:
            self.audit_dialog = AuditLogDialog(self.workspace, self.window)
            self.audit_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.audit_dialog.destroyed.connect(self._audit_closed)
        else:
            self.audit_dialog.reload()
        self.audit_dialog.show()
        self.audit_dialog.raise_()
        return self.audit_dialog

    # -- seams and helpers -----------------------------------------------------------------------
    def show_error(self, title: str, text: str) -> None:
        """A refusal the officer must read (a seam for tests)."""
        QMessageBox.warning(self.window, title, text)

    def _clear_undo(self) -> None:
        if self.undo_stack is not None:
            self.undo_stack.clear()

    def _audit_closed(self) -> None:
        self.audit_dialog = None

    def _workspace_changed(self, _event: object) -> None:
        # entries come with the change they record, so any change may have added one
        if self.audit_dialog is not None:
            self.audit_dialog.reload()


@contextmanager
def _busy() -> Iterator[None]:
    """A wait cursor while a copy, restore or VACUUM runs on the GUI thread."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
