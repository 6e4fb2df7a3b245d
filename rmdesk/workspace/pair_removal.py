"""Taking a pair off the board, and putting it back (undo), for ``ws.pairing``.

A pair that met, signed or took on actions ran: unpairing ends it early and keeps its history.
One with nothing yet is removed. Putting one back keeps its id when it is free, and refuses
when one of the two has left the roster since.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from rmdesk.errors import RmdeskError
from rmdesk.models.cohorts import Pair, PairView
from rmdesk.workspace.events import PairsChanged
from rmdesk.workspace.store import Store, now_text

if TYPE_CHECKING:
    from rmdesk.storage.sqlite import Database

PAIR_COLUMNS = "id, cohort_id, mentor_id, mentee_id, override_reason, status, created_at"
#: The note of a pair that ran and was taken off the board (ended early, outcome "other").
UNPAIRED_NOTE = "unpaired by the programme officer"


class PairRemoval:
    """Unpair and its undo; part of ``PairingService``."""

    store: Store
    db: Database

    if TYPE_CHECKING:  # PairingService's own, which this part uses

        def get_pair(self, pair_id: int) -> Pair: ...

        def pair_view(self, pair_id: int) -> PairView: ...

    def unpair(self, pair_id: int) -> Pair:
        """Undo a match; returns the pair as it was, so that undo can put it back.

        A pair with an agreement, sessions or actions is ended, never deleted: deleting it
        would take that history with it. A pair with none is simply removed.
        """
        with self.store.atomic():
            pair = self.get_pair(pair_id)  # read inside the write: a close may have landed
            if pair.status != "active":
                raise RmdeskError(f"pair {pair_id} is closed already; it stays as it ended")
            if self._has_history(pair_id):
                # a pair that met, signed or took on actions ran: it ends early, and reports
                # and exports keep it; one with only a draft or a plan was a match taken back
                outcome, note = ("other", UNPAIRED_NOTE) if self._ran(pair_id) else (None, "")
                self.db.execute(
                    "UPDATE pairs SET status = 'ended', ended_at = ?, outcome = ?, "
                    "outcome_note = ? WHERE id = ?",
                    [now_text(), outcome, note, pair_id],
                )
            else:
                self.db.execute("DELETE FROM pairs WHERE id = ?", [pair_id])
            self.store.emit(PairsChanged(pair.cohort_id, removed=frozenset({pair_id})))
        return pair

    def _ran(self, pair_id: int) -> bool:
        """Whether the pair met (a session held, cancelled or missed), took on an action or
        signed its agreement."""
        return bool(
            self.db.execute(
                "SELECT EXISTS (SELECT 1 FROM sessions WHERE pair_id = ? AND status <> 'planned') "
                "OR EXISTS (SELECT 1 FROM actions WHERE pair_id = ?) "
                "OR EXISTS (SELECT 1 FROM signatures g JOIN agreements a ON a.id = g.agreement_id "
                "WHERE a.pair_id = ?)",
                [pair_id, pair_id, pair_id],
            ).fetchone()[0]
        )

    def _has_history(self, pair_id: int) -> bool:
        return any(
            self.db.execute(
                f"SELECT 1 FROM {table} WHERE pair_id = ? LIMIT 1", [pair_id]
            ).fetchone()
            for table in ("agreements", "sessions", "actions")
        )

    def left_the_roster(self, *ids: str) -> list[str]:
        """Which of these people the roster now marks as having left (read inside a write
        that must not bring back a pair of theirs)."""
        marks = ", ".join("?" * len(ids))
        return [
            r[0]
            for r in self.db.execute(
                f"SELECT employee_id FROM employees WHERE employee_id IN ({marks}) AND active = 0",
                list(ids),
            )
        ]

    def restore_pair(self, pair: Pair) -> PairView:
        """Put back a pair removed by ``unpair`` (undo), with its id and override reason.
        Refused, with nothing changed, when one of the two has left the roster, has been
        paired again or is at capacity, or when a pair made since took its id (SQLite reuses
        the highest): steps lower on the undo stack name the pair by that id."""
        who = f"the pair of {pair.mentor_id} and {pair.mentee_id}"
        with self.store.atomic():
            left = self.left_the_roster(pair.mentor_id, pair.mentee_id)
            if left:
                raise RmdeskError(
                    f"{who} cannot be put back: {' and '.join(left)} left the roster since"
                )
            row = self.db.execute(
                "SELECT cohort_id, mentor_id, mentee_id FROM pairs WHERE id = ?", [pair.id]
            ).fetchone()
            if row is not None and tuple(row) != (pair.cohort_id, pair.mentor_id, pair.mentee_id):
                raise RmdeskError(f"{who} cannot be put back: a pair made since took its place")
            for person, role in ((pair.mentor_id, "mentor"), (pair.mentee_id, "mentee")):
                self.db.execute(
                    "INSERT OR IGNORE INTO participants (cohort_id, employee_id, "
                    "role) VALUES (?, ?, ?)",
                    [pair.cohort_id, person, role],
                )
            try:
                if row is not None:  # ended by unpair (it had history): active again
                    self.db.execute(
                        "UPDATE pairs SET status = ?, ended_at = NULL, outcome = NULL, "
                        "outcome_note = '' WHERE id = ?",
                        [pair.status, pair.id],
                    )
                else:
                    self.db.execute(
                        f"INSERT INTO pairs ({PAIR_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [pair.id, pair.cohort_id, pair.mentor_id, pair.mentee_id,
                         pair.override_reason, pair.status, pair.created_at],
                    )  # fmt: skip
            except sqlite3.IntegrityError as exc:  # the schema's rules: paired again, full
                raise RmdeskError(
                    f"{who} cannot be put back: one of them is paired again or the mentor has "
                    f"no room left ({exc})"
                ) from exc
            self.store.emit(PairsChanged(pair.cohort_id, added=frozenset({pair.id})))
        return self.pair_view(pair.id)
