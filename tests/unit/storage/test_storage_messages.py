"""Storage failures said as they are: a locked file is not 'damaged', a dangling symbolic link
is named as one, and two processes creating one new file both open it (test_races.py)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from rmdesk.errors import StorageError
from rmdesk.storage import check_rmdesk_file, open_database


def test_an_exclusively_locked_file_is_in_use_not_damaged(db_path: Path) -> None:
    open_database(db_path).conn.close()
    other = sqlite3.connect(db_path)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')")
    other.commit()  # the exclusive lock stays until the connection closes
    try:
        with pytest.raises(StorageError) as caught:
            open_database(db_path)
        message = str(caught.value)
        assert "damaged" not in message.replace("not damaged", "")
        assert "another program" in message and "locked" in message
    finally:
        other.close()


def test_a_dangling_symlink_is_named(tmp_path: Path) -> None:
    link = tmp_path / "rmdesk.db"
    os.symlink(tmp_path / "gone" / "rmdesk.db", link)
    with pytest.raises(StorageError, match=r"symbolic link to .*gone.*which does not exist"):
        open_database(link)
    assert not (tmp_path / "gone").exists()


def test_a_restore_source_must_be_ours(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    with pytest.raises(StorageError, match=r"not an rmdesk database|empty"):
        check_rmdesk_file(empty)
    with pytest.raises(StorageError, match="does not exist"):
        check_rmdesk_file(tmp_path / "nothing.db")
