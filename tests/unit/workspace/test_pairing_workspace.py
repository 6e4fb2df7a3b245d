"""The Workspace's cohort and pairing capability, on a real database file."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rmdesk.errors import NotFound, PairingRefused, RmdeskError, RoleSwitchRefused
from rmdesk.models.cohorts import Cohort, PairView
from rmdesk.models.conflicts import Severity, check_pair
from rmdesk.models.matching import Proposal
from rmdesk.workspace import Event, Workspace
from tests.conftest import SAMPLE
from tests.unit.orgs import SMALL, write_roster

# SMALL:  C1 CEO ─┬─ F1 CFO ──── F2 analyst ── F3 junior analyst
#                 ├─ S1 Dir CS ─┬ S2 agent
#                 │             └ S3 team lead ── S4 new agent
#                 └─ T1 CTO ──── T2 developer


@pytest.fixture
def ws(workspace: Workspace, tmp_path: Path) -> Workspace:
    """The workspace with the small company imported and a cohort 'Spring' (capacity 1)."""
    workspace.roster.import_roster(write_roster(tmp_path / "small.csv", SMALL))
    workspace.cohorts.create_cohort("Spring", date(2025, 3, 1), date(2025, 9, 1))
    return workspace


@pytest.fixture
def events(ws: Workspace) -> Iterator[list[str]]:
    """The kinds of change events heard, by their old topic names ('pairs', 'roster'…)."""
    seen: list[str] = []

    def hear(event: Event) -> None:
        seen.append(type(event).__name__.removesuffix("Changed").lower())

    ws.subscribe(hear)
    yield seen
    ws.unsubscribe(hear)


def codes(view: PairView | list[Any]) -> list[str]:
    conflicts = view.conflicts if isinstance(view, PairView) else view
    return [c.code for c in conflicts]


def reimport(ws: Workspace, tmp_path: Path, **changes: dict[str, object]) -> None:
    """Re-import SMALL with field changes per id; an id mapped to {} is left out of the file."""
    people = [e for e in SMALL if changes.get(e.employee_id) != {}]
    write_roster(tmp_path / "again.csv", people, changes)
    ws.roster.import_roster(tmp_path / "again.csv", allow_deactivation=True)


# -- cohorts and participants -----------------------------------------------------------------


def test_a_cohort_change_is_judged_with_what_is_stored(ws: Workspace) -> None:
    """One date at a time cannot make a cohort end before it starts, and the capacity cannot
    drop below a mentor's open pairs; a refused change leaves the cohort as it was."""
    ws.cohorts.create_cohort("Winter", date(2026, 9, 1), date(2027, 2, 28), capacity=2)
    with pytest.raises(RmdeskError, match="before it starts"):
        ws.cohorts.create_cohort("Winter", ends=date(2026, 1, 1))
    with pytest.raises(RmdeskError, match="before it starts"):
        ws.cohorts.create_cohort("Winter", starts=date(2027, 6, 1))
    winter = ws.cohorts.cohort("Winter")
    assert (winter.starts, winter.ends) == (date(2026, 9, 1), date(2027, 2, 28))
    ws.pairing.pair("S2", "F1", winter)
    ws.pairing.pair("S2", "F2", winter, override="test")
    with pytest.raises(RmdeskError, match=r"Wei Chen \(S2\) already mentors 2 mentees"):
        ws.cohorts.create_cohort("Winter", capacity=1)
    with pytest.raises(RmdeskError, match="already mentors 2"):
        ws.cohorts.update_cohort(replace(winter, capacity=1))
    assert ws.cohorts.cohort("Winter").capacity == 2


def test_cohort_defaults_to_the_most_recent(ws: Workspace) -> None:
    assert ws.cohorts.cohort().name == "Spring"
    autumn = ws.cohorts.create_cohort("Autumn", capacity=2)
    assert ws.cohorts.cohort() == autumn and autumn.capacity == 2
    assert ws.cohorts.cohort("Spring").starts == date(2025, 3, 1)
    assert [c.name for c in ws.cohorts.cohorts()] == ["Spring", "Autumn"]
    with pytest.raises(NotFound, match="no cohort called 'Winter'"):
        ws.cohorts.cohort("Winter")


def test_no_cohort_yet(workspace: Workspace) -> None:
    with pytest.raises(NotFound, match="no cohort yet"):
        workspace.cohorts.cohort()


