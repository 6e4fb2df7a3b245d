"""Cohort capability: cohorts, who is enrolled as mentor or mentee, the do-not-pair list."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from rmdesk.errors import NotFound, RmdeskError
from rmdesk.models.cohorts import ROLES, Cohort, Participant
from rmdesk.models.conflicts import unordered
from rmdesk.workspace.base import COHORTS, PARTICIPANTS, WorkspaceBase, now_text


def _cohort(row: tuple[Any, ...]) -> Cohort:
    return Cohort(
        row[0],
        row[1],
        date.fromisoformat(row[2]) if row[2] else None,
        date.fromisoformat(row[3]) if row[3] else None,
        row[4],
    )


class CohortOps(WorkspaceBase):
    def _cohorts_where(self, where: str = "", args: list[object] | None = None) -> list[Cohort]:
        sql = f"SELECT id, name, starts, ends, capacity FROM cohorts {where} ORDER BY id"
        return [_cohort(r) for r in self.db.execute(sql, args or [])]

    def cohorts(self) -> list[Cohort]:
        return self._cohorts_where()

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
        if capacity is not None and capacity < 1:
            raise RmdeskError("the capacity is the number of mentees per mentor: 1 or more")
        if starts and ends and ends < starts:
            raise RmdeskError(f"the cohort ends ({ends}) before it starts ({starts})")
        with self.atomic():
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
        self._changed(COHORTS)
        return self.cohort(name)

    def update_cohort(self, cohort: Cohort) -> Cohort:
        """Give the cohort with ``cohort.id`` exactly these name, dates and capacity."""
        name = cohort.name.strip()
        if not name:
            raise RmdeskError("a cohort needs a name")
        if cohort.capacity < 1:
            raise RmdeskError("the capacity is the number of mentees per mentor: 1 or more")
        if cohort.starts and cohort.ends and cohort.ends < cohort.starts:
            raise RmdeskError(f"the cohort ends ({cohort.ends}) before it starts ({cohort.starts})")
        self.cohort_by_id(cohort.id)
        if self._cohorts_where("WHERE name = ? AND id != ?", [name, cohort.id]):
            raise RmdeskError(f"there is already a cohort called '{name}'")
        with self.atomic():
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
        self._changed(COHORTS)
        return self.cohort_by_id(cohort.id)

    def delete_cohort(self, cohort_id: int) -> None:
        """Remove a cohort that has no pairs yet (undoing its creation)."""
        cohort = self.cohort_by_id(cohort_id)
        if self.db.execute("SELECT 1 FROM pairs WHERE cohort_id = ?", [cohort_id]).fetchone():
            raise RmdeskError(f"'{cohort.name}' has pairs; unpair them before removing it")
        with self.atomic():
            self.db.execute("DELETE FROM participants WHERE cohort_id = ?", [cohort_id])
            self.db.execute("DELETE FROM cohorts WHERE id = ?", [cohort_id])
        self._changed(COHORTS)

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

    def enrol(self, ids: Iterable[str], role: str, cohort: Cohort | None = None) -> list[str]:
        """Add people as mentors or mentees; returns the ids newly enrolled or switched."""
        if role not in ROLES:
            raise RmdeskError(f"the role is mentor or mentee, not '{role}'")
        cohort = cohort or self.cohort()
        people = self.employees()
        ids = list(dict.fromkeys(ids))
        unknown = [i for i in ids if i not in people]
        if unknown:
            raise NotFound("not on the roster: " + ", ".join(unknown))
        gone = [people[i].label for i in ids if not people[i].active]
        if gone:
            raise RmdeskError("these people have left the roster: " + ", ".join(gone))
        paired = self._paired_ids(cohort)
        changed: list[str] = []
        with self.atomic():
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
        self._changed(PARTICIPANTS)
        return changed

    def withdraw(self, ids: Iterable[str], cohort: Cohort | None = None) -> list[Participant]:
        """Take unpaired people out of the cohort; returns what was removed (for undo)."""
        cohort = cohort or self.cohort()
        wanted = set(ids)
        paired = self._paired_ids(cohort)
        removed: list[Participant] = []
        with self.atomic():
            for p in self.participants(cohort):
                if p.employee_id in wanted:
                    if p.employee_id in paired:
                        raise RmdeskError(f"{p.employee_id} is paired: unpair them first")
                    self.db.execute(
                        "DELETE FROM participants WHERE cohort_id = ? AND employee_id = ?",
                        [cohort.id, p.employee_id],
                    )
                    removed.append(p)
        self._changed(PARTICIPANTS)
        return removed

    def restore_participants(self, items: Iterable[Participant]) -> None:
        with self.atomic():
            for p in items:
                self.db.execute(
                    "INSERT OR REPLACE INTO participants (cohort_id, employee_id, role, "
                    "interests, availability) VALUES (?, ?, ?, ?, ?)",
                    [p.cohort_id, p.employee_id, p.role, p.interests, p.availability],
                )
        self._changed(PARTICIPANTS)

    def set_interests(
        self, cohort: Cohort, employee_id: str, interests: str, availability: str | None = None
    ) -> None:
        with self.atomic():
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
        self._changed(PARTICIPANTS)

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
        self.employee(first)
        self.employee(second)
        if first == second:
            raise RmdeskError("a do-not-pair entry needs two different people")
        a, b = unordered(first, second)
        with self.atomic():
            self.db.execute(
                "INSERT INTO exclusions (first_id, second_id, reason, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(first_id, second_id) DO UPDATE SET "
                "reason = excluded.reason",
                [a, b, reason, now_text()],
            )
        self._changed(PARTICIPANTS)

    def unexclude(self, first: str, second: str) -> None:
        a, b = unordered(first, second)
        with self.atomic():
            self.db.execute("DELETE FROM exclusions WHERE first_id = ? AND second_id = ?", [a, b])
        self._changed(PARTICIPANTS)
