"""The optimal assignment of mentors to mentees (never a greedy loop), over a score matrix
that applies the same weights as ``matching.score_pair`` to whole cohorts at once."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from rmdesk.models.conflicts import PairingContext, Severity, check_pair
from rmdesk.models.matching import (
    BLOCKED,
    MAX_GAP_POINTS,
    NOT_REVERSE,
    OTHER_DIVISION,
    PAIRED_BEFORE,
    PER_SHARED_TOPIC,
    SAME_DEPARTMENT,
    SAME_DIVISION_OTHER_DEPT,
    SAME_LINE,
    SAME_LOCATION,
    Proposal,
    Suggestion,
    score_pair,
)
from rmdesk.models.people import Employee, grade_rank


def _codes(values: Sequence[str | None]) -> np.ndarray:
    table: dict[str, int] = {}
    out = np.full(len(values), -1, dtype=np.int64)
    for i, v in enumerate(values):
        if v:
            out[i] = table.setdefault(v.casefold(), len(table))
    return out


def _floats(values: Sequence[float | None]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def score_matrix(
    mentors: Sequence[Employee],
    mentees: Sequence[Employee],
    ctx: PairingContext,
    topics: Mapping[str, frozenset[str]] | None = None,
) -> np.ndarray:
    """Scores of every mentor × mentee, equal to ``score_pair``; blocked pairs get BLOCKED."""
    topics = topics or {}
    n, m = len(mentors), len(mentees)
    both = list(mentors) + list(mentees)
    dept = _codes([e.department for e in both])
    div = _codes([e.division for e in both])
    loc = _codes([e.location for e in both])
    dr, de = dept[:n, None], dept[None, n:]
    vr, ve = div[:n, None], div[None, n:]
    lr, le = loc[:n, None], loc[None, n:]
    same_dept = (dr >= 0) & (dr == de)
    has_div = (vr >= 0) & (ve >= 0)
    score = np.where(
        same_dept,
        SAME_DEPARTMENT,
        np.where(has_div, np.where(vr == ve, SAME_DIVISION_OTHER_DEPT, OTHER_DIVISION), 0),
    ).astype(np.int64)
    score += np.where((lr >= 0) & (lr == le), SAME_LOCATION, 0)

    sign = 1.0 if ctx.higher_grade_is_senior else -1.0
    g = _floats([grade_rank(e.grade) for e in both])
    by = _floats([e.birth_year for e in both])
    hd = _floats([e.hire_date.toordinal() if e.hire_date else None for e in both])
    g_ok = ~np.isnan(g[:n, None]) & ~np.isnan(g[None, n:])
    b_ok = ~np.isnan(by[:n, None]) & ~np.isnan(by[None, n:])
    h_ok = ~np.isnan(hd[:n, None]) & ~np.isnan(hd[None, n:])
    with np.errstate(invalid="ignore"):
        gap = np.where(
            g_ok,
            sign * (g[None, n:] - g[:n, None]),
            np.where(
                b_ok,
                (by[:n, None] - by[None, n:]) / 5,
                np.where(h_ok, (hd[:n, None] - hd[None, n:]) / 365.25 / 3, 0.0),
            ),
        )
    basis = g_ok | b_ok | h_ok
    gap_pts = np.minimum(np.floor(np.where(gap > 0, gap, 0)), MAX_GAP_POINTS).astype(np.int64)
    score += np.where(basis, np.where(gap > 0, gap_pts, NOT_REVERSE), 0)

    if topics:
        vocab: dict[str, int] = {}
        mt = [topics.get(e.employee_id, frozenset()) for e in mentors]
        et = [topics.get(e.employee_id, frozenset()) for e in mentees]
        for s in (*mt, *et):
            for t in s:
                vocab.setdefault(t, len(vocab))
        if vocab:
            a = np.zeros((n, len(vocab)), dtype=np.int64)
            b = np.zeros((m, len(vocab)), dtype=np.int64)
            for i, s in enumerate(mt):
                for t in s:
                    a[i, vocab[t]] = 1
            for j, s in enumerate(et):
                for t in s:
                    b[j, vocab[t]] = 1
            score += PER_SHARED_TOPIC * (a @ b.T)

    r_index = {e.employee_id: i for i, e in enumerate(mentors)}
    e_index = {e.employee_id: j for j, e in enumerate(mentees)}
    blocked = np.zeros((n, m), dtype=bool)
    org = ctx.org

    def bosses(
        people: Sequence[Employee], others: dict[str, int]
    ) -> Iterator[tuple[int, int, int]]:
        """(own index, other side's index, levels up) for each boss on the other side."""
        for own, e in enumerate(people):
            for level, boss in enumerate(org.chain(e.employee_id), start=1):
                hit = others.get(boss)
                if hit is not None:
                    yield own, hit, level

    lines = [(i, j, lv) for i, j, lv in bosses(mentors, e_index)]  # mentee above the mentor
    lines += [(i, j, lv) for j, i, lv in bosses(mentees, r_index)]  # mentor above the mentee
    for i, j, level in lines:
        if level == 1:
            blocked[i, j] = True  # direct report, either way
        else:
            score[i, j] += SAME_LINE
    for x, y in ctx.earlier_pairs:
        for a_id, b_id in ((x, y), (y, x)):
            if a_id in r_index and b_id in e_index:
                score[r_index[a_id], e_index[b_id]] += PAIRED_BEFORE
    for x, y in ctx.exclusions:
        for a_id, b_id in ((x, y), (y, x)):
            if a_id in r_index and b_id in e_index:
                blocked[r_index[a_id], e_index[b_id]] = True
    for i, e in enumerate(mentors):
        same = e_index.get(e.employee_id)
        if same is not None:
            blocked[i, same] = True
        if not e.active:
            blocked[i, :] = True
    for j, e in enumerate(mentees):
        if not e.active:
            blocked[:, j] = True
    # already-paired: a mentor at capacity, a mentee who has a mentor (as in the rule)
    full_r = np.array(
        [ctx.mentor_load.get(e.employee_id, 0) >= ctx.capacity for e in mentors], dtype=bool
    )
    full_e = np.array([ctx.mentee_load.get(e.employee_id, 0) >= 1 for e in mentees], dtype=bool)
    full = full_r.reshape(n, 1) | full_e.reshape(1, m)
    if ctx.existing is not None:  # the pair being re-checked does not count against itself
        row, col = r_index.get(ctx.existing[0]), e_index.get(ctx.existing[1])
        if row is not None and col is not None:
            full[row, col] = (
                ctx.mentor_load.get(ctx.existing[0], 0) - 1 >= ctx.capacity
                or ctx.mentee_load.get(ctx.existing[1], 0) - 1 >= 1
            )
    blocked |= full
    score[blocked] = BLOCKED
    return score


def suggest_pairs(
    mentors: Sequence[Employee],
    mentees: Sequence[Employee],
    ctx: PairingContext,
    topics: Mapping[str, frozenset[str]] | None = None,
    slots: Mapping[str, int] | None = None,
) -> Suggestion:
    """The assignment with the highest total score among pairs with no blocking conflict.

    ``slots`` gives each mentor's remaining capacity (default 1); a mentor with two slots
    appears twice in the cost matrix, so the assignment stays optimal (min-cost flow).
    """
    topics = topics or {}
    result = Suggestion()
    if not mentors or not mentees:
        why = "no mentor has room left" if not mentors else "no mentee is waiting for a mentor"
        who = mentors if mentors else mentees
        result.unplaced = [(e.employee_id, why) for e in who]
        return result
    base = score_matrix(mentors, mentees, ctx, topics)
    rows: list[int] = []
    for i, e in enumerate(mentors):
        rows.extend([i] * max((slots or {}).get(e.employee_id, 1), 0))
    matrix = base[rows, :] if rows else base[:0, :]
    r_idx, c_idx = linear_sum_assignment(matrix, maximize=True)
    placed_mentees: set[int] = set()
    load: dict[int, int] = {}
    for r, c in zip(r_idx, c_idx, strict=True):
        if matrix[r, c] <= BLOCKED // 2:
            continue
        i = rows[r]
        mentor, mentee = mentors[i], mentees[c]
        points, reasons = score_pair(
            mentor,
            mentee,
            ctx,
            topics.get(mentor.employee_id, frozenset()),
            topics.get(mentee.employee_id, frozenset()),
        )
        conflicts = check_pair(mentor, mentee, ctx)
        if any(x.severity == Severity.BLOCK for x in conflicts):
            continue  # the rules have the last word
        reasons += [f"warning: {x.message}" for x in conflicts if x.severity == Severity.WARN]
        result.proposals.append(Proposal(mentor.employee_id, mentee.employee_id, points, reasons))
        placed_mentees.add(c)
        load[i] = load.get(i, 0) + 1
    result.proposals.sort(key=lambda p: -p.score)
    places, with_room = len(rows), set(rows)
    for j, e in enumerate(mentees):
        if j in placed_mentees:
            continue
        if not places:
            why = "no mentor has room left"
        elif (matrix[:, j] <= BLOCKED // 2).all():
            why = "every available mentor has a blocking conflict with them"
        elif places < len(mentees):
            why = "there are fewer mentor places than mentees"
        else:
            why = "every mentor they could be paired with is placed with another mentee"
        result.unplaced.append((e.employee_id, why))
    for i, e in enumerate(mentors):
        if load.get(i, 0) == 0:
            if i not in with_room:
                why = "they have no room left"
            elif (base[i, :] <= BLOCKED // 2).all():
                why = "every waiting mentee has a blocking conflict with them"
            elif len(mentees) < places:
                why = "there are more mentor places than mentees"
            else:
                why = "every mentee they could be paired with is placed with another mentor"
            result.unplaced.append((e.employee_id, why))
    return result
