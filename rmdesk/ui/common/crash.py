"""Unexpected errors in the window: a dialog with a summary and "Copy details", and the log.

``install_excepthook`` replaces ``sys.excepthook`` so an exception raised inside a Qt slot
(which Qt would otherwise print and drop) is logged in full to the rotating log file and shown
to the officer; the application keeps running (docs/architecture.md#the-gui).
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rmdesk import __version__
from rmdesk.errors import RmdeskError
from rmdesk.logs import setup_logging

log = logging.getLogger("rmdesk.gui")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


class CrashDialog(QDialog):
    """Says what went wrong in a sentence; the details can be copied for a bug report."""

    def __init__(self, summary: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle("rmdesk met an unexpected problem")
        self.details = details
        layout = QVBoxLayout(self)
        head = QLabel(
            f"<b>{summary}</b><br>Your data is safe: the change in progress was not saved. "
            "You can go on working. The details below were also written to the log file."
        )
        head.setWordWrap(True)
        layout.addWidget(head)
        text = QPlainTextEdit(details)
        text.setReadOnly(True)
        text.setObjectName("crashDetails")
        layout.addWidget(text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy details")
        self.copy_button.setObjectName("copyDetails")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)

    @classmethod
    def report(cls, summary: str, details: str, parent: QWidget | None = None) -> None:
        """Show the dialog (the seam tests replace)."""
        cls(summary, details, parent).exec()


class CrashHandler:
    """The excepthook: logs every unexpected exception and shows one dialog at a time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent
        self.showing = False
        self.previous: ExceptHook = sys.excepthook

    def __call__(
        self,
        kind: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self.previous(kind, exc, tb)
            return
        details = f"rmdesk {__version__}, Python {sys.version.split()[0]}\n" + "".join(
            traceback.format_exception(kind, exc, tb)
        )
        where = setup_logging()
        log.error("unexpected error\n%s", details)
        if isinstance(exc, RmdeskError):
            summary = str(exc)
        else:
            summary = f"{kind.__name__}: {exc}" if str(exc) else kind.__name__
        if where:
            details += f"\nLog file: {where}\n"
        if self.showing:  # an error inside the dialog's own event loop: logged only
            return
        self.showing = True
        try:
            CrashDialog.report(summary, details, self.parent)
        finally:
            self.showing = False


def install_excepthook(parent: QWidget | None = None) -> CrashHandler:
    handler = CrashHandler(parent)
    sys.excepthook = handler
    return handler