def test_create_cohort_updates_an_existing_one(ws: Workspace) -> None:
    again = ws.cohorts.create_cohort("Spring", capacity=3)
    assert again.id == ws.cohorts.cohort("Spring").id and again.capacity == 3
    assert again.starts == date(2025, 3, 1)  # what was not given is kept
    with pytest.raises(RmdeskError, match="capacity"):
        ws.cohorts.create_cohort("Spring", capacity=0)
    with pytest.raises(RmdeskError, match="before it starts"):
        ws.cohorts.create_cohort("Bad", date(2025, 5, 1), date(2025, 4, 1))
    with pytest.raises(RmdeskError, match="needs a name"):
        ws.cohorts.create_cohort("  ")
    renamed = ws.cohorts.update_cohort(replace(again, name="Spring 2025"))
    assert renamed.name == "Spring 2025" and ws.cohorts.cohort().id == again.id


def test_update_cohort_sets_every_field_and_delete_needs_no_pairs(ws: Workspace) -> None:
    spring = ws.cohorts.cohort("Spring")
    other = ws.cohorts.create_cohort("Autumn")
    changed = ws.cohorts.update_cohort(replace(spring, starts=None, ends=None, capacity=2))
    assert (changed.starts, changed.ends, changed.capacity) == (None, None, 2)
    assert ws.cohorts.update_cohort(spring) == spring  # and back, exactly
    with pytest.raises(RmdeskError, match="already a cohort called 'Autumn'"):
        ws.cohorts.update_cohort(replace(spring, name="Autumn"))
    with pytest.raises(RmdeskError, match="before it starts"):
        ws.cohorts.update_cohort(replace(spring, ends=date(2025, 1, 1)))
    ws.cohorts.enrol(["S2"], "mentor", other)
    ws.cohorts.delete_cohort(other.id)  # enrolled people go with it
    assert [c.name for c in ws.cohorts.cohorts()] == ["Spring"]
    ws.pairing.pair("S2", "F1", spring)
    with pytest.raises(RmdeskError, match="has 1 pair;"):
        ws.cohorts.delete_cohort(spring.id)


def test_enrol_and_switch_role(ws: Workspace) -> None:
    cohort = ws.cohorts.cohort()
    assert ws.cohorts.enrol(["S2", "F3"], "mentor") == ["S2", "F3"]
    assert ws.cohorts.enrol(["S2", "C1"], "mentor") == ["C1"]  # S2 already was
    with pytest.raises(RoleSwitchRefused, match=r"Amara Okafor \(C1\) is enrolled as a mentor"):
        ws.cohorts.enrol(["C1"], "mentee")  # a role never changes silently
    assert ws.cohorts.enrol(["C1"], "mentee", switch=True) == ["C1"]  # asked for: fine
    roles = {p.employee_id: p.role for p in ws.cohorts.participants(cohort)}
    assert roles == {"S2": "mentor", "F3": "mentor", "C1": "mentee"}
    assert [p.employee_id for p in ws.cohorts.participants(cohort, "mentee")] == ["C1"]


def test_enrol_rejects_unknown_ids_and_roles(ws: Workspace) -> None:
    with pytest.raises(NotFound, match="X99"):
        ws.cohorts.enrol(["S2", "X99"], "mentor")
    with pytest.raises(RmdeskError, match="mentor or mentee"):
        ws.cohorts.enrol(["S2"], "sponsor")
    assert ws.cohorts.participants(ws.cohorts.cohort()) == []


def test_enrol_role_switch_refused_when_paired(ws: Workspace) -> None:
    ws.pairing.pair("S2", "F1")
    with pytest.raises(RmdeskError, match="unpair them first"):
        ws.cohorts.enrol(["T2", "S2"], "mentee", switch=True)
    roles = {p.employee_id: p.role for p in ws.cohorts.participants(ws.cohorts.cohort())}
    assert roles == {"S2": "mentor", "F1": "mentee"}  # T2 rolled back with the refusal


def test_enrol_refuses_people_who_left(ws: Workspace, tmp_path: Path) -> None:
    reimport(ws, tmp_path, T2={})
    with pytest.raises(RmdeskError, match=r"left the roster: Lars Berg \(T2\)"):
        ws.cohorts.enrol(["T2"], "mentor")


