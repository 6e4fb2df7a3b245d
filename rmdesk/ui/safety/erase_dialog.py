"""File ▸ Erase person…: find the one person to forget, say plainly that it cannot be undone,
and show what the erasure did. Both have an ``ask`` seam returning plain values."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rmdesk.models.conflicts import Severity
from rmdesk.models.people import Employee
from rmdesk.models.people_query import fold, parse_query
from rmdesk.models.wording import plural
from rmdesk.ui.common import severity
from rmdesk.ui.common.modal import answer_of

#: rows the list shows at most; the officer types more to narrow a big roster
SHOWN = 200
COLUMNS = ("Name", "ID", "Title", "Department")


@dataclass(frozen=True)
class EraseChoice:
    """Whom to erase, and whether backups made before are kept (and listed) or deleted."""

    employee_id: str
    name: str
    keep_backups: bool


def erasable(people: list[Employee]) -> list[Employee]:
    """Everybody not already erased (an erased row is its own placeholder: ``erased-3``)."""
    return [e for e in people if not (e.name == e.employee_id and e.name.startswith("erased-"))]


class EraseDialog(QDialog):
    """Search the roster (accents and case ignored, every word must match), pick one person."""

    def __init__(self, people: list[Employee], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eraseDialog")
        self.setWindowTitle("Erase a person")
        self.people = sorted(erasable(people), key=lambda e: (fold(e.name), e.employee_id))
        self._hay = [
            fold(" ".join(x or "" for x in (e.name, e.employee_id, e.title, e.department, e.email)))
            for e in self.people
        ]
        self.search = QLineEdit()
        self.search.setObjectName("eraseSearch")
        self.search.setPlaceholderText("Name or employee id")
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("erasePeople")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel()
        self.count.setObjectName("eraseCount")
        warn_icon = QLabel()
        warn_icon.setPixmap(severity.icon(Severity.BLOCK).pixmap(32, 32))
        warn_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.warning = QLabel()
        self.warning.setObjectName("eraseWarning")
        self.warning.setWordWrap(True)
        warning_row = QHBoxLayout()
        warning_row.addWidget(warn_icon)
        warning_row.addWidget(self.warning, 1)
        self.keep_backups = QCheckBox("Keep older backups (they still hold this person's data)")
        self.keep_backups.setObjectName("keepBackups")
        self.keep_backups.setToolTip(
            "Off: the backups made before the erasure are deleted. On: they are kept, and the "
            "report lists them so you can deal with them yourself."
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = QPushButton("Erase permanently")
        self.erase_button.setObjectName("eraseButton")
        self.erase_button.setEnabled(False)
        buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.search.textChanged.connect(self._filter)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addLayout(warning_row)
        layout.addWidget(self.keep_backups)
        layout.addWidget(buttons)
        self.resize(680, 480)
        self._filter("")

    def _filter(self, text: str) -> None:
        query = parse_query(text)
        found = [
            e
            for e, hay in zip(self.people, self._hay, strict=True)
            if query.matches(e) and query.matches_text(hay)
        ]
        self.table.setRowCount(min(len(found), SHOWN))
        for row, person in enumerate(found[:SHOWN]):
            values = (person.name, person.employee_id, person.title, person.department)
            for col, value in enumerate(values):
                item = QTableWidgetItem(value or "")
                item.setData(Qt.ItemDataRole.UserRole, person.employee_id)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if len(found) > SHOWN:
            self.count.setText(f"{len(found)} people match; the first {SHOWN} are shown.")
        else:
            verb = "matches" if len(found) == 1 else "match"
            self.count.setText(f"{plural(len(found), 'person')} {verb}.")
        if len(found) == 1:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> Employee | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 1)
        wanted = item.text() if item is not None else None
        return next((e for e in self.people if e.employee_id == wanted), None)

    def _selection_changed(self) -> None:
        person = self.selected()
        self.erase_button.setEnabled(person is not None)
        who = f"<b>{person.name}</b> ({person.employee_id})" if person else "the person you choose"
        self.warning.setText(
            f"<b>This cannot be undone.</b> Erasing removes all personal data of {who} "
            "everywhere in this database: the roster row, their participation, the notes of "
            "their sessions, signatures, agreement texts and the copies kept from imports. "
            "Pairs and counts stay, anonymised, for the reports. It is not an undo step, and "
            "the undo history is cleared."
        )

    @classmethod
    def ask(cls, parent: QWidget | None, people: list[Employee]) -> EraseChoice | None:
        """Whom to erase and whether older backups are kept, or None when cancelled."""
        dialog = cls(people, parent)

        def choice() -> EraseChoice | None:
            person = dialog.selected()
            if person is None:
                return None
            return EraseChoice(person.employee_id, person.name, dialog.keep_backups.isChecked())

        return answer_of(dialog, choice)


class ErasureDone:
    """What the erasure did, a sentence a line (from ``ErasureReport.lines()``)."""

    @classmethod
    def ask(cls, parent: QWidget | None, name: str, lines: list[str]) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, "Person erased", f"{name} was erased.", parent=parent
        )
        box.setObjectName("erasureDone")
        box.setInformativeText("\n\n".join(lines))
        box.exec()
        box.deleteLater()
