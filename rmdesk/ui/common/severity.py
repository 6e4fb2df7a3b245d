"""Severity colours and icons: the only hard-coded colours, always paired with an icon or text."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from rmdesk.models.conflicts import Severity

#: Chosen to read on both light and dark palettes.
COLOURS = {
    Severity.BLOCK: QColor("#d93025"),
    Severity.WARN: QColor("#e8a000"),
    Severity.INFO: QColor("#1a73e8"),
    None: QColor("#1e8e3e"),
}
WORDS = {Severity.BLOCK: "Blocked", Severity.WARN: "Warning", Severity.INFO: "Note", None: "Clean"}
_ICONS = {
    Severity.BLOCK: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARN: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
    None: QStyle.StandardPixmap.SP_DialogApplyButton,
}


def colour(severity: Severity | None) -> QColor:
    return COLOURS[severity]


def style_icon(pixmap: QStyle.StandardPixmap) -> QIcon:
    """The style's standard icon, made once: item views ask for it on every repaint, and
    making it costs a millisecond (600 pair cards: half a second)."""
    found = _MADE.get(pixmap)
    if found is None:
        found = _MADE[pixmap] = QApplication.style().standardIcon(pixmap)
    return found


_MADE: dict[QStyle.StandardPixmap, QIcon] = {}


def icon(severity: Severity | None) -> QIcon:
    return style_icon(_ICONS[severity])
