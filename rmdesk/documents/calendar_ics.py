"""Planned sessions as an iCalendar file (RFC 5545) that calendars can re-import as updates.

Every event's UID is ``session-<id>@<workspace_uid>.rmdesk``, so importing a newer export
into Outlook or Google Calendar updates the events it already has instead of adding copies;
its SEQUENCE grows with every change, so the newer version wins. The file is published
(``METHOD:PUBLISH``), not sent as an invitation: a cancelled session stays in the file as
``STATUS:CANCELLED`` (``METHOD:CANCEL`` would have to be a file of its own, one per
cancellation, and would make the officer the organiser of everybody's meetings).

Only what both people may see goes in: names, e-mails, time, length and place. Nothing here
takes a session's confidential notes, topics, learnings or cancel reason, so none can leak.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import STATUS, TRANSP, Calendar, Event, vCalAddress

from rmdesk.documents.atomic_file import write_bytes_atomic
from rmdesk.models.sessions import CANCELLED, Session

PRODID = "-//rmdesk//Reverse mentoring//EN"
CALENDAR_NAME = "Reverse mentoring"
#: SEQUENCE derived from an update time counts seconds from here: it grows with every update
#: and stays inside a signed 32-bit integer (which Outlook stores) until 2088.
_SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+$")


@dataclass(frozen=True, slots=True)
class CalendarSession:
    """What an event shows about one session: shared facts only, never confidential ones.

    ``starts_at`` must carry its offset. ``sequence`` is the event's revision; leave it None to
    derive it from ``updated_at`` (0 when neither is known)."""

    session_id: int
    starts_at: datetime
    duration_min: int
    status: str
    mentor_name: str
    mentee_name: str
    mentor_email: str | None = None
    mentee_email: str | None = None
    place: str = ""
    sequence: int | None = None
    updated_at: datetime | None = None

    @classmethod
    def from_session(
        cls,
        session: Session,
        mentor_name: str,
        mentee_name: str,
        mentor_email: str | None = None,
        mentee_email: str | None = None,
        sequence: int | None = None,
    ) -> CalendarSession:
        """The calendar's view of a stored session (its notes are deliberately left behind)."""
        return cls(
            session_id=session.id,
            starts_at=session.starts_at,
            duration_min=session.duration_min,
            status=session.status,
            mentor_name=mentor_name,
            mentee_name=mentee_name,
            mentor_email=mentor_email,
            mentee_email=mentee_email,
            place=session.place,
            sequence=sequence,
            updated_at=session.updated_at,
        )


def session_uid(session_id: int, workspace_uid: str) -> str:
    """The event UID that stays the same for a session across exports."""
    return f"session-{session_id}@{_token(workspace_uid)}.rmdesk"


def sequence_for(event: CalendarSession) -> int:
    """The event's SEQUENCE: the given revision, else seconds of ``updated_at`` since 2020."""
    if event.sequence is not None:
        return max(0, event.sequence)
    if event.updated_at is not None and event.updated_at.tzinfo is not None:
        return max(0, int((event.updated_at - _SEQUENCE_EPOCH).total_seconds()))
    return 0


def _token(text: str) -> str:
    """A UID part without spaces or separators that some calendars mishandle."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", text.strip()).strip("-")
    if not cleaned:
        raise ValueError("a workspace UID is needed for stable calendar UIDs")
    return cleaned


def _one_line(text: str) -> str:
    """Text for a one-line field: control characters and line breaks become single spaces."""
    return " ".join(_LINE_BREAKS.sub(" ", text).split())


def _attendee(name: str, email: str | None) -> vCalAddress | None:
    address = (email or "").strip()
    if not _EMAIL.match(address):
        return None
    # A double quote cannot stand in a parameter; RFC 6868's escape is not read everywhere.
    cn = _one_line(name).replace('"', "'") or None
    return vCalAddress.new(
        address, cn=cn, cutype="INDIVIDUAL", role="REQ-PARTICIPANT", partstat="ACCEPTED"
    )


def _summary(event: CalendarSession) -> str:
    pair = f"{_one_line(event.mentor_name)} & {_one_line(event.mentee_name)}"
    prefix = "Cancelled: " if event.status == CANCELLED else ""
    return f"{prefix}Reverse mentoring: {pair}"


def _description(event: CalendarSession) -> str:
    mentor, mentee = _one_line(event.mentor_name), _one_line(event.mentee_name)
    lines = [
        f"Reverse-mentoring session of {event.duration_min} minutes: "
        f"{mentor} (mentor) and {mentee} (mentee).",
    ]
    if event.status == CANCELLED:
        lines.append("This session is cancelled.")
    lines.append("Planned by the programme office; a newer calendar file updates this event.")
    return "\n".join(lines)


def _zone(tz_name: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {tz_name!r}") from exc


def sessions_to_ics(
    events: Sequence[CalendarSession],
    tz_name: str,
    workspace_uid: str,
    *,
    stamp: datetime | None = None,
) -> bytes:
    """One calendar holding ``events``, times in ``tz_name`` with its VTIMEZONE.

    The caller passes the officer's zone (``tzlocal.get_localzone_name()``); a UTC zone is
    written in UTC form, which needs no VTIMEZONE. ``stamp`` is the DTSTAMP of every event
    (the export time; pass one for a byte-identical file). Events come in start order."""
    zone = _zone(tz_name)
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    token = _token(workspace_uid)
    cal = Calendar.new(
        prodid=PRODID,
        method="PUBLISH",
        name=CALENDAR_NAME,
        uid=f"calendar@{token}.rmdesk",
    )
    cal.add("X-WR-TIMEZONE", tz_name)
    ordered = sorted(events, key=lambda e: (e.starts_at, e.session_id))
    for e in ordered:
        if e.starts_at.tzinfo is None:
            raise ValueError(f"session {e.session_id} has a start time without an offset")
        start = e.starts_at.astimezone(zone)
        attendees = [
            a
            for a in (
                _attendee(e.mentor_name, e.mentor_email),
                _attendee(e.mentee_name, e.mentee_email),
            )
            if a is not None
        ]
        cancelled = e.status == CANCELLED
        vevent = Event.new(
            uid=session_uid(e.session_id, token),
            start=start,
            end=start + timedelta(minutes=e.duration_min),
            stamp=stamp,
            sequence=sequence_for(e),
            summary=_summary(e),
            description=_description(e),
            location=_one_line(e.place) or None,
            status=STATUS.CANCELLED if cancelled else STATUS.CONFIRMED,
            transparency=TRANSP.TRANSPARENT if cancelled else TRANSP.OPAQUE,
            attendees=attendees or None,
        )
        if e.updated_at is not None and e.updated_at.tzinfo is not None:
            vevent.add("LAST-MODIFIED", e.updated_at.astimezone(UTC))
        cal.add_component(vevent)
    if ordered:
        first, last = ordered[0].starts_at.date(), ordered[-1].starts_at.date()
        cal.add_missing_timezones(
            first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 2, 1, 1)
        )
    return bytes(cal.to_ical())


def write_ics(
    target: str | Path,
    events: Sequence[CalendarSession],
    tz_name: str,
    workspace_uid: str,
    *,
    stamp: datetime | None = None,
) -> Path:
    """Write ``sessions_to_ics`` to ``target`` whole or not at all (mode 0600)."""
    return write_bytes_atomic(target, sessions_to_ics(events, tz_name, workspace_uid, stamp=stamp))
