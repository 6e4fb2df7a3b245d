"""Help ▸ Keyboard shortcuts (read from the window's actions) and Help ▸ User guide."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rmdesk.paths import resource

GUIDE = "user_guide.md"


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(what, keys) for every action of ``window`` that has a shortcut, as the menus name it.

    Read from the actions themselves, so the list cannot go stale."""
    rows: dict[tuple[str, str], None] = {}
    for action in window.findChildren(QAction):
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        if not keys:
            continue
        what = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        what = what.rstrip(".…").strip() or action.iconText()
        shown = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        rows[(what, shown)] = None
    return sorted(rows, key=lambda r: r[0].casefold())


class ShortcutsDialog(QDialog):
    """Every shortcut of the window, in a table."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels(["Action", "Keys"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, (what, keys) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(what))
            self.table.setItem(r, 1, QTableWidgetItem(keys))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnToContents(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        self.resize(460, 420)


class UserGuideDialog(QDialog):
    """The short guide that ships in resources/, shown as formatted text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuide")
        self.setWindowTitle("rmdesk user guide")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(resource(GUIDE).read_text(encoding="utf-8"))
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        self.resize(720, 640)
