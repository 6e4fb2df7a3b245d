"""Match scores (explained and vectorised) and the optimal, rule-abiding assignment."""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pytest

from rmdesk.models.assignment import score_matrix, suggest_pairs
from rmdesk.models.conflicts import PairingContext, Severity, check_pair, unordered
from rmdesk.models.matching import BLOCKED, Proposal, score_pair, split_topics
from rmdesk.models.people import Employee
from tests.unit.orgs import (
    context,
    line_org,
    person,
    random_org,
    random_pairs_of,
    random_topics,
)

SEEDS = [1, 2, 3, 5, 8, 13, 21, 34]


def blocked(mentor: Employee, mentee: Employee, ctx: PairingContext) -> bool:
    return any(c.severity is Severity.BLOCK for c in check_pair(mentor, mentee, ctx))


def topic_of(topics: dict[str, frozenset[str]], e: Employee) -> frozenset[str]:
    return topics.get(e.employee_id, frozenset())


def random_case(
    seed: int, n_people: int = 60, n_mentors: int = 12, n_mentees: int = 12
) -> tuple[list[Employee], list[Employee], PairingContext, dict[str, frozenset[str]]]:
    """A random org with mentors and mentees drawn from it (overlapping on purpose).

    Mentees are drawn partly from the managers of the mentors so that direct reports and
    same-line pairs are common; the context carries exclusions, earlier pairs and loads.
    """
    rng = random.Random(seed)
    people = random_org(rng, n_people, prefix=f"S{seed}x", inactive=0.05)
    by_id = {e.employee_id: e for e in people}
    mentors = rng.sample(people, n_mentors)
    bosses = [by_id[m.manager_id] for m in mentors if m.manager_id]
    pool = list(dict.fromkeys([*bosses, *rng.sample(people, n_mentees)]))
    mentees = rng.sample(pool, min(n_mentees, len(pool)))
    if rng.random() < 0.5:
        mentees[0] = mentors[0]  # the same person on both sides
    ctx = context(
        people,
        capacity=rng.choice([1, 1, 2]),
        higher_grade_is_senior=rng.random() < 0.7,
        exclusions=random_pairs_of(rng, [*mentors, *mentees], 8, "reason"),
        earlier_pairs=random_pairs_of(rng, [*mentors, *mentees], 10, "Earlier"),
        mentor_load={m.employee_id: rng.choice([0, 0, 0, 1, 2]) for m in mentors},
        mentee_load={e.employee_id: 1 for e in mentees if rng.random() < 0.1},
    )
    if rng.random() < 0.3:
        ctx.existing = (mentors[1].employee_id, mentees[1].employee_id)
    return mentors, mentees, ctx, random_topics(rng, people)


# -- the explained score ------------------------------------------------------------------


def test_split_topics() -> None:
    assert split_topics("Culture, strategy; AI\nculture") == {"culture", "strategy", "ai"}
    assert split_topics("") == frozenset() and split_topics(None) == frozenset()
    assert split_topics(" , ;") == frozenset()


def _total(reasons: list[str]) -> int:
    return sum(int(re.match(r"[+-]\d+", r).group()) for r in reasons)  # type: ignore[union-attr]


def test_score_pair_explains_every_point() -> None:
    m = person("M", department="Sales", division="Customer", grade="3", location="Lyon")
    e = person("E", department="Finance", division="Corporate", grade="6", location="lyon")
    ctx = context([m, e], earlier_pairs={unordered("M", "E"): "Old"})
    points, reasons = score_pair(m, e, ctx, frozenset({"culture", "ai"}), frozenset({"ai"}))
    assert reasons == [
        "+3 other division (Customer ↔ Corporate)",
        "+3 reverse seniority gap (grade 3 → grade 6)",
        "+1 shared: ai",
        "+1 same location (Lyon)",
        "-1 paired before",
    ]
    assert points == 7 == _total(reasons)


