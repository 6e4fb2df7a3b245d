"""List models of the pairing board: unpaired people of one role, and the pairs as cards."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from rmdesk.models.agreements import AgreementState
from rmdesk.models.cohorts import PairView
from rmdesk.models.conflicts import RULE_NAMES, Conflict, Severity
from rmdesk.models.health import Health
from rmdesk.models.people import Employee
from rmdesk.ui.common import severity
from rmdesk.ui.pairing.pair_badges import BADGES_ROLE, badges_for, badges_line
from rmdesk.ui.roster.model import EMPLOYEE_MIME, ID_ROLE, fold

PERSON_MIME = "application/x-rmdesk-person"  # "role\nid\nid…"
PAIR_MIME = "application/x-rmdesk-pair"  # "pair id"
PAIR_ROLE = Qt.ItemDataRole.UserRole + 2
AnyIndex = QModelIndex | QPersistentModelIndex
#: What a badge refresh changes on a card (QListView lays the cards out again: it may grow)
_BADGE_ROLES = [BADGES_ROLE, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole]

#: What a drop means, decided by the page: (kind, dragged ids, target row) -> handled
DropHandler = Callable[[str, list[str], int], bool]


def decode_people(mime: QMimeData) -> tuple[str, list[str]]:
    """('mentor'|'mentee'|'roster', ids) from any people drag, else ('', [])."""
    if mime.hasFormat(PERSON_MIME):
        lines = bytes(mime.data(PERSON_MIME).data()).decode().split("\n")
        return lines[0], [x for x in lines[1:] if x]
    if mime.hasFormat(EMPLOYEE_MIME):
        ids = bytes(mime.data(EMPLOYEE_MIME).data()).decode().split("\n")
        return "roster", [x for x in ids if x]
    return "", []


def decode_pair(mime: QMimeData) -> int | None:
    if mime.hasFormat(PAIR_MIME):
        return int(bytes(mime.data(PAIR_MIME).data()).decode())
    return None


def _tint(sev: Severity | None) -> QColor:
    c = QColor(severity.colour(sev))
    c.setAlpha(60)
    return c


class _BoardModel(QAbstractListModel):
    """What both board lists share: the drop handler, the hovered row's verdict, the flags."""

    def __init__(self, on_drop: DropHandler, parent: Any = None) -> None:
        super().__init__(parent)
        self._on_drop = on_drop
        self._hover: tuple[int, list[Conflict]] | None = None

    def _hovered(self, row: int) -> list[Conflict] | None:
        """The verdict shown on ``row`` while a drag hovers over it, else None."""
        return self._hover[1] if self._hover and self._hover[0] == row else None

    def set_hover(self, row: int | None, conflicts: list[Conflict] | None = None) -> None:
        old = self._hover[0] if self._hover else None
        self._hover = (row, conflicts or []) if row is not None else None
        for r in {old, row} - {None}:
            assert r is not None
            idx = self.index(r)
            self.dataChanged.emit(idx, idx)

    def hover_verdict(self) -> tuple[int, list[Conflict]] | None:
        return self._hover

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if index.isValid():
            return (
                base
                | Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled
            )
        return base

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction


