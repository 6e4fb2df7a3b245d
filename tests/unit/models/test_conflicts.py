"""Conflict rules, seniority and the org chart: every code of docs/cli.md with its severity."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rmdesk.models.conflicts import (
    Conflict,
    PairingContext,
    Severity,
    check_pair,
    unordered,
    worst,
)
from rmdesk.models.orgchart import OrgChart, find_cycles
from rmdesk.models.people import Employee, grade_rank
from rmdesk.models.seniority import compare_seniority, seniority_gap
from tests.unit.orgs import context, line_org, person

#: The conflict codes of docs/cli.md: code -> severity.
DESIGN_CODES = {
    "same-person": "block",
    "direct-report": "block",
    "same-reporting-line": "warn",
    "same-department": "warn",
    "same-division": "info",
    "not-reverse": "warn",
    "already-paired": "block",
    "inactive": "block",
    "excluded": "block",
    "paired-before": "info",
}

# A neutral pair: nothing in common, the mentor clearly the junior, in different trees.
JUNIOR = person("J1", "Ana Silva", department="Sales", division="Customer", grade="3")
SENIOR = person("S1", "Ben Okoro", department="Finance", division="Corporate", grade="9")


def codes(found: list[Conflict]) -> list[str]:
    return [c.code for c in found]


def only(found: list[Conflict], code: str) -> Conflict:
    hits = [c for c in found if c.code == code]
    assert len(hits) == 1, f"expected one {code} in {codes(found)}"
    return hits[0]


def names_both(message: str, a: Employee, b: Employee) -> bool:
    return all(x in message for x in (a.name, a.employee_id, b.name, b.employee_id))


def test_the_neutral_pair_is_clean() -> None:
    assert check_pair(JUNIOR, SENIOR, context([JUNIOR, SENIOR])) == []


# -- one scenario per code, checked against docs/cli.md ---------------------------


def _scenario(code: str) -> tuple[Employee, Employee, PairingContext]:
    """A pair that raises ``code`` (and as little else as possible)."""
    m, e = JUNIOR, SENIOR
    if code == "same-person":
        return m, m, context([m])
    if code == "direct-report":
        m2 = person("J1", "Ana Silva", department="Sales", division="Customer", grade="3",
                    manager_id="S1")  # fmt: skip
        return m2, e, context([m2, e])
    if code == "same-reporting-line":
        org = line_org(3)
        return org[2], org[0], context(org)
    if code == "same-department":
        e2 = person("S1", "Ben Okoro", department="sales", division="Other", grade="9")
        return m, e2, context([m, e2])
    if code == "same-division":
        e2 = person("S1", "Ben Okoro", department="Finance", division="CUSTOMER", grade="9")
        return m, e2, context([m, e2])
    if code == "not-reverse":
        return e, m, context([m, e])
    if code == "already-paired":
        return m, e, context([m, e], mentor_load={"J1": 1})
    if code == "inactive":
        e2 = person("S1", "Ben Okoro", department="Finance", division="Corporate", grade="9",
                    active=False)  # fmt: skip
        return m, e2, context([m, e2])
    if code == "excluded":
        return m, e, context([m, e], exclusions={unordered("J1", "S1"): "siblings"})
    if code == "paired-before":
        return m, e, context([m, e], earlier_pairs={unordered("J1", "S1"): "Spring 2024"})
    raise AssertionError(code)


@pytest.mark.parametrize("code", sorted(DESIGN_CODES))
def test_each_code_has_the_severity_of_the_design(code: str) -> None:
    mentor, mentee, ctx = _scenario(code)
    found = check_pair(mentor, mentee, ctx)
    conflict = only(found, code)
    assert conflict.severity.word == DESIGN_CODES[code]
    assert conflict.as_dict() == {
        "code": code,
        "severity": DESIGN_CODES[code],
        "message": conflict.message,
    }
    assert conflict.message.endswith(".")
    if code == "same-person":
        assert mentor.label in conflict.message
    else:
        assert names_both(conflict.message, mentor, mentee), conflict.message


def test_conflicts_come_worst_first() -> None:
    org = line_org(2)
    boss, report = org
    ctx = context(org, earlier_pairs={unordered(boss.employee_id, report.employee_id): "C0"})
    found = check_pair(boss, report, ctx)  # the manager as mentor: direct report, not reverse
    assert codes(found) == ["direct-report", "not-reverse", "paired-before"]
    severities = [c.severity for c in found]
    assert severities == sorted(severities, reverse=True)
    assert worst(found) is Severity.BLOCK
    assert worst([]) is None
    assert max(Severity) is Severity.BLOCK and Severity.INFO < Severity.WARN


# -- same person ---------------------------------------------------------------------------


def test_same_person_blocks_and_raises_nothing_else_about_the_line() -> None:
    org = line_org(3)
    found = check_pair(org[1], org[1], context(org))
    assert codes(found) == ["same-person"]
    assert found[0].severity is Severity.BLOCK
    assert "Level1 Person (L1)" in found[0].message


# -- the reporting line, both directions ---------------------------------------------------


def test_direct_report_mentor_reports_to_mentee() -> None:
    boss, report = line_org(2)
    found = check_pair(report, boss, context([boss, report]))
    c = only(found, "direct-report")
    assert c.severity is Severity.BLOCK
    assert c.message.startswith(f"{report.label} reports directly to {boss.label}")
    assert "same-reporting-line" not in codes(found)


def test_direct_report_mentee_reports_to_mentor() -> None:
    boss, report = line_org(2)
    found = check_pair(boss, report, context([boss, report]))
    c = only(found, "direct-report")
    assert c.severity is Severity.BLOCK
    assert c.message.startswith(f"{report.label} reports directly to {boss.label}")
    assert "same-reporting-line" not in codes(found)


@pytest.mark.parametrize("levels", [2, 3, 4, 5, 7])
def test_same_reporting_line_mentee_above_mentor(levels: int) -> None:
    org = line_org(levels + 1)
    top, bottom = org[0], org[levels]
    found = check_pair(bottom, top, context(org))
    c = only(found, "same-reporting-line")
    assert c.severity is Severity.WARN
    assert f"{top.label} is {levels} levels above {bottom.label}" in c.message
    assert "direct-report" not in codes(found)
    assert "not-reverse" not in codes(found)  # the bottom of the line is the junior


@pytest.mark.parametrize("levels", [2, 3, 5])
def test_same_reporting_line_mentor_above_mentee(levels: int) -> None:
    org = line_org(levels + 1)
    top, bottom = org[0], org[levels]
    found = check_pair(top, bottom, context(org))
    c = only(found, "same-reporting-line")
    assert c.severity is Severity.WARN
    assert f"{top.label} is {levels} levels above {bottom.label}" in c.message
    assert "direct-report" not in codes(found)


def test_the_middle_of_a_line_against_both_ends() -> None:
    org = line_org(6)  # L0 .. L5
    ctx = context(org)
    assert "same-reporting-line" in codes(check_pair(org[5], org[3], ctx))
    assert "direct-report" in codes(check_pair(org[3], org[2], ctx))
    assert "same-reporting-line" in codes(check_pair(org[3], org[0], ctx))


def test_siblings_and_cousins_are_not_in_one_line() -> None:
    top = person("T", department="D0", division="V0", grade="10")
    a = person("A", department="D1", division="V1", grade="8", manager_id="T")
    b = person("B", department="D2", division="V2", grade="8", manager_id="T")
    a1 = person("A1", department="D3", division="V3", grade="2", manager_id="A")
    b1 = person("B1", department="D4", division="V4", grade="3", manager_id="B")
    ctx = context([top, a, b, a1, b1])
    for mentor, mentee in ((a1, b), (a1, b1), (a, b), (b1, a)):
        found = codes(check_pair(mentor, mentee, ctx))
        assert "direct-report" not in found and "same-reporting-line" not in found


def test_a_manager_unknown_to_the_roster_does_not_link_anyone() -> None:
    a = person("A", grade="2", manager_id="GHOST")
    b = person("B", grade="9", manager_id="GHOST")
    assert check_pair(a, b, context([a, b])) == []


# -- departments and divisions -------------------------------------------------------------


def test_same_department_warns_whatever_the_case() -> None:
    m = person("M", "Ana Silva", department="Finance", division="Corporate", grade="2")
    e = person("E", "Ben Okoro", department="FINANCE", division="Corporate", grade="9")
    found = check_pair(m, e, context([m, e]))
    assert codes(found) == ["same-department"]  # not also same-division
    assert found[0].severity is Severity.WARN
    assert "Finance" in found[0].message


def test_same_division_other_department_is_info() -> None:
    m = person("M", "Ana Silva", department="Finance", division="Corporate", grade="2")
    e = person("E", "Ben Okoro", department="Legal", division="Corporate", grade="9")
    found = check_pair(m, e, context([m, e]))
    assert codes(found) == ["same-division"]
    assert found[0].severity is Severity.INFO
    assert "Corporate" in found[0].message


def test_other_division_is_clean() -> None:
    m = person("M", department="Finance", division="Corporate", grade="2")
    e = person("E", department="Sales", division="Customer", grade="9")
    assert check_pair(m, e, context([m, e])) == []


@pytest.mark.parametrize("blank", ["mentor", "mentee"])
def test_same_division_when_one_department_is_unknown(blank: str) -> None:
    """Either side without a department: the shared division is still noted, symmetrically."""
    m = person("M", division="Corporate", grade="2",
               department=None if blank == "mentor" else "Finance")  # fmt: skip
    e = person("E", division="Corporate", grade="9",
               department=None if blank == "mentee" else "Finance")  # fmt: skip
    assert codes(check_pair(m, e, context([m, e]))) == ["same-division"]


def test_no_department_and_no_division_is_clean() -> None:
    m, e = person("M", grade="2"), person("E", grade="9")
    assert check_pair(m, e, context([m, e])) == []


# -- not-reverse and the seniority fallbacks ---------------------------------------------------


def _not_reverse(m: Employee, e: Employee, **kw: object) -> Conflict | None:
    hits = [c for c in check_pair(m, e, context([m, e], **kw)) if c.code == "not-reverse"]
    return hits[0] if hits else None


def test_not_reverse_by_grade() -> None:
    low, high = person("M", "Ana Silva", grade="G4"), person("E", "Ben Okoro", grade="G10")
    assert _not_reverse(low, high) is None
    c = _not_reverse(high, low)
    assert c is not None and c.severity is Severity.WARN
    assert "by grade" in c.message and "more senior" in c.message
    assert names_both(c.message, high, low)


def test_grades_compare_as_numbers_not_text() -> None:
    assert _not_reverse(person("M", grade="9"), person("E", grade="10")) is None
    assert _not_reverse(person("M", grade="Band 2.5"), person("E", grade="Band 3")) is None


def test_equal_grade_counts_as_not_reverse() -> None:
    c = _not_reverse(person("M", grade="7"), person("E", grade="L7"))
    assert c is not None and "the same" in c.message and "by grade" in c.message


def test_lower_grade_is_senior_setting_flips_the_verdict() -> None:
    low, high = person("M", grade="4"), person("E", grade="10")
    assert _not_reverse(low, high, higher_grade_is_senior=False) is not None
    assert _not_reverse(high, low, higher_grade_is_senior=False) is None


@pytest.mark.parametrize("missing_on", ["mentor", "mentee"])
def test_grade_missing_on_one_side_falls_back_to_birth_year(missing_on: str) -> None:
    # by grade the mentor would be the senior; by birth year the mentor is the younger
    m = person("M", grade=None if missing_on == "mentor" else "9", birth_year=1995)
    e = person("E", grade=None if missing_on == "mentee" else "2", birth_year=1970)
    assert _not_reverse(m, e) is None
    c = _not_reverse(e, m)
    assert c is not None and "by birth year" in c.message and "born 1970" in c.message


def test_birth_year_missing_falls_back_to_hire_date() -> None:
    m = person("M", birth_year=1990, hire_date=date(2022, 5, 1))
    e = person("E", hire_date=date(2001, 1, 1))
    assert _not_reverse(m, e) is None
    c = _not_reverse(e, m)
    assert c is not None and "by hire date" in c.message and "hired 2001-01-01" in c.message


def test_same_birth_year_is_not_reverse() -> None:
    c = _not_reverse(person("M", birth_year=1980), person("E", birth_year=1980))
    assert c is not None and "the same" in c.message


def test_no_seniority_data_no_conflict() -> None:
    assert _not_reverse(person("M"), person("E")) is None
    assert _not_reverse(person("M", grade="7"), person("E", birth_year=1970)) is None
    assert _not_reverse(person("M", grade="senior"), person("E", grade="junior")) is None


def test_compare_seniority_bases_in_order() -> None:
    a = person("A", grade="3", birth_year=1970, hire_date=date(2000, 1, 1))
    b = person("B", grade="5", birth_year=1990, hire_date=date(2020, 1, 1))
    assert (compare_seniority(a, b).order, compare_seniority(a, b).basis) == (-1, "grade")
    assert compare_seniority(b, a).order == 1
    assert compare_seniority(a, b, higher_grade_is_senior=False).order == 1
    a2, b2 = person("A", birth_year=1970), person("B", grade="5", birth_year=1990)
    assert (compare_seniority(a2, b2).order, compare_seniority(a2, b2).basis) == (
        1,
        "birth year",
    )
    a3 = person("A", hire_date=date(2000, 1, 1))
    b3 = person("B", birth_year=1990, hire_date=date(2020, 1, 1))
    assert compare_seniority(a3, b3).basis == "hire date"
    assert compare_seniority(a3, b3).order == 1
    assert compare_seniority(person("A"), person("B")).basis is None


def test_seniority_gap_in_grade_steps_or_equivalents() -> None:
    assert seniority_gap(person("M", grade="3"), person("E", grade="9")) == 6
    assert seniority_gap(person("M", grade="3"), person("E", grade="9"), False) == -6
    assert seniority_gap(person("M", birth_year=2000), person("E", birth_year=1970)) == 6
    m, e = person("M", hire_date=date(2021, 1, 1)), person("E", hire_date=date(2000, 1, 1))
    assert 6.9 < seniority_gap(m, e) < 7.1
    assert seniority_gap(person("M"), person("E")) == 0


def test_grade_rank() -> None:
    assert grade_rank("7") == 7 and grade_rank("G10") == 10 and grade_rank("L5.5") == 5.5
    assert grade_rank("Band 4") == 4
    assert grade_rank(None) is None and grade_rank("") is None and grade_rank("VP") is None


# -- already-paired (capacity) ---------------------------------------------------------------


def test_mentor_at_capacity_is_blocked() -> None:
    c = only(
        check_pair(JUNIOR, SENIOR, context([JUNIOR, SENIOR], mentor_load={"J1": 1})),
        "already-paired",
    )
    assert c.severity is Severity.BLOCK
    assert f"{JUNIOR.label} already mentors 1 mentee (capacity 1)" in c.message
    assert SENIOR.label in c.message


def test_capacity_two_allows_a_second_mentee_but_not_a_third() -> None:
    ctx = context([JUNIOR, SENIOR], capacity=2, mentor_load={"J1": 1})
    assert "already-paired" not in codes(check_pair(JUNIOR, SENIOR, ctx))
    ctx = context([JUNIOR, SENIOR], capacity=2, mentor_load={"J1": 2})
    c = only(check_pair(JUNIOR, SENIOR, ctx), "already-paired")
    assert "already mentors 2 mentees (capacity 2)" in c.message


def test_mentee_who_has_a_mentor_is_blocked_whatever_the_capacity() -> None:
    ctx = context([JUNIOR, SENIOR], capacity=3, mentee_load={"S1": 1})
    c = only(check_pair(JUNIOR, SENIOR, ctx), "already-paired")
    assert f"{SENIOR.label} already has a mentor" in c.message
    assert "already mentors" not in c.message


def test_load_of_the_other_role_does_not_count() -> None:
    # J1 mentored by someone else, S1 mentoring someone: irrelevant to J1 → S1
    ctx = context([JUNIOR, SENIOR], mentor_load={"S1": 1}, mentee_load={"J1": 1})
    assert "already-paired" not in codes(check_pair(JUNIOR, SENIOR, ctx))


def test_an_existing_pair_rechecked_does_not_count_against_itself() -> None:
    loads = {"mentor_load": {"J1": 1}, "mentee_load": {"S1": 1}}
    ctx = context([JUNIOR, SENIOR], existing=("J1", "S1"), **loads)
    assert "already-paired" not in codes(check_pair(JUNIOR, SENIOR, ctx))
    # without the exemption the same loads block
    ctx = context([JUNIOR, SENIOR], **loads)
    assert "already-paired" in codes(check_pair(JUNIOR, SENIOR, ctx))
    # the exemption is for that pair only, in that direction
    ctx = context([JUNIOR, SENIOR], existing=("S1", "J1"), **loads)
    assert "already-paired" in codes(check_pair(JUNIOR, SENIOR, ctx))


def test_an_overbooked_existing_pair_still_shows_the_overbooking() -> None:
    ctx = context([JUNIOR, SENIOR], existing=("J1", "S1"), mentor_load={"J1": 2})
    c = only(check_pair(JUNIOR, SENIOR, ctx), "already-paired")
    assert "already mentors 1 mentee" in c.message


# -- inactive, excluded, paired before ------------------------------------------------------


@pytest.mark.parametrize("who", ["mentor", "mentee", "both"])
def test_inactive_either_side(who: str) -> None:
    m = person("M", "Ana Silva", grade="2", active=who == "mentee")
    e = person("E", "Ben Okoro", grade="9", active=who == "mentor")
    c = only(check_pair(m, e, context([m, e])), "inactive")
    assert c.severity is Severity.BLOCK
    assert names_both(c.message, m, e)
    gone = {"mentor": [m], "mentee": [e], "both": [m, e]}[who]
    assert re.match(" and ".join(re.escape(p.label) for p in gone) + " ha(s|ve) left", c.message)


@pytest.mark.parametrize("stored", [("J1", "S1"), ("S1", "J1")])
def test_excluded_either_order_with_the_reason(stored: tuple[str, str]) -> None:
    ctx = context([JUNIOR, SENIOR], exclusions={unordered(*stored): "they are married"})
    for m, e in ((JUNIOR, SENIOR), (SENIOR, JUNIOR)):
        c = only(check_pair(m, e, ctx), "excluded")
        assert c.severity is Severity.BLOCK
        assert "do-not-pair" in c.message and "Reason: they are married." in c.message
        assert names_both(c.message, m, e)


def test_excluded_without_a_reason() -> None:
    ctx = context([JUNIOR, SENIOR], exclusions={unordered("J1", "S1"): ""})
    c = only(check_pair(JUNIOR, SENIOR, ctx), "excluded")
    assert "Reason" not in c.message


def test_paired_before_is_info_and_names_the_cohort() -> None:
    ctx = context([JUNIOR, SENIOR], earlier_pairs={unordered("S1", "J1"): "Spring 2024"})
    c = only(check_pair(SENIOR, JUNIOR, ctx), "paired-before")
    assert c.severity is Severity.INFO and "'Spring 2024'" in c.message


# -- the org chart -------------------------------------------------------------------------


def test_org_chart_levels_chain_reports_depth() -> None:
    org = OrgChart(
        {"CEO": None, "VP": "CEO", "D1": "VP", "D2": "VP", "M": "D1", "J": "M", "X": None}
    )
    assert org.manager("J") == "M" and org.manager("CEO") is None
    assert org.chain("J") == ["M", "D1", "VP", "CEO"]
    assert org.chain("CEO") == []
    assert [org.depth(e) for e in ("CEO", "VP", "D1", "M", "J", "X")] == [0, 1, 2, 3, 4, 0]
    assert org.levels_above("M", "J") == 1
    assert org.levels_above("VP", "J") == 3
    assert org.levels_above("CEO", "J") == 4
    assert org.levels_above("J", "CEO") is None  # below, not above
    assert org.levels_above("D2", "J") is None  # deeper than D2, but not in D2's line
    assert org.levels_above("X", "J") is None  # another tree
    assert org.levels_above("J", "J") is None
    assert org.direct_reports("VP") == ["D1", "D2"]
    assert org.direct_reports("J") == []
    assert org.direct_reports("NOBODY") == []


def test_org_chart_tolerates_unknown_and_self_managers() -> None:
    org = OrgChart({"A": "GHOST", "B": "A", "C": "C", "D": ""})
    assert org.chain("B") == ["A", "GHOST"]
    assert org.depth("GHOST") == 0 and org.depth("A") == 1 and org.depth("B") == 2
    assert org.manager("C") is None and org.manager("D") is None
    assert org.levels_above("GHOST", "B") == 2
    assert OrgChart.from_pairs([("A", None), ("B", "A")]).levels_above("A", "B") == 1


def test_org_chart_depth_of_a_deep_line_in_any_order() -> None:
    links = {f"P{i}": (f"P{i - 1}" if i else None) for i in range(2000)}
    org = OrgChart(dict(reversed(list(links.items()))))  # bottom first: no recursion limit
    assert org.depth("P1999") == 1999
    assert org.levels_above("P0", "P1999") == 1999
    assert len(org.chain("P1999")) == 1999


def test_org_chart_survives_a_cycle() -> None:
    org = OrgChart({"A": "B", "B": "C", "C": "A", "D": "A"})
    assert set(org.chain("D")) == {"A", "B", "C"}
    assert org.chain("A") == ["B", "C"]


def _rotations(loop: list[str]) -> set[tuple[str, ...]]:
    return {tuple(loop[i:] + loop[:i]) for i in range(len(loop))}


def test_find_cycles_names_each_loop() -> None:
    managers: dict[str, str | None] = {
        "A": "B",
        "B": "C",
        "C": "A",  # A → B → C → A
        "T": "A",  # a tail into that loop, not part of it
        "X": "Y",
        "Y": "X",  # a second loop
        "R": None,
        "S": "R",
        "U": "GHOST",
        "SELF": "SELF",  # a self-manager is ignored, like OrgChart ignores it
    }
    cycles = find_cycles(managers)
    assert len(cycles) == 2
    found = {tuple(c) for c in cycles}
    assert found & _rotations(["A", "B", "C"])
    assert found & _rotations(["X", "Y"])
    for c in cycles:  # each names the loop in reporting order: c[i] reports to c[i+1]
        for i, emp in enumerate(c):
            assert managers[emp] == c[(i + 1) % len(c)]


def test_find_cycles_none_in_a_tree() -> None:
    assert find_cycles({e.employee_id: e.manager_id for e in line_org(50)}) == []
    assert find_cycles({}) == []


@given(st.lists(st.integers(min_value=-1, max_value=40), min_size=0, max_size=40))
def test_the_people_caught_in_loops_are_those_whose_chain_never_ends(ups: list[int]) -> None:
    """Against the plain definition: walk up from each person, at most n steps."""
    from rmdesk.models.orgchart import _caught_in_loops

    n = len(ups)
    ids = [f"E{i}" for i in range(n)]
    managers = [f"E{u}" if 0 <= u < n else (None if u < 0 else f"X{u}") for u in ups]
    caught = []
    for i in range(n):
        node: int | None = i
        for _ in range(n + 1):
            above = ups[node] if node is not None else -1
            node = above if 0 <= above < n and above != node else None
            if node is None:
                break
        if node is not None:
            caught.append(i)
    assert _caught_in_loops(ids, managers) == caught
    many = {ids[i]: managers[i] for i in range(n)}
    in_loops = {p for cycle in find_cycles(many) for p in cycle}
    assert in_loops <= {ids[i] for i in caught}


@given(st.lists(st.integers(min_value=-3, max_value=30), min_size=1, max_size=30), st.data())
def test_the_org_chart_agrees_with_walking_up_each_chain(
    ups: list[int], data: st.DataObject
) -> None:
    """Depths and 'how many levels above' from one walk of the tree, against walking up from
    each person. Managers may be outside the roster (negative: none; past the end: unknown
    ids); a person may name themself. Reporting loops are left out: the import refuses them."""
    n = len(ups)
    managers: dict[str, str | None] = {}
    for i, up in enumerate(ups):
        if up < 0:
            managers[f"E{i}"] = None
        elif up >= n:
            managers[f"E{i}"] = f"X{up}"  # a manager who is not on the roster
        else:
            managers[f"E{i}"] = f"E{min(up, i)}"  # at or below one's own index: no loops
    chart = OrgChart(managers)

    def chain(person: str) -> list[str]:
        out, node = [], managers.get(person)
        while node is not None and node != (out[-1] if out else person):
            out.append(node)
            node = managers.get(node)
        return out

    for who in managers:
        assert chart.depth(who) == len(chain(who)), who
    for _ in range(20):
        upper = data.draw(st.sampled_from(sorted(managers)))
        lower = data.draw(st.sampled_from(sorted(managers)))
        above = chain(lower)
        expected = above.index(upper) + 1 if upper in above else None
        assert chart.levels_above(upper, lower) == expected, (upper, lower)


def test_loops_are_found_below_a_chain_deeper_than_the_pointer_jumps_reach() -> None:
    """The quick check clears orgs up to 64 levels deep; a deeper chain is walked."""
    from rmdesk.models.orgchart import _caught_in_loops

    ids = [f"E{i}" for i in range(300)]
    managers: list[str | None] = [None] + [f"E{i - 1}" for i in range(1, 300)]
    assert _caught_in_loops(ids, managers) == []
    managers[250] = "E299"  # E250 … E299 now go round in a loop, 250 levels down
    assert _caught_in_loops(ids, managers) == list(range(250, 300))
