"""Create a cohort, or change its name, dates and mentor capacity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from rmdesk.models.cohorts import Cohort
from rmdesk.ui.common.modal import answer_of, ok_cancel


@dataclass(frozen=True)
class CohortChoice:
    name: str
    starts: date
    ends: date
    capacity: int


def _py_date(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


class CohortDialog(QDialog):
    def __init__(self, cohort: Cohort | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cohortDialog")
        self.setWindowTitle("Cohort" if cohort else "New cohort")
        today = date.today()
        starts = cohort.starts if cohort and cohort.starts else today
        ends = (
            cohort.ends
            if cohort and cohort.ends
            else date(today.year + (today.month + 6 > 12), (today.month + 5) % 12 + 1, 1)
        )
        self.name = QLineEdit(cohort.name if cohort else f"Cohort {today.year}")
        self.starts = QDateEdit(QDate(starts.year, starts.month, starts.day))
        self.ends = QDateEdit(QDate(ends.year, ends.month, ends.day))
        for d in (self.starts, self.ends):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 10)
        self.capacity.setValue(cohort.capacity if cohort else 1)
        self.capacity.setSuffix(" mentee(s) per mentor")
        # what is wrong is said in the dialog, and OK waits for it: refused after the dialog
        # closed, everything typed was lost
        self.problem = QLabel()
        self.problem.setObjectName("cohortProblem")
        self.problem.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("Name", self.name)
        form.addRow("Starts", self.starts)
        form.addRow("Ends", self.ends)
        form.addRow("Capacity", self.capacity)
        form.addRow(self.problem)
        buttons = ok_cancel(self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form.addRow(buttons)
        self.name.textChanged.connect(self._check)
        self.starts.dateChanged.connect(self._check)
        self.ends.dateChanged.connect(self._check)
        self._check()

    def problems(self) -> list[str]:
        """What keeps the cohort from being saved, in words (empty: OK)."""
        found = []
        if not self.name.text().strip():
            found.append("Give the cohort a name.")
        if self.ends.date() < self.starts.date():
            found.append("The cohort ends before it starts: move one of the dates.")
        return found

    def _check(self) -> None:
        found = self.problems()
        self.problem.setText(" ".join(found))
        self.problem.setVisible(bool(found))
        self.ok.setEnabled(not found)

    def choice(self) -> CohortChoice:
        return CohortChoice(
            self.name.text().strip(),
            _py_date(self.starts.date()),
            _py_date(self.ends.date()),
            self.capacity.value(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, cohort: Cohort | None = None) -> CohortChoice | None:
        dialog = cls(cohort, parent)
        return answer_of(dialog, lambda: None if dialog.problems() else dialog.choice())