class PeopleModel(_BoardModel):
    """Unpaired participants of one role; a hovered row shows the live verdict of a drag."""

    def __init__(self, role: str, on_drop: DropHandler, parent: Any = None) -> None:
        super().__init__(on_drop, parent)
        self.role = role
        self._all: list[Employee] = []
        self._rows: list[Employee] = []
        self._query = ""
        self.load: dict[str, int] = {}
        self.notes: dict[str, tuple[str, str]] = {}

    def set_people(
        self,
        people: list[Employee],
        load: dict[str, int] | None = None,
        notes: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        """``notes``: id -> (topics of interest, availability)."""
        self.beginResetModel()
        self._all = sorted(people, key=lambda e: fold(e.name))
        self.load = load or {}
        self.notes = notes or {}
        self._rows = self._filtered()
        self._hover = None
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._query = fold(text.strip())
        self._rows = self._filtered()
        self._hover = None
        self.endResetModel()

    def _filtered(self) -> list[Employee]:
        """Every word of the filter in the card's text, accents and case ignored."""
        words = self._query.split()
        if not words:
            return list(self._all)
        fields = ("employee_id", "name", "grade", "title", "department", "division")
        shown = ((e, fold(" ".join(getattr(e, f) or "" for f in fields))) for e in self._all)
        return [e for e, hay in shown if all(w in hay for w in words)]

    def person(self, row: int) -> Employee:
        return self._rows[row]

    def row_of(self, employee_id: str) -> int | None:
        for i, e in enumerate(self._rows):
            if e.employee_id == employee_id:
                return i
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        e = self._rows[index.row()]
        hover = self._hovered(index.row())
        worst = max((c.severity for c in hover), default=None) if hover is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            grade = f"Grade {e.grade}" if e.grade else "No grade"
            where = " · ".join(x for x in (grade, e.title, e.department) if x)
            extra = f"   [{severity.WORDS[worst]}]" if hover is not None else ""
            load = self.load.get(e.employee_id, 0)
            room = f"   ({load} paired)" if load else ""
            topics = self.notes.get(e.employee_id, ("", ""))[0]
            likes = f"\nTopics: {topics}" if topics else ""
            return f"{e.name} ({e.employee_id}){room}{extra}\n{where}{likes}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if hover is not None:
                return "\n".join(c.message for c in hover) or "No conflicts: a clean match."
            when = self.notes.get(e.employee_id, ("", ""))[1]
            return (
                f"{e.name}, grade {e.grade or '?'}, {e.division or 'no division'}, "
                f"{e.location or 'no location'}"
                + (f"\nAvailable: {when}" if when else "")
                + "\nDouble-click: interests and availability"
            )
        if role == Qt.ItemDataRole.DecorationRole and hover is not None:
            return severity.icon(worst)
        if role == Qt.ItemDataRole.BackgroundRole and hover is not None:
            return _tint(worst)
        if role == ID_ROLE:
            return e.employee_id
        return None

    def mimeTypes(self) -> list[str]:
        return [PERSON_MIME, EMPLOYEE_MIME, PAIR_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = list(dict.fromkeys(self._rows[i.row()].employee_id for i in indexes if i.isValid()))
        mime = QMimeData()
        mime.setData(PERSON_MIME, "\n".join([self.role, *ids]).encode())
        mime.setText("\n".join(ids))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        _kind, ids = decode_people(data)
        return bool(ids) or decode_pair(data) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        target = parent.row() if parent.isValid() else -1
        pair_id = decode_pair(data)
        if pair_id is not None:
            return self._on_drop("pair", [str(pair_id)], target)
        kind, ids = decode_people(data)
        if not ids:
            return False
        return self._on_drop(kind, ids, target)


class PairsModel(_BoardModel):
    """The cohort's pairs as cards: names, every conflict, the override reason, and badges for
    the pair's commitment health and agreement state."""

    def __init__(self, on_drop: DropHandler, parent: Any = None) -> None:
        super().__init__(on_drop, parent)
        self._pairs: list[PairView] = []
        self._people: dict[str, Employee] = {}
        self._health: dict[int, Health] = {}
        self._states: dict[int, AgreementState] = {}

    def set_pairs(
        self,
        pairs: list[PairView],
        people: dict[str, Employee],
        health: dict[int, Health] | None = None,
        states: dict[int, AgreementState] | None = None,
    ) -> None:
        new = list(pairs)
        old_ids = [v.pair.id for v in self._pairs]
        new_ids = [v.pair.id for v in new]
        keep = set(old_ids) & set(new_ids)
        if [i for i in old_ids if i in keep] != [i for i in new_ids if i in keep]:
            self.beginResetModel()  # another order: nothing to keep row by row
            self._pairs, self._people = new, people
            self._health, self._states = dict(health or {}), dict(states or {})
            self._hover = None
            self.endResetModel()
            return
        before = {v.pair.id: v for v in self._pairs}
        old_health, old_states = self._health, self._states
        self._people = people
        self._health, self._states = dict(health or {}), dict(states or {})
        # only the rows that changed: removed cards go, new ones come in their place, and a
        # card still there repaints if what it shows changed (selection and scroll stay)
        for row in range(len(self._pairs) - 1, -1, -1):
            if self._pairs[row].pair.id not in keep:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._pairs[row]
                self.endRemoveRows()
        for row, view in enumerate(new):
            pid = view.pair.id
            if pid not in keep:
                self.beginInsertRows(QModelIndex(), row, row)
                self._pairs.insert(row, view)
                self.endInsertRows()
            elif (
                before[pid] != view
                or old_health.get(pid) != self._health.get(pid)
                or old_states.get(pid) != self._states.get(pid)
            ):
                self._pairs[row] = view
                self.dataChanged.emit(self.index(row), self.index(row))
        self._hover = None

    def pair_ids(self) -> list[int]:
        return [v.pair.id for v in self._pairs]

    def update_badges(
        self, health: dict[int, Health], states: dict[int, AgreementState]
    ) -> list[int]:
        """Take fresh health and agreement states for some pairs; only the cards whose badges
        changed emit ``dataChanged``. Returns those rows."""
        changed: list[int] = []
        for row, view in enumerate(self._pairs):
            pid = view.pair.id
            new_h, new_s = health.get(pid), states.get(pid)
            if (new_h is None or new_h == self._health.get(pid)) and (
                new_s is None or new_s == self._states.get(pid)
            ):
                continue
            if new_h is not None:
                self._health[pid] = new_h
            if new_s is not None:
                self._states[pid] = new_s
            changed.append(row)
            idx = self.index(row)
            self.dataChanged.emit(idx, idx, _BADGE_ROLES)
        return changed

    def pair_at(self, row: int) -> PairView:
        return self._pairs[row]

    def row_of(self, pair_id: int) -> int | None:
        for i, v in enumerate(self._pairs):
            if v.pair.id == pair_id:
                return i
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._pairs)

    def _name(self, emp_id: str) -> str:
        e = self._people.get(emp_id)
        if e is None:
            return emp_id
        return f"{e.name} ({emp_id}), grade {e.grade}" if e.grade else f"{e.name} ({emp_id})"

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._pairs):
            return None
        view = self._pairs[index.row()]
        p = view.pair
        hover = self._hovered(index.row())
        shown = hover if hover is not None else view.conflicts
        worst = max((c.severity for c in shown), default=None)
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [f"{self._name(p.mentor_id)}  mentors  {self._name(p.mentee_id)}"]
            if hover is not None:
                lines.append(f"Drop here: {severity.WORDS[worst]}")
            # a word per conflict keeps a card to a few lines (a 1024-pixel screen showed one
            # and a half cards); the sentences are in the tooltip and the verdict panel
            by_level: dict[Severity, list[str]] = {}
            for c in view.conflicts:
                by_level.setdefault(c.severity, []).append(RULE_NAMES.get(c.code, c.code))
            if by_level:
                lines.append(
                    " · ".join(
                        f"{severity.WORDS[level]}: {', '.join(names)}"
                        for level, names in by_level.items()
                    )
                )
            if p.override_reason:
                lines.append(f"Override: {p.override_reason}")
            return "\n".join(lines)
        badges = badges_for(self._health.get(p.id), self._states.get(p.id))
        if role == BADGES_ROLE:
            return badges
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self.data(index, Qt.ItemDataRole.DisplayRole)
            return f"{text}\n{badges_line(badges)}" if badges else text
        if role == Qt.ItemDataRole.ToolTipRole:
            conflicts = "\n".join(c.message for c in shown) or "No conflicts."
            if hover is not None or not badges:
                return conflicts
            return "\n".join([conflicts, "", *(b.detail for b in badges)])
        if role == Qt.ItemDataRole.DecorationRole:
            return severity.icon(worst)
        if role == Qt.ItemDataRole.BackgroundRole and (hover is not None or worst is not None):
            return _tint(worst)
        if role == PAIR_ROLE:
            return p.id
        return None

    def mimeTypes(self) -> list[str]:
        return [PAIR_MIME, PERSON_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = [i.row() for i in indexes if i.isValid()]
        if rows:
            mime.setData(PAIR_MIME, str(self._pairs[rows[0]].pair.id).encode())
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        kind, ids = decode_people(data)
        return kind in ("mentor", "mentee") and bool(ids)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        kind, ids = decode_people(data)
        if kind not in ("mentor", "mentee") or not ids:
            return False
        return self._on_drop(kind, ids, parent.row() if parent.isValid() else -1)
