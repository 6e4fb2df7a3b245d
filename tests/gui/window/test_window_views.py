"""The whole window: every view under its object name, the cohort reaching each, the
dashboard's click-through, the calendar export and the news on opening."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from rmdesk.app import build_window
from rmdesk.ui import window_views
from rmdesk.ui.main_window import MainWindow
from rmdesk.ui.window_views import PairsBehindDialog
from rmdesk.workspace import Workspace
from tests.conftest import SAMPLE


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A workspace with the sample roster, a cohort and three pairs, one with two cancels."""
    path = tmp_path / "w.db"
    ws = Workspace.open(path)
    try:
        ws.roster.import_roster(SAMPLE)
        cohort = ws.cohorts.create_cohort("Spring")
        people = sorted(ws.roster.employees().values(), key=lambda e: int(e.grade or 0))
        ws.cohorts.enrol([e.employee_id for e in people[:6]], "mentor", cohort)
        ws.cohorts.enrol([e.employee_id for e in people[-6:]], "mentee", cohort)
        ws.pairing.accept(ws.pairing.suggest(cohort).proposals[:3], cohort)
        first = ws.pairing.pairs(cohort)[0].pair.id
        start = datetime.now().astimezone() - timedelta(days=70)
        for k in range(3):
            ws.sessions.log(
                pair_id=first,
                at=start + timedelta(days=21 * k),
                status="cancelled",
                cancelled_by="mentee",
            )
    finally:
        ws.close()
    return path


def _window(qtbot: QtBot, db: Path) -> MainWindow:
    window = build_window(db)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    window.show()
    return window


def test_every_view_is_there_under_its_object_name(qtbot: QtBot, db: Path) -> None:
    from rmdesk.ui.common.settings import Settings

    Settings().view = ""  # no view saved (Qt keeps one settings file for the test run)
    window = _window(qtbot, db)
    for name in ("dashboard", "rosterView", "pairingBoard", "agreementEditor", "sessionsView"):
        assert window.findChild(QWidget, name) is not None, name
    # with a cohort, the dashboard is the first view
    assert window.pages.currentWidget() is window.dashboard
    cohort = window.current_cohort()
    assert cohort is not None
    assert window.programme.cohort == cohort
    assert window.sessions_page.model.rowCount() == 3  # type: ignore[attr-defined]


def test_opening_says_which_pairs_turned_at_risk_since_the_last_look(
    qtbot: QtBot, db: Path
) -> None:
    window = _window(qtbot, db)
    assert window.since_last_look is not None
    assert "Since you last looked: 1 pair" in window.since_last_look
    window.close()
    window.workspace.close()
    again = _window(qtbot, db)
    assert again.since_last_look is None  # seen: not said twice


def test_a_dashboard_figure_opens_the_pairs_behind_it_then_one_in_sessions(
    qtbot: QtBot, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, db)
    ws = window.workspace
    ids = [v.pair.id for v in ws.pairing.pairs()]
    seen: list[tuple[list[int], str]] = []

    def ask(cls: object, w: Workspace, pair_ids: list[int], title: str, parent: object) -> int:
        seen.append((pair_ids, title))
        return pair_ids[-1]

    monkeypatch.setattr(PairsBehindDialog, "ask", classmethod(ask))
    window.dashboard.show_pairs.emit(ids, "Pairs")
    assert seen == [(ids, "Pairs")]
    assert window.pages.currentWidget() is window.sessions_page
    assert window.sessions_page.current_pair_id() == ids[-1]


def test_the_pairs_behind_dialog_lists_them(qtbot: QtBot, db: Path) -> None:
    window = _window(qtbot, db)
    ids = [v.pair.id for v in window.workspace.pairing.pairs()]
    dialog = PairsBehindDialog(window.workspace, ids, "Every pair")
    qtbot.addWidget(dialog)
    assert dialog.tree.topLevelItemCount() == 3
    dialog._chosen(dialog.tree.topLevelItem(1))
    assert dialog.chosen == ids[1]


