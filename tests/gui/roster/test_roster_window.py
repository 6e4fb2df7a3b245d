"""The main window and the roster view: drops, the import dialog seam, filtering, first run."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTableView, QWidget

from rmdesk.app import build_window
from rmdesk.ui.roster.import_dialog import ImportChoice, ImportDialog
from rmdesk.ui.roster.model import RosterModel
from tests.conftest import SAMPLE
from tests.gui.drags import enter

HEADER = "Employee ID,Name,Department,Manager ID,Grade\n"


@pytest.fixture
def window(qtbot, db_path: Path):  # type: ignore[no-untyped-def]
    w = build_window(db_path)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    yield w
    w.close()
    w.workspace.close()


def _drop_file(target: QWidget, path: Path) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPointF(target.rect().center())
    enter(target, mime, pos.toPoint())  # a real drag enters before it drops
    drop = QDropEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, drop)
    return drop


def _accept_dialog(
    monkeypatch: pytest.MonkeyPatch, seen: list[object], partial: bool = False
) -> None:
    def ask(cls, parent, ws, plan):  # type: ignore[no-untyped-def]
        seen.append(plan)
        if partial:
            plan = ws.roster.prepare_import(plan.source, None, None, partial=True, table=plan.table)
        return ImportChoice(plan, plan.mapping_names(), partial)

    monkeypatch.setattr(ImportDialog, "ask", classmethod(ask))


def test_build_window_names_the_views(window: QMainWindow) -> None:
    assert isinstance(window, QMainWindow)
    assert isinstance(window.findChild(QTableView, "rosterView"), QTableView)
    assert window.findChild(QWidget, "pairingBoard") is not None
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus[:2] == ["File", "Edit"] and "View" in menus and menus[-1] == "Help"


def test_first_run_offers_the_sample(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.pages.currentWidget() is window.first_run
    opened: list[object] = []
    window.workspace_opened.connect(opened.append)
    window.first_run.sample.click()
    (sample,) = opened
    qtbot.addWidget(sample)
    try:
        qtbot.waitUntil(lambda: sample.pages.currentWidget() is sample.dashboard, timeout=20000)
        cohort = sample.current_cohort()
        assert cohort is not None and sample.workspace.cohorts.participants(cohort)
        assert len(sample.workspace.roster.employees()) == 198
        # a programme under way: pairs, agreements and sessions to look at, people to pair
        ws = sample.workspace
        pairs = ws.pairing.pair_list(cohort)
        assert len(pairs) == 8
        assert any(s.kind == "signed" for s in ws.agreements.states(cohort).values())
        held = [s for p in pairs for s in ws.sessions.sessions(p.id) if s.status == "held"]
        assert held and all(s.starts_at <= datetime.now(UTC) for s in held)
        assert ws.pairing.suggest(cohort).proposals  # and people still waiting to be paired
    finally:
        sample.close()
        sample.workspace.close()


def test_empty_workspace_shows_only_the_welcome(window) -> None:  # type: ignore[no-untyped-def]
    """No view, no cohort to pick, until there is a roster; then the sample is off."""
    assert not window.sidebar.isEnabled()
    assert not window.cohort_picker.isEnabled()
    assert window.cohort_picker.currentText() == ""
    assert window.act_sample.isEnabled()
    # the welcome page has the window to itself, every line of it shown
    assert not window.sidebar.isVisible()
    assert not window.search.isEnabled() and not window.act_new_cohort.isEnabled()
    for label in window.first_run.findChildren(QLabel):
        assert label.height() >= label.heightForWidth(label.width()), label.text()[:40]
    window.workspace.roster.import_roster(SAMPLE)
    assert window.sidebar.isEnabled()
    assert window.sidebar.isVisible() and window.search.isEnabled()
    assert window.act_new_cohort.isEnabled()
    assert window.pages.currentWidget() is not window.first_run
    # the sample opens in a file of its own, so it stays on offer over a real roster
    assert window.act_sample.isEnabled()


def test_dropping_a_file_on_the_roster_imports_it(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen: list[object] = []
    _accept_dialog(monkeypatch, seen)
    viewport = window.findChild(QTableView, "rosterView").viewport()
    with qtbot.waitSignal(window.import_finished, timeout=20000) as done:
        drop = _drop_file(viewport, SAMPLE)
    assert drop.isAccepted()
    assert seen and done.args[0].added == 198
    model = window.roster_page.model
    qtbot.waitUntil(lambda: model.rowCount() == 198)
    assert (
        "198 people" in window.statusBar().currentMessage()
        or "198 added" in window.statusBar().currentMessage()
    )


def test_a_new_workspace_opens_on_the_roster_whatever_was_open_last(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The welcome page stands for the roster: a view saved from another workspace (the
    pairing board) must not show as selected over it."""
    from rmdesk.ui.common.settings import Settings

    Settings().view = "pairing"
    w = build_window(tmp_path / "new.db")
    qtbot.addWidget(w)
    w.show()
    try:
        assert w.pages.currentWidget() is w.first_run
        assert w.sidebar.currentItem().data(Qt.ItemDataRole.UserRole) == "roster"
    finally:
        w.close()
        w.workspace.close()


