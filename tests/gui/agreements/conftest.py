"""The agreements page over the sample roster, three pairs in a cohort."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtGui import QUndoStack

from rmdesk.models.cohorts import Cohort
from rmdesk.ui.agreements.view import AgreementsView
from rmdesk.ui.common.signals import WorkspaceSignals
from rmdesk.workspace import Workspace
from tests.conftest import SAMPLE

#: (mentor, mentee) from resources/sample_roster.csv, in different departments
PAIRS = [("E1015", "E1012"), ("E1049", "E1053"), ("E1037", "E1005")]


@pytest.fixture
def page(qtbot: Any, workspace: Workspace) -> Iterator[tuple[AgreementsView, list[int], Cohort]]:
    workspace.roster.import_roster(SAMPLE)
    cohort = workspace.cohorts.create_cohort("Spring 2026", date(2026, 3, 2), date(2026, 8, 31))
    ids = [workspace.pairing.pair(m, e, cohort, "test").pair.id for m, e in PAIRS]
    signals = WorkspaceSignals(workspace)
    view = AgreementsView(workspace, QUndoStack(), signals)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.set_cohort(cohort)
    view.show()
    yield view, ids, cohort
    signals.detach()
