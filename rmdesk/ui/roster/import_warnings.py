"""An import's summary in words, and its warnings where the officer can read them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from rmdesk.models.wording import plural
from rmdesk.workspace import ImportReport


def import_summary(report: ImportReport) -> str:
    """'Imported roster.csv: 198 people added, 0 updated, … 2 warnings (see File ▸ …)'."""
    verb = "Imported" if report.written else "Would import"
    parts = [
        f"{plural(report.added, 'person')} added",
        f"{report.updated:,} updated",
        f"{report.deactivated:,} marked as left",
        f"{report.unchanged:,} unchanged",
    ]
    text = f"{verb} {report.file_name}: " + ", ".join(parts)
    if report.left_in_file:
        text += f" ({plural(report.left_in_file, 'person')} listed as having left)"
    if report.warnings:
        text += f" · {plural(len(report.warnings), 'warning')}: File ▸ Import warnings…"
    return text


class ImportWarningsDialog(QDialog):
    """Every warning of the last import, by row and column, in full."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importWarnings")
        self.setWindowTitle(f"Warnings from {report.file_name}")
        head = QLabel(
            f"{plural(len(report.warnings), 'warning')} from {report.file_name}. These values "
            "were imported as they are (or left empty); correct them in the HR system and "
            "import again."
        )
        head.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("warningList")
        self.list.setWordWrap(True)
        for problem in report.warnings:
            self.list.addItem(str(problem))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(self.list)
        lay.addWidget(close)
        self.resize(620, 360)
