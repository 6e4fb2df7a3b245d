"""Roster capability: import a file (validate everything first, then write in one go), read it."""

from __future__ import annotations

import itertools
import json
import secrets
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rmdesk.errors import ImportCancelled, NotFound, Problem, RosterError
from rmdesk.models.orgchart import OrgChart
from rmdesk.models.people import FIELDS, ROSTER_FIELDS, Employee, Record, employee_from_record
from rmdesk.workspace.audit import record_in
from rmdesk.workspace.events import DatabaseReplaced, Event, RosterChanged
from rmdesk.workspace.id_forms import recognise_ids
from rmdesk.workspace.roster_import import NAMED as NAMED  # re-exported: planning moved there
from rmdesk.workspace.roster_import import ImportPlan, ImportReport, no_cyclic_gc, plan_import
from rmdesk.workspace.roster_import import prepare_new_roster as prepare_new_roster
from rmdesk.workspace.store import Store, now_text

if TYPE_CHECKING:  # the readers (calamine) load only when a file is imported
    from rmdesk.roster_files import Table

#: progress(done, total, what) -> False to cancel
Progress = Callable[[int, int, str], bool]
CHUNK = 5000
#: Settings: the roster's generation (a new random token with every write to the roster), and
#: the share of the active roster a re-import may deactivate without being allowed to.
GENERATION_KEY = "roster_generation"
DEACTIVATION_SHARE_KEY = "deactivation_share"
DEFAULT_DEACTIVATION_SHARE = 0.2
#: SQLite's page cache while a first import fills an empty roster, in pages (8 KiB each): a
#: big cache only holds the new rows in memory until the commit (100k people: 9 MiB more).
FIRST_IMPORT_CACHE = 256

#: The stored person, in Record order: the roster fields, then ``active``.
EMPLOYEE_COLUMNS = ", ".join((*ROSTER_FIELDS, "active"))
_WRITTEN = (*ROSTER_FIELDS, "active", "last_import_id")
_UPSERT = ", ".join(f"{c}=excluded.{c}" for c in _WRITTEN if c != "employee_id")


def bump_roster_generation(conn: sqlite3.Connection) -> None:
    """Mark the roster as changed, inside the write that changes it: plans made before are
    compared again, and caches read before (in any process) are dropped."""
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [GENERATION_KEY, secrets.token_hex(8)],
    )


def _fields_not_in(columns: Mapping[str, int]) -> frozenset[int]:
    """Positions in a record (``ROSTER_FIELDS`` order) of the fields a file gives no column
    for, in none of their forms (a name from first and last names is given)."""
    return frozenset(
        i
        for i, f in enumerate(FIELDS)
        if f.name not in columns and not any(form in columns for form in f.also)
    )


