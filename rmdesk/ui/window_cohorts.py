"""The main window's cohort menu: the picker, new and edited cohorts, the grade order, the
do-not-pair list. A base of MainWindow (over RosterHandling), so the window module stays
short."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QComboBox, QMessageBox

from rmdesk.errors import RmdeskError
from rmdesk.ui.window_roster import RosterHandling

if TYPE_CHECKING:
    from rmdesk.models.cohorts import Cohort


class CohortFlow(RosterHandling):
    """Cohorts as the officer picks, makes and changes them; every change one undo step."""

    # made by MainWindow.populate (the dialogs and commands are imported when first used, so
    # that the window paints before them)
    undo_stack: QUndoStack
    cohort_picker: QComboBox
    act_edit_cohort: QAction
    act_grade_order: QAction

    show_view: Callable[[str], None]

    def show_error(self, title: str, text: str) -> None:
        """A refusal the officer must read (a seam for tests)."""
        QMessageBox.warning(self, title, text)

    def current_cohort(self) -> Cohort | None:
        cid = self.cohort_picker.currentData()
        return self.workspace.cohorts.cohort_by_id(int(cid)) if cid is not None else None

    def _load_cohorts(self, select: int | None = None) -> None:
        cohorts = self.workspace.cohorts.cohorts()
        keep = select if select is not None else self.cohort_picker.currentData()
        self.cohort_picker.blockSignals(True)
        self.cohort_picker.clear()
        for c in reversed(cohorts):
            self.cohort_picker.addItem(c.name, c.id)
        idx = self.cohort_picker.findData(keep) if keep is not None else -1
        self.cohort_picker.setCurrentIndex(idx if idx >= 0 else 0)
        self.cohort_picker.blockSignals(False)
        self.act_edit_cohort.setEnabled(bool(cohorts))
        self.cohort_picker.setEnabled(bool(cohorts))
        if not cohorts:
            self.cohort_picker.setCurrentIndex(-1)
        self._cohort_chosen()

    def _cohort_chosen(self, *_: object) -> None:
        cohort = self.current_cohort()
        self.pairing_board.set_cohort(cohort)
        programme = getattr(self, "programme", None)  # built after the board
        if programme is not None:
            programme.set_cohort(cohort)

    def new_cohort(self) -> None:
        from rmdesk.ui.common.cohort_dialog import CohortDialog
        from rmdesk.ui.common.undo import CreateCohortCommand, push

        choice = CohortDialog.ask(self, None)
        if choice is None:
            return
        command = CreateCohortCommand(
            self.workspace, choice.name, choice.starts, choice.ends, choice.capacity
        )
        try:
            push(self.undo_stack, command)
        except RmdeskError as exc:
            self.show_error("The cohort cannot be created", str(exc))
            return
        assert command.made is not None
        self._load_cohorts(select=command.made.id)
        self.show_view("pairing")

    def edit_cohort(self) -> None:
        from rmdesk.models.cohorts import Cohort
        from rmdesk.ui.common.cohort_dialog import CohortDialog
        from rmdesk.ui.common.undo import EditCohortCommand, push

        cohort = self.current_cohort()
        if cohort is None:
            return
        choice = CohortDialog.ask(self, cohort)
        if choice is None:
            return
        after = Cohort(cohort.id, choice.name, choice.starts, choice.ends, choice.capacity)
        try:
            push(self.undo_stack, EditCohortCommand(self.workspace, cohort, after))
        except RmdeskError as exc:
            self.show_error("The cohort cannot be changed", str(exc))

    def _grade_order_toggled(self, checked: bool) -> None:
        from rmdesk.ui.common.undo import GradeOrderCommand, push

        if checked != self.workspace.pairing.higher_grade_is_senior:
            push(self.undo_stack, GradeOrderCommand(self.workspace, checked))

    def _sync_grade_order(self) -> None:
        self.act_grade_order.blockSignals(True)
        self.act_grade_order.setChecked(self.workspace.pairing.higher_grade_is_senior)
        self.act_grade_order.blockSignals(False)

    def show_exclusions(self) -> None:
        from rmdesk.ui.pairing.exclusions_dialog import ExclusionsDialog

        dialog = ExclusionsDialog(self.workspace, self.undo_stack, self)
        dialog.exec()
        dialog.deleteLater()
