"""The Sessions view (``sessionsView``): every active pair on a timeline row with its health,
quick logging of the selected session or the first one due, and the selected pair in detail.

Keyboard: Ctrl+F search, arrows choose a pair, then H held, M cancelled by the mentor,
Shift+M cancelled by the mentee (the senior), N no-show, Ctrl+E notes; Ins add a session,
Ctrl+M move it, Del drop it, P plan; A add an action, D mark it done. Every edit is an undo
step calling ``ws.sessions``; change events refresh only the rows of the pairs they name.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rmdesk.models.cohorts import Cohort
from rmdesk.models.sessions import CancelledBy, SessionStatus
from rmdesk.models.wording import plural
from rmdesk.ui.common.empty_state import HintedTable
from rmdesk.ui.common.signals import WorkspaceSignals
from rmdesk.ui.sessions.delegate import TimeAxis, TimelineDelegate, TimelineHeader
from rmdesk.ui.sessions.detail import PairDetail
from rmdesk.ui.sessions.editing import SessionEditing
from rmdesk.ui.sessions.glyphs import Legend
from rmdesk.ui.sessions.model import (
    COL_HEALTH,
    COL_NEXT,
    COL_PAIR,
    COL_TIMELINE,
    PairFilter,
    TimelineModel,
)
from rmdesk.workspace import Workspace
from rmdesk.workspace.events import Event, PairsChanged

#: Quick logging: (name, label, shortcut, status, cancelled by)
QUICK_LOGS: tuple[tuple[str, str, str, SessionStatus, CancelledBy | None], ...] = (
    ("held", "● Held  (H)", "H", "held", None),
    ("noShow", "▼ No-show  (N)", "N", "no-show", None),
    ("byMentor", "✕J Cancelled by mentor  (M)", "M", "cancelled", "mentor"),
    ("byMentee", "✕S Cancelled by mentee  (⇧M)", "Shift+M", "cancelled", "mentee"),
)


class SessionsView(SessionEditing):
    """Sessions of the cohort's active pairs; ``message`` carries status-bar sentences."""

    def __init__(
        self,
        workspace: Workspace,
        undo_stack: QUndoStack,
        signals: WorkspaceSignals,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._logged_last = {}
        self.setObjectName("sessionsView")
        self.ws, self.undo_stack, self.signals = workspace, undo_stack, signals
        self.cohort: Cohort | None = None
        self.model = TimelineModel(workspace, self)
        self.proxy = PairFilter(self)
        self.proxy.setSourceModel(self.model)
        self.axis = TimeAxis(self.model)
        self._build()
        self._actions()
        for signal in (signals.sessions, signals.actions, signals.agreements):
            signal.connect(self._on_pairs_event)
        signals.pairs.connect(self._on_pairs_changed)
        signals.roster.connect(lambda _e: self.set_cohort(self.cohort))

    # -- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("sessionsSearch")
        self.search.setPlaceholderText("Search pairs: names, ids, 'at-risk'… (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self._focus_table)
        self.count = QLabel()
        self.count.setObjectName("sessionsCount")
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(self.count)
        top.addStretch(1)

        self.table = HintedTable()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setObjectName("sessionsTable")
        self.table.setHorizontalHeader(TimelineHeader(self.axis, self.table))
        self.table.setModel(self.proxy)
        self.table.setItemDelegateForColumn(COL_TIMELINE, TimelineDelegate(self.axis, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_HEALTH, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # the names and the timeline share what the fixed columns leave, so that the months
        # stay readable on a 1024-pixel screen
        header.setSectionResizeMode(COL_PAIR, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_TIMELINE, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(COL_HEALTH, 92)
        self.table.setColumnWidth(COL_NEXT, 104)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)

        self.detail = PairDetail()
        self.buttons: dict[str, QToolButton] = {}
        quick = QGridLayout()
        quick.setHorizontalSpacing(4)
        self._quick_grid = quick
        self._edit_row, self._pair_row = QHBoxLayout(), QHBoxLayout()
        side = QWidget()
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(6, 0, 0, 0)
        side_box.addLayout(quick)
        side_box.addLayout(self._edit_row)
        side_box.addLayout(self._pair_row)
        side_box.addWidget(self.detail, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("sessionsSplitter")
        split.addWidget(self.table)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        self.splitter = split
        self._sized = False
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(split, 1)
        box.addWidget(Legend(self))

    def _action(
        self, name: str, text: str, keys: str, slot: Callable[[], None], row: QHBoxLayout | None
    ) -> QAction:
        act = QAction(text, self)
        act.setObjectName(f"sessions_{name}")
        if keys:
            act.setShortcut(QKeySequence(keys))
            act.setToolTip(f"{text.replace('&', '')} — shortcut {keys}")
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        self.addAction(act)
        button = QToolButton()
        button.setObjectName(f"sessionsButton_{name}")
        button.setDefaultAction(act)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        if row is not None:
            row.addWidget(button)
        self.buttons[name] = button
        return act

    def _logger(self, status: SessionStatus, by: CancelledBy | None) -> Callable[[], None]:
        def log() -> None:
            self.log_current(status, by)

        return log

    def _actions(self) -> None:
        self.quick: dict[str, QAction] = {}
        grid = self._quick_grid
        grid.addWidget(QLabel("Log the session:"), 0, 0, 1, 2)
        for n, (name, text, keys, status, by) in enumerate(QUICK_LOGS):
            self.quick[name] = self._action(name, text, keys, self._logger(status, by), None)
            button = self.buttons[name]
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            grid.addWidget(button, 1 + n // 2, n % 2)
        row = self._edit_row
        self._action("notes", "Notes…", "Ctrl+E", self.edit_notes, row)
        self._action("add", "Add session…", "Ins", self.add_session, row)
        self._action("move", "Move…", "Ctrl+M", self.move_session, row)
        self._action("drop", "Drop", "Del", self.drop_session, row)
        self._action("plan", "Plan", "P", self.plan_pair, row)
        row.addStretch(1)
        row = self._pair_row
        self._action("addAction", "Add action…", "A", self.add_action, row)
        self._action("done", "Action done", "D", self.toggle_action_done, row)
        self._action("close", "Close pair…", "", self.close_pair, row)
        row.addStretch(1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # two thirds for the timeline, the rest for the pair's detail
            self._sized = True
            width = max(600, self.width())
            self.splitter.setSizes([width * 2 // 3, width - width * 2 // 3])

    # -- public API -----------------------------------------------------------------------------
    def set_cohort(self, cohort: Cohort | None) -> None:
        """Show ``cohort``'s active pairs (None: an empty view)."""
        keep = self.current_pair_id()
        self.cohort = cohort
        self.model.set_cohort(cohort)
        self._update_count()
        if keep is not None:
            self.select_pair(keep)
        self._on_current()

    def select_pair(self, pair_id: int) -> bool:
        at = self.model.row_of(pair_id)
        if at is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(at, COL_PAIR))
        if not index.isValid():
            return False
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    # -- events ---------------------------------------------------------------------------------
    def _on_pairs_event(self, event: Event) -> None:
        ids: frozenset[int] = getattr(event, "pair_ids", frozenset())
        self.model.refresh_pairs(ids)
        self._update_count()
        if self.current_pair_id() in ids:
            self._on_current()

    def _on_pairs_changed(self, event: PairsChanged) -> None:
        if self.cohort is not None and event.cohort_id == self.cohort.id:
            self._on_pairs_event(event)

    def _on_search(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_count()

    def focus_search(self) -> None:
        """Ctrl+F while this view is shown (the window's Find action routes it here)."""
        self.search.setFocus()
        self.search.selectAll()

    def _focus_table(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.selectRow(0)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        words = plural(total, "active pair")
        self.count.setText(words if shown == total else f"{shown} of {words}")
        if self.cohort is None:
            hint = "No cohort yet: create one with Cohort ▸ New cohort… (Ctrl+Shift+N)."
        elif not total:
            hint = (
                "No pairs yet. Pair mentors with mentees on the Pairing board; each pair's "
                "sessions then show here, planned from its agreement (P)."
            )
        else:
            hint = f"No pair matches “{self.search.text().strip()}”. Clear the search."
        self.table.empty_text = hint
        self.table.viewport().update()

    def _on_current(self, *_args: object) -> None:
        row = self.current_row()
        for button in self.buttons.values():  # every one of them acts on the chosen pair
            action = button.defaultAction()
            if action is not None:
                action.setEnabled(row is not None)
        actions = self.ws.sessions.pair_actions(row.pair_id) if row else []
        self.detail.show_pair(row, actions, self.model.today)
