"""Make the README screenshots from the real window, offscreen: `make screenshots`."""

from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# fresh settings: the pictures must not depend on the view or geometry of an earlier run
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp()

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDragMoveEvent
from PySide6.QtWidgets import QApplication

from rmdesk.app import build_window
from rmdesk.paths import resource
from rmdesk.ui.start.sample import seed_sample_cohort

OUT = Path(__file__).resolve().parent.parent / "docs"


def main() -> None:
    OUT.mkdir(exist_ok=True)
    db = Path(tempfile.mkdtemp()) / "screens.db"
    window = build_window(db)
    app = QApplication.instance()
    assert app is not None
    window.resize(1280, 800)
    window.show()
    ws = window.workspace  # type: ignore[attr-defined]
    ws.roster.import_roster(resource("sample_roster.csv"))
    window.show_view("roster")  # type: ignore[attr-defined]
    app.processEvents()
    page = window.roster_page  # type: ignore[attr-defined]
    page.select_person("E1100")
    app.processEvents()
    window.grab().save(str(OUT / "roster.png"))

    cohort = seed_sample_cohort(ws, under_way=0)  # the board as a new cohort has it
    window._load_cohorts(select=cohort.id)  # type: ignore[attr-defined]
    window.show_view("pairing")  # type: ignore[attr-defined]
    board = window.pairing_board  # type: ignore[attr-defined]
    ws.cohorts.set_interests(cohort, "E1131", "culture, hybrid work, AI", "Tuesday mornings")
    ws.cohorts.set_interests(cohort, "E1046", "AI, hiring, culture", "")
    board.make_pair("E1114", "E1003")
    board.make_pair("E1139", "E1048")
    app.processEvents()
    # mid-drag: a Treasury junior hovering over the head of Treasury (same department, same line)
    mentor_row = board.mentors.row_of("E1131") or 0
    mime = board.mentors.mimeData([board.mentors.index(mentor_row)])
    target = board.mentees.row_of("E1046")
    if target is None:
        ws.cohorts.enrol(["E1046"], "mentee", cohort)
        app.processEvents()
        target = board.mentees.row_of("E1046") or 0
    view = board.mentee_view
    point = view.visualRect(board.mentees.index(target)).center()
    with warnings.catch_warnings():  # PySide flags the only QDragMoveEvent constructor
        warnings.simplefilter("ignore", DeprecationWarning)
        move = QDragMoveEvent(
            QPoint(point),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    board.mentee_view.dragMoveEvent(move)
    app.processEvents()
    window.grab().save(str(OUT / "pairing.png"))
    window.close()
    print(f"wrote {OUT / 'roster.png'} and {OUT / 'pairing.png'}")


if __name__ == "__main__":
    main()
