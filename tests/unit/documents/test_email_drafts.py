"""Introduction drafts: .eml files that parse back with both people, the text and the agreement."""

from __future__ import annotations

import stat
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from rmdesk.documents.email_drafts import (
    Introduction,
    draft_file_stem,
    fill,
    write_cohort_drafts,
)
from rmdesk.models.people import Employee

PDF = b"%PDF-1.4\n% unsigned agreement\n%%EOF\n"


def intro(pair_id: int, mentor: str, mentee: str, **kw: object) -> Introduction:
    return Introduction(
        pair_id,
        Employee(f"M{pair_id}", mentor, email=f"m{pair_id}@example.com"),
        Employee(f"E{pair_id}", mentee, email=f"e{pair_id}@example.com"),
        agreement_pdf=PDF,
        **kw,  # type: ignore[arg-type]
    )


def parse(path: Path) -> EmailMessage:
    with open(path, "rb") as f:
        msg = BytesParser(policy=policy.default).parse(f)
    assert isinstance(msg, EmailMessage)
    return msg


def test_draft_parses_back_with_both_addresses_text_and_attachment(tmp_path: Path) -> None:
    first = intro(1, "Zoë Łukasiewicz", "王小明", first_session=datetime(2026, 2, 3, 10, 0))
    (path,) = write_cohort_drafts(
        tmp_path / "drafts",
        [first],
        programme="Reverse Mentoring 2026",
        officer_name="Rania Haddad",
    )
    msg = parse(path)
    to = msg["To"]
    assert [(a.display_name, a.addr_spec) for a in to.addresses] == [
        ("Zoë Łukasiewicz", "m1@example.com"),
        ("王小明", "e1@example.com"),
    ]
    assert msg["X-Unsent"] == "1"
    assert msg["Subject"] == "Reverse Mentoring 2026: Zoë Łukasiewicz and 王小明"
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "Dear Zoë Łukasiewicz and 王小明" in text
    assert "Tuesday 03 February 2026, 10:00" in text and "Rania Haddad" in text
    (attachment,) = list(msg.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == PDF
    assert attachment.get_filename() == "Mentoring agreement - Zoë Łukasiewicz and 王小明.pdf"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_long_names_in_any_script_keep_both_recipients(tmp_path: Path) -> None:
    """Folding long Arabic names used to encode the comma between the two addresses, so a
    mail program saw one recipient; and it put spaces inside names ('الهاشم ي')."""
    pairs = [
        ("ليلى Smith-الأحمد", "فاطمة الزهراء"),
        ("نور الهدى الخطيب", "عبد الرحمن بن عبد العزيز آل سعود الفيصل"),
        ("مريم بنت عبد الله الهاشمي", "Ana María Fernández de los Ángeles Villalobos"),
    ]
    paths = write_cohort_drafts(
        tmp_path / "drafts",
        [intro(n, a, b) for n, (a, b) in enumerate(pairs, start=1)],
        programme="Reverse mentoring programme · الدفعة الأولى ٢٠٢٦",
        officer_name="Rania Haddad",
    )
    for n, (path, (mentor, mentee)) in enumerate(zip(paths, pairs, strict=True), start=1):
        msg = parse(path)
        assert [(a.display_name, a.addr_spec) for a in msg["To"].addresses] == [
            (mentor, f"m{n}@example.com"),
            (mentee, f"e{n}@example.com"),
        ]
        assert msg["Subject"].endswith(f": {mentor} and {mentee}")
        assert max(map(len, path.read_bytes().split(b"\r\n"))) < 998  # a mail line's limit


def test_folder_of_drafts_never_overwrites(tmp_path: Path) -> None:
    pairs = [intro(1, "Ana Silva", "Bo Chen"), intro(2, "Ana Silva", "Bo Chen")]
    (tmp_path / "Ana Silva & Bo Chen.eml").write_bytes(b"the officer's own edit")
    paths = write_cohort_drafts(tmp_path, pairs, programme="RM", officer_name="O")
    assert [p.name for p in paths] == ["Ana Silva & Bo Chen (2).eml", "Ana Silva & Bo Chen (3).eml"]
    assert (tmp_path / "Ana Silva & Bo Chen.eml").read_bytes() == b"the officer's own edit"
    assert {parse(p)["To"].addresses[0].addr_spec for p in paths} == {
        "m1@example.com",
        "m2@example.com",
    }
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_file_names_are_safe() -> None:
    stem = draft_file_stem(intro(7, 'A/B: "C"?', "D\\E*|<F>. "))
    assert stem == "A_B_ _C_ & D_E_F_"
    assert draft_file_stem(intro(8, "..", " ")) == "pair 8"
    assert draft_file_stem(intro(9, "王小明", "Zoë")) == "王小明 & Zoë"
    assert len(draft_file_stem(intro(10, "x" * 200, "y"))) <= 80


def test_missing_address_is_named_in_the_draft(tmp_path: Path) -> None:
    lone = Introduction(
        3, Employee("M3", "Ana Silva", email="ana@example.com"), Employee("E3", "Bo Chen")
    )
    (path,) = write_cohort_drafts(tmp_path, [lone], programme="RM", officer_name="O")
    msg = parse(path)
    assert [a.addr_spec for a in msg["To"].addresses] == ["ana@example.com"]
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None
    assert body.get_content().startswith("[Add the e-mail address of Bo Chen before sending.]")
    assert list(msg.iter_attachments()) == []


def test_template_placeholders_and_cancel(tmp_path: Path) -> None:
    assert fill("Hi {mentor}, {unknown} {", {"mentor": "Ana"}) == "Hi Ana, {unknown} {"
    seen: list[tuple[int, int]] = []

    def stop_after_one(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 1

    pairs = [intro(i, f"Mentor {i}", f"Mentee {i}") for i in range(3)]
    paths = write_cohort_drafts(
        tmp_path, pairs, programme="RM", officer_name="O", progress=stop_after_one
    )
    assert len(paths) == 1 and seen == [(0, 3), (1, 3)]
