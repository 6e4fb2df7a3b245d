"""The SQLite file behind a workspace: opening, refusing foreign or newer files, migrations.

The migrations live in ``schema``, the opening and inspecting in ``opening``; both fronts and
the workspace import from here.
"""

from __future__ import annotations

from rmdesk.storage.opening import (
    CACHE_KB,
    check_rmdesk_file,
    open_database,
    open_read_only,
)
from rmdesk.storage.schema import (
    APPLICATION_ID,
    KNOWN_MIGRATIONS,
    MIGRATION_SET,
    SCHEMA_VERSION,
    migrations,
)

__all__ = [
    "APPLICATION_ID",
    "CACHE_KB",
    "KNOWN_MIGRATIONS",
    "MIGRATION_SET",
    "SCHEMA_VERSION",
    "check_rmdesk_file",
    "migrations",
    "open_database",
    "open_read_only",
]
