"""Making a big roster's lists off the GUI thread (docs/architecture.md#the-gui).

``RosterLoader.from_file`` reads every person on a read-only connection of its own, after the
window has painted, and makes the roster view's lists (sort order, then search texts); the GUI
thread only installs them. ``RosterLoader.from_people`` makes such lists from people already
read (the pairing board's candidates). Below ``rmdesk.ui.roster.BACKGROUND_FROM`` people a
thread is not worth it: the lists are made on the spot.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from rmdesk.models.people import Employee
from rmdesk.storage import open_read_only
from rmdesk.ui.common.threads import hold
from rmdesk.ui.roster.model import ALL_COLUMNS, load, searchable
from rmdesk.workspace.roster import RosterService
from rmdesk.workspace.store import Store


class _Reader(QObject):
    done = Signal(object, object)  # dict[str, Employee], Loaded (shown at once)
    searchable = Signal(object)  # Searchable (the search texts, made after)
    finished = Signal()
    failed = Signal(object)

    def __init__(
        self,
        read: Callable[[], dict[str, Employee]],
        keep: Callable[[Employee], bool] | None,
        sort: object,
        columns: tuple[int, ...],
    ) -> None:
        super().__init__()
        self.read, self.keep, self.sort, self.columns = read, keep, sort, columns

    @Slot()
    def run(self) -> None:
        read, keep = self.read, self.keep
        self.read, self.keep = dict, None  # the held worker keeps no roster once it ran
        try:
            people = read()
            people_list = [e for e in people.values() if keep(e)] if keep else list(people.values())
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


def _read_file(path: Path) -> Callable[[], dict[str, Employee]]:
    def read() -> dict[str, Employee]:
        store = Store(open_read_only(path), path, read_only=True)
        try:
            return RosterService(store).employees()
        finally:
            store.close()

    return read


class RosterLoader(QObject):
    """One background job making a roster's lists; ``ready(people, loaded)`` and then
    ``search_ready(searchable)`` on the GUI thread."""

    ready = Signal(object, object)
    #: the search texts of what ``ready`` brought (searching works before, only slower)
    search_ready = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        read: Callable[[], dict[str, Employee]],
        keep: Callable[[Employee], bool] | None = None,
        sort: object = None,
        columns: tuple[int, ...] = ALL_COLUMNS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._thread = QThread()  # no parent: a closing window must not destroy it running
        self._reader = _Reader(read, keep, sort, columns)
        self._reader.moveToThread(self._thread)
        self._thread.started.connect(self._reader.run)
        self._reader.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._reader.done.connect(self.ready, Qt.ConnectionType.QueuedConnection)
        self._reader.searchable.connect(self.search_ready, Qt.ConnectionType.QueuedConnection)
        self._reader.failed.connect(self.failed, Qt.ConnectionType.QueuedConnection)
        self._reader.finished.connect(self.wait, Qt.ConnectionType.QueuedConnection)

    @classmethod
    def from_file(
        cls, path: Path, sort: object, columns: tuple[int, ...], parent: QObject | None = None
    ) -> RosterLoader:
        """Everybody in the workspace file ``path``, read on a connection of the worker's."""
        return cls(_read_file(path), None, sort, columns, parent)

    @classmethod
    def from_people(
        cls,
        people: dict[str, Employee],
        keep: Callable[[Employee], bool],
        sort: object,
        columns: tuple[int, ...],
        parent: QObject | None = None,
    ) -> RosterLoader:
        """Those of ``people`` (read already, never changed) whom ``keep`` keeps."""
        return cls(lambda: people, keep, sort, columns, parent)

    def start(self) -> None:
        hold(self._thread, self._reader)  # kept until it ends, and waited for at exit
        self._thread.start()

    def wait(self) -> None:
        self._thread.quit()
        self._thread.wait()
