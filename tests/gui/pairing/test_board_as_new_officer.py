"""Issue 9, on the pairing board: each fault a new officer met, as a test that failed before."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLabel

from rmdesk.app import build_window
from rmdesk.models.cohorts import Cohort
from rmdesk.models.matching import Proposal, Suggestion
from rmdesk.ui.common.prompts import EnrolConfirm, InterestsDialog
from rmdesk.ui.pairing.suggestions_dialog import SuggestionsDialog
from rmdesk.ui.roster.model import COLUMNS
from tests.conftest import SAMPLE

VARGA, EZE, LIU, MEHTA = "E1012", "E1046", "E1071", "E1100"  # CFO, Head of Treasury, …
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


@pytest.fixture
def window(qtbot: Any, db_path: Path) -> Iterator[Any]:
    w = build_window(db_path)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.workspace.roster.import_roster(SAMPLE)
    yield w
    w.close()
    w.workspace.close()


def _cohort(w: Any, mentors: list[str], mentees: list[str]) -> Cohort:
    ws = w.workspace
    cohort = ws.cohorts.create_cohort("Spring 2026", capacity=1)
    if mentors:
        ws.cohorts.enrol(mentors, "mentor", cohort)
    if mentees:
        ws.cohorts.enrol(mentees, "mentee", cohort)
    w._load_cohorts(select=cohort.id)
    w.show_view("pairing")
    return cohort


def _index(model: Any, emp_id: str) -> QModelIndex:
    row = model.row_of(emp_id)
    assert row is not None, emp_id
    return model.index(row)


def _select(view: Any, model: Any, emp_id: str) -> None:
    flag = QItemSelectionModel.SelectionFlag.ClearAndSelect
    view.selectionModel().select(_index(model, emp_id), flag)


def _asked(monkeypatch: pytest.MonkeyPatch, answer: bool) -> list[tuple[str, int, list[Any]]]:
    calls: list[tuple[str, int, list[Any]]] = []

    def ask(cls: Any, parent: Any, role: str, count: int, switching: list[Any]) -> bool:
        calls.append((role, count, switching))
        return answer

    monkeypatch.setattr(EnrolConfirm, "ask", classmethod(ask))
    return calls


# -- 1. the interests dialog edits the person double-clicked, and names them ------------------
def test_double_click_edits_the_person_clicked_not_the_last_selection(
    window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    cohort = _cohort(window, [MEHTA], [VARGA])
    board, ws = window.pairing_board, window.workspace
    seen: list[Any] = []

    def ask(cls: Any, parent: Any, person: Any, interests: str, availability: str) -> Any:
        seen.append(person)
        return ("culture", "Fridays")

    monkeypatch.setattr(InterestsDialog, "ask", classmethod(ask))
    _select(board.mentor_view, board.mentors, MEHTA)  # click mentor A
    _select(board.mentee_view, board.mentees, VARGA)  # click mentee B
    board.mentor_view.doubleClicked.emit(_index(board.mentors, MEHTA))  # double-click A
    assert [p.employee_id for p in seen] == [MEHTA]
    interests = {p.employee_id: p.interests for p in ws.cohorts.participants(cohort)}
    assert interests == {MEHTA: "culture", VARGA: ""}
    # both stay selected through the refresh, so the keyboard path goes on: Ctrl+P pairs them
    assert board.selected_match() == (MEHTA, VARGA)
    board.act_pair.trigger()
    assert [(v.pair.mentor_id, v.pair.mentee_id) for v in ws.pairing.pairs(cohort)] == [
        (MEHTA, VARGA)
    ]


def test_the_interests_dialog_names_the_person(qtbot: Any, window: Any) -> None:
    mehta = window.workspace.roster.employee(MEHTA)
    dialog = InterestsDialog(mehta, "", "")
    qtbot.addWidget(dialog)
    text = dialog.who.text()
    assert mehta.name in text and MEHTA in text
    assert mehta.title and mehta.title in text and mehta.department in text


# -- 2. a role never changes silently ------------------------------------------------------------
def test_plus_mentors_on_enrolled_mentees_asks_listing_them_and_their_role(
    window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    cohort = _cohort(window, [], [EZE, VARGA])
    board, ws = window.pairing_board, window.workspace
    calls = _asked(monkeypatch, False)
    board.roster_search.setText("division:finance grade>=8")
    board.roster_table.clearSelection()
    board.add_mentors.click()
    (role, _count, switching) = calls[0]
    assert role == "mentor"
    named = dict(switching)
    assert any("Chiamaka Eze" in who for who in named) and set(named.values()) == {"mentee"}
    assert {p.employee_id: p.role for p in ws.cohorts.participants(cohort)} == {
        EZE: "mentee",
        VARGA: "mentee",
    }  # refused: nothing changed
    calls = _asked(monkeypatch, True)
    board.add_mentors.click()
    roles = {p.employee_id: p.role for p in ws.cohorts.participants(cohort)}
    assert roles[EZE] == "mentor" and roles[VARGA] == "mentor"
    window.undo_stack.undo()
    roles = {p.employee_id: p.role for p in ws.cohorts.participants(cohort)}
    assert roles == {EZE: "mentee", VARGA: "mentee"}


# -- 3. adding more than 25 at once asks first, saying how many ---------------------------------
def test_adding_everybody_asks_first_and_says_how_many(
    window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    cohort = _cohort(window, [], [])
    board, ws = window.pairing_board, window.workspace
    calls = _asked(monkeypatch, False)
    board.roster_table.clearSelection()
    board.add_mentees.click()
    assert calls == [("mentee", 198, [])]
    assert ws.cohorts.participants(cohort) == [] and window.undo_stack.count() == 0
    few = _asked(monkeypatch, True)
    board.roster_search.setText("Treasury")
    board.add_mentees.click()
    assert few == []  # a handful is added without a question
    assert ws.cohorts.participants(cohort)


# -- 4. no change, no undo step, and the status says so ----------------------------------------
def test_adding_people_already_enrolled_makes_no_undo_step(window: Any) -> None:
    cohort = _cohort(window, [], [EZE])
    board = window.pairing_board
    assert not board.enrol([EZE], "mentee")
    assert window.undo_stack.count() == 0
    assert "Nothing changed" in window.statusBar().currentMessage()
    assert [p.employee_id for p in window.workspace.cohorts.participants(cohort)] == [EZE]


# -- 5. grades sort as numbers on the board's roster -------------------------------------------
def test_the_boards_roster_sorts_grades_as_numbers(window: Any) -> None:
    _cohort(window, [], [])
    table, model = window.pairing_board.roster_table, window.pairing_board.roster_model
    grade = next(c for c, (field, _t) in enumerate(COLUMNS) if field == "grade")
    table.sortByColumn(grade, Qt.SortOrder.DescendingOrder)
    grades = [model.employee_at(r).grade for r in range(model.rowCount())]
    numbers = [float(g) for g in grades if g]
    assert numbers == sorted(numbers, reverse=True) and numbers[0] >= 10


# -- 6. the verdict is about what is selected now, and the panel keeps its height ---------------
def test_after_a_drop_the_verdict_no_longer_speaks_of_the_pair_made(
    window: Any, qtbot: Any
) -> None:
    cohort = _cohort(window, [MEHTA], [EZE])
    board = window.pairing_board
    window.show()
    qtbot.waitExposed(window)
    height = board.verdict.height()
    _select(board.mentor_view, board.mentors, MEHTA)
    _select(board.mentee_view, board.mentees, EZE)
    assert "Chiamaka Eze" in board.verdict.text()
    board.pair_selected()
    assert [(v.pair.mentor_id, v.pair.mentee_id) for v in window.workspace.pairing.pairs(cohort)]
    assert "Chiamaka Eze" not in board.verdict.text()  # nobody selected now: cleared
    assert "Drag a mentor" in board.verdict.text()
    board.pair_view.selectionModel().select(
        board.pairs.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    assert "Paired" in board.verdict.text() and "Chiamaka Eze" in board.verdict.text()
    board.pair_view.clearSelection()
    long = [c for c in window.workspace.pairing.check(LIU, EZE, cohort)] * 6
    board.verdict.show_match(
        window.workspace.roster.employee(LIU), window.workspace.roster.employee(EZE), long
    )
    QApplication.processEvents()
    assert board.verdict.height() == height  # a long verdict scrolls; nothing moves


def test_a_refresh_clears_a_verdict_about_someone_now_paired(window: Any) -> None:
    cohort = _cohort(window, [MEHTA, "E1095"], [EZE])
    board, ws = window.pairing_board, window.workspace
    _select(board.mentor_view, board.mentors, "E1095")
    _select(board.mentee_view, board.mentees, EZE)
    assert "Chiamaka Eze" in board.verdict.text()
    ws.pairing.pair(MEHTA, EZE, cohort)  # paired elsewhere (the CLI, an undo): lists refresh
    assert "Chiamaka Eze" not in board.verdict.text()


# -- 8. warned suggestions are marked, unticked, readable; reasons grouped ----------------------
def test_a_warned_suggestion_is_marked_and_unticked(qtbot: Any, window: Any) -> None:
    ws = window.workspace
    cohort = _cohort(window, [MEHTA, "E1095"], [VARGA, "E1001"])
    people = ws.roster.employees()
    warned = Proposal(MEHTA, VARGA, 3, ["+3 different divisions"])
    clean = Proposal("E1095", "E1001", 2, ["+2 grade gap"])
    verdicts = {(p.mentor_id, p.mentee_id): ws.pairing.check(p.mentor_id, p.mentee_id, cohort)
                for p in (warned, clean)}  # fmt: skip
    assert any(c.severity >= 2 for c in verdicts[(MEHTA, VARGA)])
    unplaced = [(f"E11{n:02d}", "more mentor places than mentees") for n in range(15)]
    dialog = SuggestionsDialog(Suggestion([warned, clean], unplaced), people, verdicts)
    qtbot.addWidget(dialog)
    first, second = dialog.tree.topLevelItem(0), dialog.tree.topLevelItem(1)
    assert first.checkState(0) == Qt.CheckState.Unchecked and first.text(3) == "Warning"
    assert not first.icon(3).isNull()
    assert second.checkState(0) == Qt.CheckState.Checked and second.text(3) == "Clean"
    dialog.tree.setCurrentItem(first)
    assert "reporting line" in dialog.details.toPlainText()  # the whole warning, readable
    assert dialog.unplaced.text().count("more mentor places than mentees") == 1
    assert "15 people" in dialog.unplaced.text()
    dialog.accept_clean.click()
    assert dialog.chosen() == [clean]


# -- 9. the status says what was undone and redone; counts agree --------------------------------
def test_status_says_undid_and_redid(window: Any) -> None:
    _cohort(window, [MEHTA], [])
    board = window.pairing_board
    assert board.enrol([EZE], "mentee")
    assert "Add 1 mentee" in window.statusBar().currentMessage()
    window.act_undo.trigger()
    assert window.statusBar().currentMessage().startswith("Undid: Add 1 mentee")
    window.undo_stack.redo()
    assert window.statusBar().currentMessage().startswith("Redid: Add 1 mentee")


def test_counts_use_singular_and_plural(window: Any) -> None:
    cohort = _cohort(window, [MEHTA], [VARGA])
    window.workspace.pairing.pair(MEHTA, VARGA, cohort)
    label = window.pairing_board.cohort_label.text()
    assert "1 mentor," in label and "1 mentee," in label and "1 pair" in label
    assert "1 pairs" not in label and "mentee(s)" not in label


# -- 12. cards show the grade; empty lists say what to do ---------------------------------------
def test_cards_show_the_grade_and_empty_lists_say_what_to_do(window: Any) -> None:
    _cohort(window, [MEHTA], [])
    board = window.pairing_board
    card = board.mentors.data(_index(board.mentors, MEHTA))
    assert f"Grade {window.workspace.roster.employee(MEHTA).grade}" in card
    assert "+ Mentees" in board.mentee_view.empty_text
    assert board.mentees.rowCount() == 0
    board.mentor_search.setText("nobody-like-this")
    assert board.mentor_view.filter_text == "nobody-like-this"


def test_the_verdict_and_the_override_speak_words_not_rule_codes(qtbot: Any) -> None:
    """'(same-reporting-line)' is the CLI's code, not a word for the officer."""
    from rmdesk.models.conflicts import Conflict, Severity
    from rmdesk.models.people import Employee
    from rmdesk.ui.pairing.override_dialog import OverrideDialog
    from rmdesk.ui.pairing.verdict_panel import VerdictPanel

    conflict = Conflict("direct-report", Severity.BLOCK, "Ana Silva reports to Bo Chen.")
    panel = VerdictPanel()
    qtbot.addWidget(panel)
    panel.show_match(Employee("E1", "Ana Silva"), Employee("E2", "Bo Chen"), [conflict])
    dialog = OverrideDialog("Ana Silva", "Bo Chen", [conflict])
    qtbot.addWidget(dialog)
    shown = panel.toPlainText() + " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert "reports to Bo Chen" in shown and "direct-report" not in shown
