"""Icons: the desktop theme's where it has one (native look), else the SVGs in resources/."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from rmdesk.paths import resource

#: our icon name -> freedesktop theme name
THEME = {
    "undo": "edit-undo",
    "redo": "edit-redo",
    "import": "document-open",
    "roster": "x-office-address-book",
    "pairing": "system-users",
    "cohort": "appointment-new",
    "dashboard": "x-office-presentation",
    "agreements": "x-office-document",
    "sessions": "x-office-calendar",
}


def icon(name: str) -> QIcon:
    shipped = QIcon(str(resource(f"icons/{name}.svg")))
    return QIcon.fromTheme(THEME.get(name, name), shipped)
