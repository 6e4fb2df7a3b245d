"""The sample cohort: the shipped roster's juniors as mentors, its senior leaders as mentees."""

from __future__ import annotations

from datetime import date

from rmdesk.models.cohorts import Cohort
from rmdesk.models.people import grade_rank
from rmdesk.workspace import Workspace

SAMPLE_NAME = "Sample cohort"


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
