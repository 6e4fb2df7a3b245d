"""The schema of an rmdesk workspace: its migrations in order, and the marks that say a file
is ours (application id, schema version)."""

from __future__ import annotations

from rmdesk.errors import StorageError
from rmdesk.storage.sqlite import Database, Migrations

#: Marks a SQLite file as an rmdesk workspace (PRAGMA application_id), ASCII "RMDK".
APPLICATION_ID = 0x524D444B
MIGRATION_SET = "rmdesk"

migrations = Migrations(MIGRATION_SET)


@migrations()
def m001_schema(db: Database) -> None:
    """The schema for the whole product: roster, imports, cohorts, pairs, agreements, sessions."""
    db.executescript(
        """
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            added INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            deactivated INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            warnings INTEGER NOT NULL DEFAULT 0,
            partial INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1)),
            mapping TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE employees (
            employee_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            email TEXT,
            department TEXT,
            division TEXT,
            title TEXT,
            grade TEXT,
            manager_id TEXT,
            hire_date TEXT,
            birth_year INTEGER,
            location TEXT,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            last_import_id INTEGER REFERENCES imports(id)
        );
        CREATE INDEX employees_manager ON employees(manager_id);
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE cohorts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            starts TEXT,
            ends TEXT,
            capacity INTEGER NOT NULL DEFAULT 1 CHECK (capacity >= 1),
            created_at TEXT NOT NULL
        );
        CREATE TABLE participants (
            cohort_id INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
            employee_id TEXT NOT NULL REFERENCES employees(employee_id),
            role TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
            interests TEXT NOT NULL DEFAULT '',
            availability TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (cohort_id, employee_id)
        );
        CREATE TABLE exclusions (
            id INTEGER PRIMARY KEY,
            first_id TEXT NOT NULL REFERENCES employees(employee_id),
            second_id TEXT NOT NULL REFERENCES employees(employee_id),
            reason TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            UNIQUE (first_id, second_id)
        );
        CREATE TABLE pairs (
            id INTEGER PRIMARY KEY,
            cohort_id INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
            mentor_id TEXT NOT NULL REFERENCES employees(employee_id),
            mentee_id TEXT NOT NULL REFERENCES employees(employee_id),
            override_reason TEXT,
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
            created_at TEXT NOT NULL,
            ended_at TEXT
        );
        CREATE INDEX pairs_cohort ON pairs(cohort_id);
        CREATE TABLE agreements (
            id INTEGER PRIMARY KEY,
            pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            body TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            UNIQUE (pair_id, version)
        );
        CREATE TABLE signatures (
            id INTEGER PRIMARY KEY,
            agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('mentor', 'mentee', 'officer')),
            typed_name TEXT NOT NULL,
            signed_on TEXT NOT NULL,
            paper INTEGER NOT NULL DEFAULT 0 CHECK (paper IN (0, 1)),
            image BLOB
        );
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
            starts_at TEXT NOT NULL,
            duration_min INTEGER NOT NULL DEFAULT 60,
            status TEXT NOT NULL
                CHECK (status IN ('planned', 'held', 'cancelled', 'no-show')),
            cancelled_by TEXT CHECK (cancelled_by IN ('mentor', 'mentee')),
            role_reversal INTEGER NOT NULL DEFAULT 0 CHECK (role_reversal IN (0, 1)),
            notes TEXT NOT NULL DEFAULT '',
            confidential_notes TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
            session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
            text TEXT NOT NULL,
            owner TEXT NOT NULL DEFAULT '',
            due TEXT,
            done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))
        );
        """
    )


@migrations()
def m002_no_manager_index(db: Database) -> None:
    """Reporting lines are read whole into an OrgChart, never looked up by manager in SQL; the
    index only slowed every import (a third of the write time at 100k people)."""
    db.execute("DROP INDEX IF EXISTS employees_manager")


_EMPLOYEE_TABLE = """
    CREATE TABLE employees_new (
        employee_id TEXT NOT NULL,
        name TEXT NOT NULL,
        email TEXT,
        department TEXT,
        division TEXT,
        title TEXT,
        grade TEXT,
        manager_id TEXT,
        hire_date TEXT,
        birth_year INTEGER,
        location TEXT,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        last_import_id INTEGER
    )
"""
_EMPLOYEE_COLUMNS = (
    "employee_id, name, email, department, division, title, grade, manager_id, hire_date, "
    "birth_year, location, active, last_import_id"
)


@migrations(transactional=False)
def m003_employee_id_unique_index(db: Database) -> None:
    """The employee id is unique through a named index instead of the PRIMARY KEY clause: the
    same guarantee (and the same parent key for every reference), but an import into an
    empty roster can build the index once after the rows instead of growing it row by row.
    ``last_import_id`` loses its reference to ``imports``: import records are never deleted,
    and checking it cost every imported row a lookup (a twentieth of a 100k import).

    SQLite cannot alter a primary key, so the table is rebuilt the documented way: foreign
    keys off (outside any transaction), copy, drop, rename, check, all in one transaction."""
    conn = db.conn
    if conn.in_transaction:
        conn.commit()
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            conn.execute("DROP TABLE IF EXISTS employees_new")
            conn.execute(_EMPLOYEE_TABLE)
            conn.execute(
                f"INSERT INTO employees_new ({_EMPLOYEE_COLUMNS}) "
                f"SELECT {_EMPLOYEE_COLUMNS} FROM employees"
            )
            conn.execute("DROP TABLE employees")
            conn.execute("ALTER TABLE employees_new RENAME TO employees")
            conn.execute("CREATE UNIQUE INDEX employees_id ON employees(employee_id)")
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StorageError(f"the database has broken references: {broken[:3]}")
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


