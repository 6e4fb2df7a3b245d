"""What an empty list or table says: what to do, or that a search matched nobody."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QTableView


def paint_empty_hint(view: QAbstractItemView, text: str) -> None:
    """Draw ``text`` centred on the viewport of ``view`` when its model has no rows."""
    model = view.model()
    if not text or model is None or model.rowCount() > 0:
        return
    painter = QPainter(view.viewport())
    try:
        painter.setPen(view.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        rect = view.viewport().rect().adjusted(12, 12, -12, -12)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(rect, int(flags), text)
    finally:
        painter.end()


class HintedTable(QTableView):
    """A table that says what to do (``empty_text``) when it has no rows."""

    empty_text = ""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        paint_empty_hint(self, self.empty_text)