def test_score_pair_penalties() -> None:
    org = line_org(4)
    top, bottom = org[0], org[3]
    bottom = person(bottom.employee_id, department="Dept L0", division="Div L0",
                    grade="20", manager_id=bottom.manager_id)  # fmt: skip
    ctx = context([*org[:3], bottom])
    points, reasons = score_pair(bottom, top, ctx)
    assert reasons == [
        "-3 same department (Dept L0)",
        "-3 mentor is not the junior (grade 20 vs grade 8)",
        "-4 same reporting line",
    ]
    assert points == -10


def test_score_pair_gap_is_capped_and_fallbacks_count() -> None:
    ctx = context([])
    assert score_pair(person("M", grade="1"), person("E", grade="12"), ctx)[0] == 4
    assert score_pair(person("M", birth_year=2000), person("E", birth_year=1990), ctx)[0] == 2
    assert score_pair(person("M", birth_year=1990), person("E", birth_year=1990), ctx)[0] == -3
    assert score_pair(person("M"), person("E"), ctx) == (0, [])


@pytest.mark.parametrize("seed", SEEDS)
def test_score_matrix_equals_score_pair_in_every_cell(seed: int) -> None:
    mentors, mentees, ctx, topics = random_case(seed)
    matrix = score_matrix(mentors, mentees, ctx, topics)
    assert matrix.shape == (len(mentors), len(mentees))
    cells = Counter[str]()
    for i, m in enumerate(mentors):
        for j, e in enumerate(mentees):
            if blocked(m, e, ctx):
                assert matrix[i, j] == BLOCKED, (m, e, check_pair(m, e, ctx))
                cells["blocked"] += 1
                continue
            points, reasons = score_pair(m, e, ctx, topic_of(topics, m), topic_of(topics, e))
            assert matrix[i, j] == points, (m, e, reasons)
            for r in reasons:
                cells[r.split(" ", 2)[1]] += 1
    # each random case really exercises the blocks and the main terms
    assert cells["blocked"] and cells["shared:"] and cells["reverse"] and cells["mentor"]


def test_score_matrix_covers_every_term_across_seeds() -> None:
    seen = Counter[str]()
    total = 0
    for seed in SEEDS:
        mentors, mentees, ctx, topics = random_case(seed)
        total += len(mentors) * len(mentees)
        for m in mentors:
            for e in mentees:
                if blocked(m, e, ctx):
                    seen.update(c.code for c in check_pair(m, e, ctx))
                    continue
                for r in score_pair(m, e, ctx, topic_of(topics, m), topic_of(topics, e))[1]:
                    seen[re.sub(r"[+-]\d+ (\w+ ?\w*).*", r"\1", r)] += 1
    assert total >= 1000
    for term in (
        "other division",
        "same division",
        "same department",
        "reverse seniority",
        "mentor is",
        "shared",
        "same location",
        "same reporting",
        "paired before",
        "direct-report",
        "excluded",
        "already-paired",
        "inactive",
    ):
        assert seen[term], (term, seen)


def test_score_matrix_with_a_lower_grade_senior_setting() -> None:
    m, e = person("M", grade="9"), person("E", grade="2")
    ctx = context([m, e], higher_grade_is_senior=False)
    assert score_matrix([m], [e], ctx)[0, 0] == score_pair(m, e, ctx)[0] == 4


def test_blocked_cells_are_blocked() -> None:
    boss, report = line_org(2)
    other = person("O", grade="1")
    gone = person("G", grade="11", active=False)
    busy = person("B", grade="2")
    ctx = context(
        [boss, report, other, gone, busy],
        exclusions={unordered("O", boss.employee_id): "feud"},
        mentor_load={"B": 1},
    )
    mentors = [report, other, boss, busy]
    mentees = [boss, gone, report]
    matrix = score_matrix(mentors, mentees, ctx)
    expected = np.array(
        [
            [True, True, True],  # report: direct report; gone; same person
            [True, True, False],  # other: excluded with boss; gone
            [True, True, True],  # boss: same person; gone; direct report (downwards)
            [True, True, True],  # busy: at capacity
        ]
    )
    assert ((matrix == BLOCKED) == expected).all(), matrix
    for i, m in enumerate(mentors):
        for j, e in enumerate(mentees):
            assert blocked(m, e, ctx) == expected[i, j]


