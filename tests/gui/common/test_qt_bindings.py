"""The Qt bindings rmdesk ships with keep Python's reference counts: PySide6 6.12.0 lost a
reference to True on every ``Signal.emit`` (and to None in ``processEvents``), and a session
that emitted a few thousand signals died with "Fatal Python error: bool_dealloc"."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    bare = Signal()
    carrying = Signal(object)


def test_emitting_signals_keeps_the_references_to_true_and_none(qtbot: QtBot) -> None:
    emitter = _Emitter()
    emitter.bare.connect(lambda: None)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        emitter.bare.emit()
        emitter.carrying.emit(None)
    assert abs(sys.getrefcount(True) - true_before) < 20
    assert abs(sys.getrefcount(None) - none_before) < 50


def test_processing_events_keeps_the_references_to_none(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert app is not None
    app.processEvents()
    before = sys.getrefcount(None)
    for _ in range(200):
        app.processEvents()
    assert abs(sys.getrefcount(None) - before) < 50
