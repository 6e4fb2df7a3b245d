"""The rotating log file in the data folder, where unexpected errors are written in full.

The GUI's crash dialog and the CLI's one-line error both point the officer here
(docs/architecture.md#the-gui).
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_data_dir

LOG_NAME = "rmdesk.log"
MAX_BYTES = 1_000_000
BACKUPS = 3

_handler: RotatingFileHandler | None = None


class _PrivateRotatingFileHandler(RotatingFileHandler):
    """A RotatingFileHandler whose every new file, the one after a rollover too, is 0600."""

    def _open(self):  # type: ignore[no-untyped-def]  # typeshed gives it no types
        if not os.path.exists(self.baseFilename):
            os.close(os.open(self.baseFilename, os.O_CREAT | os.O_WRONLY, 0o600))
        return super()._open()


def log_path() -> Path:
    """``rmdesk.log`` in the per-user data folder (beside the default database)."""
    return Path(user_data_dir("rmdesk", appauthor=False)) / LOG_NAME


def setup_logging(path: Path | None = None) -> Path | None:
    """Send the ``rmdesk`` loggers to a rotating file (created 0600); idempotent.

    Returns the file, or None when it cannot be written (a read-only home): logging must
    never be the reason rmdesk fails."""
    global _handler
    target = path or log_path()
    if _handler is not None and Path(_handler.baseFilename) == target.resolve():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler = _PrivateRotatingFileHandler(
            target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("rmdesk")
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # never onto stderr through the root logger
    _handler = handler
    return target
