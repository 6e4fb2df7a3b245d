"""The roster as a table model: one adapter over the Workspace's people, filtered and sorted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from rmdesk.models.people import FIELDS, Employee, grade_sort_key
from rmdesk.models.people_query import PeopleQuery, fold, parse_query

EMPLOYEE_MIME = "application/x-rmdesk-employee-ids"

#: The table's columns: the roster fields (models.people.FIELDS), then whether they left.
COLUMNS: tuple[tuple[str, str], ...] = (
    *((f.name, f.header) for f in FIELDS),
    ("active", "Status"),
)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: the columns a search reads unless the view says which it shows
ALL_COLUMNS: tuple[int, ...] = tuple(range(len(COLUMNS)))

AnyIndex = QModelIndex | QPersistentModelIndex


def _shown_text(person: Employee, field: str, names: dict[str, str]) -> str:
    """A cell as the table shows it (the search reads exactly this)."""
    if field == "active":
        return "Active" if person.active else "Left"
    if field == "manager_id":
        mgr = person.manager_id
        return f"{names.get(mgr, mgr)} ({mgr})" if mgr else ""
    value = getattr(person, field)
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def _order_by_text(values: list[str | None], descending: bool) -> list[int]:
    """Positions in the order ``_sort_key`` gives texts (folded; the empty ones after them,
    or before when descending; ties as they came), without a key tuple per person: a
    third faster at 100k people."""
    folded = [fold(v) if v else "" for v in values]
    filled = sorted(
        (i for i, v in enumerate(values) if v), key=folded.__getitem__, reverse=descending
    )
    empty = [i for i, v in enumerate(values) if not v]
    return empty + filled if descending else filled + empty


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
    columns: tuple[int, ...]
    hay: list[str] | None  # None: the search texts come later (``Searchable``)
    sort: tuple[int, Qt.SortOrder] | None
    order: list[int]
    hay_ordered: list[str] | None


@dataclass(frozen=True)
class Searchable:
    """The search texts of a ``Loaded`` made without them (a big roster shows first)."""

    people: list[Employee]
    columns: tuple[int, ...]
    order: list[int]
    hay: list[str]
    hay_ordered: list[str]


def searchable(loaded: Loaded) -> Searchable:
    """The costly half of a load (a second at 100k people, accents folded), for a worker."""
    hay = _haystacks(loaded.people, loaded.names, loaded.columns)
    return Searchable(
        loaded.people, loaded.columns, loaded.order, hay, [hay[i] + "\x1f" for i in loaded.order]
    )


def _haystacks(
    people: list[Employee], names: dict[str, str], columns: tuple[int, ...]
) -> list[str]:
    """Each person's shown cells, folded, one string each: what a search looks in."""
    fields = [COLUMNS[c][0] for c in columns]
    return [fold("\x1f".join(_shown_text(e, f, names) for f in fields)) for e in people]


def load(
    people: list[Employee],
    sort: tuple[int, Qt.SortOrder] | None,
    columns: tuple[int, ...] = ALL_COLUMNS,
    search: bool = True,
) -> Loaded:
    """People sorted, with their search texts (``search``) or without them for now."""
    names = {e.employee_id: e.name for e in people}
    hay = _haystacks(people, names, columns) if search else None
    order, hay_ordered = _sorted(people, names, hay, sort)
    return Loaded(people, names, columns, hay, sort, order, hay_ordered)


def _sorted(
    people: list[Employee],
    names: dict[str, str],
    hay: list[str] | None,
    sort: tuple[int, Qt.SortOrder] | None,
) -> tuple[list[int], list[str] | None]:
    """The sort order, and the search texts in that order."""
    if sort is None:
        order = list(range(len(people)))
    else:
        column, direction = sort
        field = COLUMNS[column][0]
        descending = direction == Qt.SortOrder.DescendingOrder
        values: list[object]
        if field == "manager_id":
            values = [names.get(p.manager_id or "") for p in people]
        else:
            values = [getattr(p, field) for p in people]
        if field != "grade" and all(v is None or isinstance(v, str) for v in values):
            order = _order_by_text(cast("list[str | None]", values), descending)
        else:
            keys = (
                [grade_sort_key(v) for v in values]  # type: ignore[arg-type]
                if field == "grade"
                else [_sort_key(v) for v in values]
            )
            order = sorted(range(len(people)), key=keys.__getitem__, reverse=descending)
    if hay is None:
        return order, None
    # new string objects, made in sort order, so they also lie in memory in that order
    return order, [hay[i] + "\x1f" for i in order]


