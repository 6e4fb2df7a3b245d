"""Start-up: build the main window over a workspace file, or run the whole application."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from rmdesk import __version__
from rmdesk.errors import StorageError
from rmdesk.paths import default_db_path
from rmdesk.ui.settings import APPLICATION, ORGANISATION
from rmdesk.workspace import Workspace


def _application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("rmdesk")
    app.setApplicationVersion(__version__)
    return app


def build_window(db_path: Path | str | None = None) -> QMainWindow:
    """The main window over ``db_path`` (default database when None), without the event loop."""
    from rmdesk.ui.main_window import MainWindow

    _application()
    workspace = Workspace.open(Path(db_path) if db_path else default_db_path())
    return MainWindow(workspace)


def run(db_path: Path | str | None = None) -> int:
    app = _application()
    try:
        window = build_window(db_path)
    except StorageError as exc:
        QMessageBox.critical(None, "rmdesk cannot open its database", str(exc))
        return 1
    window.show()
    return app.exec()
