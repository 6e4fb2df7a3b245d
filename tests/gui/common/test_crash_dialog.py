"""Unexpected errors: the dialog through its seam, Copy details, the log file, going on."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from rmdesk import logs
from rmdesk.ui.common.crash import CrashDialog, CrashHandler


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(
        CrashDialog, "report", classmethod(lambda cls, s, d, p=None: seen.append((s, d)))
    )
    return seen


def test_an_unexpected_error_is_shown_logged_and_the_app_goes_on(
    qtbot: QtBot, shown: list[tuple[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_file = tmp_path / "rmdesk.log"
    monkeypatch.setattr(logs, "log_path", lambda: log_file)
    handler = CrashHandler()
    try:
        raise ValueError("the pairs list lost its way")
    except ValueError as exc:
        handler(type(exc), exc, exc.__traceback__)
    (summary, details) = shown[0]
    assert summary == "ValueError: the pairs list lost its way"
    assert "Traceback" in details and "test_crash_dialog.py" in details
    text = log_file.read_text(encoding="utf-8")
    assert "the pairs list lost its way" in text and "Traceback" in text
    assert oct(log_file.stat().st_mode & 0o777) == "0o600"
    # a second error is shown too: the app went on
    try:
        raise KeyError("again")
    except KeyError as exc:
        handler(type(exc), exc, exc.__traceback__)
    assert len(shown) == 2


def test_copy_details_puts_the_traceback_on_the_clipboard(qtbot: QtBot) -> None:
    dialog = CrashDialog("Boom", "Traceback (most recent call last):\n  line 1")
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text().startswith("Traceback")


def test_the_log_rotates(tmp_path: Path) -> None:
    import logging

    target = logs.setup_logging(tmp_path / "r.log")
    assert target is not None
    big = "x" * 10_000
    for _ in range(2 * logs.MAX_BYTES // 10_000 + 5):
        logging.getLogger("rmdesk.test").error(big)
    assert (tmp_path / "r.log.1").exists()
    # every file stays private, the one a rollover starts too
    for f in tmp_path.glob("r.log*"):
        assert f.stat().st_mode & 0o777 == 0o600, f


def test_the_shipped_fonts_are_given_to_qt(qtbot: QtBot) -> None:
    """CJK and Hangul names need the shipped fonts on a machine with only DejaVu."""
    from PySide6.QtGui import QFontDatabase

    from rmdesk.app import register_fonts

    assert register_fonts() >= 3
    families = set(QFontDatabase.families())
    assert {"Droid Sans Fallback", "NanumGothic", "RmdeskSans"} <= families
