"""The window's side of the roster: reading a big one after the first paint, and taking over
what an import wrote (the import itself is ``RosterImporter``'s, docs/architecture.md#the-gui).
A base of MainWindow, so the window module stays one job. Imports only Qt at the top: the
window paints before the loader and the importer are loaded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QToolBar

from rmdesk.models.wording import plural

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from rmdesk.models.people import Employee
    from rmdesk.ui.common.settings import Settings
    from rmdesk.ui.pairing.board import PairingBoard
    from rmdesk.ui.roster.import_controller import RosterImporter
    from rmdesk.ui.roster.import_warnings import ImportWarningsDialog
    from rmdesk.ui.roster.loader import RosterLoader
    from rmdesk.ui.roster.model import Loaded
    from rmdesk.ui.roster.view import RosterPage
    from rmdesk.workspace import ImportReport, Workspace


class RosterHandling(QMainWindow):
    """The roster as the window reads it, imports it and shows it again."""

    #: the roster is read and shown (at once for a small roster; after the paint for a big one)
    roster_ready = Signal()
    #: an import ended: its ImportReport, or None when it was cancelled, refused or failed
    import_finished = Signal(object)

    # made by MainWindow.populate
    workspace: Workspace
    settings: Settings
    roster_page: RosterPage
    pairing_board: PairingBoard
    importer: RosterImporter
    toolbar: QToolBar
    act_import_warnings: QAction
    _loader: RosterLoader | None
    _reading: bool
    _read_outdated: bool
    _roster_stale: bool  # the roster changed while a job ran
    _next_roster: Loaded | None  # the import's worker made it ready for the roster view
    _close_when_imported = False
    _closed: bool
    populated: bool

    _refresh_first_run: Callable[[], None]  # MainWindow's

    # -- the big roster, read after the first paint -----------------------------------------
    def _read_roster_in_background(self) -> None:
        from rmdesk.ui.roster.loader import RosterLoader

        assert self.workspace.path is not None
        sort, columns = self.roster_page.model.load_order()
        self._loader = RosterLoader.from_file(self.workspace.path, sort, columns, self)
        self._loader.ready.connect(self._roster_read)
        self._loader.search_ready.connect(self.roster_page.model.install_search)
        self._loader.failed.connect(lambda _exc: self._roster_read(None, None))
        self.statusBar().showMessage("Loading the roster…")
        self._reading, self._read_outdated = True, False
        self._loader.start()

    def _roster_read(self, people: dict[str, Employee] | None, loaded: Loaded | None) -> None:
        """The background read is done (or failed: then it is read here, as before). An
        import or a restore that landed meanwhile made it out of date: then it is dropped."""
        if self._closed or not self.populated:  # the window failed to build, or closed
            return
        self._reading = False
        if self._read_outdated:
            people, loaded = None, None
        if people is not None:
            self.workspace.roster.adopt(people)
        self.roster_page.reload(loaded)
        self.pairing_board.release()
        self._refresh_first_run()
        count = self.workspace.roster.count()
        self.statusBar().showMessage(f"Read the roster: {plural(count, 'person')}", 5000)
        self.roster_ready.emit()

    # -- importing (the work is RosterImporter's) ---------------------------------------------
    def choose_import(self) -> None:
        from rmdesk.ui.roster.import_controller import ROSTER_FILTER

        path, _ = QFileDialog.getOpenFileName(
            self, "Import roster", self.settings.last_folder, ROSTER_FILTER
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path, ask: bool = True) -> None:
        """Read and check in the background, let the officer settle it, then write."""
        self.settings.last_folder = str(path.parent)
        self.importer.import_file(path, ask)

    @property
    def last_report(self) -> ImportReport | None:
        return self.importer.last_report

    def show_import_warnings(self) -> ImportWarningsDialog | None:
        return self.importer.show_warnings()

    def _set_busy(self, busy: bool) -> None:
        """While an import writes, the window takes no edits (the progress dialog, which can
        cancel, appears only after a moment)."""
        for part in (self.centralWidget(), self.menuBar(), self.toolbar):
            if part is not None:
                part.setEnabled(not busy)
        if not busy and self._roster_stale:
            self._roster_stale = False
            self._roster_changed()
            self.pairing_board.reload()

    def _roster_prepared(self, loaded: Loaded) -> None:
        self._next_roster = loaded

    def _import_ended(self, report: ImportReport | None) -> None:
        if report is not None:
            self.act_import_warnings.setEnabled(bool(report.warnings))
        self.import_finished.emit(report)
        if self._close_when_imported:  # the officer closed the window meanwhile
            self.close()

    def _roster_changed(self) -> None:
        loaded, self._next_roster = self._next_roster, None
        self.roster_page.reload(loaded)
        self.pairing_board.reload_roster()
        self._refresh_first_run()
