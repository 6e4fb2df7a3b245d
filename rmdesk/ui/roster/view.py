"""The Roster page: a searchable table of people and the reporting line of the selected one."""

from __future__ import annotations

import operator

from PySide6.QtCore import QItemSelection, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rmdesk.models.people import Employee
from rmdesk.models.wording import plural
from rmdesk.ui.common.empty_state import HintedTable
from rmdesk.ui.roster.model import COLUMNS, Loaded, RosterModel
from rmdesk.ui.roster.reporting_line import ReportingLinePanel
from rmdesk.workspace import Workspace

SEARCH_HELP = (
    "Type words from the columns shown: every word must match, accents and case ignored.\n"
    "Field terms narrow it down: division:finance  dept:sales  title:head  manager:eze\n"
    "Numbers compare: grade >= 8  grade<4  born<1975  hired>=2022"
)
#: the roster's columns shown at first, with their widths: together they fit 1280 px
DEFAULT_WIDTHS = {0: 84, 1: 160, 3: 125, 5: 170, 6: 52, 7: 160, 10: 95, 11: 56}


#: A table of people that says what to do when it has no rows.
PeopleTable = HintedTable


def roster_table(model: RosterModel, object_name: str) -> PeopleTable:
    """A table of people sorted by name, rows selected whole, rows dragged out to enrol."""
    table = PeopleTable()
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


def search_hint() -> QLabel:
    """The line under a search box that says which terms it could not read."""
    hint = QLabel()
    hint.setObjectName("searchHint")
    hint.setWordWrap(True)
    hint.setVisible(False)
    return hint


def show_search_problems(hint: QLabel, model: RosterModel) -> None:
    problems = model.query.problems if model.query else []
    hint.setText("\n".join(f"⚠ {p}" for p in problems))
    hint.setVisible(bool(problems))


def shown_columns(table: QTableView) -> tuple[int, ...]:
    return tuple(c for c in range(len(COLUMNS)) if not table.isColumnHidden(c))


class RosterPage(QWidget):
    """Search box, the roster table (object name ``rosterView``) and the reporting line."""

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, defer: bool = False
    ) -> None:
        """``defer``: the roster is read later, in the background (``reload(loaded)``);
        until then the page says it is loading."""
        super().__init__(parent)
        self.setObjectName("rosterPage")
        self.workspace = workspace
        self.model = RosterModel(self)
        self.search = QLineEdit()
        self.search.setObjectName("rosterSearch")
        self.search.setPlaceholderText("Search… (or terms: division:finance grade >= 8)")
        self.search.setToolTip(SEARCH_HELP)
        self.search.setClearButtonEnabled(True)
        self.hint = search_hint()
        self.search.textChanged.connect(self.model.set_filter)
        self.search.textChanged.connect(self._update_count)

        self.count = QLabel()
        self.count.setObjectName("rosterCount")
        self.panel = ReportingLinePanel()
        self.panel.person_chosen.connect(self.select_person)
        self.table = roster_table(self.model, "rosterView")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.setToolTip("Right-click to choose the columns")
        for col in range(len(COLUMNS)):
            self.table.setColumnHidden(col, col not in DEFAULT_WIDTHS)
            self.table.setColumnWidth(col, DEFAULT_WIDTHS.get(col, 110))
        self.model.set_search_columns(shown_columns(self.table))

        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.search)
        lay.addWidget(self.hint)
        lay.addWidget(self.table)
        lay.addWidget(self.count)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([980, 230])
        self.panel.setMinimumWidth(200)
        outer = QVBoxLayout(self)
        outer.addWidget(split)
        self._active = 0
        self.loading = defer
        if defer:
            self.table.empty_text = "Loading the roster…"
            self.count.setText("Loading the roster…")
        else:
            self.reload()

    def _column_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for col, (_field, title) in enumerate(COLUMNS):
            act = QAction(title, menu)
            act.setCheckable(True)
            act.setChecked(not self.table.isColumnHidden(col))
            act.toggled.connect(lambda on, c=col: self.show_column(c, on))
            menu.addAction(act)
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def show_column(self, column: int, shown: bool) -> None:
        """Show or hide a column; the search reads the shown columns only."""
        self.table.setColumnHidden(column, not shown)
        self.model.set_search_columns(shown_columns(self.table))
        self._update_count()

    def reload(self, loaded: Loaded | None = None) -> None:
        """Show the roster; ``loaded`` is it made ready already (by a worker thread)."""
        self.loading = False
        people = self.workspace.roster.employees()
        if loaded is not None and _made_from(loaded, people):
            self.model.install(loaded)
        else:
            self.model.set_people(list(people.values()))
        self._active = sum(1 for e in people.values() if e.active)
        self._update_count()

    def _update_count(self) -> None:
        if self.loading:
            return
        show_search_problems(self.hint, self.model)
        total = len(self.workspace.roster.employees())
        shown = self.model.rowCount()
        query = self.search.text().strip()
        if total and not shown and query:
            self.table.empty_text = f"Nobody matches “{query}”. Clear the search to see everyone."
            self.count.setText(f"Nobody matches “{query}” · {plural(total, 'person')} in all")
            self.table.viewport().update()
            return
        self.table.empty_text = "" if total else "No roster yet: import one with File ▸ Import."
        text = (
            f"{shown:,} of {plural(total, 'person')}" if shown != total else plural(total, "person")
        )
        self.count.setText(f"{text} · {self._active:,} active, {total - self._active:,} left")

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
