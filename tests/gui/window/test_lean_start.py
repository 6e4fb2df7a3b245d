"""A big roster is read after the window paints: the window is built without reading it, says
it is loading, then shows everyone; the board makes its lists when first shown."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget
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
    monkeypatch.setattr("rmdesk.ui.pairing.board_candidates.BACKGROUND_FROM", 100)


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
    board = window.pairing_board
    # the board is shown: its candidates are made by a worker once the roster is read
    qtbot.waitUntil(lambda: board.roster_model.rowCount() > 0, timeout=20_000)
    assert board.roster_model.rowCount() == sum(
        1 for e in window.workspace.roster.employees().values() if e.active
    )


def test_a_big_rosters_candidates_are_made_off_the_gui_thread(
    qtbot: QtBot, tmp_path: Path, big: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 100k people the board's candidate lists took 1.5 s on the GUI thread when it was
    shown: a worker makes them now; an older worker's lists, overtaken, are dropped."""
    from rmdesk.ui.roster import model as roster_model

    db = tmp_path / "w.db"
    ws = Workspace.open(db)
    ws.roster.import_roster(SAMPLE)
    ws.close()
    made_on: list[bool] = []
    real_load = roster_model.load

    def load(*args: object, **kwargs: object) -> object:
        made_on.append(threading.current_thread() is threading.main_thread())
        return real_load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("rmdesk.ui.roster.loader.load", load)
    window = build_window(db)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitSignal(window.roster_ready, timeout=20_000).wait()
    board = window.pairing_board
    with qtbot.waitSignal(board.candidates_ready, timeout=20_000):
        window.show_view("pairing")
        assert board.roster_table.empty_text == "Listing the roster…"
    assert board.roster_model.rowCount() == 198 and made_on and not any(made_on)
    board.reload_roster()  # the roster changed: a worker makes the lists again
    first = board._candidates
    assert first is not None and board.roster_model.rowCount() == 0  # never the old list
    board.reload_roster()  # and changed again before it was done: the first is overtaken
    assert board._candidates is not first
    board._candidates_made(first, roster_model.load([], None))
    assert board.roster_table.empty_text == "Listing the roster…"  # its lists were dropped
    qtbot.waitUntil(lambda: board.roster_model.rowCount() == 198, timeout=20_000)


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


