"""Typed change events: what changed, said once per transaction (docs/architecture.md#events).

Every service announces its writes through ``Store.emit``. Inside a transaction the events
are held back; when the outermost transaction commits, events of one kind are merged (the
pairs added in one cohort by 600 accepted proposals become one ``PairsChanged``) and handed to
the listeners in the order their kinds first occurred. A rolled-back transaction announces
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Event:
    """Base of every change event. ``merge`` folds a later event of the same kind into this."""

    def key(self) -> tuple[object, ...]:
        """Events with equal keys are merged into one when a transaction ends."""
        return (type(self),)

    def merge(self, later: Event) -> Event:
        return later


@dataclass(frozen=True)
class RosterChanged(Event):
    """An import (or an erasure) changed who is on the roster; every roster read is stale."""

    import_id: int | None = None


@dataclass(frozen=True)
class SettingsChanged(Event):
    keys: frozenset[str] = frozenset()

    def merge(self, later: Event) -> Event:
        assert isinstance(later, SettingsChanged)
        return SettingsChanged(self.keys | later.keys)


@dataclass(frozen=True)
class CohortsChanged(Event):
    """Cohorts were created, edited or deleted."""

    cohort_ids: frozenset[int] = frozenset()

    def merge(self, later: Event) -> Event:
        assert isinstance(later, CohortsChanged)
        return CohortsChanged(self.cohort_ids | later.cohort_ids)


@dataclass(frozen=True)
class _PerCohort(Event):
    cohort_id: int = 0

    def key(self) -> tuple[object, ...]:
        return (type(self), self.cohort_id)


@dataclass(frozen=True)
class ParticipantsChanged(_PerCohort):
    """People were enrolled, withdrawn, switched or had their interests edited in a cohort.
    ``cohort_id`` 0 means the do-not-pair list, which spans cohorts."""

    employee_ids: frozenset[str] = frozenset()

    def merge(self, later: Event) -> Event:
        assert isinstance(later, ParticipantsChanged)
        return ParticipantsChanged(self.cohort_id, self.employee_ids | later.employee_ids)


@dataclass(frozen=True)
class PairsChanged(_PerCohort):
    """Pairs were added, removed (or ended) or changed (closed, reopened) in one cohort."""

    added: frozenset[int] = frozenset()
    removed: frozenset[int] = frozenset()
    changed: frozenset[int] = frozenset()

    def merge(self, later: Event) -> Event:
        assert isinstance(later, PairsChanged)
        added = (self.added | later.added) - later.removed
        removed = (self.removed - later.added) | (later.removed - self.added)
        changed = (self.changed | later.changed) - removed - added
        return PairsChanged(self.cohort_id, added, removed, changed)

    @property
    def pair_ids(self) -> frozenset[int]:
        return self.added | self.removed | self.changed


@dataclass(frozen=True)
class _PerPairs(Event):
    pair_ids: frozenset[int] = field(default_factory=frozenset)

    def merge(self, later: Event) -> Event:
        assert isinstance(later, type(self))
        return type(self)(self.pair_ids | later.pair_ids)


@dataclass(frozen=True)
class TemplateChanged(Event):
    """A cohort's agreement template was edited."""

    cohort_id: int = 0

    def key(self) -> tuple[object, ...]:
        return (type(self), self.cohort_id)


@dataclass(frozen=True)
class AgreementsChanged(_PerPairs):
    """Agreement text, versions or signatures changed for these pairs."""


@dataclass(frozen=True)
class SessionsChanged(_PerPairs):
    """Sessions were planned, moved, logged or dropped for these pairs."""


@dataclass(frozen=True)
class ActionsChanged(_PerPairs):
    """Actions were added, edited or done for these pairs."""


@dataclass(frozen=True)
class DatabaseReplaced(Event):
    """A restore or an erasure rewrote the file: everything read before is stale."""


Listener = Callable[[Event], None]


class EventBus:
    """Listeners and the events held back by an open transaction."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._held: dict[tuple[object, ...], Event] | None = None
        self._depth = 0

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def emit(self, event: Event) -> None:
        if self._held is None:
            self._deliver([event])
            return
        k = event.key()
        before = self._held.get(k)
        self._held[k] = event if before is None else before.merge(event)

    # -- holding back (used by Store's transactions) -----------------------------------------
    def hold(self) -> None:
        if self._depth == 0:
            self._held = {}
        self._depth += 1

    def release(self, committed: bool) -> None:
        self._depth -= 1
        if self._depth:
            return
        held, self._held = self._held or {}, None
        if committed and held:
            self._deliver(list(held.values()))

    def _deliver(self, events: list[Event]) -> None:
        for event in events:
            for listener in list(self._listeners):
                listener(event)