def test_drop_on_the_first_run_page_too(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _accept_dialog(monkeypatch, [])
    with qtbot.waitSignal(window.import_finished, timeout=20000):
        _drop_file(window.first_run, SAMPLE)
    assert len(window.workspace.roster.employees()) == 198


def test_cancelling_the_dialog_writes_nothing(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(ImportDialog, "ask", classmethod(lambda cls, *a: None))
    with qtbot.waitSignal(window.import_finished, timeout=20000) as done:
        window.import_file(SAMPLE)
    assert done.args[0] is None
    assert window.workspace.roster.employees() == {}
    assert "nothing was changed" in window.statusBar().currentMessage()


def test_mapping_dialog_maps_an_unknown_header(qtbot, workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "odd.csv"
    path.write_text("Staff Ref,Name,Boss Ref\nA1,Ann Lee,\nB2,Bo Chan,A1\n", encoding="utf-8")
    plan = workspace.roster.prepare_import(path)
    assert plan.errors  # no id column, no manager placed
    dialog = ImportDialog(workspace, plan)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert "Staff Ref" in dialog.unplaced.text()
    dialog.combos["employee_id"].setCurrentIndex(dialog.combos["employee_id"].findData("Staff Ref"))
    dialog.combos["manager_id"].setCurrentIndex(dialog.combos["manager_id"].findData("Boss Ref"))
    assert not dialog.plan.errors
    assert dialog.import_button.isEnabled()
    assert dialog.preview.rowCount() == 2
    assert dialog.preview.item(1, 0).text() == "B2"
    report = workspace.roster.apply_import(dialog.plan)
    assert report.added == 2
    assert workspace.roster.employee("B2").manager_id == "A1"


def test_dialog_remap_keeps_every_status_column(qtbot, workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """BambooHR writes 'Employment Status: Full-Time' beside 'Status: Inactive'; a change to
    another field in the dialog must not drop the second status column."""
    path = tmp_path / "bamboo.csv"
    path.write_text(
        "Employee #,Name,Reporting to,Employment Status,Status,Office\n"
        "1,Ann Lee,,Full-Time,Active,Oslo\n"
        "2,Bo Chan,Ann Lee,Full-Time,Inactive,Lima\n"
        "Total: 2\n",
        encoding="utf-8",
    )
    dialog = ImportDialog(workspace, workspace.roster.prepare_import(path))
    qtbot.addWidget(dialog)
    assert "(1 of them listed as having left)" in dialog.summary.text()
    texts = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert "row 4: skipped 'Total: 2': a report line, not a person" in texts
    dialog.combos["location"].setCurrentIndex(dialog.combos["location"].findData(""))
    assert dialog.mapping() == {"location": ""}
    assert "(1 of them listed as having left)" in dialog.summary.text()
    workspace.roster.apply_import(dialog.plan)
    assert [e.active for e in workspace.roster.roster()] == [True, False]
    assert workspace.roster.employee("1").location is None


def test_dialog_lists_problems_with_row_and_column(qtbot, workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "1,Ann,HR,,7\n2,Bo,IT,X99,3\n", encoding="utf-8")
    dialog = ImportDialog(workspace, workspace.roster.prepare_import(path))
    qtbot.addWidget(dialog)
    texts = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert "row 3, column 'Manager ID': unknown manager 'X99'" in texts
    assert not dialog.import_button.isEnabled()


def test_dialog_asks_about_missing_people(qtbot, workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    workspace.roster.import_roster(SAMPLE)
    path = tmp_path / "part.csv"
    path.write_text(HEADER + "E1002,Thị Hoa Phạm,Office of the CEO,,12\n", encoding="utf-8")
    dialog = ImportDialog(workspace, workspace.roster.prepare_import(path))
    qtbot.addWidget(dialog)
    assert not dialog.partial.isHidden()
    assert "197" in dialog.partial.text()
    assert "197 marked as left" in dialog.summary.text()
    dialog.partial.setChecked(True)
    assert dialog.plan.partial and dialog.plan.deactivated == 0
    assert "marked as left" not in dialog.summary.text()


def test_roster_model_passes_the_model_tester(qtmodeltester, workspace) -> None:  # type: ignore[no-untyped-def]
    workspace.roster.import_roster(SAMPLE)
    model = RosterModel()
    model.set_people(list(workspace.roster.employees().values()))
    qtmodeltester.check(model, force_py=True)
    model.set_filter("finance")
    qtmodeltester.check(model, force_py=True)


def test_search_filters_as_you_type_and_sorts(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.workspace.roster.import_roster(SAMPLE)
    page = window.roster_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 198)
    page.search.setText("treasury")
    shown = page.model.rowCount()
    assert 0 < shown < 198
    assert all(
        "treasury" in " ".join(str(v) for v in page.model.employee_at(r).as_dict().values()).lower()
        for r in range(shown)
    )
    page.search.setText("")
    assert page.model.rowCount() == 198
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    ids = [page.model.employee_at(r).employee_id for r in range(3)]
    assert ids == sorted(ids, reverse=True) and ids[0] == "E1198"


def test_inactive_people_are_greyed_and_say_so(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = window.workspace
    ws.roster.import_roster(SAMPLE)
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    smaller = tmp_path / "smaller.csv"
    smaller.write_text(
        "\n".join(line for line in lines if not line.startswith("E1198,")), encoding="utf-8"
    )
    assert ws.roster.import_roster(smaller).deactivated == 1
    model = window.roster_page.model
    window.roster_page.search.setText("E1198")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    status = model.index(0, model.columnCount() - 1)
    assert model.data(status) == "Left"
    assert model.data(status, Qt.ItemDataRole.ForegroundRole) is not None


def test_reporting_line_shows_chain_and_reports(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.workspace.roster.import_roster(SAMPLE)
    page = window.roster_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 198)
    page.select_person("E1100")
    rows = page.panel.items()  # the tree, top down: the top of the organisation first
    texts = [r.text(0) for r in rows]
    assert "E1002" in texts[0] and "E1071" in texts[-2] and "E1100" in texts[-1]
    assert rows[-1].parent() is rows[-2]  # Mehta sits under Liu, a tree and not text
    page.select_person("E1046")
    me = next(r for r in page.panel.items() if "E1046" in r.text(0))
    reports = [me.child(k).text(0) for k in range(me.childCount())]
    assert any("E1071" in r for r in reports)


def test_a_cancelled_import_leaves_the_database_as_it_was(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _accept_dialog(monkeypatch, [])
    import rmdesk.ui.roster.import_controller as mw

    real = mw.Task

    class CancelFirst(real):  # type: ignore[misc, valid-type]
        def start(self) -> None:
            self.cancel()
            super().start()

    monkeypatch.setattr(mw, "Task", CancelFirst)
    with qtbot.waitSignal(window.import_finished, timeout=20000) as done:
        window.import_file(SAMPLE)
    assert done.args[0] is None
    assert window.workspace.roster.employees() == {}
    assert window.workspace.roster.imports() == []


def test_window_geometry_and_folder_persist(qtbot, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = build_window(db_path)
    qtbot.addWidget(w)
    w.resize(701, 501)
    w.settings.last_folder = str(tmp_path)
    w.close()
    w.workspace.close()
    again = build_window(db_path)
    qtbot.addWidget(again)
    assert again.size().width() == 701
    assert again.settings.last_folder == str(tmp_path)
    again.close()
    again.workspace.close()


def test_the_window_takes_no_edits_while_an_import_runs(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The worker writes the file on its own connection: an edit meanwhile would wait for
    its transaction, and the window would freeze."""
    import threading

    from rmdesk.workspace.roster import RosterService

    _accept_dialog(monkeypatch, [])
    release = threading.Event()
    real = RosterService.prepare_import

    def slow_prepare(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(RosterService, "prepare_import", slow_prepare)
    with qtbot.waitSignal(window.import_finished, timeout=20000) as done:
        window.import_file(SAMPLE)
        assert not window.centralWidget().isEnabled()
        assert not window.menuBar().isEnabled() and not window.toolbar.isEnabled()
        release.set()
    assert done.args[0] is not None
    assert window.centralWidget().isEnabled() and window.menuBar().isEnabled()


def test_preview_shows_only_the_fields_the_file_fills(qtbot, workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "thin.csv"
    path.write_text(HEADER + "1,Ann,HR,,7\n2,Bo,IT,1,3\n", encoding="utf-8")
    dialog = ImportDialog(workspace, workspace.roster.prepare_import(path))
    qtbot.addWidget(dialog)
    shown = [
        dialog.preview.horizontalHeaderItem(c).text()
        for c in range(dialog.preview.columnCount())
        if not dialog.preview.isColumnHidden(c)
    ]
    assert shown == ["Employee ID", "Name", "Department", "Grade", "Manager"]


def test_the_new_roster_is_read_off_the_gui_thread(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """At 100k people, reading the roster back and making the view's lists took a second on
    the GUI thread: the worker does both now, on its own connection, and the window takes
    them once, after the job: its workspace adopts the people, its view the lists."""
    import threading

    from rmdesk.workspace.roster import RosterService

    _accept_dialog(monkeypatch, [])
    ws, model = window.workspace, window.roster_page.model
    gui = threading.get_ident()
    reads: list[bool] = []
    prepared: list[bool] = []
    installed: list[int] = []
    real_employees = RosterService.employees
    real_prepare, real_install = model.prepare, model.install

    def employees(self):  # type: ignore[no-untyped-def]
        if self._employees is None:  # a read from the database, not from the cache
            reads.append(threading.get_ident() == gui)
        return real_employees(self)

    def prepare(people):  # type: ignore[no-untyped-def]
        prepared.append(threading.get_ident() == gui)
        return real_prepare(people)

    def install(loaded):  # type: ignore[no-untyped-def]
        installed.append(len(loaded.people))
        return real_install(loaded)

    monkeypatch.setattr(RosterService, "employees", employees)
    monkeypatch.setattr(model, "prepare", prepare)
    monkeypatch.setattr(model, "install", install)
    with qtbot.waitSignal(window.import_finished, timeout=20000):
        window.import_file(SAMPLE)
    assert reads and True not in reads and prepared == [False]  # by the worker only
    assert installed == [198]
    assert model.rowCount() == 198
    assert ws.roster._employees is not None and len(ws.roster._employees) == 198  # adopted


def test_the_pairing_candidates_wait_until_the_board_is_shown(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _accept_dialog(monkeypatch, [])
    board = window.pairing_board
    with qtbot.waitSignal(window.import_finished, timeout=20000):
        window.import_file(SAMPLE)
    assert not board.isVisible() and board.roster_model.rowCount() == 0
    window.show_view("pairing")
    qtbot.waitUntil(lambda: board.roster_model.rowCount() == 198)


@pytest.mark.parametrize(
    "text", ["Märta", "Zoë", "ÅSA", "Nguyễn Thị Hoa", "Ødegård", "Łukasz", "한국어", "山田",
             "Ｆｕｌｌ", "naïve café", "plain", ""],
)  # fmt: skip
def test_fold_is_the_accent_and_case_blind_text(text: str) -> None:
    import unicodedata

    from rmdesk.ui.roster.model import fold

    slow = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).casefold()
    slow = slow.translate(str.maketrans({"ø": "o", "ł": "l"}))  # no mark to drop, yet plain
    assert fold(text) == slow


def test_the_import_writes_on_a_connection_of_its_own(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The window's connection is never used from the worker's thread: the worker writes on
    its own, and the window hears of the change once, on the GUI thread."""
    import threading

    from rmdesk.workspace.events import Event, RosterChanged
    from rmdesk.workspace.roster import RosterService

    _accept_dialog(monkeypatch, [])
    ws = window.workspace
    gui = threading.get_ident()
    writes: list[tuple[bool, bool]] = []
    real = RosterService.apply_import

    def apply_import(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        writes.append((self.db.conn is ws.db.conn, threading.get_ident() == gui))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(RosterService, "apply_import", apply_import)
    heard: list[tuple[Event, bool]] = []
    ws.subscribe(lambda e: heard.append((e, threading.get_ident() == gui)))
    with qtbot.waitSignal(window.import_finished, timeout=20000) as done:
        window.import_file(SAMPLE)
    report = done.args[0]
    assert writes == [(False, False)]  # another connection, another thread
    assert heard == [(RosterChanged(report.import_id), True)]  # once, on the GUI thread
    assert window.roster_page.model.rowCount() == 198
    assert window.importer.last_report is report and window.last_report is report


def test_a_window_over_a_database_in_memory_imports_too(qtbot) -> None:  # type: ignore[no-untyped-def]
    """No file, so no second connection: the worker shares the only one, the window being
    closed to edits meanwhile."""
    from rmdesk.ui.main_window import MainWindow
    from rmdesk.workspace import Workspace

    window = MainWindow(Workspace.in_memory())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.import_finished, timeout=20000) as done:
        window.import_file(SAMPLE, ask=False)
    assert done.args[0] is not None
    qtbot.waitUntil(lambda: window.roster_page.model.rowCount() == 198)
    assert window.centralWidget().isEnabled()
    assert window._next_roster is None  # the lists the job made were taken, not left over
    window.close()


@given(
    st.lists(st.one_of(st.none(), st.just(""), st.text(max_size=6)), max_size=40),
    st.booleans(),
)
def test_texts_sort_as_their_key_tuples_would(values: list[str | None], descending: bool) -> None:
    """The fast text order (no key tuple per person) is the order the keys give, ties and
    empty cells included."""
    from rmdesk.ui.roster.model import _order_by_text, _sort_key

    keys = [_sort_key(v) for v in values]
    expected = sorted(range(len(values)), key=keys.__getitem__, reverse=descending)
    assert _order_by_text(values, descending) == expected


def test_closing_while_an_import_is_read_cancels_it(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Closing while the file was still read went on to ask about it, and wrote it."""
    import threading

    from rmdesk.workspace.roster import RosterService

    asked: list[object] = []
    _accept_dialog(monkeypatch, asked)
    release = threading.Event()
    real = RosterService.prepare_import

    def slow_prepare(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(RosterService, "prepare_import", slow_prepare)
    window.import_file(SAMPLE)
    window.close()
    assert window.isVisible()  # until the read has stopped
    with qtbot.waitSignal(window.import_finished, timeout=20000) as done:
        release.set()
    assert done.args[0] is None and asked == []  # nothing asked, nothing written
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.workspace.roster.count() == 0


def test_closing_while_an_import_is_written_waits_for_it(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A write under way is finished, then the window closes: it says so meanwhile."""
    import threading

    from rmdesk.workspace.roster import RosterService

    _accept_dialog(monkeypatch, [])
    writing, release = threading.Event(), threading.Event()
    real = RosterService.apply_import

    def slow_apply(*args, **kwargs):  # type: ignore[no-untyped-def]
        writing.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(RosterService, "apply_import", slow_apply)
    window.import_file(SAMPLE)
    qtbot.waitUntil(writing.is_set, timeout=20000)
    window.close()
    assert window.isVisible()
    assert "closes when the import has finished" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.import_finished, timeout=20000) as done:
        release.set()
    assert done.args[0] is not None
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.workspace.roster.count() == 198


def test_a_partial_file_naming_managers_it_lacks_points_to_the_box(  # type: ignore[no-untyped-def]
    qtbot, workspace, tmp_path
) -> None:
    """A team's export names its manager, who is on the roster but not in the file: the
    error says where the remedy is, and ticking the box clears it."""
    workspace.roster.import_roster(SAMPLE)
    path = tmp_path / "team.csv"
    path.write_text(HEADER + "E1050,Ana Team,Sales,E1002,3\n", encoding="utf-8")
    dialog = ImportDialog(workspace, workspace.roster.prepare_import(path))
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert "tick the box below" in dialog.summary.text()
    dialog.partial.setChecked(True)
    assert dialog.import_button.isEnabled() and "tick the box" not in dialog.summary.text()


def test_import_warnings_dialog_lists_them_and_closes(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    from rmdesk.errors import Problem
    from rmdesk.ui.roster.import_warnings import ImportWarningsDialog
    from rmdesk.workspace import ImportReport

    warned = [Problem("malformed email 'x@'", 3, "Email", "warning")]
    report = ImportReport("hr.csv", 1, 0, 0, 0, warned, True)
    dialog = ImportWarningsDialog(report)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and "row 3" in dialog.list.item(0).text()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None  # a way out besides the title bar
    buttons.button(QDialogButtonBox.StandardButton.Close).click()
    assert dialog.result() == 0 and not dialog.isVisible()
