"""Write a file whole or not at all: a private temp file beside the target, then ``os.replace``."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

FILE_MODE = 0o600  # exports hold names of people: readable by their owner only


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temp path in the target's folder; on a clean exit it replaces the target.

    On an exception the temp file goes and the target is left as it was.
    """
    target = Path(target)
    # only a regular file is replaced: a folder, a device (/dev/null, /dev/full) or a pipe
    # named as the output is refused, never swapped for a file of ours
    if target.exists() and not target.is_file():
        kind = "a folder" if target.is_dir() else "not a regular file"
        raise OSError(errno.EISDIR if target.is_dir() else errno.EINVAL, kind, str(target))
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:  # say which file could not be written, not the temporary one
        raise OSError(exc.errno, exc.strerror, str(target)) from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, FILE_MODE)  # a library may have recreated the file with the umask's mode
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes_atomic(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically, mode 0600."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)
