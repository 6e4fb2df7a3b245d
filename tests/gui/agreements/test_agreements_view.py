"""The Agreements page: typing saves and undoes, the signature pad, signing, states, PDFs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QUndoStack
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from rmdesk.documents.agreement_pdf import AgreementDocument
from rmdesk.models.cohorts import Cohort
from rmdesk.ui.agreements.files import FilePrompts
from rmdesk.ui.agreements.pair_list import TEMPLATE
from rmdesk.ui.agreements.printing import AgreementPrinting, agreement_html, print_agreement
from rmdesk.ui.agreements.sign_dialog import SignDialog, SigningAnswer
from rmdesk.ui.agreements.signature_pad import SignaturePad
from rmdesk.ui.agreements.view import AgreementsView
from rmdesk.ui.common.signals import WorkspaceSignals
from rmdesk.workspace import Workspace
from tests.unit.agreement_samples import drawn_png


def _settle(qtbot: Any, view: AgreementsView) -> None:
    qtbot.waitUntil(lambda: not view.editor.pending, timeout=3000)


def _state(view: AgreementsView, pair_id: int) -> str:
    return view.list._rows[pair_id].text(1)


def test_list_shows_every_pair_and_the_template(
    page: tuple[AgreementsView, list[int], Cohort],
) -> None:
    view, ids, _cohort = page
    assert view.list.pair_ids() == ids
    assert view.list.topLevelItem(0).text(0).startswith("Programme template")
    assert [_state(view, i) for i in ids] == ["not started"] * 3
    assert view.selected == ids[0]  # the first pair opens
    assert view.editor.objectName() == "agreementEditor"
    assert view.editor.section_edits["confidentiality"].toPlainText().startswith("What is said")


def test_typing_saves_after_a_pause_and_undo_redo_restore(
    qtbot: Any, page: tuple[AgreementsView, list[int], Cohort]
) -> None:
    view, ids, _cohort = page
    ws, undo = view.ws, view.undo
    for typed in ("C", "Ca", "Café", "Café Lumière"):  # one burst: one save
        view.editor.place.setText(typed)
    assert view.editor.pending and ws.agreements.versions(ids[0]) == []
    _settle(qtbot, view)
    assert ws.agreements.agreement(ids[0]).body.meeting_place == "Café Lumière"
    assert _state(view, ids[0]) == "draft"
    view.editor.place.setText("Café Lumière ")  # mid-typing: the space stays after the save
    _settle(qtbot, view)
    assert view.editor.place.text() == "Café Lumière " and undo.count() == 1
    view.editor.topics.setPlainText("Hiring policy\nHow customers see us")
    view.editor.flush()
    view.editor.topics.setPlainText("Hiring policy\nHow customers see us\nCulture")
    view.editor.flush()  # the same field within seconds: merged into the step before
    assert undo.count() == 2
    assert ws.agreements.agreement(ids[0]).body.topics[-1] == "Culture"

    undo.undo()
    assert ws.agreements.agreement(ids[0]).body.topics == ()
    assert view.editor.topics.toPlainText() == ""
    assert view.editor.place.text() == "Café Lumière"
    undo.undo()  # the edit that started the draft: the draft goes
    assert ws.agreements.versions(ids[0]) == [] and _state(view, ids[0]) == "not started"
    assert view.editor.place.text() == ""
    undo.redo()
    undo.redo()
    assert view.editor.topics.toPlainText().splitlines()[-1] == "Culture"
    assert ws.agreements.agreement(ids[0]).body.meeting_place == "Café Lumière"


def test_switching_pair_saves_what_was_typed(
    page: tuple[AgreementsView, list[int], Cohort],
) -> None:
    view, ids, _cohort = page
    view.editor.place.setText("Walk by the canal")
    view.list.select(ids[1])
    assert view.ws.agreements.agreement(ids[0]).body.meeting_place == "Walk by the canal"
    assert view.selected == ids[1] and view.editor.place.text() == ""


def test_signature_pad_records_strokes_from_the_mouse(qtbot: Any) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 150)
    pad.show()
    assert pad.is_empty() and pad.png_bytes() == b""
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 100))
    for x, y in ((60, 40), (110, 110), (160, 30)):
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(220, 90))
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(250, 60))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 70))
    assert len(pad.strokes) == 2
    assert (pad.strokes[0][0].x(), pad.strokes[0][0].y()) == (20, 100)
    assert (pad.strokes[0][-1].x(), pad.strokes[0][-1].y()) == (220, 90)
    assert len(pad.strokes[0]) >= 3
    png = pad.png_bytes()
    assert png.startswith(b"\x89PNG")
    image = QImage.fromData(png)
    # cropped to the ink (x 20..300, y 30..110) plus a margin, at twice the size
    assert 560 <= image.width() <= 600 and 160 <= image.height() <= 200
    pad.clear()
    assert pad.is_empty()


def test_signature_pad_records_touch_strokes(qtbot: Any) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 150)
    pad.show()
    qtbot.waitExposed(pad)
    finger = QTest.createTouchDevice()
    QTest.touchEvent(pad, finger).press(0, QPoint(30, 90), pad).commit()
    QTest.touchEvent(pad, finger).move(0, QPoint(120, 40), pad).commit()
    QTest.touchEvent(pad, finger).release(0, QPoint(200, 80), pad).commit()
    assert len(pad.strokes) == 1 and len(pad.strokes[0]) >= 2
    assert pad.png_bytes().startswith(b"\x89PNG")


def test_sign_dialog_answers_what_was_drawn(qtbot: Any) -> None:
    dialog = SignDialog("mentor", "Yasmin Haddad", 1)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.answer() is None  # drawn, but no ink yet
    sign = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not sign.isEnabled() and dialog.hint.isVisible()  # says what Sign waits for
    qtbot.mousePress(dialog.pad, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.mouseMove(dialog.pad, QPoint(80, 60))
    qtbot.mouseRelease(dialog.pad, Qt.MouseButton.LeftButton, pos=QPoint(120, 30))
    assert sign.isEnabled() and not dialog.hint.isVisible()
    answer = dialog.answer()
    assert answer is not None and answer.method == "drawn" and answer.image
    assert answer.typed_name == "Yasmin Haddad"
    dialog.typed.setChecked(True)  # no pad to draw on when the name is typed
    assert not dialog.pad_area.isVisible() and sign.isEnabled()
    dialog.paper.setChecked(True)
    answer = dialog.answer()
    assert answer is not None and answer.method == "paper" and answer.image is None


def test_signing_through_the_dialog_seam(
    qtbot: Any, page: tuple[AgreementsView, list[int], Cohort], monkeypatch: pytest.MonkeyPatch
) -> None:
    view, ids, _cohort = page
    asked: list[tuple[str, str, int]] = []

    def ask(parent: object, role: str, name: str, version: int) -> SigningAnswer:
        asked.append((role, name, version))
        image = drawn_png() if role == "mentor" else None
        return SigningAnswer(name, date(2026, 2, 1), "drawn" if image else "typed", image)

    monkeypatch.setattr(SignDialog, "ask", ask)
    view.editor.topics.setPlainText("Hiring policy")
    view.editor.place.setText("Café Lumière")
    view.sign_buttons["mentor"].click()  # the typing is saved first
    assert _state(view, ids[0]) == "awaiting the mentee's signature"
    assert not view.sign_buttons["mentor"].isEnabled()
    view.sign_buttons["mentee"].click()
    assert asked == [("mentor", "Yasmin Haddad", 1), ("mentee", "Péter Varga", 1)]
    assert _state(view, ids[0]) == "signed" and "read-only" in view.banner.text()
    signed = view.ws.agreements.versions(ids[0])[0]
    assert signed.signed_by("mentor").image == drawn_png()  # type: ignore[union-attr]

    # a signed text is read-only: no keystroke un-signs it; changing it is asked for first
    assert not view.editor.length.isEnabled() and view.editor.topics.isReadOnly()
    questions: list[int] = []
    monkeypatch.setattr(
        AgreementsView, "confirm_amend", staticmethod(lambda p, v: questions.append(v))
    )
    view.amend_button.click()  # the officer says no (None)
    assert questions == [1] and not view.editor.length.isEnabled()
    monkeypatch.setattr(AgreementsView, "confirm_amend", staticmethod(lambda p, v: True))
    view.amend_button.click()
    assert view.editor.length.isEnabled() and "starts version 2" in view.banner.text()
    assert _state(view, ids[0]) == "signed"  # nothing changed until the first edit
    view.editor.length.setValue(45)  # an edit after signing: a new draft
    _settle(qtbot, view)
    assert _state(view, ids[0]) == "changed since signing"
    assert view.version_combo.count() == 2
    view.version_combo.setCurrentIndex(1)  # version 1, read-only
    assert view.editor.length.value() == 60 and not view.editor.length.isEnabled()
    assert view.editor.topics.isReadOnly()
    view.undo.undo()
    assert _state(view, ids[0]) == "signed"
    view.undo.undo()  # the mentee's signature
    assert _state(view, ids[0]) == "awaiting the mentee's signature"
    assert not view.sign_buttons["officer"].isVisibleTo(view)
    view.ws.agreements.configure(officer_name="Rania Haddad", officer_signs=True)
    assert view.sign_buttons["officer"].isVisibleTo(view)
    assert _state(view, ids[0]) == "awaiting signatures (mentee, officer)"


def test_template_edits_are_saved_and_undone(
    qtbot: Any, page: tuple[AgreementsView, list[int], Cohort]
) -> None:
    view, ids, cohort = page
    view.list.select(TEMPLATE)
    assert view.selected == TEMPLATE and not view.pdf_button.isEnabled()
    view.editor.frequency.setCurrentText("fortnightly")
    _settle(qtbot, view)
    assert view.ws.agreements.template(cohort).frequency == "fortnightly"
    view.list.select(ids[2])  # a new agreement starts from the edited template
    assert view.editor.frequency.currentText() == "fortnightly"
    view.undo.undo()
    assert view.ws.agreements.template(cohort).frequency == "monthly"


def _sign_pair(view: AgreementsView, pair_id: int) -> None:
    ws = view.ws
    body = ws.agreements.agreement(pair_id).body
    ws.agreements.save_draft(pair_id, replace(body, topics=("Culture",), meeting_place="Café"))
    ws.agreements.sign(pair_id, "mentor", "A", date(2026, 2, 1))
    ws.agreements.sign(pair_id, "mentee", "B", date(2026, 2, 1))


def test_export_all_in_the_background(
    qtbot: Any,
    page: tuple[AgreementsView, list[int], Cohort],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    view, ids, _cohort = page
    for pid in ids[:2]:
        _sign_pair(view, pid)
    assert [_state(view, i) for i in ids] == ["signed", "signed", "not started"]
    monkeypatch.setattr(FilePrompts, "folder", classmethod(lambda cls, parent: tmp_path / "out"))
    messages: list[str] = []
    view.message.connect(messages.append)
    task = view.export_all()
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=30000):
        pass
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 2
    assert messages[-1].startswith("Wrote 2 signed agreements")


def test_export_open_and_print_through_seams(
    qtbot: Any,
    page: tuple[AgreementsView, list[int], Cohort],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    view, ids, _cohort = page
    _sign_pair(view, ids[0])
    target = tmp_path / "mine.pdf"
    monkeypatch.setattr(FilePrompts, "save_pdf", classmethod(lambda cls, p, name: target))
    opened: list[Path] = []
    monkeypatch.setattr(FilePrompts, "open_file", classmethod(lambda cls, p: opened.append(p)))
    printed: list[AgreementDocument] = []

    def preview(cls: object, parent: object, doc: AgreementDocument, size: str) -> bool:
        printed.append(doc)
        return True

    monkeypatch.setattr(AgreementPrinting, "preview", classmethod(preview))
    assert view.export_pdf() == target and view.ws.agreements.verify(target).matches
    path = view.open_pdf()
    assert path is not None and opened == [path] and path.name.startswith(f"agreement-{ids[0]}-")
    assert view.print_agreement() and printed[0].sha256 is not None

    # what the print dialog prints: the same document, laid out by Qt (here into a PDF file)
    html = agreement_html(printed[0])
    assert "Yasmin Haddad" in html and printed[0].sha256 in html
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_agreement(printer, printed[0])
    pages = PdfReader(tmp_path / "printed.pdf").pages
    text = " ".join(" ".join(p.extract_text().split()) for p in pages)  # Qt's PDF: tabs
    assert len(pages) >= 2 and "Yasmin Haddad" in text and "What we agreed" in text
    short = printed[0].short_hash
    assert f"Version 1 · page 1 of {len(pages)} · {short}" in text


def test_the_heading_names_the_mentor_first_in_any_script(qtbot: Any, tmp_path: Path) -> None:
    """An Arabic mentor's name turned the heading right to left: it read as if the mentee
    mentored. The names are isolates in a left-to-right line; a roster without job titles
    leaves out the 'X mentors Y' line instead of printing ' mentors '."""
    from rmdesk.models.wording import pair_title

    ws = Workspace.open(tmp_path / "ar.db")
    roster = tmp_path / "ar.csv"
    roster.write_text(
        "Employee ID,Name,Department,Grade\nA1,مريم الحسن,IT,2\nB1,Bongani Suzuki,Finance,9\n",
        encoding="utf-8",
    )
    ws.roster.import_roster(roster)
    cohort = ws.cohorts.create_cohort("Spring")
    ws.pairing.pair("A1", "B1", cohort, "test")
    view = AgreementsView(ws, QUndoStack(), WorkspaceSignals(ws))
    qtbot.addWidget(view)
    view.set_cohort(cohort)
    view.show()
    text = view.title.text()
    assert pair_title("مريم الحسن", "Bongani Suzuki") in text
    assert text.index("مريم") < text.index("Bongani")  # the mentor first, in reading order
    assert " mentors " not in text  # no titles on this roster
    assert pair_title("مريم الحسن", "Bongani Suzuki").startswith("\u200eمريم الحسن\u200e → ")
    # the list row starts with the mentor's bare name: typing it still finds the row
    view.list.setFocus()
    view.list.setCurrentItem(view.list.topLevelItem(0))
    view.list.keyboardSearch("مريم")
    assert view.list.currentItem() is view.list._rows[view.list.pair_ids()[0]]
    ws.close()


def test_a_new_pairs_draft_exports_prints_and_opens_before_any_edit(
    page: tuple[AgreementsView, list[int], Cohort],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """'1 · draft (from the template)' is not stored until the first edit: exporting,
    printing or opening it raised 'pair N has no agreement version 1'."""
    view, ids, _cohort = page
    view.list.select(ids[2])
    assert view.ws.agreements.versions(ids[2]) == []  # nothing stored yet
    target = tmp_path / "draft.pdf"
    monkeypatch.setattr(FilePrompts, "save_pdf", classmethod(lambda cls, p, s: target))
    monkeypatch.setattr(FilePrompts, "open_file", classmethod(lambda cls, p: True))
    previewed: list[AgreementDocument] = []
    monkeypatch.setattr(
        AgreementPrinting, "preview", classmethod(lambda cls, p, doc, size: previewed.append(doc))
    )
    assert view.export_pdf() == target and target.read_bytes().startswith(b"%PDF")
    opened = view.open_pdf()
    assert opened is not None and opened.exists()
    view.print_agreement()
    assert previewed and previewed[0].sha256 is None  # printed as the draft it is
    assert view.ws.agreements.versions(ids[2]) == []  # and still nothing stored
