"""The agreement page's versions: what the banner says, a signed text locked until it is
unlocked for one version, and a file that cannot be written said in words."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rmdesk.models.cohorts import Cohort
from rmdesk.ui.agreements.files import FilePrompts
from rmdesk.ui.agreements.view import AgreementsView
from tests.gui.agreements.test_agreements_view import _settle, _sign_pair


def test_a_draft_without_topics_or_place_is_not_called_ready() -> None:
    """'Ready to sign' over an agreement that names no topic and no meeting place misled."""
    from rmdesk.models.agreements import AgreementBody, AgreementVersion
    from rmdesk.ui.agreements.banner import version_banner

    empty = AgreementVersion(1, AgreementBody())
    said = version_banner(empty, 1, frozen=False)
    assert "Ready to sign" not in said
    assert "Still to agree" in said and "topic" in said and "meet" in said
    full = AgreementVersion(1, AgreementBody(topics=("Hiring policy",), meeting_place="Café"))
    assert version_banner(full, 1, frozen=False).endswith("Ready to sign.")


def test_export_to_a_folder_that_is_gone_is_said_not_crashed(
    page: tuple[AgreementsView, list[int], Cohort],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """It raised FileNotFoundError into the crash dialog."""
    view, _ids, _cohort = page
    target = tmp_path / "gone" / "mine.pdf"
    monkeypatch.setattr(FilePrompts, "save_pdf", classmethod(lambda cls, p, name: target))
    said: list[str] = []
    view.message.connect(said.append)
    assert view.export_pdf() is None
    assert said[-1] == f"Not saved: {target} cannot be written: its folder does not exist."


def test_a_new_version_locks_again_once_signed_and_says_who_is_awaited(
    qtbot: Any, page: tuple[AgreementsView, list[int], Cohort], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unlocking version 1 to change it must not leave version 2 open once the mentor has
    signed it: the next keystroke would have started version 3 and lost that signature."""
    view, ids, _cohort = page
    _sign_pair(view, ids[0])
    view.list.select(ids[0])
    monkeypatch.setattr(AgreementsView, "confirm_amend", staticmethod(lambda p, v: True))
    view.amend_button.click()
    view.editor.length.setValue(45)  # version 2, a draft
    _settle(qtbot, view)
    view.ws.agreements.sign(ids[0], "mentor", "A", date(2026, 3, 1))
    assert view.editor.topics.isReadOnly() and not view.editor.length.isEnabled()
    text = view.banner.text()
    assert "Version 2 is signed by the mentor; waiting for the mentee." in text
    assert view.amend_button.isEnabled()
