"""Help ▸ Keyboard shortcuts (read from the window's actions) and Help ▸ User guide."""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Qt
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


#: The views by object name, for where a view's own shortcut works.
_VIEWS = {
    "dashboard": "Dashboard",
    "rosterView": "Roster",
    "pairingBoard": "Pairing",
    "agreementsView": "Agreements",
    "sessionsView": "Sessions",
}
EVERYWHERE = "Everywhere"
#: The timeline glyph a quick-log button starts with ("● Held", "✕J Cancelled by mentor").
_GLYPH = re.compile(r"^[●▼✕][JS]?\s*")


def _where(action: QAction) -> str:
    """The view a view's own shortcut works in, or everywhere for the window's."""
    local = (Qt.ShortcutContext.WidgetShortcut, Qt.ShortcutContext.WidgetWithChildrenShortcut)
    if action.shortcutContext() not in local:
        return EVERYWHERE
    widget = action.parent()
    while isinstance(widget, QObject):
        if widget.objectName() in _VIEWS:
            return _VIEWS[widget.objectName()]
        widget = widget.parent()
    return EVERYWHERE


def shortcut_rows(window: QWidget) -> list[tuple[str, str, str]]:
    """(where, what, keys) for every action of ``window`` that has a shortcut, as the menus
    name it, the window's own first, then each view's.

    Read from the actions themselves, so the list cannot go stale."""
    rows: dict[tuple[str, str, str], None] = {}
    for action in window.findChildren(QAction):
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        if not keys:
            continue
        what = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        what = what.split("  (")[0]  # a button's own key hint: "Held  (H)"
        what = _GLYPH.sub("", what).rstrip(".…").strip() or action.iconText()
        shown = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        rows[(_where(action), what, shown)] = None
    order = [EVERYWHERE, *_VIEWS.values()]
    return sorted(rows, key=lambda r: (order.index(r[0]), r[1].casefold()))


class ShortcutsDialog(QDialog):
    """Every shortcut of the window, in a table."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels(["Where", "Action", "Keys"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnToContents(2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        self.resize(560, 460)


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
