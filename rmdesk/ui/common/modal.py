"""Run a modal dialog and read its answer: the body of every dialog's ``ask`` seam."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox

T = TypeVar("T")


def answer_of(dialog: QDialog, answer: Callable[[], T | None]) -> T | None:
    """``answer()`` if the officer accepts the dialog, None if they cancel; then free it."""
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return answer()
    finally:
        dialog.deleteLater()


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """The OK and Cancel buttons every rmdesk dialog ends with, wired to accept and reject."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