def test_mentee_with_a_mentor_and_the_existing_pair_exemption() -> None:
    m, e = person("M", grade="1"), person("E", grade="9")
    ctx = context([m, e], mentee_load={"E": 1}, mentor_load={"M": 1})
    assert score_matrix([m], [e], ctx)[0, 0] == BLOCKED
    ctx.existing = ("M", "E")
    assert score_matrix([m], [e], ctx)[0, 0] == score_pair(m, e, ctx)[0] == 4


def test_score_matrix_of_nobody() -> None:
    ctx = context([])
    assert score_matrix([], [person("E")], ctx).shape == (0, 1)
    assert score_matrix([person("M")], [], ctx).shape == (1, 0)


# -- the assignment -----------------------------------------------------------------------


def _check_suggestion(
    mentors: Sequence[Employee],
    mentees: Sequence[Employee],
    ctx: PairingContext,
    proposals: list[Proposal],
    slots: dict[str, int] | None = None,
) -> None:
    by_id = {e.employee_id: e for e in [*mentors, *mentees]}
    for p in proposals:
        found = check_pair(by_id[p.mentor_id], by_id[p.mentee_id], ctx)
        assert not [c for c in found if c.severity is Severity.BLOCK], (p, found)
    per_mentee = Counter(p.mentee_id for p in proposals)
    assert max(per_mentee.values(), default=0) <= 1
    per_mentor = Counter(p.mentor_id for p in proposals)
    for mentor_id, n in per_mentor.items():
        assert n <= (slots or {}).get(mentor_id, 1)


@pytest.mark.parametrize("seed", range(12))
def test_suggestions_never_contain_a_blocked_pair(seed: int) -> None:
    rng = random.Random(1000 + seed)
    people = random_org(rng, 80, prefix=f"Q{seed}x", inactive=0.05)
    by_id = {e.employee_id: e for e in people}
    managers = [by_id[i] for i in {e.manager_id for e in people if e.manager_id}]
    reports = [e for e in people if e.manager_id]
    mentors = rng.sample(reports, 20)
    # every mentor's own manager is a candidate mentee: direct reports everywhere
    mentees = list(
        dict.fromkeys(
            [by_id[m.manager_id] for m in mentors if m.manager_id] + rng.sample(managers, 10)
        )
    )
    # and many exclusions, a few loads
    exclusions = {
        unordered(m.employee_id, e.employee_id): "conflict of interest"
        for m in mentors
        for e in mentees
        if rng.random() < 0.3
    }
    ctx = context(
        people,
        capacity=2,
        exclusions=exclusions,
        mentor_load={m.employee_id: 1 for m in mentors if rng.random() < 0.2},
        mentee_load={e.employee_id: 1 for e in mentees if rng.random() < 0.1},
    )
    slots = {m.employee_id: rng.choice([1, 2]) for m in mentors}
    topics = random_topics(rng, people)
    result = suggest_pairs(mentors, mentees, ctx, topics, slots)
    _check_suggestion(mentors, mentees, ctx, result.proposals, slots)
    assert result.proposals
    for p in result.proposals:
        m, e = by_id[p.mentor_id], by_id[p.mentee_id]
        assert p.score == score_pair(m, e, ctx, topic_of(topics, m), topic_of(topics, e))[0]
    # everyone is either placed or told why not (people on both sides aside)
    placed = {p.mentee_id for p in result.proposals} | {p.mentor_id for p in result.proposals}
    unplaced = {emp for emp, _ in result.unplaced}
    both_sides = {m.employee_id for m in mentors} & {e.employee_id for e in mentees}
    for e in [*mentors, *mentees]:
        if e.employee_id not in both_sides:
            assert (e.employee_id in placed) != (e.employee_id in unplaced), e.employee_id


