"""Reading a big roster after the window has painted (docs/architecture.md#the-gui).

The worker opens its own read-only connection to the file, reads every person and makes the
roster view's lists (search texts, sort order); the GUI thread then only installs them. Below
``BACKGROUND_FROM`` people it is not worth a thread: the window reads them before it paints.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from rmdesk.storage import open_read_only
from rmdesk.ui.common.threads import hold
from rmdesk.ui.roster.model import ALL_COLUMNS, load, searchable
from rmdesk.workspace.roster import RosterService
from rmdesk.workspace.store import Store

#: From this many people the window paints first and reads the roster in the background.
BACKGROUND_FROM = 20_000


class _Reader(QObject):
    done = Signal(object, object)  # dict[str, Employee], Loaded (shown at once)
    searchable = Signal(object)  # Searchable (the search texts, made after)
    finished = Signal()
    failed = Signal(object)

    def __init__(self, path: Path, sort: object, columns: tuple[int, ...]) -> None:
        super().__init__()
        self.path, self.sort, self.columns = path, sort, columns

    @Slot()
    def run(self) -> None:
        try:
            store = Store(open_read_only(self.path), self.path, read_only=True)
            try:
                people = RosterService(store).employees()
            finally:
                store.close()
            people_list = list(people.values())
            loaded = load(people_list, self.sort, self.columns, search=False)  # type: ignore[arg-type]
        except Exception as exc:  # handed to the GUI thread, which reads it there instead
            self.failed.emit(exc)
            self.finished.emit()
            return
        self.done.emit(people, loaded)  # the roster shows now; its search texts follow
        try:
            self.searchable.emit(searchable(loaded))
        finally:
            self.finished.emit()


class RosterLoader(QObject):
    """One background read of the roster; ``ready(people, loaded)`` on the GUI thread."""

    ready = Signal(object, object)
    #: the search texts of what ``ready`` brought (searching works before, only slower)
    search_ready = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        path: Path,
        sort: object = None,
        columns: tuple[int, ...] = ALL_COLUMNS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._thread = QThread()  # no parent: a closing window must not destroy it running
        self._reader = _Reader(path, sort, columns)
        self._reader.moveToThread(self._thread)
        self._thread.started.connect(self._reader.run)
        self._reader.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._reader.done.connect(self.ready, Qt.ConnectionType.QueuedConnection)
        self._reader.searchable.connect(self.search_ready, Qt.ConnectionType.QueuedConnection)
        self._reader.failed.connect(self.failed, Qt.ConnectionType.QueuedConnection)
        self._reader.finished.connect(self.wait, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        hold(self._thread, self._reader)  # kept until it ends, and waited for at exit
        self._thread.start()

    def wait(self) -> None:
        self._thread.quit()
        self._thread.wait()
