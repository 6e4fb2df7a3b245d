"""Typed preferences and window state over QSettings, every default declared here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "rmdesk"
APPLICATION = "rmdesk"

DEFAULTS: dict[str, object] = {
    "files/last_folder": str(Path.home()),
    "window/geometry": QByteArray(),
    "window/state": QByteArray(),
    "window/view": "",  # none saved yet: the dashboard once there is a cohort
}


class Settings:
    """One place for every persisted preference; the window state is kept apart from choices."""

    def __init__(self) -> None:
        self._q = QSettings(ORGANISATION, APPLICATION)

    def _get(self, key: str) -> object:
        return self._q.value(key, DEFAULTS[key])

    @property
    def last_folder(self) -> str:
        value = str(self._get("files/last_folder"))
        return value if Path(value).is_dir() else str(Path.home())

    @last_folder.setter
    def last_folder(self, folder: str) -> None:
        self._q.setValue("files/last_folder", folder)

    @property
    def geometry(self) -> QByteArray:
        value = self._get("window/geometry")
        return value if isinstance(value, QByteArray) else QByteArray()

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._q.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray:
        value = self._get("window/state")
        return value if isinstance(value, QByteArray) else QByteArray()

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._q.setValue("window/state", value)

    @property
    def view(self) -> str:
        return str(self._get("window/view"))

    @view.setter
    def view(self, name: str) -> None:
        self._q.setValue("window/view", name)

    def sync(self) -> None:
        self._q.sync()
