"""The roster as a table model: one adapter over the Workspace's people, filtered and sorted."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from rmdesk.models.people import Employee
from rmdesk.models.people_query import PeopleQuery, parse_query

EMPLOYEE_MIME = "application/x-rmdesk-employee-ids"

COLUMNS: tuple[tuple[str, str], ...] = (
    ("employee_id", "ID"),
    ("name", "Name"),
    ("email", "Email"),
    ("department", "Department"),
    ("division", "Division"),
    ("title", "Title"),
    ("grade", "Grade"),
    ("manager_id", "Manager"),
    ("hire_date", "Hire date"),
    ("birth_year", "Born"),
    ("location", "Location"),
    ("active", "Status"),
)
ID_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


@functools.cache
def _no_marks() -> dict[int, None]:
    """A translate table deleting the combining marks (accents) of the basic plane."""
    return dict.fromkeys(c for c in range(0x10000) if unicodedata.combining(chr(c)))


def fold(text: str) -> str:
    """Accent- and case-blind text, so that 'Märta' sorts beside 'Marta', not after 'Zoe'."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).translate(_no_marks()).casefold()


def _sort_key(value: object) -> tuple[int, Any]:
    if value is None or value == "":
        return (1, "")
    if isinstance(value, str):
        return (0, fold(value))
    if isinstance(value, date):
        return (0, value.toordinal())
    return (0, value)


@dataclass(frozen=True)
class Loaded:
    """People made ready for a RosterModel: their search texts, sorted. Plain lists, so a
    worker thread can make them while the GUI thread goes on."""

    people: list[Employee]
    names: dict[str, str]
    hay: list[str]
    sort: tuple[int, Qt.SortOrder] | None
    order: list[int]
    hay_ordered: list[str]


def load(people: list[Employee], sort: tuple[int, Qt.SortOrder] | None) -> Loaded:
    names = {e.employee_id: e.name for e in people}
    hay = [
        "\x1f".join(
            (
                e.employee_id,
                e.name,
                e.email or "",
                e.department or "",
                e.division or "",
                e.title or "",
                e.grade or "",
                e.location or "",
                names.get(e.manager_id or "", ""),
            )
        ).casefold()
        for e in people
    ]
    order, hay_ordered = _sorted(people, names, hay, sort)
    return Loaded(people, names, hay, sort, order, hay_ordered)


def _sorted(
    people: list[Employee],
    names: dict[str, str],
    hay: list[str],
    sort: tuple[int, Qt.SortOrder] | None,
) -> tuple[list[int], list[str]]:
    """The sort order, and the search texts in that order."""
    if sort is None:
        order = list(range(len(people)))
    else:
        column, direction = sort
        field = COLUMNS[column][0]
        if field == "manager_id":
            keys = [_sort_key(names.get(p.manager_id or "")) for p in people]
        else:
            keys = [_sort_key(getattr(p, field)) for p in people]
        order = sorted(
            range(len(people)),
            key=keys.__getitem__,
            reverse=direction == Qt.SortOrder.DescendingOrder,
        )
    # new string objects, made in sort order, so they also lie in memory in that order
    return order, [hay[i] + "\x1f" for i in order]


class RosterModel(QAbstractTableModel):
    """Every person, with a search filter and column sort done on plain lists (fast at 100k)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._people: list[Employee] = []
        self._names: dict[str, str] = {}
        self._hay: list[str] = []
        self._rows: list[int] = []  # visible positions in the sort order
        self._order: list[int] = []
        self._hay_ordered: list[str] = []
        self.query = PeopleQuery()
        self._query = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- data in ---------------------------------------------------------------------------
    def set_people(self, people: list[Employee]) -> None:
        self.install(self.prepare(people))

    def prepare(self, people: list[Employee]) -> Loaded:
        """The costly half of ``set_people`` (0.3 s at 100k), safe on a worker thread."""
        return load(list(people), self._sort)

    def install(self, loaded: Loaded) -> None:
        """The quick half of ``set_people``, on the GUI thread."""
        self.beginResetModel()
        self._people, self._names, self._hay = loaded.people, loaded.names, loaded.hay
        if loaded.sort == self._sort:
            self._order, self._hay_ordered = loaded.order, loaded.hay_ordered
        else:  # sorted another way meanwhile
            self._apply_sort()
        self._rows = self._filtered(self._query, None)
        self.endResetModel()

    def set_filter(self, query: str) -> None:
        """Show people whose fields contain ``query`` (case-insensitive); field terms such as
        ``division:finance grade>=8`` must hold too (see ``people_query``)."""
        query = query.strip().casefold()
        if query == self._query:
            return
        was_plain = not self.query.structured
        self.query = parse_query(query)
        # typing on narrows plain text; a field term ("grade<8" -> "grade<80") may widen
        narrower = bool(self._query) and self._query in query and was_plain
        narrower = narrower and not self.query.structured
        self.beginResetModel()
        self._rows = self._filtered(query, self._rows if narrower else None)
        self._query = query
        self.endResetModel()

    def _filtered(self, query: str, within: list[int] | None) -> list[int]:
        """Visible positions in the sort order: ``_order[k]`` is the person at position k.

        Everything walks the haystacks in sort order, which were allocated in that order too,
        so a keystroke reads memory front to back (random access made it 4x slower at 100k).
        """
        hay = self._hay_ordered
        parsed = parse_query(query) if query else PeopleQuery()
        if parsed.structured:
            text, people, order = parsed.text, self._people, self._order
            return [
                k
                for k in (within if within is not None else range(len(hay)))
                if (not text or text in hay[k]) and parsed.matches(people[order[k]])
            ]
        if within is None:
            if not query:
                return list(range(len(hay)))
            return [k for k, h in enumerate(hay) if query in h]
        return [k for k in within if query in hay[k]] if query else list(within)

    def _apply_sort(self) -> None:
        """Sort every person once; filtering then walks this order."""
        self._order, self._hay_ordered = _sorted(self._people, self._names, self._hay, self._sort)

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def employee_at(self, row: int) -> Employee:
        return self._people[self._order[self._rows[row]]]

    def row_of(self, employee_id: str) -> int | None:
        for row, k in enumerate(self._rows):
            if self._people[self._order[k]].employee_id == employee_id:
                return row
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        person = self._people[self._order[self._rows[index.row()]]]
        field = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if field == "active":
                return "Active" if person.active else "Left"
            if field == "manager_id":
                mgr = person.manager_id
                return f"{self._names.get(mgr, mgr)} ({mgr})" if mgr else ""
            value = getattr(person, field)
            if value is None:
                return ""
            return value.isoformat() if isinstance(value, date) else str(value)
        if role == Qt.ItemDataRole.ForegroundRole and not person.active:
            return QApplication.palette().brush(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role == Qt.ItemDataRole.ToolTipRole and not person.active:
            return f"{person.name} has left: missing from the latest full import"
        if role == ID_ROLE:
            return person.employee_id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.beginResetModel()
        self._sort = (column, order)
        self._apply_sort()
        self._rows = self._filtered(self._query, None)
        self.endResetModel()

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [EMPLOYEE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = list(
            dict.fromkeys(self.employee_at(i.row()).employee_id for i in indexes if i.isValid())
        )
        mime = QMimeData()
        mime.setData(EMPLOYEE_MIME, "\n".join(ids).encode())
        mime.setText("\n".join(ids))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction
