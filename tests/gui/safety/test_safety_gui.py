"""The File menu's safety actions (backup, restore, erase, audit log) and the confirmation a
GUI re-import asks before it marks people as having left (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QMessageBox, QWidget

from rmdesk.app import build_window
from rmdesk.storage import check_rmdesk_file, open_read_only
from rmdesk.ui.common.signals import WorkspaceSignals
from rmdesk.ui.roster.import_dialog import ImportChoice, ImportDialog
from rmdesk.ui.safety import (
    BackupTarget,
    ConfirmDeactivation,
    ConfirmRestore,
    EraseChoice,
    EraseDialog,
    ErasureDone,
    RestoreDialog,
    SafetyActions,
)
from rmdesk.workspace import Workspace
from rmdesk.workspace.store import Store
from tests.conftest import SAMPLE

# raise() of a window of its own is a no-op offscreen, and says so
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")
LINES = SAMPLE.read_text(encoding="utf-8").splitlines()


def _roster_without(tmp_path: Path, name: str, ids: set[str]) -> Path:
    path = tmp_path / name
    path.write_text(
        "\n".join(line for line in LINES if line.split(",", 1)[0] not in ids) + "\n",
        encoding="utf-8",
    )
    return path


def _classmethod(monkeypatch: pytest.MonkeyPatch, cls: type, fn: object) -> None:
    monkeypatch.setattr(cls, "ask", classmethod(fn))


@pytest.fixture
def window_widget(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    w = QWidget()
    qtbot.addWidget(w)
    return w


@pytest.fixture
def safety(workspace: Workspace, window_widget: QWidget):  # type: ignore[no-untyped-def]
    workspace.roster.import_roster(SAMPLE)
    signals = WorkspaceSignals(workspace, window_widget)
    stack = QUndoStack(window_widget)
    actions = SafetyActions(workspace, window_widget, signals, stack)
    yield actions
    signals.detach()


class _Edit(QUndoCommand):
    """A stand-in for an earlier edit on the undo stack."""

    def __init__(self) -> None:
        super().__init__("an earlier edit")


def test_backup_now_writes_an_rmdesk_database(safety, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[Path] = []

    def ask(cls, parent, suggested):  # type: ignore[no-untyped-def]
        asked.append(suggested)
        return suggested

    _classmethod(monkeypatch, BackupTarget, ask)
    messages: list[str] = []
    safety.message.connect(messages.append)
    safety.act_backup.trigger()
    (suggested,) = asked
    assert suggested.parent == safety.workspace.safety.backup_folder()
    (made,) = [b.path for b in safety.workspace.safety.backups()]
    check_rmdesk_file(made)  # raises unless it is an rmdesk database
    assert messages == [f"Backed up to {made}"]


def test_backup_to_a_chosen_file_and_a_refusal_as_a_sentence(  # type: ignore[no-untyped-def]
    safety, monkeypatch, tmp_path
) -> None:
    mine = tmp_path / "mine.db"
    _classmethod(monkeypatch, BackupTarget, lambda cls, parent, suggested: mine)
    assert safety.back_up() == mine
    check_rmdesk_file(mine)
    assert safety.workspace.safety.backups() == []  # the officer's own file, not a rotating one
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(safety, "show_error", lambda title, text: errors.append((title, text)))
    assert safety.back_up() is None  # the file exists now: refused, never overwritten
    ((title, text),) = errors
    assert title == "No backup was made" and text == (
        f"{mine} already exists; choose a new file for the backup."
    )


def test_restore_brings_back_the_earlier_roster(safety, monkeypatch, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = safety.workspace
    earlier = ws.safety.backup()
    ws.roster.import_roster(_roster_without(tmp_path, "smaller.csv", {"E1198"}))
    assert not ws.roster.employees()["E1198"].active
    safety.undo_stack.push(_Edit())
    listed: list[list[Path]] = []
    confirmed: list[tuple[Path, int]] = []

    def pick(cls, parent, backups):  # type: ignore[no-untyped-def]
        listed.append([b.path for b in backups])
        return earlier

    def confirm(cls, parent, source, current, people, cohorts):  # type: ignore[no-untyped-def]
        confirmed.append((source, people))
        text = ConfirmRestore.text(source, current, people, cohorts)
        assert "backed up first" in text and "not an undo step" in text
        return True

    _classmethod(monkeypatch, RestoreDialog, pick)
    _classmethod(monkeypatch, ConfirmRestore, confirm)
    with qtbot.waitSignal(safety.signals.replaced, timeout=5000):
        safety.act_restore.trigger()
    assert listed == [[earlier]] and confirmed == [(earlier, 198)]
    assert ws.roster.employees()["E1198"].active
    assert safety.undo_stack.count() == 0
    # the data replaced was itself backed up, and is offered next time, newest first
    assert [b.path for b in ws.safety.backups()][1:] == [earlier]


def test_restore_cancelled_or_refused_changes_nothing(safety, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = safety.workspace
    earlier = ws.safety.backup()
    safety.undo_stack.push(_Edit())
    _classmethod(monkeypatch, RestoreDialog, lambda cls, parent, backups: earlier)
    _classmethod(monkeypatch, ConfirmRestore, lambda cls, *args: False)
    assert safety.restore() is None
    assert safety.undo_stack.count() == 1 and len(ws.safety.backups()) == 1
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"not a database at all" * 100)
    _classmethod(monkeypatch, RestoreDialog, lambda cls, parent, backups: junk)
    asked: list[object] = []
    _classmethod(monkeypatch, ConfirmRestore, lambda cls, *args: asked.append(args) or True)
    errors: list[str] = []
    monkeypatch.setattr(safety, "show_error", lambda title, text: errors.append(text))
    assert safety.restore() is None
    assert asked == []  # said to be no backup before anything is asked
    (text,) = errors
    assert text.endswith(".") and "notes.db" in text
    assert safety.undo_stack.count() == 1 and len(ws.roster.employees()) == 198


def test_restore_dialog_lists_backups_newest_first(qtbot, safety) -> None:  # type: ignore[no-untyped-def]
    ws = safety.workspace
    first, second = ws.safety.backup(), ws.safety.backup()
    dialog = RestoreDialog(ws.safety.backups())
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    assert second.name in dialog.list.item(0).text() and first.name in dialog.list.item(1).text()
    assert " KB" in dialog.list.item(0).text()
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    assert dialog.chosen == second


def test_erase_finds_the_person_and_shows_the_report(safety, monkeypatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws = safety.workspace
    safety.undo_stack.push(_Edit())
    shown: list[list[str]] = []

    def find(cls, parent, people):  # type: ignore[no-untyped-def]
        dialog = cls(people, parent)
        qtbot.addWidget(dialog)
        dialog.search.setText("pham hoa")  # accents and order set aside, every word must match
        assert dialog.table.rowCount() == 1
        row = [dialog.table.item(0, c).text() for c in range(4)]
        assert row == ["Thị Hoa Phạm", "E1002", "Chief Executive Officer", "Office of the CEO"]
        assert "cannot be undone" in dialog.warning.text() and "Phạm" in dialog.warning.text()
        assert not dialog.keep_backups.isChecked() and dialog.erase_button.isEnabled()
        person = dialog.selected()
        return EraseChoice(person.employee_id, person.name, dialog.keep_backups.isChecked())

    _classmethod(monkeypatch, EraseDialog, find)
    _classmethod(monkeypatch, ErasureDone, lambda cls, parent, name, lines: shown.append(lines))
    safety.act_erase.trigger()
    names = {e.name for e in ws.roster.employees().values()}
    assert "Thị Hoa Phạm" not in names and "E1002" not in ws.roster.employees()
    ((first, *_rest),) = shown
    assert first.startswith("Erased: now 'erased-")
    assert safety.undo_stack.count() == 0


def test_erase_dialog_needs_a_choice_and_hides_erased_rows(qtbot, safety) -> None:  # type: ignore[no-untyped-def]
    ws = safety.workspace
    ws.safety.erase("E1198")
    dialog = EraseDialog(list(ws.roster.employees().values()))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 197  # the placeholder row is not offered again
    assert not dialog.erase_button.isEnabled()
    dialog.search.setText("director procurement")
    assert dialog.table.rowCount() >= 1
    assert all("Director" in dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount()))
    dialog.search.setText("nobody-called-this")
    assert dialog.table.rowCount() == 0 and not dialog.erase_button.isEnabled()


def test_audit_log_lists_the_import_and_the_erasure(safety, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = safety.show_audit()
    qtbot.addWidget(dialog)
    kinds = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert kinds == ["import"]
    safety.workspace.safety.erase("E1198")  # an open log reads again after a change
    kinds = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert kinds == ["erasure", "import"]
    assert "sample_roster.csv" in dialog.table.item(1, 2).text()
    dialog.show_kind("erasure")
    assert dialog.table.rowCount() == 1 and dialog.count.text() == "1 entry"
    assert dialog.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert safety.show_audit() is dialog  # one log window, brought forward


def test_read_only_window_disables_writes(qtbot, db_path, window_widget) -> None:  # type: ignore[no-untyped-def]
    Workspace.open(db_path).close()  # the file exists
    ws = Workspace(Store(open_read_only(db_path), db_path, read_only=True))
    signals = WorkspaceSignals(ws, window_widget)
    try:
        actions = SafetyActions(ws, window_widget, signals)
        for act in (actions.act_restore, actions.act_erase):
            assert not act.isEnabled() and "read-only" in act.toolTip()
        assert actions.act_audit.isEnabled() and actions.act_backup.isEnabled()
        dialog = actions.show_audit()
        qtbot.addWidget(dialog)
        assert dialog.isVisible()
    finally:
        signals.detach()
        ws.close()


# -- the confirmation a GUI re-import asks ---------------------------------------------------------


@pytest.fixture
def window(qtbot, db_path: Path):  # type: ignore[no-untyped-def]
    w = build_window(db_path)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.import_finished, timeout=20000):
        w.import_file(SAMPLE, ask=False)
    yield w
    w.close()
    w.workspace.close()


def _plain_import_dialog(monkeypatch: pytest.MonkeyPatch, before=None) -> None:  # type: ignore[no-untyped-def]
    def ask(cls, parent, ws, plan):  # type: ignore[no-untyped-def]
        if before is not None:
            before(ws)
        return ImportChoice(plan, plan.mapping_names(), False)

    monkeypatch.setattr(ImportDialog, "ask", classmethod(ask))


def test_reimport_marking_people_in_open_pairs_asks_first(  # type: ignore[no-untyped-def]
    window, qtbot, monkeypatch, tmp_path
) -> None:
    ws = window.workspace
    cohort = ws.cohorts.create_cohort("Spring")
    ws.cohorts.enrol(["E1198"], "mentor", cohort)
    ws.cohorts.enrol(["E1012"], "mentee", cohort)
    ws.pairing.pair("E1198", "E1012", cohort, "test")
    _plain_import_dialog(monkeypatch)
    asked: list[tuple[int, int, int, list[str]]] = []
    answer = [False]

    def confirm(cls, parent, count, active, in_pairs, names):  # type: ignore[no-untyped-def]
        asked.append((count, active, in_pairs, names))
        return answer[0]

    monkeypatch.setattr(ConfirmDeactivation, "ask", classmethod(confirm))
    smaller = _roster_without(tmp_path, "smaller.csv", {"E1198"})
    with qtbot.waitSignal(window.import_finished, timeout=20000) as done:
        window.import_file(smaller, ask=False)
    assert done.args[0] is None
    assert asked == [(1, 198, 1, ["Magdalena Lewandowska (E1198)"])]
    assert "nobody was marked as left" in window.statusBar().currentMessage()
    assert ws.roster.employees()["E1198"].active and len(ws.roster.imports()) == 1
    answer[0] = True
    with qtbot.waitSignal(window.import_finished, timeout=20000) as done:
        window.import_file(smaller, ask=False)
    assert done.args[0].deactivated == 1
    assert not ws.roster.employees()["E1198"].active


def test_reimport_marking_a_quarter_as_left_asks_with_the_share(  # type: ignore[no-untyped-def]
    window, qtbot, monkeypatch, tmp_path
) -> None:
    gone = {line.split(",", 1)[0] for line in LINES[150:]}  # 49 of 198: about a quarter
    _plain_import_dialog(monkeypatch)
    asked: list[tuple[int, int, int, list[str]]] = []
    monkeypatch.setattr(
        ConfirmDeactivation, "ask", classmethod(lambda cls, p, *args: asked.append(args) or True)
    )
    with qtbot.waitSignal(window.import_finished, timeout=20000) as done:
        window.import_file(_roster_without(tmp_path, "fewer.csv", gone), ask=False)
    ((count, active, in_pairs, names),) = asked
    assert (count, active, in_pairs, len(names)) == (49, 198, 0, 5)
    assert done.args[0].deactivated == 49
    text = ConfirmDeactivation.text(count, active, in_pairs, names)
    assert "49 people" in text and "25%" in text and "and 44 more" in text


def test_a_refusal_from_the_background_write_is_asked_too(  # type: ignore[no-untyped-def]
    window, qtbot, monkeypatch, tmp_path
) -> None:
    """Another import lands while this one waits in its dialog: the write compares again, finds
    many more people to mark as left, is refused, and the question is asked then."""
    ws = window.workspace
    newcomers = tmp_path / "newcomers.csv"
    rows = [f"E2{n:03d},New,Person {n},,HR,People,Analyst,1,E1024,2026-01-05,2000,Berlin"
            for n in range(100)]  # fmt: skip
    newcomers.write_text("\n".join([*LINES, *rows]) + "\n", encoding="utf-8")
    _plain_import_dialog(
        monkeypatch, before=lambda w: w.roster.import_roster(newcomers, allow_deactivation=True)
    )
    asked: list[int] = []
    monkeypatch.setattr(
        ConfirmDeactivation,
        "ask",
        classmethod(lambda cls, p, count, *args: asked.append(count) or True),
    )
    gone = {"E1190", "E1191", "E1192"}  # 3 of 198: no question before the write
    with qtbot.waitSignal(window.import_finished, timeout=20000) as done:
        window.import_file(_roster_without(tmp_path, "fewer.csv", gone), ask=False)
    assert asked == [103]  # the 100 newcomers are missing from the file as well
    assert done.args[0] is not None and done.args[0].deactivated == 103
    assert sum(e.active for e in ws.roster.employees().values()) == 195


# -- the real seams, answered from inside their own modal loop ---------------------------------


def _then(act) -> None:  # type: ignore[no-untyped-def]
    """Once the modal dialog is up, do ``act`` to it."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        act(dialog)

    QTimer.singleShot(0, run)


