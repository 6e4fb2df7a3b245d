"""Issue 9, in the main window and the roster: search, sorting, warnings, sample, layout, help."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QToolButton

from rmdesk.app import build_window
from rmdesk.ui.roster.model import COLUMNS
from rmdesk.ui.roster.view import shown_columns
from tests.conftest import SAMPLE

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


@pytest.fixture
def window(qtbot: Any, db_path: Path) -> Iterator[Any]:
    w = build_window(db_path)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    yield w
    w.close()
    w.workspace.close()


@pytest.fixture
def roster(window: Any) -> Any:
    window.workspace.roster.import_roster(SAMPLE)
    window.show_view("roster")
    return window.roster_page


def _ids(page: Any, text: str) -> set[str]:
    page.search.setText(text)
    return {page.model.employee_at(r).employee_id for r in range(page.model.rowCount())}


# -- 7. search ----------------------------------------------------------------------------------
def test_search_ignores_accents_and_case(roster: Any) -> None:
    krakow = _ids(roster, "kraków")
    assert krakow and _ids(roster, "KRAKOW") == krakow
    assert _ids(roster, "sao paulo")


def test_search_words_match_independently(roster: Any) -> None:
    assert "E1046" in _ids(roster, "treasury head")  # Chiamaka Eze, Head of Treasury


def test_search_reads_only_the_shown_columns(roster: Any) -> None:
    """The Manager column is shown: 'yan liu' finds her and her reports. Hide it, and only
    she is found."""
    with_reports = _ids(roster, "yan liu")
    assert "E1071" in with_reports and "E1100" in with_reports
    manager = next(c for c, (f, _t) in enumerate(COLUMNS) if f == "manager_id")
    roster.show_column(manager, False)
    roster.search.clear()
    assert _ids(roster, "yan liu") == {"E1071"}


def test_search_field_terms_with_spaces_manager_and_hints(roster: Any) -> None:
    assert _ids(roster, "grade >= 8") == _ids(roster, "grade>=8") != set()
    assert "E1071" in _ids(roster, "manager:eze")  # Yan Liu reports to Chiamaka Eze
    assert not roster.hint.isHidden() or not roster.hint.text()
    _ids(roster, "grade>=abc")
    assert not roster.hint.isHidden() and "number" in roster.hint.text()
    _ids(roster, "grade>=8")
    assert roster.hint.isHidden()


def test_a_search_with_no_match_says_so(roster: Any) -> None:
    assert _ids(roster, "zzzz-nobody") == set()
    assert "Nobody matches" in roster.count.text()
    assert "Nobody matches" in roster.table.empty_text


# -- 5. grades sort as numbers in the roster -----------------------------------------------------
def test_roster_sorts_grades_as_numbers(roster: Any) -> None:
    grade = next(c for c, (f, _t) in enumerate(COLUMNS) if f == "grade")
    roster.table.sortByColumn(grade, Qt.SortOrder.AscendingOrder)
    model = roster.model
    numbers = [float(model.employee_at(r).grade) for r in range(model.rowCount())]
    assert numbers == sorted(numbers) and numbers[-1] >= 10


# -- 8. the import's warnings can be read --------------------------------------------------------
def test_the_imports_warnings_can_be_read(window: Any, qtbot: Any) -> None:
    with qtbot.waitSignal(window.import_finished, timeout=20000) as done:
        window.import_file(SAMPLE, ask=False)
    report = done.args[0]
    assert report.warnings
    assert "warning" in window.statusBar().currentMessage()
    assert window.act_import_warnings.isEnabled()
    dialog = window.show_import_warnings()
    qtbot.addWidget(dialog)
    shown = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert shown == [str(p) for p in report.warnings]


# -- 11. the sample opens in its own file ----------------------------------------------------------
def test_the_sample_opens_in_its_own_file_never_in_the_workspace(
    window: Any, qtbot: Any, db_path: Path
) -> None:
    window.show()
    sample = window.open_sample()
    qtbot.addWidget(sample)
    try:
        qtbot.waitUntil(lambda: sample.current_cohort() is not None, timeout=20000)
        assert sample.workspace.path != db_path and sample.workspace.path.name == "sample.db"
        assert "Sample" in sample.windowTitle() and "sample.db" in sample.windowTitle()
        assert sample.file_label.text().startswith("<b>Sample data</b>")  # in the window too
        assert "Sample" not in window.file_label.text()
        assert len(sample.workspace.roster.employees()) == 198
        assert sample.act_own.isVisible()
        assert not window.isVisible()
    finally:
        sample.close()
        sample.workspace.close()
    from rmdesk.workspace import Workspace

    mine = Workspace.open(db_path)
    try:
        assert mine.roster.employees() == {} and mine.cohorts.cohorts() == []
    finally:
        mine.close()


# -- 12. layout -----------------------------------------------------------------------------
def test_the_rosters_default_columns_fit_1280(roster: Any, qtbot: Any) -> None:
    window = roster.window()
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    table = roster.table
    used = sum(table.columnWidth(c) for c in shown_columns(table))
    assert used <= table.viewport().width() + 1
    assert {COLUMNS[c][1] for c in shown_columns(table)} >= {"Name", "Grade", "Manager", "Title"}


def test_the_sidebar_fits_its_labels(window: Any) -> None:
    assert window.sidebar.width() != 150 and window.sidebar.width() < 140


def test_the_board_stays_readable_at_1024_by_700(roster: Any, qtbot: Any) -> None:
    window = roster.window()
    ws = window.workspace
    cohort = ws.cohorts.create_cohort("Spring 2026", capacity=1)
    ws.cohorts.enrol(["E1114", "E1095"], "mentor", cohort)
    ws.cohorts.enrol(["E1012", "E1001"], "mentee", cohort)
    ws.pairing.pair("E1095", "E1001", cohort)
    window._load_cohorts(select=cohort.id)
    window.show_view("pairing")
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    board = window.pairing_board
    table = board.roster_table
    name = 1
    longest = max(
        table.fontMetrics().horizontalAdvance(board.roster_model.employee_at(r).name)
        for r in range(min(40, board.roster_model.rowCount()))
    )
    assert table.columnWidth(name) >= min(longest, 150)  # most names whole, not "Ada…"
    for view in (board.mentor_view, board.mentee_view, board.pair_view):
        assert view.textElideMode() == Qt.TextElideMode.ElideNone
        for row in range(view.model().rowCount()):
            rect = view.visualRect(view.model().index(row, 0))
            assert rect.right() <= view.viewport().width()
    for button in (board.pair_button, board.unpair_button, board.suggest_button):
        text = button.fontMetrics().horizontalAdvance(button.text())
        assert text + 12 <= button.width(), button.text()  # the label whole, not cut off


def test_the_reporting_line_is_a_tree(roster: Any) -> None:
    roster.select_person("E1100")
    rows = roster.panel.items()
    assert rows[-1].parent() is rows[-2]


# -- 13. help -----------------------------------------------------------------------------
def test_keyboard_shortcuts_lists_every_shortcut(window: Any, qtbot: Any) -> None:
    dialog = window.show_shortcuts()
    qtbot.addWidget(dialog)
    listed = {dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())}
    keys = {
        k.toString(QKeySequence.SequenceFormat.NativeText)
        for a in window.findChildren(type(window.act_undo))
        for k in a.shortcuts()
        if not k.isEmpty()
    }
    assert all(any(k in row for row in listed) for k in keys)
    assert any("Ctrl+P" in row for row in listed) and any("Ctrl+Z" in row for row in listed)


def test_the_user_guide_ships_and_opens(window: Any, qtbot: Any) -> None:
    dialog = window.show_guide()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "reverse mentoring" in text and "Ctrl+Z" in text
    for part in ("Agree the ground rules", "Follow the sessions", "Keep your data safe"):
        assert part in text  # the whole programme, not only the roster and the board
    assert window.act_guide in window.help_menu.actions()
    assert window.act_shortcuts in window.help_menu.actions()


def test_tool_bar_buttons_have_text_under_their_icons(window: Any) -> None:
    style = window.toolbar.toolButtonStyle()
    assert style == Qt.ToolButtonStyle.ToolButtonTextUnderIcon
    button = window.toolbar.widgetForAction(window.act_import)
    assert isinstance(button, QToolButton) and button.text() == "Import"


def test_without_a_cohort_the_views_say_to_create_one(roster: Any, qtbot: Any) -> None:
    """The board's lists offered drags they refuse, and the agreement view a greyed form of
    made-up values, before any cohort existed: both now say to create a cohort first."""
    window = roster.window()
    window.show()
    qtbot.waitExposed(window)
    window.show_view("pairing")
    board = window.pairing_board
    for view in (board.mentor_view, board.mentee_view, board.pair_view):
        assert view.empty_text.startswith("Create a cohort first")
    window.show_view("agreements")
    page = window.agreements_page
    assert not page.editor_area.isVisible() and not page.pair_bar.isVisible()
    assert "No cohort yet" in page.banner.text()
    assert not page.export_all_button.isEnabled() and not page.left_panel.isVisible()
    # the sentence keeps its own height at the top: it used to fill the page in a frame
    assert page.banner.height() < page.height() // 4
    cohort = window.workspace.cohorts.create_cohort("Spring 2026")
    window._load_cohorts(select=cohort.id)
    window.show_view("pairing")
    assert board.mentor_view.empty_text.startswith("No mentors waiting")
    window.show_view("agreements")
    assert page.editor_area.isVisible() and page.export_all_button.isEnabled()
    assert page.left_panel.isVisible() and page.editor_area.height() > page.height() // 2


def test_the_boards_roster_counts_and_names_its_people(roster: Any, qtbot: Any) -> None:
    """Two candidates may share a name and the board shows no id column: each row's tooltip
    names the person with the id; the column title counts who the search leaves."""
    window = roster.window()
    window.show()
    qtbot.waitExposed(window)
    window.show_view("pairing")
    board = window.pairing_board
    qtbot.waitUntil(lambda: board.roster_model.rowCount() > 0)
    total = board.roster_model.rowCount()
    assert board.candidates_title.text() == f"<b>Roster</b> · {total:,}"
    board.roster_search.setText(board.roster_model.employee_at(0).department or "")
    shown = board.roster_model.rowCount()
    assert 0 < shown < total
    assert board.candidates_title.text() == f"<b>Roster</b> · {shown:,} of {total:,}"
    person = board.roster_model.employee_at(0)
    tip = board.roster_model.data(board.roster_model.index(0, 1), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"{person.name} ({person.employee_id})")


def test_the_sample_opened_from_the_sample_stays_open(window: Any, qtbot: Any) -> None:
    """Opening the sample from the sample's own window deleted the open file first."""
    window.show()
    sample = window.open_sample()
    qtbot.addWidget(sample)
    try:
        qtbot.waitUntil(lambda: sample.current_cohort() is not None, timeout=20000)
        assert sample.open_sample() is sample
        assert "sample already" in sample.statusBar().currentMessage()
        assert sample.workspace.path.exists() and sample.workspace.roster.count() == 198
    finally:
        sample.close()
        sample.workspace.close()
