"""The signing dialog: draw on a pad, type the name, or record a signature made on paper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rmdesk.ui.agreements.signature_pad import SignaturePad
from rmdesk.ui.common.modal import answer_of, ok_cancel


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


ROLE_WORDS = {"mentor": "the mentor", "mentee": "the mentee", "officer": "the programme officer"}


@dataclass(frozen=True, slots=True)
class SigningAnswer:
    """What the signer gave: ``method`` drawn | typed | paper, ``image`` PNG when drawn."""

    typed_name: str
    on: date
    method: str
    image: bytes | None = None


class SignDialog(QDialog):
    """Sign one version as one role."""

    def __init__(self, role: str, name: str, version: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signDialog")
        self.setWindowTitle(f"Sign as {ROLE_WORDS.get(role, role)}")
        intro = QLabel(
            f"Signing version {version} freezes its text. Any later change starts a new version "
            "that must be signed again."
        )
        intro.setWordWrap(True)
        self.drawn = QRadioButton("Draw the signature")
        self.typed = QRadioButton("Type the name")
        self.paper = QRadioButton("Signed on paper (a printed copy)")
        self.methods = QButtonGroup(self)
        for button in (self.drawn, self.typed, self.paper):
            self.methods.addButton(button)
        self.drawn.setChecked(True)
        self.name = QLineEdit(name)
        self.name.setObjectName("signerName")
        self.on = QDateEdit(QDate.currentDate())
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.pad = SignaturePad()
        clear = QPushButton("Clear")
        clear.clicked.connect(self.pad.clear)
        # the pad shows only when the signature is drawn; Sign waits for ink, and says so
        self.pad_area = QWidget()
        pad_row = QHBoxLayout(self.pad_area)
        pad_row.setContentsMargins(0, 0, 0, 0)
        pad_row.addWidget(self.pad, 1)
        pad_row.addWidget(clear)
        self.hint = QLabel("Draw the signature in the box, or choose another way to sign.")
        self.hint.setObjectName("signHint")
        self.hint.setWordWrap(True)
        self.buttons = ok_cancel(self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign")
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Date", self.on)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for button in (self.drawn, self.typed, self.paper):
            layout.addWidget(button)
        layout.addWidget(self.pad_area)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.methods.buttonToggled.connect(self._update)
        self.name.textChanged.connect(self._update)
        self.pad.inked.connect(self._update)
        self._update()

    @property
    def method(self) -> str:
        return "drawn" if self.drawn.isChecked() else "paper" if self.paper.isChecked() else "typed"

    def _update(self, *_: object) -> None:
        drawn = self.method == "drawn"
        resize = self.pad_area.isVisibleTo(self) != drawn  # only when the pad comes or goes
        self.pad_area.setVisible(drawn)
        waiting = drawn and self.pad.is_empty()
        self.hint.setVisible(waiting)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()) and not waiting)
        if resize:
            self.adjustSize()

    def answer(self) -> SigningAnswer | None:
        """The signing as given; None when a drawn signature has no ink yet."""
        image = self.pad.png_bytes() if self.method == "drawn" else None
        if self.method == "drawn" and not image:
            return None
        return SigningAnswer(self.name.text().strip(), _day(self.on.date()), self.method, image)

    def accept(self) -> None:
        if self.method == "drawn" and self.pad.is_empty():
            self._update()
            self.pad.setFocus()
            return
        super().accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, role: str, name: str, version: int
    ) -> SigningAnswer | None:
        """The signing, or None when cancelled."""
        dialog = cls(role, name, version, parent)
        return answer_of(dialog, dialog.answer)
