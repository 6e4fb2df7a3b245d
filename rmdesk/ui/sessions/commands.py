"""Undo steps of the sessions view. Each calls ``ws.sessions`` and never touches a widget.

A session or action edit remembers the pair's sessions (or actions) before and after its
first apply; undo and redo put back one of the two with ``replace_sessions`` /
``replace_actions``, so a redo restores the very same ids (calendar UIDs stay stable).
"""

from __future__ import annotations

from collections.abc import Callable

from rmdesk.models.actions import Action
from rmdesk.models.sessions import OUTCOME_WORDS, Session
from rmdesk.ui.common.undo import Command
from rmdesk.workspace import Workspace


class SessionsEdit(Command):
    """Any change to one pair's sessions: logging, adding, moving, dropping, planning."""

    def __init__(self, ws: Workspace, pair_id: int, text: str, edit: Callable[[], object]) -> None:
        super().__init__(text)
        self.ws, self.pair_id, self.edit = ws, pair_id, edit
        self.before: list[Session] | None = None
        self.after: list[Session] | None = None

    def do(self) -> None:
        if self.after is None:
            before = self.ws.sessions.sessions(self.pair_id)
            self.edit()
            self.before = before
            self.after = self.ws.sessions.sessions(self.pair_id)
        else:
            self.ws.sessions.replace_sessions(self.pair_id, self.after)

    def undo(self) -> None:
        assert self.before is not None
        self.ws.sessions.replace_sessions(self.pair_id, self.before)


class ActionsEdit(Command):
    """Any change to one pair's actions: adding one, marking one done or open."""

    def __init__(self, ws: Workspace, pair_id: int, text: str, edit: Callable[[], object]) -> None:
        super().__init__(text)
        self.ws, self.pair_id, self.edit = ws, pair_id, edit
        self.before: list[Action] | None = None
        self.after: list[Action] | None = None

    def do(self) -> None:
        if self.after is None:
            before = self.ws.sessions.pair_actions(self.pair_id)
            self.edit()
            self.before = before
            self.after = self.ws.sessions.pair_actions(self.pair_id)
        else:
            self.ws.sessions.replace_actions(self.pair_id, self.after)

    def undo(self) -> None:
        assert self.before is not None
        self.ws.sessions.replace_actions(self.pair_id, self.before)


class ClosePair(Command):
    """Close a pair (completed, or ended early with a reason); undo reopens it."""

    def __init__(self, ws: Workspace, pair_id: int, label: str, outcome: str, note: str) -> None:
        super().__init__(f"Close {label} ({OUTCOME_WORDS.get(outcome, outcome).lower()})")
        self.ws, self.pair_id, self.outcome, self.note = ws, pair_id, outcome, note

    def do(self) -> None:
        self.ws.sessions.close(self.pair_id, self.outcome, self.note)

    def undo(self) -> None:
        self.ws.sessions.reopen(self.pair_id)
