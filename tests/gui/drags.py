"""Drag events as a real drag sends them: an enter before any move or drop."""

from __future__ import annotations

import warnings
from typing import TypeVar

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent
from PySide6.QtWidgets import QApplication, QWidget

E = TypeVar("E", QDragEnterEvent, QDragMoveEvent)


def drag_event(kind: type[E], pos: QPoint, mime: QMimeData) -> E:
    """A copy drag with the left button at ``pos``. PySide offers only the QPoint
    constructors of these two events, and flags them deprecated."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return kind(
            pos,
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )


def enter(target: QWidget, mime: QMimeData, pos: QPoint) -> None:
    """Enter ``target`` with ``mime``; Qt delivers moves and drops only to a widget entered."""
    event = drag_event(QDragEnterEvent, pos, mime)
    QApplication.sendEvent(target, event)
    assert event.isAccepted()
