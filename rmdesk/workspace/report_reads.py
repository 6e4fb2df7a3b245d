"""The SQL behind ``ws.reports``: a cohort's pairs, sessions, actions and agreements, one query a
table, turned into the plain facts the figures, the report and the exports are made of.

Confidential session notes are read only by ``session_rows`` and only when asked for.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from rmdesk.models.actions import Action
from rmdesk.models.agreements import AgreementBody, AgreementVersion, Signature
from rmdesk.models.sessions import Session, frequency_days
from rmdesk.workspace.session_reads import RAN

#: The pair rows a report covers: active pairs and pairs closed with an outcome. A pair taken
#: back on the board before anything happened has none, and a duplicate was never meant to
#: exist (``session_reads.RAN``).
REPORTED_PAIRS = f"p.cohort_id = ? AND {RAN}"
_SESSION_KEYS = (
    "id", "pair_id", "starts_at", "duration_min", "status", "cancelled_by", "cancel_reason",
    "learnings", "role_reversal",
)  # fmt: skip
_ACTION_KEYS = ("id", "pair_id", "text", "owner", "due", "done_on", "session_id")
_EMPTY_BODY = AgreementBody()


@dataclass(frozen=True, slots=True)
class PairRow:
    """One stored pair as the reports need it."""

    pair_id: int
    mentor_id: str
    mentee_id: str
    status: str
    outcome: str | None
    private: bool
    paired_on: date | None


def _day(text: object) -> date | None:
    try:
        return datetime.fromisoformat(str(text)).date() if text else None
    except ValueError:
        return None


def pair_rows(conn: sqlite3.Connection, cohort_id: int) -> list[PairRow]:
    """The cohort's reported pairs, oldest first."""
    rows = conn.execute(
        "SELECT p.id, p.mentor_id, p.mentee_id, p.status, p.outcome, p.private, p.created_at "
        f"FROM pairs p WHERE {REPORTED_PAIRS} ORDER BY p.id",
        [cohort_id],
    )
    return [PairRow(r[0], r[1], r[2], r[3], r[4], bool(r[5]), _day(r[6])) for r in rows]


def enrolled(conn: sqlite3.Connection, cohort_id: int) -> tuple[int, int]:
    """(mentors, mentees) enrolled in the cohort."""
    counts = dict(
        conn.execute(
            "SELECT role, COUNT(*) FROM participants WHERE cohort_id = ? GROUP BY role",
            [cohort_id],
        ).fetchall()
    )
    return int(counts.get("mentor", 0)), int(counts.get("mentee", 0))


def sessions_by_pair(conn: sqlite3.Connection, cohort_id: int) -> dict[int, list[Session]]:
    """Every session of the reported pairs, in start order, without the confidential notes."""
    cols = ", ".join(f"s.{k}" for k in _SESSION_KEYS)
    out: dict[int, list[Session]] = {}
    rows = conn.execute(
        f"SELECT {cols} FROM sessions s JOIN pairs p ON p.id = s.pair_id "
        f"WHERE {REPORTED_PAIRS} ORDER BY s.pair_id, s.starts_at, s.id",
        [cohort_id],
    )
    for r in rows:
        s = _session(r)
        out.setdefault(s.pair_id, []).append(s)
    return out


def _session(r: Sequence[Any]) -> Session:
    """A session from a row of ``_SESSION_KEYS`` (the schema's CHECKs vouch for the status and
    the canceller; built directly, since a dict per row was half the dashboard's read time)."""
    sid, pid, starts, length, status, by, reason, learnings, reversal = r
    return Session(
        id=sid,
        pair_id=pid,
        starts_at=datetime.fromisoformat(starts),
        duration_min=length or 60,
        status=status,
        cancelled_by=by,
        cancel_reason=reason or "",
        learnings=learnings or "",
        role_reversal=bool(reversal),
    )


def session_rows(
    conn: sqlite3.Connection, cohort_id: int, confidential: bool
) -> Iterator[tuple[Session, str]]:
    """Each session of the reported pairs with its confidential note ('' unless asked for)."""
    cols = ", ".join(f"s.{k}" for k in _SESSION_KEYS)
    note = "s.confidential_notes" if confidential else "''"
    rows = conn.execute(
        f"SELECT {cols}, {note} FROM sessions s JOIN pairs p ON p.id = s.pair_id "
        f"WHERE {REPORTED_PAIRS} ORDER BY s.pair_id, s.starts_at, s.id",
        [cohort_id],
    )
    for r in rows:
        yield _session(r[:-1]), str(r[-1] or "")


