"""Writing a pair's sessions (``ws.sessions``): the plan from its agreement or the default
rhythm, adding, moving, dropping and logging sessions, and putting them back for undo."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from rmdesk.errors import RmdeskError
from rmdesk.models.sessions import (
    CANCELLED,
    LOGGED_STATUSES,
    PLANNED,
    SESSION_STATUSES,
    CancelledBy,
    PlannedSession,
    PlanRefresh,
    Session,
    SessionStatus,
    default_plan,
    plan_sessions,
    refresh_plan,
)
from rmdesk.workspace import session_reads as reads
from rmdesk.workspace.events import SessionsChanged
from rmdesk.workspace.session_base import SessionBase, check_canceller, local_zone, one
from rmdesk.workspace.store import now_text


class SessionEdits(SessionBase):
    """Planning a pair's sessions and editing them: add, move, drop, log, and the
    ``replace_sessions`` that every undo step uses."""

    # -- the plan -------------------------------------------------------------------------------
    def fresh_plan(self, pair_id: int, now: datetime | None = None) -> list[PlannedSession]:
        """The plan the pair should have: from its signed agreement, else the cohort's dates
        and the default rhythm."""
        pair = self.pairing.get_pair(pair_id)
        zone = local_zone()
        now = now or datetime.now(zone)
        rhythm = self.default_rhythm()
        cohort = self.cohorts.cohort_by_id(pair.cohort_id)
        body = reads.signed_body(self._conn, pair_id)
        if body is None:
            return default_plan(cohort.starts, cohort.ends, rhythm, today=now.date(), tz=zone)
        first_day = body.first_session or cohort.starts or now.date()
        first = datetime.combine(first_day, rhythm.at, tzinfo=zone)
        try:
            return plan_sessions(
                first, body.frequency, body.sessions, body.length_min, body.meeting_place, tz=zone
            )
        except ValueError as exc:
            raise RmdeskError(
                f"pair {pair_id}'s signed agreement cannot be planned: {exc}"
            ) from exc

    def plan_preview(self, pair_id: int, now: datetime | None = None) -> PlanRefresh:
        """What ``plan`` would do now, without doing it (the window asks before a re-plan
        drops a session added by hand)."""
        now = now or datetime.now(local_zone())
        return refresh_plan(self.sessions(pair_id), self.fresh_plan(pair_id, now), now)

    def plan(self, pair_id: int, now: datetime | None = None) -> PlanRefresh:
        """Generate or refresh the pair's plan; re-running changes nothing, and held, cancelled
        and past sessions are never touched (``refresh_plan``)."""
        now = now or datetime.now(local_zone())
        with self.store.atomic():  # checked inside the write: a close may land meanwhile
            self._active_pair(pair_id)
            result = refresh_plan(self.sessions(pair_id), self.fresh_plan(pair_id, now), now)
            stamp = now_text()
            for s in result.drop:
                self.db.execute("DELETE FROM sessions WHERE id = ?", [s.id])
            for s, p in result.update:
                self.db.execute(
                    "UPDATE sessions SET duration_min = ?, place = ?, updated_at = ? WHERE id = ?",
                    [p.duration_min, p.place, stamp, s.id],
                )
            for p in result.add:
                self._insert(Session(0, pair_id, p.starts_at, p.duration_min, place=p.place))
            if result.changes:
                self.store.emit(SessionsChanged(one([pair_id])))
        return result

    def _insert(self, s: Session) -> int:
        row = s.to_row()
        row.pop("id")
        row["updated_at"] = now_text()
        cols = ", ".join(row)
        cur = self.db.execute(
            f"INSERT INTO sessions ({cols}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        return int(cur.lastrowid or 0)

    def _write(self, s: Session) -> None:
        row = s.to_row()
        row["updated_at"] = now_text()
        cols = ", ".join(row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in row if c != "id")
        self.db.execute(
            f"INSERT INTO sessions ({cols}) VALUES ({', '.join('?' * len(row))}) "
            f"ON CONFLICT(id) DO UPDATE SET {updates}",
            list(row.values()),
        )

    # -- editing sessions -----------------------------------------------------------------------
    def add(
        self,
        pair_id: int,
        starts_at: datetime,
        duration_min: int | None = None,
        place: str | None = None,
        status: SessionStatus = PLANNED,
    ) -> Session:
        """Add one session to the pair (length and place default to the pair's plan)."""
        if starts_at.tzinfo is None:
            starts_at = starts_at.replace(tzinfo=local_zone())
        rhythm = self.default_rhythm()
        with self.store.atomic():  # checked inside the write: a close may land meanwhile
            self._active_pair(pair_id)
            existing = self.sessions(pair_id)
            last = existing[-1] if existing else None
            length = duration_min or (last.duration_min if last else rhythm.length_min)
            where = place if place is not None else (last.place if last else rhythm.place)
            new_id = self._insert(Session(0, pair_id, starts_at, length, status, place=where))
            self.store.emit(SessionsChanged(one([pair_id])))
        return self.session(new_id)

    def move(
        self,
        session_id: int,
        starts_at: datetime,
        cancelled_by: CancelledBy | None = None,
        reason: str = "",
    ) -> Session:
        """Reschedule: a new planned session at ``starts_at``; the old one becomes cancelled and
        keeps a link to the new one. Returns the new session."""
        if starts_at.tzinfo is None:
            starts_at = starts_at.replace(tzinfo=local_zone())
        check_canceller(cancelled_by)
        with self.store.atomic():  # read and checked inside the write
            old = self.session(session_id)
            self._active_pair(old.pair_id)
            if old.status in (LOGGED_STATUSES - {CANCELLED}):
                raise RmdeskError(f"session {session_id} was {old.status}; add a new one instead")
            new = Session(0, old.pair_id, starts_at, old.duration_min, PLANNED, place=old.place)
            new_id = self._insert(new)
            why = reason or f"Moved to {starts_at.strftime('%Y-%m-%d %H:%M')}"
            self._write(
                replace(
                    old,
                    status=CANCELLED,
                    cancelled_by=cancelled_by or old.cancelled_by,
                    cancel_reason=why,
                    rescheduled_to=new_id,
                )
            )
            self.store.emit(SessionsChanged(one([old.pair_id])))
        return self.session(new_id)

    def drop(self, session_id: int, force: bool = False) -> Session:
        """Delete a planned session (a logged one only with ``force``: it is history)."""
        s = self.session(session_id)
        if s.is_logged and not force:
            raise RmdeskError(f"session {session_id} was {s.status}; it is kept as history")
        with self.store.atomic():
            self.db.execute("DELETE FROM sessions WHERE id = ?", [session_id])
            self.store.emit(SessionsChanged(one([s.pair_id])))
        return s

    def find(self, pair_id: int, at: datetime) -> Session | None:
        """The pair's session starting at ``at`` (to the minute), if any."""
        at = at.replace(second=0, microsecond=0)
        for s in self.sessions(pair_id):
            if s.starts_at == at:
                return s
        return None

    def log(
        self,
        session_id: int | None = None,
        *,
        pair_id: int | None = None,
        at: datetime | None = None,
        status: SessionStatus,
        cancelled_by: CancelledBy | None = None,
        reason: str | None = None,
        topics: str | None = None,
        learnings: str | None = None,
        role_reversal: bool | None = None,
        confidential_note: str | None = None,
    ) -> Session:
        """Record what happened to a session, found by id or by pair and start time (a pair
        and time that match no session add one). None leaves a field as it was."""
        if status not in SESSION_STATUSES:
            raise RmdeskError(f"unknown session status '{status}'")
        check_canceller(cancelled_by)
        if cancelled_by is not None and status != CANCELLED:
            raise RmdeskError("only a cancelled session has someone who cancelled it")
        if session_id is None and (pair_id is None or at is None):
            raise RmdeskError("say which session: its number, or the pair and its date and time")
        # read inside the write: a field this call leaves as it was must be the stored one,
        # not one read before another process changed it (a note written meanwhile)
        with self.store.atomic():
            if session_id is not None:
                s: Session | None = self.session(session_id)
            else:
                assert pair_id is not None and at is not None
                s = self.find(pair_id, at)
            if s is None:
                assert pair_id is not None and at is not None
                s = self.add(pair_id, at)
            self._active_pair(s.pair_id)
            if status == PLANNED and s.is_logged:  # what happened is history, not a plan
                raise RmdeskError(
                    f"the session of {s.starts_at:%Y-%m-%d %H:%M} was {s.status}; it stays so "
                    "(log it as held, cancelled or a no-show, or drop it)"
                )
            cancelled = status == CANCELLED
            updated = replace(
                s,
                status=status,
                cancelled_by=cancelled_by if cancelled else None,
                cancel_reason=(s.cancel_reason if reason is None else reason) if cancelled else "",
                topics=s.topics if topics is None else topics,
                learnings=s.learnings if learnings is None else learnings,
                role_reversal=s.role_reversal if role_reversal is None else role_reversal,
                confidential_notes=(
                    s.confidential_notes if confidential_note is None else confidential_note
                ),
            )
            self._write(updated)
            self.store.emit(SessionsChanged(one([s.pair_id])))
        return self.session(s.id)

    def replace_sessions(self, pair_id: int, wanted: Sequence[Session]) -> None:
        """Make the pair's sessions exactly ``wanted`` (ids kept): the undo and redo of every
        session edit. Rows that change get a new ``updated_at``, so calendars update."""
        with self.store.atomic():
            current = {s.id: s for s in self.sessions(pair_id)}
            keep = {s.id for s in wanted}
            for sid in current.keys() - keep:
                self.db.execute("DELETE FROM sessions WHERE id = ?", [sid])
            # links last: a restored session may point at one restored after it
            for s in wanted:
                was = current.get(s.id)
                if was is None or replace(was, updated_at=None) != replace(s, updated_at=None):
                    self._write(replace(s, rescheduled_to=None))
            for s in wanted:
                if s.rescheduled_to is not None:
                    self.db.execute(
                        "UPDATE sessions SET rescheduled_to = ? WHERE id = ?",
                        [s.rescheduled_to, s.id],
                    )
            self.store.emit(SessionsChanged(one([pair_id])))
