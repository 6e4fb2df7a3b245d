"""Where agreement PDFs go: the save and folder questions (seams for tests), opening a PDF."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget


class FilePrompts:
    """The file questions the Agreements page asks; tests replace these classmethods."""

    @classmethod
    def save_pdf(cls, parent: QWidget | None, suggested: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            parent, "Export agreement as PDF", suggested, "PDF documents (*.pdf)"
        )
        if not path:
            return None
        return Path(path) if path.lower().endswith(".pdf") else Path(f"{path}.pdf")

    @classmethod
    def folder(cls, parent: QWidget | None) -> Path | None:
        path = QFileDialog.getExistingDirectory(parent, "Export every signed agreement to")
        return Path(path) if path else None

    @classmethod
    def open_file(cls, path: Path) -> bool:
        """Open ``path`` in the system's PDF viewer."""
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


_viewing: tempfile.TemporaryDirectory[str] | None = None


def viewing_folder() -> Path:
    """A private folder for PDFs opened in the viewer, removed when rmdesk exits."""
    global _viewing
    if _viewing is None:
        _viewing = tempfile.TemporaryDirectory(prefix="rmdesk-")
    return Path(_viewing.name)
