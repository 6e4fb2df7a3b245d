"""The do-not-pair list: who must never be paired, and why; entries can be taken off."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rmdesk.ui.common.undo import ExclusionCommand, push
from rmdesk.workspace import Workspace


class ExclusionsDialog(QDialog):
    def __init__(self, ws: Workspace, undo: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exclusionsDialog")
        self.setWindowTitle("Do-not-pair list")
        self.ws, self.undo = ws, undo
        intro = QLabel(
            "These people are never paired, in any cohort: the board blocks the match and "
            "suggestions leave it out. To add two people, select one on each side of the "
            "Pairing board and choose Cohort ▸ Never pair these two…"
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("exclusions")
        self.table.setHorizontalHeaderLabels(["Person", "Person", "Reason"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.remove = buttons.addButton("Allow again", QDialogButtonBox.ButtonRole.ActionRole)
        self.remove.clicked.connect(self.remove_selected)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.resize(720, 360)
        self.reload()

    def reload(self) -> None:
        people = self.ws.roster.employees()
        self._keys = sorted(self.ws.cohorts.exclusions().items())
        self.table.setRowCount(len(self._keys))
        for row, ((a, b), reason) in enumerate(self._keys):
            for col, text in enumerate((people[a].label, people[b].label, reason)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.remove.setEnabled(bool(self._keys))

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        for row in rows:
            a, b = self._keys[row][0]
            push(self.undo, ExclusionCommand(self.ws, a, b, None))
        self.reload()
