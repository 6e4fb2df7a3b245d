"""The Roster page: a searchable table of people and the reporting line of the selected one."""

from __future__ import annotations

import operator

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rmdesk.models.people import Employee
from rmdesk.ui.roster.model import ID_ROLE, Loaded, RosterModel
from rmdesk.workspace import Workspace

SEARCH_HELP = (
    "Type any part of a name, id, email, department, division, title or location.\n"
    "Field terms narrow it down: division:finance  dept:sales  title:head  location:london\n"
    "Numbers compare: grade>=8  grade<4  born<1975  hired>=2022"
)


def roster_table(model: RosterModel, object_name: str) -> QTableView:
    """A table of people sorted by name, rows selected whole, rows dragged out to enrol."""
    table = QTableView()
    table.setObjectName(object_name)
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setDragEnabled(True)
    table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


class ReportingLinePanel(QWidget):
    """Manager chain up to the top, and the direct reports, of one person."""

    person_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportingLine")
        self.title = QLabel("Select a person to see their reporting line.")
        self.title.setWordWrap(True)
        self.chain = QListWidget()
        self.chain.setObjectName("managerChain")
        self.reports = QListWidget()
        self.reports.setObjectName("directReports")
        self.chain_label = QLabel("Reports to")
        self.reports_label = QLabel("Direct reports")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.title, self.chain_label, self.chain, self.reports_label, self.reports):
            layout.addWidget(w)
        for lst in (self.chain, self.reports):
            lst.itemActivated.connect(self._activated)
            lst.setWordWrap(True)
            lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _activated(self, item: QListWidgetItem) -> None:
        self.person_chosen.emit(item.data(ID_ROLE))

    def show_person(self, ws: Workspace, person: Employee | None) -> None:
        self.chain.clear()
        self.reports.clear()
        if person is None:
            self.title.setText("Select a person to see their reporting line.")
            self.chain_label.setText("Reports to")
            self.reports_label.setText("Direct reports")
            return
        people = ws.roster.employees()
        org = ws.roster.org_chart()
        detail = " · ".join(x for x in (person.title, person.department, person.division) if x)
        self.title.setText(f"<b>{person.name}</b> ({person.employee_id})<br>{detail}")
        chain = org.chain(person.employee_id)
        self.chain_label.setText(
            f"Reports to ({len(chain)} levels)"
            if chain
            else "Reports to nobody (top of the organisation)"
        )
        for depth, mid in enumerate(chain, start=1):
            boss = people.get(mid)
            text = f"{'  ' * (depth - 1)}↑ {boss.name if boss else mid} ({mid})"
            if boss and boss.title:
                text += f" — {boss.title}"
            self._add(self.chain, text, mid)
        reports = org.direct_reports(person.employee_id)
        self.reports_label.setText(f"Direct reports ({len(reports)})")
        for rid in reports:
            r = people.get(rid)
            text = f"↓ {r.name if r else rid} ({rid})"
            if r and not r.active:
                text += " — left"
            self._add(self.reports, text, rid)

    @staticmethod
    def _add(lst: QListWidget, text: str, employee_id: str) -> None:
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, employee_id)
        lst.addItem(item)


class RosterPage(QWidget):
    """Search box, the roster table (object name ``rosterView``) and the reporting line."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rosterPage")
        self.workspace = workspace
        self.model = RosterModel(self)
        self.search = QLineEdit()
        self.search.setObjectName("rosterSearch")
        self.search.setPlaceholderText("Search… (or terms: division:finance grade>=8 born<1980)")
        self.search.setToolTip(SEARCH_HELP)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.model.set_filter)
        self.search.textChanged.connect(self._update_count)

        self.table = roster_table(self.model, "rosterView")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)

        self.count = QLabel()
        self.count.setObjectName("rosterCount")
        self.panel = ReportingLinePanel()
        self.panel.person_chosen.connect(self.select_person)

        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.search)
        lay.addWidget(self.table)
        lay.addWidget(self.count)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 320])
        self.panel.setMinimumWidth(260)
        outer = QVBoxLayout(self)
        outer.addWidget(split)
        widths = {0: 70, 1: 180, 2: 220, 3: 130, 4: 110, 5: 190, 6: 50, 7: 190}
        for col, w in widths.items():
            self.table.setColumnWidth(col, w)
        self._active = 0
        self.reload()

    def reload(self, loaded: Loaded | None = None) -> None:
        """Show the roster; ``loaded`` is it made ready already (by a worker thread)."""
        people = self.workspace.roster.employees()
        if loaded is not None and _made_from(loaded, people):
            self.model.install(loaded)
        else:
            self.model.set_people(list(people.values()))
        self._active = sum(1 for e in people.values() if e.active)
        self._update_count()

    def _update_count(self) -> None:
        total = len(self.workspace.roster.employees())
        shown = self.model.rowCount()
        text = f"{shown} of {total} people" if shown != total else f"{total} people"
        self.count.setText(f"{text} · {self._active} active, {total - self._active} left")

    def current_person(self) -> Employee | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.employee_at(rows[0].row())

    def selected_ids(self) -> list[str]:
        return [
            self.model.employee_at(i.row()).employee_id
            for i in self.table.selectionModel().selectedRows()
        ]

    def select_person(self, employee_id: str) -> None:
        row = self.model.row_of(employee_id)
        if row is None and self.search.text():
            self.search.clear()
            row = self.model.row_of(employee_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _selection_changed(self, *_: QItemSelection) -> None:
        self.panel.show_person(self.workspace, self.current_person())


def _made_from(loaded: Loaded, people: dict[str, Employee]) -> bool:
    """True when ``loaded`` holds these very people (the roster has not changed since)."""
    return len(loaded.people) == len(people) and all(
        map(operator.is_, loaded.people, people.values())
    )