def test_withdraw_and_restore(ws: Workspace) -> None:
    ws.cohorts.enrol(["S2", "F3", "T2"], "mentor")
    removed = ws.cohorts.withdraw(iter(["S2", "F3"]))  # any iterable, a generator too
    assert sorted(p.employee_id for p in removed) == ["F3", "S2"]
    assert [p.employee_id for p in ws.cohorts.participants(ws.cohorts.cohort())] == ["T2"]
    ws.cohorts.restore_participants(removed)
    assert len(ws.cohorts.participants(ws.cohorts.cohort())) == 3
    ws.pairing.pair("T2", "F1")
    with pytest.raises(RmdeskError, match="paired"):
        ws.cohorts.withdraw(["T2"])


# -- check and score ------------------------------------------------------------------------


def test_check_reads_the_rules(ws: Workspace) -> None:
    assert codes(ws.pairing.check("F2", "F1")) == ["direct-report", "same-department"]
    assert codes(ws.pairing.check("F3", "F1")) == ["same-reporting-line", "same-department"]
    assert codes(ws.pairing.check("F1", "F3")) == [
        "same-reporting-line",
        "same-department",
        "not-reverse",
    ]
    assert codes(ws.pairing.check("S2", "F1")) == []
    assert codes(ws.pairing.check("S2", "S2")) == ["same-person"]
    with pytest.raises(NotFound, match="X99"):
        ws.pairing.check("X99", "F1")


def test_the_grade_setting_flips_not_reverse(ws: Workspace) -> None:
    assert ws.pairing.higher_grade_is_senior
    ws.pairing.set_higher_grade_is_senior(False)
    assert not ws.pairing.higher_grade_is_senior
    assert "not-reverse" in codes(ws.pairing.check("S2", "F1"))
    assert "not-reverse" not in codes(ws.pairing.check("F1", "S2"))


def test_score_with_interests(ws: Workspace) -> None:
    cohort = ws.cohorts.cohort()
    ws.cohorts.enrol(["S2"], "mentor")
    ws.cohorts.enrol(["F1"], "mentee")
    ws.cohorts.set_interests(cohort, "S2", "Culture, AI; social media", "Tuesdays")
    ws.cohorts.set_interests(cohort, "F1", "culture, strategy, AI")
    points, reasons = ws.pairing.score("S2", "F1")
    assert "+2 shared: ai, culture" in reasons
    assert reasons[0] == "+3 other division (Customer ↔ Corporate)"
    assert points == 3 + 4 + 2


def test_exclude_either_order_with_the_reason(ws: Workspace, events: list[str]) -> None:
    ws.cohorts.exclude("F1", "S2", "they are married")
    (c,) = ws.pairing.check("S2", "F1")
    assert (c.code, c.severity) == ("excluded", Severity.BLOCK)
    assert "Reason: they are married." in c.message
    assert "Wei Chen (S2)" in c.message and "José Muñoz (F1)" in c.message
    assert codes(ws.pairing.check("F1", "S2")).count("excluded") == 1
    ws.cohorts.exclude("S2", "F1", "changed reason")  # the same pair, other order: an update
    assert list(ws.cohorts.exclusions().values()) == ["changed reason"]
    ws.cohorts.unexclude("S2", "F1")
    assert ws.pairing.check("S2", "F1") == []
    assert events
    with pytest.raises(NotFound):
        ws.cohorts.exclude("S2", "X99")


# -- pair, unpair, restore -------------------------------------------------------------------


def test_pair_a_clean_match(ws: Workspace, events: list[str]) -> None:
    view = ws.pairing.pair("S2", "F1")
    assert view.pair.mentor_id == "S2" and view.pair.mentee_id == "F1"
    assert view.pair.override_reason is None and view.pair.status == "active"
    assert view.conflicts == [] and view.worst is None
    assert "pairs" in events
    roles = {p.employee_id: p.role for p in ws.cohorts.participants(ws.cohorts.cohort())}
    assert roles == {"S2": "mentor", "F1": "mentee"}  # enrolled on the way
    assert [v.pair.id for v in ws.pairing.pairs()] == [view.pair.id]


def test_pair_with_warnings_is_made(ws: Workspace) -> None:
    view = ws.pairing.pair("F3", "F1")
    assert codes(view) == ["same-reporting-line", "same-department"]
    assert view.worst is Severity.WARN


