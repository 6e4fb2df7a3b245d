"""The sessions view's table: one row per active pair with its health and its sessions, and a
filter with the roster's search conventions (accent- and case-blind, every word must match).

Rows are kept in pair-id order; a change event refreshes only the rows of the pairs it names
(``refresh_pairs``), inserting or removing rows for pairs that were opened or closed.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QIcon

from rmdesk.models.cohorts import Cohort
from rmdesk.models.health import HEALTH_RANK, ON_TRACK, Health
from rmdesk.models.people import Employee
from rmdesk.models.people_query import fold
from rmdesk.models.sessions import PLANNED, Session
from rmdesk.models.wording import pair_label
from rmdesk.ui.common.health_badges import HEALTH_COLOURS, HEALTH_WORDS, health_icon
from rmdesk.ui.sessions.glyphs import summary
from rmdesk.workspace import Workspace

AnyIndex = QModelIndex | QPersistentModelIndex
PAIR_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SESSIONS_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3

COL_PAIR, COL_HEALTH, COL_NEXT, COL_TIMELINE = range(4)
HEADERS = ("Mentor → mentee", "Health", "Next session", "Timeline")


@dataclass
class PairRow:
    """What one row shows: the pair, both people's names, its sessions and health."""

    pair_id: int
    mentor: str
    mentee: str
    sessions: list[Session] = field(default_factory=list)
    health: Health | None = None
    haystack: str = ""

    @property
    def label(self) -> str:
        return pair_label(self.mentor, self.mentee)

    def sort_key(self, column: int) -> object:
        """What a column sorts by: the name, the worst health first, the next date, the count."""
        if column == COL_PAIR:
            return self.haystack
        if column == COL_HEALTH:
            return -HEALTH_RANK[self.health.status if self.health else ON_TRACK]
        if column == COL_NEXT:
            nxt = self.next_planned()
            return "9999" if nxt is None else nxt.starts_at.isoformat()
        return len(self.sessions)

    def next_planned(self) -> Session | None:
        """The first planned session: one waiting to be logged, else the next one ahead."""
        return next((s for s in self.sessions if s.status == PLANNED), None)

    def due(self, now: datetime) -> Session | None:
        """The first planned session whose day has come: the one to log now (a session of
        today at 10:00 can be logged at 9:40, when the pair met a little early)."""
        today = now.date()
        return next(
            (
                s
                for s in self.sessions
                if s.status == PLANNED and s.starts_at.astimezone(now.tzinfo).date() <= today
            ),
            None,
        )

    def latest_started(self, now: datetime) -> Session | None:
        """The last session whose time has come, logged or not (the one notes are about)."""
        started = [s for s in self.sessions if s.starts_at <= now]
        return max(started, key=lambda s: s.starts_at) if started else None


def _name(people: dict[str, Employee], employee_id: str) -> str:
    person = people.get(employee_id)
    return person.name if person else employee_id


