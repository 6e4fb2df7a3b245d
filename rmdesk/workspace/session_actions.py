"""The actions of ``ws.sessions``: learnings turned into tasks with an owner and a due date,
and which of them are overdue."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rmdesk.errors import NotFound, RmdeskError
from rmdesk.models.actions import Action, is_overdue, overdue_actions
from rmdesk.models.cohorts import Cohort
from rmdesk.workspace import session_reads as reads
from rmdesk.workspace.events import ActionsChanged
from rmdesk.workspace.session_base import SessionBase, one
from rmdesk.workspace.store import now_text


class SessionActions(SessionBase):
    """The actions that come out of sessions: add, mark done, read, put back for undo."""

    def action(self, action_id: int) -> Action:
        row = self.db.execute(
            f"SELECT {reads.ACTION_COLUMNS} FROM actions WHERE id = ?", [action_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"there is no action number {action_id}")
        return reads.action_of(row)

    def pair_actions(self, pair_id: int) -> list[Action]:
        rows = self.db.execute(
            f"SELECT {reads.ACTION_COLUMNS} FROM actions WHERE pair_id = ? "
            "ORDER BY due IS NULL, due, id",
            [pair_id],
        )
        return [reads.action_of(r) for r in rows]

    def add_action(
        self,
        pair_id: int,
        text: str,
        owner: str,
        due: date | None = None,
        session_id: int | None = None,
    ) -> Action:
        """A learning turned into an action: an owner (mentor, mentee, sponsor or a named
        person) and a due date."""
        text, owner = " ".join(text.split()), " ".join(owner.split())
        if not text:
            raise RmdeskError("an action needs a text saying what to do")
        if not owner:
            raise RmdeskError("an action needs an owner (mentor, mentee, sponsor or a name)")
        with self.store.atomic():
            self._active_pair(pair_id)  # a closed pair's history stays as it ended
            cur = self.db.execute(
                "INSERT INTO actions (pair_id, session_id, text, owner, due, done, created_at) "
                "VALUES (?, ?, ?, ?, ?, 0, ?)",
                [pair_id, session_id, text, owner, due.isoformat() if due else None, now_text()],
            )
            self.store.emit(ActionsChanged(one([pair_id])))
        return self.action(int(cur.lastrowid or 0))

    def set_action_done(self, action_id: int, done_on: date | None) -> Action:
        """Mark an action done on ``done_on``, or open again with None."""
        a = self.action(action_id)
        with self.store.atomic():
            self.db.execute(
                "UPDATE actions SET done = ?, done_on = ? WHERE id = ?",
                [int(done_on is not None), done_on.isoformat() if done_on else None, action_id],
            )
            self.store.emit(ActionsChanged(one([a.pair_id])))
        return self.action(action_id)

    def replace_actions(self, pair_id: int, wanted: Sequence[Action]) -> None:
        """Make the pair's actions exactly ``wanted`` (ids kept), for undo and redo."""
        with self.store.atomic():
            keep = {a.id for a in wanted}
            for a in self.pair_actions(pair_id):
                if a.id not in keep:
                    self.db.execute("DELETE FROM actions WHERE id = ?", [a.id])
            for a in wanted:
                row = a.to_row()
                cols = ", ".join(row)
                updates = ", ".join(f"{c} = excluded.{c}" for c in row if c != "id")
                self.db.execute(
                    f"INSERT INTO actions ({cols}) VALUES ({', '.join('?' * len(row))}) "
                    f"ON CONFLICT(id) DO UPDATE SET {updates}",
                    list(row.values()),
                )
            self.store.emit(ActionsChanged(one([pair_id])))

    def actions(
        self, cohort: Cohort | None = None, overdue_only: bool = False, today: date | None = None
    ) -> list[Action]:
        """The actions of the cohort's pairs, closed ones too (an action stays to be done
        after its pair ends); ``overdue_only`` gives the overdue ones, the longest overdue
        first."""
        cohort = cohort or self.cohorts.cohort()
        found = reads.cohort_actions(self._conn, cohort.id, closed_too=True)
        if overdue_only:
            return overdue_actions(found, today or self._today())
        return found

    def is_overdue(self, action: Action, today: date | None = None) -> bool:
        return is_overdue(action, today or self._today())
