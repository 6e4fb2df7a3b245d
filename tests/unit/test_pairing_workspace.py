"""The Workspace's cohort and pairing capability, on a real database file."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rmdesk.errors import NotFound, PairingRefused, RmdeskError
from rmdesk.models.cohorts import Cohort, PairView
from rmdesk.models.conflicts import Severity, check_pair
from rmdesk.models.matching import Proposal
from rmdesk.workspace import Workspace
from tests.conftest import SAMPLE
from tests.unit.orgs import SMALL, write_roster

# SMALL:  C1 CEO ─┬─ F1 CFO ──── F2 analyst ── F3 junior analyst
#                 ├─ S1 Dir CS ─┬ S2 agent
#                 │             └ S3 team lead ── S4 new agent
#                 └─ T1 CTO ──── T2 developer


@pytest.fixture
def ws(workspace: Workspace, tmp_path: Path) -> Workspace:
    """The workspace with the small company imported and a cohort 'Spring' (capacity 1)."""
    workspace.import_roster(write_roster(tmp_path / "small.csv", SMALL))
    workspace.create_cohort("Spring", date(2025, 3, 1), date(2025, 9, 1))
    return workspace


@pytest.fixture
def events(ws: Workspace) -> Iterator[list[str]]:
    seen: list[str] = []
    ws.subscribe(seen.append)
    yield seen
    ws.unsubscribe(seen.append)


def codes(view: PairView | list[Any]) -> list[str]:
    conflicts = view.conflicts if isinstance(view, PairView) else view
    return [c.code for c in conflicts]


def reimport(ws: Workspace, tmp_path: Path, **changes: dict[str, object]) -> None:
    """Re-import SMALL with field changes per id; an id mapped to {} is left out of the file."""
    people = [e for e in SMALL if changes.get(e.employee_id) != {}]
    write_roster(tmp_path / "again.csv", people, changes)
    ws.import_roster(tmp_path / "again.csv")


# -- cohorts and participants -----------------------------------------------------------------


def test_cohort_defaults_to_the_most_recent(ws: Workspace) -> None:
    assert ws.cohort().name == "Spring"
    autumn = ws.create_cohort("Autumn", capacity=2)
    assert ws.cohort() == autumn and autumn.capacity == 2
    assert ws.cohort("Spring").starts == date(2025, 3, 1)
    assert [c.name for c in ws.cohorts()] == ["Spring", "Autumn"]
    with pytest.raises(NotFound, match="no cohort called 'Winter'"):
        ws.cohort("Winter")


def test_no_cohort_yet(workspace: Workspace) -> None:
    with pytest.raises(NotFound, match="no cohort yet"):
        workspace.cohort()


def test_create_cohort_updates_an_existing_one(ws: Workspace) -> None:
    again = ws.create_cohort("Spring", capacity=3)
    assert again.id == ws.cohort("Spring").id and again.capacity == 3
    assert again.starts == date(2025, 3, 1)  # what was not given is kept
    with pytest.raises(RmdeskError, match="capacity"):
        ws.create_cohort("Spring", capacity=0)
    with pytest.raises(RmdeskError, match="before it starts"):
        ws.create_cohort("Bad", date(2025, 5, 1), date(2025, 4, 1))
    with pytest.raises(RmdeskError, match="needs a name"):
        ws.create_cohort("  ")
    renamed = ws.update_cohort(replace(again, name="Spring 2025"))
    assert renamed.name == "Spring 2025" and ws.cohort().id == again.id


def test_update_cohort_sets_every_field_and_delete_needs_no_pairs(ws: Workspace) -> None:
    spring = ws.cohort("Spring")
    other = ws.create_cohort("Autumn")
    changed = ws.update_cohort(replace(spring, starts=None, ends=None, capacity=2))
    assert (changed.starts, changed.ends, changed.capacity) == (None, None, 2)
    assert ws.update_cohort(spring) == spring  # and back, exactly
    with pytest.raises(RmdeskError, match="already a cohort called 'Autumn'"):
        ws.update_cohort(replace(spring, name="Autumn"))
    with pytest.raises(RmdeskError, match="before it starts"):
        ws.update_cohort(replace(spring, ends=date(2025, 1, 1)))
    ws.enrol(["S2"], "mentor", other)
    ws.delete_cohort(other.id)  # enrolled people go with it
    assert [c.name for c in ws.cohorts()] == ["Spring"]
    ws.pair("S2", "F1", spring)
    with pytest.raises(RmdeskError, match="has pairs"):
        ws.delete_cohort(spring.id)


def test_enrol_and_switch_role(ws: Workspace) -> None:
    cohort = ws.cohort()
    assert ws.enrol(["S2", "F3"], "mentor") == ["S2", "F3"]
    assert ws.enrol(["S2", "C1"], "mentor") == ["C1"]  # S2 already was
    assert ws.enrol(["C1"], "mentee") == ["C1"]  # unpaired: switching is fine
    roles = {p.employee_id: p.role for p in ws.participants(cohort)}
    assert roles == {"S2": "mentor", "F3": "mentor", "C1": "mentee"}
    assert [p.employee_id for p in ws.participants(cohort, "mentee")] == ["C1"]


def test_enrol_rejects_unknown_ids_and_roles(ws: Workspace) -> None:
    with pytest.raises(NotFound, match="X99"):
        ws.enrol(["S2", "X99"], "mentor")
    with pytest.raises(RmdeskError, match="mentor or mentee"):
        ws.enrol(["S2"], "sponsor")
    assert ws.participants(ws.cohort()) == []


def test_enrol_role_switch_refused_when_paired(ws: Workspace) -> None:
    ws.pair("S2", "F1")
    with pytest.raises(RmdeskError, match="unpair them first"):
        ws.enrol(["T2", "S2"], "mentee")
    roles = {p.employee_id: p.role for p in ws.participants(ws.cohort())}
    assert roles == {"S2": "mentor", "F1": "mentee"}  # T2 rolled back with the refusal


def test_enrol_refuses_people_who_left(ws: Workspace, tmp_path: Path) -> None:
    reimport(ws, tmp_path, T2={})
    with pytest.raises(RmdeskError, match=r"left the roster: Lars Berg \(T2\)"):
        ws.enrol(["T2"], "mentor")


def test_withdraw_and_restore(ws: Workspace) -> None:
    ws.enrol(["S2", "F3", "T2"], "mentor")
    removed = ws.withdraw(iter(["S2", "F3"]))  # any iterable, a generator too
    assert sorted(p.employee_id for p in removed) == ["F3", "S2"]
    assert [p.employee_id for p in ws.participants(ws.cohort())] == ["T2"]
    ws.restore_participants(removed)
    assert len(ws.participants(ws.cohort())) == 3
    ws.pair("T2", "F1")
    with pytest.raises(RmdeskError, match="paired"):
        ws.withdraw(["T2"])


# -- check and score ------------------------------------------------------------------------


def test_check_reads_the_rules(ws: Workspace) -> None:
    assert codes(ws.check("F2", "F1")) == ["direct-report", "same-department"]
    assert codes(ws.check("F3", "F1")) == ["same-reporting-line", "same-department"]
    assert codes(ws.check("F1", "F3")) == [
        "same-reporting-line",
        "same-department",
        "not-reverse",
    ]
    assert codes(ws.check("S2", "F1")) == []
    assert codes(ws.check("S2", "S2")) == ["same-person"]
    with pytest.raises(NotFound, match="X99"):
        ws.check("X99", "F1")


def test_the_grade_setting_flips_not_reverse(ws: Workspace) -> None:
    assert ws.higher_grade_is_senior
    ws.set_higher_grade_is_senior(False)
    assert not ws.higher_grade_is_senior
    assert "not-reverse" in codes(ws.check("S2", "F1"))
    assert "not-reverse" not in codes(ws.check("F1", "S2"))


def test_score_with_interests(ws: Workspace) -> None:
    cohort = ws.cohort()
    ws.enrol(["S2"], "mentor")
    ws.enrol(["F1"], "mentee")
    ws.set_interests(cohort, "S2", "Culture, AI; social media", "Tuesdays")
    ws.set_interests(cohort, "F1", "culture, strategy, AI")
    points, reasons = ws.score("S2", "F1")
    assert "+2 shared: ai, culture" in reasons
    assert reasons[0] == "+3 other division (Customer ↔ Corporate)"
    assert points == 3 + 4 + 2


def test_exclude_either_order_with_the_reason(ws: Workspace, events: list[str]) -> None:
    ws.exclude("F1", "S2", "they are married")
    (c,) = ws.check("S2", "F1")
    assert (c.code, c.severity) == ("excluded", Severity.BLOCK)
    assert "Reason: they are married." in c.message
    assert "Wei Chen (S2)" in c.message and "José Muñoz (F1)" in c.message
    assert codes(ws.check("F1", "S2")).count("excluded") == 1
    ws.exclude("S2", "F1", "changed reason")  # the same pair, other order: an update
    assert list(ws.exclusions().values()) == ["changed reason"]
    ws.unexclude("S2", "F1")
    assert ws.check("S2", "F1") == []
    assert events
    with pytest.raises(NotFound):
        ws.exclude("S2", "X99")


# -- pair, unpair, restore -------------------------------------------------------------------


def test_pair_a_clean_match(ws: Workspace, events: list[str]) -> None:
    view = ws.pair("S2", "F1")
    assert view.pair.mentor_id == "S2" and view.pair.mentee_id == "F1"
    assert view.pair.override_reason is None and view.pair.status == "active"
    assert view.conflicts == [] and view.worst is None
    assert "pairs" in events
    roles = {p.employee_id: p.role for p in ws.participants(ws.cohort())}
    assert roles == {"S2": "mentor", "F1": "mentee"}  # enrolled on the way
    assert [v.pair.id for v in ws.pairs()] == [view.pair.id]


def test_pair_with_warnings_is_made(ws: Workspace) -> None:
    view = ws.pair("F3", "F1")
    assert codes(view) == ["same-reporting-line", "same-department"]
    assert view.worst is Severity.WARN


def test_blocked_pair_is_refused_without_override(ws: Workspace, events: list[str]) -> None:
    with pytest.raises(PairingRefused) as info:
        ws.pair("F2", "F1")
    assert [c.code for c in info.value.conflicts] == ["direct-report"]  # type: ignore[attr-defined]
    assert "Zoë Ødegård (F2)" in str(info.value) and "override" in str(info.value)
    assert ws.pairs() == [] and ws.participants(ws.cohort()) == [] and events == []
    with pytest.raises(PairingRefused):
        ws.pair("F2", "F1", override="   ")  # a blank reason is no reason


def test_override_stores_the_reason(ws: Workspace) -> None:
    view = ws.pair("F2", "F1", override="  CFO asked for it; HR director approved  ")
    assert view.pair.override_reason == "CFO asked for it; HR director approved"
    assert codes(view)[0] == "direct-report" and view.worst is Severity.BLOCK
    (again,) = ws.pairs()
    assert again.pair.override_reason == "CFO asked for it; HR director approved"
    assert codes(again)[0] == "direct-report"


def test_same_person_is_refused_even_with_override(ws: Workspace) -> None:
    with pytest.raises(RmdeskError, match="themselves"):
        ws.pair("S2", "S2", override="why not")
    assert ws.pairs() == []


def test_pair_respects_the_enrolled_roles(ws: Workspace) -> None:
    ws.enrol(["S2"], "mentee")
    with pytest.raises(RmdeskError, match="enrolled as a mentee"):
        ws.pair("S2", "F1")
    assert ws.pairs() == []


def test_unpair_and_restore_round_trip(ws: Workspace, events: list[str]) -> None:
    ws.pair("S2", "F1")
    made = ws.pair("F2", "S1", override="cross-check")
    before = [(v.pair, v.conflicts) for v in ws.pairs()]
    events.clear()
    removed = ws.unpair(made.pair.id)
    assert removed == made.pair
    assert [v.pair.id for v in ws.pairs()] != [p.id for p, _ in before]
    assert events == ["pairs"]
    with pytest.raises(NotFound):
        ws.get_pair(made.pair.id)
    restored = ws.restore_pair(removed)
    assert restored.pair == made.pair  # same id, override reason, status and timestamp
    assert restored.pair.override_reason == "cross-check"
    assert [(v.pair, v.conflicts) for v in ws.pairs()] == before
    # and again: unpair/restore is repeatable (undo, redo, undo)
    ws.restore_pair(ws.unpair(made.pair.id))
    assert [(v.pair, v.conflicts) for v in ws.pairs()] == before
    with pytest.raises(NotFound):
        ws.unpair(9999)


def test_unpairing_a_pair_with_history_ends_it_and_keeps_the_history(ws: Workspace) -> None:
    """An agreement or sessions must never vanish with an unpair (or with undoing a pair)."""
    view = ws.pair("S2", "F1")
    with ws.atomic():
        ws.db.execute(
            "INSERT INTO sessions (pair_id, starts_at, status) VALUES (?, '2025-04-01T10:00', "
            "'held')",
            [view.pair.id],
        )
    ws.unpair(view.pair.id)
    assert ws.get_pair(view.pair.id).status == "ended"
    assert ws.db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
    assert [v.conflicts for v in ws.pairs()] == [[]]  # an ended pair takes no place
    assert "already-paired" not in codes(ws.check("T2", "F1"))
    ws.restore_pair(view.pair)  # undo
    assert ws.get_pair(view.pair.id).status == "active"
    assert "already-paired" in codes(ws.check("T2", "F1"))


def test_unpair_frees_the_places(ws: Workspace) -> None:
    view = ws.pair("S2", "F1")
    assert "already-paired" in codes(ws.check("S2", "C1"))
    ws.unpair(view.pair.id)
    assert "already-paired" not in codes(ws.check("S2", "C1"))
    assert ws.pair("T2", "F1").conflicts == []


# -- capacity ------------------------------------------------------------------------------


def test_mentor_at_capacity_and_mentee_already_paired(ws: Workspace) -> None:
    ws.pair("S2", "F1")
    (c,) = [c for c in ws.check("S2", "T1") if c.code == "already-paired"]
    assert "Wei Chen (S2) already mentors 1 mentee (capacity 1)" in c.message
    assert "Mei Tanaka (T1)" in c.message
    with pytest.raises(PairingRefused):
        ws.pair("S2", "T1")
    (c,) = [c for c in ws.check("T2", "F1") if c.code == "already-paired"]
    assert "José Muñoz (F1) already has a mentor" in c.message


def test_capacity_two_allows_a_second_mentee(ws: Workspace) -> None:
    ws.create_cohort("Spring", capacity=2)
    ws.pair("S2", "F1")
    second = ws.pair("S2", "T1")
    assert "already-paired" not in codes(second)
    assert "already-paired" in codes(ws.check("S2", "C1"))
    # every existing pair, re-checked, is clean of its own load
    assert [codes(v) for v in ws.pairs()] == [[], []]


def test_existing_pairs_do_not_count_against_themselves(ws: Workspace) -> None:
    ws.pair("S2", "F1")
    ws.pair("F3", "T1")
    for v in ws.pairs():
        assert "already-paired" not in codes(v)
        assert "already-paired" not in codes(ws.pair_view(v.pair.id))


def test_an_overbooked_mentor_shows_on_every_pair(ws: Workspace) -> None:
    ws.pair("S2", "F1")
    ws.pair("S2", "T1", override="exception for the pilot")
    assert [codes(v).count("already-paired") for v in ws.pairs()] == [1, 1]


def test_capacity_is_per_cohort(ws: Workspace) -> None:
    ws.pair("S2", "F1", ws.cohort("Spring"))
    autumn = ws.create_cohort("Autumn")
    assert "already-paired" not in codes(ws.check("S2", "T1", autumn))
    assert ws.pair("S2", "T1", autumn).conflicts == []


# -- re-check after a re-import ----------------------------------------------------------------


def test_recheck_after_reimport_mentor_now_reports_to_mentee(
    ws: Workspace, tmp_path: Path, events: list[str]
) -> None:
    view = ws.pair("S2", "F1")
    assert view.conflicts == []
    reimport(ws, tmp_path, S2={"manager_id": "F1"})
    assert "roster" in events
    (again,) = ws.pairs()
    assert again.pair == view.pair
    c = again.conflicts[0]
    assert (c.code, c.severity) == ("direct-report", Severity.BLOCK)
    assert c.message.startswith("Wei Chen (S2) reports directly to José Muñoz (F1)")
    assert again.worst is Severity.BLOCK
    assert codes(ws.pair_view(view.pair.id))[0] == "direct-report"


def test_recheck_after_reimport_mentee_now_reports_to_mentor(ws: Workspace, tmp_path: Path) -> None:
    ws.pair("S2", "T1")
    reimport(ws, tmp_path, T1={"manager_id": "S2"})
    assert codes(ws.pairs()[0])[0] == "direct-report"


def test_recheck_after_reimport_person_left(ws: Workspace, tmp_path: Path) -> None:
    view = ws.pair("T2", "F1")
    reimport(ws, tmp_path, T2={})
    (again,) = ws.pairs()
    assert again.pair == view.pair  # kept, never deleted
    c = again.conflicts[0]
    assert c.code == "inactive" and "Lars Berg (T2) has left the roster" in c.message


def test_recheck_after_reimport_new_department(ws: Workspace, tmp_path: Path) -> None:
    ws.pair("S2", "F1")
    reimport(ws, tmp_path, S2={"department": "Finance", "division": "Corporate"})
    assert codes(ws.pairs()[0]) == ["same-department"]


def test_recheck_after_reimport_on_the_sample_roster(workspace: Workspace, tmp_path: Path) -> None:
    workspace.import_roster(SAMPLE)
    workspace.create_cohort("Sample")
    people = workspace.employees()
    assert len(people) == 198
    # a junior and a leader in another line; then the file moves the junior under the leader
    org = workspace.org_chart()
    leader = next(e for e in people.values() if org.direct_reports(e.employee_id))
    junior = next(
        e
        for e in people.values()
        if not org.direct_reports(e.employee_id)
        and org.levels_above(leader.employee_id, e.employee_id) is None
        and e.department != leader.department
        and not check_pair(e, leader, workspace.context())
    )
    workspace.pair(junior.employee_id, leader.employee_id)
    with SAMPLE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    manager = rows[0].index("Manager ID")
    for row in rows:
        if row[0] == junior.employee_id:
            row[manager] = leader.employee_id
    with (tmp_path / "moved.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    workspace.import_roster(tmp_path / "moved.csv")
    assert workspace.employee(junior.employee_id).manager_id == leader.employee_id
    assert codes(workspace.pairs()[0])[0] == "direct-report"


# -- paired before -------------------------------------------------------------------------


def test_paired_before_in_an_earlier_cohort(ws: Workspace) -> None:
    spring = ws.cohort("Spring")
    ws.pair("S2", "F1", spring)
    autumn = ws.create_cohort("Autumn")
    (c,) = ws.check("S2", "F1", autumn)
    assert (c.code, c.severity) == ("paired-before", Severity.INFO)
    assert "'Spring'" in c.message and "Wei Chen (S2)" in c.message
    assert codes(ws.check("F1", "S2", autumn)).count("paired-before") == 1
    view = ws.pair("S2", "F1", autumn)
    assert codes(view) == ["paired-before"]
    # the earlier cohort's pair was not 'paired before': the later one came after it
    assert [codes(v) for v in ws.pairs(spring)] == [[]]


# -- suggest and accept --------------------------------------------------------------------


def _enrol_small(ws: Workspace) -> None:
    ws.enrol(["F3", "S2", "S4", "T2"], "mentor")
    ws.enrol(["F1", "S1", "T1", "C1"], "mentee")


def test_suggest_only_proposes_unpaired_people_and_keeps_pairs(ws: Workspace) -> None:
    _enrol_small(ws)
    kept = ws.pair("T2", "F1")
    result = ws.suggest()
    assert {p.mentor_id for p in result.proposals} <= {"F3", "S2", "S4"}
    assert {p.mentee_id for p in result.proposals} <= {"S1", "T1", "C1"}
    assert len(result.proposals) == 3
    people = ws.employees()
    ctx = ws.context()
    for p in result.proposals:
        assert not [
            c
            for c in check_pair(people[p.mentor_id], people[p.mentee_id], ctx)
            if c.severity is Severity.BLOCK
        ]
        assert p.reasons
    made = ws.accept(result.proposals)
    assert len(made) == 3
    assert ws.pairs()[0].pair == kept.pair
    assert len(ws.pairs()) == 4
    after = ws.suggest()
    assert after.proposals == [] and after.unplaced == []


def test_suggest_respects_capacity(ws: Workspace) -> None:
    ws.create_cohort("Spring", capacity=2)
    ws.enrol(["S2"], "mentor")
    ws.enrol(["F1", "T1", "C1"], "mentee")
    ws.pair("S2", "C1")
    result = ws.suggest()
    assert len(result.proposals) == 1  # one place left
    assert result.proposals[0].mentor_id == "S2"
    assert len(result.unplaced) == 1
    ws.accept(result.proposals)
    assert ws.suggest().proposals == []


def test_suggest_when_nobody_can_be_placed(ws: Workspace) -> None:
    ws.enrol(["S2", "S3"], "mentor")
    ws.enrol(["S1"], "mentee")  # the manager of both
    result = ws.suggest()
    assert result.proposals == []
    reasons = dict(result.unplaced)
    assert reasons == {
        "S1": "every available mentor has a blocking conflict with them",
        "S2": "every waiting mentee has a blocking conflict with them",
        "S3": "every waiting mentee has a blocking conflict with them",
    }


def test_suggest_with_no_mentors(ws: Workspace) -> None:
    ws.enrol(["S1", "F1"], "mentee")
    result = ws.suggest()
    assert result.proposals == []
    assert dict(result.unplaced) == {
        "S1": "no mentor has room left",
        "F1": "no mentor has room left",
    }


def test_suggest_skips_people_who_left(ws: Workspace, tmp_path: Path) -> None:
    ws.enrol(["S2", "T2"], "mentor")
    ws.enrol(["F1"], "mentee")
    reimport(ws, tmp_path, S2={}, T2={"department": "Finance"})
    (p,) = ws.suggest().proposals
    assert p.mentor_id == "T2"


def test_accept_is_all_or_nothing(ws: Workspace, events: list[str]) -> None:
    _enrol_small(ws)
    events.clear()
    proposals = [
        Proposal("S2", "F1", 7, []),
        Proposal("T2", "T1", 0, []),  # a direct report: refused
    ]
    with pytest.raises(PairingRefused):
        ws.accept(proposals)
    assert ws.pairs() == []
    assert events == []
    # a proposal that clashes with an earlier one of the same batch: also nothing
    with pytest.raises(PairingRefused):
        ws.accept([Proposal("S2", "F1", 7, []), Proposal("T2", "F1", 3, [])])
    assert ws.pairs() == []
    made = ws.accept([Proposal("S2", "F1", 7, []), Proposal("T2", "S1", 3, [])])
    assert [(v.pair.mentor_id, v.pair.mentee_id) for v in made] == [("S2", "F1"), ("T2", "S1")]
    assert events.count("pairs") == 1  # one notification for the batch
    assert len(ws.pairs()) == 2


def test_accept_into_a_named_cohort(ws: Workspace) -> None:
    spring: Cohort = ws.cohort("Spring")
    ws.create_cohort("Autumn")
    ws.accept([Proposal("S2", "F1", 7, [])], spring)
    assert len(ws.pairs(spring)) == 1 and ws.pairs() == []
