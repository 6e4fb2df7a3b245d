"""Start-up: build the main window over a workspace file, or run the whole application."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMessageBox

from rmdesk import __version__
from rmdesk.errors import StorageError
from rmdesk.paths import default_db_path, resource
from rmdesk.ui.common.settings import APPLICATION, ORGANISATION

if TYPE_CHECKING:  # the database code and the views load after the window is on screen
    from rmdesk.ui.main_window import MainWindow
    from rmdesk.workspace import Workspace


_FONTS_ADDED = 0


def _application(fonts: bool = True) -> QApplication:
    """The QApplication (made here unless a test or a script made it), with the shipped
    fonts unless ``fonts`` is False (``run`` adds them after the first paint)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
        app.setOrganizationName(ORGANISATION)
        app.setApplicationName(APPLICATION)
        app.setApplicationDisplayName("rmdesk")
        app.setApplicationVersion(__version__)
    if fonts:
        register_fonts()
    return app


def register_fonts() -> int:
    """Make the fonts shipped in resources/fonts (the PDFs' fonts) available to Qt, so names
    in Arabic, Hebrew, Chinese, Japanese or Korean show on a machine that lacks such fonts
    (Qt falls back to them per character). About 5 ms; returns how many were added."""
    from PySide6.QtGui import QFontDatabase

    global _FONTS_ADDED
    if _FONTS_ADDED:
        return _FONTS_ADDED
    added = 0
    for font in sorted(resource("fonts").glob("*.ttf")):
        if QFontDatabase.addApplicationFont(str(font)) >= 0:
            added += 1
    _FONTS_ADDED = added
    return added


def ask_read_only(holder_text: str) -> bool:
    """Ask whether to open the file read-only while another process holds it (a seam that
    tests monkeypatch)."""
    answer = QMessageBox.question(
        None,
        "The database is open elsewhere",
        f"{holder_text}\n\nOpen it read-only? You can look, but not change anything.",
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Open,
    )
    return answer == QMessageBox.StandardButton.Open


def open_workspace(path: Path) -> Workspace:
    """Open ``path`` for the GUI: take its writer lock (or, when another live rmdesk holds
    it and the officer agrees, open it read-only), then make the rotating backup."""
    from rmdesk.storage import open_read_only
    from rmdesk.workspace import Workspace
    from rmdesk.workspace.store import Store
    from rmdesk.workspace.writer_lock import LockHeld, WriterLock

    lock = WriterLock(path)
    try:
        lock.acquire()  # never waits; a lock this process holds already is shared
    except LockHeld as exc:
        text = f"{path} is open in another rmdesk: {exc.holder.describe()}."
        if not ask_read_only(text):
            raise StorageError(f"{text} It was not opened.") from exc
        return Workspace(Store(open_read_only(path), path, read_only=True))
    try:
        workspace = Workspace.open(path)
    except BaseException:
        lock.release()
        raise
    workspace.safety.lock = lock  # released when the workspace closes
    try:
        workspace.safety.backup_on_open()
    except (StorageError, OSError) as exc:  # a failed backup never keeps the file closed
        import logging

        logging.getLogger("rmdesk.app").warning("the backup on opening %s failed: %s", path, exc)
    return workspace


def build_window(db_path: Path | str | None = None) -> MainWindow:
    """The main window over ``db_path`` (default database when None), as ``rmdesk`` opens it
    but without the event loop (docs/architecture.md#start-up): the window is shown and
    painted first, naming its file; then the file is opened and every view is built in it. A
    big roster is read after, in the background."""
    from rmdesk.ui.main_window import MainWindow

    _application()
    path = Path(db_path).expanduser() if db_path else default_db_path()
    window = MainWindow.opening(path)
    _fill(window, path)
    return window


def _fill(window: MainWindow, path: Path) -> None:
    """Open ``path`` and build the views in ``window``; on any failure the window closes,
    the file (and its lock) is let go, and the error goes on to the caller."""
    workspace: Workspace | None = None
    try:
        workspace = open_workspace(path)
        window.populate(workspace)
    except BaseException:
        window.close()
        window.deleteLater()
        if workspace is not None:
            workspace.close()
        raise


def run(db_path: Path | str | None = None) -> int:
    """The application: the window on screen at once, naming its file; then the file opened
    (its lock taken, its backup made), the views built in the window, and the event loop."""
    from rmdesk.ui.main_window import MainWindow

    app = _application(fonts=False)
    path = Path(db_path).expanduser() if db_path else default_db_path()
    window = MainWindow.opening(path)  # painted before the database code is even imported
    from rmdesk.logs import setup_logging
    from rmdesk.ui.common.crash import install_excepthook

    setup_logging()
    install_excepthook()
    register_fonts()
    try:
        _fill(window, path)
    except StorageError as exc:
        QMessageBox.critical(None, "rmdesk cannot open its database", str(exc))
        return 1
    return app.exec()
