"""List views of the pairing board that show a drag's verdict on the row under the cursor."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from rmdesk.models.conflicts import Conflict
from rmdesk.ui.common.empty_state import paint_empty_hint
from rmdesk.ui.pairing.models import PairsModel, PeopleModel
from rmdesk.ui.pairing.pair_badges import BADGES_ROLE, Badge, paint_badges, strip_height

#: (mime, target row) -> (mentor id, mentee id, conflicts) for a pairing drop, else None
Verdict = Callable[[QMimeData, int], tuple[str, str, list[Conflict]] | None]


AnyIndex = QModelIndex | QPersistentModelIndex


def _badges(index: AnyIndex) -> list[Badge]:
    found = index.data(BADGES_ROLE)
    return found if isinstance(found, list) else []


class CardDelegate(QStyledItemDelegate):
    """Cards as wide as the list and as tall as their wrapped text there, measured where the
    style sets the words (icon and text margins taken off), so no line of a long card is ever
    cut; a pair card's badges (health, agreement) go on lines of their own under the text."""

    def _words(
        self, view: QListView, option: QStyleOptionViewItem, index: AnyIndex, rect: QRect
    ) -> QRect:
        """Where the style sets a card's words inside ``rect``, less the text margins."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.rect = rect
        style = view.style()
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        return text.adjusted(margin, 0, -margin, 0)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        base = super().sizeHint(option, index)
        view = self.parent()
        if not isinstance(view, QListView):
            return base
        card = max(view.viewport().width() - 2 * view.spacing(), 60)
        width = max(self._words(view, option, index, QRect(0, 0, card, base.height())).width(), 40)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        flags = int(Qt.TextFlag.TextWordWrap)
        box = option.fontMetrics.boundingRect(QRect(0, 0, width, 100000), flags, text)
        strip = strip_height(_badges(index), width, option.fontMetrics)
        return QSize(card, max(base.height(), box.height() + 10 + strip))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        """The card as Qt draws it, its text kept above the badges, then the badges."""
        badges = _badges(index)
        view = self.parent()
        if not badges or not isinstance(view, QListView):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = view.style()
        full = QRect(opt.rect)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, view)
        words = self._words(view, option, index, full)
        strip = strip_height(badges, words.width(), opt.fontMetrics)
        opt.rect = full.adjusted(0, 0, 0, -strip)
        opt.backgroundBrush = QBrush()  # the tint is painted once, under the whole card
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, view)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setFont(opt.font)
        paint_badges(
            painter, words.left(), full.bottom() - 4, words.width(), badges, opt.palette, selected
        )
        painter.restore()


class BoardListView(QListView):
    """Drops land on the row under the cursor; while hovering, the row shows the verdict."""

    verdict_shown = Signal(object)  # (mentor, mentee, conflicts) or None
    #: what the list says when it is empty; ``filter_text`` makes it say the filter matched nobody
    empty_text = ""
    filter_text = ""

    def __init__(
        self, model: PeopleModel | PairsModel, verdict: Verdict, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        self._verdict = verdict
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)  # names wrap, never "Ada…"
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setItemDelegate(CardDelegate(self))
        self.setUniformItemSizes(False)
        self.setSpacing(2)
        self.setAlternatingRowColors(False)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.filter_text:
            paint_empty_hint(self, f"Nobody here matches “{self.filter_text}”.")
        else:
            paint_empty_hint(self, self.empty_text)

    def _row_at(self, event: QDragMoveEvent | QDropEvent) -> int:
        index = self.indexAt(event.position().toPoint())
        return index.row() if index.isValid() else -1

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._model.canDropMimeData(event.mimeData(), event.dropAction(), -1, -1, QModelIndex()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        mime = event.mimeData()
        if not self._model.canDropMimeData(mime, event.dropAction(), -1, -1, QModelIndex()):
            event.ignore()
            return
        row = self._row_at(event)
        verdict = self._verdict(mime, row) if row >= 0 else None
        if verdict is None:
            self._model.set_hover(None)
            self.verdict_shown.emit(None)
        else:
            conflicts = verdict[2]
            self._model.set_hover(row, conflicts)
            self.verdict_shown.emit(verdict)
            text = "\n".join(c.message for c in conflicts) or "Clean match: no conflicts."
            pos = self.viewport().mapToGlobal(event.position().toPoint())
            QToolTip.showText(pos, text, self)
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._model.set_hover(None)
        self.verdict_shown.emit(None)
        QToolTip.hideText()
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        self._model.set_hover(None)
        QToolTip.hideText()
        index = self.indexAt(event.position().toPoint())
        ok = self._model.dropMimeData(event.mimeData(), Qt.DropAction.CopyAction, -1, -1, index)
        self.verdict_shown.emit(None)  # the drag is over: the panel goes back to the selection
        if ok:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()
