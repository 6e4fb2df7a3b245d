"""Undo steps the dashboard offers: a pair's "leave out of reports" switch."""

from __future__ import annotations

from rmdesk.ui.common.undo import Command
from rmdesk.workspace import Workspace


class LeaveOutOfReportsCommand(Command):
    """Leave a pair out of the outcomes report (``private``) or name it there again."""

    def __init__(self, ws: Workspace, pair_id: int, private: bool) -> None:
        pair = ws.pairing.get_pair(pair_id)
        people = ws.roster.employees()
        names = " and ".join(
            people[e].name if e in people else e for e in (pair.mentor_id, pair.mentee_id)
        )
        verb = "Leave out of reports" if private else "Name in reports again"
        super().__init__(f"{verb}: {names}")
        self.ws, self.pair_id, self.private = ws, pair_id, private
        self.before: bool | None = None

    def do(self) -> None:
        self.before = self.ws.reports.set_private(self.pair_id, self.private)

    def undo(self) -> None:
        assert self.before is not None
        self.ws.reports.set_private(self.pair_id, self.before)
