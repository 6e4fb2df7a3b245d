"""A worker's own connection to the workspace file: what it commits reaches the window's
workspace through ``take_changes``, and the roster it read is adopted, not read again."""

from __future__ import annotations

from pathlib import Path

import pytest

from rmdesk.workspace import Workspace
from rmdesk.workspace.events import Event, RosterChanged
from rmdesk.workspace.roster import RosterService
from tests.conftest import SAMPLE


def test_the_second_connection_is_its_own(workspace: Workspace) -> None:
    other = workspace.second_connection()
    try:
        assert other.db.conn is not workspace.db.conn
        assert other.path == workspace.path
        other.roster.import_roster(SAMPLE)
        assert workspace.roster.count() == 198  # committed to the same file
    finally:
        other.store.close()


def test_a_database_in_memory_has_no_second_connection() -> None:
    with pytest.raises(ValueError):
        Workspace.in_memory().second_connection()


def test_taken_changes_reach_the_listeners_and_keep_the_adopted_roster(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.roster.employees()  # the window's cache: empty, before the import
    heard: list[Event] = []
    workspace.subscribe(heard.append)
    worker_events: list[Event] = []
    other = workspace.second_connection()
    other.subscribe(worker_events.append)
    report = other.roster.import_roster(SAMPLE)
    people = other.roster.employees()
    other.store.close()
    assert heard == []  # the window's workspace has heard nothing yet
    assert [type(e) for e in worker_events] == [RosterChanged]

    reads: list[str] = []
    real = RosterService.employees

    def counted(self: RosterService) -> object:
        if self._employees is None:
            reads.append("read")
        return real(self)

    monkeypatch.setattr(RosterService, "employees", counted)
    workspace.roster.adopt(people, report.import_id)
    workspace.take_changes(worker_events)
    assert heard == worker_events  # told once, as one transaction's events
    assert len(workspace.roster.employees()) == 198 and reads == []  # adopted, not read again


def test_another_imports_change_drops_an_adopted_roster(workspace: Workspace) -> None:
    """Only the import whose people were adopted keeps them; any other change drops them."""
    other = workspace.second_connection()
    other.roster.import_roster(SAMPLE)
    other.store.close()
    workspace.roster.adopt({}, import_id=41)  # as if import 41 had left nobody
    assert workspace.roster.count() == 0
    workspace.take_changes([RosterChanged(42)])  # but import 42 is what happened
    assert workspace.roster.count() == 198  # read again from the file


def test_taking_no_changes_tells_nobody(workspace: Workspace) -> None:
    heard: list[Event] = []
    workspace.subscribe(heard.append)
    workspace.take_changes([])
    assert heard == []


def test_one_person_is_read_by_id_not_with_the_whole_roster(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A view showing one pair's names read all 100k people for them (a second's freeze)."""
    workspace.roster.import_roster(SAMPLE)
    workspace.roster.forget()
    whole: list[int] = []
    real = RosterService.employees

    def counted(self: RosterService) -> object:
        whole.append(1)
        return real(self)

    monkeypatch.setattr(RosterService, "employees", counted)
    person = workspace.roster.employee("E1001")
    assert person.employee_id == "E1001" and whole == []
    workspace.roster.employees()
    assert workspace.roster.employee("E1002").employee_id == "E1002" and len(whole) == 1


def test_no_second_connection_to_a_file_moved_or_replaced_since_it_opened(
    workspace: Workspace, tmp_path: Path
) -> None:
    """An import's worker opened the path: after a move it made a new, empty workspace there
    and imported into it, while the window went on with the moved file."""
    from rmdesk.errors import StorageError

    assert workspace.path is not None
    moved = tmp_path / "moved.db"
    workspace.path.rename(moved)
    with pytest.raises(StorageError, match="moved, renamed or replaced"):
        workspace.second_connection()
    assert not workspace.path.exists()  # nothing was made in its place
    Workspace.open(workspace.path).close()  # another file now at the old path
    with pytest.raises(StorageError, match="moved, renamed or replaced"):
        workspace.second_connection()


def test_a_first_load_writes_straight_into_the_file_and_puts_the_log_back(
    tmp_path: Path,
) -> None:
    """`rmdesk import` into a new file writes its pages once (no log, then no checkpoint
    copying them again); the file is back on the write-ahead log after, even on failure."""
    import sqlite3

    ws = Workspace.open(tmp_path / "new.db")
    modes: list[str] = []
    with ws.first_load():
        modes.append(ws.db.conn.execute("PRAGMA journal_mode").fetchone()[0])
        ws.roster.import_roster(SAMPLE)
    modes.append(ws.db.conn.execute("PRAGMA journal_mode").fetchone()[0])
    with pytest.raises(RuntimeError), ws.first_load():
        raise RuntimeError("the write failed")
    modes.append(ws.db.conn.execute("PRAGMA journal_mode").fetchone()[0])
    assert modes == ["delete", "wal", "wal"]
    assert ws.roster.count() == 198
    ws.close()
    other = sqlite3.connect(tmp_path / "new.db")
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    other.close()
