"""Suggested pairs, each explained, for the officer to accept one by one or all at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rmdesk.models.matching import Proposal, Suggestion
from rmdesk.models.people import Employee
from rmdesk.ui.common.modal import answer_of


class SuggestionsDialog(QDialog):
    def __init__(
        self, suggestion: Suggestion, people: dict[str, Employee], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionsDialog")
        self.setWindowTitle("Suggested pairs")
        self.resize(820, 560)
        self.suggestion = suggestion
        self.tree = QTreeWidget()
        self.tree.setObjectName("proposals")
        self.tree.setHeaderLabels(["Mentor", "Mentee", "Score"])
        self.tree.setColumnWidth(0, 300)
        self.tree.setColumnWidth(1, 300)
        for p in suggestion.proposals:
            item = QTreeWidgetItem(
                [people[p.mentor_id].label, people[p.mentee_id].label, f"{p.score:+d}"]
            )
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setToolTip(0, "\n".join(p.reasons))
            for r in p.reasons:
                QTreeWidgetItem(item, [r])
            self.tree.addTopLevelItem(item)
            for k in range(item.childCount()):  # a reason reads across the whole row
                child = item.child(k)
                if child is not None:
                    child.setFirstColumnSpanned(True)
        unplaced = "".join(
            f"<li>{people[e].label if e in people else e}: {why}</li>"
            for e, why in suggestion.unplaced[:20]
        )
        more = len(suggestion.unplaced) - 20
        note = QLabel(
            f"Not placed:<ul>{unplaced}</ul>" + (f"… and {more} more" if more > 0 else "")
            if suggestion.unplaced
            else "Everybody waiting has a proposal."
        )
        note.setWordWrap(True)
        intro = QLabel(
            f"{len(suggestion.proposals)} proposals maximise the total match score "
            "with no blocking conflict. Untick the ones you reject; expand a row to "
            "see why it scores as it does."
        )
        intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.accept_checked = self.buttons.addButton(
            "Accept ticked", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.accept_all = self.buttons.addButton("Accept all", QDialogButtonBox.ButtonRole.YesRole)
        self.accept_all.clicked.connect(self._all)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.tree, 1)
        lay.addWidget(note)
        lay.addWidget(self.buttons)

    def _all(self) -> None:
        for item in self._items():
            item.setCheckState(0, Qt.CheckState.Checked)
        self.accept()

    def chosen(self) -> list[Proposal]:
        return [
            p
            for p, item in zip(self.suggestion.proposals, self._items(), strict=True)
            if item.checkState(0) == Qt.CheckState.Checked
        ]

    def _items(self) -> list[QTreeWidgetItem]:
        found = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in found if item is not None]

    @classmethod
    def ask(
        cls, parent: QWidget | None, suggestion: Suggestion, people: dict[str, Employee]
    ) -> list[Proposal] | None:
        """The proposals the officer accepts, or None (the test seam)."""
        dialog = cls(suggestion, people, parent)
        return answer_of(dialog, lambda: dialog.chosen())
