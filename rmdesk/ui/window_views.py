"""The programme views of the main window beyond roster and board: the dashboard, the
agreements and the sessions, with the menu actions that belong to them (reports, exports,
the calendar) and the click-through from a dashboard figure to the pairs behind it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QFileDialog, QWidget

from rmdesk.errors import RmdeskError
from rmdesk.models.cohorts import Cohort
from rmdesk.models.sessions import OUTCOME_WORDS
from rmdesk.models.wording import plural
from rmdesk.ui.agreements.view import AgreementsView
from rmdesk.ui.common.pair_lists import ActionsDialog, PairsBehindDialog
from rmdesk.ui.common.programme_dialog import (
    ProgrammeDialog,
    ProgrammeSettings,
    ProgrammeSettingsCommand,
)
from rmdesk.ui.common.sentences import error_sentence
from rmdesk.ui.common.signals import WorkspaceSignals
from rmdesk.ui.dashboard import DashboardView
from rmdesk.ui.sessions.view import SessionsView
from rmdesk.workspace import Workspace


class ProgrammeViews(QObject):
    """Builds the three views over one workspace and the actions the window's menus show."""

    message = Signal(str)
    #: a view key the window should switch to ("sessions"…)
    show_view = Signal(str)

    def __init__(
        self,
        ws: Workspace,
        undo_stack: QUndoStack,
        signals: WorkspaceSignals,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.window = parent
        self.dashboard = DashboardView(ws, undo_stack, signals)
        self.agreements = AgreementsView(ws, undo_stack, signals)
        self.sessions = SessionsView(ws, undo_stack, signals)
        self.cohort: Cohort | None = None
        for view in (self.dashboard, self.agreements, self.sessions):
            view.message.connect(self.message)
        self.dashboard.show_pairs.connect(self.show_pairs)

        self.act_report = QAction("&Outcomes report…", self)
        self.act_report.setStatusTip("The sponsor's PDF report; confidential notes never go in")
        self.act_report.triggered.connect(self.dashboard.outcomes_report)
        self.act_export = QAction("&Export pairs, sessions or actions…", self)
        self.act_export.setShortcut(QKeySequence("Ctrl+Shift+E"))  # Ctrl+E: a session's notes
        self.act_export.triggered.connect(self.dashboard.export)
        self.act_announce = QAction("&Announce the pairs…", self)
        self.act_announce.setStatusTip("Pairs list (PDF, XLSX) and an e-mail draft per pair")
        self.act_announce.triggered.connect(self.dashboard.announce)
        self.act_calendar = QAction("Export &calendar…", self)
        self.act_calendar.setStatusTip("Planned sessions as an iCalendar file (Outlook, Google)")
        self.act_calendar.triggered.connect(self.export_calendar)
        self.act_programme = QAction("Pro&gramme settings…", self)
        self.act_programme.setStatusTip(
            "Programme name, organisation and officer printed on agreements and reports; paper"
        )
        self.act_programme.triggered.connect(self.edit_programme)
        self.act_programme.setEnabled(not ws.store.read_only)
        self.undo_stack = undo_stack
        self.act_actions = QAction("All &actions…", self)
        self.act_actions.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.act_actions.setStatusTip("Every action of the cohort, the overdue ones first")
        self.act_actions.triggered.connect(self.show_actions)
        self.act_private = QAction("&Leave this pair out of reports", self)
        self.act_private.setCheckable(True)
        self.act_private.setStatusTip(
            "The pair selected in Sessions counts only in anonymous totals of the outcomes report"
        )
        self.act_private.toggled.connect(self._private_toggled)
        self.file_actions = [
            self.act_export,
            self.act_report,
            self.act_announce,
            self.act_calendar,
            self.agreements.act_export_all,
            self.agreements.act_print,
        ]

    def set_cohort(self, cohort: Cohort | None) -> None:
        self.cohort = cohort
        for view in (self.dashboard, self.agreements, self.sessions):
            view.set_cohort(cohort)
        for act in (
            self.act_report,
            self.act_export,
            self.act_announce,
            self.act_calendar,
            self.act_actions,
        ):
            act.setEnabled(cohort is not None and not self.ws.store.read_only)

    def refresh_private(self) -> None:
        """The switch follows the pair selected in the Sessions view (called as a menu opens)."""
        pair_id = self.sessions.current_pair_id()
        self.act_private.blockSignals(True)
        self.act_private.setEnabled(pair_id is not None and not self.ws.store.read_only)
        self.act_private.setChecked(pair_id is not None and self.ws.reports.is_private(pair_id))
        self.act_private.blockSignals(False)

    def _private_toggled(self, private: bool) -> None:
        pair_id = self.sessions.current_pair_id()
        if pair_id is not None:
            self.dashboard.set_pair_private(pair_id, private)
            word = "left out of" if private else "named again in"
            self.message.emit(f"Pair {pair_id} is {word} reports (undo: Ctrl+Z)")

    def edit_programme(self) -> ProgrammeSettings | None:
        """Ask for the programme settings and apply them as one undo step."""
        before = ProgrammeSettings.of(self.ws)
        after = ProgrammeDialog.ask(before, self.window)
        if after is None or after == before:
            return None
        self.undo_stack.push(ProgrammeSettingsCommand(self.ws, before, after))
        self.message.emit("Programme settings changed (undo: Ctrl+Z)")
        return after

    def show_actions(self) -> None:
        if self.cohort is None:
            return
        chosen = ActionsDialog.ask(self.ws, self.cohort, self.window, self._action_done)
        self._open_in_sessions(chosen)

    def _action_done(self, action_id: int) -> bool:
        """Mark an action done today, as one undo step; False when refused (said)."""
        from rmdesk.ui.common.undo import push
        from rmdesk.ui.sessions.commands import ActionsEdit

        action = self.ws.sessions.action(action_id)
        edit = lambda: self.ws.sessions.set_action_done(action_id, date.today())  # noqa: E731
        try:
            push(
                self.undo_stack, ActionsEdit(self.ws, action.pair_id, f"Done: {action.text}", edit)
            )
        except RmdeskError as exc:
            self.message.emit(str(exc))
            return False
        self.message.emit(f"Done: {action.text} · undo: Ctrl+Z")
        return True

    def show_pairs(self, pair_ids: list[int], title: str) -> None:
        """A dashboard figure clicked: the pairs behind it, one of which opens in Sessions."""
        if not pair_ids:  # a bar of zero: nothing to list, and an empty list says less
            self.message.emit(f"{title}: no pair")
            return
        chosen = PairsBehindDialog.ask(self.ws, list(pair_ids), title, self.window)
        self._open_in_sessions(chosen)

    def _open_in_sessions(self, pair_id: int | None) -> None:
        """Open a pair in Sessions; a closed pair is not there, and that is said."""
        if pair_id is None:
            return
        try:
            pair = self.ws.pairing.get_pair(pair_id)
        except RmdeskError as exc:  # removed meanwhile
            self.message.emit(str(exc))
            return
        if pair.status == "active":
            if not self.sessions.select_pair(pair_id):  # hidden by the search in Sessions
                self.sessions.search.clear()
                self.sessions.select_pair(pair_id)
            self.show_view.emit("sessions")
            return
        outcome, _note = self.ws.sessions.outcome(pair_id)
        ended = OUTCOME_WORDS.get(outcome or "", "ended").lower()
        self.message.emit(
            f"Pair {pair_id} is closed ({ended}), so Sessions does not list it; its history "
            "is in the outcomes report and the exports."
        )

    def export_calendar(self) -> Path | None:
        cohort = self.cohort
        if cohort is None:
            return None
        target = ask_calendar_file(self.window, f"{cohort.name}.ics")
        if target is None:
            return None
        try:
            count = self.ws.sessions.calendar(target, cohort=cohort)
        except (RmdeskError, OSError) as exc:
            self.message.emit(f"The calendar was not written: {error_sentence(exc)}")
            return None
        self.message.emit(f"Wrote {plural(count, 'session')} to {target}")
        return target

    def since_last_look(self) -> str | None:
        """'Since you last looked: 2 pairs at risk' for the chosen cohort, once per change."""
        cohort = self.cohort
        if cohort is None or self.ws.store.read_only:
            return None
        worse = self.ws.sessions.since_last_look(cohort)
        self.ws.sessions.mark_looked(cohort)
        if not worse:
            return None
        stalled = sum(1 for h in worse if h.status == "stalled")
        risk = len(worse) - stalled
        parts = [plural(risk, "pair") + " at risk"] if risk else []
        if stalled:
            parts.append(plural(stalled, "pair") + " stalled")
        return "Since you last looked: " + " and ".join(parts)


def ask_calendar_file(parent: QWidget, suggested: str) -> Path | None:
    """Where to write the calendar (a seam tests replace)."""
    name, _ = QFileDialog.getSaveFileName(
        parent, "Export sessions to a calendar", suggested, "iCalendar (*.ics)"
    )
    return Path(name) if name else None
