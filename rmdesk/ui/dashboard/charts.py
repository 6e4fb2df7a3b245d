"""The dashboard's figures drawn with QPainter: tiles, bar lists and a month chart.

Colours come from the palette (so light and dark both read), series differ by fill pattern and
outline and are always labelled; severity colours appear only beside their words. Every part
is clickable and keyboard-activatable and emits ``activated(pair_ids, title)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

#: Fill patterns that tell the bars of one chart apart without colour.
PATTERNS = (
    Qt.BrushStyle.SolidPattern,
    Qt.BrushStyle.BDiagPattern,
    Qt.BrushStyle.Dense4Pattern,
    Qt.BrushStyle.CrossPattern,
    Qt.BrushStyle.FDiagPattern,
    Qt.BrushStyle.HorPattern,
)
PAD = 10


@dataclass(frozen=True, slots=True)
class Bar:
    """One clickable bar: its words, its number, the pairs behind it and how it is drawn."""

    label: str
    value: int
    pair_ids: tuple[int, ...]
    title: str  # what the filtered list is called
    pattern: Qt.BrushStyle = Qt.BrushStyle.SolidPattern
    colour: QColor | None = None  # a severity colour (always beside its label); else palette


class _Clickable(QWidget):
    """Parts that can be hovered, clicked and chosen with the arrow keys and Enter or Space."""

    activated = Signal(list, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._current = 0
        self._hover = -1

    # subclasses define these
    def part_count(self) -> int:
        return 1

    def part_rect(self, index: int) -> QRect:
        return self.rect()

    #: the pairs behind part ``index`` and a title for their list; every chart defines it
    part_target: Callable[[int], tuple[list[int], str]]

    def activate(self, index: int) -> None:
        """Emit the pairs behind part ``index`` (what a click or Enter does)."""
        if 0 <= index < self.part_count():
            self.activated.emit(*self.part_target(index))

    def _part_at(self, pos: QPoint) -> int:
        return next((i for i in range(self.part_count()) if self.part_rect(i).contains(pos)), -1)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hover = self._part_at(event.position().toPoint())
        if hover != self._hover:
            self._hover = hover
            self.update()

    def leaveEvent(self, event: object) -> None:
        self._hover = -1
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        index = self._part_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and index >= 0:
            self._current = index
            self.update()
            self.activate(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        count = self.part_count()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activate(self._current)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Right) and count:
            self._current = (self._current + 1) % count
            self.update()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Left) and count:
            self._current = (self._current - 1) % count
            self.update()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def _mark(self, painter: QPainter, index: int) -> None:
        """The keyboard focus and hover frames (dashed: not a colour cue)."""
        pal = self.palette()
        if index == self._hover:
            painter.fillRect(self.part_rect(index), pal.color(QPalette.ColorRole.AlternateBase))
        if self.hasFocus() and index == self._current:
            pen = QPen(pal.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.part_rect(index).adjusted(1, 1, -2, -2))


class Tile(_Clickable):
    """A headline figure: a big number, what it counts and a line of detail."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self.number = "–"
        self.detail = ""
        self._target: tuple[list[int], str] = ([], caption)
        self.setMinimumSize(150, 78)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_figure(self, number: str, detail: str, pair_ids: Sequence[int], title: str) -> None:
        self.number, self.detail = number, detail
        self._target = (list(pair_ids), title)
        self.setAccessibleName(f"{self.caption}: {number}. {detail}")
        self.setToolTip(f"{detail}\nClick or press Enter to list these pairs.")
        self.update()

    def part_target(self, index: int) -> tuple[list[int], str]:
        return self._target

    def sizeHint(self) -> QSize:
        return QSize(200, 78)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        pal = self.palette()
        r = self.rect().adjusted(0, 0, -1, -1)
        p.fillRect(r, pal.color(QPalette.ColorRole.Base))
        self._mark(p, 0)
        p.setPen(pal.color(QPalette.ColorRole.Mid))
        p.drawRect(r)
        text = pal.color(QPalette.ColorRole.Text)
        p.setPen(text)
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 1.7)
        big.setBold(True)
        p.setFont(big)
        inner = r.adjusted(PAD, 6, -PAD, -6)
        p.drawText(inner, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), self.number)
        p.setFont(self.font())
        line = self.fontMetrics().height()
        p.drawText(inner.adjusted(0, 0, 0, -line - 2), _bottom_left(), self.caption)
        p.setPen(pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        elided = self.fontMetrics().elidedText(
            self.detail, Qt.TextElideMode.ElideRight, inner.width()
        )
        p.drawText(inner, _bottom_left(), elided)
        p.end()


def _bottom_left() -> int:
    return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)


