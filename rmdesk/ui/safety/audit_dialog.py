"""File ▸ Audit log…: imports, overrides, signings, erasures and restores, newest first, read
only. It is a window of its own (not modal) and reads the log again after every change."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rmdesk.workspace import Workspace
from rmdesk.workspace.audit import KINDS, AuditEntry

COLUMNS = ("When", "Kind", "Summary")
#: the kinds as the filter names them
KIND_LABELS = {
    "import": "Imports",
    "override": "Overrides",
    "signing": "Signings",
    "erasure": "Erasures",
    "restore": "Restores",
    "backup": "Backups",
}


class AuditLogDialog(QDialog):
    """The audit log as a table, with a filter by kind."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditLogDialog")
        self.setWindowTitle("Audit log")
        self.workspace = workspace
        self.kind = QComboBox()
        self.kind.setObjectName("auditKind")
        self.kind.addItem("All kinds", None)
        for kind in KINDS:
            self.kind.addItem(KIND_LABELS.get(kind, kind.capitalize()), kind)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel()
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(QLabel("Show"))
        top.addWidget(self.kind)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 440)
        self.reload()

    def entries(self) -> list[AuditEntry]:
        """The entries of the chosen kind, newest first."""
        return self.workspace.audit.entries(kind=self.kind.currentData())

    def reload(self) -> None:
        rows = self.entries()
        self.table.setRowCount(len(rows))
        for row, entry in enumerate(rows):
            label = KIND_LABELS.get(entry.kind, entry.kind).removesuffix("s").lower()
            when = entry.at.replace("T", " ")[:19]
            for col, text in enumerate((when, label, entry.summary)):
                item = QTableWidgetItem(text)
                item.setToolTip(entry.summary if col == 2 else text)
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        self.count.setText(f"{len(rows)} {'entry' if len(rows) == 1 else 'entries'}")

    def show_kind(self, kind: str | None) -> None:
        """Filter to one kind (None: all of them)."""
        self.kind.setCurrentIndex(0 if kind is None else max(self.kind.findData(kind), 0))
