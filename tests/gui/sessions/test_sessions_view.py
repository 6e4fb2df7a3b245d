"""The sessions view: quick logging by keystroke and click, undo/redo of a log and a close,
only the changed rows updating, search, and the dialogs' seams."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QUndoStack

from rmdesk.models.cohorts import Cohort
from rmdesk.ui.common.signals import WorkspaceSignals
from rmdesk.ui.sessions.dialogs import ActionDialog, CloseDialog, NotesDialog
from rmdesk.ui.sessions.model import COL_HEALTH, COL_TIMELINE, PAIR_ID_ROLE
from rmdesk.ui.sessions.view import SessionsView
from rmdesk.workspace import Workspace
from tests.unit.orgs import SMALL, write_roster

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


@pytest.fixture
def ws(workspace: Workspace, tmp_path: Path) -> Workspace:
    """SMALL, a cohort that began 60 days ago and three planned pairs (pair ids 1, 2, 3)."""
    workspace.roster.import_roster(write_roster(tmp_path / "small.csv", SMALL))
    today = date.today()
    cohort = workspace.cohorts.create_cohort(
        "Spring", today - timedelta(days=60), today + timedelta(days=120)
    )
    for mentor, mentee in (("S4", "F1"), ("F3", "S1"), ("S2", "T1")):
        workspace.pairing.pair(mentor, mentee, cohort)
    start = datetime.now(UTC) - timedelta(days=61)
    for v in workspace.pairing.pairs(cohort):
        workspace.sessions.plan(v.pair.id, now=start)
    return workspace


@pytest.fixture
def view(qtbot: Any, ws: Workspace) -> Iterator[SessionsView]:
    signals = WorkspaceSignals(ws)
    v = SessionsView(ws, QUndoStack(), signals)
    qtbot.addWidget(v)
    v.resize(1280, 800)
    v.set_cohort(ws.cohorts.cohort())
    v.show()
    yield v
    signals.detach()


def first_planned(ws: Workspace, pair_id: int) -> int:
    return next(s.id for s in ws.sessions.sessions(pair_id) if s.status == "planned")


def test_view_shows_every_active_pair_with_health_and_a_timeline(view: SessionsView) -> None:
    assert view.objectName() == "sessionsView"
    assert view.model.rowCount() == 3
    index = view.model.index(0, COL_HEALTH)
    assert index.data() in {"On track", "At risk", "Stalled"}
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    summary = view.model.index(0, COL_TIMELINE).data()
    assert "planned" in summary
    assert view.count.text() == "3 active pairs"


def test_quick_logging_by_keystrokes_and_undo(
    qtbot: Any, view: SessionsView, ws: Workspace
) -> None:
    assert view.select_pair(1)
    target = first_planned(ws, 1)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_H)
    assert ws.sessions.session(target).status == "held"
    assert view.undo_stack.count() == 1
    # Shift+M: the next planned session is cancelled by the mentee (the senior)
    second = first_planned(ws, 1)
    qtbot.keyClick(view.table, Qt.Key.Key_M, Qt.KeyboardModifier.ShiftModifier)
    got = ws.sessions.session(second)
    assert (got.status, got.cancelled_by) == ("cancelled", "mentee")
    view.undo_stack.undo()
    assert ws.sessions.session(second).status == "planned"
    view.undo_stack.undo()
    assert ws.sessions.session(target).status == "planned"
    view.undo_stack.redo()
    assert ws.sessions.session(target).status == "held"
    # the detail list shows the outcome in words and a shape
    texts = [view.detail.sessions.topLevelItem(n).text(1) for n in range(3)]
    assert "● held" in texts


def test_quick_logging_by_clicks_logs_the_selected_session(
    qtbot: Any, view: SessionsView, ws: Workspace
) -> None:
    view.select_pair(2)
    third = ws.sessions.sessions(2)[2]
    view.detail.select_session(third.id)
    qtbot.mouseClick(view.buttons["byMentor"], Qt.MouseButton.LeftButton)
    got = ws.sessions.session(third.id)
    assert (got.status, got.cancelled_by) == ("cancelled", "mentor")
    qtbot.mouseClick(view.buttons["noShow"], Qt.MouseButton.LeftButton)
    assert ws.sessions.session(third.id).status == "no-show"  # still the selected one


def test_only_the_changed_row_updates(qtbot: Any, view: SessionsView, ws: Workspace) -> None:
    changed: list[tuple[int, int]] = []
    resets: list[bool] = []
    view.model.dataChanged.connect(
        lambda a, b, *_: changed.append((a.row(), b.row()))  # type: ignore[misc]
    )
    view.model.modelReset.connect(lambda: resets.append(True))
    ws.sessions.log(first_planned(ws, 3), status="held")  # e.g. from the CLI or another view
    row = view.model.row_of(3)
    assert changed == [(row, row)] and not resets
    assert view.model.pair_row(3) is not None
    assert view.model.pair_row(3).sessions[0].status == "held"  # type: ignore[union-attr]


def test_close_pair_leaves_the_board_and_undo_brings_it_back(
    view: SessionsView, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CloseDialog, "ask", classmethod(lambda cls, p, label: ("mismatch", "")))
    view.select_pair(2)
    view.close_pair()
    assert view.model.row_of(2) is None and view.model.rowCount() == 2
    assert ws.sessions.outcome(2) == ("mismatch", "")
    view.undo_stack.undo()
    assert view.model.row_of(2) is not None and ws.sessions.outcome(2) == (None, "")
    view.undo_stack.redo()
    assert view.model.row_of(2) is None


def test_search_is_accent_blind_and_needs_every_word(view: SessionsView) -> None:
    view.search.setText("jose")  # José Muñoz (F1), pair 1
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, 0).data(PAIR_ID_ROLE) == 1
    view.search.setText("MUNOZ kofi")
    assert view.proxy.rowCount() == 1
    view.search.setText("munoz wei")
    assert view.proxy.rowCount() == 0
    assert view.count.text() == "0 of 3 active pairs"
    view.search.clear()
    assert view.proxy.rowCount() == 3


def test_actions_and_notes_through_the_seams(
    view: SessionsView, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    late = date.today() - timedelta(days=3)
    asked: list[str] = []
    monkeypatch.setattr(
        ActionDialog, "ask", classmethod(lambda cls, p, label: ("Try the app", "mentee", late))
    )
    monkeypatch.setattr(
        NotesDialog,
        "ask",
        classmethod(
            lambda cls, p, s, label: asked.append(label) or ("AI", "Listen more", True, "SECRET")
        ),
    )
    view.select_pair(1)
    view.add_action()
    [action] = ws.sessions.pair_actions(1)
    item = view.detail.actions_list.topLevelItem(0)
    assert item is not None and item.text(0).startswith("Overdue")
    view.edit_notes()
    assert asked == [view.current_row().label]  # the dialog names the pair  # type: ignore[union-attr]
    held = ws.sessions.sessions(1)[0]
    assert (held.status, held.learnings, held.role_reversal) == ("held", "Listen more", True)
    assert "Confidential: SECRET" in view.detail.sessions.topLevelItem(0).text(3)
    view.detail.actions_list.setCurrentItem(view.detail.actions_list.topLevelItem(0))
    view.toggle_action_done()
    assert ws.sessions.action(action.id).is_done
    done = view.detail.actions_list.topLevelItem(0)
    assert done is not None and done.text(0).startswith("done ")  # no longer flagged
    view.undo_stack.undo()
    assert not ws.sessions.action(action.id).is_done


def test_a_refused_edit_leaves_no_undo_step(view: SessionsView, ws: Workspace) -> None:
    messages: list[str] = []
    view.message.connect(messages.append)
    view.select_pair(1)
    held = ws.sessions.log(first_planned(ws, 1), status="held")
    view.detail.select_session(held.id)
    view.drop_session()  # history is kept: refused
    assert ws.sessions.session(held.id).status == "held"
    assert view.undo_stack.count() == 0 and "kept as history" in messages[-1]


def test_set_cohort_none_empties_the_view(view: SessionsView) -> None:
    view.set_cohort(None)
    assert view.model.rowCount() == 0
    assert not view.table.currentIndex().isValid() or view.table.currentIndex() == QModelIndex()


def test_cohort_type_is_kept(view: SessionsView) -> None:
    assert isinstance(view.cohort, Cohort)


def test_typing_a_mentors_name_finds_the_pair_in_the_sessions_table(
    qtbot: Any, tmp_path: Path
) -> None:
    """The rows' text began with invisible direction marks, and type-to-find matched none."""
    ws = Workspace.open(tmp_path / "w.db")
    roster = tmp_path / "r.csv"
    roster.write_text(
        "Employee ID,Name,Grade\nA1,مريم الحسن,2\nB1,Bongani Suzuki,9\n"
        "A2,Zoë Ångström,3\nB2,Harold Whitcombe,10\n",
        encoding="utf-8",
    )
    ws.roster.import_roster(roster)
    cohort = ws.cohorts.create_cohort("Spring")
    ws.pairing.pair("A1", "B1", cohort, "test")
    ws.pairing.pair("A2", "B2", cohort, "test")
    view = SessionsView(ws, QUndoStack(), WorkspaceSignals(ws))
    qtbot.addWidget(view)
    view.set_cohort(cohort)
    view.show()
    for name in ("Zoë", "مريم"):
        view.table.setFocus()
        view.table.keyboardSearch("")  # a new search, not the last one continued
        view.table.keyboardSearch(name)
        row = view.table.currentIndex().row()
        assert view.proxy.index(row, 0).data().startswith(name), name
    ws.close()