class BarList(_Clickable):
    """A titled list of horizontal bars, each labelled with its words and its number."""

    ROW = 24

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self.bars = list(bars)
        self._current = min(self._current, max(len(self.bars) - 1, 0))
        self.setAccessibleName(
            f"{self.title}: " + ", ".join(f"{b.label} {b.value}" for b in self.bars)
        )
        self.setFixedHeight(self._top() + self.ROW * len(self.bars) + PAD)
        self.update()

    def _top(self) -> int:
        return PAD + self.fontMetrics().height() + 8

    def part_count(self) -> int:
        return len(self.bars)

    def part_rect(self, index: int) -> QRect:
        return QRect(0, self._top() + index * self.ROW, self.width(), self.ROW)

    def part_target(self, index: int) -> tuple[list[int], str]:
        b = self.bars[index]
        return list(b.pair_ids), b.title

    def sizeHint(self) -> QSize:
        return QSize(320, self._top() + self.ROW * max(len(self.bars), 1) + PAD)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(text)
        p.drawText(QRect(PAD, PAD, self.width() - 2 * PAD, self.fontMetrics().height() + 4),
                   int(Qt.AlignmentFlag.AlignLeft), self.title)  # fmt: skip
        p.setFont(self.font())
        fm = self.fontMetrics()
        top = max((b.value for b in self.bars), default=0) or 1
        label_w, number_w = bar_columns(fm, [b.label for b in self.bars], top, self.width())
        span = max(self.width() - 2 * PAD - label_w - number_w, 10)
        for i, b in enumerate(self.bars):
            row = self.part_rect(i)
            self._mark(p, i)
            p.setPen(text)
            label = QRect(PAD, row.top(), label_w - 6, row.height())
            elided = fm.elidedText(b.label, Qt.TextElideMode.ElideRight, label.width())
            align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
            p.drawText(label, int(align), elided)
            width = round(span * b.value / top)
            bar = QRectF(PAD + label_w, row.top() + 5, max(width, 1), row.height() - 10)
            fill = b.colour or pal.color(QPalette.ColorRole.Highlight)
            p.setBrush(QBrush(fill, b.pattern))
            p.setPen(QPen(text, 1))
            if b.value:
                p.drawRect(bar)
            else:  # a zero is a hairline, not nothing: the row still reads as a bar
                p.drawLine(bar.topLeft(), bar.bottomLeft())
            num = QRect(int(bar.right()) + 6, row.top(), number_w, row.height())
            p.setPen(text)
            p.drawText(num, int(align), str(b.value))
        p.end()


@dataclass(frozen=True, slots=True)
class MonthColumn:
    """One month of the sessions chart."""

    label: str  # 'Jan 2026'
    planned: int
    held: int
    pair_ids: tuple[int, ...]


