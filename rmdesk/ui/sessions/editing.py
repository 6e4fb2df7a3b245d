"""Editing from the Sessions view: log, notes, add, move, drop, plan, actions and closing a
pair, each an undo step calling ``ws.sessions`` on the selected pair. The base of SessionsView."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from rmdesk.errors import RmdeskError
from rmdesk.models.cohorts import Cohort
from rmdesk.models.sessions import CancelledBy, PlanRefresh, Session, SessionStatus
from rmdesk.models.wording import plural
from rmdesk.ui.common.empty_state import HintedTable
from rmdesk.ui.common.undo import push
from rmdesk.ui.sessions.commands import ActionsEdit, ClosePair, SessionsEdit
from rmdesk.ui.sessions.detail import PairDetail
from rmdesk.ui.sessions.dialogs import ActionDialog, CloseDialog, NotesDialog, Span, WhenDialog
from rmdesk.ui.sessions.model import PAIR_ID_ROLE, PairRow, TimelineModel
from rmdesk.workspace import Workspace
from rmdesk.workspace.sessions import local_zone


class SessionEditing(QWidget):
    """The selected pair and the edits on it; ``message`` carries status-bar sentences."""

    message = Signal(str)

    # made by SessionsView
    ws: Workspace
    undo_stack: QUndoStack
    model: TimelineModel
    table: HintedTable
    detail: PairDetail
    _logged_last: dict[int, int]  # pair -> the session last logged here (for Notes…)
    cohort: Cohort | None

    def _cohort_span(self) -> Span:
        c = self.cohort
        return (c.starts, c.ends) if c is not None else (None, None)

    def current_pair_id(self) -> int | None:
        index = self.table.currentIndex()
        return None if not index.isValid() else int(index.data(PAIR_ID_ROLE))

    def current_row(self) -> PairRow | None:
        pid = self.current_pair_id()
        return None if pid is None else self.model.pair_row(pid)

    # -- edits ----------------------------------------------------------------------------------
    def _push(self, command: SessionsEdit | ActionsEdit | ClosePair) -> bool:
        try:
            push(self.undo_stack, command)
        except RmdeskError as exc:
            self.message.emit(str(exc))
            return False
        self.message.emit(f"{command.text()} · undo: Ctrl+Z")
        return True

    def _chosen_session(self, row: PairRow) -> int | None:
        chosen = self.detail.selected_session_id()
        return chosen if chosen is not None and any(s.id == chosen for s in row.sessions) else None

    def _target_session(self, row: PairRow) -> int | None:
        """The session selected in the detail list, else the pair's first planned session
        whose day has come. One still ahead is logged only when chosen in the list: a key
        pressed by habit must not log next month's session as held."""
        chosen = self._chosen_session(row)
        if chosen is not None:
            return chosen
        due = row.due(datetime.now(local_zone()))
        return None if due is None else due.id

    def log_current(self, status: SessionStatus, cancelled_by: CancelledBy | None = None) -> bool:
        """Log the selected (or next planned) session of the selected pair."""
        row = self.current_row()
        if row is None:
            self.message.emit("Select a pair first")
            return False
        sid = self._target_session(row)
        if sid is None:
            ahead = row.next_planned()
            self.message.emit(
                f"{row.label}: no session is due yet; the next is on {ahead.starts_at:%d %b}. "
                "Choose it in the list to log it early."
                if ahead is not None
                else f"{row.label} has no planned session to log; add one (Ins)"
            )
            return False
        when = next(s.starts_at for s in row.sessions if s.id == sid)
        self._logged_last[row.pair_id] = sid  # what Notes… (Ctrl+E) then opens
        what = status if cancelled_by is None else f"cancelled by the {cancelled_by}"
        text = f"Log {row.label}, {when:%d %b}: {what}"
        edit = lambda: self.ws.sessions.log(sid, status=status, cancelled_by=cancelled_by)  # noqa: E731
        return self._push(SessionsEdit(self.ws, row.pair_id, text, edit))

    def _notes_session(self, row: PairRow, now: datetime) -> int | None:
        """The session chosen in the list; else the one just logged here; else the first
        planned one whose day has come; else the last one whose time has come."""
        chosen = self._chosen_session(row)
        if chosen is not None:
            return chosen
        logged = self._logged_last.get(row.pair_id)
        if logged is not None and any(s.id == logged for s in row.sessions):
            return logged
        found = row.due(now) or row.latest_started(now)
        return None if found is None else found.id

    def edit_notes(self) -> None:
        """Notes of a session (``_notes_session``). Notes on a planned session whose time
        has come mark it held; one still ahead stays planned."""
        row = self.current_row()
        if row is None:
            return
        now = datetime.now(local_zone())
        sid = self._notes_session(row, now)
        if sid is None:
            self.message.emit(f"{row.label} has had no session yet to write notes about")
            return
        session = self.ws.sessions.session(sid)
        answer = NotesDialog.ask(self, session, row.label)
        if answer is None:
            return
        topics, learnings, reversal, note = answer
        came = session.starts_at.astimezone(now.tzinfo).date() <= now.date()  # its day came
        status: SessionStatus = "held" if session.status == "planned" and came else session.status

        def edit() -> None:
            self.ws.sessions.log(
                sid, status=status, cancelled_by=session.cancelled_by, topics=topics,
                learnings=learnings, role_reversal=reversal, confidential_note=note,
            )  # fmt: skip

        self._push(SessionsEdit(self.ws, row.pair_id, f"Notes of {row.label}", edit))

    def add_session(self) -> None:
        row = self.current_row()
        if row is None:
            return
        span = self._cohort_span()
        start = suggested_start(row.sessions, span, datetime.now(local_zone()))
        when = WhenDialog.ask(self, f"New session for {row.label}", start, span)
        if when is not None:
            edit = lambda: self.ws.sessions.add(row.pair_id, when)  # noqa: E731
            self._push(SessionsEdit(self.ws, row.pair_id, f"Add a session to {row.label}", edit))

    def move_session(self) -> None:
        row = self.current_row()
        sid = self._target_session(row) if row else None
        if row is None or sid is None:
            return
        old = self.ws.sessions.session(sid)
        title = f"Move the session of {old.starts_at:%Y-%m-%d}"
        when = WhenDialog.ask(self, title, old.starts_at, self._cohort_span())
        if when is not None:
            edit = lambda: self.ws.sessions.move(sid, when)  # noqa: E731
            self._push(SessionsEdit(self.ws, row.pair_id, f"Move a session of {row.label}", edit))

    def drop_session(self) -> None:
        row = self.current_row()
        sid = self.detail.selected_session_id() if row else None
        if row is None or sid is None:
            self.message.emit("Select the session to drop in the pair's list")
            return
        edit = lambda: self.ws.sessions.drop(sid)  # noqa: E731
        self._push(SessionsEdit(self.ws, row.pair_id, f"Drop a session of {row.label}", edit))

    def plan_pair(self) -> None:
        """P: plan the pair's sessions from its agreement. Nothing to change is said without
        an undo step; a re-plan that drops sessions still ahead names them and asks first."""
        row = self.current_row()
        if row is None:
            return
        now = datetime.now(local_zone())  # one moment for what is shown and what is done
        try:
            preview = self.ws.sessions.plan_preview(row.pair_id, now)
        except RmdeskError as exc:
            self.message.emit(str(exc))
            return
        if not preview.changes:
            self.message.emit(f"The plan of {row.label} is up to date; nothing changed")
            return
        dropped = [f"{s.starts_at:%d %b %H:%M}" for s in preview.drop]
        if dropped and not self.confirm_replan(row.label, dropped):
            return
        done: list[PlanRefresh] = []
        edit = lambda: done.append(self.ws.sessions.plan(row.pair_id, now))  # noqa: E731
        if self._push(SessionsEdit(self.ws, row.pair_id, f"Plan {row.label}", edit)) and done:
            made = done[0]
            parts = [f"{plural(len(made.add), 'session')} added"]
            parts += [f"{len(made.update)} changed"] if made.update else []
            parts += [f"{len(made.drop)} dropped"] if made.drop else []
            self.message.emit(f"Planned {row.label}: {', '.join(parts)} · undo: Ctrl+Z")

    def confirm_replan(self, label: str, dropped: list[str]) -> bool:
        """Whether a re-plan may drop these sessions still ahead (a seam tests replace)."""
        answer = QMessageBox.question(
            self,
            "Plan the sessions again",
            f"Planning {label} again from the agreement drops "
            f"{plural(len(dropped), 'session')} still ahead that the plan does not hold: "
            f"{', '.join(dropped)}.\n\nPlan again?",
        )
        return answer == QMessageBox.StandardButton.Yes

    def add_action(self) -> None:
        row = self.current_row()
        if row is None:
            return
        answer = ActionDialog.ask(self, row.label)
        if answer is None:
            return
        text, owner, due = answer
        edit = lambda: self.ws.sessions.add_action(row.pair_id, text, owner, due)  # noqa: E731
        self._push(ActionsEdit(self.ws, row.pair_id, f"Action for {row.label}", edit))

    def toggle_action_done(self) -> None:
        row = self.current_row()
        aid = self.detail.selected_action_id() if row else None
        if row is None or aid is None:
            self.message.emit("Select an action in the pair's list")
            return
        done = None if self.ws.sessions.action(aid).is_done else self.model.today
        edit = lambda: self.ws.sessions.set_action_done(aid, done)  # noqa: E731
        verb = "Reopen" if done is None else "Done:"
        self._push(ActionsEdit(self.ws, row.pair_id, f"{verb} action of {row.label}", edit))

    def close_pair(self) -> None:
        row = self.current_row()
        if row is None:
            return
        answer = CloseDialog.ask(self, row.label)
        if answer is not None:
            self._push(ClosePair(self.ws, row.pair_id, row.label, *answer))


def suggested_start(sessions: list[Session], span: Span, now: datetime) -> datetime:
    """Where a new session's date starts: a month after the pair's last session (now, for a
    pair without one), kept inside the cohort's dates, at the last session's time of day."""
    last = sessions[-1].starts_at if sessions else None
    start = last + timedelta(days=30) if last is not None else now
    first_day, last_day = span
    if last_day is not None and start.date() > last_day:
        start = start.replace(year=last_day.year, month=last_day.month, day=last_day.day)
    if first_day is not None and start.date() < first_day:
        start = start.replace(year=first_day.year, month=first_day.month, day=first_day.day)
    return start