def test_a_key_logs_only_a_session_whose_time_has_come(
    qtbot: Any, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """H logged next month's session as held when none was due; and Notes… after it opened
    the next planned session and marked that one held too."""
    workspace.roster.import_roster(write_roster(tmp_path / "small.csv", SMALL))
    today = date.today()
    cohort = workspace.cohorts.create_cohort("Autumn", today, today + timedelta(days=200))
    pair = workspace.pairing.pair("S4", "F1", cohort).pair
    workspace.sessions.plan(pair.id, now=datetime.now(UTC) + timedelta(days=1))
    ahead = workspace.sessions.sessions(pair.id)
    assert ahead and all(s.status == "planned" for s in ahead)
    signals = WorkspaceSignals(workspace)
    view = SessionsView(workspace, QUndoStack(), signals)
    qtbot.addWidget(view)
    view.set_cohort(cohort)
    view.show()
    view.select_pair(pair.id)
    said: list[str] = []
    view.message.connect(said.append)
    assert not view.log_current("held")
    assert "no session is due yet" in said[-1]
    assert all(s.status == "planned" for s in workspace.sessions.sessions(pair.id))
    # one whose time has come: H logs it, and Notes… opens that one, not the next
    first = workspace.sessions.move(ahead[0].id, datetime.now(UTC) - timedelta(hours=2))
    view.select_pair(pair.id)
    assert view.log_current("held")
    noted: list[int] = []
    monkeypatch.setattr(
        NotesDialog,
        "ask",
        classmethod(lambda cls, p, s, label: noted.append(s.id) or ("", "", False, "")),
    )
    view.edit_notes()
    assert noted == [first.id]
    statuses = [s.status for s in workspace.sessions.sessions(pair.id)]
    assert statuses.count("held") == 1 and statuses.count("planned") == len(ahead) - 1
    signals.detach()


def test_a_new_sessions_date_stays_in_the_cohort_and_outside_is_said(qtbot: Any) -> None:
    """Ins offered a date after the cohort had ended; a date outside it was taken silently."""
    from rmdesk.models.sessions import Session
    from rmdesk.ui.sessions.dialogs import WhenDialog
    from rmdesk.ui.sessions.editing import suggested_start

    span = (date(2026, 3, 2), date(2026, 8, 28))
    now = datetime(2026, 1, 10, 9, tzinfo=UTC)
    last = Session(1, 1, datetime(2026, 8, 20, 10, tzinfo=UTC))
    assert suggested_start([last], span, now).date() == date(2026, 8, 28)  # not 19 September
    assert suggested_start([], span, now).date() == date(2026, 3, 2)  # not before the start
    assert suggested_start([], (None, None), now) == now
    dialog = WhenDialog("New session", datetime(2026, 9, 15, 10, tzinfo=UTC), span)
    qtbot.addWidget(dialog)
    assert "after the cohort ends (2026-08-28)" in dialog.note.text()
    dialog.when.setDate(QDate(2026, 2, 1))
    assert "before the cohort starts (2026-03-02)" in dialog.note.text()
    dialog.when.setDate(QDate(2026, 5, 5))
    assert dialog.note.text() == ""


def test_an_undo_the_workspace_refuses_is_said_and_changes_nothing(
    view: SessionsView, ws: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Pair 1 closed, then its mentor S4 left the roster: undoing the close must not bring the
    pair back. The refusal is a sentence in the status bar, not a crash dialog, and the step
    leaves the stack (it can no longer be undone)."""
    from rmdesk.ui.common.undo_status import UndoStatus

    status = UndoStatus(view.undo_stack, view)
    said: list[str] = []
    status.message.connect(said.append)
    monkeypatch.setattr(CloseDialog, "ask", classmethod(lambda cls, p, label: ("left", "")))
    view.select_pair(1)
    view.close_pair()
    people = [e for e in SMALL if e.employee_id != "S4"]
    path = write_roster(tmp_path / "without_s4.csv", people, {})
    ws.roster.import_roster(path, allow_deactivation=True)
    assert view.undo_stack.count() == 1
    view.undo_stack.undo()
    assert ws.sessions.outcome(1)[0] == "left"  # still closed
    assert said[-1].startswith("Cannot undo 'Close ") and "left the roster" in said[-1]
    assert view.undo_stack.count() == 0 and not view.undo_stack.canRedo()


def test_a_session_of_today_is_due_all_day_and_tab_leaves_the_table(
    view: SessionsView, ws: Workspace
) -> None:
    """At 9:40 the pair's 10:00 session of today is the one H logs; Tab moves on from the
    table instead of stepping through its cells."""
    from rmdesk.models.sessions import Session
    from rmdesk.ui.sessions.model import PairRow

    now = datetime.now(UTC).replace(hour=9, minute=40, second=0, microsecond=0)
    today = Session(7, 1, now.replace(hour=10, minute=0))
    row = next(r for r in [view.model.pair_row(1)] if r is not None)
    assert isinstance(row, PairRow)
    same_day = replace(row, sessions=[today])
    assert same_day.due(now) is today
    tomorrow = replace(row, sessions=[Session(8, 1, now + timedelta(days=1))])
    assert tomorrow.due(now) is None
    assert not view.table.tabKeyNavigation()


def test_plan_again_says_what_it_drops_and_asks_first(
    view: SessionsView, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """P silently dropped a session added by hand, and a P that changed nothing still made
    an undo step."""
    said: list[str] = []
    view.message.connect(said.append)
    view.select_pair(1)
    steps = view.undo_stack.count()
    view.plan_pair()  # planned by the fixture already
    assert "up to date" in said[-1] and view.undo_stack.count() == steps
    extra = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=10, hours=1)
    ws.sessions.add(1, extra)
    asked: list[list[str]] = []
    monkeypatch.setattr(view, "confirm_replan", lambda label, dropped: asked.append(dropped))
    view.plan_pair()  # the officer says no
    assert len(asked) == 1 and len(asked[0]) == 1
    assert any(s.starts_at == extra for s in ws.sessions.sessions(1))
    monkeypatch.setattr(view, "confirm_replan", lambda label, dropped: True)
    view.plan_pair()
    assert not any(s.starts_at == extra for s in ws.sessions.sessions(1))
    assert "1 dropped" in said[-1]


def test_the_action_dialog_waits_for_a_text(qtbot: Any) -> None:
    from rmdesk.ui.sessions.dialogs import ActionDialog

    dialog = ActionDialog("Ana → Bo")
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()
    dialog.text.setText("Visit the call centre")
    assert dialog.ok.isEnabled() and dialog.value() is not None


def test_a_refused_redo_is_said_once_and_the_next_undo_is_told_as_usual(
    view: SessionsView, ws: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from rmdesk.ui.common.undo_status import UndoStatus

    status = UndoStatus(view.undo_stack, view)
    said: list[str] = []
    status.message.connect(said.append)
    monkeypatch.setattr(
        ActionDialog, "ask", classmethod(lambda cls, p, label: ("Visit", "mentee", None))
    )
    view.select_pair(2)
    view.add_action()  # a first step, to undo after the refused redo
    monkeypatch.setattr(CloseDialog, "ask", classmethod(lambda cls, p, label: ("mismatch", "")))
    view.select_pair(1)
    view.close_pair()
    view.undo_stack.undo()  # reopened
    ws.sessions.close(1, "completed")  # closed from elsewhere: the redo cannot close it again
    view.undo_stack.redo()
    assert said[-1].startswith("Cannot redo 'Close ")
    view.undo_stack.undo()
    assert said[-1].startswith("Undid: ")  # not the refusal again
