"""A pad to sign on with a mouse, a finger or a stylus; the strokes become a PNG."""

from __future__ import annotations

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

INK = Qt.GlobalColor.darkBlue  # ink stays dark blue on paper whatever the palette


class SignaturePad(QWidget):
    """Records strokes (lists of points) from mouse, tablet and touch events."""

    #: the pad went from empty to signed or back (a stroke ended, or Clear)
    inked = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(360, 140)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip("Sign here with the mouse, a finger or a pen")
        self.strokes: list[list[QPointF]] = []
        self._drawing = False

    def sizeHint(self) -> QSize:
        return QSize(480, 160)

    # -- recording ------------------------------------------------------------------------------
    def _begin(self, at: QPointF) -> None:
        self._drawing = True
        self.strokes.append([QPointF(at)])
        self.update()

    def _extend(self, at: QPointF) -> None:
        if self._drawing and self.strokes:
            self.strokes[-1].append(QPointF(at))
            self.update()

    def _end(self, at: QPointF) -> None:
        self._extend(at)
        self._drawing = False
        self.inked.emit(not self.is_empty())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end(event.position())
        event.accept()  # no synthesized mouse events on top

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(event, QTouchEvent) and kind in (
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
        ):
            points = event.points()
            if points:
                at = points[0].position()
                {
                    QEvent.Type.TouchBegin: self._begin,
                    QEvent.Type.TouchUpdate: self._extend,
                    QEvent.Type.TouchEnd: self._end,
                }[kind](at)
            event.accept()
            return True
        return super().event(event)

    # -- reading ----------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return not any(len(s) > 1 for s in self.strokes)

    def clear(self) -> None:
        self.strokes.clear()
        self.update()
        self.inked.emit(False)

    def _paths(self) -> list[QPainterPath]:
        paths = []
        for stroke in self.strokes:
            path = QPainterPath(stroke[0])
            for p in stroke[1:]:
                path.lineTo(p)
            paths.append(path)
        return paths

    def _draw(self, painter: QPainter, scale: float = 1.0) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        pen = QPen(
            INK, 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
        )
        painter.setPen(pen)
        for path in self._paths():
            painter.drawPath(path)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1, Qt.PenStyle.DashLine))
        base = self.height() - 30
        painter.drawLine(16, base, self.width() - 16, base)
        painter.drawText(QRectF(16, base + 4, 200, 20), "Sign above the line")
        self._draw(painter)
        painter.end()

    def png_bytes(self, scale: float = 2.0) -> bytes:
        """The strokes on a transparent background, cropped to the ink (empty bytes if none)."""
        if self.is_empty():
            return b""
        bounds = QRectF()
        for path in self._paths():
            bounds = bounds.united(path.boundingRect())
        margin = 4.0
        bounds = bounds.adjusted(-margin, -margin, margin, margin)
        image = QImage(
            max(1, int(bounds.width() * scale)),
            max(1, int(bounds.height() * scale)),
            QImage.Format.Format_ARGB32,
        )
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.scale(scale, scale)
        painter.translate(-bounds.topLeft())
        self._draw(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes, PySide wants str
        buffer.close()
        return bytes(data.data())