class TimelineModel(QAbstractTableModel):
    """The cohort's active pairs, a row each, in pair-id order."""

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.cohort: Cohort | None = None
        self.rows: list[PairRow] = []
        self._ids: list[int] = []
        self.days_shown: tuple[date, date] = (date.today(), date.today())
        self.today = date.today()
        self._icons: dict[str, QIcon] = {}

    # -- loading --------------------------------------------------------------------------------
    def set_cohort(self, cohort: Cohort | None) -> None:
        """Read the cohort's pairs, sessions and health at once."""
        self.beginResetModel()
        self.cohort = cohort
        self.rows = []
        if cohort is not None:
            self.today = date.today()
            sessions, health = self.ws.sessions.overview(cohort, self.today)
            pairs = {p.id: (p.mentor_id, p.mentee_id) for p in self.ws.pairing.pair_list(cohort)}
            people = self.ws.roster.some(x for ids in pairs.values() for x in ids)
            for h in health:
                pair = pairs.get(h.pair_id)
                if pair is not None:
                    self.rows.append(self._row(pair, people, sessions.get(h.pair_id, []), h))
        self._ids = [r.pair_id for r in self.rows]
        self.days_shown = self._span()
        self.endResetModel()

    def _pair(self, pair_id: int) -> tuple[str, str] | None:
        if not self.ws.pairing.pair_exists(pair_id):
            return None
        pair = self.ws.pairing.get_pair(pair_id)
        return pair.mentor_id, pair.mentee_id

    def _row(
        self,
        pair: tuple[str, str],
        people: dict[str, Employee],
        sessions: list[Session],
        health: Health,
    ) -> PairRow:
        mentor, mentee = _name(people, pair[0]), _name(people, pair[1])
        hay = fold(f"{mentor} {mentee} {pair[0]} {pair[1]} {health.status} {health.pair_id}")
        return PairRow(health.pair_id, mentor, mentee, sessions, health, hay)

    def _span(self) -> tuple[date, date]:
        """The days the timeline spans: the cohort's dates, widened to every session."""
        days = [s.starts_at.date() for r in self.rows for s in (r.sessions[:1] + r.sessions[-1:])]
        c = self.cohort
        if c is not None and c.starts:
            days.append(c.starts)
        if c is not None and c.ends:
            days.append(c.ends)
        if not days:
            return (self.today, self.today)
        return (min(days), max(days))

    def refresh_pairs(self, pair_ids: frozenset[int] | set[int]) -> None:
        """Re-read only these pairs: changed rows emit dataChanged; pairs that left or joined
        the active board are removed or inserted."""
        if self.cohort is None or not pair_ids:
            return
        sessions, health = self.ws.sessions.overview(self.cohort, self.today, pair_ids)
        active = {h.pair_id: h for h in health}
        people: dict[str, Employee] | None = None
        for pid in sorted(pair_ids):
            at = bisect.bisect_left(self._ids, pid)
            present = at < len(self._ids) and self._ids[at] == pid
            if pid not in active:
                if present:
                    self.beginRemoveRows(QModelIndex(), at, at)
                    del self.rows[at], self._ids[at]
                    self.endRemoveRows()
                continue
            if present:
                row = self.rows[at]
                row.sessions, row.health = sessions.get(pid, []), active[pid]
                self.dataChanged.emit(self.index(at, 0), self.index(at, len(HEADERS) - 1))
                continue
            pair = self._pair(pid)
            if pair is None:
                continue
            people = self.ws.roster.some(pair)
            self.beginInsertRows(QModelIndex(), at, at)
            self.rows.insert(at, self._row(pair, people, sessions.get(pid, []), active[pid]))
            self._ids.insert(at, pid)
            self.endInsertRows()
        shown = self._span()
        if shown != self.days_shown:
            self.days_shown = shown
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, COL_TIMELINE, COL_TIMELINE)
            if self.rows:
                top, bottom = self.index(0, COL_TIMELINE), self.index(len(self.rows) - 1, 3)
                self.dataChanged.emit(top, bottom)

    def row_of(self, pair_id: int) -> int | None:
        at = bisect.bisect_left(self._ids, pair_id)
        return at if at < len(self._ids) and self._ids[at] == pair_id else None

    def pair_row(self, pair_id: int) -> PairRow | None:
        at = self.row_of(pair_id)
        return None if at is None else self.rows[at]

    # -- Qt -------------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def _icon(self, status: str) -> QIcon:
        if status not in self._icons:
            self._icons[status] = health_icon(status)
        return self._icons[status]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == SORT_ROLE:  # asked ~10 times a row when the proxy sorts: kept cheap
            return row.sort_key(col)
        status = row.health.status if row.health else ON_TRACK
        if role == PAIR_ID_ROLE:
            return row.pair_id
        if role == SESSIONS_ROLE:
            return row.sessions
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_PAIR:
                return row.label
            if col == COL_HEALTH:
                return HEALTH_WORDS[status]
            if col == COL_NEXT:
                nxt = row.next_planned()
                return "—" if nxt is None else nxt.starts_at.strftime("%d %b %H:%M")
            return summary(row.sessions)
        if col == COL_HEALTH:
            if role == Qt.ItemDataRole.DecorationRole:
                return self._icon(status)
            if role == Qt.ItemDataRole.ForegroundRole and status != ON_TRACK:
                return QBrush(HEALTH_COLOURS[status])
            if role == Qt.ItemDataRole.ToolTipRole:
                reasons = row.health.reasons if row.health else []
                return "\n".join(reasons) or "No warning signs"
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_PAIR:
            return f"Pair {row.pair_id}: {row.label}"
        if role == Qt.ItemDataRole.AccessibleTextRole and col == COL_TIMELINE:
            return summary(row.sessions)
        return None


class PairFilter(QSortFilterProxyModel):
    """The roster's search conventions: accents and case ignored, every word must match."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_query(self, text: str) -> None:
        words = fold(text).split()
        if words != self.words:
            self.beginFilterChange()
            self.words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self.words:
            return True
        model = self.sourceModel()
        assert isinstance(model, TimelineModel)
        hay = model.rows[source_row].haystack
        return all(w in hay for w in self.words)
