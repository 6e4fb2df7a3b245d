"""The dashboard: figures as the workspace has them, click-through, updates from events, empty."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from rmdesk.models.programme_figures import by_label
from rmdesk.ui.common.signals import WorkspaceSignals
from rmdesk.ui.dashboard import DashboardView
from rmdesk.ui.dashboard import view as dashboard_view
from rmdesk.ui.dashboard.dialogs import ExportChoice
from rmdesk.workspace import Workspace
from tests.unit.report_cohort import TODAY, build


@pytest.fixture
def dashboard(workspace: Workspace, tmp_path: Path, qtbot: QtBot) -> DashboardView:
    cohort, _ = build(workspace, tmp_path)
    view = DashboardView(workspace, QUndoStack(), WorkspaceSignals(workspace))
    qtbot.addWidget(view)
    view.today = lambda: TODAY
    view.set_cohort(cohort)
    view.resize(1280, 800)
    view.show()
    return view


def test_figures_shown_match_the_workspace(dashboard: DashboardView) -> None:
    assert dashboard.objectName() == "dashboard"
    f = dashboard.ws.reports.figures(dashboard.cohort, TODAY)
    tiles = dashboard.figures.tiles
    assert tiles["participants"].number == "8"
    assert tiles["pairs"].number == "3"
    assert tiles["coverage"].number == "75 %" and "6 of 8" in tiles["coverage"].detail
    assert tiles["signed"].number == f.agreements_signed.percent == "33 %"
    assert "3 of 7 sessions due so far" in tiles["held"].detail
    assert tiles["department"].number == "67 %"
    assert tiles["seniority"].number == "6 grades"
    health = {b.label: b.value for b in dashboard.figures.health.bars}
    assert health["Stalled"] == by_label(f.health, "stalled").value
    cancels = {b.label: b.value for b in dashboard.figures.cancellations.bars}
    assert (cancels["By the mentor"], cancels["By the mentee"], cancels["No-shows"]) == (2, 1, 1)
    actions = {b.label: b.value for b in dashboard.figures.action_bars.bars}
    assert actions == {"Done": 1, "Open": 2, "Overdue": 1}
    months = [(m.label, m.planned, m.held) for m in dashboard.figures.sessions.months]
    assert months[0] == ("Jan 2026", 2, 1)


def test_clicking_a_figure_shows_the_pairs_behind_it(
    dashboard: DashboardView, qtbot: QtBot
) -> None:
    p1, p2, _p3 = dashboard.current.pairs.pair_ids  # type: ignore[union-attr]
    tile = dashboard.figures.tiles["department"]
    with qtbot.waitSignal(dashboard.show_pairs) as got:
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert got.args == [[p1, p2], "Pairs across departments"]

    chart = dashboard.figures.cancellations
    row = chart.part_rect(0).center()  # "By the mentor"
    with qtbot.waitSignal(dashboard.show_pairs) as got:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=row)
    assert got.args == [[p2], "Pairs the mentor cancelled"]

    actions = dashboard.figures.action_bars  # the keyboard reaches every bar
    actions.setFocus()
    qtbot.keyClick(actions, Qt.Key.Key_Down)
    qtbot.keyClick(actions, Qt.Key.Key_Down)
    with qtbot.waitSignal(dashboard.show_pairs) as got:
        qtbot.keyClick(actions, Qt.Key.Key_Return)
    assert got.args == [[p1], "Pairs with overdue actions"]

    months = dashboard.figures.sessions
    with qtbot.waitSignal(dashboard.show_pairs) as got:
        qtbot.mouseClick(months, Qt.MouseButton.LeftButton, pos=months.part_rect(2).center())
    assert got.args == [[p1, p2], "Pairs with sessions in Mar 2026"]
    assert not months.part_rect(0).contains(QPoint(-5, -5))


def test_updates_after_change_events_once_per_burst(dashboard: DashboardView, qtbot: QtBot) -> None:
    ws = dashboard.ws
    before = dashboard.refreshes
    with ws.batch():
        ws.pairing.pair("M4", "E4", dashboard.cohort, "test")
    ws.db.execute("UPDATE pairs SET private = 0")  # not an event: nothing is polled
    assert dashboard.figures.tiles["pairs"].number == "3"  # not yet: the burst is still on
    qtbot.waitUntil(lambda: dashboard.figures.tiles["pairs"].number == "4")
    assert dashboard.refreshes == before + 1
    pid = dashboard.current.pairs.pair_ids[-1]  # type: ignore[union-attr]
    for day in (1, 2, 3):  # three events in one burst: one read
        ws.sessions.add(pid, ws.sessions.sessions(1)[0].starts_at.replace(day=day))
    qtbot.waitUntil(lambda: "of 10 " in dashboard.figures.tiles["held"].detail)
    assert dashboard.refreshes == before + 2
    qtbot.wait(20)
    assert dashboard.refreshes == before + 2  # and nothing after it


def test_privacy_switch_is_one_undo_step(dashboard: DashboardView) -> None:
    ws, stack = dashboard.ws, dashboard.undo_stack
    p1 = dashboard.current.pairs.pair_ids[0]  # type: ignore[union-attr]
    dashboard.set_pair_private(p1, True)
    assert next(p.private for p in ws.reports.pair_records(dashboard.cohort)) is True
    stack.undo()
    assert next(p.private for p in ws.reports.pair_records(dashboard.cohort)) is False


def test_empty_states_say_what_to_do(workspace: Workspace, qtbot: QtBot) -> None:
    view = DashboardView(workspace, QUndoStack(), WorkspaceSignals(workspace))
    qtbot.addWidget(view)
    assert view.pages.currentIndex() == 0 and "Create a cohort" in view.empty.text()
    assert not view.report_button.isEnabled()
    cohort = workspace.cohorts.create_cohort("Autumn")
    view.set_cohort(cohort)
    assert "No pairs in Autumn yet" in view.empty.text()
    assert "Pairing board" in view.empty.text()


def test_export_report_and_announce_through_the_seams(
    dashboard: DashboardView, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "sessions.xlsx"
    monkeypatch.setattr(
        dashboard_view.ExportDialog,
        "ask",
        classmethod(lambda cls, *a: ExportChoice("sessions", out)),
    )
    with qtbot.waitSignal(dashboard.message) as said:
        dashboard.export()
    assert out.exists() and "9 rows" in said.args[0]

    report = tmp_path / "report.pdf"
    monkeypatch.setattr(dashboard_view.ReportDialog, "ask", classmethod(lambda cls, *a: report))
    with qtbot.waitSignal(dashboard.message, timeout=20000) as said:
        dashboard.outcomes_report()
    assert report.exists() and "outcomes report" in said.args[0]

    folder = tmp_path / "announce"
    monkeypatch.setattr(dashboard_view.AnnounceDialog, "ask", classmethod(lambda cls, *a: folder))
    with qtbot.waitSignal(dashboard.message, timeout=20000) as said:
        dashboard.announce()
    assert len(list(folder.glob("*.eml"))) == 3 and "3 e-mail drafts" in said.args[0]


def test_bar_labels_stay_whole_in_a_narrow_column(qtbot: QtBot) -> None:
    """At 1024 pixels a bar list is about 215 wide: "No agreement yet" was cut, while the
    numbers kept room for five digits."""
    from PySide6.QtWidgets import QWidget

    from rmdesk.ui.dashboard.charts import bar_columns

    widget = QWidget()
    qtbot.addWidget(widget)
    fm = widget.fontMetrics()
    labels = ["No agreement yet", "Draft", "To be signed"]
    label_w, number_w = bar_columns(fm, labels, 12, 215)
    assert label_w >= fm.horizontalAdvance("No agreement yet") + 6  # whole, with its margin
    assert number_w < fm.horizontalAdvance("00000")
    assert bar_columns(fm, ["x" * 200], 3, 215)[0] <= 129  # never more than 3/5 of the width
