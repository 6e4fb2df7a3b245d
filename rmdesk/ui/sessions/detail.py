"""The selected pair in detail: health reasons, every session with its notes (confidential
ones shown here only, marked as such) and the pair's actions, the overdue ones flagged."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rmdesk.models.actions import Action, is_overdue
from rmdesk.models.health import ON_TRACK
from rmdesk.models.sessions import Session
from rmdesk.ui.sessions.glyphs import HEALTH_COLOURS, HEALTH_WORDS, describe, letter
from rmdesk.ui.sessions.model import PairRow

ID_ROLE = Qt.ItemDataRole.UserRole + 1
_SHAPES = {"planned": "○", "held": "●", "cancelled": "✕", "no-show": "▼"}


def _notes(s: Session) -> str:
    parts = []
    if s.topics:
        parts.append(f"Topics: {s.topics}")
    if s.learnings:
        parts.append(f"Learnings: {s.learnings}")
    if s.cancel_reason:
        parts.append(f"Why: {s.cancel_reason}")
    if s.confidential_notes:
        parts.append(f"Confidential: {s.confidential_notes}")
    return " · ".join(parts)


class PairDetail(QWidget):
    """Shows one pair; the view asks it which session or action is selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionsDetail")
        self.row: PairRow | None = None
        self.title = QLabel("Select a pair to see its sessions, notes and actions.")
        self.title.setObjectName("sessionsDetailTitle")
        self.title.setWordWrap(True)
        self.reasons = QLabel()
        self.reasons.setObjectName("sessionsDetailReasons")
        self.reasons.setWordWrap(True)
        self.sessions = QTreeWidget()
        self.sessions.setObjectName("pairSessions")
        self.sessions.setHeaderLabels(["When", "Outcome", "Length", "Notes"])
        self.sessions.setRootIsDecorated(False)
        self.sessions.setAlternatingRowColors(True)
        self.sessions.setColumnWidth(0, 124)
        self.sessions.setColumnWidth(1, 118)
        self.sessions.setColumnWidth(2, 56)
        self.sessions.header().setMinimumSectionSize(48)
        self.actions_list = QTreeWidget()
        self.actions_list.setObjectName("pairActions")
        self.actions_list.setHeaderLabels(["Due", "Owner", "Action"])
        self.actions_list.setRootIsDecorated(False)
        self.actions_list.setColumnWidth(0, 176)
        self.actions_list.setColumnWidth(1, 76)
        sessions_label = QLabel("&Sessions")
        sessions_label.setBuddy(self.sessions)
        actions_label = QLabel("A&ctions")
        actions_label.setBuddy(self.actions_list)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.title)
        box.addWidget(self.reasons)
        box.addWidget(sessions_label)
        box.addWidget(self.sessions, 3)
        box.addWidget(actions_label)
        box.addWidget(self.actions_list, 2)

    def show_pair(self, row: PairRow | None, actions: list[Action], today: date) -> None:
        """Fill in the pair (None: nothing selected), keeping the selected session if it stays."""
        kept = self.selected_session_id()
        kept_action = self.selected_action_id()
        self.row = row
        self.sessions.clear()
        self.actions_list.clear()
        if row is None:
            self.title.setText("Select a pair to see its sessions, notes and actions.")
            self.reasons.clear()
            return
        status = row.health.status if row.health else ON_TRACK
        self.title.setText(f"<b>{row.label}</b> &nbsp; pair {row.pair_id}")
        reasons = row.health.reasons if row.health else []
        words = HEALTH_WORDS[status]
        self.reasons.setText(
            f"{words}: " + "; ".join(reasons) if reasons else f"{words}: no warning signs"
        )
        style = QApplication.style()
        for s in row.sessions:
            outcome = f"{_SHAPES[s.status]} {describe(s)}"
            if letter(s):
                outcome = f"{_SHAPES[s.status]}{letter(s)} {describe(s)}"
            item = QTreeWidgetItem(
                [
                    s.starts_at.strftime("%Y-%m-%d %H:%M"),
                    outcome,
                    f"{s.duration_min} min",
                    _notes(s),
                ]
            )
            item.setData(0, ID_ROLE, s.id)
            item.setToolTip(3, _notes(s))
            self.sessions.addTopLevelItem(item)
            if s.id == kept:
                self.sessions.setCurrentItem(item)
        warn_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for a in actions:
            due = a.due.isoformat() if a.due else "no due date"
            if a.done_on is not None:
                due = f"done {a.done_on.isoformat()}"
            item = QTreeWidgetItem([due, a.owner, a.text])
            item.setData(0, ID_ROLE, a.id)
            if is_overdue(a, today):
                item.setText(0, f"Overdue · {due}")
                item.setIcon(0, warn_icon)
                item.setForeground(0, QBrush(HEALTH_COLOURS["stalled"]))
            self.actions_list.addTopLevelItem(item)
            if a.id == kept_action:
                self.actions_list.setCurrentItem(item)

    def selected_session_id(self) -> int | None:
        item = self.sessions.currentItem()
        return None if item is None else int(item.data(0, ID_ROLE))

    def selected_action_id(self) -> int | None:
        item = self.actions_list.currentItem()
        return None if item is None else int(item.data(0, ID_ROLE))

    def select_session(self, session_id: int) -> None:
        for n in range(self.sessions.topLevelItemCount()):
            item = self.sessions.topLevelItem(n)
            if item is not None and item.data(0, ID_ROLE) == session_id:
                self.sessions.setCurrentItem(item)
                return
