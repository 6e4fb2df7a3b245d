"""Make a signed sample agreement from the sample roster, and the README pictures of it.

Writes ``docs/agreement.pdf``'s page 1 as ``docs/agreement.png`` (rendered from the real PDF
with ``pdftoppm -r 70``) and the Agreements page as ``docs/agreement_editor.png``. The PDF itself
goes to a temporary folder unless ``--pdf OUT`` is given. Run: ``python
scripts/render_sample_agreement.py``.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from PIL import Image, ImageDraw

from rmdesk.paths import resource
from rmdesk.workspace import Workspace

DOCS = Path(__file__).resolve().parent.parent / "docs"
MENTOR, MENTEE = "E1049", "E1012"  # 张秀英 (HR adviser) mentors Péter Varga (CFO)


def drawn_signature() -> bytes:
    """A handwritten-looking stroke, as the signature pad would store it (PNG, transparent)."""
    image = Image.new("RGBA", (520, 140), (255, 255, 255, 0))
    pen = ImageDraw.Draw(image)
    points = [(12, 100), (40, 30), (62, 110), (95, 40), (120, 95), (150, 60), (175, 88),
              (210, 35), (230, 105), (270, 70), (320, 80), (380, 55), (500, 62)]  # fmt: skip
    pen.line(points, fill=(20, 30, 110, 255), width=5, joint="curve")
    pen.line([(60, 120), (300, 112)], fill=(20, 30, 110, 255), width=3)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def sample_workspace(folder: Path) -> tuple[Workspace, int]:
    """A workspace with the sample roster and one pair whose agreement both have signed."""
    ws = Workspace.open(folder / "sample.db")
    ws.roster.import_roster(resource("sample_roster.csv"))
    cohort = ws.cohorts.create_cohort("Spring 2026", date(2026, 3, 2), date(2026, 8, 31))
    others = [("E1015", "E1053"), ("E1037", "E1005"), ("E1043", "E1026")]
    pair_id = ws.pairing.pair(MENTOR, MENTEE, cohort, "sample").pair.id
    for mentor, mentee in others:
        ws.pairing.pair(mentor, mentee, cohort, "sample")
    ws.store.set_setting("programme_name", "Northwind Reverse Mentoring 2026")
    body = replace(
        ws.agreements.agreement(pair_id).body,
        topics=(
            "How new hires experience our onboarding and HR policies",
            "Which cost rules get in the way of serving customers",
            "Using AI assistants for everyday finance work",
        ),
        meeting_place="Café on the ground floor of the Riverside building",
        format="mixed",
        first_session=date(2026, 3, 9),
    )
    ws.agreements.save_draft(pair_id, body)
    ws.agreements.sign(pair_id, "mentor", "张秀英", date(2026, 3, 2), "drawn", drawn_signature())
    ws.agreements.sign(pair_id, "mentee", "Péter Varga", date(2026, 3, 3), "typed")
    return ws, pair_id


def grab_editor(ws: Workspace, pair_id: int, out: Path) -> None:
    """The Agreements page on the sample cohort, offscreen, at 1280×800."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QFontDatabase, QUndoStack
    from PySide6.QtWidgets import QApplication

    from rmdesk.ui.agreements.view import AgreementsView
    from rmdesk.ui.common.signals import WorkspaceSignals

    app = QApplication.instance() or QApplication([])
    for name in ("RmdeskSans-Regular.ttf", "DroidSansFallbackFull.ttf", "NanumGothic.ttf"):
        QFontDatabase.addApplicationFont(str(resource(f"fonts/{name}")))
    signals = WorkspaceSignals(ws)
    view = AgreementsView(ws, QUndoStack(), signals)
    view.set_cohort(ws.cohorts.cohort())
    view.list.select(pair_id)
    view.resize(1280, 800)
    view.show()
    app.processEvents()
    view.grab().save(str(out))
    signals.detach()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pdf", type=Path, help="keep the signed sample PDF here")
    parser.add_argument("--no-editor", action="store_true", help="skip the editor picture")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="rmdesk-sample-"))
    try:
        ws, pair_id = sample_workspace(folder)
        pdf = ws.agreements.export_pdf(pair_id, args.pdf or folder / "agreement.pdf")
        assert ws.agreements.verify(pdf).matches
        DOCS.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(DOCS / "agreement")], check=True)  # fmt: skip
        print(f"Wrote {DOCS / 'agreement.png'} from {pdf}")
        if not args.no_editor:
            grab_editor(ws, pair_id, DOCS / "agreement_editor.png")
            print(f"Wrote {DOCS / 'agreement_editor.png'}")
        ws.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