class RosterService:
    """``ws.roster``: importing HR files and reading the people on the roster."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db
        self._employees: dict[str, Employee] | None = None
        self._org: OrgChart | None = None
        self._kept_for: int | None = None  # the import whose roster ``adopt`` was given
        self._read_at = ""  # the roster generation the cache was read at
        store.events.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        kept = self._kept_for
        if isinstance(event, RosterChanged) and kept is not None and event.import_id == kept:
            self._kept_for = None  # the roster adopted is that import's: it stays
            return
        if isinstance(event, (RosterChanged, DatabaseReplaced)):
            self.forget()

    def forget(self) -> None:
        """Drop the cached roster (another process, or a restore, changed the file)."""
        self._employees = None
        self._org = None
        self._kept_for = None
        self._read_at = ""

    def drop_if_changed(self) -> None:
        """Drop the cached roster if an import or an erasure landed since it was read, in
        this process or another: a check inside a write transaction must see who has left."""
        if self._employees is not None and self.generation() != self._read_at:
            self.forget()

    def employees(self) -> dict[str, Employee]:
        """Everybody ever imported, active or not, by id (cached until the roster changes)."""
        if self._employees is None:
            self._read_at = self.generation()
            cur = self.db.execute(f"SELECT {EMPLOYEE_COLUMNS} FROM employees")
            with no_cyclic_gc():  # 100k people, no cycles: a tenth of the read saved
                self._employees = {row[0]: employee_from_record(row) for row in cur}
        return self._employees

    def count(self) -> int:
        """How many people were ever imported, without reading them (cached when read)."""
        if self._employees is not None:
            return len(self._employees)
        return int(self.db.execute("SELECT COUNT(*) FROM employees").fetchone()[0])

    def some(self, ids: Iterable[str]) -> dict[str, Employee]:
        """These people only: from the cache when the roster is read, else one query (a
        cohort's report or board needs its 200 people, not a 100,000-person roster)."""
        wanted = set(ids)
        if self._employees is not None:
            return {i: self._employees[i] for i in wanted if i in self._employees}
        found: dict[str, Employee] = {}
        listed = sorted(wanted)
        for start in range(0, len(listed), 500):
            chunk = listed[start : start + 500]
            rows = self.db.execute(
                f"SELECT {EMPLOYEE_COLUMNS} FROM employees "
                f"WHERE employee_id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            found.update((r[0], employee_from_record(r)) for r in rows)
        return found

    def adopt(self, employees: dict[str, Employee], import_id: int | None = None) -> None:
        """Take the roster as another connection read it (the window's background read, or an
        import's worker). With ``import_id``, that import's RosterChanged, announced here after
        (``Workspace.take_changes``), keeps these people instead of dropping them."""
        self._employees = employees
        self._org = None
        self._kept_for = import_id
        self._read_at = self.generation()

    def employee(self, employee_id: str) -> Employee:
        """One person; from the cache when the roster was read, else by id (reading 100k
        people for one name froze the window for a second)."""
        found = self.some([employee_id]).get(employee_id)
        if found is None:
            raise NotFound(f"no employee with id '{employee_id}' on the roster")
        return found

    def org_chart(self) -> OrgChart:
        if self._org is None:
            people = self.employees()
            with no_cyclic_gc():  # 300k small objects, no cycles: the collector only slows it
                self._org = OrgChart({e.employee_id: e.manager_id for e in people.values()})
        return self._org

    def prepare_import(
        self,
        source: Path | str,
        mapping: dict[str, str] | None = None,
        sheet: str | None = None,
        partial: bool = False,
        table: Table | None = None,
    ) -> ImportPlan:
        """Read and validate ``source``; raises RosterError only when the file cannot be read."""
        return plan_import(source, mapping, sheet, partial, table, self)

    def generation(self) -> str:
        """A token that changes with every write to the roster (imports, erasures)."""
        return self.store.setting(GENERATION_KEY, "")

    def deactivation_share(self) -> float:
        """The share of the active roster a re-import may deactivate unconfirmed (0 to 1)."""
        try:
            share = float(self.store.setting(DEACTIVATION_SHARE_KEY, ""))
        except ValueError:
            return DEFAULT_DEACTIVATION_SHARE
        return min(max(share, 0.0), 1.0)

    def set_deactivation_share(self, share: float) -> None:
        if not 0.0 <= share <= 1.0:
            raise ValueError(f"the share is from 0 to 1, not {share}")
        self.store.set_setting(DEACTIVATION_SHARE_KEY, repr(float(share)))

    def _stored(self) -> dict[str, Record]:
        return {r[0]: r for r in self.db.execute(f"SELECT {EMPLOYEE_COLUMNS} FROM employees")}

    def _compare(self, plan: ImportPlan, stored: dict[str, Record], generation: str) -> None:
        """What writing ``plan`` into the roster ``stored`` would add, update and deactivate."""
        plan.generation = generation
        plan.added, plan.updated, plan.unchanged = [], [], 0
        plan.missing, plan.leaving, plan.recognised, plan.open_pairs = [], [], [], {}
        records = plan.parsed.records
        plan.active_before = sum(1 for row in stored.values() if row[11])
        if not stored:
            plan.added = records
            return
        records, plan.recognised = recognise_ids(
            records, stored.keys(), plan.parsed.row_numbers, plan.mapping_names().get("employee_id")
        )
        added: list[Record] = []
        updated: list[Record] = []
        # a field the file has no column for keeps what is stored: a partial file of ids and
        # emails must not wipe everyone's manager and grade (a column left empty does clear)
        kept = _fields_not_in(plan.mapping.columns)
        for rec in records:
            old = stored.get(rec[0])
            if old is None:
                added.append(rec)
                continue
            if kept:
                rec = tuple(old[i] if i in kept else v for i, v in enumerate(rec))
            if old != rec:
                updated.append(rec)
                if old[11] and not rec[11]:
                    plan.leaving.append(rec[0])
            else:
                plan.unchanged += 1
        plan.added, plan.updated = added, updated
        seen = set(records.column(0))
        plan.missing = sorted(e for e, row in stored.items() if row[11] and e not in seen)
        if plan.deactivating:
            plan.open_pairs = self._open_pairs(plan.deactivating)

    def _open_pairs(self, people: Sequence[str]) -> dict[str, frozenset[int]]:
        """The active pairs each of ``people`` is in (only those in any)."""
        found: dict[str, set[int]] = {}
        for pair_id, mentor, mentee in self.db.execute(
            "SELECT id, mentor_id, mentee_id FROM pairs WHERE status = 'active'"
        ):
            found.setdefault(mentor, set()).add(pair_id)
            found.setdefault(mentee, set()).add(pair_id)
        return {e: frozenset(found[e]) for e in people if e in found}

    def apply_import(
        self,
        plan: ImportPlan,
        progress: Progress | None = None,
        allow_deactivation: bool = False,
    ) -> ImportReport:
        """Write a validated plan in one transaction; any error or a cancel writes nothing.

        Inside the transaction the roster is checked to be the one the plan was made from;
        when another import landed meanwhile, the file is compared again with the roster now.
        Deactivating more than the allowed share of the active roster, or anybody in an open
        pair, raises DeactivationRefused unless ``allow_deactivation``."""
        if plan.errors:
            raise RosterError(plan.errors)
        if not plan.parsed.records:
            raise RosterError([Problem("the file has no people")])

        def tick(done: int, total: int) -> None:
            if progress is not None and progress(done, total, "Saving") is False:
                raise ImportCancelled("import cancelled; nothing was changed")

        tick(0, len(plan.added) + len(plan.updated) + 1)
        with no_cyclic_gc(), self.store.atomic():
            generation = self.generation()
            if generation != plan.generation:
                self._compare(plan, self._stored(), generation)
                plan.replanned = True
            elif plan.deactivating:  # a pair made since the plan is not in its count
                plan.open_pairs = self._open_pairs(plan.deactivating)
            refused = plan.deactivation_problem(self.deactivation_share())
            if refused is not None and not allow_deactivation:
                raise refused
            changes = len(plan.added) + len(plan.updated)
            total = changes + 1
            import_id = (
                self.db.execute(
                    "INSERT INTO imports (file_name, sha256, imported_at, added, updated, "
                    "deactivated, unchanged, warnings, partial, mapping) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        plan.source.name,
                        plan.sha256,
                        now_text(),
                        len(plan.added),
                        len(plan.updated),
                        plan.deactivated,
                        plan.unchanged,
                        len(plan.warnings),
                        int(plan.partial),
                        json.dumps(plan.mapping_names(), ensure_ascii=False),
                    ],
                ).lastrowid
                or 0
            )
            # Into an empty roster the unique id index is built once, after the rows (the
            # file's ids are known unique): a fifth of the write time at 100k people.
            first = not self.db.execute("SELECT 1 FROM employees LIMIT 1").fetchone()
            if first:
                self.db.execute("DROP INDEX employees_id")
                # rows appended in order need no page cache: each page goes to the WAL once
                # full, instead of 100k people's pages staying in memory until the commit
                cache = self.db.execute("PRAGMA cache_size").fetchone()[0]
                self.db.execute(f"PRAGMA cache_size = {FIRST_IMPORT_CACHE}")
            sql = (
                f"INSERT INTO employees ({', '.join(_WRITTEN)}) "
                # the import id is an integer SQLite gave us: written into the statement, it
                # spares a copy of every row to append it
                f"VALUES ({', '.join('?' * (len(_WRITTEN) - 1))}, {int(import_id)}) "
            )
            if not first:
                sql += f"ON CONFLICT(employee_id) DO UPDATE SET {_UPSERT}"
            rows = itertools.chain(plan.added, plan.updated)  # no list of every row
            try:
                for start in range(0, changes, CHUNK):
                    self.db.conn.executemany(sql, itertools.islice(rows, CHUNK))
                    tick(min(start + CHUNK, changes), total)
                if first:
                    self.db.execute("CREATE UNIQUE INDEX employees_id ON employees(employee_id)")
            finally:
                if first:
                    self.db.execute(f"PRAGMA cache_size = {int(cache)}")
            if not plan.partial and plan.missing:
                self.db.conn.executemany(
                    "UPDATE employees SET active = 0 WHERE employee_id = ?",
                    [(e,) for e in plan.missing],
                )
            bump_roster_generation(self.db.conn)
            report = plan.report(True, import_id)
            record_in(self.store, "import", report.summary())
            tick(total, total)
            self.forget()
            self.store.emit(RosterChanged(int(import_id)))
        return report

    def import_roster(
        self,
        source: Path | str,
        mapping: dict[str, str] | None = None,
        sheet: str | None = None,
        partial: bool = False,
        dry_run: bool = False,
        progress: Progress | None = None,
        allow_deactivation: bool = False,
    ) -> ImportReport:
        """Validate ``source`` and, unless ``dry_run``, import it. Errors raise RosterError;
        a deactivation that needs allowing raises DeactivationRefused (a dry run can ask
        ``prepare_import(...).deactivation_problem(share)`` instead)."""
        plan = self.prepare_import(source, mapping, sheet, partial)
        if plan.errors:
            raise RosterError(plan.errors)
        if dry_run:
            return plan.report(False)
        return self.apply_import(plan, progress, allow_deactivation)

    def roster(self, query: str = "", include_inactive: bool = True) -> list[Employee]:
        """People sorted by name, optionally filtered by a case-insensitive text query."""
        people = sorted(self.employees().values(), key=lambda e: (e.name.casefold(), e.employee_id))
        if not include_inactive:
            people = [e for e in people if e.active]
        if query:
            q = query.casefold()
            people = [e for e in people if q in _haystack(e)]
        return people

    def imports(self) -> list[dict[str, object]]:
        return list(self.db.query("SELECT * FROM imports ORDER BY id"))


def _haystack(e: Employee) -> str:
    return " ".join(str(getattr(e, f) or "") for f in ROSTER_FIELDS).casefold()
