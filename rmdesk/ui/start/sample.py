"""The sample cohort: the shipped roster's juniors as mentors, its senior leaders as mentees.

It lives in a database file of its own (``sample.db`` in the per-user data folder), never in
the officer's workspace: a real import over it would leave 198 fictional people as "left".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from platformdirs import user_data_dir

from rmdesk.models.cohorts import Cohort
from rmdesk.models.people import grade_rank
from rmdesk.workspace import Workspace

SAMPLE_NAME = "Sample cohort"
SAMPLE_FILE = "sample.db"


def sample_db_path() -> Path:
    """Where the sample lives: beside the default database, in the per-user data folder."""
    return Path(user_data_dir("rmdesk", appauthor=False)) / SAMPLE_FILE


def is_sample(path: Path | None) -> bool:
    return path is not None and path.resolve() == sample_db_path().resolve()


def fresh_sample_file() -> Path:
    """An empty sample database file (any earlier sample, with its edits, is removed)."""
    path = sample_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def seed_sample_cohort(ws: Workspace, size: int = 24) -> Cohort:
    """Create (or reuse) the sample cohort with up to ``size`` mentors and mentees."""
    today = date.today()
    cohort = ws.cohorts.create_cohort(SAMPLE_NAME, today, date(today.year + 1, today.month, 1), 1)
    people = sorted(
        (e for e in ws.roster.employees().values() if e.active), key=lambda e: e.employee_id
    )
    juniors = [e.employee_id for e in people if (grade_rank(e.grade) or 99) <= 3][:size]
    seniors = [e.employee_id for e in people if (grade_rank(e.grade) or 0) >= 8][:size]
    enrolled = {p.employee_id for p in ws.cohorts.participants(cohort)}
    ws.cohorts.enrol([e for e in juniors if e not in enrolled], "mentor", cohort)
    ws.cohorts.enrol([e for e in seniors if e not in enrolled], "mentee", cohort)
    return cohort
