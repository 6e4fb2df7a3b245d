"""The Workspace's typed change events as Qt signals, delivered on the GUI thread.

A view connects to the kinds it shows (docs/architecture.md#events): the pairing board to
``pairs`` and ``participants``, the roster to ``roster``. An event emitted from a worker
thread is queued to the GUI thread by Qt's automatic connections.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, SignalInstance

from rmdesk.workspace import Workspace
from rmdesk.workspace.events import (
    ActionsChanged,
    AgreementsChanged,
    CohortsChanged,
    DatabaseReplaced,
    Event,
    PairsChanged,
    ParticipantsChanged,
    RosterChanged,
    SessionsChanged,
    SettingsChanged,
    TemplateChanged,
)


class WorkspaceSignals(QObject):
    """One signal per kind of change; each carries its event."""

    changed = Signal(object)  # every Event
    roster = Signal(object)  # RosterChanged
    settings = Signal(object)  # SettingsChanged
    cohorts = Signal(object)  # CohortsChanged
    participants = Signal(object)  # ParticipantsChanged
    pairs = Signal(object)  # PairsChanged
    template = Signal(object)  # TemplateChanged
    agreements = Signal(object)  # AgreementsChanged
    sessions = Signal(object)  # SessionsChanged
    actions = Signal(object)  # ActionsChanged
    replaced = Signal(object)  # DatabaseReplaced

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._by_kind: dict[type[Event], SignalInstance] = {
            RosterChanged: self.roster,
            SettingsChanged: self.settings,
            CohortsChanged: self.cohorts,
            ParticipantsChanged: self.participants,
            PairsChanged: self.pairs,
            TemplateChanged: self.template,
            AgreementsChanged: self.agreements,
            SessionsChanged: self.sessions,
            ActionsChanged: self.actions,
            DatabaseReplaced: self.replaced,
        }
        workspace.subscribe(self._relay)

    def _relay(self, event: Event) -> None:
        signal = self._by_kind.get(type(event))
        if signal is not None:
            signal.emit(event)
        self.changed.emit(event)

    def detach(self) -> None:
        self.workspace.unsubscribe(self._relay)
