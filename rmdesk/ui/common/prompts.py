"""Small questions the board asks: a participant's interests, a reason. Each has an ``ask`` seam."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from rmdesk.ui.common.modal import answer_of, ok_cancel


class InterestsDialog(QDialog):
    """Topics of interest (comma-separated, they count in the match score) and availability."""

    def __init__(self, name: str, interests: str, availability: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("interestsDialog")
        self.setWindowTitle(f"Interests of {name}")
        self.interests = QLineEdit(interests)
        self.interests.setPlaceholderText("e.g. culture, strategy, AI, hybrid work")
        self.availability = QLineEdit(availability)
        self.availability.setPlaceholderText("e.g. Tuesday mornings, not in August")
        form = QFormLayout(self)
        hint = QLabel("Topics shared by a mentor and a mentee raise their match score.")
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow("Topics", self.interests)
        form.addRow("Availability", self.availability)
        buttons = ok_cancel(self)
        form.addRow(buttons)
        self.resize(460, 0)

    @classmethod
    def ask(cls, parent: QWidget | None, name: str, interests: str,
            availability: str) -> tuple[str, str] | None:  # fmt: skip
        """(topics, availability) as typed, or None when cancelled."""
        dialog = cls(name, interests, availability, parent)
        return answer_of(
            dialog, lambda: (dialog.interests.text().strip(), dialog.availability.text().strip())
        )


class ReasonPrompt(QDialog):
    """One required line of text, such as why two people must never be paired."""

    def __init__(self, title: str, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonPrompt")
        self.setWindowTitle(title)
        label = QLabel(question)
        label.setWordWrap(True)
        self.text = QLineEdit()
        buttons = ok_cancel(self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.text.textChanged.connect(lambda t: ok.setEnabled(bool(t.strip())))
        form = QFormLayout(self)
        form.addRow(label)
        form.addRow(self.text)
        form.addRow(buttons)
        self.resize(460, 0)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, question: str) -> str | None:
        dialog = cls(title, question, parent)
        return answer_of(dialog, lambda: dialog.text.text().strip() or None)
