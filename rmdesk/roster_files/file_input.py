"""Open a roster file safely: a regular file of bounded size, never a pipe or a device.

A FIFO or /dev/stdin would block the reader (and the digest, which opens the file too) or
give each of them part of the stream. The file is opened without blocking and judged by
its own descriptor, so nothing waits for a writer that may never come.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TypeVar

from rmdesk.errors import Problem, RosterError
from rmdesk.roster_files.limits import DEFAULT_LIMITS, MB, ReadLimits

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_T = TypeVar("_T")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def check_regular_file(path: Path) -> None:
    """Raise RosterError unless ``path`` is a regular file; never blocks (a FIFO with no
    writer is opened non-blocking, so the check returns at once)."""
    with open_roster(path):
        pass


class RosterFile:
    """A roster file, open: its first bytes, and its text read whole or a block at a time
    (so the common CSV never needs the whole file in memory at once)."""

    def __init__(self, path: Path, fh: BinaryIO, size: int, limits: ReadLimits) -> None:
        self.path, self._fh, self.size, self._limits = path, fh, size, limits
        self.head = self._guarded(lambda: _read_exactly(fh, 8))

    @property
    def is_workbook(self) -> bool:
        return self.head.startswith((ZIP_MAGIC, OLE_MAGIC))

    def _guarded(self, read: Callable[[], _T]) -> _T:
        try:
            return read()
        except OSError as exc:
            problem = f"{self.path} cannot be read: {exc.strerror or exc}"
            raise RosterError([Problem(problem)]) from exc

    def _too_big(self, size: int) -> None:
        limit = self._limits.max_text_bytes
        if size > limit:
            raise RosterError(
                [
                    Problem(
                        f"{self.path.name} is too big to import: {size / MB:,.0f} MB "
                        f"(the limit is {limit / MB:,.0f} MB)"
                    )
                ]
            )

    def block(self, start: int, size: int) -> bytes:
        """Up to ``size`` bytes from byte ``start`` of a text file within the size limit."""
        self._too_big(self.size)

        def read() -> bytes:
            self._fh.seek(start)
            return _read_exactly(self._fh, size)

        return self._guarded(read)

    def chunks(self, start: int, size: int) -> Iterator[bytes]:
        """The file from byte ``start`` to its end, ``size`` bytes at a time, read on from one
        place (a seek costs as much as a read on some file systems)."""
        self._too_big(self.size)
        self._guarded(lambda: self._fh.seek(start))
        while chunk := self._guarded(lambda: _read_exactly(self._fh, size)):
            yield chunk

    def whole(self) -> bytes:
        """The whole text of the file, refused past ``limits.max_text_bytes``."""
        self._too_big(self.size)
        data = self.block(0, self._limits.max_text_bytes + 1)
        if len(data) > self._limits.max_text_bytes:  # it grew while being read
            raise RosterError([Problem(f"{self.path.name} is too big to import")])
        return data


@contextmanager
def open_roster(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[RosterFile]:
    """``path`` opened for reading. Refuses what is not a regular file (a pipe, a device,
    a folder) and a missing or unreadable one."""
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError as exc:
        if path.is_symlink():
            raise RosterError([Problem(f"{path} is a link to a file that does not exist")]) from exc
        raise RosterError([Problem(f"no such file: {path}")]) from exc
    except OSError as exc:
        raise RosterError([Problem(f"{path} cannot be read: {exc.strerror or exc}")]) from exc
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise RosterError(
            [
                Problem(
                    f"{path} is {_kind(info.st_mode)}, not a file; save the roster as a "
                    "CSV or Excel file and import that"
                )
            ]
        )
    with os.fdopen(fd, "rb", buffering=0) as fh:
        yield RosterFile(path, fh, info.st_size, limits)


def _read_exactly(fh: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes, reading on after short reads, until the end of the file."""
    parts: list[bytes] = []
    left = size
    while left > 0:
        block = fh.read(min(left, 64 * MB))
        if not block:
            break
        parts.append(block)
        left -= len(block)
    return b"".join(parts)
