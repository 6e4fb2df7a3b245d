"""The programme dashboard: the cohort at a glance, each figure a click away from its pairs.

It reads the figures through ``ws.reports`` and redraws after the change events that can move
them, once per burst (a 0-ms single-shot timer gathers a burst into one read), never by polling.
The outcomes report and the announcement are written in the background with progress.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rmdesk.errors import NotFound, RmdeskError
from rmdesk.models.cohorts import Cohort
from rmdesk.models.programme_figures import ProgrammeFigures
from rmdesk.models.wording import plural
from rmdesk.ui.common.sentences import error_sentence
from rmdesk.ui.common.signals import WorkspaceSignals
from rmdesk.ui.common.tasks import Task
from rmdesk.ui.common.undo import push
from rmdesk.ui.dashboard.commands import LeaveOutOfReportsCommand
from rmdesk.ui.dashboard.dialogs import AnnounceDialog, ExportDialog, ReportDialog
from rmdesk.ui.dashboard.figures import Figures
from rmdesk.workspace import Workspace
from rmdesk.workspace.events import Event, PairsChanged, ParticipantsChanged

NO_COHORT = (
    "No cohort yet.\n\nCreate a cohort and enrol mentors and mentees: "
    "its figures appear here as soon as the first pair is made."
)
NO_PAIRS = (
    "No pairs in {cohort} yet.\n\n{enrolled}Pair mentors with mentees on the Pairing board; "
    "the figures appear here as soon as the first pair is made."
)


def _documents() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found or Path.home())


class DashboardView(QWidget):
    """Figures and charts of one cohort; ``show_pairs(pair_ids, title)`` on a click."""

    show_pairs = Signal(list, str)
    #: A sentence for the status bar ("Exported 120 sessions to …").
    message = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        undo_stack: QUndoStack,
        signals: WorkspaceSignals,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.ws = workspace
        self.undo_stack = undo_stack
        self.cohort: Cohort | None = None
        self.current: ProgrammeFigures | None = None
        self.today: Callable[[], date] = date.today
        self.task: Task | None = None
        self.refreshes = 0  # how many times the figures were read (tests check the coalescing)
        self._pair_ids: frozenset[int] = frozenset()

        self.heading = QLabel()
        self.heading.setObjectName("dashboardHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.export_button = QPushButton("Export…")
        self.report_button = QPushButton("Outcomes report…")
        self.announce_button = QPushButton("Announce pairs…")
        self.export_button.setToolTip("Pairs, sessions or actions to Excel or CSV")
        self.report_button.setToolTip("A PDF for the sponsor; confidential notes never go in")
        self.announce_button.setToolTip("The pairs list and an e-mail draft for each pair")
        self.export_button.clicked.connect(self.export)
        self.report_button.clicked.connect(self.outcomes_report)
        self.announce_button.clicked.connect(self.announce)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        for b in (self.export_button, self.report_button, self.announce_button):
            top.addWidget(b)

        self.figures = Figures()
        self.figures.activated.connect(self.show_pairs)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.figures)
        self.empty = QLabel()
        self.empty.setObjectName("dashboardEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMaximumWidth(520)
        empty_page = QWidget()
        holder = QGridLayout(empty_page)
        holder.addWidget(self.empty, 0, 0, Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(empty_page)
        self.pages.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        signals.pairs.connect(self._on_cohort_event)
        signals.participants.connect(self._on_cohort_event)
        for per_pairs in (signals.sessions, signals.actions, signals.agreements):
            per_pairs.connect(self._on_pairs_event)
        for whole in (signals.cohorts, signals.roster, signals.settings, signals.replaced):
            whole.connect(self.schedule)
        self.refresh()

    # -- what is shown ------------------------------------------------------------------------
    def set_cohort(self, cohort: Cohort | None) -> None:
        """Show ``cohort`` (None: the empty state that says to create one)."""
        self.cohort = cohort
        self.refresh()

    def schedule(self, *_: object) -> None:
        """Read the figures again once the current burst of events is over."""
        self._timer.start()

    def _on_cohort_event(self, event: Event) -> None:
        if not isinstance(event, PairsChanged | ParticipantsChanged) or self.cohort is None:
            return
        if event.cohort_id == self.cohort.id:
            self.schedule()

    def _on_pairs_event(self, event: Event) -> None:
        pair_ids: frozenset[int] = getattr(event, "pair_ids", frozenset())
        if not pair_ids or pair_ids & self._pair_ids:
            self.schedule()

    def refresh(self) -> None:
        """Read the cohort's figures and show them, or the empty state."""
        self._timer.stop()
        self.refreshes += 1
        cohort = self.cohort
        if cohort is not None:
            try:  # renamed or deleted since it was chosen
                cohort = self.cohort = self.ws.cohorts.cohort_by_id(cohort.id)
            except NotFound:
                cohort = self.cohort = None
        figures = self.ws.reports.figures(cohort, self.today()) if cohort else None
        self.current = figures
        self._pair_ids = frozenset(figures.pairs.pair_ids) if figures else frozenset()
        has_pairs = bool(figures and figures.pairs.value)
        for b in (self.export_button, self.report_button, self.announce_button):
            b.setEnabled(has_pairs)
        self.heading.setText(f"Dashboard · {cohort.name}" if cohort else "Dashboard")
        if cohort is None or figures is None:
            self.empty.setText(NO_COHORT)
            self.pages.setCurrentIndex(0)
            return
        if not has_pairs:
            people = figures.mentors.value + figures.mentees.value
            enrolled = f"{plural(people, 'person')} enrolled so far. " if people else ""
            self.empty.setText(NO_PAIRS.format(cohort=cohort.name, enrolled=enrolled))
            self.pages.setCurrentIndex(0)
            return
        self.figures.show_figures(figures)
        self.pages.setCurrentIndex(1)

    def set_pair_private(self, pair_id: int, private: bool) -> None:
        """Leave a pair out of reports (or name it again) as one undo step."""
        push(self.undo_stack, LeaveOutOfReportsCommand(self.ws, pair_id, private))

    # -- exports and documents --------------------------------------------------------------
    def _fail(self, what: str, exc: object) -> None:
        said = error_sentence(exc) if isinstance(exc, BaseException) else str(exc)
        QMessageBox.warning(self, "rmdesk", f"{what} failed; nothing was written.\n{said}")

    def export(self) -> None:
        if self.cohort is None:
            return
        choice = ExportDialog.ask(self, self.cohort.name, _documents())
        if choice is None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            count = self.ws.reports.export(
                choice.kind, choice.path, self.cohort, choice.include_confidential, self.today()
            )
        except (RmdeskError, OSError) as exc:
            QApplication.restoreOverrideCursor()
            self._fail("The export", exc)
            return
        QApplication.restoreOverrideCursor()
        self.message.emit(f"Exported {plural(count, 'row')} of {choice.kind} to {choice.path}")

    def outcomes_report(self) -> None:
        if self.cohort is None:
            return
        path = ReportDialog.ask(self, _documents() / f"Outcomes report - {self.cohort.name}.pdf")
        if path is None:
            return
        found = self.ws.reports.read(self.cohort, self.today())
        info = self.ws.reports.report_info(self.cohort, self.today())
        self._run(
            lambda progress: _write_report(path, found, info, progress),
            "Writing the outcomes report",
            lambda done: f"Wrote the outcomes report to {path}" if done else "",
        )

    def announce(self) -> None:
        if self.cohort is None:
            return
        folder = AnnounceDialog.ask(self, _documents())
        if folder is None:
            return
        announcement = self.ws.reports.announcement(self.cohort)
        drafts = len(announcement.intros)
        self._run(
            lambda progress: announcement.write(folder, progress),
            "Writing the pairs list and the e-mail drafts",
            lambda done: (
                f"Wrote the pairs list and {plural(drafts, 'e-mail draft')} to {folder}"
                if done
                else ""
            ),
        )

    def _run(
        self,
        job: Callable[[Callable[[int, int, str], bool]], object],
        label: str,
        said: Callable[[object], str],
    ) -> None:
        task = Task(job, label, self)
        self.task = task

        def finished(result: object) -> None:
            self.task = None
            text = said(result)
            self.message.emit(text or "Cancelled; nothing was written.")

        def failed(exc: object) -> None:
            self.task = None
            self._fail(label, exc)

        task.finished.connect(finished)
        task.failed.connect(failed)
        task.start()


def _write_report(path: object, found: object, info: object, progress: object) -> object:
    """The background report (reportlab is imported on first use, not at start-up)."""
    from rmdesk.workspace.reports import write_report

    return write_report(path, found, info, progress)  # type: ignore[arg-type]
