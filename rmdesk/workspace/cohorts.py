"""Cohort capability: cohorts, who is enrolled as mentor or mentee, the do-not-pair list."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from rmdesk.errors import NotFound, RmdeskError, RoleSwitchRefused
from rmdesk.models.cohorts import ROLES, Cohort, Participant
from rmdesk.models.conflicts import unordered
from rmdesk.models.wording import plural
from rmdesk.workspace.events import CohortsChanged, ParticipantsChanged
from rmdesk.workspace.roster import RosterService
from rmdesk.workspace.store import Store, now_text

#: More mentees per mentor than this is a typing slip, not a programme.
MAX_CAPACITY = 1000


def _cohort(row: tuple[Any, ...]) -> Cohort:
    return Cohort(
        row[0],
        row[1],
        date.fromisoformat(row[2]) if row[2] else None,
        date.fromisoformat(row[3]) if row[3] else None,
        row[4],
    )


class CohortService:
    """``ws.cohorts``: cohorts, who is enrolled as mentor or mentee, the do-not-pair list."""

    def __init__(self, store: Store, roster: RosterService) -> None:
        self.store = store
        self.db = store.db
        self.roster = roster

    def _cohorts_where(self, where: str = "", args: list[object] | None = None) -> list[Cohort]:
        sql = f"SELECT id, name, starts, ends, capacity FROM cohorts {where} ORDER BY id"
        return [_cohort(r) for r in self.db.execute(sql, args or [])]

    def cohorts(self) -> list[Cohort]:
        return self._cohorts_where()

    def summaries(self) -> list[dict[str, object]]:
        """Each cohort with its head counts: the ``rmdesk cohorts --json`` shape (docs/cli.md)."""
        rows = self.db.execute(
            "SELECT c.name, c.starts, c.ends, c.capacity, "
            "(SELECT COUNT(*) FROM participants p WHERE p.cohort_id = c.id AND p.role = 'mentor'), "
            "(SELECT COUNT(*) FROM participants p WHERE p.cohort_id = c.id AND p.role = 'mentee'), "
            "(SELECT COUNT(*) FROM pairs x WHERE x.cohort_id = c.id AND x.status = 'active') "
            "FROM cohorts c ORDER BY c.id"
        )
        keys = ("name", "starts", "ends", "capacity", "mentors", "mentees", "pairs")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def latest_cohort(self) -> Cohort | None:
        """The most recently created cohort, or None before the first."""
        found = self.cohorts()
        return found[-1] if found else None

    def cohort(self, name: str | None = None) -> Cohort:
        """The cohort called ``name``, or the most recent one."""
        if name is None:
            latest = self.latest_cohort()
            if latest is None:
                raise NotFound("there is no cohort yet: create one first (rmdesk cohort NAME)")
            return latest
        found = self._cohorts_where("WHERE name = ?", [name])
        if not found:
            raise NotFound(f"there is no cohort called '{name}'")
        return found[0]

    def cohort_by_id(self, cohort_id: int) -> Cohort:
        found = self._cohorts_where("WHERE id = ?", [cohort_id])
        if not found:
            raise NotFound(f"there is no cohort number {cohort_id}")
        return found[0]

    def create_cohort(
        self,
        name: str,
        starts: date | None = None,
        ends: date | None = None,
        capacity: int | None = None,
    ) -> Cohort:
        """Create the cohort, or update the dates and capacity given for an existing one."""
        name = name.strip()
        if not name:
            raise RmdeskError("a cohort needs a name")
        if capacity is not None and not 1 <= capacity <= MAX_CAPACITY:
            raise RmdeskError(
                f"the capacity is the number of mentees per mentor: 1 to {MAX_CAPACITY}"
            )
        if starts and ends and ends < starts:
            raise RmdeskError(f"the cohort ends ({ends}) before it starts ({starts})")
        with self.store.atomic():
            row = self.db.execute("SELECT id FROM cohorts WHERE name = ?", [name]).fetchone()
            if row is None:
                self.db.execute(
                    "INSERT INTO cohorts (name, starts, ends, capacity, created_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [
                        name,
                        starts.isoformat() if starts else None,
                        ends.isoformat() if ends else None,
                        capacity or 1,
                        now_text(),
                    ],
                )
            else:
                sets = {
                    "starts": starts.isoformat() if starts else None,
                    "ends": ends.isoformat() if ends else None,
                    "capacity": capacity,
                }
                for col, value in sets.items():
                    if value is not None:
                        self.db.execute(
                            f"UPDATE cohorts SET {col} = ? WHERE id = ?", [value, row[0]]
                        )
                self._check_as_written(row[0])
            cohort = self.cohort(name)
            self.store.emit(CohortsChanged(frozenset({cohort.id})))
        return cohort

    def update_cohort(self, cohort: Cohort) -> Cohort:
        """Give the cohort with ``cohort.id`` exactly these name, dates and capacity."""
        name = cohort.name.strip()
        if not name:
            raise RmdeskError("a cohort needs a name")
        if not 1 <= cohort.capacity <= MAX_CAPACITY:
            raise RmdeskError(
                f"the capacity is the number of mentees per mentor: 1 to {MAX_CAPACITY}"
            )
        if cohort.starts and cohort.ends and cohort.ends < cohort.starts:
            raise RmdeskError(f"the cohort ends ({cohort.ends}) before it starts ({cohort.starts})")
        self.cohort_by_id(cohort.id)
        if self._cohorts_where("WHERE name = ? AND id != ?", [name, cohort.id]):
            raise RmdeskError(f"there is already a cohort called '{name}'")
        with self.store.atomic():
            self.db.execute(
                "UPDATE cohorts SET name = ?, starts = ?, ends = ?, capacity = ? WHERE id = ?",
                [
                    name,
                    cohort.starts.isoformat() if cohort.starts else None,
                    cohort.ends.isoformat() if cohort.ends else None,
                    cohort.capacity,
                    cohort.id,
                ],
            )
            self._check_as_written(cohort.id)
            self.store.emit(CohortsChanged(frozenset({cohort.id})))
        return self.cohort_by_id(cohort.id)

    def _check_as_written(self, cohort_id: int) -> None:
        """Inside the write: the cohort as it now stands ends after it starts, and its capacity
        holds every mentor's open pairs (a change of one date or of the capacity alone is
        judged with what was stored, and raising rolls it back)."""
        cohort = self.cohort_by_id(cohort_id)
        if cohort.starts and cohort.ends and cohort.ends < cohort.starts:
            raise RmdeskError(
                f"'{cohort.name}' would end ({cohort.ends}) before it starts ({cohort.starts}); "
                "nothing was changed"
            )
        busiest = self.db.execute(
            "SELECT mentor_id, COUNT(*) AS n FROM pairs WHERE cohort_id = ? AND status = "
            "'active' GROUP BY mentor_id ORDER BY n DESC, mentor_id LIMIT 1",
            [cohort_id],
        ).fetchone()
        if busiest and busiest[1] > cohort.capacity:
            who = self.roster.some([busiest[0]]).get(busiest[0])
            raise RmdeskError(
                f"{who.label if who else busiest[0]} already mentors {busiest[1]} mentees in "
                f"'{cohort.name}': "
                f"the capacity cannot go below {busiest[1]} until pairs are ended; nothing "
                "was changed"
            )

    def delete_cohort(self, cohort_id: int, with_pairs: bool = False) -> None:
        """Remove a cohort, its enrolments and (``with_pairs``) its pairs. A cohort whose
        pairs have agreements, sessions or actions is never deleted: that is history."""
        with self.store.atomic():
            cohort = self.cohort_by_id(cohort_id)
            history = self.db.execute(
                "SELECT (SELECT COUNT(*) FROM agreements a JOIN pairs p ON p.id = a.pair_id "
                "WHERE p.cohort_id = ?), (SELECT COUNT(*) FROM sessions s JOIN pairs p "
                "ON p.id = s.pair_id WHERE p.cohort_id = ?), (SELECT COUNT(*) FROM actions x "
                "JOIN pairs p ON p.id = x.pair_id WHERE p.cohort_id = ?)",
                [cohort_id] * 3,
            ).fetchone()
            if any(history):
                raise RmdeskError(
                    f"'{cohort.name}' has {plural(history[0], 'agreement')}, "
                    f"{plural(history[1], 'session')} and {plural(history[2], 'action')}; "
                    "a cohort with history is kept (close its pairs instead)"
                )
            pairs = self.db.execute(
                "SELECT COUNT(*) FROM pairs WHERE cohort_id = ?", [cohort_id]
            ).fetchone()[0]
            if pairs and not with_pairs:
                raise RmdeskError(
                    f"'{cohort.name}' has {plural(pairs, 'pair')}; unpair them before removing it"
                )
            self.db.execute("DELETE FROM pairs WHERE cohort_id = ?", [cohort_id])
            self.db.execute("DELETE FROM participants WHERE cohort_id = ?", [cohort_id])
            self.db.execute("DELETE FROM templates WHERE cohort_id = ?", [cohort_id])
            self.db.execute("DELETE FROM cohorts WHERE id = ?", [cohort_id])
            self.store.emit(CohortsChanged(frozenset({cohort_id})))

    # -- participants ---------------------------------------------------------------------
    def participants(self, cohort: Cohort, role: str | None = None) -> list[Participant]:
        sql = (
            "SELECT cohort_id, employee_id, role, interests, availability FROM participants "
            "WHERE cohort_id = ?"
        )
        args: list[object] = [cohort.id]
        if role:
            sql += " AND role = ?"
            args.append(role)
        return [Participant(*r) for r in self.db.execute(sql, args)]

    def role_switches(
        self, ids: Iterable[str], role: str, cohort: Cohort | None = None
    ) -> dict[str, str]:
        """Of ``ids``, those enrolled in the other role now, with that role (asked first)."""
        cohort = cohort or self.cohort()
        wanted = set(ids)
        return {
            p.employee_id: p.role
            for p in self.participants(cohort)
            if p.employee_id in wanted and p.role != role
        }

    def enrol(
        self,
        ids: Iterable[str],
        role: str,
        cohort: Cohort | None = None,
        switch: bool = False,
    ) -> list[str]:
        """Add people as mentors or mentees; returns the ids newly enrolled or switched.

        Someone enrolled in the other role is refused (RoleSwitchRefused, nothing written)
        unless ``switch``: a role never changes silently."""
        if role not in ROLES:
            raise RmdeskError(f"the role is mentor or mentee, not '{role}'")
        cohort = cohort or self.cohort()
        people = self.roster.employees()
        ids = list(dict.fromkeys(ids))
        unknown = [i for i in ids if i not in people]
        if unknown:
            raise NotFound("not on the roster: " + ", ".join(unknown))
        gone = [people[i].label for i in ids if not people[i].active]
        if gone:
            raise RmdeskError("these people have left the roster: " + ", ".join(gone))
        changed: list[str] = []
        with self.store.atomic():
            paired = self._paired_ids(cohort)
            switching = self.role_switches(ids, role, cohort)
            if switching and not switch:
                raise RoleSwitchRefused(
                    [f"{people[e].label} is enrolled as a {r}" for e, r in switching.items()]
                )
            for emp in ids:
                row = self.db.execute(
                    "SELECT role FROM participants WHERE cohort_id = ? AND employee_id = ?",
                    [cohort.id, emp],
                ).fetchone()
                if row and row[0] == role:
                    continue
                if row and emp in paired:
                    raise RmdeskError(
                        f"{people[emp].label} is paired as a {row[0]} in "
                        f"'{cohort.name}': unpair them first"
                    )
                self.db.execute(
                    "INSERT INTO participants (cohort_id, employee_id, role) VALUES (?, ?, ?) "
                    "ON CONFLICT(cohort_id, employee_id) DO UPDATE SET role = excluded.role",
                    [cohort.id, emp, role],
                )
                changed.append(emp)
            if changed:
                self.store.emit(ParticipantsChanged(cohort.id, frozenset(changed)))
        return changed

    def withdraw(self, ids: Iterable[str], cohort: Cohort | None = None) -> list[Participant]:
        """Take unpaired people out of the cohort; returns what was removed (for undo)."""
        cohort = cohort or self.cohort()
        wanted = set(ids)
        removed: list[Participant] = []
        with self.store.atomic():
            paired = self._paired_ids(cohort)
            for p in self.participants(cohort):
                if p.employee_id in wanted:
                    if p.employee_id in paired:
                        raise RmdeskError(f"{p.employee_id} is paired: unpair them first")
                    self.db.execute(
                        "DELETE FROM participants WHERE cohort_id = ? AND employee_id = ?",
                        [cohort.id, p.employee_id],
                    )
                    removed.append(p)
            if removed:
                ids_out = frozenset(p.employee_id for p in removed)
                self.store.emit(ParticipantsChanged(cohort.id, ids_out))
        return removed

    def restore_participants(self, items: Iterable[Participant]) -> None:
        with self.store.atomic():
            for p in items:
                self.db.execute(
                    "INSERT OR REPLACE INTO participants (cohort_id, employee_id, role, "
                    "interests, availability) VALUES (?, ?, ?, ?, ?)",
                    [p.cohort_id, p.employee_id, p.role, p.interests, p.availability],
                )
                self.store.emit(ParticipantsChanged(p.cohort_id, frozenset({p.employee_id})))

    def set_interests(
        self, cohort: Cohort, employee_id: str, interests: str, availability: str | None = None
    ) -> None:
        with self.store.atomic():
            self.db.execute(
                "UPDATE participants SET interests = ? WHERE cohort_id = ? AND employee_id = ?",
                [interests, cohort.id, employee_id],
            )
            if availability is not None:
                self.db.execute(
                    "UPDATE participants SET availability = ? WHERE cohort_id = ? "
                    "AND employee_id = ?",
                    [availability, cohort.id, employee_id],
                )
            self.store.emit(ParticipantsChanged(cohort.id, frozenset({employee_id})))

    def _paired_ids(self, cohort: Cohort) -> set[str]:
        out: set[str] = set()
        for a, b in self.db.execute(
            "SELECT mentor_id, mentee_id FROM pairs WHERE cohort_id = ? AND status = 'active'",
            [cohort.id],
        ):
            out.update((a, b))
        return out

    # -- do-not-pair list -----------------------------------------------------------------
    def exclusions(self) -> dict[tuple[str, str], str]:
        return {
            unordered(a, b): r
            for a, b, r in self.db.execute("SELECT first_id, second_id, reason FROM exclusions")
        }

    def exclude(self, first: str, second: str, reason: str = "") -> None:
        """Put two people on the do-not-pair list, with the reason the officer gives."""
        self.roster.employee(first)
        self.roster.employee(second)
        if first == second:
            raise RmdeskError("a do-not-pair entry needs two different people")
        a, b = unordered(first, second)
        with self.store.atomic():
            self.db.execute(
                "INSERT INTO exclusions (first_id, second_id, reason, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(first_id, second_id) DO UPDATE SET "
                "reason = excluded.reason",
                [a, b, reason, now_text()],
            )
            self.store.emit(ParticipantsChanged(0, frozenset({a, b})))

    def unexclude(self, first: str, second: str) -> None:
        a, b = unordered(first, second)
        with self.store.atomic():
            self.db.execute("DELETE FROM exclusions WHERE first_id = ? AND second_id = ?", [a, b])
            self.store.emit(ParticipantsChanged(0, frozenset({a, b})))
