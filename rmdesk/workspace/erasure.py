"""Erasing a person on request: their personal data goes from every table, the counts stay.

The roster row becomes a placeholder (``erased-3``, no name, no contact, no dates) so pairs
and reports still count it; interests, availability, do-not-pair entries, the notes and
learnings of their pairs, signatures and agreement texts are blanked; any other free text
naming them has the name replaced. Then ``secure_delete``, a WAL checkpoint and ``VACUUM``
leave the name nowhere in the file's bytes. The erasure is recorded by a random token only.
"""

from __future__ import annotations

import dataclasses
import re
import secrets
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from rmdesk.errors import NotFound, StorageError
from rmdesk.models.wording import plural, plural_word
from rmdesk.workspace.audit import record_in
from rmdesk.workspace.events import DatabaseReplaced, RosterChanged
from rmdesk.workspace.roster import bump_roster_generation
from rmdesk.workspace.store import Store, now_text

ERASED = "[erased]"
#: Columns that hold an employee id, by table (kept structurally, renamed to the placeholder).
_ID_COLUMNS = {
    "employees": ("employee_id", "manager_id"),
    "participants": ("employee_id",),
    "pairs": ("mentor_id", "mentee_id"),
}
#: Free text of a pair that may say anything about the people in it.
_PAIR_TEXT = {
    "sessions": ("notes", "confidential_notes", "learnings", "topics", "cancel_reason", "place"),
}


@dataclass(frozen=True)
class ErasureReport:
    """What an erasure did: the placeholder id, what was blanked, and the backups."""

    token: str
    placeholder: str
    pairs: int
    sessions: int
    signatures: int
    agreements: int
    other_mentions: int
    checkpointed: bool
    pruned: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)

    def with_backups(
        self, pruned: list[Path] | None = None, kept: list[Path] | None = None
    ) -> ErasureReport:
        return dataclasses.replace(self, pruned=pruned or [], kept=kept or [])

    def lines(self) -> list[str]:
        """What to tell the officer, a sentence a line."""
        out = [
            f"Erased: now '{self.placeholder}' (erasure {self.token}); "
            f"{plural(self.pairs, 'pair')} kept anonymised; the notes of "
            f"{plural(self.sessions, 'session')}, {plural(self.signatures, 'signature')} and "
            f"{plural(self.agreements, 'agreement text')} cleared; "
            f"{plural(self.other_mentions, 'other mention')} removed."
        ]
        if not self.checkpointed:
            out.append(
                "Another program is reading the database: part of the old data stays in its "
                "-wal file until it closes."
            )
        if self.pruned:
            out.append(
                f"{plural(len(self.pruned), 'older backup')} holding the person "
                f"{plural_word(len(self.pruned), 'was')} deleted."
            )
        for p in self.kept:
            out.append(f"Still holds the person's data: {p}")
        out.append(
            "Files written from rmdesk before now (exports, agreement PDFs, reports, e-mail "
            "drafts, calendars, backups saved elsewhere) are outside the database: delete "
            "those that name the person yourself. Free-text notes were cleared where they "
            "named the person in full; read the pair's other notes for shorter mentions."
        )
        return out


def erase_person(store: Store, employee_id: str) -> ErasureReport:
    """Erase ``employee_id`` in one transaction, then scrub the file (see the module doc)."""
    db, conn = store.db, store.db.conn
    row = db.execute(
        "SELECT name, email FROM employees WHERE employee_id = ?", [employee_id]
    ).fetchone()
    if row is None:
        raise NotFound(f"no employee with id '{employee_id}' on the roster")
    name, email = row
    token = secrets.token_hex(8)
    conn.execute("PRAGMA secure_delete = ON")  # freed space is zeroed as it is freed
    with store.atomic():
        conn.execute("PRAGMA defer_foreign_keys = ON")  # ids are renamed parent and children
        n = db.execute("SELECT COUNT(*) FROM erasures").fetchone()[0] + 1
        placeholder = f"erased-{n}"
        while db.execute("SELECT 1 FROM employees WHERE employee_id = ?", [placeholder]).fetchone():
            n += 1
            placeholder = f"erased-{n}"
        pair_ids = [
            r[0]
            for r in db.execute(
                "SELECT id FROM pairs WHERE mentor_id = ? OR mentee_id = ?",
                [employee_id, employee_id],
            )
        ]
        counts = _blank_pair_data(store, employee_id, pair_ids)
        db.execute(
            "UPDATE employees SET name = ?, email = NULL, title = NULL, grade = NULL, "
            "manager_id = NULL, hire_date = NULL, birth_year = NULL, location = NULL, "
            "active = 0 WHERE employee_id = ?",
            [placeholder, employee_id],
        )
        bump_roster_generation(conn)
        db.execute(
            "UPDATE participants SET interests = '', availability = '' WHERE employee_id = ?",
            [employee_id],
        )
        db.execute(
            "DELETE FROM exclusions WHERE first_id = ? OR second_id = ?", [employee_id, employee_id]
        )
        for table, columns in _ID_COLUMNS.items():
            for column in columns:
                db.execute(
                    f"UPDATE {table} SET {column} = ? WHERE {column} = ?",
                    [placeholder, employee_id],
                )
        mentions = _scrub_text(conn, [name, email], employee_id, placeholder)
        db.execute("INSERT INTO erasures (at, token) VALUES (?, ?)", [now_text(), token])
        db.execute(
            "INSERT INTO settings(key, value) VALUES ('roster_generation', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [secrets.token_hex(8)],
        )
        record_in(store, "erasure", f"Erased a person's personal data (erasure {token})")
        store.emit(RosterChanged(None))
        store.emit(DatabaseReplaced())
    checkpointed = _scrub_file(conn)
    return ErasureReport(
        token, placeholder, len(pair_ids), *counts, mentions, checkpointed=checkpointed
    )