@migrations()
def m004_agreements_sessions_safety(db: Database) -> None:
    """The second half of the product (docs/architecture.md#storage): agreement templates,
    frozen versions and signatures, sessions and actions in full, closing pairs, the audit
    log and erasures; and the constraints that keep two processes from breaking the pairing
    rules (one active pair per mentee per cohort, no duplicate active pair, mentor capacity).

    Pairs that an earlier version let through twice (two processes at once) are ended, the
    later one, before the unique index is built, so that the upgrade never fails on them."""
    db.executescript(
        """
        ALTER TABLE pairs ADD COLUMN outcome TEXT
            CHECK (outcome IN ('completed', 'no-fault', 'left', 'mismatch', 'other',
                               'duplicate'));
        ALTER TABLE pairs ADD COLUMN outcome_note TEXT NOT NULL DEFAULT '';
        ALTER TABLE pairs ADD COLUMN private INTEGER NOT NULL DEFAULT 0
            CHECK (private IN (0, 1));

        UPDATE pairs SET status = 'ended', outcome = 'duplicate',
            ended_at = COALESCE(ended_at, created_at)
        WHERE status = 'active' AND EXISTS (
            SELECT 1 FROM pairs p2 WHERE p2.status = 'active' AND p2.cohort_id = pairs.cohort_id
              AND p2.mentee_id = pairs.mentee_id AND p2.id < pairs.id);
        CREATE UNIQUE INDEX pairs_one_active_per_mentee
            ON pairs(cohort_id, mentee_id) WHERE status = 'active';
        CREATE INDEX pairs_mentor ON pairs(cohort_id, mentor_id) WHERE status = 'active';

        CREATE TRIGGER pairs_mentor_capacity_insert BEFORE INSERT ON pairs
        WHEN NEW.status = 'active' AND (
            SELECT COUNT(*) FROM pairs WHERE cohort_id = NEW.cohort_id
              AND mentor_id = NEW.mentor_id AND status = 'active'
        ) >= (SELECT capacity FROM cohorts WHERE id = NEW.cohort_id)
        BEGIN SELECT RAISE(ABORT, 'mentor capacity reached'); END;
        CREATE TRIGGER pairs_mentor_capacity_update BEFORE UPDATE OF status ON pairs
        WHEN NEW.status = 'active' AND OLD.status != 'active' AND (
            SELECT COUNT(*) FROM pairs WHERE cohort_id = NEW.cohort_id
              AND mentor_id = NEW.mentor_id AND status = 'active'
        ) >= (SELECT capacity FROM cohorts WHERE id = NEW.cohort_id)
        BEGIN SELECT RAISE(ABORT, 'mentor capacity reached'); END;
        CREATE TRIGGER pairs_not_self BEFORE INSERT ON pairs
        WHEN NEW.mentor_id = NEW.mentee_id
        BEGIN SELECT RAISE(ABORT, 'a person cannot mentor themselves'); END;

        CREATE TABLE templates (
            cohort_id INTEGER PRIMARY KEY REFERENCES cohorts(id) ON DELETE CASCADE,
            body TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        ALTER TABLE agreements ADD COLUMN sha256 TEXT;
        ALTER TABLE agreements ADD COLUMN frozen_at TEXT;
        ALTER TABLE agreements ADD COLUMN updated_at TEXT;
        CREATE UNIQUE INDEX agreements_one_draft
            ON agreements(pair_id) WHERE sha256 IS NULL;
        ALTER TABLE signatures ADD COLUMN method TEXT NOT NULL DEFAULT 'typed'
            CHECK (method IN ('drawn', 'typed', 'paper'));
        CREATE UNIQUE INDEX signatures_one_per_role ON signatures(agreement_id, role);

        ALTER TABLE sessions ADD COLUMN place TEXT NOT NULL DEFAULT '';
        ALTER TABLE sessions ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT '';
        ALTER TABLE sessions ADD COLUMN topics TEXT NOT NULL DEFAULT '';
        ALTER TABLE sessions ADD COLUMN learnings TEXT NOT NULL DEFAULT '';
        ALTER TABLE sessions ADD COLUMN rescheduled_to INTEGER
            REFERENCES sessions(id) ON DELETE SET NULL;
        ALTER TABLE sessions ADD COLUMN updated_at TEXT;
        CREATE INDEX sessions_pair ON sessions(pair_id, starts_at);
        ALTER TABLE actions ADD COLUMN done_on TEXT;
        ALTER TABLE actions ADD COLUMN created_at TEXT;
        CREATE INDEX actions_pair ON actions(pair_id);

        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            summary TEXT NOT NULL
        );
        CREATE TABLE erasures (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            token TEXT NOT NULL UNIQUE
        );
        """
    )


KNOWN_MIGRATIONS = frozenset(m.name for m in migrations._migrations)
SCHEMA_VERSION = len(KNOWN_MIGRATIONS)