def _brute_force(matrix: np.ndarray) -> tuple[int, int]:
    """(most pairs placed, best total among those) over every assignment; rows <= columns."""
    n, m = matrix.shape
    assert n <= m
    best = (0, 0)
    for cols in itertools.permutations(range(m), n):
        cells = [(r, c) for r, c in enumerate(cols) if matrix[r, c] != BLOCKED]
        best = max(best, (len(cells), sum(int(matrix[r, c]) for r, c in cells)))
    return best


@pytest.mark.parametrize("seed", range(20))
def test_suggest_is_optimal_on_small_cases(seed: int) -> None:
    rng = random.Random(500 + seed)
    people = random_org(rng, 25, prefix=f"O{seed}x")
    mentors = rng.sample(people, 4)
    mentees = rng.sample([e for e in people if e not in mentors], 5)
    ctx = context(people, exclusions=random_pairs_of(rng, [*mentors, *mentees], 4, "x"))
    topics = random_topics(rng, people)
    result = suggest_pairs(mentors, mentees, ctx, topics)
    _check_suggestion(mentors, mentees, ctx, result.proposals)
    best = _brute_force(score_matrix(mentors, mentees, ctx, topics))
    assert (len(result.proposals), sum(p.score for p in result.proposals)) == best


def _greedy(matrix: np.ndarray) -> int:
    """Repeatedly take the best remaining unblocked cell: the loop the issue forbids."""
    total, used_r, used_c = 0, set(), set()
    cells = sorted(
        ((int(matrix[r, c]), r, c) for r in range(matrix.shape[0]) for c in range(matrix.shape[1])),
        reverse=True,
    )
    for score, r, c in cells:
        if score == BLOCKED or r in used_r or c in used_c:
            continue
        total += score
        used_r.add(r)
        used_c.add(c)
    return total


def test_suggest_beats_a_greedy_assignment() -> None:
    # shared topics: A-X 5, A-Y 4, B-X 4, B-Y 0. Greedy takes A-X then B-Y (5); optimal 8.
    a_topics = {"a1", "a2", "a3", "a4", "a5", "c1", "c2", "c3", "c4"}
    topics = {
        "A": frozenset(a_topics),
        "B": frozenset({"b1", "b2", "b3", "b4"}),
        "X": frozenset({"a1", "a2", "a3", "a4", "a5", "b1", "b2", "b3", "b4"}),
        "Y": frozenset({"c1", "c2", "c3", "c4"}),
    }
    mentors = [person("A"), person("B")]
    mentees = [person("X"), person("Y")]
    ctx = context([*mentors, *mentees])
    matrix = score_matrix(mentors, mentees, ctx, topics)
    assert matrix.tolist() == [[5, 4], [4, 0]]
    greedy = _greedy(matrix)
    result = suggest_pairs(mentors, mentees, ctx, topics)
    total = sum(p.score for p in result.proposals)
    assert total > greedy
    assert (greedy, total) == (5, 8)
    assert {(p.mentor_id, p.mentee_id) for p in result.proposals} == {("A", "Y"), ("B", "X")}
    assert result.unplaced == []
    # proposals come best first, each explained
    assert [p.score for p in result.proposals] == [4, 4]
    assert all(p.reasons and p.reasons[0].startswith("+4 shared: ") for p in result.proposals)


def test_suggest_beats_greedy_with_capacity() -> None:
    # one mentor with two places; greedy fills it with its two best, stranding a mentee.
    topics = {
        "A": frozenset({"t1", "t2", "t3", "t4"}),
        "B": frozenset({"t1"}),
        "X": frozenset({"t1", "t2", "t3", "t4"}),
        "Y": frozenset({"t2", "t3", "t4"}),
        "Z": frozenset({"t1"}),
    }
    mentors = [person("A"), person("B")]
    mentees = [person("X"), person("Y"), person("Z")]
    ctx = context([*mentors, *mentees], capacity=2)
    slots = {"A": 2, "B": 1}
    result = suggest_pairs(mentors, mentees, ctx, topics, slots)
    assert sorted((p.mentor_id, p.mentee_id) for p in result.proposals) == [
        ("A", "X"),
        ("A", "Y"),
        ("B", "Z"),
    ]
    base = score_matrix(mentors, mentees, ctx, topics)
    assert _greedy(base[[0, 0, 1], :]) == sum(p.score for p in result.proposals)  # sanity
    _check_suggestion(mentors, mentees, ctx, result.proposals, slots)


