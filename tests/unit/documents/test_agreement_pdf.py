"""The agreement PDF: what it shows, its fonts, its bytes, and verifying a file against it."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from rmdesk.documents.agreement_pdf import (
    AgreementDocument,
    default_page_size,
    render_agreement_pdf,
)
from rmdesk.documents.agreement_verify import claimed_hash, verify_against
from rmdesk.models.agreements import content_sha256
from tests.unit.agreement_samples import NAMES, signed_document


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return unicodedata.normalize("NFKC", text)


@pytest.fixture(scope="module")
def latin_pdf() -> bytes:
    return render_agreement_pdf(signed_document("latin"))


def test_text_holds_every_section_field_and_both_people(latin_pdf: bytes) -> None:
    doc = signed_document("latin")
    text = " ".join(_text(latin_pdf).split())
    for section in doc.body.sections:
        assert section.title in text
        first_sentence = section.text.split(".")[0]
        assert " ".join(first_sentence.split()) in text
    for value in (*doc.body.topics, *doc.body.off_limits, doc.body.meeting_place, "60 minutes"):
        assert value in text
    for party in (doc.identity.mentor, doc.identity.mentee):
        for value in (party.name, party.title, party.department):
            assert value in text
    assert doc.identity.programme in text and doc.identity.cohort in text


@pytest.mark.parametrize("script", sorted(NAMES))
def test_names_in_every_script_are_in_the_text(script: str) -> None:
    text = _text(render_agreement_pdf(signed_document(script)))
    for name in NAMES[script]:
        # Right-to-left lines come out in visual order: look for each word.
        for word in name.replace("・", " ").split():
            assert word in text, (script, word)


def test_same_content_same_bytes_and_metadata(latin_pdf: bytes) -> None:
    doc = signed_document("latin")
    assert render_agreement_pdf(doc) == latin_pdf
    meta = PdfReader(io.BytesIO(latin_pdf)).metadata
    assert meta is not None
    assert meta.title == "Reverse mentoring agreement: Zoë Brontë-Łukasiewicz and Søren Ødegård"
    assert meta.author == "Reverse Mentoring 2026"
    assert "version 1" in (meta.subject or "")
    assert meta["/Keywords"] == f"rmdesk-sha256:{doc.sha256}"
    other = replace(doc, body=replace(doc.body, sessions=8))
    assert render_agreement_pdf(other) != latin_pdf


def test_fonts_are_embedded(latin_pdf: bytes) -> None:
    pdf = render_agreement_pdf(signed_document("chinese"))
    embedded = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
            embedded.add(str(font["/BaseFont"]).split("+")[-1])
    assert {"RmdeskSans-Regular", "RmdeskSans-Bold", "DroidSansFallback"} <= embedded


def test_footer_signatures_and_draft(latin_pdf: bytes) -> None:
    doc = signed_document("latin")
    reader = PdfReader(io.BytesIO(latin_pdf))
    pages = len(reader.pages)
    assert pages >= 2
    for number, page in enumerate(reader.pages, start=1):
        assert f"Version 1 · page {number} of {pages} · {doc.sha256[:12]}" in page.extract_text()
    text = _text(latin_pdf)
    assert "Signed by Zoë Brontë-Łukasiewicz on 2026-01-05 (signed on screen)" in text
    assert "Signed by Søren Ødegård on 2026-01-06 (typed name)" in text
    assert f"SHA-256): {doc.sha256}" in text
    assert len(reader.pages[-1].images) == 1  # the drawn signature
    unsigned = _text(render_agreement_pdf(replace(doc, signatures=(), officer_signs=True)))
    assert unsigned.count("Signature ____") == 3 and "Signed by" not in unsigned
    draft = _text(render_agreement_pdf(replace(doc, sha256=None, signatures=())))
    assert "DRAFT" in draft and "page 1 of" in draft and "SHA-256" not in draft


def test_page_sizes() -> None:
    doc = signed_document("latin")
    letter = PdfReader(io.BytesIO(render_agreement_pdf(doc, "Letter"))).pages[0].mediabox
    assert round(float(letter.width)) == 612
    assert default_page_size("en_US.UTF-8") == "Letter"
    assert default_page_size("es-MX") == "Letter" and default_page_size("fil_PH") == "Letter"
    assert default_page_size("en_GB.UTF-8") == "A4" and default_page_size("de") == "A4"
    assert default_page_size("C") == "A4"


def _swap_keywords(pdf: bytes, sha: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.add_metadata({"/Keywords": f"rmdesk-sha256:{sha}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_verify_accepts_the_untouched_file(tmp_path: Path, latin_pdf: bytes) -> None:
    doc = signed_document("latin")
    path = tmp_path / "agreement.pdf"
    path.write_bytes(latin_pdf)
    assert claimed_hash(path) == doc.sha256
    outcome = verify_against(path, doc)
    assert outcome.matches and outcome.exact and outcome.signed_roles == ("mentor", "mentee")
    # Re-saved by another program: not the same bytes, the same text.
    resaved = _swap_keywords(latin_pdf, doc.sha256 or "")
    assert resaved != latin_pdf
    again = verify_against(resaved, doc)
    assert again.matches and not again.exact


def test_verify_accepts_a_copy_printed_before_signing() -> None:
    doc = signed_document("arabic")
    unsigned = render_agreement_pdf(replace(doc, signatures=()))
    outcome = verify_against(unsigned, doc)
    assert outcome.matches and outcome.signed_roles == ()
    mentor_only = render_agreement_pdf(replace(doc, signatures=doc.signatures[:1]), "Letter")
    assert verify_against(mentor_only, doc).signed_roles == ("mentor",)


def test_verify_refuses_altered_text_and_swapped_hashes(latin_pdf: bytes) -> None:
    doc = signed_document("latin")
    forged = replace(doc, body=replace(doc.body, meeting_place="The mentee's office"))
    forged_pdf = _swap_keywords(render_agreement_pdf(forged), doc.sha256 or "")
    assert claimed_hash(forged_pdf) == doc.sha256
    outcome = verify_against(forged_pdf, doc)
    assert not outcome.matches and "altered" in outcome.sentence
    # A genuine file of version 1 does not verify as version 2, whose hash it does not claim.
    v2 = replace(doc, version=2, sha256=content_sha256(doc.body, doc.identity, 2))
    assert not verify_against(latin_pdf, v2).matches
    # ...nor when its claimed hash is swapped for version 2's.
    assert not verify_against(_swap_keywords(latin_pdf, v2.sha256 or ""), v2).matches
    # A signature the database does not hold makes the file fail.
    fake = replace(doc.signatures[1], typed_name="Someone Else")
    faked = render_agreement_pdf(replace(doc, signatures=(doc.signatures[0], fake)))
    assert not verify_against(faked, doc).matches


def test_verify_refuses_drafts_broken_records_and_non_pdfs(latin_pdf: bytes) -> None:
    doc = signed_document("latin")
    assert not verify_against(latin_pdf, replace(doc, sha256=None)).matches
    tampered_record = replace(doc, body=replace(doc.body, sessions=9))
    assert "no longer hashes" in verify_against(latin_pdf, tampered_record).sentence
    assert claimed_hash(b"not a pdf") is None
    assert not verify_against(b"not a pdf", doc).matches


def test_claimed_hash_falls_back_to_the_printed_fingerprint(latin_pdf: bytes) -> None:
    doc: AgreementDocument = signed_document("latin")
    writer = PdfWriter(clone_from=io.BytesIO(latin_pdf))
    writer.add_metadata({"/Keywords": ""})
    out = io.BytesIO()
    writer.write(out)
    assert claimed_hash(out.getvalue()) == doc.sha256


def test_no_heading_ends_a_page_and_an_unnamed_officer_gets_no_dash() -> None:
    """'Confidentiality' sat alone at the foot of page 1, its text on page 2; a signature
    block read 'Programme officer —' with nobody after the dash."""
    import re

    doc = replace(signed_document("latin"), officer_signs=True, officer_name="")
    reader = PdfReader(io.BytesIO(render_agreement_pdf(doc)))
    headings = [s.title for s in doc.body.sections] + ["Signatures"]
    for page in reader.pages[:-1]:
        lines = [line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()]
        body = [line for line in lines if not re.match(r"Version \d+ · page", line)]
        assert body and body[-1] not in headings, body[-3:]
    text = _text(render_agreement_pdf(doc))
    assert "Programme officer" in text and "Programme officer —" not in text
