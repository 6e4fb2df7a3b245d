"""The dashboard's questions: what to export where, where the report goes, which folder the
announcement fills. Each has a classmethod ``ask`` returning plain values (tests replace it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rmdesk.models.programme_figures import EXPORT_KINDS
from rmdesk.ui.common.modal import answer_of, ok_cancel


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """What the officer chose to export."""

    kind: str  # pairs | sessions | actions
    path: Path  # .csv or .xlsx
    include_confidential: bool = False


class ExportDialog(QDialog):
    """Pairs, sessions or actions; CSV or Excel; confidential notes only when ticked."""

    def __init__(self, cohort_name: str, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setObjectName("exportDialog")
        self._cohort = cohort_name
        self._folder = folder
        self.kinds = QButtonGroup(self)
        kinds = QVBoxLayout()
        for i, kind in enumerate(EXPORT_KINDS):
            button = QRadioButton(kind.capitalize())
            button.setChecked(i == 0)
            self.kinds.addButton(button, i)
            kinds.addWidget(button)
        self.formats = QButtonGroup(self)
        formats = QHBoxLayout()
        for i, label in enumerate(("Excel workbook (.xlsx)", "CSV (.csv)")):
            button = QRadioButton(label)
            button.setChecked(i == 0)
            self.formats.addButton(button, i)
            formats.addWidget(button)
        self.confidential = QCheckBox("Include the confidential session notes")
        self.confidential.setToolTip(
            "Notes the pair asked to keep between them and you. Leave this off for anything "
            "you share."
        )
        self.path = QLineEdit()
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("What", kinds)
        form.addRow("Format", formats)
        form.addRow("", self.confidential)
        form.addRow("Save to", where)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Export from the cohort <b>{cohort_name}</b>:"))
        layout.addLayout(form)
        self.buttons = ok_cancel(self)
        layout.addWidget(self.buttons)
        self.kinds.idToggled.connect(self._refresh)
        self.formats.idToggled.connect(self._refresh)
        self.path.textChanged.connect(self._refresh)
        self._refresh()

    def kind(self) -> str:
        return EXPORT_KINDS[max(self.kinds.checkedId(), 0)]

    def suffix(self) -> str:
        return ".xlsx" if self.formats.checkedId() == 0 else ".csv"

    def _refresh(self) -> None:
        sessions = self.kind() == "sessions"
        self.confidential.setEnabled(sessions)
        if not sessions:
            self.confidential.setChecked(False)
        name = f"{self._cohort} - {self.kind()}{self.suffix()}"
        current = Path(self.path.text()) if self.path.text().strip() else None
        if current is None or current.stem.startswith(self._cohort):
            self.path.blockSignals(True)  # keep following the choices until typed over
            self.path.setText(str((current.parent if current else self._folder) / name))
            self.path.blockSignals(False)
        ok = self.buttons.button(self.buttons.StandardButton.Ok)
        ok.setEnabled(Path(self.path.text()).suffix.lower() == self.suffix())

    def _browse(self) -> None:
        pattern = "Excel workbook (*.xlsx)" if self.suffix() == ".xlsx" else "CSV (*.csv)"
        chosen, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text(), pattern)
        if chosen:
            self.path.setText(chosen)

    def choice(self) -> ExportChoice:
        return ExportChoice(self.kind(), Path(self.path.text()), self.confidential.isChecked())

    @classmethod
    def ask(cls, parent: QWidget | None, cohort_name: str, folder: Path) -> ExportChoice | None:
        dialog = cls(cohort_name, folder, parent)
        return answer_of(dialog, dialog.choice)


class ReportDialog:
    """Where to save the outcomes report."""

    @classmethod
    def ask(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            parent, "Save the outcomes report", str(suggested), "PDF (*.pdf)"
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")


class AnnounceDialog:
    """The folder that receives the pairs list and the e-mail drafts."""

    @classmethod
    def ask(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(
            parent, "Folder for the pairs list and the e-mail drafts", str(suggested)
        )
        return Path(chosen) if chosen else None
