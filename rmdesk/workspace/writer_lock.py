"""One writer per database: a lock file beside it naming the process that holds it.

``<db>.lock`` is created with O_EXCL and holds the holder's pid, host, user and start time, so
a second rmdesk can say who has the file. A lock left by a crashed process on this host (its
pid is gone) is taken over. No Qt here: the CLI and the GUI share it.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rmdesk.errors import StorageError

#: How long a CLI write waits for another process to let go of the file, in seconds.
CLI_WAIT = 5.0
_POLL = 0.05


@dataclass(frozen=True)
class LockHolder:
    """Who holds a database: read from its lock file."""

    pid: int
    host: str
    user: str
    since: str

    def describe(self) -> str:
        """'process 4242 of ana on laptop-7, since 2026-03-02 10:00'."""
        since = self.since
        with contextlib.suppress(ValueError):
            since = datetime.fromisoformat(self.since).strftime("%Y-%m-%d %H:%M")
        return (
            f"process {self.pid} of {self.user or 'an unknown user'} on {self.host}, since {since}"
        )

    @property
    def is_here(self) -> bool:
        return self.host == socket.gethostname()

    @property
    def is_alive(self) -> bool:
        """False only when the holder is on this host and its pid no longer runs."""
        if not self.is_here:
            return True  # another machine (a shared folder): cannot tell, so respect it
        return _pid_alive(self.pid)


class LockHeld(StorageError):
    """Another live process holds the database's writer lock."""

    def __init__(self, path: Path, holder: LockHolder) -> None:
        self.holder = holder
        super().__init__(
            f"{path} is open for writing in another rmdesk ({holder.describe()}); "
            "nothing was written. Close it there, or retry when it is done."
        )


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, somebody else's
    except OSError:
        return False
    return True


def lock_path(db_path: Path) -> Path:
    return Path(f"{db_path}.lock")


def read_holder(path: Path) -> LockHolder | None:
    """The holder named in the lock file ``path``; None when there is none or it is unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockHolder(
            int(data["pid"]), str(data["host"]), str(data["user"]), str(data["since"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _me() -> LockHolder:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    since = datetime.now().astimezone().isoformat(timespec="seconds")
    return LockHolder(os.getpid(), socket.gethostname(), user, since)


# Locks this process holds, by lock file, with how many WriterLocks share each.
_HELD: dict[Path, int] = {}


class WriterLock:
    """The writer lock of one database file. ``acquire`` and ``release`` pair up; a process
    that already holds the lock (another window over the same file) shares it."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path.resolve())
        self.held = False

    def holder(self) -> LockHolder | None:
        """Who holds the lock now, if anybody (this process included)."""
        return read_holder(self.path)

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, waiting up to ``wait`` seconds; raises LockHeld naming the holder."""
        if self.held:
            return
        deadline = time.monotonic() + wait
        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            holder = self._try()
            if holder is None:
                self.held = True
                _HELD[self.path] = _HELD.get(self.path, 0) + 1
                return
            if time.monotonic() >= deadline:
                raise LockHeld(self.db_path, holder)
            time.sleep(_POLL)

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        count = _HELD.get(self.path, 1) - 1
        if count > 0:
            _HELD[self.path] = count
            return
        _HELD.pop(self.path, None)
        holder = read_holder(self.path)
        if holder is not None and holder.pid == os.getpid() and holder.is_here:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def _try(self) -> LockHolder | None:
        """Take the lock if free or stale; else the live holder."""
        if self.path in _HELD:
            return None  # this process holds it already
        me = _me()
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            holder = read_holder(self.path)
            if holder is None and self._age() < 1.0:
                time.sleep(_POLL)  # most likely being written this instant: read it again
                holder = read_holder(self.path)
            if holder is not None and holder.is_alive:
                return holder
            self._take_over(holder)  # its process is gone, or the file is garbage
            return self._try_again()
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(me.__dict__, fh)
        return None

    def _try_again(self) -> LockHolder | None:
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            return read_holder(self.path) or LockHolder(0, socket.gethostname(), "", "now")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(_me().__dict__, fh)
        return None

    def _age(self) -> float:
        try:
            return time.time() - self.path.stat().st_mtime
        except OSError:
            return 0.0

    def _take_over(self, stale: LockHolder | None) -> None:
        """Remove a stale lock. It is first renamed aside, so two processes taking it over at
        once cannot remove a fresh lock the other just made: a lock that turns out to be live
        is put back."""
        aside = self.path.with_name(f"{self.path.name}.stale-{os.getpid()}")
        try:
            os.rename(self.path, aside)
        except FileNotFoundError:
            return
        if read_holder(aside) == stale:
            aside.unlink(missing_ok=True)
            return
        with contextlib.suppress(FileExistsError):  # put back unless replaced meanwhile
            os.link(aside, self.path)
        aside.unlink(missing_ok=True)