def test_export_calendar_writes_the_cohorts_sessions(
    qtbot: QtBot, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, db)
    target = tmp_path / "spring.ics"
    monkeypatch.setattr(window_views, "ask_calendar_file", lambda parent, name: target)
    window.programme.act_calendar.trigger()
    events = [c for c in Calendar.from_ical(target.read_bytes()).walk("VEVENT")]
    assert len(events) == 3 and all(str(e["STATUS"]) == "CANCELLED" for e in events)
    assert "Wrote 3 sessions" in window.statusBar().currentMessage()


def test_the_file_menu_offers_reports_exports_and_the_calendar(qtbot: QtBot, db: Path) -> None:
    window = _window(qtbot, db)
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    for wanted in ("&Outcomes report…", "Export &calendar…", "&Announce the pairs…"):
        assert wanted in texts


def test_closing_the_window_saves_typing_not_yet_saved(qtbot: QtBot, db: Path) -> None:
    window = _window(qtbot, db)
    page = window.agreements_page
    window.show_view("agreements")
    pair_id = window.workspace.pairing.pairs()[0].pair.id
    page.list.select(pair_id)
    page.editor.place.setText("The café across the river")
    assert page.editor.pending
    window.close()
    body = window.workspace.agreements.agreement(pair_id).body
    assert body.meeting_place == "The café across the river"


def test_a_pair_can_be_left_out_of_reports_and_undone(qtbot: QtBot, db: Path) -> None:
    window = _window(qtbot, db)
    ws = window.workspace
    pair_id = ws.pairing.pairs()[1].pair.id
    window.show_view("sessions")
    assert window.sessions_page.select_pair(pair_id)
    window.programme.refresh_private()
    assert window.programme.act_private.isEnabled()
    assert not window.programme.act_private.isChecked()
    window.programme.act_private.trigger()
    assert ws.reports.is_private(pair_id)
    window.undo_stack.undo()
    assert not ws.reports.is_private(pair_id)


