"""The sample cohort: the shipped roster's juniors as mentors, its senior leaders as mentees.

It lives in a database file of its own (``sample.db`` in the per-user data folder), never in
the officer's workspace: a real import over it would leave 198 fictional people as "left".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
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


def seed_sample_cohort(ws: Workspace, size: int = 24, under_way: int = 8) -> Cohort:
    """Create (or reuse) the sample cohort with up to ``size`` mentors and mentees.

    With ``under_way`` pairs, the cohort began three months ago and looks lived in: those
    pairs were made from the suggestions, all but two signed their ground rules, and their
    sessions so far were logged (mostly held; one pair has stalled), so the dashboard,
    the agreements and the sessions have something to show. The others wait to be paired
    on the board."""
    today = date.today()
    starts = today - timedelta(days=91) if under_way else today
    cohort = ws.cohorts.create_cohort(SAMPLE_NAME, starts, starts + timedelta(days=182), 1)
    people = sorted(
        (e for e in ws.roster.employees().values() if e.active), key=lambda e: e.employee_id
    )
    juniors = [e.employee_id for e in people if (grade_rank(e.grade) or 99) <= 3][:size]
    seniors = [e.employee_id for e in people if (grade_rank(e.grade) or 0) >= 8][:size]
    enrolled = {p.employee_id for p in ws.cohorts.participants(cohort)}
    ws.cohorts.enrol([e for e in juniors if e not in enrolled], "mentor", cohort)
    ws.cohorts.enrol([e for e in seniors if e not in enrolled], "mentee", cohort)
    if under_way and not ws.pairing.pair_list(cohort):
        _under_way(ws, cohort, under_way, starts)
    return cohort


#: what the sample's pairs talk about, a pair's topics being two of these
_TOPICS = (
    "How customers really use our app",
    "Hybrid work that works",
    "AI assistants in everyday work",
    "What new joiners notice first",
    "Social media and the brand",
    "Rules that slow the front line down",
)


def _under_way(ws: Workspace, cohort: Cohort, count: int, starts: date) -> None:
    """``count`` suggested pairs, their agreements and three months of sessions."""
    from rmdesk.models.sessions import HELD

    now = datetime.now().astimezone()
    with ws.batch():  # one transaction: the window hears of it once
        made = ws.pairing.accept(ws.pairing.suggest(cohort).proposals[:count], cohort)
        for n, view in enumerate(made):
            pid = view.pair.id
            if n != count - 1:  # all but the last pair agreed their ground rules
                body = replace(
                    ws.agreements.prefill(pid),
                    topics=(_TOPICS[n % len(_TOPICS)], _TOPICS[(n + 2) % len(_TOPICS)]),
                    meeting_place="The café on the ground floor",
                    frequency="fortnightly",
                    sessions=12,
                    first_session=starts + timedelta(days=7),
                )
                ws.agreements.save_draft(pid, body)
                names = ws.roster.some([view.pair.mentor_id, view.pair.mentee_id])
                mentor, mentee = names[view.pair.mentor_id].name, names[view.pair.mentee_id].name
                ws.agreements.sign(pid, "mentor", mentor, on=starts, method="paper")
                if n != count - 2:  # and one still waits for the mentee's signature
                    ws.agreements.sign(pid, "mentee", mentee, on=starts, method="paper")
            ws.sessions.plan(pid, now=datetime.combine(starts, time(9)).astimezone())
            for k, session in enumerate(ws.sessions.sessions(pid)):
                if session.starts_at >= now:
                    break
                if n == 5 and k >= 2:  # one pair has stalled: the mentee keeps cancelling
                    ws.sessions.log(session.id, status="cancelled", cancelled_by="mentee")
                elif n in (1, 3) and k == 2:  # life happens: one cancelled, then back on track
                    ws.sessions.log(session.id, status="cancelled", cancelled_by="mentor")
                else:
                    ws.sessions.log(session.id, status=HELD)
