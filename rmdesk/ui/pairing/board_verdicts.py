"""The board's verdicts: what pairing the people dragged, or selected, would mean; and what
the candidate and list filters say when they match nobody. The base of PairingBoard."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from rmdesk.models.cohorts import Cohort
from rmdesk.models.conflicts import Conflict, PairingContext, check_pair
from rmdesk.ui.pairing.board_views import BoardListView
from rmdesk.ui.pairing.models import PairsModel, PeopleModel, decode_people
from rmdesk.ui.pairing.verdict_panel import VerdictPanel
from rmdesk.ui.roster.model import RosterModel
from rmdesk.ui.roster.view import PeopleTable, show_search_problems
from rmdesk.workspace import Workspace


class BoardVerdicts(QWidget):
    """The verdict panel always describes what is under the cursor or selected now."""

    # made by PairingBoard
    ws: Workspace
    cohort: Cohort | None
    ctx: PairingContext | None
    mentors: PeopleModel
    mentees: PeopleModel
    pairs: PairsModel
    mentor_view: BoardListView
    mentee_view: BoardListView
    pair_view: BoardListView
    verdict: VerdictPanel
    roster_model: RosterModel
    roster_table: PeopleTable
    roster_search: QLineEdit
    roster_hint: QLabel
    candidates_title: QLabel
    _pair_selected_last: bool

    def _check(self, mentor_id: str, mentee_id: str) -> list[Conflict]:
        assert self.ctx is not None
        people = self.ws.roster.employees()
        return check_pair(people[mentor_id], people[mentee_id], self.ctx)

    def _pair_for_drop(
        self, target: str, kind: str, ids: list[str], row: int
    ) -> tuple[str, str] | None:
        """Which (mentor, mentee) a drop of ``ids`` onto ``row`` of ``target`` would make."""
        if not ids or row < 0 or self.cohort is None:
            return None
        if target == "mentee" and kind == "mentor":
            return ids[0], self.mentees.person(row).employee_id
        if target == "mentor" and kind == "mentee":
            return self.mentors.person(row).employee_id, ids[0]
        if target == "pairs" and kind in ("mentor", "mentee"):
            p = self.pairs.pair_at(row).pair
            return (p.mentor_id, ids[0]) if kind == "mentee" else (ids[0], p.mentee_id)
        return None

    def _verdict(
        self, target: str, mime: QMimeData, row: int
    ) -> tuple[str, str, list[Conflict]] | None:
        kind, ids = decode_people(mime)
        match = self._pair_for_drop(target, kind, ids, row)
        if match is None:
            return None
        return match[0], match[1], self._check(*match)

    def _show_verdict(self, verdict: object) -> None:
        """A drag's verdict while it hovers; when it leaves or drops, the selection's again."""
        if not verdict:
            self._refresh_verdict()
            return
        assert isinstance(verdict, tuple)
        mentor_id, mentee_id, conflicts = verdict
        people = self.ws.roster.employees()
        self.verdict.show_match(people[mentor_id], people[mentee_id], conflicts)

    def _people_selected(self) -> None:
        self._pair_selected_last = False
        self._refresh_verdict()

    def _pair_selected(self) -> None:
        self._pair_selected_last = True
        self._refresh_verdict()

    def _refresh_verdict(self) -> None:
        """Describe what is selected now: a mentor and a mentee, or a pair card; else clear."""
        people = self.ws.roster.employees()
        rows = self.pair_view.selectionModel().selectedRows()
        pick = self.selected_match()
        if rows and (self._pair_selected_last or pick is None):
            view = self.pairs.pair_at(rows[0].row())
            p = view.pair
            if p.mentor_id in people and p.mentee_id in people:
                mentor, mentee = people[p.mentor_id], people[p.mentee_id]
                self.verdict.show_match(mentor, mentee, view.conflicts, "Paired · ")
                return
        if pick is not None and self.ctx is not None:
            self.verdict.show_match(people[pick[0]], people[pick[1]], self._check(*pick))
            return
        self.verdict.clear_verdict()

    def _candidates_filtered(self, text: str) -> None:
        show_search_problems(self.roster_hint, self.roster_model)
        shown, total = self.roster_model.rowCount(), self.roster_model.total
        count = f"{shown:,} of {total:,}" if shown != total else f"{total:,}"
        self.candidates_title.setText(f"<b>Roster</b> · {count}" if total else "<b>Roster</b>")
        query = text.strip()
        self.roster_table.empty_text = (
            f"Nobody matches “{query}”." if query else "Everybody on the roster has left."
        )

    @staticmethod
    def _list_filtered(view: BoardListView, text: str) -> None:
        view.filter_text = text.strip()

    def selected_match(self) -> tuple[str, str] | None:
        m = self.mentor_view.selectionModel().selectedRows()
        e = self.mentee_view.selectionModel().selectedRows()
        if not m or not e:
            return None
        return (
            self.mentors.person(m[0].row()).employee_id,
            self.mentees.person(e[0].row()).employee_id,
        )
