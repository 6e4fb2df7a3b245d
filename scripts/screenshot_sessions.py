"""The README's picture of the sessions view, from the real view on a sample programme.

Builds a workspace from the shipped sample roster, a cohort that began four months ago, pairs
proposed by the matcher, and four months of logged sessions (one senior who keeps cancelling,
one pair gone quiet), then saves ``docs/sessions.png`` (1280x800). Offscreen:

    .venv/bin/python scripts/screenshot_sessions.py [OUT.png] [WIDTHxHEIGHT]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp()

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from rmdesk.models.sessions import DefaultRhythm
from rmdesk.paths import resource
from rmdesk.ui.common.signals import WorkspaceSignals
from rmdesk.ui.sessions.view import SessionsView
from rmdesk.workspace import Workspace
from rmdesk.workspace.sessions import local_zone

DOCS = Path(__file__).resolve().parent.parent / "docs"


def sample_programme(path: Path, today: date) -> Workspace:
    """The sample roster, 14 pairs and four months of sessions with a story in them."""
    ws = Workspace.open(path)
    ws.roster.import_roster(resource("sample_roster.csv"))
    starts = today - timedelta(days=120)
    cohort = ws.cohorts.create_cohort("Spring programme", starts, starts + timedelta(days=182))
    people = sorted(ws.roster.employees().values(), key=lambda e: e.employee_id)
    juniors = [e.employee_id for e in people if e.grade and e.grade.isdigit() and int(e.grade) <= 3]
    seniors = [e.employee_id for e in people if e.grade and e.grade.isdigit() and int(e.grade) >= 8]
    ws.cohorts.enrol(juniors[:14], "mentor", cohort)
    ws.cohorts.enrol(seniors[:14], "mentee", cohort)
    ws.pairing.accept(ws.pairing.suggest(cohort).proposals, cohort)
    ws.sessions.set_default_rhythm(DefaultRhythm(count=12, frequency="fortnightly", length_min=60))
    rng = random.Random(7)
    now = datetime.combine(starts, datetime.min.time(), tzinfo=local_zone())
    pairs = [v.pair.id for v in ws.pairing.pairs(cohort)]
    for n, pid in enumerate(pairs):
        if n not in (4, 9):  # two pairs never signed their agreement
            body = replace(ws.agreements.prefill(pid), frequency="fortnightly", sessions=12,
                           length_min=60, first_session=starts + timedelta(days=n % 4),
                           topics=("Social media", "Hybrid work"),
                           meeting_place="Café on the ground floor")  # fmt: skip
            ws.agreements.save_draft(pid, body)
            for role in ("mentor", "mentee"):
                ws.agreements.sign(pid, role, "Signed", on=starts - timedelta(days=3))
        ws.sessions.plan(pid, now=now - timedelta(days=1))
        for s in ws.sessions.sessions(pid):
            if s.starts_at.date() >= today:
                break
            if n == 1:  # the classic failure: the senior keeps cancelling
                by = "mentee" if s.starts_at.date() > starts + timedelta(days=30) else None
                if by:
                    ws.sessions.log(s.id, status="cancelled", cancelled_by="mentee",
                                    reason="Board meeting ran over")  # fmt: skip
                else:
                    ws.sessions.log(s.id, status="held", topics="Social media")
            elif n == 4 and s.starts_at.date() > starts + timedelta(days=45):
                ws.sessions.log(s.id, status="no-show")
            else:
                roll = rng.random()
                if roll < 0.8:
                    ws.sessions.log(s.id, status="held", topics="Hybrid work",
                                    learnings="Try the customer app for a week",
                                    role_reversal=rng.random() < 0.08)  # fmt: skip
                elif roll < 0.9:
                    ws.sessions.log(s.id, status="cancelled", cancelled_by="mentor",
                                    reason="Exams")  # fmt: skip
                else:
                    ws.sessions.log(s.id, status="cancelled", cancelled_by="mentee",
                                    reason="Travel")  # fmt: skip
        if n % 3 == 0 or n == 1:
            ws.sessions.add_action(
                pid, "Shadow a support shift", "mentee", today - timedelta(days=9)
            )
    first = ws.sessions.sessions(pairs[2])
    held = [s for s in first if s.status == "held"]
    if held:
        ws.sessions.log(held[-1].id, status="held", confidential_note="Worried about a reorg")
    return ws


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS / "sessions.png"
    width, height = (int(x) for x in (sys.argv[2] if len(sys.argv) > 2 else "1280x800").split("x"))
    app = QApplication.instance() or QApplication([])
    ws = sample_programme(Path(tempfile.mkdtemp()) / "sessions.db", date.today())
    signals = WorkspaceSignals(ws)
    view = SessionsView(ws, QUndoStack(), signals)
    view.resize(width, height)
    view.set_cohort(ws.cohorts.cohort())
    view.show()
    view.table.selectRow(0)
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    view.grab().save(str(out))
    print(f"wrote {out} ({width}x{height})")
    signals.detach()
    ws.close()


if __name__ == "__main__":
    main()
