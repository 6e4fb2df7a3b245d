"""Painting the timeline column: each session's glyph at its date on a shared time axis, a
line for today, and the months named in the column's header."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QWidget,
)

from rmdesk.models.sessions import Session
from rmdesk.ui.sessions.glyphs import paint_glyph
from rmdesk.ui.sessions.model import COL_TIMELINE, SESSIONS_ROLE, TimelineModel

AnyIndex = QModelIndex | QPersistentModelIndex
MARGIN = 14  # pixels kept free at both ends so the first and last glyphs are whole


def _months(first: date, last: date) -> list[date]:
    """The first day of every month from ``first``'s month to ``last``."""
    out, day = [], first.replace(day=1)
    while day <= last:
        out.append(day)
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return out


class TimeAxis:
    """Maps days to x positions inside a rectangle, for the rows and the header alike."""

    def __init__(self, model: TimelineModel) -> None:
        self.model = model

    def x(self, day: date, rect: QRect) -> float:
        first, last = self.model.days_shown
        days = max(1, (last - first).days)
        width = max(1, rect.width() - 2 * MARGIN)
        return rect.left() + MARGIN + width * (day - first).days / days


class TimelineDelegate(QStyledItemDelegate):
    """Draws a pair's sessions along the axis; the item's text (its summary) is not drawn."""

    def __init__(self, axis: TimeAxis, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.axis = axis

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect: QRect = opt.rect
        sessions: list[Session] = index.data(SESSIONS_ROLE) or []
        palette = opt.palette
        painter.save()
        mid = rect.center().y() + 1
        grid = QColor(palette.color(QPalette.ColorRole.Mid))
        grid.setAlpha(90)
        painter.setPen(QPen(grid, 1))
        painter.drawLine(rect.left() + MARGIN, mid, rect.right() - MARGIN, mid)
        first, last = self.axis.model.days_shown
        for month in _months(first, last):
            if month >= first:
                x = int(self.axis.x(month, rect))
                painter.drawLine(x, rect.top() + 3, x, rect.bottom() - 3)
        today = self.axis.model.today
        if first <= today <= last:
            x = int(self.axis.x(today, rect))
            painter.setPen(
                QPen(palette.color(QPalette.ColorRole.Highlight), 1.5, Qt.PenStyle.DashLine)
            )
            painter.drawLine(x, rect.top(), x, rect.bottom())
        xs = [self.axis.x(s.starts_at.date(), rect) for s in sessions]
        # one glyph size down the whole column, set by how wide a week is: weekly sessions
        # stay apart, and a monthly pair's glyphs are not twice the size of a weekly pair's
        week = self.axis.x(first + timedelta(days=7), rect) - self.axis.x(first, rect)
        radius = max(3.0, min(7.0, rect.height() / 3.2, week / 2.3))
        for s, at in zip(sessions, xs, strict=True):
            paint_glyph(painter, QPointF(at, mid), radius, s, palette)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        return QSize(480, 26)


class TimelineHeader(QHeaderView):
    """The horizontal header; over the timeline column it names the months at their places."""

    def __init__(self, axis: TimeAxis, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.axis = axis
        self.setSectionsClickable(True)
        self.setHighlightSections(False)

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:
        if logical_index != COL_TIMELINE:
            super().paintSection(painter, rect, logical_index)
            return
        opt = QStyleOptionHeader()
        self.initStyleOption(opt)
        opt.rect = rect
        opt.section = logical_index
        opt.text = ""
        self.style().drawControl(QStyle.ControlElement.CE_Header, opt, painter, self)
        first, last = self.axis.model.days_shown
        painter.save()
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        months = [m for m in _months(first, last) if m >= first]
        fmt = "%b" if len(months) <= 14 else "%m"
        metrics = self.fontMetrics()
        if not months or months[0] != first:
            months.insert(0, first)
        free_from = rect.left()  # a label is drawn whole or not at all: never over another
        for n, month in enumerate(months):
            x = int(self.axis.x(month, rect)) + 3
            end = int(self.axis.x(months[n + 1], rect)) if n + 1 < len(months) else rect.right()
            text = month.strftime(fmt)
            if (n == 0 or month.month == 1) and metrics.horizontalAdvance(
                f"{text} {month:%Y}"
            ) < end - x:
                text = f"{text} {month:%Y}"
            width = metrics.horizontalAdvance(text)
            if x < free_from or x + width > rect.right() - 2:
                continue  # too narrow here: the next month that fits is named instead
            if month.day != 1 and x + width > end:
                continue  # the days left of a month the axis starts in: its name would sit
                # over the next month, and that month's sessions would look like this one's
            box = QRect(x, rect.top(), width + 1, rect.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
            free_from = x + width + metrics.horizontalAdvance(" ")
        painter.restore()
