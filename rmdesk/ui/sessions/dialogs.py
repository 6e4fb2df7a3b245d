"""The sessions view's questions: when (add or move a session), what was said (a held
session's notes), a new action, closing a pair. Each has an ``ask`` seam returning plain
values (None when the officer cancels)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from rmdesk.models.actions import OWNER_ROLES
from rmdesk.models.sessions import OUTCOME_WORDS, Session
from rmdesk.ui.common.modal import answer_of, ok_cancel
from rmdesk.workspace.sessions import local_zone

#: (first day, last day) of the cohort, either unknown
Span = tuple[date | None, date | None]


class WhenDialog(QDialog):
    """A date and time for a new or moved session, in the officer's time zone. A date
    outside the cohort's dates is allowed (a make-up session after the end) but said."""

    def __init__(
        self,
        title: str,
        initial: datetime,
        span: Span = (None, None),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionWhenDialog")
        self.setWindowTitle(title)
        self.span = span
        local = initial.astimezone(local_zone())
        self.when = QDateTimeEdit(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.note = QLabel()
        self.note.setObjectName("outsideCohort")
        self.note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("&Date and time:", self.when)
        form.addRow(self.note)
        form.addRow(ok_cancel(self))
        self.when.dateTimeChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        day, (first, last) = self.value().date(), self.span
        said = ""
        if first is not None and day < first:
            said = f"This is before the cohort starts ({first:%Y-%m-%d})."
        elif last is not None and day > last:
            said = f"This is after the cohort ends ({last:%Y-%m-%d})."
        self.note.setText(said)
        self.note.setVisible(bool(said))

    def value(self) -> datetime:
        d, t = self.when.date(), self.when.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=local_zone())

    @classmethod
    def ask(
        cls, parent: QWidget | None, title: str, initial: datetime, span: Span = (None, None)
    ) -> datetime | None:
        dialog = cls(title, initial, span, parent)
        return answer_of(dialog, dialog.value)


class NotesDialog(QDialog):
    """What a held session covered: topics and learnings (shared in reports), whether the
    senior slipped into advising, and a confidential note that never leaves the app."""

    def __init__(self, session: Session, label: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionNotesDialog")
        when = f"{session.starts_at:%Y-%m-%d %H:%M}"
        # which pair: the officer writes notes of many pairs in a row
        self.setWindowTitle(f"Notes · {label} · {when}" if label else f"Session of {when}")
        self.topics = QLineEdit(session.topics)
        self.learnings = QPlainTextEdit(session.learnings)
        self.reversal = QCheckBox("The senior gave advice instead of listening (role reversal)")
        self.reversal.setChecked(session.role_reversal)
        self.confidential = QPlainTextEdit(session.confidential_notes)
        self.confidential.setObjectName("confidentialNote")
        form = QFormLayout(self)
        form.addRow("&Topics:", self.topics)
        form.addRow("&Learnings (shared in reports):", self.learnings)
        form.addRow(self.reversal)
        warn = QLabel("<b>Confidential</b>: stays in this app, never exported or printed.")
        warn.setWordWrap(True)
        form.addRow(warn)
        form.addRow("Confidential &note:", self.confidential)
        form.addRow(ok_cancel(self))
        self.resize(520, 0)

    def value(self) -> tuple[str, str, bool, str]:
        return (
            self.topics.text().strip(),
            self.learnings.toPlainText().strip(),
            self.reversal.isChecked(),
            self.confidential.toPlainText().strip(),
        )

    @classmethod
    def ask(
        cls, parent: QWidget | None, session: Session, label: str = ""
    ) -> tuple[str, str, bool, str] | None:
        """(topics, learnings, role reversal, confidential note), or None."""
        dialog = cls(session, label, parent)
        return answer_of(dialog, dialog.value)


class ActionDialog(QDialog):
    """A learning turned into an action: what, who owns it, by when."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionDialog")
        self.setWindowTitle(f"New action for {label}")
        self.text = QLineEdit()
        self.text.setPlaceholderText("e.g. Try the customer app for a week and report back")
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.addItems(list(OWNER_ROLES))
        self.owner.setToolTip("mentor, mentee, sponsor, or type a person's name")
        self.due = QDateEdit(QDate.currentDate().addDays(30))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout(self)
        form.addRow("&Action:", self.text)
        form.addRow("&Owner:", self.owner)
        form.addRow("&Due:", self.due)
        buttons = ok_cancel(self)
        form.addRow(buttons)
        # OK waits for a text and an owner: accepted empty, the action vanished unsaid
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.text.textChanged.connect(self._check)
        self.owner.currentTextChanged.connect(self._check)
        self._check()
        self.resize(480, 0)

    def _check(self) -> None:
        self.ok.setEnabled(self.value() is not None)

    def value(self) -> tuple[str, str, date] | None:
        text, owner = self.text.text().strip(), self.owner.currentText().strip()
        if not text or not owner:
            return None
        d = self.due.date()
        return text, owner, date(d.year(), d.month(), d.day())

    @classmethod
    def ask(cls, parent: QWidget | None, label: str) -> tuple[str, str, date] | None:
        """(text, owner, due), or None."""
        dialog = cls(label, parent)
        return answer_of(dialog, dialog.value)


class CloseDialog(QDialog):
    """How a pair ends: completed, or ended early with a reason and a note."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closePairDialog")
        self.setWindowTitle(f"Close {label}")
        self.outcome = QComboBox()
        for key, words in OUTCOME_WORDS.items():
            self.outcome.addItem(words, key)
        self.note = QLineEdit()
        self.note.setPlaceholderText("optional: what happened")
        form = QFormLayout(self)
        hint = QLabel("A closed pair leaves the active board; its sessions and actions are kept.")
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow("&Outcome:", self.outcome)
        form.addRow("&Note:", self.note)
        form.addRow(ok_cancel(self))

    def value(self) -> tuple[str, str]:
        return str(self.outcome.currentData()), self.note.text().strip()

    @classmethod
    def ask(cls, parent: QWidget | None, label: str) -> tuple[str, str] | None:
        """(outcome, note), or None."""
        dialog = cls(label, parent)
        return answer_of(dialog, dialog.value)
