"""The board's pairing gestures: pair two people (a blocked match only with a reason), unpair,
and accept suggested pairs, each one undo step. The base of PairingBoard (after its badges)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from rmdesk.errors import RmdeskError
from rmdesk.models.conflicts import NEVER_OVERRIDDEN, Severity
from rmdesk.models.wording import plural
from rmdesk.ui.common.undo import PairCommand, UnpairCommand, accept_proposals_command, push
from rmdesk.ui.pairing.board_badges import BoardBadges
from rmdesk.ui.pairing.override_dialog import OverrideDialog
from rmdesk.ui.pairing.suggestions_dialog import SuggestionsDialog


class BoardGestures(BoardBadges):
    """Pairing, unpairing and suggesting on the board; a refusal becomes a ``message``."""

    message = Signal(str)

    # made by PairingBoard
    undo: QUndoStack

    def make_pair(self, mentor_id: str, mentee_id: str) -> bool:
        """Pair two people: clean and warned pairs at once, blocked ones only with a reason."""
        c = self.cohort
        if c is None:
            return False
        conflicts = self._check(mentor_id, mentee_id)
        blocks = [c for c in conflicts if c.severity == Severity.BLOCK]
        override: str | None = None
        people = self.ws.roster.employees()
        if blocks:
            if any(c.code == "same-person" for c in blocks):
                self.message.emit("A person cannot mentor themselves.")
                return False
            hard = [c for c in blocks if c.code in NEVER_OVERRIDDEN]
            if hard:  # no reason sets these aside: saying so beats asking for one
                self.message.emit(f"Not paired: {hard[0].message}")
                return False
            override = OverrideDialog.ask(
                self, people[mentor_id].label, people[mentee_id].label, blocks
            )
            if not override:
                self.message.emit("Not paired: the match is blocked.")
                return False
        return self.push(lambda: PairCommand(self.ws, c, mentor_id, mentee_id, override))

    def push(self, make: Callable[[], QUndoCommand]) -> bool:
        """Build a command and apply it as one undo step; a refusal becomes a message."""
        try:
            push(self.undo, make())
        except RmdeskError as exc:
            self.message.emit(str(exc))
            return False
        return True

    def unpair(self, pair_id: int) -> bool:
        return self.push(lambda: UnpairCommand(self.ws, pair_id))

    def pair_selected(self) -> None:
        pick = self.selected_match()
        if pick is None:
            self.message.emit("Select a mentor and a mentee first, then press Ctrl+P.")
            return
        self.make_pair(*pick)

    def unpair_selected(self) -> None:
        rows = self.pair_view.selectionModel().selectedRows()
        if not rows:
            self.message.emit("Select a pair to unpair.")
            return
        ids = [self.pairs.pair_at(r.row()).pair.id for r in rows]
        if len(ids) == 1:
            self.unpair(ids[0])
            return
        self.undo.beginMacro(f"Unpair {plural(len(ids), 'pair')}")
        for pid in ids:
            self.unpair(pid)
        self.undo.endMacro()

    def suggest(self) -> None:
        if self.cohort is None:
            return
        result = self.ws.pairing.suggest(self.cohort)
        if not result.proposals:
            named = self.ws.roster.some(e for e, _why in result.unplaced[:5])
            reasons = "; ".join(
                f"{named[e].name if e in named else e}: {why}" for e, why in result.unplaced[:5]
            )
            self.message.emit(
                "Nobody can be placed"
                + (f" — {reasons}" if reasons else ": enrol mentors and mentees first.")
            )
            return
        conflicts = {
            (p.mentor_id, p.mentee_id): self._check(p.mentor_id, p.mentee_id)
            for p in result.proposals
        }
        chosen = SuggestionsDialog.ask(self, result, self.ws.roster.employees(), conflicts)
        if not chosen:
            self.message.emit("No suggestion accepted.")
            return
        cohort, picked = self.cohort, [(p.mentor_id, p.mentee_id) for p in chosen]
        if self.push(lambda: accept_proposals_command(self.ws, cohort, picked)):
            self.message.emit(f"Accepted {plural(len(chosen), 'suggested pair')} · undo: Ctrl+Z")