def test_the_window_is_on_screen_before_its_file_opens_then_fills_in_place(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """``rmdesk`` shows the main window itself at once, naming the file, and builds its
    views in it once the file is open: one window, never a stand-in that another replaces."""
    db = tmp_path / "rmdesk.db"
    window = MainWindow.opening(db)
    qtbot.addWidget(window)
    assert window.isVisible() and window.objectName() == "mainWindow"
    assert window.windowTitle() == "rmdesk.db — rmdesk" and not window.populated
    label = window.centralWidget()
    assert isinstance(label, QLabel) and str(db) in label.text()
    assert window.findChild(QWidget, "rosterView") is None
    window.populate(Workspace.open(db))
    assert window.populated and window.isVisible()
    for name in ("dashboard", "rosterView", "pairingBoard", "agreementEditor", "sessionsView"):
        assert window.findChild(QWidget, name) is not None, name
    assert window.pages.currentWidget() is window.first_run  # an empty file: the welcome
    window.close()
    window.workspace.close()


def test_closing_the_window_while_its_file_opens_is_clean(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow.opening(tmp_path / "rmdesk.db")
    qtbot.addWidget(window)
    window.close()
    assert not window.isVisible()


def test_the_main_window_module_paints_without_the_database_code() -> None:
    """What the window imports before it paints: Qt and light modules, never sqlite-utils,
    the workspace or a view (a fresh process, so nothing was imported before)."""
    import subprocess
    import sys

    code = (
        "import sys; import rmdesk.ui.main_window;"
        "heavy = [m for m in sys.modules if m == 'sqlite_utils' or m.startswith("
        "('rmdesk.workspace', 'rmdesk.storage', 'rmdesk.ui.pairing', 'rmdesk.ui.dashboard',"
        " 'rmdesk.ui.sessions', 'rmdesk.ui.agreements', 'rmdesk.ui.roster.view'))];"
        "print(sorted(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


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


def test_run_fills_the_window_it_showed_first(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rmdesk` as the officer starts it: the window shown at once is the one populated."""
    from PySide6.QtWidgets import QApplication

    from rmdesk import app as app_module

    shown: list[MainWindow] = []
    real_opening = MainWindow.opening.__func__  # type: ignore[attr-defined]

    def opening(cls: type[MainWindow], path: Path) -> MainWindow:
        window = real_opening(cls, path)
        assert not window.populated and window.isVisible()  # painted before the file opened
        shown.append(window)
        return window

    monkeypatch.setattr(MainWindow, "opening", classmethod(opening))
    monkeypatch.setattr(QApplication, "exec", lambda *_: 0)
    monkeypatch.setattr("rmdesk.ui.common.crash.install_excepthook", lambda: None)
    db = tmp_path / "w.db"
    assert app_module.run(db) == 0
    (window,) = shown
    qtbot.addWidget(window)
    assert window.populated and window.workspace.path == db
    window.close()
    window.workspace.close()


def test_run_says_why_a_file_cannot_open_and_closes_its_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from rmdesk import app as app_module

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(QApplication, "exec", lambda *_: 0)
    monkeypatch.setattr("rmdesk.ui.common.crash.install_excepthook", lambda: None)
    folder = tmp_path / "not-a-file.db"
    folder.mkdir()
    assert app_module.run(folder) == 1
    assert said and "folder" in said[0]
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow"
                and w.isVisible()]  # fmt: skip


def test_build_window_paints_the_window_before_it_opens_the_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """build_window takes the path `rmdesk` takes: the window is on screen, naming its file,
    before the file is opened; then its views are built in it."""
    from PySide6.QtWidgets import QApplication

    from rmdesk import app as app_module

    seen: list[tuple[bool, str]] = []
    real_open = app_module.open_workspace

    def open_workspace(path: Path) -> Workspace:
        (window,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
                     and not w.populated and w.isVisible()]  # fmt: skip
        label = window.centralWidget()
        seen.append((window.isVisible(), label.text() if isinstance(label, QLabel) else ""))
        return real_open(path)

    monkeypatch.setattr(app_module, "open_workspace", open_workspace)
    db = tmp_path / "w.db"
    window = build_window(db)
    qtbot.addWidget(window)
    assert seen == [(True, f"Opening {db}…")]
    assert window.populated and window.findChild(QWidget, "pairingBoard") is not None
    window.close()
    window.workspace.close()


def test_build_window_closes_its_window_when_the_file_cannot_open(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    from rmdesk.errors import StorageError

    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    with pytest.raises(StorageError):
        build_window(folder)
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible() and not w.populated]  # fmt: skip


OPEN_AND_LIST = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from rmdesk.app import build_window
window = build_window(sys.argv[1])
for key in ("dashboard", "roster", "pairing", "agreements", "sessions"):
    window.show_view(key)
    app.processEvents()
heavy = ("reportlab", "pypdf", "xlsxwriter", "fontTools", "numpy", "scipy", "python_calamine")
print(sorted(m for m in heavy if m in sys.modules), flush=True)
"""


def test_opening_the_window_loads_no_pdf_spreadsheet_or_maths_library(tmp_path: Path) -> None:
    """PDF, spreadsheet and assignment libraries load when an export, a print or a
    suggestion needs them, never to open the window and look at its views."""
    import os
    import subprocess
    import sys

    from tests.unit.report_cohort import build

    db = tmp_path / "w.db"
    ws = Workspace.open(db)
    build(ws, tmp_path)  # a cohort with pairs, agreements (one signed), sessions and actions
    ws.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", OPEN_AND_LIST, str(db)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_run_lets_the_file_go_when_building_the_window_fails(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A storage error while the views are built (a full disk at the first write) is told as
    one opening the file is; the window closes and the file's lock is released."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from rmdesk import app as app_module
    from rmdesk.errors import StorageError
    from rmdesk.workspace import writer_lock

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(QApplication, "exec", lambda *_: 0)
    monkeypatch.setattr("rmdesk.ui.common.crash.install_excepthook", lambda: None)

    def failing(self: MainWindow, workspace: Workspace) -> None:
        raise StorageError("the disk is full")

    monkeypatch.setattr(MainWindow, "populate", failing)
    db = tmp_path / "w.db"
    assert app_module.run(db) == 1
    assert said == ["the disk is full"]
    assert writer_lock.WriterLock(db).path not in writer_lock._HELD
    assert not writer_lock.lock_path(db.resolve()).exists()  # nobody holds the file now


def test_a_roster_read_reaching_a_window_that_failed_to_build_is_dropped(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The read begins first in populate: when building the views then fails, its result
    must not reach the half-built window (it raised AttributeError over the error message)."""
    window = MainWindow.opening(tmp_path / "w.db")
    qtbot.addWidget(window)
    window._roster_read({}, None)  # nothing to show it in: dropped without a word
    assert not window.populated
    window.close()
