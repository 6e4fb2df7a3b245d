"""Sessions capability (``ws.sessions``): plan, log, move and drop sessions, the actions that
come out of them, commitment health, closing pairs, and the calendar export.

Every write is one transaction announcing one ``SessionsChanged`` / ``ActionsChanged`` /
``PairsChanged``. The GUI's undo puts a pair's sessions (or actions) back as they were with
``replace_sessions`` / ``replace_actions``, so one primitive serves every undo step.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Final
from zoneinfo import ZoneInfo

from rmdesk.errors import NotFound, RmdeskError
from rmdesk.models.actions import Action, is_overdue, overdue_actions
from rmdesk.models.cohorts import Cohort, Pair
from rmdesk.models.health import Health, HealthThresholds, PairFacts, assess_all, newly_worse
from rmdesk.models.sessions import (
    CANCELLED,
    CANCELLERS,
    LOGGED_STATUSES,
    OUTCOMES,
    PLANNED,
    SESSION_STATUSES,
    CancelledBy,
    DefaultRhythm,
    PlannedSession,
    PlanRefresh,
    Session,
    SessionStatus,
    default_plan,
    frequency_days,
    plan_sessions,
    refresh_plan,
)
from rmdesk.workspace import session_reads as reads
from rmdesk.workspace.cohorts import CohortService
from rmdesk.workspace.events import ActionsChanged, PairsChanged, SessionsChanged
from rmdesk.workspace.pairing import PairingService
from rmdesk.workspace.roster import RosterService
from rmdesk.workspace.store import Store, now_text

RHYTHM_SETTING: Final = "sessions.default_rhythm"
THRESHOLDS_SETTING: Final = "health.thresholds"
CALENDAR_UID_SETTING: Final = "calendar.uid"
LAST_LOOK_SETTING: Final = "health.last_look"  # + "." + cohort id

if TYPE_CHECKING:  # the calendar (icalendar) is imported when one is written
    from rmdesk.documents.calendar_ics import CalendarSession


def local_zone() -> ZoneInfo:
    """The officer's time zone (plans follow its daylight saving; the ICS names it)."""
    import tzlocal

    try:
        return ZoneInfo(tzlocal.get_localzone_name() or "UTC")
    except (ValueError, KeyError, OSError):
        return ZoneInfo("UTC")


def _one(pair_ids: Iterable[int]) -> frozenset[int]:
    return frozenset(pair_ids)


