"""Programme settings: the name, organisation and officer that agreements, the outcomes report
and the e-mail drafts print, whether the officer signs too, and the paper size."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from rmdesk.workspace import Workspace

PAPER = ("A4", "Letter")


@dataclass(frozen=True)
class ProgrammeSettings:
    programme: str
    organisation: str
    officer_name: str
    officer_email: str
    officer_signs: bool
    page_size: str

    @classmethod
    def of(cls, ws: Workspace) -> ProgrammeSettings:
        a = ws.agreements
        return cls(
            a.programme_name,
            a.organisation,
            a.officer_name,
            a.officer_email,
            a.officer_signs,
            a.page_size,
        )

    def apply(self, ws: Workspace) -> None:
        ws.agreements.configure(
            programme=self.programme,
            officer_name=self.officer_name,
            officer_signs=self.officer_signs,
            page_size=self.page_size,
            organisation=self.organisation,
            officer_email=self.officer_email,
        )


class ProgrammeSettingsCommand(QUndoCommand):
    """Change the programme settings as one undo step."""

    def __init__(self, ws: Workspace, before: ProgrammeSettings, after: ProgrammeSettings) -> None:
        super().__init__("Change the programme settings")
        self.ws, self.before, self.after = ws, before, after

    def redo(self) -> None:
        self.after.apply(self.ws)

    def undo(self) -> None:
        self.before.apply(self.ws)


class ProgrammeDialog(QDialog):
    def __init__(self, current: ProgrammeSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("programmeDialog")
        self.setWindowTitle("Programme settings")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "What the agreements, the outcomes report and the e-mail drafts print. "
            "Agreements signed already keep the text they were signed with."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.programme = QLineEdit(current.programme)
        self.organisation = QLineEdit(current.organisation)
        self.officer = QLineEdit(current.officer_name)
        self.email = QLineEdit(current.officer_email)
        self.email.setPlaceholderText("the sender of the e-mail drafts")
        self.signs = QCheckBox("The programme officer signs each agreement too")
        self.signs.setChecked(current.officer_signs)
        self.paper = QComboBox()
        self.paper.addItems(PAPER)
        self.paper.setCurrentText(current.page_size if current.page_size in PAPER else "A4")
        form.addRow("Programme name", self.programme)
        form.addRow("Organisation", self.organisation)
        form.addRow("Programme officer", self.officer)
        form.addRow("Officer's e-mail", self.email)
        form.addRow("", self.signs)
        form.addRow("Paper size", self.paper)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 0)

    def chosen(self) -> ProgrammeSettings:
        return ProgrammeSettings(
            self.programme.text().strip() or "Reverse mentoring programme",
            self.organisation.text().strip(),
            self.officer.text().strip(),
            self.email.text().strip(),
            self.signs.isChecked(),
            self.paper.currentText(),
        )

    @classmethod
    def ask(
        cls, current: ProgrammeSettings, parent: QWidget | None = None
    ) -> ProgrammeSettings | None:
        """The settings chosen, or None when cancelled (the seam tests replace)."""
        dialog = cls(current, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()
