"""The main window: menus, tool bar, the side bar of views, and the import flow."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from rmdesk import __version__
from rmdesk.errors import ImportCancelled, RmdeskError, RosterError
from rmdesk.models.cohorts import Cohort
from rmdesk.paths import resource
from rmdesk.ui.common.cohort_dialog import CohortDialog
from rmdesk.ui.common.file_drop import FileDropFilter
from rmdesk.ui.common.icons import icon
from rmdesk.ui.common.settings import Settings
from rmdesk.ui.common.signals import WorkspaceSignals
from rmdesk.ui.common.tasks import Progress, Task
from rmdesk.ui.common.undo import CreateCohortCommand, EditCohortCommand, GradeOrderCommand, push
from rmdesk.ui.pairing.board import PairingBoard
from rmdesk.ui.pairing.exclusions_dialog import ExclusionsDialog
from rmdesk.ui.roster.import_dialog import ImportDialog
from rmdesk.ui.roster.model import Loaded
from rmdesk.ui.roster.view import RosterPage
from rmdesk.ui.start.first_run import FirstRunPage
from rmdesk.ui.start.sample import seed_sample_cohort
from rmdesk.workspace import ImportPlan, ImportReport, Workspace
from rmdesk.workspace.events import (
    CohortsChanged,
    Event,
    PairsChanged,
    ParticipantsChanged,
    RosterChanged,
    SettingsChanged,
)

ROSTER_FILTER = "Roster files (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.xlsb *.ods);;All files (*)"


class MainWindow(QMainWindow):
    """One window over one workspace file."""

    import_finished = Signal(object)  # ImportReport, or None when cancelled or refused

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.workspace = workspace
        self.settings = Settings()
        self.signals = WorkspaceSignals(workspace, self)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        self._task: Task | None = None
        self._roster_stale = False  # the roster changed while a job ran
        self._next_roster: Loaded | None = None  # the job made it ready for the roster view
        self.setWindowTitle(self._title())
        self.resize(1280, 800)

        self.pages = QStackedWidget()
        self.first_run = FirstRunPage()
        self.first_run.sample_requested.connect(self.open_sample)
        self.first_run.import_requested.connect(self.choose_import)
        self.roster_page = RosterPage(workspace)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(24, 24))
        self.sidebar.setFixedWidth(150)
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        self._views: dict[str, QWidget] = {}
        self.pairing_board = PairingBoard(workspace, self.undo_stack)
        self.pairing_board.message.connect(self.statusBar().showMessage)
        self._add_view("roster", "Roster", self.roster_page)
        self._add_view("pairing", "Pairing", self.pairing_board)
        self.pages.addWidget(self.first_run)
        self.sidebar.currentRowChanged.connect(self._show_view)

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
        self.undo_stack.indexChanged.connect(self._undo_changed)
        self._restore()
        self._refresh_first_run()

    # -- construction ------------------------------------------------------------------------
    def _title(self) -> str:
        name = self.workspace.path.name if self.workspace.path else "in memory"
        return f"{name} — rmdesk"

    def _add_view(self, key: str, label: str, page: QWidget) -> None:
        item = QListWidgetItem(icon(key), label)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.sidebar.addItem(item)
        self.pages.addWidget(page)
        self._views[key] = page

    def _build_actions(self) -> None:
        self.act_import = QAction(icon("import"), "&Import roster…", self)
        self.act_import.setShortcut(QKeySequence.StandardKey.Open)
        self.act_import.setStatusTip("Import an HR roster export (CSV, Excel, ODS)")
        self.act_import.triggered.connect(self.choose_import)
        self.act_sample = QAction("Open the &sample cohort", self)
        self.act_sample.triggered.connect(self.open_sample)
        self.act_quit = QAction("&Quit", self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(self.close)
        self.act_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_undo.setIcon(icon("undo"))
        self.act_redo = self.undo_stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_redo.setIcon(icon("redo"))
        self.act_find = QAction("&Find…", self)
        self.act_find.setShortcut(QKeySequence.StandardKey.Find)
        self.act_find.triggered.connect(self.focus_search)
        self.act_new_cohort = QAction(icon("cohort"), "&New cohort…", self)
        self.act_new_cohort.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.act_new_cohort.triggered.connect(self.new_cohort)
        self.act_edit_cohort = QAction("Cohort &settings…", self)
        self.act_edit_cohort.triggered.connect(self.edit_cohort)
        self.act_grade_order = QAction("&Higher grade numbers are more senior", self)
        self.act_grade_order.setCheckable(True)
        self.act_grade_order.setToolTip(
            "Untick when grade 1 is the most senior (as in some banding schemes)"
        )
        self.act_grade_order.toggled.connect(self._grade_order_toggled)
        self.act_exclusions = QAction("&Do-not-pair list…", self)
        self.act_exclusions.triggered.connect(self.show_exclusions)
        self.act_about = QAction("&About rmdesk", self)
        self.act_about.triggered.connect(self.about)
        self.view_actions: list[QAction] = []
        for row in range(self.sidebar.count()):
            item = self.sidebar.item(row)
            act = QAction(item.text(), self)
            act.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            act.triggered.connect(lambda _=False, r=row: self.sidebar.setCurrentRow(r))
            self.view_actions.append(act)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.act_import)
        file_menu.addAction(self.act_sample)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit = bar.addMenu("&Edit")
        edit.addAction(self.act_undo)
        edit.addAction(self.act_redo)
        edit.addSeparator()
        edit.addAction(self.act_find)
        self.edit_menu = edit
        cohort = bar.addMenu("&Cohort")
        cohort.addAction(self.act_new_cohort)
        cohort.addAction(self.act_edit_cohort)
        cohort.addSeparator()
        cohort.addAction(self.pairing_board.act_pair)
        cohort.addAction(self.pairing_board.act_unpair)
        cohort.addAction(self.pairing_board.act_suggest)
        cohort.addSeparator()
        actions = self.pairing_board.participant_actions
        cohort.addAction(actions.act_interests)
        cohort.addAction(actions.act_never)
        cohort.addAction(self.act_exclusions)
        cohort.addSeparator()
        cohort.addAction(self.act_grade_order)
        self.cohort_menu = cohort
        view = bar.addMenu("&View")
        for act in self.view_actions:
            view.addAction(act)
        self.view_menu = view
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.act_about)

    def _build_toolbar(self) -> None:
        tb = QToolBar("Main")
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.addAction(self.act_import)
        tb.addSeparator()
        tb.addAction(self.act_undo)
        tb.addAction(self.act_redo)
        tb.addSeparator()
        tb.addWidget(QLabel(" Cohort: "))
        self.cohort_picker = QComboBox()
        self.cohort_picker.setObjectName("cohortPicker")
        self.cohort_picker.setMinimumWidth(200)
        self.cohort_picker.setPlaceholderText("No cohort yet")
        self.cohort_picker.currentIndexChanged.connect(self._cohort_chosen)
        tb.addWidget(self.cohort_picker)
        tb.addAction(self.act_new_cohort)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        self.search = QLineEdit()
        self.search.setObjectName("globalSearch")
        self.search.setPlaceholderText("Search people (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(260)
        self.search.textChanged.connect(self._search)
        tb.addWidget(self.search)
        self.toolbar = tb
        self.addToolBar(tb)

    # -- views ---------------------------------------------------------------------------------
    def _show_view(self, row: int) -> None:
        item = self.sidebar.item(row)
        if item is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        if not self.workspace.roster.employees():
            self.pages.setCurrentWidget(self.first_run)
        else:
            self.pages.setCurrentWidget(self._views[key])
        self.settings.view = key

    def show_view(self, key: str) -> None:
        for row in range(self.sidebar.count()):
            if self.sidebar.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.sidebar.setCurrentRow(row)
                self._show_view(row)

    def _refresh_first_run(self) -> None:
        """An empty workspace shows the welcome page; the views open once there is a roster."""
        has_people = bool(self.workspace.roster.employees())
        # no views to go to, no cohort to make and nobody to search for: the welcome page
        # takes the whole window
        self.sidebar.setEnabled(has_people)
        self.sidebar.setVisible(has_people)
        self.search.setEnabled(has_people)
        self.act_new_cohort.setEnabled(has_people)
        for act in self.view_actions:
            act.setEnabled(has_people)
        # the sample goes into an empty workspace only, never over a real roster
        self.act_sample.setEnabled(not has_people)
        self.first_run.sample.setEnabled(not has_people)
        if not has_people:  # the welcome page stands for the roster, whatever was open last
            self.sidebar.setCurrentRow(0)
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
        if isinstance(event, RosterChanged) and self._task is not None:
            self._roster_stale = True  # reloaded when the job is done, from a warm cache
            return
        if isinstance(event, RosterChanged):
            self._roster_changed()
        if isinstance(event, SettingsChanged):
            self._sync_grade_order()
        if isinstance(event, CohortsChanged):
            self._load_cohorts()
        elif isinstance(event, (RosterChanged, SettingsChanged, ParticipantsChanged, PairsChanged)):
            self.pairing_board.reload()

    def _roster_changed(self) -> None:
        loaded, self._next_roster = self._next_roster, None
        self.roster_page.reload(loaded)
        self.pairing_board.reload_roster()
        self._refresh_first_run()

    # -- cohorts ------------------------------------------------------------------------------
    def current_cohort(self) -> Cohort | None:
        cid = self.cohort_picker.currentData()
        return self.workspace.cohorts.cohort_by_id(int(cid)) if cid is not None else None

    def _load_cohorts(self, select: int | None = None) -> None:
        cohorts = self.workspace.cohorts.cohorts()
        keep = select if select is not None else self.cohort_picker.currentData()
        self.cohort_picker.blockSignals(True)
        self.cohort_picker.clear()
        for c in reversed(cohorts):
            self.cohort_picker.addItem(c.name, c.id)
        idx = self.cohort_picker.findData(keep) if keep is not None else -1
        self.cohort_picker.setCurrentIndex(idx if idx >= 0 else 0)
        self.cohort_picker.blockSignals(False)
        self.act_edit_cohort.setEnabled(bool(cohorts))
        self.cohort_picker.setEnabled(bool(cohorts))
        if not cohorts:
            self.cohort_picker.setCurrentIndex(-1)
        self._cohort_chosen()

    def _cohort_chosen(self, *_: object) -> None:
        self.pairing_board.set_cohort(self.current_cohort())

    def new_cohort(self) -> None:
        choice = CohortDialog.ask(self, None)
        if choice is None:
            return
        command = CreateCohortCommand(
            self.workspace, choice.name, choice.starts, choice.ends, choice.capacity
        )
        try:
            push(self.undo_stack, command)
        except RmdeskError as exc:
            self.show_error("The cohort cannot be created", str(exc))
            return
        assert command.made is not None
        self._load_cohorts(select=command.made.id)
        self.show_view("pairing")

    def edit_cohort(self) -> None:
        cohort = self.current_cohort()
        if cohort is None:
            return
        choice = CohortDialog.ask(self, cohort)
        if choice is None:
            return
        after = Cohort(cohort.id, choice.name, choice.starts, choice.ends, choice.capacity)
        try:
            push(self.undo_stack, EditCohortCommand(self.workspace, cohort, after))
        except RmdeskError as exc:
            self.show_error("The cohort cannot be changed", str(exc))

    def _grade_order_toggled(self, checked: bool) -> None:
        if checked != self.workspace.pairing.higher_grade_is_senior:
            push(self.undo_stack, GradeOrderCommand(self.workspace, checked))

    def _sync_grade_order(self) -> None:
        self.act_grade_order.blockSignals(True)
        self.act_grade_order.setChecked(self.workspace.pairing.higher_grade_is_senior)
        self.act_grade_order.blockSignals(False)

    def show_exclusions(self) -> None:
        dialog = ExclusionsDialog(self.workspace, self.undo_stack, self)
        dialog.exec()
        dialog.deleteLater()

    def _undo_changed(self) -> None:
        text = self.undo_stack.undoText()
        if text:
            self.statusBar().showMessage(f"{text} · undo: Ctrl+Z")

    # -- import flow ---------------------------------------------------------------------------
    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import roster", self.settings.last_folder, ROSTER_FILTER
        )
        if path:
            self.import_file(Path(path))

    def open_sample(self) -> None:
        """Import the sample roster and set up a sample cohort to pair."""
        self.import_finished.connect(self._sample_imported)
        self.import_file(resource("sample_roster.csv"), ask=False)

    def _sample_imported(self, report: object) -> None:
        self.import_finished.disconnect(self._sample_imported)
        if report is None:
            return
        cohort = seed_sample_cohort(self.workspace)
        self._load_cohorts(select=cohort.id)
        self.show_view("pairing")

    def import_file(self, path: Path, ask: bool = True) -> None:
        """Read and validate in the background, let the officer settle it, then write."""
        if self._task is not None:
            self.statusBar().showMessage("An import is already running.")
            return
        self.settings.last_folder = str(path.parent)
        ws = self.workspace
        ws.roster.employees()  # warm the cache on this thread; the worker only reads it

        def prepare(progress: Progress) -> ImportPlan:
            progress(0, 0, f"Reading {path.name}")
            plan = ws.roster.prepare_import(path)
            if not progress(1, 1, "Checking"):
                raise ImportCancelled("import cancelled")
            return plan

        def prepared(plan: object) -> None:
            self._task = None
            assert isinstance(plan, ImportPlan)
            if ask or plan.errors or plan.missing:
                choice = ImportDialog.ask(self, ws, plan)
                if choice is None:
                    self._import_done(None, "Import cancelled; nothing was changed.")
                    return
                plan = choice.plan
            self._write(plan)

        self._run(prepare, f"Reading {path.name}…", prepared)

    def _write(self, plan: ImportPlan) -> None:
        ws = self.workspace

        def write(progress: Progress) -> ImportReport:
            report: ImportReport = ws.roster.apply_import(plan, progress)
            # the new roster read and made ready for the roster view here, off the GUI thread
            self._next_roster = self.roster_page.model.prepare(list(ws.roster.employees().values()))
            return report

        def written(report: object) -> None:
            self._task = None
            assert isinstance(report, ImportReport)
            self._import_done(report, report.summary())

        self._run(write, f"Importing {plan.source.name}…", written)

    def _run(self, job: object, label: str, on_done: object) -> None:
        assert callable(job) and callable(on_done)
        task = Task(job, label, self)
        # the worker shares the database connection: no edit may slip into its transaction
        task.finished.connect(lambda _: self._set_busy(False))
        task.failed.connect(lambda _: self._set_busy(False))
        task.finished.connect(on_done)
        task.failed.connect(self._import_failed)
        self._task = task
        self._set_busy(True)
        task.start()

    def _set_busy(self, busy: bool) -> None:
        """While a background job writes, the window takes no edits (the progress dialog,
        which can cancel, appears only after a moment)."""
        for part in (self.centralWidget(), self.menuBar(), self.toolbar):
            if part is not None:
                part.setEnabled(not busy)
        if not busy and self._roster_stale:
            self._roster_stale = False
            self._roster_changed()
            self.pairing_board.reload()

    def _import_failed(self, exc: object) -> None:
        self._task = None
        if isinstance(exc, ImportCancelled):
            self._import_done(None, "Import cancelled; nothing was changed.")
        elif isinstance(exc, RosterError):
            self.show_error(
                "The roster cannot be imported", "\n".join(str(p) for p in exc.problems[:30])
            )
            self._import_done(None, "Import refused; nothing was changed.")
        elif isinstance(exc, RmdeskError):
            self.show_error("The roster cannot be imported", str(exc))
            self._import_done(None, "Import failed; nothing was changed.")
        else:
            self._import_done(None, "Import failed; nothing was changed.")
            raise exc if isinstance(exc, BaseException) else RuntimeError(str(exc))

    def _import_done(self, report: ImportReport | None, message: str) -> None:
        self.statusBar().showMessage(message)
        self.import_finished.emit(report)

    # -- messages (seams for tests) ------------------------------------------------------------
    def show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About rmdesk",
            f"<b>rmdesk {__version__}</b><br>Run a reverse mentoring programme: "
            "import the roster, pair juniors with senior leaders, follow up.<br>"
            f"Database: {self.workspace.path}",
        )

    # -- persistence ---------------------------------------------------------------------------
    def _restore(self) -> None:
        if not self.settings.geometry.isEmpty():
            self.restoreGeometry(self.settings.geometry)
        if not self.settings.window_state.isEmpty():
            self.restoreState(self.settings.window_state)
        # the view open last time, unless this workspace is empty: then the welcome page
        self.show_view(self.settings.view if self.workspace.roster.employees() else "roster")
        if self.sidebar.currentRow() < 0:
            self.sidebar.setCurrentRow(0)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.sync()
        self.signals.detach()
        super().closeEvent(event)
