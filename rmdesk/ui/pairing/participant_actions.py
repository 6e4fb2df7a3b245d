"""What the officer does to enrolled people on the board: interests, removal, never-pair."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from rmdesk.ui.common.prompts import InterestsDialog, ReasonPrompt
from rmdesk.ui.common.undo import ExclusionCommand, InterestsCommand, WithdrawCommand

if TYPE_CHECKING:
    from rmdesk.ui.pairing.board import PairingBoard
    from rmdesk.ui.pairing.board_views import BoardListView


class ParticipantActions(QObject):
    """Actions on the mentor and mentee lists (their context menus and shortcuts)."""

    def __init__(self, board: PairingBoard) -> None:
        super().__init__(board)
        self.board = board
        self.act_interests = QAction("&Interests and availability…", board)
        self.act_interests.setShortcut(QKeySequence("Ctrl+I"))
        self.act_interests.triggered.connect(self.edit_interests)
        self.act_withdraw = QAction("&Remove from the cohort", board)
        self.act_withdraw.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence(Qt.Key.Key_Backspace)]
        )
        self.act_withdraw.triggered.connect(self.withdraw_selected)
        self.act_never = QAction("Ne&ver pair these two…", board)
        self.act_never.setShortcut(QKeySequence("Ctrl+Shift+X"))
        self.act_never.triggered.connect(self.never_pair_selected)
        for view in (board.mentor_view, board.mentee_view):
            for act in (self.act_interests, self.act_withdraw, self.act_never):
                view.addAction(act)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for act in (self.act_interests, self.act_withdraw, self.act_never):
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._last = board.mentor_view
        for view in (board.mentor_view, board.mentee_view):
            # the person double-clicked, whatever was selected before in the other list
            view.doubleClicked.connect(lambda index, v=view: self.edit_interests_at(v, index))
            view.selectionModel().selectionChanged.connect(lambda *_, v=view: self._track(v))

    def _focused(self) -> BoardListView:
        """The list the officer last selected in: the one the action is about."""
        return self._last

    def _track(self, view: BoardListView) -> None:
        self._last = view

    def _selected(self, view: BoardListView) -> list[str]:
        model = self.board.mentors if view is self.board.mentor_view else self.board.mentees
        return [model.person(i.row()).employee_id for i in view.selectionModel().selectedRows()]

    def edit_interests(self) -> None:
        """Ctrl+I: the current person of the list the officer last selected in."""
        b = self.board
        view = self._focused()
        index = view.currentIndex()
        if not index.isValid() or not view.selectionModel().isSelected(index):
            ids = self._selected(view)
            model = b.mentors if view is b.mentor_view else b.mentees
            index = model.index(model.row_of(ids[0]) or 0) if ids else QModelIndex()
        self.edit_interests_at(view, index)

    def edit_interests_at(self, view: BoardListView, index: QModelIndex) -> None:
        """Edit the interests of the person at ``index`` of ``view`` (and nobody else)."""
        b = self.board
        model = b.mentors if view is b.mentor_view else b.mentees
        if b.cohort is None or not index.isValid():
            b.message.emit("Select a mentor or a mentee first.")
            return
        cohort = b.cohort
        person = model.person(index.row())
        found = [
            p for p in b.ws.cohorts.participants(cohort) if p.employee_id == person.employee_id
        ]
        if not found:
            return
        participant = found[0]
        answer = InterestsDialog.ask(b, person, participant.interests, participant.availability)
        if answer is not None:
            if answer == (participant.interests, participant.availability):
                b.message.emit(f"Nothing changed: the interests of {person.name} are as they were.")
                return
            b.push(lambda: InterestsCommand(b.ws, cohort, participant, *answer))

    def withdraw_selected(self) -> None:
        b = self.board
        ids = self._selected(self._focused())
        if b.cohort is None or not ids:
            b.message.emit("Select the people to remove from the cohort.")
            return
        cohort = b.cohort
        b.push(lambda: WithdrawCommand(b.ws, cohort, ids))

    def never_pair_selected(self) -> None:
        b = self.board
        pick = b.selected_match()
        if pick is None:
            b.message.emit("Select a mentor and a mentee, then choose Never pair these two.")
            return
        people = b.ws.roster.employees()
        reason = ReasonPrompt.ask(
            b,
            "Never pair these two",
            f"Why must {people[pick[0]].name} and {people[pick[1]].name} never be paired? "
            "The reason is kept with the do-not-pair list.",
        )
        if reason:
            b.push(lambda: ExclusionCommand(b.ws, pick[0], pick[1], reason))
