"""The main window over one workspace file: menus, tool bar, the side bar of views.

It is built in two steps, so that it is on screen at once (docs/architecture.md#start-up):
``MainWindow.opening(path)`` is the window itself, bare, painted before the database code and
the views are imported; ``populate(workspace)`` then fills it in place. ``MainWindow(ws)``
does both at once (``build_window``, tests). So this module and its bases import only Qt and
light modules at the top; the views and the workspace are imported by ``populate``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

from rmdesk.paths import resource
from rmdesk.ui.common.file_drop import FileDropFilter
from rmdesk.ui.common.icons import icon
from rmdesk.ui.common.settings import Settings
from rmdesk.ui.roster import BACKGROUND_FROM
from rmdesk.ui.window_chrome import WindowChrome

if TYPE_CHECKING:
    from rmdesk.ui.common.signals import WorkspaceSignals
    from rmdesk.ui.start.first_run import FirstRunPage
    from rmdesk.ui.window_views import ProgrammeViews
    from rmdesk.workspace import Workspace
    from rmdesk.workspace.events import Event

#: windows opened by ``open_workspace``, kept alive until they close
_OPEN: set[MainWindow] = set()


class MainWindow(WindowChrome):
    """One window over one workspace file; ``open_workspace`` moves to another file."""

    #: the window that replaced this one over another workspace file (``open_workspace``)
    workspace_opened = Signal(object)

    def __init__(self, workspace: Workspace | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = Settings()
        self._closed = False
        self.populated = False
        self.resize(1280, 800)
        if workspace is not None:
            self.populate(workspace)

    @classmethod
    def opening(cls, path: Path) -> MainWindow:
        """The window on screen at once, where the officer left it, saying which file opens;
        ``populate`` fills it when the file is open (``rmdesk.app.run``)."""
        window = cls()
        window.setWindowTitle(f"{path.name} — rmdesk")
        label = QLabel(f"Opening {path}…")
        label.setObjectName("openingLabel")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        window.setCentralWidget(label)
        if not window.settings.geometry.isEmpty():
            window.restoreGeometry(window.settings.geometry)
        window.show()
        QApplication.processEvents()  # painted now, before anything heavy is imported
        return window

    def populate(self, workspace: Workspace) -> None:
        """Build the views, menus and tool bar over ``workspace`` (once). A big roster is
        read by a worker on its own connection, begun first: it reads while the views are
        imported and built here, and the roster view takes it when the event loop runs."""
        from rmdesk.ui.roster.view import RosterPage

        assert not self.populated, "a window is populated once; open_workspace moves files"
        self.workspace = workspace
        big = workspace.path is not None and workspace.roster.count() >= BACKGROUND_FROM
        self.roster_page = RosterPage(workspace, defer=big)
        self._loader = None
        self._reading = self._read_outdated = False
        if big:
            self._read_roster_in_background()

        from rmdesk.ui.common.signals import WorkspaceSignals
        from rmdesk.ui.pairing.board import PairingBoard
        from rmdesk.ui.roster.import_controller import RosterImporter
        from rmdesk.ui.safety import SafetyActions
        from rmdesk.ui.start.first_run import FirstRunPage
        from rmdesk.ui.window_views import ProgrammeViews

        self.signals: WorkspaceSignals = WorkspaceSignals(workspace, self)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        self._roster_stale = False
        self._next_roster = None
        self.since_last_look: str | None = None  # "Since you last looked: 2 pairs at risk"
        self.setWindowTitle(self._title())

        self.pages = QStackedWidget()
        self.first_run: FirstRunPage = FirstRunPage()
        self.first_run.sample_requested.connect(self.open_sample)
        self.first_run.import_requested.connect(self.choose_import)
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
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(24, 24))
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        self.sidebar.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self._views: dict[str, QWidget] = {}
        self.pairing_board = PairingBoard(workspace, self.undo_stack, signals=self.signals)
        self.pairing_board.message.connect(self.statusBar().showMessage)
        self.programme: ProgrammeViews = ProgrammeViews(
            workspace, self.undo_stack, self.signals, self
        )
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
        self.file_label = self._file_label(workspace, self._is_sample())
        self.statusBar().addPermanentWidget(self.file_label)

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
            self.pairing_board.hold = True  # until the worker's roster is in
        self.populated = True

    # -- construction ------------------------------------------------------------------------
    def _is_sample(self) -> bool:
        from rmdesk.ui.start.sample import is_sample

        return is_sample(self.workspace.path)

    def _title(self) -> str:
        name = self.workspace.path.name if self.workspace.path else "in memory"
        if self.workspace.store.read_only:
            name += " (read-only: open in another rmdesk)"
        if self._is_sample():
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
        """Ctrl+F: the sessions view searches its pairs; elsewhere the tool bar searches
        people. One shortcut, routed here: two on one key fired neither (Qt's ambiguity)."""
        if self.pages.currentWidget() is self.sessions_page:
            self.sessions_page.focus_search()
            return
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
        from rmdesk.workspace.events import (
            CohortsChanged,
            DatabaseReplaced,
            PairsChanged,
            ParticipantsChanged,
            RosterChanged,
            SettingsChanged,
        )
        from rmdesk.workspace.pairing import GRADE_SETTING

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

    # -- the sample, and other workspace files ----------------------------------------------
    def open_sample(self) -> MainWindow:
        """Open the sample roster and cohort in a database file of their own, never here."""
        from rmdesk.ui.start.sample import fresh_sample_file

        if self._is_sample():  # its file is open here: making it afresh would delete it
            self.statusBar().showMessage(
                "This is the sample already. File ▸ Back to your workspace leaves it."
            )
            return self
        new = self.open_workspace(fresh_sample_file())
        new.import_finished.connect(new._sample_imported)
        new.import_file(resource("sample_roster.csv"), ask=False)
        return new

    def _sample_imported(self, report: object) -> None:
        self.import_finished.disconnect(self._sample_imported)
        from rmdesk.ui.start.sample import seed_sample_cohort

        if report is None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # pairs and sessions: ~½ s
        try:
            cohort = seed_sample_cohort(self.workspace)
        finally:
            QApplication.restoreOverrideCursor()
        self._load_cohorts(select=cohort.id)
        self.show_view("dashboard")  # a programme under way: what the officer follows
        self.statusBar().showMessage(
            "The sample: a cohort three months in. Pair the people still waiting on the "
            "Pairing view; File ▸ Back to your workspace leaves it."
        )

    def open_workspace(self, path: Path) -> MainWindow:
        """A window over the workspace file ``path`` in place of this one (which closes)."""
        from rmdesk.workspace import Workspace

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
        if self._closed or not self.populated:  # closed already, or still opening its file
            self._closed = True
            super().closeEvent(event)
            return
        if self.importer.running:  # a read is cancelled, a write finished: then it closes
            self._close_when_imported = True
            self.importer.abandon()
            self.statusBar().showMessage("The window closes when the import has finished.")
            event.ignore()
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