def test_all_actions_of_the_cohort_overdue_first(
    qtbot: QtBot, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    from rmdesk.ui.window_views import ActionsDialog

    window = _window(qtbot, db)
    ws = window.workspace
    first, second = (v.pair.id for v in ws.pairing.pairs()[:2])
    ws.sessions.add_action(first, "Visit the contact centre", "mentee", date(2030, 1, 1))
    ws.sessions.add_action(second, "Read the policy", "mentor", date(2020, 1, 1))
    dialog = ActionsDialog(ws, window.current_cohort())  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    top = dialog.tree.topLevelItem(0)
    assert top is not None and top.text(0) == "Overdue" and top.text(3) == "Read the policy"
    assert not top.icon(0).isNull()  # an icon as well as the word
    pair = ws.pairing.get_pair(second)
    mentor, mentee = ws.roster.employee(pair.mentor_id), ws.roster.employee(pair.mentee_id)
    assert top.text(4).startswith(mentor.name) and mentee.name in top.text(4)  # not "2"
    monkeypatch.setattr(
        ActionsDialog, "ask", classmethod(lambda cls, w, c, p=None, on_done=None: second)
    )
    window.programme.act_actions.trigger()
    assert window.pages.currentWidget() is window.sessions_page
    assert window.sessions_page.current_pair_id() == second


def test_programme_settings_print_on_agreements_and_undo(
    qtbot: QtBot, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from rmdesk.ui.common.programme_dialog import ProgrammeDialog, ProgrammeSettings

    window = _window(qtbot, db)
    ws = window.workspace
    before = ProgrammeSettings.of(ws)
    wanted = replace(
        before, programme="Northwind Listens", organisation="Northwind", page_size="Letter"
    )
    monkeypatch.setattr(ProgrammeDialog, "ask", classmethod(lambda cls, cur, p=None: wanted))
    window.programme.act_programme.trigger()
    assert ProgrammeSettings.of(ws) == wanted
    pair_id = ws.pairing.pairs()[0].pair.id
    assert ws.agreements.document(pair_id).identity.programme == "Northwind Listens"
    window.undo_stack.undo()
    assert ProgrammeSettings.of(ws) == before


def test_the_programme_dialog_returns_what_was_typed(qtbot: QtBot, db: Path) -> None:
    from rmdesk.ui.common.programme_dialog import ProgrammeDialog, ProgrammeSettings

    window = _window(qtbot, db)
    dialog = ProgrammeDialog(ProgrammeSettings.of(window.workspace))
    qtbot.addWidget(dialog)
    dialog.programme.setText("  ")  # blank: the default name, not an empty title
    dialog.officer.setText("Ama Mensah")
    dialog.signs.setChecked(True)
    dialog.paper.setCurrentText("Letter")
    chosen = dialog.chosen()
    assert chosen.programme == "Reverse mentoring programme"
    assert (chosen.officer_name, chosen.officer_signs, chosen.page_size) == (
        "Ama Mensah",
        True,
        "Letter",
    )


def test_the_side_bar_marks_the_view_on_screen(qtbot: QtBot, db: Path) -> None:
    window = _window(qtbot, db)
    window.pages.setCurrentWidget(window.sessions_page)  # as a test harness or a link might
    item = window.sidebar.currentItem()
    assert item is not None and item.text() == "Sessions"


def test_the_sessions_view_says_what_to_do_without_pairs(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    ws = Workspace.open(path)
    ws.roster.import_roster(SAMPLE)
    ws.cohorts.create_cohort("Spring")
    ws.close()
    window = _window(qtbot, path)
    page = window.sessions_page
    assert "Pairing board" in page.table.empty_text
    assert not page.buttons["held"].isEnabled()  # nothing to log without a pair


def test_a_closed_pair_chosen_from_a_list_is_said_not_ignored(
    qtbot: QtBot, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Double-clicking a closed pair's action did nothing, silently."""
    from rmdesk.ui.window_views import ActionsDialog

    window = _window(qtbot, db)
    ws = window.workspace
    first = ws.pairing.pairs()[0].pair.id
    ws.sessions.close(first, "mismatch")
    monkeypatch.setattr(
        ActionsDialog, "ask", classmethod(lambda cls, w, c, p=None, on_done=None: first)
    )
    window.programme.act_actions.trigger()
    said = window.statusBar().currentMessage()
    assert f"Pair {first} is closed (ended early: mismatch)" in said


def test_a_figure_of_zero_says_so_instead_of_an_empty_list(
    qtbot: QtBot, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, db)
    asked: list[object] = []
    monkeypatch.setattr(PairsBehindDialog, "ask", classmethod(lambda cls, *a: asked.append(a)))
    window.programme.show_pairs([], "Stalled")
    assert asked == [] and window.statusBar().currentMessage() == "Stalled: no pair"


def test_an_active_pair_hidden_by_the_search_still_opens(
    qtbot: QtBot, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a search typed in Sessions, an active pair was said to be closed."""
    from rmdesk.ui.window_views import ActionsDialog

    window = _window(qtbot, db)
    first = window.workspace.pairing.pairs()[0].pair.id
    window.sessions_page.search.setText("nobody matches this")
    monkeypatch.setattr(
        ActionsDialog, "ask", classmethod(lambda cls, w, c, p=None, on_done=None: first)
    )
    window.programme.act_actions.trigger()
    assert window.pages.currentWidget() is window.sessions_page
    assert window.sessions_page.current_pair_id() == first
    assert "closed" not in window.statusBar().currentMessage()


def test_an_open_action_of_a_closed_pair_is_marked_done_from_the_list(
    qtbot: QtBot, db: Path
) -> None:
    """A closed pair is not in Sessions: its open actions are marked done in All actions,
    one undo step each."""
    from datetime import date

    from rmdesk.ui.window_views import ActionsDialog

    window = _window(qtbot, db)
    ws = window.workspace
    first = ws.pairing.pairs()[0].pair.id
    action = ws.sessions.add_action(first, "Write up the visit", "mentee", date(2020, 1, 1))
    ws.sessions.close(first, "completed")
    dialog = ActionsDialog(ws, window.current_cohort(), None, window.programme._action_done)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    assert dialog.done_button.isEnabled()
    dialog.done_button.click()
    assert ws.sessions.action(action.id).is_done
    assert dialog.tree.topLevelItem(0).text(0) == "Done" and not dialog.done_button.isEnabled()
    window.undo_stack.undo()
    assert not ws.sessions.action(action.id).is_done
