"""Errors as sentences an officer can act on: "The folder /x does not exist.", not
"[Errno 2] No such file or directory: '/x/y.pdf'"."""

from __future__ import annotations

import errno
from pathlib import Path

#: What an operating-system error means for a file the officer chose, in words.
_REASONS = {
    errno.ENOENT: "its folder does not exist",
    errno.EACCES: "rmdesk may not write there (permission denied)",
    errno.EPERM: "rmdesk may not write there (permission denied)",
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the drive is read-only",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.ENAMETOOLONG: "the name is too long",
}


def error_sentence(exc: BaseException) -> str:
    """``exc`` as one sentence: capitalised, ending with a full stop; a file error names the
    file and says what is wrong in words."""
    if isinstance(exc, OSError) and exc.filename is not None:
        reason = _REASONS.get(exc.errno or 0) or (exc.strerror or str(exc)).rstrip(".")
        return f"{Path(str(exc.filename))} cannot be written: {reason}."
    text = str(exc).strip() or type(exc).__name__
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
