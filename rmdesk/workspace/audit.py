"""The audit log: what was done to the programme's data and when (imports, overrides,
signings, erasures, restores), kept in the ``audit`` table of the database itself. Writing an
entry announces no event of its own: it always comes with the change it records, and the log
view reads it when shown.

An entry is written inside the caller's transaction, so it exists exactly when the change
it describes does. Summaries never carry a person's name after an erasure (see erasure.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from rmdesk.workspace.store import Store, now_text

#: The kinds of entry, as stored.
KINDS = ("import", "override", "signing", "erasure", "restore", "backup")


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    id: int
    at: str
    kind: str
    summary: str


def record_in(store: Store, kind: str, summary: str) -> int:
    """Append an entry inside the open transaction (or one of its own); returns its id."""
    if kind not in KINDS:
        raise ValueError(f"unknown audit kind {kind!r}")
    with store.atomic():
        cur = store.db.execute(
            "INSERT INTO audit (at, kind, summary) VALUES (?, ?, ?)", [now_text(), kind, summary]
        )
    return int(cur.lastrowid or 0)


class AuditService:
    """``ws.audit``: append to and read the audit log."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def record(self, kind: str, summary: str) -> int:
        """Append an entry (``kind`` one of KINDS) in the caller's transaction, if any."""
        return record_in(self.store, kind, summary)

    def entries(self, kind: str | None = None, limit: int | None = None) -> list[AuditEntry]:
        """Entries newest first, optionally of one kind and at most ``limit`` of them."""
        sql = "SELECT id, at, kind, summary FROM audit"
        params: list[object] = []
        if kind is not None:
            sql += " WHERE kind = ?"
            params.append(kind)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [AuditEntry(*row) for row in self.store.db.execute(sql, params)]
