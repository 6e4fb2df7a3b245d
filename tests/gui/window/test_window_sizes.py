"""The window fits a 1024×700 screen in every state: empty, a roster without a cohort, and a
cohort with pairs, agreements and sessions. Each view's least width, beside the side bar, is
what the window can shrink to."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from rmdesk.app import build_window
from rmdesk.workspace import Workspace
from tests.conftest import SAMPLE
from tests.unit.report_cohort import build

SCREEN = (1024, 700)


def _empty(ws: Workspace, folder: Path) -> None:
    return None


def _roster_only(ws: Workspace, folder: Path) -> None:
    ws.roster.import_roster(SAMPLE)


def _cohort(ws: Workspace, folder: Path) -> None:
    build(ws, folder)


@pytest.mark.parametrize("fill", [_empty, _roster_only, _cohort], ids=["empty", "roster", "cohort"])
def test_the_window_fits_a_1024_by_700_screen(qtbot: QtBot, tmp_path: Path, fill: object) -> None:
    db = tmp_path / "w.db"
    ws = Workspace.open(db)
    fill(ws, tmp_path)  # type: ignore[operator]
    ws.close()
    window = build_window(db)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)
    for key in ("dashboard", "roster", "pairing", "agreements", "sessions"):
        window.show_view(key)
        qtbot.wait(10)
        assert window.width() <= SCREEN[0], key
        assert window.minimumSizeHint().width() <= SCREEN[0], key
    window.close()
    window.workspace.close()


def test_ctrl_f_searches_the_view_on_screen(qtbot: QtBot, tmp_path: Path) -> None:
    """One Find shortcut: the sessions view had a second Ctrl+F of its own, and Qt fired
    neither of two shortcuts on one key while it was shown."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    db = tmp_path / "w.db"
    ws = Workspace.open(db)
    build(ws, tmp_path)
    ws.close()
    window = build_window(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_view("sessions")
    qtbot.wait(20)
    window.sessions_page.table.setFocus()
    qtbot.wait(20)
    qtbot.keyClick(window.sessions_page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.sessions_page.search
    window.show_view("roster")
    qtbot.wait(20)
    window.roster_page.table.setFocus()
    qtbot.wait(20)
    qtbot.keyClick(window.roster_page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search
    window.close()
    window.workspace.close()


@pytest.fixture
def cohort_window(qtbot: QtBot, tmp_path: Path) -> Iterator[Any]:
    """The window over a built cohort (tests/unit/report_cohort.py), closed afterwards."""
    db = tmp_path / "w.db"
    ws = Workspace.open(db)
    build(ws, tmp_path)
    ws.close()
    window = build_window(db)
    qtbot.addWidget(window)
    yield window
    window.close()
    window.workspace.close()


def test_no_key_is_claimed_twice_where_both_could_fire(qtbot: QtBot, cohort_window: Any) -> None:
    """Qt fires neither of two shortcuts on one key when both are live: File ▸ Export and
    a session's Notes… were both Ctrl+E, so Ctrl+E did nothing in Sessions. A view's own keys
    may repeat another view's (only one view is on screen), never a window-wide key."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction

    window = cohort_window
    local = (Qt.ShortcutContext.WidgetShortcut, Qt.ShortcutContext.WidgetWithChildrenShortcut)
    wide: dict[str, str] = {}
    by_view: dict[str, list[tuple[str, str]]] = {}
    for action in window.findChildren(QAction):
        for seq in action.shortcuts():
            key = seq.toString()
            if not key:
                continue
            if action.shortcutContext() in local:
                owner = action.parent()
                pages = [window.pages.widget(i) for i in range(window.pages.count())]
                view = next((p for p in pages if owner is p or p.isAncestorOf(owner)), None)
                name = view.objectName() if view is not None else "?"
                by_view.setdefault(name, []).append((key, action.text()))
            else:
                assert key not in wide or wide[key] == action.text(), (key, wide[key], action)
                wide[key] = action.text()
    assert by_view, "the views' own shortcuts were found"
    for view, keys in by_view.items():
        for key, text in keys:
            assert key not in wide, f"{key}: '{wide[key]}' (window) and '{text}' ({view})"


def test_every_menu_entry_has_its_own_access_key(qtbot: QtBot, cohort_window: Any) -> None:
    """Alt+F then E went to Export or Erase, whichever Qt picked: one letter, one entry."""
    window = cohort_window
    for top in window.menuBar().actions():
        menu = top.menu()
        keys: dict[str, str] = {}
        for action in menu.actions():  # type: ignore[union-attr]
            text = action.text().replace("&&", "")
            if action.isSeparator() or "&" not in text:
                continue
            key = text[text.index("&") + 1].casefold()
            assert key not in keys, f"{top.text()}: '{keys[key]}' and '{text}' share {key}"
            keys[key] = text


def test_the_shortcut_list_says_where_each_key_works(qtbot: QtBot, cohort_window: Any) -> None:
    """One flat list showed D, A and Del without saying they work in Sessions only."""
    from rmdesk.ui.common.help import ShortcutsDialog, shortcut_rows

    window = cohort_window
    rows = shortcut_rows(window)
    assert ("Everywhere", "Undo", "Ctrl+Z") in rows
    assert ("Sessions", "Held", "H") in rows and ("Sessions", "Notes", "Ctrl+E") in rows
    assert ("Pairing", "Pair selected", "Ctrl+P") in rows
    assert ("Agreements", "Print agreement", "Ctrl+P") in rows
    assert rows[0][0] == "Everywhere"  # the window's own keys first
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.table.columnCount() == 3 and dialog.table.item(0, 0).text() == "Everywhere"


def test_the_status_bar_names_the_file_and_leaves_room_for_messages(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The whole path took the bar's width at 1024 pixels; now the name, the path in the
    tooltip."""
    db = tmp_path / "a" / "rather" / "long" / "folder" / "name" / "workspace.db"
    db.parent.mkdir(parents=True)
    window = build_window(db)
    qtbot.addWidget(window)
    assert window.file_label.text() == "workspace.db"
    assert str(db) in window.file_label.toolTip()
    window.close()
    window.workspace.close()