def test_blocked_pair_is_refused_without_override(ws: Workspace, events: list[str]) -> None:
    with pytest.raises(PairingRefused) as info:
        ws.pairing.pair("F2", "F1")
    assert [c.code for c in info.value.conflicts] == ["direct-report"]  # type: ignore[attr-defined]
    assert "Zoë Ødegård (F2)" in str(info.value) and "override" in str(info.value)
    assert (
        ws.pairing.pairs() == []
        and ws.cohorts.participants(ws.cohorts.cohort()) == []
        and events == []
    )
    with pytest.raises(PairingRefused):
        ws.pairing.pair("F2", "F1", override="   ")  # a blank reason is no reason


def test_override_stores_the_reason(ws: Workspace) -> None:
    view = ws.pairing.pair("F2", "F1", override="  CFO asked for it; HR director approved  ")
    assert view.pair.override_reason == "CFO asked for it; HR director approved"
    assert codes(view)[0] == "direct-report" and view.worst is Severity.BLOCK
    (again,) = ws.pairing.pairs()
    assert again.pair.override_reason == "CFO asked for it; HR director approved"
    assert codes(again)[0] == "direct-report"


def test_same_person_is_refused_even_with_override(ws: Workspace) -> None:
    with pytest.raises(RmdeskError, match="cannot be both mentor and mentee"):
        ws.pairing.pair("S2", "S2", override="why not")
    assert ws.pairing.pairs() == []


def test_pair_respects_the_enrolled_roles(ws: Workspace) -> None:
    ws.cohorts.enrol(["S2"], "mentee")
    with pytest.raises(RmdeskError, match="enrolled as a mentee"):
        ws.pairing.pair("S2", "F1")
    assert ws.pairing.pairs() == []


def test_unpair_and_restore_round_trip(ws: Workspace, events: list[str]) -> None:
    ws.pairing.pair("S2", "F1")
    made = ws.pairing.pair("F2", "S1", override="cross-check")
    before = [(v.pair, v.conflicts) for v in ws.pairing.pairs()]
    events.clear()
    removed = ws.pairing.unpair(made.pair.id)
    assert removed == made.pair
    assert [v.pair.id for v in ws.pairing.pairs()] != [p.id for p, _ in before]
    assert events == ["pairs"]
    with pytest.raises(NotFound):
        ws.pairing.get_pair(made.pair.id)
    restored = ws.pairing.restore_pair(removed)
    assert restored.pair == made.pair  # same id, override reason, status and timestamp
    assert restored.pair.override_reason == "cross-check"
    assert [(v.pair, v.conflicts) for v in ws.pairing.pairs()] == before
    # and again: unpair/restore is repeatable (undo, redo, undo)
    ws.pairing.restore_pair(ws.pairing.unpair(made.pair.id))
    assert [(v.pair, v.conflicts) for v in ws.pairing.pairs()] == before
    with pytest.raises(NotFound):
        ws.pairing.unpair(9999)


def test_unpairing_a_pair_with_history_ends_it_and_keeps_the_history(ws: Workspace) -> None:
    """An agreement or sessions must never vanish with an unpair (or with undoing a pair)."""
    view = ws.pairing.pair("S2", "F1")
    with ws.store.atomic():
        ws.db.execute(
            "INSERT INTO sessions (pair_id, starts_at, status) VALUES (?, '2025-04-01T10:00', "
            "'held')",
            [view.pair.id],
        )
    ws.pairing.unpair(view.pair.id)
    assert ws.pairing.get_pair(view.pair.id).status == "ended"
    assert ws.db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
    # it met, so it ran: it ended early, and reports and exports keep it
    assert ws.sessions.outcome(view.pair.id) == ("other", "unpaired by the programme officer")
    assert [v.conflicts for v in ws.pairing.pairs()] == [[]]  # an ended pair takes no place
    assert "already-paired" not in codes(ws.pairing.check("T2", "F1"))
    ws.pairing.restore_pair(view.pair)  # undo
    assert ws.pairing.get_pair(view.pair.id).status == "active"
    assert ws.sessions.outcome(view.pair.id) == (None, "")
    assert "already-paired" in codes(ws.pairing.check("T2", "F1"))


def test_a_pair_taken_back_before_it_met_ends_without_an_outcome(ws: Workspace) -> None:
    """Only a plan or a draft: a match taken back, which reports leave out."""
    view = ws.pairing.pair("S2", "F1")
    with ws.store.atomic():
        ws.db.execute(
            "INSERT INTO sessions (pair_id, starts_at, status) VALUES (?, '2025-04-01T10:00', "
            "'planned')",
            [view.pair.id],
        )
    ws.pairing.unpair(view.pair.id)
    assert ws.pairing.get_pair(view.pair.id).status == "ended"
    assert ws.sessions.outcome(view.pair.id) == (None, "")
    assert view.pair.id not in ws.reports.figures(ws.cohorts.cohort()).pairs.pair_ids


