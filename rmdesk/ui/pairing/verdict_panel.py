"""The board's verdict panel: what pairing the people under the cursor, or selected, would mean."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from rmdesk.models.conflicts import Conflict
from rmdesk.models.people import Employee
from rmdesk.models.wording import pair_title
from rmdesk.ui.common import severity

IDLE = (
    "<i>Drag a mentor onto a mentee, or select one of each, to see here whether they "
    "make a good pair.</i>"
)
LINES = 6  # the panel's fixed height, in lines of text: the lists around it never move


class VerdictPanel(QTextBrowser):
    """A read-only panel of fixed height; a long verdict scrolls inside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictPanel")
        self.setOpenLinks(False)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * LINES + 12)
        self.clear_verdict()

    def text(self) -> str:
        """What the panel says, as plain text."""
        return self.toPlainText()

    def clear_verdict(self) -> None:
        self.setHtml(IDLE)

    def show_match(
        self, mentor: Employee, mentee: Employee, conflicts: list[Conflict], heading: str = ""
    ) -> None:
        """The verdict of ``mentor`` with ``mentee``: the worst severity, then every conflict."""
        worst = max((c.severity for c in conflicts), default=None)
        colour = severity.colour(worst).name()
        items = "".join(
            f"<li><b>{severity.WORDS[c.severity]}</b>: {c.message}</li>"  # no rule code jargon
            for c in conflicts
        )
        head = (
            f"<span style='color:{colour}'>■</span> <b>{heading}{severity.WORDS[worst]}</b>: "
            + html.escape(pair_title(mentor.name, mentee.name))
        )
        self.setHtml(
            head
            + (
                f"<ul style='margin:0'>{items}</ul>"
                if items
                else "<br>No conflicts: a clean match."
            )
        )
