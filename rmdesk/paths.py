"""Where rmdesk keeps its data by default."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "RMDESK_DB"
DB_NAME = "rmdesk.db"
#: The repository's resources/ folder; `make run` installs rmdesk editable, so it is found here.
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def default_db_path() -> Path:
    """``RMDESK_DB`` when set, else ``rmdesk.db`` in the per-user data folder."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir  # only when no --db is given (8 ms to import)

    return Path(user_data_dir("rmdesk", appauthor=False)) / DB_NAME


def resource(name: str) -> Path:
    return RESOURCES / name