def test_unpair_frees_the_places(ws: Workspace) -> None:
    view = ws.pairing.pair("S2", "F1")
    assert "already-paired" in codes(ws.pairing.check("S2", "C1"))
    ws.pairing.unpair(view.pair.id)
    assert "already-paired" not in codes(ws.pairing.check("S2", "C1"))
    assert ws.pairing.pair("T2", "F1").conflicts == []


# -- capacity ------------------------------------------------------------------------------


def test_mentor_at_capacity_and_mentee_already_paired(ws: Workspace) -> None:
    ws.pairing.pair("S2", "F1")
    (c,) = [c for c in ws.pairing.check("S2", "T1") if c.code == "already-paired"]
    assert "Wei Chen (S2) already mentors 1 mentee (capacity 1)" in c.message
    assert "Mei Tanaka (T1)" in c.message
    with pytest.raises(PairingRefused):
        ws.pairing.pair("S2", "T1")
    (c,) = [c for c in ws.pairing.check("T2", "F1") if c.code == "already-paired"]
    assert "José Muñoz (F1) already has a mentor" in c.message


def test_capacity_two_allows_a_second_mentee(ws: Workspace) -> None:
    ws.cohorts.create_cohort("Spring", capacity=2)
    ws.pairing.pair("S2", "F1")
    second = ws.pairing.pair("S2", "T1")
    assert "already-paired" not in codes(second)
    assert "already-paired" in codes(ws.pairing.check("S2", "C1"))
    # every existing pair, re-checked, is clean of its own load
    assert [codes(v) for v in ws.pairing.pairs()] == [[], []]


def test_existing_pairs_do_not_count_against_themselves(ws: Workspace) -> None:
    ws.pairing.pair("S2", "F1")
    ws.pairing.pair("F3", "T1")
    for v in ws.pairing.pairs():
        assert "already-paired" not in codes(v)
        assert "already-paired" not in codes(ws.pairing.pair_view(v.pair.id))


def test_no_override_overbooks_a_mentor_or_gives_a_mentee_two_mentors(ws: Workspace) -> None:
    ws.pairing.pair("S2", "F1")
    with pytest.raises(PairingRefused, match="No override reason"):
        ws.pairing.pair("S2", "T1", override="exception for the pilot")
    with pytest.raises(PairingRefused, match="No override reason"):
        ws.pairing.pair("F3", "F1", override="two mentors")
    with pytest.raises(PairingRefused, match="already"):
        ws.pairing.pair("S2", "F1", override="the same pair twice")
    assert [(v.pair.mentor_id, v.pair.mentee_id) for v in ws.pairing.pairs()] == [("S2", "F1")]


def test_the_schema_refuses_a_second_mentor_even_past_the_rules(ws: Workspace) -> None:
    """What two processes racing past a check would write is refused by the database itself."""
    import sqlite3

    made = ws.pairing.pair("S2", "F1").pair
    for mentor, mentee in (("F3", "F1"), ("S2", "T1")):  # second mentor; over capacity
        with pytest.raises(sqlite3.IntegrityError):
            ws.db.execute(
                "INSERT INTO pairs (cohort_id, mentor_id, mentee_id, created_at) "
                "VALUES (?, ?, ?, 'now')",
                [made.cohort_id, mentor, mentee],
            )


def test_capacity_is_per_cohort(ws: Workspace) -> None:
    ws.pairing.pair("S2", "F1", ws.cohorts.cohort("Spring"))
    autumn = ws.cohorts.create_cohort("Autumn")
    assert "already-paired" not in codes(ws.pairing.check("S2", "T1", autumn))
    assert ws.pairing.pair("S2", "T1", autumn).conflicts == []


# -- re-check after a re-import ----------------------------------------------------------------


