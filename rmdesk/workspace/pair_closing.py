"""Closing pairs for ``ws.sessions``: ending a pair with its outcome (completed, or early with
a reason) and undoing that."""

from __future__ import annotations

import sqlite3

from rmdesk.errors import NotFound, RmdeskError
from rmdesk.models.cohorts import Pair
from rmdesk.models.sessions import OUTCOMES
from rmdesk.workspace.events import PairsChanged
from rmdesk.workspace.session_base import SessionBase, one
from rmdesk.workspace.store import now_text


class PairClosing(SessionBase):
    """Closing a pair with an outcome, reading how it ended, and reopening it."""

    def close(self, pair_id: int, outcome: str, note: str = "") -> Pair:
        """End a pair: ``completed`` at the programme's end, or early with a reason (no-fault,
        left, mismatch, other). It leaves the active board and keeps its history."""
        if outcome not in OUTCOMES:
            raise RmdeskError(f"'{outcome}' is not an outcome; use one of {', '.join(OUTCOMES)}")
        pair = self._active_pair(pair_id)
        with self.store.atomic():
            self.db.execute(
                "UPDATE pairs SET status = 'ended', ended_at = ?, outcome = ?, outcome_note = ? "
                "WHERE id = ?",
                [now_text(), outcome, " ".join(note.split()), pair_id],
            )
            self.store.emit(PairsChanged(pair.cohort_id, changed=one([pair_id])))
        return self.pairing.get_pair(pair_id)

    def outcome(self, pair_id: int) -> tuple[str | None, str]:
        """How a closed pair ended (outcome, note); (None, '') while it runs."""
        row = self.db.execute(
            "SELECT outcome, outcome_note FROM pairs WHERE id = ?", [pair_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"there is no pair number {pair_id}")
        return (None if row[0] is None else str(row[0]), str(row[1] or ""))

    def reopen(self, pair_id: int) -> Pair:
        """Undo a close: the pair is active again, unless its places were taken since."""
        pair = self.pairing.get_pair(pair_id)
        if pair.status == "active":
            return pair
        with self.store.atomic():
            left = self.pairing.left_the_roster(pair.mentor_id, pair.mentee_id)
            if left:  # checked inside the write: an import may have landed since the close
                raise RmdeskError(
                    f"pair {pair_id} cannot be reopened: {' and '.join(left)} left the roster "
                    "since it was closed"
                )
            try:
                self.db.execute(
                    "UPDATE pairs SET status = 'active', ended_at = NULL, outcome = NULL, "
                    "outcome_note = '' WHERE id = ?",
                    [pair_id],
                )
            except sqlite3.IntegrityError as exc:
                raise RmdeskError(
                    f"pair {pair_id} cannot be reopened: its people are paired again ({exc})"
                ) from exc
            self.store.emit(PairsChanged(pair.cohort_id, changed=one([pair_id])))
        return self.pairing.get_pair(pair_id)
