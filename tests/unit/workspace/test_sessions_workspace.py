"""``ws.sessions`` on a real database file: plans, logging, rescheduling, actions, health,
closing, since-last-look, the calendar, and the CLI commands over them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from rmdesk.cli import main
from rmdesk.errors import RmdeskError
from rmdesk.models.health import HealthThresholds, PairFacts, assess
from rmdesk.workspace import Event, Workspace
from rmdesk.workspace.events import ActionsChanged, PairsChanged, SessionsChanged
from rmdesk.workspace.session_reads import signed_rhythms
from tests.unit.orgs import SMALL, write_roster

NOW = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)  # a Monday, before the cohort's first session


@pytest.fixture
def ws(workspace: Workspace, tmp_path: Path) -> Workspace:
    """SMALL imported, cohort 'Spring' (March to September 2025) and three pairs."""
    workspace.roster.import_roster(write_roster(tmp_path / "small.csv", SMALL))
    cohort = workspace.cohorts.create_cohort("Spring", date(2025, 3, 3), date(2025, 8, 29))
    for mentor, mentee in (("S4", "F1"), ("F3", "S1"), ("S2", "T1")):
        workspace.pairing.pair(mentor, mentee, cohort)
    return workspace


@pytest.fixture
def events(ws: Workspace) -> Iterator[list[Event]]:
    seen: list[Event] = []
    ws.subscribe(seen.append)
    yield seen
    ws.unsubscribe(seen.append)


def pair_ids(ws: Workspace) -> list[int]:
    return [v.pair.id for v in ws.pairing.pairs()]


def sign(ws: Workspace, pair_id: int, version: int = 1, **body: object) -> None:
    """A frozen version signed by both (the agreements service's rows, written directly)."""
    doc = {"frequency": "fortnightly", "length_min": 45, "sessions": 4, **body}
    cur = ws.db.execute(
        "INSERT INTO agreements (pair_id, version, body, created_at, sha256) "
        "VALUES (?, ?, ?, '2025-02-01', ?)",
        [pair_id, version, json.dumps(doc), f"hash{version}"],
    )
    for role in ("mentor", "mentee"):
        ws.db.execute(
            "INSERT INTO signatures (agreement_id, role, typed_name, signed_on) "
            "VALUES (?, ?, 'X', '2025-02-01')",
            [cur.lastrowid, role],
        )
    ws.db.conn.commit()


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


# -- plans --------------------------------------------------------------------------------------
def test_plan_without_agreement_follows_the_cohort_and_the_default_rhythm(ws: Workspace) -> None:
    pid = pair_ids(ws)[0]
    result = ws.sessions.plan(pid, now=NOW)
    got = ws.sessions.sessions(pid)
    assert len(result.add) == len(got) == 6
    assert got[0].starts_at.date() == date(2025, 3, 3)
    assert all(s.status == "planned" and s.duration_min == 60 for s in got)
    assert got[-1].starts_at.date() <= date(2025, 8, 29)
    assert ws.sessions.plan(pid, now=NOW).changes == 0  # re-running is safe


def test_plan_from_the_signed_agreement(ws: Workspace) -> None:
    pid = pair_ids(ws)[0]
    sign(ws, pid, first_session="2025-03-10", meeting_place="Café Nord")
    ws.sessions.plan(pid, now=NOW)
    got = ws.sessions.sessions(pid)
    assert [s.starts_at.date() for s in got] == [
        date(2025, 3, 10), date(2025, 3, 24), date(2025, 4, 7), date(2025, 4, 21)
    ]  # fmt: skip
    assert {s.duration_min for s in got} == {45} and {s.place for s in got} == {"Café Nord"}


def test_an_unsigned_draft_does_not_drive_the_plan(ws: Workspace) -> None:
    pid = pair_ids(ws)[0]
    ws.db.execute(
        "INSERT INTO agreements (pair_id, version, body, created_at) VALUES (?, 1, ?, 'x')",
        [pid, json.dumps({"frequency": "weekly", "sessions": 12})],
    )
    ws.db.conn.commit()
    ws.sessions.plan(pid, now=NOW)
    assert len(ws.sessions.sessions(pid)) == 6
    assert signed_rhythms(ws.db.conn, ws.cohorts.cohort().id) == {}


def test_refresh_keeps_history_and_ids(ws: Workspace) -> None:
    pid = pair_ids(ws)[0]
    ws.sessions.plan(pid, now=NOW)
    first, second, *_ = ws.sessions.sessions(pid)
    ws.sessions.log(first.id, status="held", learnings="Listened well")
    ws.sessions.log(second.id, status="cancelled", cancelled_by="mentee", reason="Board meeting")
    sign(ws, pid, first_session="2025-03-03", frequency="monthly", sessions=6, length_min=60)
    later = datetime(2025, 4, 20, tzinfo=UTC)
    ws.sessions.plan(pid, now=later)
    after = ws.sessions.sessions(pid)
    kept = {s.id: s for s in after}
    assert kept[first.id].status == "held" and kept[first.id].learnings == "Listened well"
    assert kept[second.id].cancel_reason == "Board meeting"
    future = [s for s in after if s.starts_at > later]
    # the monthly dates still ahead (May to August); the cancelled one is not made up
    assert [s.starts_at.month for s in future] == [5, 6, 7, 8]
    assert ws.sessions.plan(pid, now=later).changes == 0


# -- logging and rescheduling ------------------------------------------------------------------
def test_logging_at_a_planned_time_updates_it_else_adds(ws: Workspace, events: list[Event]) -> None:
    pid = pair_ids(ws)[0]
    ws.sessions.plan(pid, now=NOW)
    first = ws.sessions.sessions(pid)[0]
    events.clear()
    logged = ws.sessions.log(pair_id=pid, at=first.starts_at, status="held", role_reversal=True)
    assert logged.id == first.id and logged.role_reversal and logged.status == "held"
    assert events == [SessionsChanged(frozenset({pid}))]  # one transaction, one event
    extra = ws.sessions.log(pair_id=pid, at=at("2025-03-20", 15), status="held")
    assert extra.id not in {s.id for s in ws.sessions.sessions(pid)[:1]}
    assert len(ws.sessions.sessions(pid)) == 7


def test_log_refuses_inconsistent_input_and_writes_nothing(ws: Workspace) -> None:
    pid = pair_ids(ws)[0]
    ws.sessions.plan(pid, now=NOW)
    s = ws.sessions.sessions(pid)[0]
    with pytest.raises(RmdeskError, match="only a cancelled session"):
        ws.sessions.log(s.id, status="held", cancelled_by="mentor")
    with pytest.raises(RmdeskError, match="cannot cancel"):
        ws.sessions.log(s.id, status="cancelled", cancelled_by="sponsor")  # type: ignore[arg-type]
    assert ws.sessions.session(s.id) == s


def test_a_cancellation_keeps_who_and_why_and_held_clears_them(ws: Workspace) -> None:
    pid = pair_ids(ws)[0]
    ws.sessions.plan(pid, now=NOW)
    s = ws.sessions.sessions(pid)[0]
    got = ws.sessions.log(s.id, status="cancelled", cancelled_by="mentee", reason="Travel")
    assert (got.cancelled_by, got.cancel_reason) == ("mentee", "Travel")
    got = ws.sessions.log(s.id, status="held", topics="TikTok", confidential_note="Private")
    assert (got.cancelled_by, got.cancel_reason) == (None, "")
    assert (got.topics, got.confidential_notes) == ("TikTok", "Private")


def test_rescheduling_links_the_old_session_to_the_new(ws: Workspace) -> None:
    pid = pair_ids(ws)[0]
    ws.sessions.plan(pid, now=NOW)
    old = ws.sessions.sessions(pid)[1]
    new = ws.sessions.move(old.id, at("2025-04-09", 14), cancelled_by="mentee")
    moved = ws.sessions.session(old.id)
    assert moved.status == "cancelled" and moved.rescheduled_to == new.id
    assert moved.cancelled_by == "mentee" and "2025-04-09" in moved.cancel_reason
    assert new.status == "planned" and new.duration_min == old.duration_min
    # the replacement stays when the plan is refreshed; the count of sessions holds
    ws.sessions.plan(pid, now=NOW)
    assert ws.sessions.session(new.id).status == "planned"
    assert len([s for s in ws.sessions.sessions(pid) if s.status == "planned"]) == 6
    held = ws.sessions.log(ws.sessions.sessions(pid)[0].id, status="held")
    with pytest.raises(RmdeskError, match="was held"):
        ws.sessions.move(held.id, at("2025-05-01"))


def test_drop_keeps_history_and_replace_sessions_undoes(ws: Workspace) -> None:
    pid = pair_ids(ws)[0]
    ws.sessions.plan(pid, now=NOW)
    before = ws.sessions.sessions(pid)
    ws.sessions.log(before[0].id, status="held")
    with pytest.raises(RmdeskError, match="kept as history"):
        ws.sessions.drop(before[0].id)
    ws.sessions.drop(before[-1].id)
    ws.sessions.move(before[1].id, at("2025-04-15"))
    assert len(ws.sessions.sessions(pid)) == 6
    ws.sessions.replace_sessions(pid, before)  # undo everything above
    again = ws.sessions.sessions(pid)
    assert [(s.id, s.status, s.starts_at) for s in again] == [
        (s.id, s.status, s.starts_at) for s in before
    ]


# -- actions -----------------------------------------------------------------------------------
def test_actions_and_the_overdue_ones(ws: Workspace, events: list[Event]) -> None:
    a, b, _ = pair_ids(ws)
    late = ws.sessions.add_action(a, "Try the app", "mentee", date(2025, 4, 1))
    ws.sessions.add_action(b, "Share the deck", "Priya Shah", date(2025, 6, 1))
    done = ws.sessions.add_action(a, "Read the report", "mentor", date(2025, 3, 20))
    ws.sessions.set_action_done(done.id, date(2025, 3, 25))
    assert ActionsChanged(frozenset({a})) in events
    today = date(2025, 5, 1)
    assert [x.id for x in ws.sessions.actions(overdue_only=True, today=today)] == [late.id]
    assert len(ws.sessions.actions()) == 3
    with pytest.raises(RmdeskError, match="owner"):
        ws.sessions.add_action(a, "Something", "  ")
    # an open action outlives its pair: closing or unpairing does not hide it
    ws.sessions.close(a, "completed")
    ws.pairing.unpair(b)
    assert [x.id for x in ws.sessions.actions(overdue_only=True, today=today)] == [late.id]
    assert len(ws.sessions.actions()) == 3


# -- health ------------------------------------------------------------------------------------
def test_health_through_the_service_equals_the_rules(ws: Workspace) -> None:
    a, b, c = pair_ids(ws)
    for pid in (a, b, c):
        ws.sessions.plan(pid, now=NOW)
    sign(ws, b, first_session="2025-03-03", frequency="monthly", sessions=6, length_min=60)
    s = ws.sessions.sessions(a)
    ws.sessions.log(s[0].id, status="cancelled", cancelled_by="mentee")
    ws.sessions.log(s[1].id, status="cancelled", cancelled_by="mentee")
    ws.sessions.log(ws.sessions.sessions(b)[0].id, status="held")
    ws.sessions.add_action(c, "One", "mentor", date(2025, 3, 1))
    ws.sessions.add_action(c, "Two", "mentor", date(2025, 3, 2))
    today = date(2025, 4, 20)  # 48 days after the first session: at risk, not stalled yet
    got = {h.pair_id: h for h in ws.sessions.health(today=today)}
    for pid in (a, b, c):
        facts = PairFacts(
            pid,
            ws.sessions.sessions(pid),
            today,
            ws.sessions.pair_actions(pid),
            agreement_signed=pid == b,
            every_days=30 if pid == b else None,
            paired_on=date.today(),
        )
        assert got[pid] == assess(facts)
    assert got[a].status == "at-risk" and any(
        "senior (mentee) cancelled 2" in r for r in got[a].reasons
    )
    assert any("unsigned" in r for r in got[c].reasons)
    assert not any("unsigned" in r for r in got[b].reasons)
    assert [h.pair_id for h in ws.sessions.health(today=today, pair_ids=[b])] == [b]


def test_thresholds_come_from_settings(ws: Workspace) -> None:
    a = pair_ids(ws)[0]
    ws.sessions.plan(a, now=NOW)
    ws.sessions.log(ws.sessions.sessions(a)[0].id, status="cancelled", cancelled_by="mentee")
    today = date(2025, 3, 4)
    worded = {h.pair_id: h for h in ws.sessions.health(today=today)}
    assert not any("cancelled" in r for r in worded[a].reasons)
    ws.sessions.set_thresholds(HealthThresholds(senior_cancellations=1))
    assert ws.sessions.thresholds().senior_cancellations == 1
    worded = {h.pair_id: h for h in ws.sessions.health(today=today)}
    assert any("cancelled 1" in r for r in worded[a].reasons)


def test_since_last_look_lists_pairs_that_got_worse(ws: Workspace) -> None:
    a, b, c = pair_ids(ws)
    for pid in (a, b, c):
        ws.sessions.plan(pid, now=NOW)
        sign(ws, pid, first_session="2025-03-03", frequency="monthly", sessions=6, length_min=60)
        ws.sessions.log(ws.sessions.sessions(pid)[0].id, status="held")
    today = date(2025, 3, 10)
    assert ws.sessions.since_last_look(today=today) == []
    ws.sessions.mark_looked(today=today)
    for s in ws.sessions.sessions(b)[1:3]:
        ws.sessions.log(s.id, status="no-show")
    for pid in (a, c):
        for s in ws.sessions.sessions(pid)[1:3]:
            ws.sessions.log(s.id, status="held")
    worse = ws.sessions.since_last_look(today=date(2025, 5, 6))
    assert [h.pair_id for h in worse] == [b]
    ws.sessions.mark_looked(today=date(2025, 5, 6))
    assert ws.sessions.since_last_look(today=date(2025, 5, 6)) == []


# -- closing -----------------------------------------------------------------------------------
def test_close_and_reopen(ws: Workspace, events: list[Event]) -> None:
    a = pair_ids(ws)[0]
    ws.sessions.plan(a, now=NOW)
    cohort = ws.cohorts.cohort()
    events.clear()
    closed = ws.sessions.close(a, "mismatch", "Different expectations")
    assert closed.status == "ended"
    assert ws.sessions.outcome(a) == ("mismatch", "Different expectations")
    assert events == [PairsChanged(cohort.id, changed=frozenset({a}))]
    assert a not in {h.pair_id for h in ws.sessions.health()}
    assert len(ws.sessions.sessions(a)) == 6  # history kept
    with pytest.raises(RmdeskError, match="closed"):
        ws.sessions.log(ws.sessions.sessions(a)[0].id, status="held")
    with pytest.raises(RmdeskError, match="not an outcome"):
        ws.sessions.close(pair_ids(ws)[1], "bored")
    ws.sessions.reopen(a)
    assert ws.sessions.outcome(a) == (None, "")
    assert a in {h.pair_id for h in ws.sessions.health()}


def test_reopen_refused_when_the_mentee_is_paired_again(ws: Workspace) -> None:
    a = pair_ids(ws)[0]  # S4 mentors F1
    ws.sessions.close(a, "no-fault")
    ws.pairing.pair("T2", "F1", ws.cohorts.cohort())
    with pytest.raises(RmdeskError, match="cannot be reopened"):
        ws.sessions.reopen(a)
    assert ws.sessions.outcome(a)[0] == "no-fault"


def test_reopen_refused_when_someone_left_since_the_close(ws: Workspace, tmp_path: Path) -> None:
    """Undoing a close must not bring back a pair whose mentor has left the company since."""
    a = pair_ids(ws)[0]  # S4 mentors F1; S4 leaves
    ws.sessions.close(a, "left")
    people = [e for e in SMALL if e.employee_id != "S4"]
    path = write_roster(tmp_path / "without_s4.csv", people, {})
    ws.roster.import_roster(path, allow_deactivation=True)
    with pytest.raises(RmdeskError, match="left the roster"):
        ws.sessions.reopen(a)
    assert ws.sessions.outcome(a)[0] == "left"


# -- calendar ----------------------------------------------------------------------------------
def test_calendar_parses_back_with_the_same_uids_and_no_notes(
    ws: Workspace, tmp_path: Path
) -> None:
    a, b, _ = pair_ids(ws)
    ws.db.execute("UPDATE employees SET email = lower(employee_id) || '@example.com'")
    ws.db.conn.commit()
    ws.roster.forget()
    ws.sessions.plan(a, now=NOW)
    ws.sessions.plan(b, now=NOW)
    s = ws.sessions.sessions(a)
    ws.sessions.log(s[0].id, status="held", confidential_note="SECRET-NOTE", learnings="L-TEXT")
    ws.sessions.log(s[1].id, status="cancelled", cancelled_by="mentee", reason="R-TEXT")
    out = tmp_path / "all.ics"
    assert ws.sessions.calendar(out) == 12
    text = out.read_text(encoding="utf-8")
    assert "SECRET-NOTE" not in text and "L-TEXT" not in text and "R-TEXT" not in text
    cal = Calendar.from_ical(out.read_bytes())
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(events) == 12
    assert sum(str(e.get("STATUS")) == "CANCELLED" for e in events.values()) == 1
    ws.sessions.calendar(tmp_path / "again.ics")
    again = Calendar.from_ical((tmp_path / "again.ics").read_bytes())
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == set(events)
    one = tmp_path / "one.ics"
    assert ws.sessions.calendar(one, pair_id=b) == 6
    uids = {str(e["UID"]) for e in Calendar.from_ical(one.read_bytes()).walk("VEVENT")}
    assert uids < set(events)
    attendees = [str(x) for e in cal.walk("VEVENT") for x in e.get("ATTENDEE", [])]
    assert len(attendees) == 24 and "mailto:s4@example.com" in attendees
    # a closed pair's events stay in the file, those it never held cancelled, with a newer
    # SEQUENCE: dropping them would leave them in everybody's calendar
    ws.sessions.close(a, "mismatch")
    assert ws.sessions.calendar(out) == 12
    after = {str(e["UID"]): e for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    assert set(after) == set(events)
    cancelled = [u for u, e in after.items() if str(e.get("STATUS")) == "CANCELLED"]
    assert len(cancelled) == 5  # pair a: the one cancelled before, and its four planned
    moved = [u for u in cancelled if str(events[u].get("STATUS")) != "CANCELLED"]
    assert len(moved) == 4
    # a pair taken back before it ever met (no outcome) keeps its events too, cancelled
    ws.pairing.unpair(b)
    assert ws.sessions.calendar(out) == 12
    gone = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert sum(str(e.get("STATUS")) == "CANCELLED" for e in gone) == 11  # all but a's held one
    one_pair = tmp_path / "b.ics"
    assert ws.sessions.calendar(one_pair, pair_id=b) == 6
    only_b = Calendar.from_ical(one_pair.read_bytes()).walk("VEVENT")
    assert all(str(e.get("STATUS")) == "CANCELLED" for e in only_b)
    assert all(int(after[u]["SEQUENCE"]) > int(events[u]["SEQUENCE"]) for u in moved)


# -- the command line --------------------------------------------------------------------------
def run(db: Path, *args: str) -> int:
    """The exit code of ``rmdesk ARGS --db DB`` (usage errors exit through argparse)."""
    try:
        return main([*args, "--db", str(db)])
    except SystemExit as exc:
        return int(exc.code or 0)


def test_cli_session_commands(
    ws: Workspace, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = pair_ids(ws)[0]
    ws.sessions.plan(a, now=NOW)
    first = ws.sessions.sessions(a)[0]
    when = first.starts_at.isoformat()
    assert run(db_path, "session", str(a), "--on", when, "--status", "held",
               "--learning", "Shared L", "--note", "CONF-X") == 0  # fmt: skip
    assert run(db_path, "session", str(a), "--on", "2025-06-20T11:00+00:00", "--status",
               "cancelled", "--cancelled-by", "mentee", "--reason", "Ill") == 0  # fmt: skip
    assert run(db_path, "session", str(a), "--on", when, "--status", "held",
               "--cancelled-by", "mentor") == 1  # fmt: skip
    capsys.readouterr()
    assert run(db_path, "sessions", str(a), "--json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc) == 7 and doc[0]["learnings"] == "Shared L"
    assert "CONF-X" not in json.dumps(doc) and "confidential_notes" not in doc[0]
    assert run(db_path, "sessions", str(a), "--json", "--confidential") == 0
    assert json.loads(capsys.readouterr().out)[0]["confidential_notes"] == "CONF-X"
    assert run(db_path, "sessions", "--json") == 0
    assert {d["pair_id"] for d in json.loads(capsys.readouterr().out)} == {a}


def test_cli_plan_action_health_close_calendar(
    ws: Workspace, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, _ = pair_ids(ws)
    soon = date.today() + timedelta(days=7)
    sign(ws, b, first_session=soon.isoformat(), frequency="weekly", sessions=3)
    assert run(db_path, "plan", str(b)) == 0
    assert len(ws.sessions.sessions(b)) == 3
    assert run(db_path, "plan", str(b)) == 0 and "up to date" in capsys.readouterr().out
    assert run(db_path, "action", str(a), "--owner", "mentee", "--due", "2020-01-01", "Do it") == 0
    assert run(db_path, "action", str(a), "--owner", "mentee", "--due", "2020-13-01", "X") == 2
    capsys.readouterr()
    assert run(db_path, "actions", "--overdue", "--json") == 0
    [late] = json.loads(capsys.readouterr().out)
    assert late["pair_id"] == a and late["overdue"] is True
    assert run(db_path, "health", "--json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert {d["pair_id"] for d in doc} == set(pair_ids(ws))
    assert all(set(d) == {"pair_id", "status", "reasons"} for d in doc)
    assert {d["status"] for d in doc} <= {"on-track", "at-risk", "stalled"}
    assert run(db_path, "calendar", "--ics", str(tmp_path / "c.ics"), "--pair", str(b)) == 0
    assert (tmp_path / "c.ics").exists()
    assert run(db_path, "close", str(a), "--ended", "left", "--note", "Moved on") == 0
    assert ws.sessions.outcome(a) == ("left", "Moved on")
    assert run(db_path, "close", str(b), "--completed") == 0
    assert run(db_path, "close", str(b), "--completed") == 1  # already closed
    assert run(db_path, "close", str(a), "--ended", "bored") == 2
    assert run(db_path, "close", "999", "--completed") == 1


def test_cli_read_commands_never_create_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    for args in (["health"], ["sessions"], ["actions"], ["calendar", "--ics", "x.ics"]):
        assert run(missing, *args) == 1
    assert not missing.exists()


def test_dates_in_the_cli_keep_their_offset() -> None:
    # a bare local time gets the machine's offset; the session's stored text keeps it
    from rmdesk.cli.common import iso_datetime

    assert iso_datetime("2025-03-03T10:00").utcoffset() is not None
    assert iso_datetime("2025-03-03T10:00+02:00").utcoffset() == timedelta(hours=2)


def test_marking_what_was_seen_writes_only_when_it_changed(tmp_path: Path) -> None:
    """Opening the window looks at health every time; an unchanged look writes nothing (so
    the backup made on opening is skipped when nothing else changed either)."""
    from rmdesk.workspace.events import SettingsChanged
    from tests.conftest import SAMPLE

    ws = Workspace.open(tmp_path / "w.db")
    try:
        ws.roster.import_roster(SAMPLE)
        cohort = ws.cohorts.create_cohort("Spring")
        heard: list[Event] = []
        ws.subscribe(heard.append)
        ws.sessions.mark_looked(cohort)
        assert heard == []  # no pairs, nothing seen that was not seen before
        people = sorted(ws.roster.employees().values(), key=lambda e: int(e.grade or 0))
        ws.pairing.pair(people[0].employee_id, people[-1].employee_id, cohort)
        heard.clear()
        ws.sessions.mark_looked(cohort)
        assert any(isinstance(e, SettingsChanged) for e in heard)
        heard.clear()
        ws.sessions.mark_looked(cohort)
        assert heard == []
    finally:
        ws.close()


def test_a_closed_pair_takes_no_new_session_action_or_signature(ws: Workspace) -> None:
    """Its history stays as it ended; the checks run inside each write (a close landing from
    another process between a read and the write is seen)."""
    from rmdesk.workspace.agreements import AgreementRefused

    a, _, _ = pair_ids(ws)
    ws.sessions.plan(a, now=NOW)
    done = ws.sessions.add_action(a, "Visit the call centre", "mentee", date(2025, 4, 1))
    ws.sessions.close(a, "completed")
    before = (ws.sessions.sessions(a), ws.sessions.pair_actions(a))
    with pytest.raises(RmdeskError, match="closed"):
        ws.sessions.add(a, datetime(2025, 9, 1, 10, tzinfo=UTC))
    with pytest.raises(RmdeskError, match="closed"):
        ws.sessions.plan(a, now=NOW)
    with pytest.raises(RmdeskError, match="closed"):
        ws.sessions.add_action(a, "One more", "mentor")
    with pytest.raises(AgreementRefused, match="closed"):
        ws.agreements.sign(a, "mentor", "A Mentor", date(2025, 3, 1))
    assert (ws.sessions.sessions(a), ws.sessions.pair_actions(a)) == before
    ws.sessions.set_action_done(done.id, date(2025, 9, 2))  # an open action can still be done
    assert ws.sessions.action(done.id).done_on == date(2025, 9, 2)


def test_logging_a_session_keeps_a_note_another_process_wrote(ws: Workspace) -> None:
    """A log changes the fields it is given and keeps the others as stored, another
    process's note among them (they are read inside the log's write, under its lock)."""
    a, _, _ = pair_ids(ws)
    ws.sessions.plan(a, now=NOW)
    first = ws.sessions.sessions(a)[0]
    assert ws.path is not None
    other = Workspace.open(ws.path)
    try:
        other.sessions.log(first.id, status="held", confidential_note="written by the other")
    finally:
        other.close()
    ws.sessions.log(first.id, status="held", learnings="what the mentee showed")
    got = ws.sessions.session(first.id)
    assert got.confidential_notes == "written by the other"
    assert got.learnings == "what the mentee showed"


def test_a_signature_cannot_be_dated_in_the_future(ws: Workspace) -> None:
    from rmdesk.workspace.agreements import AgreementRefused

    a, _, _ = pair_ids(ws)
    with pytest.raises(AgreementRefused) as info:
        ws.agreements.sign(a, "mentor", "A Mentor", date.today() + timedelta(days=1))
    assert "has not come yet" in " ".join(info.value.problems)


def test_a_logged_session_is_never_turned_back_into_a_plan(ws: Workspace) -> None:
    a, _, _ = pair_ids(ws)
    ws.sessions.plan(a, now=NOW)
    first = ws.sessions.sessions(a)[0]
    ws.sessions.log(first.id, status="held", learnings="L")
    with pytest.raises(RmdeskError, match="was held; it stays so"):
        ws.sessions.log(first.id, status="planned")
    assert ws.sessions.session(first.id).status == "held"