class SessionService:
    """``ws.sessions``: the pairs' sessions and actions, their health, closing and calendars."""

    def __init__(
        self,
        store: Store,
        roster: RosterService,
        cohorts: CohortService,
        pairing: PairingService,
    ) -> None:
        self.store = store
        self.db = store.db
        self.roster = roster
        self.cohorts = cohorts
        self.pairing = pairing

    @property
    def _conn(self) -> sqlite3.Connection:
        return self.db.conn

    # -- settings -----------------------------------------------------------------------------
    def default_rhythm(self) -> DefaultRhythm:
        return reads.rhythm_from(self.store.setting(RHYTHM_SETTING, "{}"))

    def set_default_rhythm(self, rhythm: DefaultRhythm) -> None:
        self.store.set_setting(RHYTHM_SETTING, reads.rhythm_text(rhythm))

    def thresholds(self) -> HealthThresholds:
        return reads.thresholds_from(self.store.setting(THRESHOLDS_SETTING, "{}"))

    def set_thresholds(self, thresholds: HealthThresholds) -> None:
        base = HealthThresholds()
        changed = {
            k: getattr(thresholds, k)
            for k in HealthThresholds.__dataclass_fields__
            if getattr(thresholds, k) != getattr(base, k)
        }
        self.store.set_setting(THRESHOLDS_SETTING, json.dumps(changed))

    # -- reads ----------------------------------------------------------------------------------
    def session(self, session_id: int) -> Session:
        found = reads.sessions_where(self._conn, "WHERE s.id = ?", [session_id])
        if not found:
            raise NotFound(f"there is no session number {session_id}")
        return found[0]

    def sessions(self, pair_id: int) -> list[Session]:
        """The pair's sessions in start order (confidential notes included: the caller decides
        what leaves the app)."""
        self.pairing.get_pair(pair_id)
        return reads.sessions_where(self._conn, "WHERE s.pair_id = ?", [pair_id])

    def cohort_sessions(self, cohort: Cohort | None = None) -> dict[int, list[Session]]:
        """Every session of the cohort's active pairs, by pair (one query)."""
        cohort = cohort or self.cohorts.cohort()
        return reads.cohort_sessions(self._conn, cohort.id)

    def sessions_of_pairs(self, pair_ids: Iterable[int]) -> dict[int, list[Session]]:
        return reads.pair_sessions(self._conn, pair_ids)

    def _active_pair(self, pair_id: int) -> Pair:
        pair = self.pairing.get_pair(pair_id)
        if pair.status != "active":
            raise RmdeskError(f"pair {pair_id} is closed; reopen it first (rmdesk close)")
        return pair

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

    def plan(self, pair_id: int, now: datetime | None = None) -> PlanRefresh:
        """Generate or refresh the pair's plan; re-running changes nothing, and held, cancelled
        and past sessions are never touched (``refresh_plan``)."""
        self._active_pair(pair_id)
        now = now or datetime.now(local_zone())
        with self.store.atomic():
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
                self.store.emit(SessionsChanged(_one([pair_id])))
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
        self._active_pair(pair_id)
        if starts_at.tzinfo is None:
            starts_at = starts_at.replace(tzinfo=local_zone())
        rhythm = self.default_rhythm()
        existing = self.sessions(pair_id)
        last = existing[-1] if existing else None
        length = duration_min or (last.duration_min if last else rhythm.length_min)
        where = place if place is not None else (last.place if last else rhythm.place)
        with self.store.atomic():
            new_id = self._insert(Session(0, pair_id, starts_at, length, status, place=where))
            self.store.emit(SessionsChanged(_one([pair_id])))
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
        old = self.session(session_id)
        self._active_pair(old.pair_id)
        if old.status in (LOGGED_STATUSES - {CANCELLED}):
            raise RmdeskError(f"session {session_id} was {old.status}; add a new one instead")
        if starts_at.tzinfo is None:
            starts_at = starts_at.replace(tzinfo=local_zone())
        _check_canceller(cancelled_by)
        with self.store.atomic():
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
            self.store.emit(SessionsChanged(_one([old.pair_id])))
        return self.session(new_id)

    def drop(self, session_id: int, force: bool = False) -> Session:
        """Delete a planned session (a logged one only with ``force``: it is history)."""
        s = self.session(session_id)
        if s.is_logged and not force:
            raise RmdeskError(f"session {session_id} was {s.status}; it is kept as history")
        with self.store.atomic():
            self.db.execute("DELETE FROM sessions WHERE id = ?", [session_id])
            self.store.emit(SessionsChanged(_one([s.pair_id])))
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
        _check_canceller(cancelled_by)
        if cancelled_by is not None and status != CANCELLED:
            raise RmdeskError("only a cancelled session has someone who cancelled it")
        if session_id is not None:
            s: Session | None = self.session(session_id)
        elif pair_id is not None and at is not None:
            s = self.find(pair_id, at)
        else:
            raise RmdeskError("say which session: its number, or the pair and its date and time")
        with self.store.atomic():
            if s is None:
                assert pair_id is not None and at is not None
                s = self.add(pair_id, at)
            self._active_pair(s.pair_id)
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
            self.store.emit(SessionsChanged(_one([s.pair_id])))
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
            self.store.emit(SessionsChanged(_one([pair_id])))

    # -- actions --------------------------------------------------------------------------------
    def action(self, action_id: int) -> Action:
        row = self.db.execute(
            f"SELECT {reads.ACTION_COLUMNS} FROM actions WHERE id = ?", [action_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"there is no action number {action_id}")
        return reads.action_of(row)

    def pair_actions(self, pair_id: int) -> list[Action]:
        rows = self.db.execute(
            f"SELECT {reads.ACTION_COLUMNS} FROM actions WHERE pair_id = ? "
            "ORDER BY due IS NULL, due, id",
            [pair_id],
        )
        return [reads.action_of(r) for r in rows]

    def add_action(
        self,
        pair_id: int,
        text: str,
        owner: str,
        due: date | None = None,
        session_id: int | None = None,
    ) -> Action:
        """A learning turned into an action: an owner (mentor, mentee, sponsor or a named
        person) and a due date."""
        self.pairing.get_pair(pair_id)
        text, owner = " ".join(text.split()), " ".join(owner.split())
        if not text:
            raise RmdeskError("an action needs a text saying what to do")
        if not owner:
            raise RmdeskError("an action needs an owner (mentor, mentee, sponsor or a name)")
        with self.store.atomic():
            cur = self.db.execute(
                "INSERT INTO actions (pair_id, session_id, text, owner, due, done, created_at) "
                "VALUES (?, ?, ?, ?, ?, 0, ?)",
                [pair_id, session_id, text, owner, due.isoformat() if due else None, now_text()],
            )
            self.store.emit(ActionsChanged(_one([pair_id])))
        return self.action(int(cur.lastrowid or 0))

    def set_action_done(self, action_id: int, done_on: date | None) -> Action:
        """Mark an action done on ``done_on``, or open again with None."""
        a = self.action(action_id)
        with self.store.atomic():
            self.db.execute(
                "UPDATE actions SET done = ?, done_on = ? WHERE id = ?",
                [int(done_on is not None), done_on.isoformat() if done_on else None, action_id],
            )
            self.store.emit(ActionsChanged(_one([a.pair_id])))
        return self.action(action_id)

    def replace_actions(self, pair_id: int, wanted: Sequence[Action]) -> None:
        """Make the pair's actions exactly ``wanted`` (ids kept), for undo and redo."""
        with self.store.atomic():
            keep = {a.id for a in wanted}
            for a in self.pair_actions(pair_id):
                if a.id not in keep:
                    self.db.execute("DELETE FROM actions WHERE id = ?", [a.id])
            for a in wanted:
                row = a.to_row()
                cols = ", ".join(row)
                updates = ", ".join(f"{c} = excluded.{c}" for c in row if c != "id")
                self.db.execute(
                    f"INSERT INTO actions ({cols}) VALUES ({', '.join('?' * len(row))}) "
                    f"ON CONFLICT(id) DO UPDATE SET {updates}",
                    list(row.values()),
                )
            self.store.emit(ActionsChanged(_one([pair_id])))

    def actions(
        self, cohort: Cohort | None = None, overdue_only: bool = False, today: date | None = None
    ) -> list[Action]:
        """The actions of the cohort's active pairs; ``overdue_only`` gives the overdue ones,
        the longest overdue first."""
        cohort = cohort or self.cohorts.cohort()
        found = reads.cohort_actions(self._conn, cohort.id)
        if overdue_only:
            return overdue_actions(found, today or self._today())
        return found

    def is_overdue(self, action: Action, today: date | None = None) -> bool:
        return is_overdue(action, today or self._today())

    # -- health ---------------------------------------------------------------------------------
    def _today(self) -> date:
        return datetime.now(local_zone()).date()

    def health(
        self,
        cohort: Cohort | None = None,
        today: date | None = None,
        pair_ids: Iterable[int] | None = None,
    ) -> list[Health]:
        """Each active pair's commitment health, by pair id: three queries for the cohort."""
        return self.overview(cohort, today, pair_ids)[1]

    def overview(
        self,
        cohort: Cohort | None = None,
        today: date | None = None,
        pair_ids: Iterable[int] | None = None,
    ) -> tuple[dict[int, list[Session]], list[Health]]:
        """The sessions of the cohort's active pairs (or of ``pair_ids`` among them) and their
        health, read once: what the sessions view shows."""
        cohort = cohort or self.cohorts.cohort()
        today = today or self._today()
        conn = self._conn
        pairs = reads.paired_days(conn, cohort.id)
        if pair_ids is not None:
            wanted = set(pair_ids)
            pairs = {k: v for k, v in pairs.items() if k in wanted}
            sessions = reads.pair_sessions(conn, pairs)
        else:
            sessions = reads.cohort_sessions(conn, cohort.id)
        by_pair: dict[int, list[Action]] = {}
        for a in reads.cohort_actions(conn, cohort.id, pairs if pair_ids is not None else None):
            by_pair.setdefault(a.pair_id, []).append(a)
        rhythms = reads.signed_rhythms(conn, cohort.id)
        facts = [
            PairFacts(
                pair_id=pid,
                sessions=sessions.get(pid, ()),
                today=today,
                actions=by_pair.get(pid, ()),
                agreement_signed=pid in rhythms,
                every_days=rhythms.get(pid),
                paired_on=pairs[pid][0],
            )
            for pid in sorted(pairs)
        ]
        return sessions, assess_all(facts, self._health_thresholds())

    def _health_thresholds(self) -> HealthThresholds:
        """The thresholds; without an agreement a pair is held to the default rhythm's pace
        (unless the thresholds setting names its own ``default_every_days``)."""
        found = self.thresholds()
        if "default_every_days" in self.store.setting(THRESHOLDS_SETTING, "{}"):
            return found
        every = frequency_days(self.default_rhythm().frequency)
        return replace(found, default_every_days=every)

    def since_last_look(
        self, cohort: Cohort | None = None, today: date | None = None
    ) -> list[Health]:
        """Pairs that got worse (at risk, stalled) since ``mark_looked``; a pair never seen
        counts from on track."""
        cohort = cohort or self.cohorts.cohort()
        before = self._last_look(cohort)
        return newly_worse(before, self.health(cohort, today))

    def mark_looked(self, cohort: Cohort | None = None, today: date | None = None) -> None:
        """Remember every pair's status as the officer has now seen it."""
        cohort = cohort or self.cohorts.cohort()
        seen = {str(h.pair_id): h.status for h in self.health(cohort, today)}
        self.store.set_setting(f"{LAST_LOOK_SETTING}.{cohort.id}", json.dumps(seen))

    def _last_look(self, cohort: Cohort) -> dict[int, str]:
        text = self.store.setting(f"{LAST_LOOK_SETTING}.{cohort.id}", "{}")
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            return {}
        if not isinstance(data, dict):
            return {}
        return {int(k): str(v) for k, v in data.items() if str(k).isdigit()}

    # -- closing --------------------------------------------------------------------------------
    def close(self, pair_id: int, outcome: str, note: str = "") -> Pair:
        """End a pair: ``completed`` at the programme's end, or early with a reason (no-fault,
        left, mismatch, other). It leaves the active board and keeps its history."""
        if outcome not in OUTCOMES:
            raise RmdeskError(f"'{outcome}' is not an outcome; use one of {', '.join(OUTCOMES)}")
        pair = self._active_pair(pair_id)
        with self.store.atomic():
            self.db.execute(
                "UPDATE pairs SET status = 'ended', ended_at = ?, outcome = ?, outcome_note = ? "
                "WHERE id = ?",
                [now_text(), outcome, " ".join(note.split()), pair_id],
            )
            self.store.emit(PairsChanged(pair.cohort_id, changed=_one([pair_id])))
        return self.pairing.get_pair(pair_id)

    def outcome(self, pair_id: int) -> tuple[str | None, str]:
        """How a closed pair ended (outcome, note); (None, '') while it runs."""
        row = self.db.execute(
            "SELECT outcome, outcome_note FROM pairs WHERE id = ?", [pair_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"there is no pair number {pair_id}")
        return (None if row[0] is None else str(row[0]), str(row[1] or ""))

    def reopen(self, pair_id: int) -> Pair:
        """Undo a close: the pair is active again, unless its places were taken since."""
        pair = self.pairing.get_pair(pair_id)
        if pair.status == "active":
            return pair
        with self.store.atomic():
            try:
                self.db.execute(
                    "UPDATE pairs SET status = 'active', ended_at = NULL, outcome = NULL, "
                    "outcome_note = '' WHERE id = ?",
                    [pair_id],
                )
            except sqlite3.IntegrityError as exc:
                raise RmdeskError(
                    f"pair {pair_id} cannot be reopened: its people are paired again ({exc})"
                ) from exc
            self.store.emit(PairsChanged(pair.cohort_id, changed=_one([pair_id])))
        return self.pairing.get_pair(pair_id)

    # -- calendar -------------------------------------------------------------------------------
    def workspace_uid(self) -> str:
        """A random id made once per workspace: calendar UIDs stay stable across exports."""
        uid = self.store.setting(CALENDAR_UID_SETTING, "")
        if not uid:
            uid = secrets.token_hex(8)
            self.store.set_setting(CALENDAR_UID_SETTING, uid)
        return uid

    def calendar_events(
        self, pair_id: int | None = None, cohort: Cohort | None = None
    ) -> list[CalendarSession]:
        """The sessions a calendar shows (shared facts only), for a pair or the cohort."""
        if pair_id is not None:
            by_pair = {pair_id: self.sessions(pair_id)}
        else:
            by_pair = self.cohort_sessions(cohort)
        people = self.roster.employees()
        out: list[CalendarSession] = []
        for pid, found in by_pair.items():
            pair = self.pairing.get_pair(pid)
            mentor, mentee = people.get(pair.mentor_id), people.get(pair.mentee_id)
            for s in found:
                out.append(
                    _calendar().CalendarSession.from_session(
                        s,
                        mentor.name if mentor else pair.mentor_id,
                        mentee.name if mentee else pair.mentee_id,
                        mentor.email if mentor else None,
                        mentee.email if mentee else None,
                    )
                )
        return out

    def calendar(
        self, out: Path | str, pair_id: int | None = None, cohort: Cohort | None = None
    ) -> int:
        """Write the sessions as an iCalendar file in the officer's zone; returns how many."""
        events = self.calendar_events(pair_id, cohort)
        _calendar().write_ics(out, events, local_zone().key, self.workspace_uid())
        return len(events)


def _check_canceller(by: str | None) -> None:
    if by is not None and by not in CANCELLERS:
        raise RmdeskError(f"'{by}' cannot cancel a session; use mentor or mentee")


def _calendar() -> ModuleType:
    """The iCalendar writer, imported on first use (it loads the icalendar package)."""
    import rmdesk.documents.calendar_ics as calendar_ics

    return calendar_ics
