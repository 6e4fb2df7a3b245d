"""The two badges under a pair card: its commitment health and where its agreement stands.

Each badge is an icon, words and a severity-coloured outline (never colour alone), in the
sessions view's words for health and the agreements view's words for the agreement. Badges
flow left to right and wrap onto a new line when the card is narrow, so none is ever cut.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QPainter, QPalette, QPen

from rmdesk.models.agreements import AgreementState
from rmdesk.models.health import Health
from rmdesk.ui.agreements.pair_list import STATE_SEVERITY, state_text
from rmdesk.ui.common import severity
from rmdesk.ui.common.health_badges import HEALTH_COLOURS, HEALTH_WORDS, health_icon

BADGES_ROLE = Qt.ItemDataRole.UserRole + 3  # list[Badge] under the card's text

ICON = 16  # icon side, pixels
PAD = 4  # inside a badge's outline, left and right
VPAD = 2  # inside a badge's outline, top and bottom
GAP = 4  # between a badge's icon and its words
SPACE = 8  # between two badges on a line
LEAD = 4  # between the card's text and the first line of badges, and between badge lines

_ROLE_WORDS = {"mentor": "the mentor", "mentee": "the mentee", "officer": "you (the officer)"}


@dataclass(frozen=True)
class Badge:
    """One badge: what it says, its icon and outline colour, and the longer story for a tip."""

    text: str
    icon: QIcon
    colour: QColor
    detail: str


def health_badge(health: Health) -> Badge:
    words = HEALTH_WORDS[health.status]
    reasons = "; ".join(health.reasons) if health.reasons else "no warning signs"
    return Badge(
        words, health_icon(health.status), HEALTH_COLOURS[health.status], f"{words}: {reasons}"
    )


def agreement_badge(state: AgreementState) -> Badge:
    sev = STATE_SEVERITY.get(state.kind)  # None: signed, the clean tick
    detail = f"Agreement: {state_text(state)}"
    if state.version is not None:
        detail += f" (version {state.version})"
    if state.waiting_for:
        who = ", ".join(_ROLE_WORDS.get(r, r) for r in state.waiting_for)
        detail += f"; still to sign: {who}"
    words = f"Agreement: {state_text(state)}"
    return Badge(words, severity.icon(sev), severity.colour(sev), detail)


def badges_for(health: Health | None, state: AgreementState | None) -> list[Badge]:
    """The card's badges, health first; a pair with neither known shows none."""
    out = [health_badge(health)] if health is not None else []
    if state is not None:
        out.append(agreement_badge(state))
    return out


def badges_line(badges: list[Badge]) -> str:
    """The badges as one line of text, for screen readers and tests."""
    return " · ".join(b.text for b in badges)


# -- layout and painting -------------------------------------------------------------------------
def _place(badges: list[Badge], width: int, fm: QFontMetrics) -> list[tuple[Badge, QRect, QRect]]:
    """(badge, outline, words) rectangles relative to the strip's top left, wrapped at
    ``width``; words too long for a whole line wrap inside their own badge."""
    placed: list[tuple[Badge, QRect, QRect]] = []
    x = y = line_h = 0
    flags = int(Qt.TextFlag.TextWordWrap)
    for b in badges:
        natural = fm.horizontalAdvance(b.text) + 1
        need = PAD + ICON + GAP + natural + PAD
        if x > 0 and x + need > width:
            x, y, line_h = 0, y + line_h + LEAD, 0
        room = max(width - x - PAD - ICON - GAP - PAD, 24)
        words = fm.boundingRect(QRect(0, 0, min(natural, room), 10000), flags, b.text)
        text_w, text_h = min(natural, room), max(words.height(), fm.height())
        h = max(ICON, text_h) + 2 * VPAD
        outline = QRect(x, y, PAD + ICON + GAP + text_w + PAD, h)
        text = QRect(x + PAD + ICON + GAP, y + VPAD, text_w, text_h)
        placed.append((b, outline, text))
        x += outline.width() + SPACE
        line_h = max(line_h, h)
    return placed


def strip_height(badges: list[Badge], width: int, fm: QFontMetrics) -> int:
    """How tall the badges are at ``width``, with the lead above them; 0 without badges."""
    placed = _place(badges, width, fm)
    return LEAD + max(r.bottom() + 1 for _, r, _ in placed) if placed else 0


def paint_badges(
    painter: QPainter, left: int, bottom: int, width: int, badges: list[Badge],
    palette: QPalette, selected: bool,
) -> None:  # fmt: skip
    """Draw the badges in a strip that ends at ``bottom``, starting at ``left``."""
    fm = painter.fontMetrics()
    placed = _place(badges, width, fm)
    if not placed:
        return
    top = bottom - max(r.bottom() + 1 for _, r, _ in placed)
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for badge, outline, words in placed:
        box = QRectF(outline.translated(left, top)).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(badge.colour, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box, 6, 6)
        icon_y = top + outline.top() + (outline.height() - ICON) // 2
        badge.icon.paint(painter, QRect(left + outline.left() + PAD, icon_y, ICON, ICON))
        painter.setPen(palette.color(role))
        painter.drawText(
            words.translated(left, top),
            int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignVCenter),
            badge.text,
        )
    painter.restore()
