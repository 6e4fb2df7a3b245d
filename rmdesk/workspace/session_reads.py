"""The SQL behind ``ws.sessions``' reads: sessions, actions and agreed rhythms, a cohort at once.

Kept apart from the service so that its writes stay readable; every function takes the open
connection and returns domain objects, parsed once here (health for 1,000 pairs reads three
queries, never one per pair).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import fields
from datetime import date, datetime, time
from typing import Any

from rmdesk.models.actions import Action
from rmdesk.models.agreements import AgreementBody
from rmdesk.models.health import HealthThresholds
from rmdesk.models.sessions import DefaultRhythm, Session, frequency_days, normalise_frequency

SESSION_COLUMNS = (
    "id, pair_id, starts_at, duration_min, status, cancelled_by, cancel_reason, place, topics, "
    "learnings, role_reversal, confidential_notes, rescheduled_to, updated_at"
)
_SESSION_KEYS = tuple(c.strip() for c in SESSION_COLUMNS.split(","))
ACTION_COLUMNS = "id, pair_id, text, owner, due, done_on, session_id"
_ACTION_KEYS = tuple(c.strip() for c in ACTION_COLUMNS.split(","))

#: A frozen version signed by both people (the officer's signature is not needed to meet).
_SIGNED = (
    "a.sha256 IS NOT NULL AND (SELECT COUNT(DISTINCT s.role) FROM signatures s "
    "WHERE s.agreement_id = a.id AND s.role IN ('mentor', 'mentee')) = 2"
)


_parse = datetime.fromisoformat


def session_of(row: tuple[Any, ...]) -> Session:
    """A session from a row of ``SESSION_COLUMNS``. Faster than ``Session.from_row`` (health
    reads 12,000 of these): the schema's CHECK constraints already refused bad statuses."""
    (sid, pair_id, starts, length, status, by, reason, place, topics, learnings, reversal,
     notes, moved, updated) = row  # fmt: skip
    return Session(
        sid, pair_id, _parse(starts), length or 60, status, by, reason or "", place or "",
        topics or "", learnings or "", bool(reversal), notes or "", moved,
        _parse(updated) if updated else None,
    )  # fmt: skip


def action_of(row: Iterable[object]) -> Action:
    return Action.from_row(dict(zip(_ACTION_KEYS, row, strict=True)))


def sessions_where(db: sqlite3.Connection, where: str, args: list[object]) -> list[Session]:
    sql = f"SELECT {SESSION_COLUMNS} FROM sessions s {where} ORDER BY s.pair_id, s.starts_at, s.id"
    return [session_of(r) for r in db.execute(sql, args)]


def cohort_sessions(db: sqlite3.Connection, cohort_id: int) -> dict[int, list[Session]]:
    """Every session of the cohort's active pairs, by pair, in start order (one query)."""
    out: dict[int, list[Session]] = {}
    cols = ", ".join(f"s.{c}" for c in _SESSION_KEYS)
    rows = db.execute(
        f"SELECT {cols} FROM sessions s JOIN pairs p ON p.id = s.pair_id "
        "WHERE p.cohort_id = ? AND p.status = 'active' ORDER BY s.pair_id, s.starts_at, s.id",
        [cohort_id],
    )
    for r in rows:
        s = session_of(r)
        out.setdefault(s.pair_id, []).append(s)
    return out


def closed_pairs(db: sqlite3.Connection, cohort_id: int) -> dict[int, datetime]:
    """The cohort's closed pairs (taken back before they met too), and when each closed."""
    rows = db.execute(
        "SELECT p.id, p.ended_at FROM pairs p WHERE p.cohort_id = ? AND p.status <> 'active'",
        [cohort_id],
    )
    return {pid: _parse(ended) for pid, ended in rows if ended}


def pair_sessions(db: sqlite3.Connection, pair_ids: Iterable[int]) -> dict[int, list[Session]]:
    """The sessions of some pairs, by pair, in start order."""
    ids = sorted(set(pair_ids))
    out: dict[int, list[Session]] = {i: [] for i in ids}
    marks = ",".join("?" * len(ids))
    if ids:
        for s in sessions_where(db, f"WHERE s.pair_id IN ({marks})", list(ids)):
            out[s.pair_id].append(s)
    return out


#: Pairs that ran, whether still running or closed with an outcome: not a match taken back
#: on the board before anything happened, nor a duplicate.
RAN = "(p.status = 'active' OR (p.outcome IS NOT NULL AND p.outcome <> 'duplicate'))"


