"""The main window's chrome: its actions, menus and tool bar. A base of MainWindow (over
CohortFlow), so that the window module stays short."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QSizePolicy,
    QToolBar,
    QWidget,
)

from rmdesk import __version__
from rmdesk.paths import default_db_path
from rmdesk.ui.common.icons import icon
from rmdesk.ui.common.undo_status import UndoStatus
from rmdesk.ui.window_cohorts import CohortFlow

if TYPE_CHECKING:
    from rmdesk.ui.common.help import ShortcutsDialog, UserGuideDialog
    from rmdesk.ui.safety import SafetyActions
    from rmdesk.ui.window_views import ProgrammeViews
    from rmdesk.workspace import Workspace


class WindowChrome(CohortFlow):
    """Builds the actions, the menu bar and the tool bar over the window's views."""

    # made by MainWindow before the chrome is built
    sidebar: QListWidget
    programme: ProgrammeViews
    safety_actions: SafetyActions

    # what the actions call, defined by MainWindow
    open_sample: Callable[[], object]
    open_workspace: Callable[[Path], object]
    focus_search: Callable[[], None]
    _search: Callable[[str], None]

    def _build_actions(self) -> None:
        from rmdesk.ui.start.sample import is_sample

        self.act_import = QAction(icon("import"), "&Import roster…", self)
        self.act_import.setShortcut(QKeySequence.StandardKey.Open)
        self.act_import.setStatusTip("Import an HR roster export (CSV, Excel, ODS)")
        self.act_import.triggered.connect(self.choose_import)
        self.act_import.setIconText("Import")
        self.act_import_warnings = QAction("Import &warnings…", self)
        self.act_import_warnings.setEnabled(False)
        self.act_import_warnings.triggered.connect(self.show_import_warnings)
        self.act_sample = QAction("Open the &sample cohort", self)
        self.act_sample.setStatusTip("Opens sample data in a file of its own, apart from yours")
        self.act_sample.triggered.connect(self.open_sample)
        self.act_own = QAction("Back to &your workspace", self)
        self.act_own.triggered.connect(lambda: self.open_workspace(default_db_path()))
        self.act_own.setVisible(is_sample(self.workspace.path))
        self.act_quit = QAction("&Quit", self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(self.close)
        self.undo_status = UndoStatus(self.undo_stack, self)
        self.undo_status.message.connect(self.statusBar().showMessage)
        self.act_undo, self.act_redo = self.undo_status.act_undo, self.undo_status.act_redo
        self.act_find = QAction("&Find…", self)
        self.act_find.setShortcut(QKeySequence.StandardKey.Find)
        self.act_find.triggered.connect(self.focus_search)
        self.act_new_cohort = QAction(icon("cohort"), "&New cohort…", self)
        self.act_new_cohort.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.act_new_cohort.setIconText("New cohort")
        self.act_new_cohort.triggered.connect(self.new_cohort)
        self.act_edit_cohort = QAction("&Cohort settings…", self)
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
        self.act_shortcuts = QAction("&Keyboard shortcuts", self)
        self.act_shortcuts.setShortcut(QKeySequence("Ctrl+/"))
        self.act_shortcuts.triggered.connect(self.show_shortcuts)
        self.act_guide = QAction("&User guide", self)
        self.act_guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.act_guide.triggered.connect(self.show_guide)
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
        file_menu.addAction(self.act_import_warnings)
        file_menu.addSeparator()
        for act in self.programme.file_actions:
            file_menu.addAction(act)
        file_menu.addSeparator()
        for act in self.safety_actions.actions:
            file_menu.addAction(act)
        file_menu.addSeparator()
        file_menu.addAction(self.act_sample)
        file_menu.addAction(self.act_own)
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
        cohort.addAction(self.programme.act_programme)
        cohort.addSeparator()
        cohort.addAction(self.pairing_board.act_pair)
        cohort.addAction(self.pairing_board.act_unpair)
        cohort.addAction(self.pairing_board.act_suggest)
        cohort.addSeparator()
        actions = self.pairing_board.participant_actions
        cohort.addAction(actions.act_interests)
        cohort.addAction(actions.act_never)
        cohort.addAction(self.act_exclusions)
        cohort.addAction(self.programme.act_actions)
        cohort.addAction(self.programme.act_private)
        cohort.aboutToShow.connect(self.programme.refresh_private)
        cohort.addSeparator()
        cohort.addAction(self.act_grade_order)
        self.cohort_menu = cohort
        view = bar.addMenu("&View")
        for act in self.view_actions:
            view.addAction(act)
        self.view_menu = view
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.act_guide)
        help_menu.addAction(self.act_shortcuts)
        help_menu.addSeparator()
        help_menu.addAction(self.act_about)
        self.help_menu = help_menu

    def _build_toolbar(self) -> None:
        tb = QToolBar("Main")
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
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

    # -- help (seams for tests) ----------------------------------------------------------------
    def show_shortcuts(self) -> ShortcutsDialog:
        from rmdesk.ui.common.help import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.show()
        return dialog

    def show_guide(self) -> UserGuideDialog:
        from rmdesk.ui.common.help import UserGuideDialog

        dialog = UserGuideDialog(self)
        dialog.show()
        return dialog

    @staticmethod
    def _file_label(workspace: Workspace, sample: bool) -> QLabel:
        """The status bar's name of the open file, its folder in the tooltip: a whole path
        left the bar's messages no room on a 1024-pixel screen. The sample says it is one."""
        label = QLabel()
        label.setObjectName("fileLabel")
        where = str(workspace.path) if workspace.path else "(in memory)"
        label.setText(workspace.path.name if workspace.path else where)
        label.setToolTip(f"{where}\nThe file that holds all of rmdesk's data")
        if sample:  # said in the window too, not only in its title bar
            label.setText("<b>Sample data</b>, not your workspace")
            label.setToolTip(f"{where}\nFile ▸ Back to your workspace leaves the sample")
        return label

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About rmdesk",
            f"<b>rmdesk {__version__}</b><br>Run a reverse mentoring programme: "
            "import the roster, pair juniors with senior leaders, follow up.<br>"
            f"Database: {self.workspace.path}",
        )
