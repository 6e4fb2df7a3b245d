"""The iCalendar export parses back with the same events and UIDs, and never leaks notes."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from rmdesk.documents.calendar_ics import (
    CalendarSession,
    sequence_for,
    session_uid,
    sessions_to_ics,
    write_ics,
)
from rmdesk.models.sessions import Session

BERLIN = "Europe/Berlin"
STAMP = datetime(2026, 2, 1, 8, 0, tzinfo=UTC)
WS = "3f2a9c1e-ws"
SECRETS = ("CONFIDENTIAL-NOTE-42", "TOPIC-SECRET", "LEARNING-SECRET", "REASON-SECRET")


def session(sid: int, when: str, status: str = "planned", **kw: object) -> Session:
    return Session(
        id=sid,
        pair_id=7,
        starts_at=datetime.fromisoformat(when),
        duration_min=60,
        status=status,  # type: ignore[arg-type]
        place="Café Lumen, 3rd floor; room B",
        confidential_notes=SECRETS[0],
        topics=SECRETS[1],
        learnings=SECRETS[2],
        cancel_reason=SECRETS[3] if status == "cancelled" else "",
        **kw,  # type: ignore[arg-type]
    )


def events(*sessions: Session) -> list[CalendarSession]:
    return [
        CalendarSession.from_session(
            s, "Ada Lovelace", "Grace Hopper", "ada@example.com", "grace@example.com"
        )
        for s in sessions
    ]


def three() -> list[CalendarSession]:
    return events(
        session(1, "2026-03-02T10:00:00+01:00", "held"),
        session(2, "2026-04-02T10:00:00+02:00", "cancelled", cancelled_by="mentee"),
        session(3, "2026-05-04T10:00:00+02:00"),
    )


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def test_events_parse_back_with_the_same_times_and_uids() -> None:
    data = sessions_to_ics(three(), BERLIN, WS, stamp=STAMP)
    cal = parse(data)
    assert str(cal["METHOD"]) == "PUBLISH"
    vevents = cal.walk("VEVENT")
    assert [str(e["UID"]) for e in vevents] == [f"session-{n}@{WS}.rmdesk" for n in (1, 2, 3)]
    assert [e.start for e in vevents] == [s.starts_at for s in three()]
    assert all(e.end - e.start == timedelta(minutes=60) for e in vevents)
    assert all(str(e.start.tzinfo) == BERLIN for e in vevents)
    assert [str(e["STATUS"]) for e in vevents] == ["CONFIRMED", "CANCELLED", "CONFIRMED"]
    assert [str(e["SUMMARY"]) for e in vevents] == [
        "Reverse mentoring: Ada Lovelace & Grace Hopper",
        "Cancelled: Reverse mentoring: Ada Lovelace & Grace Hopper",
        "Reverse mentoring: Ada Lovelace & Grace Hopper",
    ]
    assert all(str(e["LOCATION"]) == "Café Lumen, 3rd floor; room B" for e in vevents)
    assert all(e["DTSTAMP"].dt == STAMP for e in vevents)


def test_times_are_local_wall_clock_with_the_vtimezone() -> None:
    data = sessions_to_ics(three(), BERLIN, WS, stamp=STAMP)
    assert b"DTSTART;TZID=Europe/Berlin:20260302T100000" in data
    assert b"DTSTART;TZID=Europe/Berlin:20260402T100000" in data  # summer time
    zones = parse(data).walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == [BERLIN]
    # a session stored in another offset is shown in the officer's zone
    one = events(session(9, "2026-03-02T09:00:00+00:00"))
    kolkata = sessions_to_ics(one, "Asia/Kolkata", WS, stamp=STAMP)
    assert b"DTSTART;TZID=Asia/Kolkata:20260302T143000" in kolkata
    assert [str(z["TZID"]) for z in parse(kolkata).walk("VTIMEZONE")] == ["Asia/Kolkata"]


def test_a_utc_officer_gets_utc_times() -> None:
    data = sessions_to_ics(three(), "Etc/UTC", WS, stamp=STAMP)
    assert b"DTSTART:20260302T090000Z" in data
    assert parse(data).walk("VEVENT")[0].start == three()[0].starts_at


def test_attendees_with_names() -> None:
    vevent = parse(sessions_to_ics(three()[:1], BERLIN, WS, stamp=STAMP)).walk("VEVENT")[0]
    people = [(str(a), a.params["CN"]) for a in vevent.attendees]
    assert people == [
        ("mailto:ada@example.com", "Ada Lovelace"),
        ("mailto:grace@example.com", "Grace Hopper"),
    ]


@pytest.mark.parametrize("bad", [None, "", "not an email", "a@b@c", "  "])
def test_unknown_or_malformed_emails_are_left_out(bad: str | None) -> None:
    one = CalendarSession.from_session(
        session(1, "2026-03-02T10:00:00+01:00"), "Ada", "Grace", bad, " grace@example.com "
    )
    vevent = parse(sessions_to_ics([one], BERLIN, WS, stamp=STAMP)).walk("VEVENT")[0]
    assert [str(a) for a in vevent.attendees] == ["mailto:grace@example.com"]


def test_confidential_text_never_leaves() -> None:
    data = sessions_to_ics(three(), BERLIN, WS, stamp=STAMP)
    text = data.decode()
    unfolded = text.replace("\r\n ", "")
    for secret in SECRETS:
        assert secret not in unfolded
    assert "Ada Lovelace (mentor) and Grace Hopper (mentee)" in unfolded


def test_names_in_any_script_survive_and_lines_are_folded() -> None:
    mentor = 'Zoë "Zee" O\'Brien\nde la Cruz'
    mentee = "محمد عبد الله · 李小龍 · Παπαδόπουλος · 👩🏽‍💻"
    place = "Salle «Ωmega», 東京オフィス 3階\n(by the window)"
    one = CalendarSession(
        5,
        datetime(2026, 3, 2, 10, tzinfo=ZoneInfo(BERLIN)),
        45,
        "planned",
        mentor,
        mentee,
        "zoe@example.com",
        "m.abdallah@example.com",
        place=place,
    )
    data = sessions_to_ics([one], BERLIN, WS, stamp=STAMP)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    data.decode("utf-8")  # folding never splits a character
    vevent = parse(data).walk("VEVENT")[0]
    one_line = 'Zoë "Zee" O\'Brien de la Cruz'
    assert str(vevent["SUMMARY"]) == f"Reverse mentoring: {one_line} & {mentee}"
    clean_mentor = "Zoë 'Zee' O'Brien de la Cruz"  # no double quote inside a parameter
    assert str(vevent["LOCATION"]) == "Salle «Ωmega», 東京オフィス 3階 (by the window)"
    assert [a.params["CN"] for a in vevent.attendees] == [clean_mentor, mentee]


def test_re_export_is_identical_and_a_change_raises_the_sequence() -> None:
    assert sessions_to_ics(three(), BERLIN, WS, stamp=STAMP) == sessions_to_ics(
        list(reversed(three())), BERLIN, WS, stamp=STAMP
    )
    before = session(3, "2026-05-04T10:00:00+02:00", updated_at=datetime(2026, 2, 1, tzinfo=UTC))
    after = session(3, "2026-05-06T10:00:00+02:00", updated_at=datetime(2026, 2, 3, tzinfo=UTC))
    old = parse(sessions_to_ics(events(before), BERLIN, WS, stamp=STAMP)).walk("VEVENT")[0]
    new = parse(sessions_to_ics(events(after), BERLIN, WS, stamp=STAMP)).walk("VEVENT")[0]
    assert str(old["UID"]) == str(new["UID"]) == session_uid(3, WS)
    assert int(new["SEQUENCE"]) > int(old["SEQUENCE"]) > 0
    assert new["LAST-MODIFIED"].dt == datetime(2026, 2, 3, tzinfo=UTC)


def test_sequence_from_a_counter_or_an_update_time() -> None:
    base = three()[0]
    assert sequence_for(base) == 0
    counted = CalendarSession.from_session(
        session(1, "2026-03-02T10:00:00+01:00"), "A", "B", sequence=4
    )
    assert sequence_for(counted) == 4
    vevent = parse(sessions_to_ics([counted], BERLIN, WS, stamp=STAMP)).walk("VEVENT")[0]
    assert int(vevent["SEQUENCE"]) == 4
    late = session(1, "2026-03-02T10:00:00+01:00", updated_at=datetime(2088, 1, 1, tzinfo=UTC))
    assert sequence_for(events(late)[0]) < 2**31


def test_uids_are_stable_tokens() -> None:
    assert session_uid(12, "My Laptop / HR") == "session-12@My-Laptop-HR.rmdesk"
    with pytest.raises(ValueError, match="workspace UID"):
        sessions_to_ics(three(), BERLIN, " / ")


def test_refusals() -> None:
    naive = CalendarSession(1, datetime(2026, 3, 2, 10), 60, "planned", "A", "B")
    with pytest.raises(ValueError, match="without an offset"):
        sessions_to_ics([naive], BERLIN, WS)
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        sessions_to_ics(three(), "Mars/Olympus", WS)


def test_an_empty_export_is_a_valid_calendar() -> None:
    cal = parse(sessions_to_ics([], BERLIN, WS, stamp=STAMP))
    assert cal.walk("VEVENT") == []
    assert str(cal["X-WR-TIMEZONE"]) == BERLIN


def test_write_ics_is_private(tmp_path: Path) -> None:
    target = write_ics(tmp_path / "sessions.ics", three(), BERLIN, WS, stamp=STAMP)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() == sessions_to_ics(three(), BERLIN, WS, stamp=STAMP)
    assert len(parse(target.read_bytes()).walk("VEVENT")) == 3


def test_fixed_offsets_are_accepted() -> None:
    one = CalendarSession(
        1, datetime(2026, 7, 1, 8, tzinfo=timezone(timedelta(hours=-4))), 30, "planned", "A", "B"
    )
    vevent = parse(sessions_to_ics([one], "America/New_York", WS, stamp=STAMP)).walk("VEVENT")[0]
    assert vevent.start == one.starts_at and vevent.start.hour == 8