def cohort_actions(
    db: sqlite3.Connection,
    cohort_id: int,
    pair_ids: Iterable[int] | None = None,
    closed_too: bool = False,
) -> list[Action]:
    """The actions of the cohort's active pairs (or of ``pair_ids``), by pair then due date;
    ``closed_too``: of the pairs that ran and were closed as well (an action outlives its
    pair until it is done)."""
    cols = ", ".join(f"a.{c}" for c in _ACTION_KEYS)
    which = RAN if closed_too else "p.status = 'active'"
    sql = (
        f"SELECT {cols} FROM actions a JOIN pairs p ON p.id = a.pair_id "
        f"WHERE p.cohort_id = ? AND {which}"
    )
    args: list[object] = [cohort_id]
    if pair_ids is not None:
        ids = sorted(set(pair_ids))
        sql += f" AND a.pair_id IN ({','.join('?' * len(ids))})"
        args += ids
    sql += " ORDER BY a.pair_id, a.due IS NULL, a.due, a.id"
    return [action_of(r) for r in db.execute(sql, args)]


def signed_rhythms(db: sqlite3.Connection, cohort_id: int) -> dict[int, int | None]:
    """Pairs of the cohort with a signed agreement → the agreed days between sessions (None
    when the signed body names no rhythm the app knows)."""
    rows = db.execute(
        "SELECT a.pair_id, json_extract(a.body, '$.frequency') FROM agreements a "
        "JOIN pairs p ON p.id = a.pair_id "
        f"WHERE p.cohort_id = ? AND p.status = 'active' AND {_SIGNED} "
        "ORDER BY a.pair_id, a.version",
        [cohort_id],
    )
    out: dict[int, int | None] = {}
    for pair_id, frequency in rows:  # the latest signed version comes last and wins
        try:
            out[pair_id] = frequency_days(str(frequency)) if frequency else None
        except ValueError:
            out[pair_id] = None
    return out


def signed_body(db: sqlite3.Connection, pair_id: int) -> AgreementBody | None:
    """The body of the pair's latest agreement signed by both, or None."""
    row = db.execute(
        f"SELECT a.body FROM agreements a WHERE a.pair_id = ? AND {_SIGNED} "
        "ORDER BY a.version DESC LIMIT 1",
        [pair_id],
    ).fetchone()
    return None if row is None else AgreementBody.from_json(str(row[0]))


def thresholds_from(text: str) -> HealthThresholds:
    """Thresholds from their setting (a JSON object of the fields to change); unknown keys and
    values of the wrong type are ignored so a hand-edited setting never stops the app."""
    base = HealthThresholds()
    data = _object(text)
    changes: dict[str, object] = {}
    for f in fields(HealthThresholds):
        value = data.get(f.name)
        default = getattr(base, f.name)
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        changes[f.name] = float(value) if isinstance(default, float) else int(value)
    return HealthThresholds(**changes)  # type: ignore[arg-type]


def rhythm_from(text: str) -> DefaultRhythm:
    """The default rhythm from its setting, e.g. ``{"count": 6, "frequency": "monthly",
    "length_min": 60, "at": "10:00", "place": ""}``; missing or bad values take the defaults."""
    base = DefaultRhythm()
    data = _object(text)
    count = data.get("count")
    length = data.get("length_min")
    frequency = data.get("frequency")
    at = data.get("at")
    place = data.get("place")
    try:
        wall = time.fromisoformat(at) if isinstance(at, str) else base.at
    except ValueError:
        wall = base.at
    try:
        freq = normalise_frequency(frequency) if isinstance(frequency, str) else None
    except ValueError:
        freq = None
    return DefaultRhythm(
        count=count if isinstance(count, int) and count > 0 else base.count,
        frequency=freq or base.frequency,
        length_min=length if isinstance(length, int) and length > 0 else base.length_min,
        at=wall,
        place=place if isinstance(place, str) else base.place,
    )


def rhythm_text(rhythm: DefaultRhythm) -> str:
    return json.dumps(
        {
            "count": rhythm.count,
            "frequency": rhythm.frequency,
            "length_min": rhythm.length_min,
            "at": rhythm.at.isoformat(timespec="minutes"),
            "place": rhythm.place,
        }
    )


def _object(text: str) -> dict[str, object]:
    try:
        data = json.loads(text or "{}")
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def paired_days(db: sqlite3.Connection, cohort_id: int) -> dict[int, tuple[date | None, str]]:
    """The cohort's active pairs → (the day they were paired, the mentee's id)."""
    out: dict[int, tuple[date | None, str]] = {}
    for pair_id, created, mentee in db.execute(
        "SELECT id, created_at, mentee_id FROM pairs WHERE cohort_id = ? AND status = 'active'",
        [cohort_id],
    ):
        try:
            day = datetime.fromisoformat(str(created)).date() if created else None
        except ValueError:
            day = None
        out[pair_id] = (day, mentee)
    return out