def _click(label: str):  # type: ignore[no-untyped-def]
    def act(box: QMessageBox) -> None:
        (button,) = [b for b in box.buttons() if b.text() == label]
        button.click()

    return act


def test_confirm_deactivation_says_yes_only_when_asked_to(qtbot) -> None:  # type: ignore[no-untyped-def]
    _then(_click("Mark them as left"))
    assert ConfirmDeactivation.ask(None, 3, 10, 1, ["Ana Silva (E1)"]) is True
    _then(_click("Cancel import"))
    assert ConfirmDeactivation.ask(None, 3, 10, 1, ["Ana Silva (E1)"]) is False


def test_confirm_restore_seam(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _then(_click("Restore"))
    assert ConfirmRestore.ask(None, tmp_path / "b.db", tmp_path / "a.db", 3, 1) is True
    _then(_click("Cancel"))
    assert ConfirmRestore.ask(None, tmp_path / "b.db", tmp_path / "a.db", 3, 1) is False


def test_erase_and_restore_seams_return_the_choice(qtbot, safety) -> None:  # type: ignore[no-untyped-def]
    people = list(safety.workspace.roster.employees().values())

    def find_and_erase(d) -> None:  # type: ignore[no-untyped-def]
        d.search.setText("E1198")
        d.keep_backups.setChecked(True)
        d.erase_button.click()

    _then(find_and_erase)
    choice = EraseDialog.ask(None, people)
    assert choice == EraseChoice("E1198", "Magdalena Lewandowska", True)
    _then(lambda d: d.reject())
    assert EraseDialog.ask(None, people) is None
    made = safety.workspace.safety.backup()
    _then(lambda d: d.restore_button.click())
    assert RestoreDialog.ask(None, safety.workspace.safety.backups()) == made
