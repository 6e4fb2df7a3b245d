"""A big roster is read after the window paints: the window is built without reading it, says
it is loading, then shows everyone; the board makes its lists when first shown."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from rmdesk.app import build_window
from rmdesk.ui.main_window import MainWindow
from rmdesk.workspace import Workspace
from rmdesk.workspace.roster import RosterService
from tests.conftest import SAMPLE


@pytest.fixture
def big(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample's 198 people count as a big roster here."""
    monkeypatch.setattr("rmdesk.ui.main_window.BACKGROUND_FROM", 100)
    monkeypatch.setattr("rmdesk.ui.pairing.board.BACKGROUND_FROM", 100)


def test_the_window_paints_before_it_reads_a_big_roster(
    qtbot: QtBot, tmp_path: Path, big: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "w.db"
    ws = Workspace.open(db)
    ws.roster.import_roster(SAMPLE)
    ws.cohorts.create_cohort("Spring")
    ws.close()
    reads: list[str] = []
    real = RosterService.employees

    def counted(self: RosterService) -> object:
        if self._employees is None and threading.current_thread() is threading.main_thread():
            reads.append("read")  # a read on the GUI thread
        return real(self)

    monkeypatch.setattr(RosterService, "employees", counted)
    from rmdesk.ui.common.settings import Settings

    Settings().view = "pairing"  # the board, which needs everybody, was open last time
    window = build_window(db)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert reads == []  # built without reading the roster on the GUI thread
    assert window.roster_page.loading and window.roster_page.model.rowCount() == 0
    assert "Loading" in window.roster_page.count.text()
    with qtbot.waitSignal(window.roster_ready, timeout=20_000):
        window.show()
    assert reads == []  # the worker read it on its own connection; the window adopted it
    assert window.roster_page.model.rowCount() == 198
    assert not window.roster_page.loading
    assert window.pages.currentWidget() is window.pairing_board
    assert window.pairing_board.roster_model.rowCount() > 0  # made once the roster was read


def test_a_small_roster_is_read_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    ws = Workspace.open(db)
    ws.roster.import_roster(SAMPLE)
    ws.close()
    window = build_window(db)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.roster_page.model.rowCount() == 198 and not window.roster_page.loading


def test_the_roster_shows_before_its_search_texts_and_searches_at_any_time(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A big roster is shown as soon as it is read and sorted; the folded search texts come
    after. A search typed before they come still finds the right people."""
    from rmdesk.ui.roster.model import RosterModel, load, searchable

    ws = Workspace.open(tmp_path / "w.db")
    ws.roster.import_roster(SAMPLE)
    people = list(ws.roster.employees().values())
    ws.close()
    model = RosterModel()
    loaded = load(people, None, search=False)
    model.install(loaded)
    assert model.rowCount() == 198 and not model.searchable
    model.set_filter("krakow")  # before the texts come: made here, accents folded
    early = model.rowCount()
    assert early > 0 and model.searchable
    late = RosterModel()
    late.install(load(people, None, search=False))
    assert late.install_search(searchable(loaded)) is False  # another roster object: refused
    late2 = RosterModel()
    second = load(people, None, search=False)
    late2.install(second)
    assert late2.install_search(searchable(second)) and late2.searchable
    late2.set_filter("krakow")
    assert late2.rowCount() == early


def test_the_opening_frame_names_the_file_and_paints_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    from rmdesk.app import opening_frame

    frame = opening_frame(tmp_path / "rmdesk.db")
    qtbot.addWidget(frame)
    assert frame.isVisible() and frame.windowTitle() == "rmdesk.db — rmdesk"
    assert str(tmp_path / "rmdesk.db") in frame.centralWidget().text()  # type: ignore[attr-defined]


def test_a_change_during_the_background_read_wins_over_it(
    qtbot: QtBot, tmp_path: Path, big: None
) -> None:
    """An import landing while the roster is read in the background: the read, begun before,
    is dropped, and the window shows the roster as it is now."""
    from rmdesk.workspace.events import RosterChanged

    db = tmp_path / "w.db"
    ws = Workspace.open(db)
    ws.roster.import_roster(SAMPLE)
    ws.close()
    window = build_window(db)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    stale = {"E1001": window.workspace.roster.employee("E1001")}  # as if read before
    window._reading = True
    window.workspace.store.emit(RosterChanged(None))  # an import landed meanwhile
    window._roster_read(stale, None)
    assert window.workspace.roster.count() == 198  # the old read was not adopted
    assert window.roster_page.model.rowCount() == 198


EXIT_AT_ONCE = """
import sys
from PySide6.QtWidgets import QApplication
import rmdesk.ui.main_window
rmdesk.ui.main_window.BACKGROUND_FROM = 100
import time
from rmdesk.workspace.roster import RosterService
real = RosterService.employees
def slow(self):
    time.sleep(1.0)  # the window closes, and the script ends, while the worker still reads
    return real(self)
RosterService.employees = slow
from rmdesk.app import build_window
app = QApplication([])
window = build_window(sys.argv[1])
window.show()
from PySide6.QtTest import QTest
QTest.qWait(200)  # the read has begun
print("ending", flush=True)  # the window goes with the script's globals, the read still on
"""


def test_a_script_ending_while_the_roster_is_read_exits_cleanly(tmp_path: Path) -> None:
    """Qt aborts a process whose QThread is destroyed running; the read is waited for."""
    import os
    import subprocess
    import sys

    db = tmp_path / "w.db"
    ws = Workspace.open(db)
    ws.roster.import_roster(SAMPLE)
    ws.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}  # the test's config and data homes
    done = subprocess.run(
        [sys.executable, "-c", EXIT_AT_ONCE, str(db)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "ending" in done.stdout
    assert "Destroyed while thread" not in done.stderr