def test_recheck_after_reimport_mentor_now_reports_to_mentee(
    ws: Workspace, tmp_path: Path, events: list[str]
) -> None:
    view = ws.pairing.pair("S2", "F1")
    assert view.conflicts == []
    reimport(ws, tmp_path, S2={"manager_id": "F1"})
    assert "roster" in events
    (again,) = ws.pairing.pairs()
    assert again.pair == view.pair
    c = again.conflicts[0]
    assert (c.code, c.severity) == ("direct-report", Severity.BLOCK)
    assert c.message.startswith("Wei Chen (S2) reports directly to José Muñoz (F1)")
    assert again.worst is Severity.BLOCK
    assert codes(ws.pairing.pair_view(view.pair.id))[0] == "direct-report"


def test_recheck_after_reimport_mentee_now_reports_to_mentor(ws: Workspace, tmp_path: Path) -> None:
    ws.pairing.pair("S2", "T1")
    reimport(ws, tmp_path, T1={"manager_id": "S2"})
    assert codes(ws.pairing.pairs()[0])[0] == "direct-report"


def test_recheck_after_reimport_person_left(ws: Workspace, tmp_path: Path) -> None:
    view = ws.pairing.pair("T2", "F1")
    reimport(ws, tmp_path, T2={})
    (again,) = ws.pairing.pairs()
    assert again.pair == view.pair  # kept, never deleted
    c = again.conflicts[0]
    assert c.code == "inactive" and "Lars Berg (T2) has left the organisation" in c.message


def test_recheck_after_reimport_new_department(ws: Workspace, tmp_path: Path) -> None:
    ws.pairing.pair("S2", "F1")
    reimport(ws, tmp_path, S2={"department": "Finance", "division": "Corporate"})
    assert codes(ws.pairing.pairs()[0]) == ["same-department"]


