"""Commitment health as every view shows it: the same word, icon and severity colour for
on track, at risk and stalled (the sessions table, the pair cards), never colour alone."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QStyle

from rmdesk.models.health import AT_RISK, ON_TRACK, STALLED
from rmdesk.ui.common.severity import style_icon

#: Severity colours (the only hard-coded ones), chosen to read on light and dark palettes.
HEALTH_COLOURS = {
    ON_TRACK: QColor("#1e8e3e"),
    AT_RISK: QColor("#e8a000"),
    STALLED: QColor("#d93025"),
}
HEALTH_WORDS = {ON_TRACK: "On track", AT_RISK: "At risk", STALLED: "Stalled"}
HEALTH_ICONS = {
    ON_TRACK: QStyle.StandardPixmap.SP_DialogApplyButton,
    AT_RISK: QStyle.StandardPixmap.SP_MessageBoxWarning,
    STALLED: QStyle.StandardPixmap.SP_MessageBoxCritical,
}


def health_icon(status: str) -> QIcon:
    """The style's icon for a health status (a tick, a warning, a stop)."""
    return style_icon(HEALTH_ICONS[status])
