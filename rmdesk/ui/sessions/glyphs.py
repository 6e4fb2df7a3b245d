"""How a session looks on the timeline: a shape, a letter and a colour for each outcome, so
planned, held, cancelled (and by whom) and missed sessions differ without relying on colour.

Hollow circle: planned. Filled circle: held. Cross with a letter: cancelled, "S" by the senior
(the mentee), "J" by the junior (the mentor). Filled triangle: no-show. A small "R" ring marks
a held session where the senior gave advice (role reversal).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from rmdesk.models.sessions import CANCELLED, HELD, NO_SHOW, PLANNED, Session
from rmdesk.ui.common.health_badges import HEALTH_COLOURS, HEALTH_WORDS

#: Severity colours (the only hard-coded ones), chosen to read on light and dark palettes; the
#: health words and colours live in ui.common.health_badges, shared with the pair cards.
HELD_COLOUR = QColor("#1e8e3e")
SENIOR_CANCEL_COLOUR = QColor("#d93025")
JUNIOR_CANCEL_COLOUR = QColor("#e8a000")
NO_SHOW_COLOUR = QColor("#d93025")


def letter(session: Session) -> str:
    """The letter beside a cancellation: S (senior, the mentee), J (junior, the mentor)."""
    if session.status != CANCELLED:
        return ""
    return {"mentee": "S", "mentor": "J"}.get(session.cancelled_by or "", "?")


def describe(session: Session) -> str:
    """The words for a session's outcome ('cancelled by the mentee (senior)', 'held')."""
    if session.status == CANCELLED:
        who = {"mentee": "mentee (senior)", "mentor": "mentor (junior)"}
        text = f"cancelled by {who.get(session.cancelled_by or '', 'someone')}"
        return text + (", moved" if session.rescheduled_to is not None else "")
    if session.status == HELD and session.role_reversal:
        return "held, role reversal"
    return {PLANNED: "planned", HELD: "held", NO_SHOW: "no-show"}[session.status]


def summary(sessions: list[Session]) -> str:
    """A row's timeline in words: '3 held, 1 cancelled by senior, 2 planned'."""
    held = sum(s.status == HELD for s in sessions)
    by_senior = sum(s.status == CANCELLED and s.cancelled_by == "mentee" for s in sessions)
    other_cancel = sum(s.status == CANCELLED for s in sessions) - by_senior
    missed = sum(s.status == NO_SHOW for s in sessions)
    planned = sum(s.status == PLANNED for s in sessions)
    parts = [
        f"{held} held" if held else "",
        f"{by_senior} cancelled by senior" if by_senior else "",
        f"{other_cancel} cancelled by junior" if other_cancel else "",
        f"{missed} no-show" if missed else "",
        f"{planned} planned" if planned else "",
    ]
    return ", ".join(p for p in parts if p) or "no sessions"


def paint_glyph(
    painter: QPainter, centre: QPointF, radius: float, session: Session, palette: QPalette
) -> None:
    """Draw one session's glyph centred on ``centre``."""
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    r = radius
    box = QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if session.status == PLANNED:
        painter.setPen(QPen(text, 1.6))
        painter.setBrush(QBrush(base))
        painter.drawEllipse(box)
    elif session.status == HELD:
        painter.setPen(QPen(HELD_COLOUR.darker(130), 1.2))
        painter.setBrush(QBrush(HELD_COLOUR))
        painter.drawEllipse(box)
        if session.role_reversal:  # an outer ring: the senior advised instead of listening
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(SENIOR_CANCEL_COLOUR, 1.6))
            painter.drawEllipse(box.adjusted(-3, -3, 3, 3))
    elif session.status == CANCELLED:
        colour = SENIOR_CANCEL_COLOUR if session.cancelled_by == "mentee" else JUNIOR_CANCEL_COLOUR
        pen = QPen(colour, 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        if session.rescheduled_to is not None:
            pen.setStyle(Qt.PenStyle.DotLine)
        painter.setPen(pen)
        k = r * 0.85
        x, y = centre.x(), centre.y()
        painter.drawLine(QPointF(x - k, y - k), QPointF(x + k, y + k))
        painter.drawLine(QPointF(x - k, y + k), QPointF(x + k, y - k))
        font = QFont(painter.font())
        font.setPixelSize(max(8, int(r * 1.3)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(text)
        painter.drawText(
            QRectF(centre.x() + r * 0.9, centre.y() - r * 1.6, r * 2, r * 1.6),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            letter(session),
        )
    else:  # no-show: a filled triangle pointing down
        path = QPainterPath()
        path.moveTo(centre.x() - r, centre.y() - r * 0.8)
        path.lineTo(centre.x() + r, centre.y() - r * 0.8)
        path.lineTo(centre.x(), centre.y() + r)
        path.closeSubpath()
        painter.setPen(QPen(NO_SHOW_COLOUR.darker(130), 1.2))
        painter.setBrush(QBrush(NO_SHOW_COLOUR))
        painter.drawPath(path)
    painter.restore()


class GlyphIcon(QWidget):
    """One glyph as a small widget, for the legend."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setFixedSize(QSize(26, 20))

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        paint_glyph(painter, QPointF(10, 11), 5.5, self.session, self.palette())
        painter.end()


def _sample(**kw: object) -> Session:
    return Session(0, 0, datetime(2000, 1, 1), **kw)  # type: ignore[arg-type]


_LEGEND = (
    ("Planned", _sample(status=PLANNED)),
    ("Held", _sample(status=HELD)),
    ("Held, role reversal", _sample(status=HELD, role_reversal=True)),
    ("Cancelled by mentee (senior)", _sample(status=CANCELLED, cancelled_by="mentee")),
    ("Cancelled by mentor (junior)", _sample(status=CANCELLED, cancelled_by="mentor")),
    ("No-show", _sample(status=NO_SHOW)),
)


class Legend(QWidget):
    """The key to the timeline's glyphs, in shape and words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionsLegend")
        grid = QGridLayout(self)  # three keys a row: it fits a 1024-pixel screen
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        for n, (words, sample) in enumerate(_LEGEND):
            row, column = divmod(n, 3)
            grid.addWidget(GlyphIcon(sample, self), row, 2 * column)
            grid.addWidget(QLabel(words, self), row, 2 * column + 1)
        grid.setColumnStretch(6, 1)


__all__ = [
    "HEALTH_COLOURS",
    "HEALTH_WORDS",
    "Legend",
    "describe",
    "letter",
    "paint_glyph",
    "summary",
]