class RosterModel(QAbstractTableModel):
    """Every person, with a search filter and column sort done on plain lists (fast at 100k)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._people: list[Employee] = []
        self._names: dict[str, str] = {}
        self._hay: list[str] | None = []  # None while a worker makes them
        self._rows: list[int] = []  # visible positions in the sort order
        self._order: list[int] = []
        self._hay_ordered: list[str] | None = []
        self.query = PeopleQuery()
        self._query = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._columns: tuple[int, ...] = ALL_COLUMNS

    def load_order(self) -> tuple[tuple[int, Qt.SortOrder] | None, tuple[int, ...]]:
        """(sort, searched columns): what a worker needs to prepare lists this model takes."""
        return self._sort, self._columns

    def set_search_columns(self, columns: tuple[int, ...]) -> None:
        """Search only these columns (the ones the view shows), plus field terms."""
        if columns == self._columns:
            return
        self._columns = columns
        self.beginResetModel()
        self._hay = _haystacks(self._people, self._names, columns)
        self._apply_sort()
        self._rows = self._filtered(self._query, None)
        self.endResetModel()

    # -- data in ---------------------------------------------------------------------------
    def set_people(self, people: list[Employee]) -> None:
        self.install(self.prepare(people))

    def prepare(self, people: list[Employee]) -> Loaded:
        """The costly half of ``set_people`` (0.3 s at 100k), safe on a worker thread."""
        return load(list(people), self._sort, self._columns)

    def install(self, loaded: Loaded) -> None:
        """The quick half of ``set_people``, on the GUI thread."""
        self.beginResetModel()
        self._people, self._names, self._hay = loaded.people, loaded.names, loaded.hay
        if loaded.hay is None:  # shown now, searchable when ``install_search`` comes
            self._order, self._hay_ordered = (
                _sorted(loaded.people, loaded.names, None, self._sort)
                if loaded.sort != self._sort
                else (loaded.order, None)
            )
        elif loaded.columns != self._columns:
            self._hay = _haystacks(loaded.people, loaded.names, self._columns)
            self._apply_sort()
        elif loaded.sort == self._sort:
            self._order, self._hay_ordered = loaded.order, loaded.hay_ordered
        else:  # sorted another way meanwhile
            self._apply_sort()
        self._rows = self._filtered(self._query, None)
        self.endResetModel()

    def install_search(self, found: Searchable) -> bool:
        """Take search texts a worker made; False when the roster or its order moved on
        meanwhile (a search then makes them itself)."""
        if (
            found.people is not self._people
            or found.order is not self._order
            or found.columns != self._columns
        ):
            return False
        self._hay, self._hay_ordered = found.hay, found.hay_ordered
        if self._query:
            self.beginResetModel()
            self._rows = self._filtered(self._query, None)
            self.endResetModel()
        return True

    @property
    def searchable(self) -> bool:
        return self._hay_ordered is not None

    def _ensure_search(self) -> list[str]:
        """The search texts in sort order, made here if the worker has not brought them yet."""
        if self._hay_ordered is None:
            self._hay = _haystacks(self._people, self._names, self._columns)
            self._hay_ordered = [self._hay[i] + "\x1f" for i in self._order]
        return self._hay_ordered

    def set_filter(self, query: str) -> None:
        """Show people whose shown cells hold every word of ``query`` (accents and case
        ignored) and for whom every field term holds (see ``people_query``)."""
        query = " ".join(query.split())
        if query == self._query:
            return
        before = self.query
        self.query = parse_query(query, self._manager_name)
        # typing on narrows plain words; a field term ("grade<8" -> "grade<80") may widen
        narrower = bool(self._query) and not before.structured and not self.query.structured
        narrower = narrower and fold(self._query) in fold(query) and not self.query.problems
        narrower = narrower and len(self.query.words) == len(before.words)
        self.beginResetModel()
        self._rows = self._filtered(query, self._rows if narrower else None)
        self._query = query
        self.endResetModel()

    def _manager_name(self, manager_id: str) -> str:
        return self._names.get(manager_id, "")

    def _filtered(self, query: str, within: list[int] | None) -> list[int]:
        """Visible positions in the sort order: ``_order[k]`` is the person at position k.

        Everything walks the haystacks in sort order, which were allocated in that order too,
        so a keystroke reads memory front to back (random access made it 4x slower at 100k).
        """
        parsed = parse_query(query, self._manager_name) if query else PeopleQuery()
        if parsed.empty:
            return list(within if within is not None else range(len(self._order)))
        hay = self._ensure_search()
        rows = within if within is not None else range(len(hay))
        words = parsed.words
        if parsed.structured:
            people, order = self._people, self._order
            return [
                k
                for k in rows
                if all(w in hay[k] for w in words) and parsed.matches(people[order[k]])
            ]
        if len(words) == 1:
            word = words[0]
            return [k for k in rows if word in hay[k]]
        return [k for k in rows if all(w in hay[k] for w in words)]

    def _apply_sort(self) -> None:
        """Sort every person once; filtering then walks this order."""
        self._order, self._hay_ordered = _sorted(self._people, self._names, self._hay, self._sort)

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    @property
    def total(self) -> int:
        """Everybody the model holds, shown or filtered out."""
        return len(self._people)

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
            return _shown_text(person, field, self._names)
        if role == Qt.ItemDataRole.ForegroundRole and not person.active:
            return QApplication.palette().brush(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            # who this is, whatever columns show: two people may share a name
            if not person.active:
                return f"{person.label} has left: missing from the latest full import"
            about = " · ".join(x for x in (person.title, person.department) if x)
            return f"{person.label}" + (f" · {about}" if about else "")
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
