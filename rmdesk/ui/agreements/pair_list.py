"""The list beside the editor: the programme template, then every pair with its state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from rmdesk.models.agreements import AgreementState
from rmdesk.models.conflicts import Severity
from rmdesk.models.people import Employee
from rmdesk.models.wording import isolated, pair_label
from rmdesk.ui.common.severity import icon

TEMPLATE = 0  # the item data of the template row; pairs carry their id (ids start at 1)
STATE_WORDS = {"none": "not started"}
#: How much each state asks of the officer (shown with an icon, never colour alone).
STATE_SEVERITY = {
    "none": Severity.INFO,
    "draft": Severity.INFO,
    "awaiting signatures": Severity.WARN,
    "changed since signing": Severity.WARN,
}


def state_text(state: AgreementState) -> str:
    if state.kind == "awaiting signatures" and len(state.waiting_for) == 1:
        return f"awaiting the {state.waiting_for[0]}'s signature"
    return STATE_WORDS.get(state.kind, state.label)


class PairList(QTreeWidget):
    """Pairs of the cohort with their agreement state; rows update one at a time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementList")
        self.setColumnCount(2)
        self.setHeaderLabels(["Pair", "Agreement"])
        self.setRootIsDecorated(False)
        # rows as tall as their names need: one height for all cut the accents off capitals
        # ("Ánh" read "Anh") and the foot off Arabic
        self.setUniformRowHeights(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self._rows: dict[int, QTreeWidgetItem] = {}

    def fill(
        self,
        cohort_name: str,
        pairs: list[tuple[int, Employee, Employee, str]],
        states: dict[int, AgreementState],
    ) -> None:
        """The template row, then one row per (pair id, mentor, mentee, status)."""
        self.clear()
        self._rows = {}
        template = QTreeWidgetItem([f"Programme template · {cohort_name}", "for new agreements"])
        template.setData(0, Qt.ItemDataRole.UserRole, TEMPLATE)
        font = template.font(0)
        font.setItalic(True)
        template.setFont(0, font)
        self.addTopLevelItem(template)
        for pair_id, mentor, mentee, status in pairs:
            label = pair_label(mentor.name, mentee.name) + (
                " (ended)" if status != "active" else ""
            )
            item = QTreeWidgetItem([label, ""])
            item.setData(0, Qt.ItemDataRole.UserRole, pair_id)
            item.setToolTip(
                0, f"Pair {pair_id}: {isolated(mentor.label)} mentors {isolated(mentee.label)}"
            )
            self.addTopLevelItem(item)
            self._rows[pair_id] = item
            self.set_state(pair_id, states.get(pair_id, AgreementState("none")))

    def set_state(self, pair_id: int, state: AgreementState) -> None:
        item = self._rows.get(pair_id)
        if item is None:
            return
        item.setText(1, state_text(state))
        severity = STATE_SEVERITY.get(state.kind)
        item.setIcon(1, icon(severity))  # signed: the clean tick
        item.setToolTip(1, state.label + (f", version {state.version}" if state.version else ""))

    def pair_ids(self) -> list[int]:
        return list(self._rows)

    def select(self, key: int) -> None:
        """Select the template (TEMPLATE) or a pair by id."""
        item = self._rows.get(key) if key != TEMPLATE else self.topLevelItem(0)
        if item is not None:
            self.setCurrentItem(item)

    def selected(self) -> int | None:
        item = self.currentItem()
        return None if item is None else int(item.data(0, Qt.ItemDataRole.UserRole))
