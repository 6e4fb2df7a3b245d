"""The real ``ask`` seams: a modal dialog answered (or cancelled) from inside its own loop.

Other tests replace these seams; this one checks that what they return is what the dialog says."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from rmdesk.models.cohorts import Cohort
from rmdesk.models.conflicts import Conflict, Severity
from rmdesk.models.people import Employee
from rmdesk.ui.common.cohort_dialog import CohortChoice, CohortDialog
from rmdesk.ui.common.prompts import InterestsDialog, ReasonPrompt
from rmdesk.ui.pairing.override_dialog import OverrideDialog


def _then(act: Callable[[Any], None]) -> None:
    """Once the modal dialog is up, do ``act`` to it."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        act(dialog)

    QTimer.singleShot(0, run)


def test_interests_dialog_returns_what_was_typed(qtbot: Any) -> None:
    def type_and_accept(d: Any) -> None:
        d.interests.setText("  culture, AI ")
        d.availability.setText("Fridays")
        d.accept()

    _then(type_and_accept)
    ana = Employee("E1", "Ana Silva", title="Analyst", department="Treasury")
    assert InterestsDialog.ask(None, ana, "", "") == ("culture, AI", "Fridays")
    _then(lambda d: d.reject())
    assert InterestsDialog.ask(None, ana, "x", "y") is None


def test_reason_prompt_needs_text(qtbot: Any) -> None:
    def check_and_type(d: Any) -> None:
        from PySide6.QtWidgets import QDialogButtonBox

        ok = d.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()
        d.text.setText("conflict of interest")
        assert ok.isEnabled()
        d.accept()

    _then(check_and_type)
    assert ReasonPrompt.ask(None, "Why", "Why?") == "conflict of interest"


def test_cohort_dialog_returns_the_choice(qtbot: Any) -> None:
    cohort = Cohort(1, "Spring", date(2027, 3, 1), date(2027, 9, 1), 2)
    _then(lambda d: d.accept())
    assert CohortDialog.ask(None, cohort) == CohortChoice(
        "Spring", date(2027, 3, 1), date(2027, 9, 1), 2
    )

    def blank_name(d: Any) -> None:
        d.name.setText("   ")
        assert not d.ok.isEnabled() and "name" in d.problem.text()  # said in the dialog
        d.name.setText("Spring")
        d.ends.setDate(QDate(2027, 1, 1))  # before it starts
        assert not d.ok.isEnabled() and "ends before it starts" in d.problem.text()
        d.ends.setDate(QDate(2027, 9, 30))
        assert d.ok.isEnabled() and d.problem.isHidden()
        d.name.setText("   ")
        d.accept()  # whatever calls accept, a blank name is no answer

    _then(blank_name)
    assert CohortDialog.ask(None, cohort) is None


def test_override_dialog_returns_the_reason(qtbot: Any) -> None:
    blocks = [Conflict("direct-report", Severity.BLOCK, "A reports directly to B.")]

    def give_reason(d: Any) -> None:
        d.reason.setText("approved by the HR director")
        d.accept()

    _then(give_reason)
    assert OverrideDialog.ask(None, "A", "B", blocks) == "approved by the HR director"
    _then(lambda d: d.reject())
    assert OverrideDialog.ask(None, "A", "B", blocks) is None
