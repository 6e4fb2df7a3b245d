"""Sample agreements for the agreement tests: the shipped template, people in many scripts."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from PIL import Image, ImageDraw

from rmdesk.documents.agreement_pdf import AgreementDocument
from rmdesk.models.agreements import AgreementBody, PairIdentity, Party, Signature, content_sha256
from rmdesk.paths import resource

#: Names in every script the roster may hold (two per pair).
NAMES = {
    "vietnamese": ("Nguyễn Thị Minh Khai", "Trần Đức Lương"),
    "latin": ("Zoë Brontë-Łukasiewicz", "Søren Ødegård"),
    "greek": ("Γιώργος Παπαδόπουλος", "Ελένη Κωνσταντίνου"),
    "cyrillic": ("Иван Петров", "Ольга Смирнова"),
    "arabic": ("محمد عبد الله", "فاطمة الزهراء"),
    "hebrew": ("דוד כהן", "שרה לוי"),
    "chinese": ("王小明", "李静"),
    "japanese": ("山田太郎", "さくら・タナカ"),
    "korean": ("김민준", "이서연"),
}


def template() -> AgreementBody:
    return AgreementBody.from_json(resource("agreement_template.json").read_text("utf-8"))


def body() -> AgreementBody:
    return replace(
        template(),
        topics=("How customers experience our app", "Hiring policy", "Culture of meetings"),
        meeting_place="Café Lumière, Rue de Rivoli",
        first_session=date(2026, 1, 12),
    )


def identity(script: str = "latin") -> PairIdentity:
    mentor, mentee = NAMES[script]
    return PairIdentity(
        "Reverse Mentoring 2026",
        "Spring cohort",
        Party("E1", mentor, "Customer service agent", "Customer Care"),
        Party("E2", mentee, "Chief Financial Officer", "Finance"),
    )


def drawn_png() -> bytes:
    image = Image.new("RGBA", (300, 90), (255, 255, 255, 0))
    ImageDraw.Draw(image).line([(5, 70), (60, 10), (120, 80), (290, 20)], fill="navy", width=4)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def signed_document(script: str = "latin", version: int = 1) -> AgreementDocument:
    ident, content = identity(script), body()
    sha = content_sha256(content, ident, version)
    signatures = (
        Signature("mentor", ident.mentor.name, date(2026, 1, 5), "drawn", drawn_png()),
        Signature("mentee", ident.mentee.name, date(2026, 1, 6), "typed"),
    )
    return AgreementDocument(ident, version, content, sha, signatures)