class MonthChart(_Clickable):
    """Sessions on the plan (hollow, outlined) against sessions held (filled), month by month."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.months: list[MonthColumn] = []
        self.setMinimumHeight(190)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_months(self, months: Sequence[MonthColumn]) -> None:
        self.months = list(months)
        self._current = min(self._current, max(len(self.months) - 1, 0))
        self.setAccessibleName(
            f"{self.title}: "
            + "; ".join(f"{m.label} {m.held} held of {m.planned}" for m in self.months)
        )
        self.update()

    def _plot(self) -> QRect:
        fm = self.fontMetrics()
        top = PAD + 2 * fm.height() + 14
        return QRect(
            PAD + 4, top, self.width() - 2 * PAD - 8, self.height() - top - fm.height() - 14
        )

    def part_count(self) -> int:
        return len(self.months)

    def part_rect(self, index: int) -> QRect:
        plot = self._plot()
        step = plot.width() / max(len(self.months), 1)
        return QRect(round(plot.left() + index * step), plot.top() - 4, round(step),
                     plot.height() + self.fontMetrics().height() + 12)  # fmt: skip

    def part_target(self, index: int) -> tuple[list[int], str]:
        m = self.months[index]
        return list(m.pair_ids), f"Pairs with sessions in {m.label}"

    def sizeHint(self) -> QSize:
        return QSize(520, 240)

    def _swatch(self, p: QPainter, x: int, y: int, filled: bool, words: str) -> int:
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        size = self.fontMetrics().height() - 4
        p.setPen(QPen(text, 1))
        p.setBrush(
            QBrush(pal.color(QPalette.ColorRole.Highlight)) if filled else Qt.BrushStyle.NoBrush
        )
        p.drawRect(x, y + 2, size, size)
        p.drawText(x + size + 5, y + self.fontMetrics().ascent(), words)
        return x + size + 5 + self.fontMetrics().horizontalAdvance(words) + 16

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        fm = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(text)
        p.drawText(PAD, PAD + fm.ascent(), self.title)
        p.setFont(self.font())
        x = self._swatch(p, PAD, PAD + fm.height() + 4, False, "on the plan")
        self._swatch(p, x, PAD + fm.height() + 4, True, "held")
        plot = self._plot()
        p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        if not self.months:
            p.setPen(pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText))
            p.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), "No sessions yet")
            p.end()
            return
        top = max(m.planned for m in self.months) or 1
        high = plot.height() - fm.height() - 4
        for i, m in enumerate(self.months):
            self._mark(p, i)
            cell = self.part_rect(i)
            width = min(cell.width() * 0.6, 56)
            left = cell.center().x() - width / 2
            for value, filled, inset in ((m.planned, False, 0.0), (m.held, True, width * 0.2)):
                h = high * value / top
                r = QRectF(left + inset, plot.bottom() - h, width - 2 * inset, h)
                p.setPen(QPen(text, 1.5 if not filled else 1))
                brush = QBrush(pal.color(QPalette.ColorRole.Highlight))
                p.setBrush(brush if filled else Qt.BrushStyle.NoBrush)
                if value:
                    p.drawRect(r)
            p.setPen(text)
            bar_top = round(plot.bottom() - high * m.planned / top)
            above = QRect(cell.left(), bar_top - fm.height() - 2, cell.width(), fm.height())
            p.drawText(above, int(Qt.AlignmentFlag.AlignHCenter), f"{m.held}/{m.planned}")
            below = QRect(cell.left(), plot.bottom() + 4, cell.width(), fm.height())
            label = fm.elidedText(m.label, Qt.TextElideMode.ElideRight, cell.width())
            p.drawText(below, int(Qt.AlignmentFlag.AlignHCenter), label)
        p.end()


def bar_columns(fm: QFontMetrics, labels: Sequence[str], top: int, width: int) -> tuple[int, int]:
    """(label width, number width) of a bar list ``width`` wide: the labels whole where they
    can be (a 1024-pixel screen cut "No agreement yet"), at most three fifths of the width;
    the numbers only as wide as the largest, the bars what is left."""
    label_w = min(max((fm.horizontalAdvance(t) for t in labels), default=0) + 12, width * 3 // 5)
    return label_w, fm.horizontalAdvance(str(top)) + 10
