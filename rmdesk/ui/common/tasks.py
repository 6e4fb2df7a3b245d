"""Run long work (imports, batch jobs) off the GUI thread behind a cancellable progress dialog."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from rmdesk.ui.common.threads import hold

Progress = Callable[[int, int, str], bool]
Job = Callable[[Progress], Any]


def _spent(progress: Progress) -> None:
    raise RuntimeError("a task runs once")


class _Worker(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)

    def __init__(self, job: Job, cancelled: threading.Event) -> None:
        super().__init__()
        self._job = job
        self._cancelled = cancelled

    def report(self, done: int, total: int, what: str) -> bool:
        self.progress.emit(done, total, what)
        return not self._cancelled.is_set()

    @Slot()
    def run(self) -> None:
        job, self._job = self._job, _spent  # the held worker keeps nothing the job used
        try:
            result = job(self.report)
        except Exception as exc:  # handed to the GUI thread, which decides what to tell
            self.failed.emit(exc)
        else:
            self.done.emit(result)


class Task(QObject):
    """One background job; ``finished(result)`` or ``failed(exception)`` on the GUI thread."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Job, label: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._cancelled = threading.Event()
        self._thread = QThread()  # no parent: a closing window must not destroy it running
        self._worker = _Worker(job, self._cancelled)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        for ended in (self._worker.done, self._worker.failed):
            ended.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._worker.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._worker.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._worker.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
        self.dialog.setObjectName("progressDialog")
        self.dialog.setWindowTitle("rmdesk")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self._label = label

    def start(self) -> None:
        hold(self._thread, self._worker, self._cancelled.set)  # at exit: cancelled, waited for
        self._thread.start()

    def cancel(self) -> None:
        self._cancelled.set()
        self.dialog.setLabelText("Cancelling… nothing will be changed.")

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _on_progress(self, done: int, total: int, what: str) -> None:
        if self._cancelled.is_set():
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        self.dialog.setLabelText(f"{self._label}\n{what}…")

    def _finish(self) -> None:
        self._thread.quit()
        self._thread.wait()
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()

    def _on_done(self, result: object) -> None:
        self._finish()
        self.finished.emit(result)
        self.deleteLater()

    def _on_failed(self, exc: object) -> None:
        self._finish()
        self.failed.emit(exc)
        self.deleteLater()
