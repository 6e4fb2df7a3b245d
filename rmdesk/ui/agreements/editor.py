"""The agreement editor: the structured fields the app uses and the prose sections.

It shows one body and reports edits as whole bodies, debounced (a pause of ``DEBOUNCE_MS``, or
another field, ends a burst); saving is the page's job. The same editor edits the template.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rmdesk.models.agreements import FORMATS, FREQUENCIES, AgreementBody

DEBOUNCE_MS = 500
NO_DATE = QDate(2000, 1, 1)  # the date edit's minimum, shown as "to be agreed"


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(t.strip() for t in edit.toPlainText().splitlines() if t.strip())


def _list_edit(name: str, lines: int = 4) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for w in widgets:
        row.addWidget(w)
    row.addStretch(1)
    return row


class AgreementEditor(QWidget):
    """Edits an AgreementBody; ``edited(body, what)`` after each burst of typing."""

    edited = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementEditor")
        self._body = AgreementBody()
        self._loading = False
        self._what = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)

        self.topics = _list_edit("topicsEdit", 4)
        self.prompts = QToolButton()
        self.prompts.setText("Ideas")
        self.prompts.setToolTip("Topics beyond technology: strategy, policy, culture, customers")
        self.prompts.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.prompts.setMenu(QMenu(self.prompts))
        self.off_limits = _list_edit("offLimitsEdit", 3)
        self.place = QLineEdit()
        self.place.setObjectName("meetingPlaceEdit")
        self.place_hint = QLabel()
        self.place_hint.setWordWrap(True)
        self.place_hint.setForegroundRole(self.place_hint.foregroundRole())
        self.format = QComboBox()
        self.format.setObjectName("formatCombo")
        self.format.addItems(list(FORMATS))
        self.frequency = QComboBox()
        self.frequency.setObjectName("frequencyCombo")
        self.frequency.addItems(list(FREQUENCIES))
        self.length = QSpinBox()
        self.length.setObjectName("lengthSpin")
        self.length.setRange(15, 240)
        self.length.setSingleStep(15)
        self.length.setSuffix(" min")
        self.first = QDateEdit()
        self.first.setObjectName("firstSessionEdit")
        self.first.setCalendarPopup(True)
        self.first.setDisplayFormat("yyyy-MM-dd")
        self.first.setMinimumDate(NO_DATE)
        self.first.setSpecialValueText("to be agreed")
        self.sessions = QSpinBox()
        self.sessions.setObjectName("sessionsSpin")
        self.sessions.setRange(1, 52)

        topics_row = QHBoxLayout()
        topics_row.addWidget(self.topics, 1)
        topics_row.addWidget(self.prompts, 0, Qt.AlignmentFlag.AlignTop)
        rhythm = _row(self.frequency, QLabel("for"), self.length)
        plan = _row(self.first, QLabel("Number of sessions"), self.sessions)
        place_box = QVBoxLayout()
        place_box.addWidget(self.place)
        place_box.addWidget(self.place_hint)
        self.form = QFormLayout()
        self.form.addRow("Topics of interest\n(one a line)", topics_row)
        self.form.addRow("Off-limit topics", self.off_limits)
        self.form.addRow("Where we meet", place_box)
        self.form.addRow("Format", self.format)
        self.form.addRow("How often", rhythm)
        self.form.addRow("First session", plan)
        self.sections_box = QVBoxLayout()
        self.section_edits: dict[str, QPlainTextEdit] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(self.sections_box)
        layout.addStretch(1)

        self._watch(self.topics.textChanged, "topics")
        self._watch(self.off_limits.textChanged, "off-limit topics")
        self._watch(self.place.textChanged, "meeting place")
        self._watch(self.format.currentIndexChanged, "format")
        self._watch(self.frequency.currentIndexChanged, "frequency")
        self._watch(self.length.valueChanged, "length")
        self._watch(self.first.dateChanged, "first session")
        self._watch(self.sessions.valueChanged, "number of sessions")

    def _watch(self, signal: object, what: str) -> None:
        signal.connect(lambda *_: self._changed(what))  # type: ignore[attr-defined]

    def _changed(self, what: str) -> None:
        if self._loading:
            return
        if self._timer.isActive() and what != self._what:
            self.flush()  # another field: the burst before is one step of its own
        self._what = what
        self._timer.start()

    @property
    def pending(self) -> bool:
        """Whether typed text waits to be reported."""
        return self._timer.isActive()

    def flush(self) -> None:
        """Report the edit waiting for the pause now (before switching pair, exporting…)."""
        if not self._timer.isActive() and not self._what:
            return
        self._timer.stop()
        what, self._what = self._what, ""
        body = self.body()
        if body != self._body:
            self._body = body
            self.edited.emit(body, what)

    # -- showing a body -------------------------------------------------------------------------
    def set_body(self, body: AgreementBody, read_only: bool = False) -> None:
        """Show ``body`` (no edit is reported). The cursor stays where it is when the text of
        a field is unchanged, so an undo or a refresh does not jump."""
        self._timer.stop()
        self._what = ""
        self._loading = True
        try:
            self._body = body
            self._set_text(self.topics, "\n".join(body.topics))
            self._set_text(self.off_limits, "\n".join(body.off_limits))
            self.topics.setPlaceholderText(
                "For example:\n" + "\n".join(body.topic_prompts[:4])
                if body.topic_prompts
                else "One topic a line"
            )
            menu = self.prompts.menu()
            menu.clear()
            for prompt in body.topic_prompts:
                action = QAction(prompt, menu)
                action.triggered.connect(lambda _=False, p=prompt: self._add_topic(p))
                menu.addAction(action)
            if self.place.text() != body.meeting_place:
                self.place.setText(body.meeting_place)
            self.place.setPlaceholderText("A neutral place, off-site if you can")
            self.place_hint.setText(body.place_hint)
            self.place_hint.setVisible(bool(body.place_hint))
            self._set_combo(self.format, body.format)
            self._set_combo(self.frequency, body.frequency)
            self.length.setValue(body.length_min)
            self.sessions.setValue(body.sessions)
            first = body.first_session
            self.first.setDate(QDate(first.year, first.month, first.day) if first else NO_DATE)
            self._set_sections(body)
            self.set_read_only(read_only)
        finally:
            self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        """Lock the fields (an older version is shown) or free them."""
        for edit in (self.topics, self.off_limits, *self.section_edits.values()):
            edit.setReadOnly(read_only)
        self.place.setReadOnly(read_only)
        self.prompts.setEnabled(bool(self._body.topic_prompts) and not read_only)
        fields: tuple[QWidget, ...] = (
            self.format,
            self.frequency,
            self.length,
            self.first,
            self.sessions,
        )
        for field in fields:
            field.setEnabled(not read_only)

    @staticmethod
    def _set_text(edit: QPlainTextEdit, text: str) -> None:
        if edit.toPlainText() != text:
            edit.setPlainText(text)

    @staticmethod
    def _set_combo(combo: QComboBox, value: str) -> None:
        if combo.findText(value) < 0:
            combo.addItem(value)  # a value from a hand-edited body stays visible
        combo.setCurrentText(value)

    def _set_sections(self, body: AgreementBody) -> None:
        keys = [s.key for s in body.sections]
        if keys != list(self.section_edits):
            while self.sections_box.count():
                item = self.sections_box.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.deleteLater()
            self.section_edits = {}
            for section in body.sections:
                title = QLabel(f"<b>{section.title}</b>")
                edit = QPlainTextEdit()
                edit.setObjectName(f"section_{section.key}")
                edit.setTabChangesFocus(True)
                edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 6 + 14)
                self._watch(edit.textChanged, section.title.lower())
                self.sections_box.addWidget(title)
                self.sections_box.addWidget(edit)
                self.section_edits[section.key] = edit
        for section in body.sections:
            self._set_text(self.section_edits[section.key], section.text)

    def _add_topic(self, prompt: str) -> None:
        current = self.topics.toPlainText().rstrip("\n")
        self.topics.setPlainText(f"{current}\n{prompt}" if current else prompt)

    # -- reading the fields -------------------------------------------------------------------
    def body(self) -> AgreementBody:
        """The body as the fields show it now."""
        qd = self.first.date()
        first = None if qd == NO_DATE else date(qd.year(), qd.month(), qd.day())
        body = replace(
            self._body,
            topics=_lines(self.topics),
            off_limits=_lines(self.off_limits),
            meeting_place=self.place.text().strip(),
            format=self.format.currentText(),
            frequency=self.frequency.currentText(),
            length_min=self.length.value(),
            first_session=first,
            sessions=self.sessions.value(),
        )
        for key, edit in self.section_edits.items():
            body = body.with_section_text(key, edit.toPlainText())
        return body
