"""The README's pictures of the dashboard and of an outcomes report page, from the real view and
the real PDF, on a sample programme built from the shipped roster. Offscreen:

    .venv/bin/python scripts/screenshot_dashboard.py [OUT_DIR] [WIDTHxHEIGHT]

Saves ``dashboard.png`` (1280x800 by default) and ``report.png`` (the report's summary and
charts pages side by side, rendered by ``pdftoppm`` at 60 dpi).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp()

from PySide6.QtGui import QImage, QPainter, QUndoStack
from PySide6.QtWidgets import QApplication

from rmdesk.models.sessions import DefaultRhythm
from rmdesk.paths import resource
from rmdesk.ui.common.signals import WorkspaceSignals
from rmdesk.ui.dashboard import DashboardView
from rmdesk.workspace import Workspace
from rmdesk.workspace.sessions import local_zone

DOCS = Path(__file__).resolve().parent.parent / "docs"


def sample_programme(path: Path, today: date) -> Workspace:
    """The sample roster, 16 pairs, signed agreements and four months of sessions."""
    ws = Workspace.open(path)
    ws.roster.import_roster(resource("sample_roster.csv"))
    ws.store.set_setting("officer_name", "Rania Haddad")
    ws.store.set_setting("organisation", "Northwind")
    starts = today - timedelta(days=120)
    cohort = ws.cohorts.create_cohort("Spring programme", starts, starts + timedelta(days=182))
    people = sorted(ws.roster.employees().values(), key=lambda e: e.employee_id)
    juniors = [e.employee_id for e in people if e.grade and e.grade.isdigit() and int(e.grade) <= 3]
    seniors = [e.employee_id for e in people if e.grade and e.grade.isdigit() and int(e.grade) >= 8]
    ws.cohorts.enrol(juniors[:18], "mentor", cohort)
    ws.cohorts.enrol(seniors[:18], "mentee", cohort)
    ws.pairing.accept(ws.pairing.suggest(cohort).proposals[:16], cohort)
    ws.sessions.set_default_rhythm(DefaultRhythm(count=12, frequency="fortnightly", length_min=60))
    rng = random.Random(13)
    now = datetime.combine(starts, datetime.min.time(), tzinfo=local_zone())
    pairs = [v.pair.id for v in ws.pairing.pairs(cohort)]
    for n, pid in enumerate(pairs):
        if n % 5 != 4:
            body = replace(
                ws.agreements.prefill(pid),
                frequency="fortnightly",
                sessions=12,
                first_session=starts,
                topics=("Social media", "Hybrid work"),
                meeting_place="Café on the ground floor",
            )
            ws.agreements.save_draft(pid, body)
            for role in ("mentor", "mentee"):
                if n % 7 != 3 or role == "mentor":
                    ws.agreements.sign(pid, role, "Signed", on=starts - timedelta(days=3))
        ws.sessions.plan(pid, now=now - timedelta(days=1))
        for s in ws.sessions.sessions(pid):
            if s.starts_at.date() >= today:
                break
            roll = rng.random()
            if n == 1 and s.starts_at.date() > starts + timedelta(days=30):
                ws.sessions.log(s.id, status="cancelled", cancelled_by="mentee")
            elif roll < 0.75:
                learning = "Try the customer app for a week" if rng.random() < 0.3 else None
                ws.sessions.log(s.id, status="held", learnings=learning,
                                confidential_note="Not for the report")  # fmt: skip
            elif roll < 0.87:
                side = "mentee" if rng.random() < 0.7 else "mentor"
                ws.sessions.log(s.id, status="cancelled", cancelled_by=side)
            else:
                ws.sessions.log(s.id, status="no-show")
        for k in range(n % 3):
            a = ws.sessions.add_action(pid, f"Shadow a customer call ({k + 1})", "mentee",
                                       starts + timedelta(days=30 * (k + 1)))  # fmt: skip
            if rng.random() < 0.5:
                ws.sessions.set_action_done(a.id, starts + timedelta(days=25 * (k + 1)))
    ws.reports.set_private(pairs[2], True)
    return ws


def side_by_side(pngs: list[Path], out: Path) -> None:
    images = [QImage(str(p)) for p in pngs]
    gap = 16
    width = sum(i.width() for i in images) + gap * (len(images) + 1)
    height = max(i.height() for i in images) + 2 * gap
    canvas = QImage(width, height, QImage.Format.Format_RGB32)
    canvas.fill(0xD1D5DB)
    painter = QPainter(canvas)
    x = gap
    for image in images:
        painter.drawImage(x, gap, image)
        x += image.width() + gap
    painter.end()
    canvas.save(str(out))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS
    size = sys.argv[2] if len(sys.argv) > 2 else "1280x800"
    w, h = (int(x) for x in size.split("x"))
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    tmp = Path(tempfile.mkdtemp())
    ws = sample_programme(tmp / "sample.db", date.today())
    view = DashboardView(ws, QUndoStack(), WorkspaceSignals(ws))
    view.set_cohort(ws.cohorts.cohort())
    view.resize(w, h)
    view.show()
    app.processEvents()
    view.grab().save(str(out / "dashboard.png"))

    pdf = tmp / "report.pdf"
    assert ws.reports.report_pdf(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "2", "-l", "3", str(pdf), str(tmp / "page")],
        check=True,
    )
    side_by_side(sorted(tmp.glob("page-*.png")), out / "report.png")
    ws.close()
    print(f"wrote {out / 'dashboard.png'} and {out / 'report.png'}")


if __name__ == "__main__":
    main()
