"""The main window over one workspace file: menus, tool bar, the side bar of views."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

from rmdesk.models.people import Employee
from rmdesk.models.wording import plural
from rmdesk.paths import resource
from rmdesk.ui.common.file_drop import FileDropFilter
from rmdesk.ui.common.icons import icon
from rmdesk.ui.common.settings import Settings
from rmdesk.ui.common.signals import WorkspaceSignals
from rmdesk.ui.pairing.board import PairingBoard
from rmdesk.ui.roster.import_controller import ROSTER_FILTER, RosterImporter
from rmdesk.ui.roster.import_warnings import ImportWarningsDialog
from rmdesk.ui.roster.loader import BACKGROUND_FROM, RosterLoader
from rmdesk.ui.roster.model import Loaded
from rmdesk.ui.roster.view import RosterPage
from rmdesk.ui.safety import SafetyActions
from rmdesk.ui.start.first_run import FirstRunPage
from rmdesk.ui.start.sample import fresh_sample_file, is_sample, seed_sample_cohort
from rmdesk.ui.window_chrome import WindowChrome
from rmdesk.ui.window_views import ProgrammeViews
from rmdesk.workspace import ImportReport, Workspace
from rmdesk.workspace.events import (
    CohortsChanged,
    DatabaseReplaced,
    Event,
    PairsChanged,
    ParticipantsChanged,
    RosterChanged,
    SettingsChanged,
)
from rmdesk.workspace.pairing import GRADE_SETTING

#: windows opened by ``open_workspace``, kept alive until they close
_OPEN: set[MainWindow] = set()


class MainWindow(WindowChrome):
    """One window over one workspace file; ``open_workspace`` moves to another file."""

    #: the window that replaced this one over another workspace file (``open_workspace``)
    workspace_opened = Signal(object)
    #: the roster is read and shown (at once for a small roster; after the paint for a big one)
    roster_ready = Signal()
    #: an import ended: its ImportReport, or None when it was cancelled, refused or failed
    import_finished = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.workspace = workspace
        self.settings = Settings()
        self.signals = WorkspaceSignals(workspace, self)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        self._roster_stale = False  # the roster changed while a job ran
        self._next_roster: Loaded | None = None  # the job made it ready for the roster view
        self.since_last_look: str | None = None  # "Since you last looked: 2 pairs at risk"
        self._closed = False
        self.setWindowTitle(self._title())
        self.resize(1280, 800)

        self.pages = QStackedWidget()
        self.first_run = FirstRunPage()
        self.first_run.sample_requested.connect(self.open_sample)
        self.first_run.import_requested.connect(self.choose_import)
        # a big roster is read after the first paint, on a worker with its own connection
        big = workspace.path is not None and workspace.roster.count() >= BACKGROUND_FROM
        self.roster_page = RosterPage(workspace, defer=big)
        self.importer = RosterImporter(
            workspace,
            self,
            lambda people: self.roster_page.model.prepare(people),
            lambda title, text: self.show_error(title, text),
        )
        self.importer.busy.connect(self._set_busy)
        self.importer.message.connect(self.statusBar().showMessage)
        self.importer.roster_prepared.connect(self._roster_prepared)
        self.importer.finished.connect(self._import_ended)
        self._loader: RosterLoader | None = None
        self._reading = self._read_outdated = False
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(24, 24))
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        self.sidebar.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self._views: dict[str, QWidget] = {}
        self.pairing_board = PairingBoard(workspace, self.undo_stack, signals=self.signals)
        self.pairing_board.message.connect(self.statusBar().showMessage)
        self.programme = ProgrammeViews(workspace, self.undo_stack, self.signals, self)
        self.safety_actions = SafetyActions(workspace, self, self.signals, self.undo_stack)
        self.safety_actions.message.connect(self.statusBar().showMessage)
        self.programme.message.connect(self.statusBar().showMessage)
        self.programme.show_view.connect(self.show_view)
        self.dashboard = self.programme.dashboard
        self.agreements_page = self.programme.agreements
        self.sessions_page = self.programme.sessions
        self._add_view("dashboard", "Dashboard", self.dashboard)
        self._add_view("roster", "Roster", self.roster_page)
        self._add_view("pairing", "Pairing", self.pairing_board)
        self._add_view("agreements", "Agreements", self.agreements_page)
        self._add_view("sessions", "Sessions", self.sessions_page)
        self.pages.addWidget(self.first_run)
        self.sidebar.currentRowChanged.connect(self._show_view)
        self.pages.currentChanged.connect(self._page_shown)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.file_label = QLabel()
        self.file_label.setObjectName("fileLabel")
        self.statusBar().addPermanentWidget(self.file_label)
        self.file_label.setText(str(workspace.path) if workspace.path else "(in memory)")
        self.file_label.setToolTip("The file that holds all of rmdesk's data; copy it to back up")

        self.drops = FileDropFilter(self.import_file, self)
        self.drops.watch(self)
        self.drops.watch(self.roster_page.table.viewport())
        self.drops.watch(self.first_run)
        for view in (
            self.pairing_board.mentor_view,
            self.pairing_board.mentee_view,
            self.pairing_board.pair_view,
            self.pairing_board.roster_table,
        ):
            self.drops.watch(view.viewport())
        self._load_cohorts()
        self._sync_grade_order()
        self.signals.changed.connect(self._workspace_changed)
        self._restore()
        self._refresh_first_run()
        if big:
            self.pairing_board.hold = True
            QTimer.singleShot(0, self._read_roster_in_background)

    def _read_roster_in_background(self) -> None:
        assert self.workspace.path is not None
        sort, columns = self.roster_page.model.load_order()
        self._loader = RosterLoader(self.workspace.path, sort, columns, self)
        self._loader.ready.connect(self._roster_read)
        self._loader.search_ready.connect(self.roster_page.model.install_search)
        self._loader.failed.connect(lambda _exc: self._roster_read(None, None))
        self.statusBar().showMessage("Reading the roster…")
        self._reading, self._read_outdated = True, False
        self._loader.start()

    def _roster_read(self, people: dict[str, Employee] | None, loaded: Loaded | None) -> None:
        """The background read is done (or failed: then it is read here, as before). An
        import or a restore that landed meanwhile made it out of date: then it is dropped."""
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

    # -- construction ------------------------------------------------------------------------
    def _title(self) -> str:
        name = self.workspace.path.name if self.workspace.path else "in memory"
        if self.workspace.store.read_only:
            name += " (read-only: open in another rmdesk)"
        if is_sample(self.workspace.path):
            return f"Sample data, not your workspace ({name}) — rmdesk"
        return f"{name} — rmdesk"

    def _add_view(self, key: str, label: str, page: QWidget) -> None:
        item = QListWidgetItem(icon(key), label)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setToolTip(f"{label} (Ctrl+{self.sidebar.count() + 1})")
        self.sidebar.addItem(item)
        self.pages.addWidget(page)
        self._views[key] = page
        # as wide as its longest label, not a fixed width
        self.sidebar.setFixedWidth(self.sidebar.sizeHintForColumn(0) + 16)

    def _show_view(self, row: int) -> None:
        item = self.sidebar.item(row)
        if item is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        if not self.workspace.roster.count():
            self.pages.setCurrentWidget(self.first_run)
        else:
            self.pages.setCurrentWidget(self._views[key])
        self.settings.view = key

    def _page_shown(self, index: int) -> None:
        """The side bar marks the view on screen, however it came there."""
        page = self.pages.widget(index)
        for key, view in self._views.items():
            if view is page and self.sidebar.currentRow() != self._row_of(key):
                self.sidebar.blockSignals(True)
                self.sidebar.setCurrentRow(self._row_of(key))
                self.sidebar.blockSignals(False)

    def _row_of(self, key: str) -> int:
        for row in range(self.sidebar.count()):
            if self.sidebar.item(row).data(Qt.ItemDataRole.UserRole) == key:
                return row
        return 0

    def show_view(self, key: str) -> None:
        for row in range(self.sidebar.count()):
            if self.sidebar.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.sidebar.setCurrentRow(row)
                self._show_view(row)

    def _refresh_first_run(self) -> None:
        """An empty workspace shows the welcome page; the views open once there is a roster."""
        has_people = bool(self.workspace.roster.count())
        # no views to go to, no cohort to make and nobody to search for: the welcome page
        # takes the whole window
        self.sidebar.setEnabled(has_people)
        self.sidebar.setVisible(has_people)
        self.search.setEnabled(has_people)
        self.act_new_cohort.setEnabled(has_people)
        for act in self.view_actions:
            act.setEnabled(has_people)
        if not has_people:  # the welcome page stands for the roster, whatever was open last
            self.sidebar.setCurrentRow(self._row_of("roster"))
        self._show_view(max(self.sidebar.currentRow(), 0))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search(self, text: str) -> None:
        """The tool bar search filters the roster, or the pairing board's candidates."""
        if self.pages.currentWidget() is self.pairing_board:
            self.pairing_board.roster_search.setText(text)
        else:
            self.show_view("roster")
            self.roster_page.search.setText(text)

    def _workspace_changed(self, event: Event) -> None:
        if isinstance(event, (RosterChanged, DatabaseReplaced)) and self._reading:
            self._read_outdated = True  # the background read began before this change
        if isinstance(event, RosterChanged) and self.importer.running:
            self._roster_stale = True  # reloaded when the job is done, from a warm cache
            return
        if isinstance(event, RosterChanged):
            self._roster_changed()
        if isinstance(event, SettingsChanged):
            self._sync_grade_order()
        if isinstance(event, DatabaseReplaced):  # a restore: everything read before is stale
            self.undo_stack.clear()
            self.workspace.roster.forget()
            self._roster_changed()
            self._load_cohorts()
            return
        if isinstance(event, CohortsChanged):
            self._load_cohorts()
        elif isinstance(event, (RosterChanged, ParticipantsChanged, PairsChanged)) or (
            isinstance(event, SettingsChanged) and GRADE_SETTING in event.keys
        ):  # the rules the board shows change with the grade order, not other settings
            self.pairing_board.reload()

    # -- importing (the work is RosterImporter's) ------------------------------------------------
    def choose_import(self) -> None:
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

    def _roster_changed(self) -> None:
        loaded, self._next_roster = self._next_roster, None
        self.roster_page.reload(loaded)
        self.pairing_board.reload_roster()
        self._refresh_first_run()

    # -- the sample, and other workspace files ----------------------------------------------
    def open_sample(self) -> MainWindow:
        """Open the sample roster and cohort in a database file of their own, never here."""
        new = self.open_workspace(fresh_sample_file())
        new.import_finished.connect(new._sample_imported)
        new.import_file(resource("sample_roster.csv"), ask=False)
        return new

    def _sample_imported(self, report: object) -> None:
        self.import_finished.disconnect(self._sample_imported)
        if report is None:
            return
        cohort = seed_sample_cohort(self.workspace)
        self._load_cohorts(select=cohort.id)
        self.show_view("pairing")

    def open_workspace(self, path: Path) -> MainWindow:
        """A window over the workspace file ``path`` in place of this one (which closes)."""
        if self.workspace.path is not None and self.workspace.path.resolve() == path.resolve():
            return self
        new = MainWindow(Workspace.open(path))
        new.setGeometry(self.geometry())
        _OPEN.add(new)
        if self.isVisible():
            new.show()
        self.workspace_opened.emit(new)
        self.close()
        self.workspace.close()
        return new

    # -- persistence ---------------------------------------------------------------------------
    def _restore(self) -> None:
        if not self.settings.geometry.isEmpty():
            self.restoreGeometry(self.settings.geometry)
        if not self.settings.window_state.isEmpty():
            self.restoreState(self.settings.window_state)
        # the view open last time; the dashboard once there is a cohort, else the roster;
        # the welcome page when this workspace is empty
        if not self.workspace.roster.count():
            first = "roster"
        elif self.settings.view in self._views:
            first = self.settings.view
        else:
            first = "dashboard" if self.workspace.cohorts.cohorts() else "roster"
        self.show_view(first)
        if self.sidebar.currentRow() < 0:
            self.sidebar.setCurrentRow(self._row_of("roster"))
        news = self.programme.since_last_look()
        if news:
            self.since_last_look = news
            self.statusBar().showMessage(news)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:
            super().closeEvent(event)
            return
        self._closed = True
        if self._loader is not None:  # a background read still running: let it finish
            self._loader.wait()
        if self.agreements_page.editor.pending:  # typing not yet saved: saved now
            self.agreements_page.editor.flush()
        for timer in self.findChildren(QTimer):  # nothing may run after the file closes
            timer.stop()
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.sync()
        self.signals.detach()
        _OPEN.discard(self)
        super().closeEvent(event)
