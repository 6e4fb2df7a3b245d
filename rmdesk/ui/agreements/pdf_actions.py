"""The Agreements page's PDF actions: export one, open it, print it, export all (background)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QComboBox, QWidget

from rmdesk.models.cohorts import Cohort
from rmdesk.models.wording import plural
from rmdesk.ui.agreements.editor import AgreementEditor
from rmdesk.ui.agreements.files import FilePrompts, viewing_folder
from rmdesk.ui.agreements.pair_list import TEMPLATE
from rmdesk.ui.agreements.printing import AgreementPrinting
from rmdesk.ui.common.sentences import error_sentence
from rmdesk.ui.common.tasks import Task
from rmdesk.workspace import Workspace


class PdfActions:
    """Mixed into AgreementsView, whose attributes these are."""

    ws: Workspace
    cohort: Cohort | None
    selected: int | None
    editor: AgreementEditor
    version_combo: QComboBox
    task: Task | None
    message: SignalInstance

    def _parent(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def _shown(self) -> tuple[int, int | None] | None:
        if self.selected in (None, TEMPLATE):
            return None
        self.editor.flush()
        number = self.version_combo.currentData()
        return int(self.selected or 0), number if isinstance(number, int) else None

    def _file_name(self, pair_id: int, version: int | None) -> str:
        doc = self.ws.agreements.document(pair_id, version)
        from rmdesk.workspace.agreements import pdf_file_name  # PDF code: on first use

        return pdf_file_name(
            pair_id, doc.identity.mentor.name, doc.identity.mentee.name, doc.version
        )

    def export_pdf(self) -> Path | None:
        shown = self._shown()
        if shown is None:
            return None
        path = FilePrompts.save_pdf(self._parent(), self._file_name(*shown))
        if path is None:
            return None
        try:
            self.ws.agreements.export_pdf(shown[0], path, shown[1])
        except OSError as exc:  # a folder gone, no permission, a full disk
            self.message.emit(f"Not saved: {error_sentence(exc)}")
            return None
        self.message.emit(f"Saved {path}")
        return path

    def open_pdf(self) -> Path | None:
        shown = self._shown()
        if shown is None:
            return None
        path = self.ws.agreements.export_pdf(
            shown[0], viewing_folder() / self._file_name(*shown), shown[1]
        )
        if not FilePrompts.open_file(path):
            self.message.emit(f"No PDF viewer opened {path}")
        return path

    def print_agreement(self) -> bool:
        shown = self._shown()
        if shown is None:
            return False
        doc = self.ws.agreements.document(*shown)
        return AgreementPrinting.preview(self._parent(), doc, self.ws.agreements.page_size)

    def export_all(self) -> Task | None:
        """Write every signed agreement of the cohort into a folder, in the background."""
        self.editor.flush()
        if self.cohort is None or self.task is not None:
            return None
        jobs = self.ws.agreements.export_jobs(self.cohort, signed_only=True)
        if not jobs:
            self.message.emit(f"No signed agreement in {self.cohort.name} yet")
            return None
        folder = FilePrompts.folder(self._parent())
        if folder is None:
            return None
        size = self.ws.agreements.page_size
        task = Task(
            lambda progress: _write_agreements(jobs, folder, size, progress),
            f"Exporting {plural(len(jobs), 'agreement')}…",
            self._parent(),
        )
        task.finished.connect(lambda written: self._exported(written, len(jobs), folder))
        task.failed.connect(lambda exc: self._export_failed(exc))
        self.task = task
        task.start()
        return task

    def _exported(self, written: object, total: int, folder: Path) -> None:
        self.task = None
        count = len(written) if isinstance(written, list) else 0
        if count < total:
            self.message.emit(f"Export cancelled: {count} of {total} written to {folder}")
        else:
            self.message.emit(f"Wrote {plural(count, 'signed agreement')} to {folder}")

    def _export_failed(self, exc: object) -> None:
        self.task = None
        said = error_sentence(exc) if isinstance(exc, BaseException) else str(exc)
        self.message.emit(f"Export failed: {said}")


def _write_agreements(jobs: object, folder: Path, size: str, progress: object) -> object:
    """The background export (reportlab is imported on first use, not at start-up)."""
    from rmdesk.workspace.agreements import write_agreements

    return write_agreements(jobs, folder, size, progress)  # type: ignore[arg-type]
