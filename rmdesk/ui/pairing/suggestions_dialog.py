"""Suggested pairs, each explained, for the officer to accept: warned ones only when ticked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rmdesk.models.conflicts import Conflict, Severity
from rmdesk.models.matching import Proposal, Suggestion
from rmdesk.models.people import Employee
from rmdesk.models.wording import isolated, ltr_line, plural
from rmdesk.ui.common import severity
from rmdesk.ui.common.modal import answer_of

#: (mentor id, mentee id) -> what the rules say about that pair
Verdicts = dict[tuple[str, str], list[Conflict]]


def grouped_reasons(unplaced: list[tuple[str, str]], people: dict[str, Employee]) -> list[str]:
    """Why people were left out, each reason once with how many it concerns and who."""
    by_reason: dict[str, list[str]] = {}
    for emp, why in unplaced:
        by_reason.setdefault(why, []).append(people[emp].name if emp in people else emp)
    out = []
    for why, names in sorted(by_reason.items(), key=lambda kv: -len(kv[1])):
        who = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
        out.append(f"{why} — {plural(len(names), 'person')}: {who}" if len(names) > 1
                   else f"{who}: {why}")  # fmt: skip
    return out


class SuggestionsDialog(QDialog):
    """Proposals with warnings carry an icon and the word 'Warning', and start unticked."""

    def __init__(
        self,
        suggestion: Suggestion,
        people: dict[str, Employee],
        verdicts: Verdicts | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionsDialog")
        self.setWindowTitle("Suggested pairs")
        self.resize(860, 600)
        self.suggestion = suggestion
        self.people = people
        self.verdicts = verdicts or {}
        self.tree = QTreeWidget()
        self.tree.setObjectName("proposals")
        self.tree.setHeaderLabels(["Mentor", "Mentee", "Score", "Check"])
        self.tree.setColumnWidth(0, 260)
        self.tree.setColumnWidth(1, 260)
        self.tree.setColumnWidth(2, 60)
        self.tree.setRootIsDecorated(False)
        warned = 0
        for p in suggestion.proposals:
            conflicts = self.warnings(p)
            worst = max((c.severity for c in conflicts), default=None)
            word = severity.WORDS[worst] if conflicts else "Clean"
            item = QTreeWidgetItem(
                [people[p.mentor_id].label, people[p.mentee_id].label, f"{p.score:+d}", word]
            )
            item.setIcon(3, severity.icon(worst if conflicts else None))
            item.setCheckState(0, Qt.CheckState.Unchecked if conflicts else Qt.CheckState.Checked)
            item.setToolTip(3, "\n".join(c.message for c in conflicts) or "No warnings")
            warned += bool(conflicts)
            self.tree.addTopLevelItem(item)
        self.details = QTextBrowser()
        self.details.setObjectName("proposalDetails")
        self.tree.currentItemChanged.connect(self._explain)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(self.details)
        split.setSizes([380, 160])

        reasons = grouped_reasons(suggestion.unplaced, people)
        self.unplaced = QLabel(
            "Not placed:<ul>" + "".join(f"<li>{r}</li>" for r in reasons) + "</ul>"
            if reasons
            else "Everybody waiting has a proposal."
        )
        self.unplaced.setObjectName("unplaced")
        self.unplaced.setWordWrap(True)
        n = len(suggestion.proposals)
        intro = QLabel(
            f"{plural(n, 'proposal')} maximise the total match score with no blocking "
            "conflict. Untick the ones you reject; select a row to see why it scores as it does."
            + (
                f" <b>{plural(warned, 'proposal')} with a warning {'is' if warned == 1 else 'are'}"
                " unticked</b>: read the warning, then tick it to accept it."
                if warned
                else ""
            )
        )
        intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.accept_checked = self.buttons.addButton(
            "Accept ticked", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.accept_clean = self.buttons.addButton(
            f"Accept all clean ({n - warned})", QDialogButtonBox.ButtonRole.YesRole
        )
        self.accept_clean.setEnabled(n - warned > 0)
        self.accept_clean.clicked.connect(self._all_clean)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(split, 1)
        lay.addWidget(self.unplaced)
        lay.addWidget(self.buttons)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)

    def warnings(self, proposal: Proposal) -> list[Conflict]:
        """What the rules warn about in ``proposal`` (notes and clean matches say nothing)."""
        found = self.verdicts.get((proposal.mentor_id, proposal.mentee_id), [])
        return [c for c in found if c.severity >= Severity.WARN]

    def _explain(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            self.details.clear()
            return
        p = self.suggestion.proposals[self.tree.indexOfTopLevelItem(item)]
        mentor, mentee = self.people[p.mentor_id], self.people[p.mentee_id]
        found = self.verdicts.get((p.mentor_id, p.mentee_id), [])
        checks = "".join(
            f"<li><b>{severity.WORDS[c.severity]}</b>: {c.message}</li>" for c in found
        )
        score = "".join(f"<li>{r}</li>" for r in p.reasons)
        self.details.setHtml(
            ltr_line(f"<b>{isolated(mentor.label)} mentors {isolated(mentee.label)}</b>")
            + f" · score {p.score:+d}"
            + (f"<p>Checks:</p><ul>{checks}</ul>" if checks else "<p>No warnings.</p>")
            + (f"<p>Score:</p><ul>{score}</ul>" if score else "")
        )

    def _all_clean(self) -> None:
        for p, item in zip(self.suggestion.proposals, self._items(), strict=True):
            clean = not self.warnings(p)
            item.setCheckState(0, Qt.CheckState.Checked if clean else Qt.CheckState.Unchecked)
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
        cls,
        parent: QWidget | None,
        suggestion: Suggestion,
        people: dict[str, Employee],
        verdicts: Verdicts | None = None,
    ) -> list[Proposal] | None:
        """The proposals the officer accepts, or None (the test seam)."""
        dialog = cls(suggestion, people, verdicts, parent)
        return answer_of(dialog, lambda: dialog.chosen())
