"""Cohort set-up on the board: create and edit cohorts, interests, removal, never-pair, bulk add.

Every one of them is an undo step."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from rmdesk.app import build_window
from rmdesk.ui.common.cohort_dialog import CohortChoice, CohortDialog
from rmdesk.ui.common.prompts import InterestsDialog, ReasonPrompt
from rmdesk.ui.pairing.exclusions_dialog import ExclusionsDialog
from tests.conftest import SAMPLE

MEHTA, LIU, EZE, VARGA = "E1100", "E1071", "E1046", "E1012"


@pytest.fixture
def window(qtbot: Any, db_path: Path) -> Iterator[Any]:
    w = build_window(db_path)
    qtbot.addWidget(w)
    w.workspace.roster.import_roster(SAMPLE)
    yield w
    w.close()
    w.workspace.close()


def _answer(monkeypatch: pytest.MonkeyPatch, cls: type, value: object) -> None:
    monkeypatch.setattr(cls, "ask", classmethod(lambda c, *a, **k: value))


def _new_cohort(w: Any, monkeypatch: pytest.MonkeyPatch, name: str = "Spring 2027") -> Any:
    choice = CohortChoice(name, date(2027, 3, 1), date(2027, 9, 1), 1)
    _answer(monkeypatch, CohortDialog, choice)
    w.act_new_cohort.trigger()
    return w.current_cohort()


def _select(view: Any, model: Any, emp_id: str) -> None:
    row = model.row_of(emp_id)
    assert row is not None, emp_id
    view.selectionModel().select(model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.setFocus()


def test_new_cohort_from_the_menu_is_undoable(window: Any, monkeypatch: Any) -> None:
    cohort = _new_cohort(window, monkeypatch)
    assert cohort.name == "Spring 2027" and cohort.starts == date(2027, 3, 1)
    assert window.pages.currentWidget() is window.pairing_board
    assert window.cohort_picker.currentText() == "Spring 2027"
    window.undo_stack.undo()
    assert window.workspace.cohorts.cohorts() == []
    assert window.pairing_board.cohort is None
    window.undo_stack.redo()
    assert [c.name for c in window.workspace.cohorts.cohorts()] == ["Spring 2027"]


def test_a_second_cohort_with_the_same_name_is_refused(window: Any, monkeypatch: Any) -> None:
    _new_cohort(window, monkeypatch)
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", lambda title, text: errors.append(text))
    _new_cohort(window, monkeypatch)
    assert errors == ["there is already a cohort called 'Spring 2027'"]
    assert len(window.workspace.cohorts.cohorts()) == 1 and window.undo_stack.count() == 1


def test_editing_a_cohort_is_undoable(window: Any, monkeypatch: Any) -> None:
    cohort = _new_cohort(window, monkeypatch)
    _answer(monkeypatch, CohortDialog, CohortChoice("Spring 27", date(2027, 4, 1),
                                                    date(2027, 10, 1), 2))  # fmt: skip
    window.act_edit_cohort.trigger()
    changed = window.workspace.cohorts.cohort_by_id(cohort.id)
    assert (changed.name, changed.capacity) == ("Spring 27", 2)
    assert window.cohort_picker.currentText() == "Spring 27"
    window.undo_stack.undo()
    assert window.workspace.cohorts.cohort_by_id(cohort.id) == cohort


def test_interests_by_double_click_show_on_the_card_and_count(
    window: Any, monkeypatch: Any
) -> None:
    cohort = _new_cohort(window, monkeypatch)
    ws, board = window.workspace, window.pairing_board
    ws.cohorts.enrol([MEHTA], "mentor", cohort)
    ws.cohorts.enrol([VARGA], "mentee", cohort)
    _answer(monkeypatch, InterestsDialog, ("culture, AI", "Tuesday mornings"))
    _select(board.mentor_view, board.mentors, MEHTA)
    board.mentor_view.doubleClicked.emit(board.mentors.index(board.mentors.row_of(MEHTA)))
    (p,) = [p for p in ws.cohorts.participants(cohort) if p.employee_id == MEHTA]
    assert (p.interests, p.availability) == ("culture, AI", "Tuesday mornings")
    text = board.mentors.data(board.mentors.index(board.mentors.row_of(MEHTA)))
    assert "Topics: culture, AI" in text
    _answer(monkeypatch, InterestsDialog, ("ai", ""))
    _select(board.mentee_view, board.mentees, VARGA)
    board.participant_actions.act_interests.trigger()
    assert "+1 shared: ai" in ws.pairing.score(MEHTA, VARGA, cohort)[1]
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert {p.employee_id: p.interests for p in ws.cohorts.participants(cohort)} == {
        MEHTA: "",
        VARGA: "",
    }


def test_delete_on_the_mentor_list_removes_from_the_cohort(
    window: Any, monkeypatch: Any, qtbot: Any
) -> None:
    cohort = _new_cohort(window, monkeypatch)
    ws, board = window.workspace, window.pairing_board
    ws.cohorts.enrol([MEHTA, "E1114"], "mentor", cohort)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    _select(board.mentor_view, board.mentors, MEHTA)
    qtbot.keyClick(board.mentor_view, Qt.Key.Key_Delete)
    assert [p.employee_id for p in ws.cohorts.participants(cohort)] == ["E1114"]
    window.undo_stack.undo()
    assert {p.employee_id for p in ws.cohorts.participants(cohort)} == {MEHTA, "E1114"}


def test_never_pair_these_two_then_allow_again_from_the_list(window: Any, monkeypatch: Any) -> None:
    cohort = _new_cohort(window, monkeypatch)
    ws, board = window.workspace, window.pairing_board
    ws.cohorts.enrol([MEHTA], "mentor", cohort)
    ws.cohorts.enrol([VARGA], "mentee", cohort)
    _select(board.mentor_view, board.mentors, MEHTA)
    _select(board.mentee_view, board.mentees, VARGA)
    _answer(monkeypatch, ReasonPrompt, "family relationship")
    board.participant_actions.act_never.trigger()
    assert ws.cohorts.exclusions() == {(VARGA, MEHTA): "family relationship"}  # kept in id order
    assert "excluded" in [c.code for c in ws.pairing.check(MEHTA, VARGA, cohort)]
    dialog = ExclusionsDialog(ws, window.undo_stack, window)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 2).text() == "family relationship"
    dialog.table.selectRow(0)
    dialog.remove_selected()
    assert ws.cohorts.exclusions() == {} and dialog.table.rowCount() == 0
    window.undo_stack.undo()  # allowed again -> back on the list
    assert ws.cohorts.exclusions() == {(VARGA, MEHTA): "family relationship"}
    window.undo_stack.undo()  # and the original entry undone too
    assert ws.cohorts.exclusions() == {}
    dialog.deleteLater()


def test_bulk_add_by_filter_all_grade_8_and_up_in_finance(window: Any, monkeypatch: Any) -> None:
    cohort = _new_cohort(window, monkeypatch)
    ws, board = window.workspace, window.pairing_board
    board.roster_search.setText("grade>=8 division:finance")
    expected = sorted(
        e.employee_id
        for e in ws.roster.employees().values()
        if e.division == "Finance" and e.grade and int(e.grade) >= 8
    )
    assert expected and board.roster_model.rowCount() == len(expected)
    board.add_mentees.click()
    assert sorted(p.employee_id for p in ws.cohorts.participants(cohort, "mentee")) == expected
    board.roster_search.setText("grade<=8 division:finance")  # a wider query, not a narrower one
    assert board.roster_model.rowCount() > len(expected) - 1
    window.undo_stack.undo()
    assert ws.cohorts.participants(cohort) == []


def test_grade_order_setting_from_the_menu_is_undoable(window: Any, monkeypatch: Any) -> None:
    cohort = _new_cohort(window, monkeypatch)
    ws = window.workspace
    assert window.act_grade_order.isChecked() and ws.pairing.higher_grade_is_senior
    assert "not-reverse" not in [c.code for c in ws.pairing.check(MEHTA, VARGA, cohort)]
    window.act_grade_order.trigger()
    assert not ws.pairing.higher_grade_is_senior
    assert "not-reverse" in [c.code for c in ws.pairing.check(MEHTA, VARGA, cohort)]
    window.undo_stack.undo()
    assert ws.pairing.higher_grade_is_senior and window.act_grade_order.isChecked()
