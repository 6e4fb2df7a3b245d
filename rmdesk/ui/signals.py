"""Turn the Workspace's plain change callbacks into Qt signals, delivered on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from rmdesk.workspace import Workspace


class WorkspaceSignals(QObject):
    """Emits ``changed(topic)``; emitted from a worker thread it is queued to the GUI thread."""

    changed = Signal(str)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        workspace.subscribe(self._relay)

    def _relay(self, topic: str) -> None:
        self.changed.emit(topic)

    def detach(self) -> None:
        self.workspace.unsubscribe(self._relay)
