"""Shared fixtures: Qt runs offscreen, every test gets its own database file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SAMPLE = RESOURCES / "sample_roster.csv"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "rmdesk.db"


@pytest.fixture
def workspace(db_path: Path):  # type: ignore[no-untyped-def]
    from rmdesk.workspace import Workspace

    ws = Workspace.open(db_path)
    yield ws
    ws.close()


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep QSettings and the default database away from the real user folders."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("RMDESK_DB", str(tmp_path / "default.db"))
