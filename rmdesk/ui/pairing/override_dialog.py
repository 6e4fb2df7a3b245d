"""Ask the officer whether to override a blocking conflict, and why (the reason is stored)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from rmdesk.models.conflicts import Conflict
from rmdesk.models.wording import isolated
from rmdesk.ui.common.modal import answer_of


class OverrideDialog(QDialog):
    def __init__(
        self, mentor: str, mentee: str, conflicts: list[Conflict], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("overrideDialog")
        self.setWindowTitle("Pairing blocked")
        items = "".join(f"<li>{html.escape(c.message)}</li>" for c in conflicts)
        text = QLabel(
            f"Pairing <b>{html.escape(isolated(mentor))}</b> with "
            f"<b>{html.escape(isolated(mentee))}</b> is blocked:<ul>{items}</ul>"
            "Pair them anyway only if you have a good reason. The reason is stored "
            "and shown on the pair."
        )
        text.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("overrideReason")
        self.reason.setPlaceholderText("Reason for the override (required)")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton("Pair anyway", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addWidget(self.reason)
        lay.addWidget(self.buttons)
        self.resize(520, 0)

    @classmethod
    def ask(
        cls, parent: QWidget | None, mentor: str, mentee: str, conflicts: list[Conflict]
    ) -> str | None:
        """The override reason, or None when the officer keeps the block (the test seam)."""
        dialog = cls(mentor, mentee, conflicts, parent)
        return answer_of(dialog, lambda: dialog.reason.text().strip() or None)