def actions_by_pair(conn: sqlite3.Connection, cohort_id: int) -> dict[int, list[Action]]:
    """Every action of the reported pairs, by due date (undated last)."""
    cols = ", ".join(f"a.{k}" for k in _ACTION_KEYS)
    out: dict[int, list[Action]] = {}
    rows = conn.execute(
        f"SELECT {cols} FROM actions a JOIN pairs p ON p.id = a.pair_id "
        f"WHERE {REPORTED_PAIRS} ORDER BY a.pair_id, a.due IS NULL, a.due, a.id",
        [cohort_id],
    )
    for r in rows:
        a = Action.from_row(dict(zip(_ACTION_KEYS, r, strict=True)))
        out.setdefault(a.pair_id, []).append(a)
    return out


def agreement_versions(
    conn: sqlite3.Connection, cohort_id: int
) -> tuple[dict[int, list[AgreementVersion]], dict[tuple[int, int], str]]:
    """Each pair's agreement versions with their signatures (bodies left out: the state needs
    only numbers, hashes and signatures), and the rhythm each version agreed, by (pair, number)."""
    versions: dict[int, list[tuple[int, int, str | None]]] = {}
    rhythm: dict[tuple[int, int], str] = {}
    for aid, pair_id, number, sha, frequency in conn.execute(
        "SELECT a.id, a.pair_id, a.version, a.sha256, json_extract(a.body, '$.frequency') "
        f"FROM agreements a JOIN pairs p ON p.id = a.pair_id WHERE {REPORTED_PAIRS} "
        "ORDER BY a.pair_id, a.version",
        [cohort_id],
    ):
        versions.setdefault(pair_id, []).append((aid, number, sha))
        if frequency:
            rhythm[(pair_id, number)] = str(frequency)
    signed: dict[int, list[Signature]] = {}
    for aid, role, on in conn.execute(
        "SELECT s.agreement_id, s.role, s.signed_on FROM signatures s "
        "JOIN agreements a ON a.id = s.agreement_id JOIN pairs p ON p.id = a.pair_id "
        f"WHERE {REPORTED_PAIRS}",
        [cohort_id],
    ):
        signed.setdefault(aid, []).append(Signature(role, "", _day(on) or date.min))
    out = {
        pid: [
            AgreementVersion(number, _EMPTY_BODY, sha, None, tuple(signed.get(aid, ())))
            for aid, number, sha in rows
        ]
        for pid, rows in versions.items()
    }
    return out, rhythm


def signed_by_both(versions: list[AgreementVersion]) -> AgreementVersion | None:
    """The latest frozen version both people signed (what the pair meets by), or None."""
    for v in reversed(versions):
        if not v.is_draft and v.signed_by("mentor") and v.signed_by("mentee"):
            return v
    return None


def every_days(frequency: str | None) -> int | None:
    """The days between sessions an agreed rhythm means, None when unknown."""
    if not frequency:
        return None
    try:
        return frequency_days(frequency)
    except ValueError:
        return None


def latest_body(conn: sqlite3.Connection, pair_id: int) -> AgreementBody | None:
    """The body of the pair's latest agreement version, or None before the first one."""
    row = conn.execute(
        "SELECT body FROM agreements WHERE pair_id = ? ORDER BY version DESC LIMIT 1", [pair_id]
    ).fetchone()
    return None if row is None else AgreementBody.from_json(str(row[0]))


def set_private(conn: sqlite3.Connection, pair_id: int, private: bool) -> tuple[int, bool] | None:
    """Set the pair's "leave out of reports" flag; (cohort id, the flag before) or None."""
    row = conn.execute("SELECT cohort_id, private FROM pairs WHERE id = ?", [pair_id]).fetchone()
    if row is None:
        return None
    conn.execute("UPDATE pairs SET private = ? WHERE id = ?", [int(private), pair_id])
    return int(row[0]), bool(row[1])
