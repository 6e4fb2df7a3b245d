"""Accept roster files dropped from outside anywhere on the window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QWidget

ROSTER_SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}


def dropped_files(mime: QMimeData) -> list[Path]:
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]


def roster_file(mime: QMimeData) -> Path | None:
    for path in dropped_files(mime):
        if path.suffix.lower() in ROSTER_SUFFIXES or path.is_file():
            return path
    return None


class FileDropFilter(QObject):
    """Event filter: file-URL drags are accepted and handed to ``on_file``; others pass on."""

    def __init__(self, on_file: Callable[[Path], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_file = on_file

    def watch(self, widget: QWidget) -> None:
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDragMoveEvent)
            if roster_file(event.mimeData()) is not None:
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            path = roster_file(event.mimeData())
            if path is not None:
                event.acceptProposedAction()
                self._on_file(path)
                return True
        return False
