"""Accepting many suggestions: one transaction, one event, one undo step, undone whole."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from rmdesk.ui.common.undo import AcceptCommand, push
from rmdesk.workspace import Event, Workspace
from rmdesk.workspace.events import PairsChanged
from tests.conftest import SAMPLE


def test_accept_many_is_one_event_and_one_undo_step(qtbot: QtBot, tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "w.db")
    try:
        ws.roster.import_roster(SAMPLE)
        cohort = ws.cohorts.create_cohort("Spring")
        people = sorted(ws.roster.employees().values(), key=lambda e: int(e.grade or 0))
        ws.cohorts.enrol([e.employee_id for e in people[:20]], "mentor", cohort)
        ws.cohorts.enrol([e.employee_id for e in people[-20:]], "mentee", cohort)
        proposals = ws.pairing.suggest(cohort).proposals
        assert len(proposals) >= 10
        heard: list[Event] = []
        ws.subscribe(heard.append)
        stack = QUndoStack()
        push(stack, AcceptCommand(ws, cohort, proposals))
        assert stack.count() == 1
        assert len(heard) == 1 and isinstance(heard[0], PairsChanged)
        assert len(heard[0].added) == len(proposals) == len(ws.pairing.pairs(cohort))
        heard.clear()
        stack.undo()
        assert ws.pairing.pairs(cohort) == [] and len(heard) == 1
        assert isinstance(heard[0], PairsChanged) and len(heard[0].removed) == len(proposals)
        stack.redo()
        assert len(ws.pairing.pairs(cohort)) == len(proposals)
    finally:
        ws.close()