def test_recheck_after_reimport_on_the_sample_roster(workspace: Workspace, tmp_path: Path) -> None:
    workspace.roster.import_roster(SAMPLE)
    workspace.cohorts.create_cohort("Sample")
    people = workspace.roster.employees()
    assert len(people) == 198
    # a junior and a leader in another line; then the file moves the junior under the leader
    org = workspace.roster.org_chart()
    leader = next(e for e in people.values() if org.direct_reports(e.employee_id))
    junior = next(
        e
        for e in people.values()
        if not org.direct_reports(e.employee_id)
        and org.levels_above(leader.employee_id, e.employee_id) is None
        and e.department != leader.department
        and not check_pair(e, leader, workspace.pairing.context())
    )
    workspace.pairing.pair(junior.employee_id, leader.employee_id)
    with SAMPLE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    manager = rows[0].index("Manager ID")
    for row in rows:
        if row[0] == junior.employee_id:
            row[manager] = leader.employee_id
    with (tmp_path / "moved.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    workspace.roster.import_roster(tmp_path / "moved.csv")
    assert workspace.roster.employee(junior.employee_id).manager_id == leader.employee_id
    assert codes(workspace.pairing.pairs()[0])[0] == "direct-report"


# -- paired before -------------------------------------------------------------------------


def test_paired_before_in_an_earlier_cohort(ws: Workspace) -> None:
    spring = ws.cohorts.cohort("Spring")
    ws.pairing.pair("S2", "F1", spring)
    autumn = ws.cohorts.create_cohort("Autumn")
    (c,) = ws.pairing.check("S2", "F1", autumn)
    assert (c.code, c.severity) == ("paired-before", Severity.INFO)
    assert "'Spring'" in c.message and "Wei Chen (S2)" in c.message
    assert codes(ws.pairing.check("F1", "S2", autumn)).count("paired-before") == 1
    view = ws.pairing.pair("S2", "F1", autumn)
    assert codes(view) == ["paired-before"]
    # the earlier cohort's pair was not 'paired before': the later one came after it
    assert [codes(v) for v in ws.pairing.pairs(spring)] == [[]]


# -- suggest and accept --------------------------------------------------------------------


def _enrol_small(ws: Workspace) -> None:
    ws.cohorts.enrol(["F3", "S2", "S4", "T2"], "mentor")
    ws.cohorts.enrol(["F1", "S1", "T1", "C1"], "mentee")


def test_suggest_only_proposes_unpaired_people_and_keeps_pairs(ws: Workspace) -> None:
    _enrol_small(ws)
    kept = ws.pairing.pair("T2", "F1")
    result = ws.pairing.suggest()
    assert {p.mentor_id for p in result.proposals} <= {"F3", "S2", "S4"}
    assert {p.mentee_id for p in result.proposals} <= {"S1", "T1", "C1"}
    assert len(result.proposals) == 3
    people = ws.roster.employees()
    ctx = ws.pairing.context()
    for p in result.proposals:
        assert not [
            c
            for c in check_pair(people[p.mentor_id], people[p.mentee_id], ctx)
            if c.severity is Severity.BLOCK
        ]
        assert p.reasons
    made = ws.pairing.accept(result.proposals)
    assert len(made) == 3
    assert ws.pairing.pairs()[0].pair == kept.pair
    assert len(ws.pairing.pairs()) == 4
    after = ws.pairing.suggest()
    assert after.proposals == [] and after.unplaced == []


def test_suggest_respects_capacity(ws: Workspace) -> None:
    ws.cohorts.create_cohort("Spring", capacity=2)
    ws.cohorts.enrol(["S2"], "mentor")
    ws.cohorts.enrol(["F1", "T1", "C1"], "mentee")
    ws.pairing.pair("S2", "C1")
    result = ws.pairing.suggest()
    assert len(result.proposals) == 1  # one place left
    assert result.proposals[0].mentor_id == "S2"
    assert len(result.unplaced) == 1
    ws.pairing.accept(result.proposals)
    assert ws.pairing.suggest().proposals == []


def test_suggest_when_nobody_can_be_placed(ws: Workspace) -> None:
    ws.cohorts.enrol(["S2", "S3"], "mentor")
    ws.cohorts.enrol(["S1"], "mentee")  # the manager of both
    result = ws.pairing.suggest()
    assert result.proposals == []
    reasons = dict(result.unplaced)
    assert reasons == {
        "S1": "every available mentor has a blocking conflict with them",
        "S2": "every waiting mentee has a blocking conflict with them",
        "S3": "every waiting mentee has a blocking conflict with them",
    }


def test_suggest_with_no_mentors(ws: Workspace) -> None:
    ws.cohorts.enrol(["S1", "F1"], "mentee")
    result = ws.pairing.suggest()
    assert result.proposals == []
    assert dict(result.unplaced) == {
        "S1": "no mentor has room left",
        "F1": "no mentor has room left",
    }


def test_suggest_skips_people_who_left(ws: Workspace, tmp_path: Path) -> None:
    ws.cohorts.enrol(["S2", "T2"], "mentor")
    ws.cohorts.enrol(["F1"], "mentee")
    reimport(ws, tmp_path, S2={}, T2={"department": "Finance"})
    (p,) = ws.pairing.suggest().proposals
    assert p.mentor_id == "T2"


def test_accept_is_all_or_nothing(ws: Workspace, events: list[str]) -> None:
    _enrol_small(ws)
    events.clear()
    proposals = [
        Proposal("S2", "F1", 7, []),
        Proposal("T2", "T1", 0, []),  # a direct report: refused
    ]
    with pytest.raises(PairingRefused):
        ws.pairing.accept(proposals)
    assert ws.pairing.pairs() == []
    assert events == []
    # a proposal that clashes with an earlier one of the same batch: also nothing
    with pytest.raises(PairingRefused):
        ws.pairing.accept([Proposal("S2", "F1", 7, []), Proposal("T2", "F1", 3, [])])
    assert ws.pairing.pairs() == []
    made = ws.pairing.accept([Proposal("S2", "F1", 7, []), Proposal("T2", "S1", 3, [])])
    assert [(v.pair.mentor_id, v.pair.mentee_id) for v in made] == [("S2", "F1"), ("T2", "S1")]
    assert events.count("pairs") == 1  # one notification for the batch
    assert len(ws.pairing.pairs()) == 2


def test_accept_into_a_named_cohort(ws: Workspace) -> None:
    spring: Cohort = ws.cohorts.cohort("Spring")
    ws.cohorts.create_cohort("Autumn")
    ws.cohorts.enrol(["S2"], "mentor", spring)
    ws.cohorts.enrol(["F1"], "mentee", spring)
    ws.pairing.accept([Proposal("S2", "F1", 7, [])], spring)
    assert len(ws.pairing.pairs(spring)) == 1 and ws.pairing.pairs() == []


def test_accepting_proposals_never_enrols_again_someone_withdrawn_since(ws: Workspace) -> None:
    """A suggestion made before a withdrawal (in this process or another) is refused whole:
    accepting it would enrol the person again behind the officer's back."""
    spring = ws.cohorts.cohort("Spring")
    ws.cohorts.enrol(["S2", "T2"], "mentor", spring)
    ws.cohorts.enrol(["F1", "S1"], "mentee", spring)
    proposals = [Proposal("S2", "F1", 7, []), Proposal("T2", "S1", 5, [])]
    ws.cohorts.withdraw(["S1"], spring)
    with pytest.raises(RmdeskError, match="not enrolled"):
        ws.pairing.accept(proposals, spring)
    assert ws.pairing.pairs(spring) == []
    assert "S1" not in {p.employee_id for p in ws.cohorts.participants(spring)}


def test_a_check_inside_the_write_sees_an_import_another_process_made(
    ws: Workspace, tmp_path: Path
) -> None:
    """The roster read before another process's import is not trusted inside a write: the
    person that import marked as left cannot be paired."""
    ws.roster.employees()  # the cache, as a window or a suggestion holds it
    assert ws.path is not None
    other = Workspace.open(ws.path)
    try:
        people = [e for e in SMALL if e.employee_id != "F3"]
        path = write_roster(tmp_path / "without_f3.csv", people, {})
        other.roster.import_roster(path, allow_deactivation=True)
    finally:
        other.close()
    with pytest.raises(PairingRefused) as info:
        ws.pairing.pair("S2", "F3")
    assert "inactive" in [c.code for c in info.value.conflicts]


def test_an_override_is_written_to_the_audit_log(ws: Workspace) -> None:
    made = ws.pairing.pair("F2", "F1", override="pilot agreed by the CHRO")
    (entry,) = ws.audit.entries(kind="override")
    assert f"pair {made.pair.id}" in entry.summary and "direct-report" in entry.summary
    assert "pilot agreed by the CHRO" in entry.summary


def test_unpair_of_a_pair_closed_meanwhile_leaves_it_as_it_ended(ws: Workspace) -> None:
    """Another process closed it as completed: an unpair read before must not turn that into
    'ended early, other'."""
    view = ws.pairing.pair("S2", "F1")
    ws.sessions.close(view.pair.id, "completed")
    with pytest.raises(RmdeskError, match="closed already"):
        ws.pairing.unpair(view.pair.id)
    assert ws.sessions.outcome(view.pair.id) == ("completed", "")


def test_putting_back_an_unpaired_pair(ws: Workspace, tmp_path: Path) -> None:
    """Undo of unpair is refused, with nothing changed, when a pair made since took the old id
    (the steps below it on the undo stack name the pair by that id), when the mentee is
    paired again, and once a member has left the roster."""
    first = ws.pairing.pair("S2", "F1").pair
    gone = ws.pairing.unpair(first.id)
    other = ws.pairing.pair("T2", "S1").pair
    assert other.id == first.id  # SQLite gave the freed id to the next pair
    with pytest.raises(RmdeskError, match="a pair made since took its place"):
        ws.pairing.restore_pair(gone)
    kept = ws.pairing.get_pair(other.id)
    assert (kept.mentor_id, kept.mentee_id, kept.status) == ("T2", "S1", "active")
    ws.pairing.unpair(other.id)
    again = ws.pairing.pair("T2", "F1").pair  # F1 paired again, under another id
    ws.pairing.unpair(again.id)
    ws.pairing.pair("F3", "S1")  # takes the freed id; F1 is free again
    third = ws.pairing.pair("T2", "F1").pair
    with pytest.raises(RmdeskError, match="cannot be put back"):
        ws.pairing.restore_pair(gone)
    assert ws.pairing.get_pair(third.id).mentor_id == "T2"
    people = [e for e in SMALL if e.employee_id != "S2"]
    ws.roster.import_roster(
        write_roster(tmp_path / "no_s2.csv", people, {}), allow_deactivation=True
    )
    ws.pairing.unpair(third.id)
    with pytest.raises(RmdeskError, match="left the roster"):
        ws.pairing.restore_pair(gone)


def test_putting_back_a_pair_whose_mentee_is_paired_again_is_a_sentence(ws: Workspace) -> None:
    """The schema refuses it (one active pair per mentee); the undo says so in words."""
    first = ws.pairing.pair("S2", "F1").pair
    ws.pairing.pair("T2", "S1")  # a later id: the first one is not reused
    gone = ws.pairing.unpair(first.id)
    ws.pairing.pair("F3", "F1")
    with pytest.raises(RmdeskError, match="paired again or the mentor has no room"):
        ws.pairing.restore_pair(gone)
    assert [v.pair.mentor_id for v in ws.pairing.pairs() if v.pair.mentee_id == "F1"] == ["F3"]
