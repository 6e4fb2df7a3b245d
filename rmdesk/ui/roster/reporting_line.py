"""The reporting line of one person as a small tree: managers above, direct reports below."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from rmdesk.models.people import Employee
from rmdesk.models.wording import plural
from rmdesk.ui.roster.model import ID_ROLE
from rmdesk.workspace import Workspace

NOBODY = "Select a person to see their reporting line."


class ReportingLinePanel(QWidget):
    """The manager chain from the top down to the person, and the person's direct reports."""

    person_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportingLine")
        self.title = QLabel(NOBODY)
        self.title.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("reportingTree")
        self.tree.setHeaderHidden(True)
        self.tree.setIndentation(14)
        self.tree.setRootIsDecorated(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.setToolTip("Double-click someone to show them in the roster")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)

    def _activated(self, item: QTreeWidgetItem) -> None:
        employee_id = item.data(0, ID_ROLE)
        if employee_id:
            self.person_chosen.emit(str(employee_id))

    def items(self) -> list[QTreeWidgetItem]:
        """Every row of the tree, top down (for tests and for reading)."""
        out: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            if item is None:
                continue
            out.append(item)
            stack[:0] = [item.child(k) for k in range(item.childCount())]
        return out

    def show_person(self, ws: Workspace, person: Employee | None) -> None:
        self.tree.clear()
        if person is None:
            self.title.setText(NOBODY)
            self.summary.clear()
            return
        people = ws.roster.employees()
        org = ws.roster.org_chart()
        detail = " · ".join(x for x in (person.title, person.department, person.division) if x)
        self.title.setText(f"<b>{person.name}</b> ({person.employee_id})<br>{detail}")
        chain = org.chain(person.employee_id)
        parent: QTreeWidgetItem | None = None
        for mid in reversed(chain):  # the top of the organisation first
            parent = self._add(parent, people.get(mid), mid)
        me = self._add(parent, person, person.employee_id)
        font = QFont(me.font(0))
        font.setBold(True)
        me.setFont(0, font)
        reports = org.direct_reports(person.employee_id)
        for rid in reports:
            self._add(me, people.get(rid), rid)
        self.tree.expandAll()
        self.tree.scrollToItem(me)
        above = f"{plural(len(chain), 'level')} of managers above" if chain else "top of the org"
        self.summary.setText(f"{above} · {plural(len(reports), 'direct report')}")

    def _add(
        self, parent: QTreeWidgetItem | None, who: Employee | None, employee_id: str
    ) -> QTreeWidgetItem:
        text = f"{who.name if who else employee_id} ({employee_id})"
        if who and who.title:
            text += f" — {who.title}"
        if who and not who.active:
            text += " — left"
        item = QTreeWidgetItem([text])
        item.setData(0, ID_ROLE, employee_id)
        item.setToolTip(0, text)
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item
