"""File ▸ Back up now… and File ▸ Restore from backup…: where to write a backup, which backup
to restore, and the confirmation before the current data is replaced. Each has an ``ask`` seam."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rmdesk.models.wording import plural
from rmdesk.ui.common.modal import answer_of
from rmdesk.workspace.safety import Backup

DATABASE_FILTER = "rmdesk databases (*.db *.sqlite *.rmdesk);;All files (*)"


def file_size(size: int) -> str:
    """A size as a person reads it: '812 KB', '3.4 MB'."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def when(made: datetime) -> str:
    """A backup's time, unambiguous in every locale: '2026-12-01 09:30:12'."""
    return made.strftime("%Y-%m-%d %H:%M:%S")


class BackupTarget:
    """Where File ▸ Back up now… writes: a save dialog that opens in the backups folder."""

    @classmethod
    def ask(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        """The file chosen (``suggested`` if the officer just confirms), or None."""
        path, _ = QFileDialog.getSaveFileName(
            parent, "Back up the database to", str(suggested), DATABASE_FILTER
        )
        return Path(path) if path else None


class RestoreDialog(QDialog):
    """The backups of this database, newest first, or any other file chosen by hand."""

    def __init__(self, backups: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore from backup")
        self.chosen: Path | None = None
        intro = QLabel(
            "Choose the backup to bring back. Backups are made each time rmdesk opens a changed "
            "database, and with File ▸ Back up now…"
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        for b in backups:
            text = f"{when(b.made_at)}   ·   {file_size(b.size)}   ·   {b.path.name}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            item.setToolTip(str(b.path))
            self.list.addItem(item)
        self.empty = QLabel("There are no backups of this database yet.")
        self.empty.setVisible(not backups)
        self.list.setVisible(bool(backups))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton("Restore…")
        self.restore_button.setDefault(True)
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.choose_button = QPushButton("Choose a file…")
        buttons.addButton(self.choose_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self._take_selected)
        buttons.rejected.connect(self.reject)
        self.choose_button.clicked.connect(self._choose_file)
        self.list.currentRowChanged.connect(lambda row: self.restore_button.setEnabled(row >= 0))
        self.list.itemDoubleClicked.connect(lambda _item: self._take_selected())
        if backups:
            self.list.setCurrentRow(0)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def _take_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = Path(item.data(Qt.ItemDataRole.UserRole))
            self.accept()

    def _choose_file(self) -> None:
        start = ""
        if self.list.count():
            start = str(Path(self.list.item(0).data(Qt.ItemDataRole.UserRole)).parent)
        path, _ = QFileDialog.getOpenFileName(self, "Restore from", start, DATABASE_FILTER)
        if path:
            self.chosen = Path(path)
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, backups: list[Backup]) -> Path | None:
        """The backup file to restore, or None when cancelled."""
        dialog = cls(backups, parent)
        return answer_of(dialog, lambda: dialog.chosen)


class ConfirmRestore:
    """The last word before a restore: what is replaced, that it is backed up first, and that
    Undo cannot bring it back."""

    @staticmethod
    def text(source: Path, current: Path, people: int, cohorts: int) -> str:
        return (
            f"All the data in {current.name} — the roster of {plural(people, 'person')}, "
            f"{plural(cohorts, 'cohort')} with their pairs, agreements and sessions — "
            f"will be replaced by the backup {source.name}.\n\n"
            "The current data is backed up first, so you can restore it again later. "
            "A restore is not an undo step: Edit ▸ Undo cannot reverse it, and the undo "
            "history is cleared."
        )

    @classmethod
    def ask(cls, parent: QWidget | None, source: Path, current: Path, people: int,
            cohorts: int) -> bool:  # fmt: skip
        """True when the officer confirms the restore."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Restore from backup",
            f"Replace the current data with {source.name}?",
            QMessageBox.StandardButton.Cancel,
            parent,
        )
        box.setObjectName("confirmRestore")
        box.setInformativeText(cls.text(source, current, people, cohorts))
        restore = box.addButton("Restore", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        confirmed = box.clickedButton() is restore
        box.deleteLater()
        return confirmed