def test_capacity_two_uses_a_mentor_twice() -> None:
    mentor = person("M", "Ana Silva", grade="2", division="Customer")
    mentees = [person(f"E{i}", grade="9", division="Corporate") for i in range(3)]
    ctx = context([mentor, *mentees], capacity=2)
    result = suggest_pairs([mentor], mentees, ctx, slots={"M": 2})
    assert [p.mentor_id for p in result.proposals] == ["M", "M"]
    assert len({p.mentee_id for p in result.proposals}) == 2
    assert len(result.unplaced) == 1
    assert "fewer mentor places than mentees" in result.unplaced[0][1]
    # the default is one place per mentor
    single = suggest_pairs([mentor], mentees, context([mentor, *mentees]))
    assert len(single.proposals) == 1 and len(single.unplaced) == 2
    # no place at all
    none = suggest_pairs([mentor], mentees, ctx, slots={"M": 0})
    assert none.proposals == [] and len(none.unplaced) == 4


def test_nobody_can_be_placed_says_why() -> None:
    boss = person("BOSS", "Big Boss", grade="12")
    reports = [person(f"R{i}", grade="2", manager_id="BOSS") for i in range(3)]
    outsider = person("OUT", grade="11")
    ctx = context(
        [boss, *reports, outsider],
        exclusions={unordered(r.employee_id, "OUT"): "project" for r in reports},
    )
    result = suggest_pairs(reports, [boss, outsider], ctx)
    assert result.proposals == []
    reasons = dict(result.unplaced)
    assert set(reasons) == {"BOSS", "OUT", "R0", "R1", "R2"}
    assert reasons["BOSS"] == "every available mentor has a blocking conflict with them"
    assert reasons["R0"] == "every waiting mentee has a blocking conflict with them"


def test_nobody_on_one_side() -> None:
    ctx = context([])
    no_mentors = suggest_pairs([], [person("E1"), person("E2")], ctx)
    assert no_mentors.proposals == []
    assert no_mentors.unplaced == [
        ("E1", "no mentor has room left"),
        ("E2", "no mentor has room left"),
    ]
    no_mentees = suggest_pairs([person("M1")], [], ctx)
    assert no_mentees.unplaced == [("M1", "no mentee is waiting for a mentor")]
    assert suggest_pairs([], [], ctx).unplaced == []


def test_unplaced_because_their_only_mentor_is_taken() -> None:
    # two places for two mentees, but both mentees can only go to M1 (M2 is excluded with both)
    m1, m2 = person("M1", grade="1"), person("M2", grade="1")
    e1, e2 = person("E1", grade="9"), person("E2", grade="9")
    ctx = context(
        [m1, m2, e1, e2],
        exclusions={unordered("M2", "E1"): "", unordered("M2", "E2"): ""},
    )
    result = suggest_pairs([m1, m2], [e1, e2], ctx)
    assert len(result.proposals) == 1
    reasons = dict(result.unplaced)
    left = ({"E1", "E2"} - {result.proposals[0].mentee_id}).pop()
    assert "fewer mentor places" not in reasons[left]
    assert reasons["M2"] == "every waiting mentee has a blocking conflict with them"


def test_proposal_as_dict() -> None:
    p = Proposal("M", "E", 5, ["+3 other division (A ↔ B)", "+2 reverse seniority gap"])
    assert p.as_dict() == {
        "mentor_id": "M",
        "mentee_id": "E",
        "score": 5,
        "reasons": ["+3 other division (A ↔ B)", "+2 reverse seniority gap"],
    }


def test_warnings_are_explained_in_the_reasons() -> None:
    org = line_org(3)
    bottom, top = org[2], org[0]
    result = suggest_pairs([bottom], [top], context(org))
    (p,) = result.proposals
    assert "-4 same reporting line" in p.reasons
    assert any(r.startswith("warning: ") and "2 levels above" in r for r in p.reasons)
