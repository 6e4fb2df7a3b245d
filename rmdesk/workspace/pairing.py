"""Pairing capability: check a match, make and undo pairs, suggest an optimal assignment."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from rmdesk.errors import NotFound, PairingRefused, RmdeskError
from rmdesk.models.cohorts import Cohort, Pair, PairView
from rmdesk.models.conflicts import (
    NEVER_OVERRIDDEN,
    Conflict,
    PairingContext,
    Severity,
    check_pair,
    unordered,
)
from rmdesk.models.matching import Proposal, Suggestion, score_pair, split_topics
from rmdesk.workspace.audit import record_in
from rmdesk.workspace.cohorts import CohortService
from rmdesk.workspace.events import PairsChanged
from rmdesk.workspace.pair_removal import PAIR_COLUMNS, PairRemoval
from rmdesk.workspace.roster import RosterService
from rmdesk.workspace.store import Store, now_text

GRADE_SETTING = "higher_grade_is_senior"


class PairingService(PairRemoval):
    """``ws.pairing``: check a match, make and undo pairs, suggest an optimal assignment."""

    def __init__(self, store: Store, roster: RosterService, cohorts: CohortService) -> None:
        self.store = store
        self.db = store.db
        self.roster = roster
        self.cohorts = cohorts

    @property
    def higher_grade_is_senior(self) -> bool:
        return self.store.setting(GRADE_SETTING, "1") == "1"

    def set_higher_grade_is_senior(self, value: bool) -> None:
        self.store.set_setting(GRADE_SETTING, "1" if value else "0")

    def context(
        self, cohort: Cohort | None = None, existing: tuple[str, str] | None = None
    ) -> PairingContext:
        """Everything the rules need for ``cohort`` (default: the latest, if any), read once."""
        self.roster.drop_if_changed()  # another process may have imported meanwhile
        cohort = cohort or self.cohorts.latest_cohort()
        if cohort is None:  # no cohort yet: the roster rules still apply
            return PairingContext(
                org=self.roster.org_chart(),
                higher_grade_is_senior=self.higher_grade_is_senior,
                exclusions=self.cohorts.exclusions(),
            )
        mentor_load: dict[str, int] = {}
        mentee_load: dict[str, int] = {}
        for a, b in self.db.execute(
            "SELECT mentor_id, mentee_id FROM pairs WHERE cohort_id = ? AND status = 'active'",
            [cohort.id],
        ):
            mentor_load[a] = mentor_load.get(a, 0) + 1
            mentee_load[b] = mentee_load.get(b, 0) + 1
        earlier = {
            unordered(a, b): name
            for a, b, name in self.db.execute(
                "SELECT p.mentor_id, p.mentee_id, c.name FROM pairs p JOIN cohorts c "
                "ON c.id = p.cohort_id WHERE p.cohort_id < ? ORDER BY c.id",
                [cohort.id],
            )
        }
        return PairingContext(
            org=self.roster.org_chart(),
            capacity=cohort.capacity,
            higher_grade_is_senior=self.higher_grade_is_senior,
            mentor_load=mentor_load,
            mentee_load=mentee_load,
            exclusions=self.cohorts.exclusions(),
            earlier_pairs=earlier,
            existing=existing,
        )

    def _check_context(
        self, mentor_id: str, mentee_id: str, cohort: Cohort | None
    ) -> tuple[Cohort | None, PairingContext]:
        """The context for checking one match; a pair that exists is not counted against itself."""
        cohort = cohort or self.cohorts.latest_cohort()
        existing = None
        if (
            cohort is not None
            and self.db.execute(
                "SELECT 1 FROM pairs WHERE cohort_id = ? AND mentor_id = ? AND mentee_id = ? "
                "AND status = 'active'",
                [cohort.id, mentor_id, mentee_id],
            ).fetchone()
        ):
            existing = (mentor_id, mentee_id)
        return cohort, self.context(cohort, existing)

    def check(self, mentor_id: str, mentee_id: str, cohort: Cohort | None = None) -> list[Conflict]:
        """Every conflict of putting ``mentor_id`` with ``mentee_id``, worst first."""
        mentor, mentee = self.roster.employee(mentor_id), self.roster.employee(mentee_id)
        return check_pair(mentor, mentee, self._check_context(mentor_id, mentee_id, cohort)[1])

    def score(
        self, mentor_id: str, mentee_id: str, cohort: Cohort | None = None
    ) -> tuple[int, list[str]]:
        """The match score and its explanation ('+3 other division …')."""
        mentor, mentee = self.roster.employee(mentor_id), self.roster.employee(mentee_id)
        cohort, ctx = self._check_context(mentor_id, mentee_id, cohort)
        topics = self.topics(cohort) if cohort else {}
        return score_pair(
            mentor,
            mentee,
            ctx,
            topics.get(mentor_id, frozenset()),
            topics.get(mentee_id, frozenset()),
        )

    def topics(self, cohort: Cohort) -> dict[str, frozenset[str]]:
        return {
            p.employee_id: split_topics(p.interests)
            for p in self.cohorts.participants(cohort)
            if p.interests
        }

    def pair(
        self,
        mentor_id: str,
        mentee_id: str,
        cohort: Cohort | None = None,
        override: str | None = None,
    ) -> PairView:
        """Make a pair. A blocking conflict refuses it unless ``override`` gives a reason.

        The rules are checked inside the write transaction (BEGIN IMMEDIATE), so a second
        process cannot slip a pair in between the check and the write."""
        cohort = cohort or self.cohorts.cohort()
        with self.store.atomic():
            ctx = self.context(cohort)
            pair_id = self._insert_checked(cohort, ctx, mentor_id, mentee_id, override)
            self.store.emit(PairsChanged(cohort.id, added=frozenset({pair_id})))
        return self.pair_view(pair_id)

    def _insert_checked(
        self,
        cohort: Cohort,
        ctx: PairingContext,
        mentor_id: str,
        mentee_id: str,
        override: str | None,
        enrolled_only: bool = False,
    ) -> int:
        """Check one match against ``ctx`` and insert it; ``ctx``'s loads are kept current.
        ``enrolled_only``: both must be enrolled already (a proposal is made of participants;
        one withdrawn since must not be enrolled again by accepting it)."""
        mentor, mentee = self.roster.employee(mentor_id), self.roster.employee(mentee_id)
        override = (override or "").strip() or None
        conflicts = check_pair(mentor, mentee, ctx)
        blocks = [c for c in conflicts if c.severity == Severity.BLOCK]
        hard = [c for c in blocks if c.code in NEVER_OVERRIDDEN]
        if hard:  # said first: offering an override that cannot help would mislead
            raise PairingRefused(
                hard[0].message + " No override reason can set this aside.", list(hard)
            )
        if blocks and override is None:
            raise PairingRefused(
                f"Pairing {mentor.label} with {mentee.label} is blocked; give an override "
                "reason to pair them anyway.",
                list(blocks),
            )
        if self.db.execute(
            "SELECT 1 FROM pairs WHERE cohort_id = ? AND mentor_id = ? AND mentee_id = ? "
            "AND status = 'active'",
            [cohort.id, mentor_id, mentee_id],
        ).fetchone():
            raise PairingRefused(
                f"{mentor.label} and {mentee.label} are already paired in '{cohort.name}'.",
                [c for c in blocks if c.code == "already-paired"],
            )
        roles = dict(
            self.db.execute(
                "SELECT employee_id, role FROM participants WHERE cohort_id = ? "
                "AND employee_id IN (?, ?)",
                [cohort.id, mentor_id, mentee_id],
            ).fetchall()
        )
        for person, role in ((mentor, "mentor"), (mentee, "mentee")):
            if enrolled_only and person.employee_id not in roles:
                raise RmdeskError(
                    f"{person.label} is not enrolled in '{cohort.name}' any more; nothing "
                    "was paired. Ask for suggestions again."
                )
            if roles.get(person.employee_id, role) != role:
                raise RmdeskError(
                    f"{person.label} is enrolled as a {roles[person.employee_id]} "
                    f"in '{cohort.name}', not as a {role}."
                )
        for person, role in ((mentor, "mentor"), (mentee, "mentee")):
            self.db.execute(
                "INSERT OR IGNORE INTO participants (cohort_id, employee_id, "
                "role) VALUES (?, ?, ?)",
                [cohort.id, person.employee_id, role],
            )
        try:
            pair_id = self.db.execute(
                "INSERT INTO pairs (cohort_id, mentor_id, mentee_id, override_reason, "
                "created_at) VALUES (?, ?, ?, ?, ?)",
                [cohort.id, mentor_id, mentee_id, override, now_text()],
            ).lastrowid
        except sqlite3.IntegrityError as exc:  # the schema has the last word
            raise PairingRefused(
                f"Pairing {mentor.label} with {mentee.label} breaks a pairing rule: {exc}.",
                list(blocks),
            ) from exc
        if override is not None:
            record_in(
                self.store,
                "override",
                f"pair {pair_id} in '{cohort.name}' made despite "
                f"{', '.join(c.code for c in blocks)}: {override}",
            )
        ctx.mentor_load = {**ctx.mentor_load, mentor_id: ctx.mentor_load.get(mentor_id, 0) + 1}
        ctx.mentee_load = {**ctx.mentee_load, mentee_id: ctx.mentee_load.get(mentee_id, 0) + 1}
        return int(pair_id or 0)

    def get_pair(self, pair_id: int) -> Pair:
        row = self.db.execute(
            f"SELECT {PAIR_COLUMNS} FROM pairs WHERE id = ?", [pair_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"there is no pair number {pair_id}")
        return Pair(*row)

    def pair_exists(self, pair_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM pairs WHERE id = ?", [pair_id]).fetchone() is not None

    def pair_view(self, pair_id: int) -> PairView:
        p = self.get_pair(pair_id)
        ctx = self.context(
            self.cohorts.cohort_by_id(p.cohort_id), existing=(p.mentor_id, p.mentee_id)
        )
        return PairView(
            p, check_pair(self.roster.employee(p.mentor_id), self.roster.employee(p.mentee_id), ctx)
        )

    def pair_list(self, cohort: Cohort | None = None) -> list[Pair]:
        """The cohort's pairs as stored, not re-checked (no org chart read: cheap at 100k)."""
        cohort = cohort or self.cohorts.cohort()
        return [
            Pair(*r)
            for r in self.db.execute(
                f"SELECT {PAIR_COLUMNS} FROM pairs WHERE cohort_id = ? ORDER BY id", [cohort.id]
            )
        ]

    def pairs(self, cohort: Cohort | None = None) -> list[PairView]:
        """The cohort's pairs, each re-checked against today's roster."""
        cohort = cohort or self.cohorts.cohort()
        rows = [
            Pair(*r)
            for r in self.db.execute(
                f"SELECT {PAIR_COLUMNS} FROM pairs WHERE cohort_id = ? ORDER BY id", [cohort.id]
            )
        ]
        ctx = self.context(cohort)
        people = self.roster.employees()
        out = []
        for p in rows:
            ctx.existing = (p.mentor_id, p.mentee_id)
            found = check_pair(people[p.mentor_id], people[p.mentee_id], ctx)
            if p.status != "active":  # an ended pair takes no place in the cohort
                found = [c for c in found if c.code != "already-paired"]
            out.append(PairView(p, found))
        return out

    def suggest(self, cohort: Cohort | None = None) -> Suggestion:
        """Proposals for everyone still unpaired; pairs already made are kept."""
        cohort = cohort or self.cohorts.cohort()
        ctx = self.context(cohort)
        people = self.roster.employees()
        mentors, mentees, slots = [], [], {}
        for p in self.cohorts.participants(cohort):
            person = people.get(p.employee_id)
            if person is None or not person.active:
                continue
            if p.role == "mentor":
                room = cohort.capacity - ctx.mentor_load.get(p.employee_id, 0)
                if room > 0:
                    mentors.append(person)
                    slots[p.employee_id] = room
            elif ctx.mentee_load.get(p.employee_id, 0) == 0:
                mentees.append(person)
        from rmdesk.models.assignment import suggest_pairs  # numpy and scipy: only here

        return suggest_pairs(mentors, mentees, ctx, self.topics(cohort), slots)

    def accept(self, proposals: Iterable[Proposal], cohort: Cohort | None = None) -> list[PairView]:
        """Turn proposals into pairs: one transaction (all or nothing), one event."""
        cohort = cohort or self.cohorts.cohort()
        made: list[int] = []
        with self.store.atomic():
            ctx = self.context(cohort)
            for p in proposals:
                made.append(self._insert_checked(cohort, ctx, p.mentor_id, p.mentee_id, None, True))
            if made:
                self.store.emit(PairsChanged(cohort.id, added=frozenset(made)))
        wanted = set(made)
        return [v for v in self.pairs(cohort) if v.pair.id in wanted]