def _blank_pair_data(store: Store, employee_id: str, pair_ids: list[int]) -> tuple[int, int, int]:
    """Blank the sessions, agreement texts and signatures of the person's pairs."""
    db = store.db
    if not pair_ids:
        return 0, 0, 0
    marks = ",".join("?" * len(pair_ids))
    sessions = 0
    for table, columns in _PAIR_TEXT.items():
        sets = ", ".join(f"{c} = ''" for c in columns)
        sessions += db.execute(
            f"UPDATE {table} SET {sets} WHERE pair_id IN ({marks})", pair_ids
        ).rowcount
    db.execute(
        f"UPDATE actions SET text = ?, owner = '' WHERE pair_id IN ({marks})", [ERASED, *pair_ids]
    )
    db.execute(f"UPDATE pairs SET outcome_note = '' WHERE id IN ({marks})", pair_ids)
    agreement_ids = [
        r[0] for r in db.execute(f"SELECT id FROM agreements WHERE pair_id IN ({marks})", pair_ids)
    ]
    signatures = 0
    if agreement_ids:
        amarks = ",".join("?" * len(agreement_ids))
        signatures = db.execute(
            f"UPDATE signatures SET typed_name = ?, image = NULL WHERE agreement_id IN ({amarks})",
            [ERASED, *agreement_ids],
        ).rowcount
        db.execute(f"UPDATE agreements SET body = '{{}}' WHERE id IN ({amarks})", agreement_ids)
    return sessions, signatures, len(agreement_ids)


def _text_columns(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(table, column) of every text column outside the roster table."""
    out = []
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for table in tables:
        if table == "employees":
            continue
        for _cid, column, kind, *_rest in conn.execute(f'PRAGMA table_info("{table}")'):
            if "TEXT" in (kind or "").upper() or not kind:
                out.append((table, column))
    return out


def _scrub_text(
    conn: sqlite3.Connection, words: list[str | None], employee_id: str, placeholder: str
) -> int:
    """Replace the person's name and email in every free text, and their id where it stands as
    a word (an audit summary naming the pair), by ``[erased]`` or the placeholder id."""
    replacements = [(w, ERASED) for w in words if w and len(w) >= 3]
    id_word = re.compile(rf"(?<![\w-]){re.escape(employee_id)}(?![\w-])")
    changed = 0
    for table, column in _text_columns(conn):
        clauses = " OR ".join(f'instr("{column}", ?) > 0' for _ in [*replacements, employee_id])
        params = [w for w, _ in replacements] + [employee_id]
        rows = conn.execute(
            f'SELECT rowid, "{column}" FROM "{table}" WHERE {clauses}', params
        ).fetchall()
        for rowid, value in rows:
            if not isinstance(value, str):
                continue
            new = value
            for word, by in replacements:
                new = new.replace(word, by)
            new = id_word.sub(placeholder, new)
            if new != value:
                conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', [new, rowid])
                changed += 1
    return changed


def _scrub_file(conn: sqlite3.Connection) -> bool:
    """Checkpoint the WAL into the file, rebuild the file without free pages, and empty the WAL.
    False when another connection's reading kept part of the WAL from being emptied."""
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except sqlite3.OperationalError as exc:
        raise StorageError(
            f"the person was erased, but the file could not be rebuilt yet ({exc}); "
            "close other rmdesk windows and run the erasure again"
        ) from exc
    return not busy
