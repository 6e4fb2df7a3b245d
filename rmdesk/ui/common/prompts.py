"""Small questions the board asks: a participant's interests, a reason, whether to enrol many
people or switch their role. Each has an ``ask`` seam returning plain values."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from rmdesk.models.people import Employee
from rmdesk.models.wording import plural
from rmdesk.ui.common.modal import answer_of, ok_cancel


class InterestsDialog(QDialog):
    """Topics of interest (comma-separated, they count in the match score) and availability."""

    def __init__(self, person: Employee, interests: str, availability: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("interestsDialog")
        self.setWindowTitle(f"Interests of {person.name}")
        where = " · ".join(x for x in (person.title, person.department) if x)
        self.who = QLabel(f"<b>{person.name}</b> ({person.employee_id})<br>{where}")
        self.who.setObjectName("interestsPerson")
        self.who.setWordWrap(True)
        self.interests = QLineEdit(interests)
        self.interests.setPlaceholderText("e.g. culture, strategy, AI, hybrid work")
        self.availability = QLineEdit(availability)
        self.availability.setPlaceholderText("e.g. Tuesday mornings, not in August")
        form = QFormLayout(self)
        hint = QLabel("Topics shared by a mentor and a mentee raise their match score.")
        hint.setWordWrap(True)
        form.addRow(self.who)
        form.addRow(hint)
        form.addRow("Topics", self.interests)
        form.addRow("Availability", self.availability)
        buttons = ok_cancel(self)
        form.addRow(buttons)
        self.resize(460, 0)

    @classmethod
    def ask(cls, parent: QWidget | None, person: Employee, interests: str,
            availability: str) -> tuple[str, str] | None:  # fmt: skip
        """(topics, availability) of ``person`` as typed, or None when cancelled."""
        dialog = cls(person, interests, availability, parent)
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


class EnrolConfirm(QDialog):
    """Before adding many people at once, or changing anyone's role: who, and how many."""

    def __init__(self, role: str, count: int, switching: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("enrolConfirm")
        self.setWindowTitle(f"Add {plural(count, role)}?")
        lay = QVBoxLayout(self)
        head = QLabel(f"Add <b>{plural(count, 'person')}</b> to the cohort as {role}s?")
        head.setWordWrap(True)
        lay.addWidget(head)
        if switching:
            note = QLabel(
                f"{plural(len(switching), 'person')} already in the cohort in another role "
                f"will become {role}s:"
            )
            note.setWordWrap(True)
            lay.addWidget(note)
            people = QListWidget()
            people.setObjectName("roleSwitches")
            for label, now in switching:
                people.addItem(f"{label}: now a {now}, will be a {role}")
            lay.addWidget(people)
        buttons = ok_cancel(self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Switch roles and add" if switching else f"Add {plural(count, role)}")
        lay.addWidget(buttons)
        self.resize(480, 0)

    @classmethod
    def ask(cls, parent: QWidget | None, role: str, count: int,
            switching: list[tuple[str, str]]) -> bool:  # fmt: skip
        """True when the officer confirms; ``switching`` is (person, current role) pairs."""
        dialog = cls(role, count, switching, parent)
        return bool(answer_of(dialog, lambda: True))
