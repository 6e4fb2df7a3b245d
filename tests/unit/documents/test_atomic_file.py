"""Files written whole or not at all, 0600, and never in place of something that is no file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from rmdesk.documents.atomic_file import atomic_path, write_bytes_atomic


def test_written_whole_private_and_replacing_an_older_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    os.chmod(target, 0o644)
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temp file left


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("the disk filled up")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["out.csv"]


@pytest.mark.parametrize("kind", ["folder", "device", "pipe"])
def test_what_is_no_regular_file_is_refused_not_replaced(tmp_path: Path, kind: str) -> None:
    """`calendar --ics /dev/full`, run as root, swapped the device for a file of ours."""
    if kind == "folder":
        target = tmp_path / "reports"
        target.mkdir()
    elif kind == "device":
        target = Path(os.devnull)
    else:
        target = tmp_path / "pipe"
        os.mkfifo(target)
    before = target.stat()
    with pytest.raises(OSError) as info:
        write_bytes_atomic(target, b"data")
    assert info.value.filename == str(target)
    after = target.stat()
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
