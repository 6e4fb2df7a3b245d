"""The Pairing page: candidates from the roster, unpaired mentors and mentees, and the pairs."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rmdesk.models.cohorts import Cohort
from rmdesk.models.conflicts import PairingContext, Severity
from rmdesk.models.wording import plural
from rmdesk.ui.common.signals import WorkspaceSignals
from rmdesk.ui.pairing.board_candidates import CandidateLists
from rmdesk.ui.pairing.board_views import BoardListView
from rmdesk.ui.pairing.enrolment import enrol_people
from rmdesk.ui.pairing.models import PairsModel, PeopleModel, decode_pair
from rmdesk.ui.pairing.participant_actions import ParticipantActions
from rmdesk.ui.pairing.verdict_panel import VerdictPanel
from rmdesk.ui.roster import BACKGROUND_FROM
from rmdesk.ui.roster.model import RosterModel
from rmdesk.ui.roster.view import SEARCH_HELP, roster_table, search_hint
from rmdesk.workspace import Workspace

NAME, DEPARTMENT, GRADE = 1, 3, 6  # roster columns the candidates list shows


def _column(title: str, search: QWidget, view: QWidget, *extra: QWidget) -> QWidget:
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    label = QLabel(f"<b>{title}</b>")
    label.setWordWrap(True)  # a narrow column wraps its title instead of widening the window
    lay.addWidget(label)
    lay.addWidget(search)
    lay.addWidget(view, 1)
    for w in extra:
        lay.addWidget(w)
    box.setProperty("title_label", label)
    return box


class PairingBoard(CandidateLists):
    """Drag a mentor onto a mentee (or onto a pair card); the verdict shows before the drop.
    With ``signals``, pair cards follow agreement, session and action changes on their own."""

    def __init__(
        self,
        workspace: Workspace,
        undo: QUndoStack,
        signals: WorkspaceSignals | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pairingBoard")
        self.ws = workspace
        self.undo = undo
        self.cohort: Cohort | None = None
        self.ctx: PairingContext | None = None
        self._roster_stale = False

        # candidates: the roster, to enrol people by drag, button, or "all shown"
        self.roster_model = RosterModel(self)
        self.roster_search = QLineEdit(
            placeholderText="Find people… e.g. division:finance grade>=8"
        )
        self.roster_search.setToolTip(SEARCH_HELP)
        self.roster_search.setObjectName("candidateSearch")
        self.roster_search.setClearButtonEnabled(True)
        self.roster_hint = search_hint()
        self.roster_search.textChanged.connect(self.roster_model.set_filter)
        self.roster_search.textChanged.connect(self._candidates_filtered)
        self.roster_table = roster_table(self.roster_model, "candidates")
        for col in range(self.roster_model.columnCount()):
            self.roster_table.setColumnHidden(col, col not in (NAME, DEPARTMENT, GRADE))
        self.roster_model.set_search_columns((NAME, DEPARTMENT, GRADE))
        header = self.roster_table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.roster_table.setColumnWidth(DEPARTMENT, 72)  # the name gets the room
        self.roster_table.setColumnWidth(GRADE, 40)
        self.add_mentors = QPushButton("+ Mentors")
        self.add_mentees = QPushButton("+ Mentees")
        self.add_mentors.setToolTip(
            "Add the selected people as mentors (no selection: everybody shown)"
        )
        self.add_mentees.setToolTip(
            "Add the selected people as mentees (no selection: everybody shown)"
        )
        self.add_mentors.clicked.connect(lambda: self.enrol_candidates("mentor"))
        self.add_mentees.clicked.connect(lambda: self.enrol_candidates("mentee"))
        buttons = QWidget()
        bl = QHBoxLayout(buttons)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.add_mentors)
        bl.addWidget(self.add_mentees)

        # the board
        self.mentors = PeopleModel(
            "mentor", lambda k, ids, r: self._dropped("mentor", k, ids, r), self
        )
        self.mentees = PeopleModel(
            "mentee", lambda k, ids, r: self._dropped("mentee", k, ids, r), self
        )
        self.pairs = PairsModel(lambda k, ids, r: self._dropped("pairs", k, ids, r), self)
        self.mentor_view = BoardListView(self.mentors, lambda m, r: self._verdict("mentor", m, r))
        self.mentor_view.setObjectName("mentorList")
        self.mentee_view = BoardListView(self.mentees, lambda m, r: self._verdict("mentee", m, r))
        self.mentee_view.setObjectName("menteeList")

        self.pair_view = BoardListView(self.pairs, lambda m, r: self._verdict("pairs", m, r))
        self.pair_view.setObjectName("pairList")
        self._say_what_to_do(False)

        self.mentor_search = QLineEdit(placeholderText="Filter mentors…")
        self.mentee_search = QLineEdit(placeholderText="Filter mentees…")
        self.mentor_search.textChanged.connect(self.mentors.set_filter)
        self.mentee_search.textChanged.connect(self.mentees.set_filter)
        self.mentor_search.textChanged.connect(lambda t: self._list_filtered(self.mentor_view, t))
        self.mentee_search.textChanged.connect(lambda t: self._list_filtered(self.mentee_view, t))
        self.pair_search = QLabel(
            "Drag a mentor onto a mentee, or select one of each and press Ctrl+P. Delete unpairs."
        )
        self.pair_search.setWordWrap(True)

        self.verdict = VerdictPanel()
        self._pair_selected_last = False
        for v in (self.mentor_view, self.mentee_view, self.pair_view):
            v.verdict_shown.connect(self._show_verdict)
        self.mentor_view.selectionModel().selectionChanged.connect(self._people_selected)
        self.mentee_view.selectionModel().selectionChanged.connect(self._people_selected)
        self.pair_view.selectionModel().selectionChanged.connect(self._pair_selected)

        self.suggest_button = QPushButton("Suggest…")
        self.suggest_button.setToolTip("Suggest pairs for everybody waiting")
        self.suggest_button.setObjectName("suggestButton")
        self.suggest_button.clicked.connect(self.suggest)
        self.pair_button = QPushButton("Pair")
        self.pair_button.setToolTip("Pair the selected mentor and mentee (Ctrl+P)")
        self.pair_button.clicked.connect(self.pair_selected)
        self.unpair_button = QPushButton("Unpair")
        self.unpair_button.setToolTip("Unpair the selected pairs (Delete)")
        self.unpair_button.clicked.connect(self.unpair_selected)
        actions = QWidget()
        al = QHBoxLayout(actions)
        al.setContentsMargins(0, 0, 0, 0)
        al.addWidget(self.pair_button)
        al.addWidget(self.unpair_button)
        al.addStretch(1)
        al.addWidget(self.suggest_button)
        for button in (self.pair_button, self.unpair_button, self.suggest_button):
            button.setMinimumWidth(button.sizeHint().width())  # labels never cut off

        self.act_pair = QAction("&Pair selected", self)
        self.act_pair.setShortcut(QKeySequence("Ctrl+P"))
        self.act_pair.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_pair.triggered.connect(self.pair_selected)
        self.act_unpair = QAction("&Unpair", self)
        self.act_unpair.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence(Qt.Key.Key_Backspace)]
        )
        self.act_unpair.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_unpair.triggered.connect(self.unpair_selected)
        self.act_suggest = QAction("&Suggest pairs…", self)
        self.act_suggest.triggered.connect(self.suggest)
        self.addAction(self.act_pair)
        self.pair_view.addAction(self.act_unpair)
        self.participant_actions = ParticipantActions(self)

        self.mentor_col = _column("Mentors (juniors)", self.mentor_search, self.mentor_view)
        self.mentee_col = _column("Mentees (senior leaders)", self.mentee_search, self.mentee_view)
        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(0, 0, 0, 0)
        self.pairs_title = QLabel("<b>Pairs</b>")
        ml.addWidget(self.pairs_title)
        ml.addWidget(self.pair_search)
        ml.addWidget(self.pair_view, 1)
        ml.addWidget(self.verdict)
        ml.addWidget(actions)
        find = QWidget()
        fl = QVBoxLayout(find)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.setSpacing(2)
        fl.addWidget(self.roster_search)
        fl.addWidget(self.roster_hint)
        candidates = _column("Roster", find, self.roster_table, buttons)
        self.candidates_title: QLabel = candidates.property("title_label")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("boardSplitter")
        # the four columns fit a 1024-pixel screen beside the side bar
        for w, least in ((candidates, 250), (self.mentor_col, 140), (middle, 220),
                         (self.mentee_col, 140)):  # fmt: skip
            split.addWidget(w)
            w.setMinimumWidth(least)
        split.setChildrenCollapsible(False)
        for i, stretch in enumerate((3, 3, 4, 3)):
            split.setStretchFactor(i, stretch)
        split.setSizes([380, 220, 360, 220])
        self.splitter = split
        self.cohort_label = QLabel()
        self.cohort_label.setObjectName("cohortLabel")
        self.cohort_label.setWordWrap(True)
        outer = QVBoxLayout(self)
        outer.addWidget(self.cohort_label)
        outer.addWidget(split, 1)
        self._cohort_stale = False
        #: the window reads the roster in the background meanwhile: nothing is read here
        self.hold = False
        if self.ws.roster.count() >= BACKGROUND_FROM:
            self._roster_stale = True  # a big roster: candidates made when first shown
        else:
            self.reload_roster()
        self.watch(signals)

    # -- data ---------------------------------------------------------------------------------
    def set_cohort(self, cohort: Cohort | None) -> None:
        self.cohort = cohort
        self.reload()

    def _say_what_to_do(self, has_cohort: bool) -> None:
        """The empty lists' hints: what can be done now, never a drag the lists refuse."""
        if not has_cohort:
            first = "Create a cohort first: Cohort ▸ New cohort… (Ctrl+Shift+N)."
            for view in (self.mentor_view, self.mentee_view, self.pair_view):
                view.empty_text = first
            return
        self.mentor_view.empty_text = (
            "No mentors waiting. Drag juniors here from the roster, or select them and "
            "press + Mentors."
        )
        self.mentee_view.empty_text = (
            "No mentees waiting. Drag senior leaders here from the roster, or select them "
            "and press + Mentees."
        )
        self.pair_view.empty_text = "No pairs yet. Drag a mentor onto a mentee, or press Suggest…"

    def release(self) -> None:
        """The roster is read: make what waited for it (now, if the board is shown)."""
        self.hold = False
        if self.isVisible():
            if self._cohort_stale:
                self.reload()
            if self._roster_stale:
                self.reload_roster()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.hold:
            return
        # the cohort first: a big roster's candidates are then made by a worker, which would
        # slow this thread's work down if it ran meanwhile
        if self._cohort_stale:
            self.reload()
        if self._roster_stale:
            self.reload_roster()

    def reload(self) -> None:
        """Refresh the cohort's people and pairs, re-checked against the rules. With a big
        roster, a hidden board waits until it is shown (the rules read the whole org chart)."""
        if self.hold or (not self.isVisible() and self.ws.roster.count() >= BACKGROUND_FROM):
            self._cohort_stale = True
            return
        self._cohort_stale = False
        people = self.ws.roster.employees()
        enabled = self.cohort is not None
        self._say_what_to_do(enabled)
        for w in (
            self.mentor_view,
            self.mentee_view,
            self.pair_view,
            self.add_mentors,
            self.add_mentees,
            self.suggest_button,
            self.pair_button,
            self.unpair_button,
        ):
            w.setEnabled(enabled)
        if self.cohort is None:
            self.cohort_label.setText(
                "No cohort yet: create one with Cohort ▸ New cohort… (Ctrl+Shift+N)."
            )
            self.mentors.set_people([])
            self.mentees.set_people([])
            self.pairs.set_pairs([], people)
            self.ctx = None
            self._refresh_verdict()
            return
        c = self.cohort
        self.ctx = self.ws.pairing.context(c)
        views = [v for v in self.ws.pairing.pairs(c) if v.pair.status == "active"]
        parts = self.ws.cohorts.participants(c)
        room = self.ctx.mentor_load
        mentors = [
            people[p.employee_id]
            for p in parts
            if p.role == "mentor" and room.get(p.employee_id, 0) < c.capacity
        ]
        mentees = [
            people[p.employee_id]
            for p in parts
            if p.role == "mentee" and self.ctx.mentee_load.get(p.employee_id, 0) == 0
        ]
        notes = {p.employee_id: (p.interests, p.availability) for p in parts}
        # whom the officer had selected stays selected (an interests edit, another process's
        # change): the keyboard path of select, select, Ctrl+P must survive a refresh
        lists = ((self.mentor_view, self.mentors), (self.mentee_view, self.mentees))
        kept = [(v, m, _chosen(v, m)) for v, m in lists]
        self.mentors.set_people(mentors, dict(room), notes)
        self.mentees.set_people(mentees, None, notes)
        for view, model, (ids, current) in kept:
            _choose(view, model, ids, current)
        self.pairs.set_pairs(views, people, *self.badges())
        n_mentors = sum(1 for p in parts if p.role == "mentor")
        flagged = sum(1 for v in views if v.worst is not None and v.worst >= Severity.WARN)
        span = f"{c.starts} → {c.ends}" if c.starts and c.ends else "no dates"
        self.cohort_label.setText(
            f"<b>{c.name}</b> · {span} · up to {plural(c.capacity, 'mentee')} per mentor · "
            f"{plural(n_mentors, 'mentor')}, {plural(len(parts) - n_mentors, 'mentee')}, "
            f"{plural(len(views), 'pair')}"
            + (
                f" · {plural(flagged, 'pair')} {'needs' if flagged == 1 else 'need'} attention"
                if flagged
                else ""
            )
        )
        self.pairs_title.setText(f"<b>Pairs ({len(views)})</b>")
        self._refresh_verdict()

    # -- gestures ---------------------------------------------------------------------------
    def _dropped(self, target: str, kind: str, ids: list[str], row: int) -> bool:
        if self.cohort is None:
            return False
        if kind == "pair" and target in ("mentor", "mentee"):
            return self.unpair(int(ids[0]))
        if kind == "roster" and target in ("mentor", "mentee"):
            return self.enrol(ids, target)
        match = self._pair_for_drop(target, kind, ids, row)
        if match is None:
            return False
        return self.make_pair(*match)

    def enrol(self, ids: list[str], role: str) -> bool:
        return enrol_people(self, ids, role)

    def enrol_candidates(self, role: str) -> None:
        rows = self.roster_table.selectionModel().selectedRows()
        if rows:
            ids = [self.roster_model.employee_at(i.row()).employee_id for i in rows]
        else:
            ids = [
                self.roster_model.employee_at(r).employee_id
                for r in range(self.roster_model.rowCount())
            ]
        self.enrol(ids, role)


__all__ = ["PairingBoard", "decode_pair"]


def _chosen(view: BoardListView, model: PeopleModel) -> tuple[list[str], str | None]:
    """The ids selected in a people list, and the current one."""
    ids = [model.person(i.row()).employee_id for i in view.selectionModel().selectedRows()]
    current = view.currentIndex()
    return ids, model.person(current.row()).employee_id if current.isValid() else None


def _choose(view: BoardListView, model: PeopleModel, ids: list[str], current: str | None) -> None:
    """Select ``ids`` again, those still listed, and make ``current`` current again."""
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for emp in ids:
        row = model.row_of(emp)
        if row is not None:
            view.selectionModel().select(model.index(row), flags)
    row = model.row_of(current) if current is not None else None
    if row is not None:
        view.selectionModel().setCurrentIndex(
            model.index(row), QItemSelectionModel.SelectionFlag.NoUpdate
        )
