"""A pair's ground-rules agreement as a PDF: one clean A4 or Letter document, any script.

The same document gives the same bytes (``invariant=1``), which ``agreement_verify`` relies on.
The full content hash is in the document info (keywords ``rmdesk-sha256:<hex>``) and printed
under the signatures; the footer carries the first 12 hex digits.
"""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from rmdesk.documents.document_data import AgreementDocument as AgreementDocument
from rmdesk.documents.document_data import default_page_size as default_page_size
from rmdesk.documents.fonts import BASE_FONT, para, paragraph_style, register_fonts
from rmdesk.models.agreements import (
    AgreementBody,
    Party,
    Signature,
)

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
KEYWORD_PREFIX = "rmdesk-sha256:"
SIGNATURES_HEADING = "Signatures"
ROLE_TITLES = {"mentor": "Mentor", "mentee": "Mentee", "officer": "Programme officer"}
#: Tables set a font on each cell even when it holds only paragraphs: keep it an embedded one.
CELL_FONT = ("FONTNAME", (0, 0), (-1, -1), BASE_FONT)
METHOD_WORDS = {"drawn": "signed on screen", "typed": "typed name", "paper": "signed on paper"}


class _Styles:
    """The few paragraph styles the agreement uses (made once per process)."""

    def __init__(self) -> None:
        grey = colors.HexColor("#555555")
        self.title = paragraph_style("agr-title", 17, bold=True, spaceAfter=2 * mm)
        self.subtitle = paragraph_style("agr-subtitle", 10, textColor=grey, spaceAfter=5 * mm)
        self.draft = paragraph_style(
            "agr-draft", 11, bold=True, textColor=colors.HexColor("#B00020"), spaceAfter=4 * mm
        )
        # a heading never ends a page alone: it goes over with what it heads
        self.h2 = paragraph_style(
            "agr-h2", 12, bold=True, spaceBefore=5 * mm, spaceAfter=2 * mm, keepWithNext=1
        )
        self.body = paragraph_style("agr-body", 10, spaceAfter=2 * mm)
        self.label = paragraph_style("agr-label", 8.5, textColor=grey)
        self.name = paragraph_style("agr-name", 11, bold=True)
        self.cell = paragraph_style("agr-cell", 10)
        self.small = paragraph_style("agr-small", 7.5, textColor=grey)


_styles: _Styles | None = None


def _get_styles() -> _Styles:
    global _styles
    if _styles is None:
        register_fonts()
        _styles = _Styles()
    return _styles


def _party_cell(role: str, party: Party, st: _Styles) -> list[Flowable]:
    cell: list[Flowable] = [
        para(ROLE_TITLES[role], st.label),
        para(party.name, st.name, bold=True, rtl=False),
    ]
    for line in (party.title, party.department):
        if line:
            cell.append(para(line, st.cell, rtl=False))
    return cell


def _field_rows(body: AgreementBody, st: _Styles) -> list[list[Flowable | list[Flowable]]]:
    def listed(items: tuple[str, ...]) -> list[Flowable]:
        return [para(f"• {t}", st.cell) for t in items] or [para("—", st.cell)]

    first = body.first_session.isoformat() if body.first_session else "to be agreed"
    rows: list[tuple[str, Flowable | list[Flowable]]] = [
        ("Topics of interest", listed(body.topics)),
        ("Off-limit topics", listed(body.off_limits)),
        ("Where we meet", para(body.meeting_place or "to be agreed", st.cell)),
        ("Format", para(body.format, st.cell)),
        ("How often", para(body.frequency, st.cell)),
        ("Length of a session", para(f"{body.length_min} minutes", st.cell)),
        ("First session", para(first, st.cell)),
        ("Number of sessions", para(str(body.sessions), st.cell)),
    ]
    return [[para(label, st.label), value] for label, value in rows]


def _signature_block(role: str, name: str, sig: Signature | None, st: _Styles) -> Flowable:
    title = f"{ROLE_TITLES[role]} — {name}" if name.strip() else ROLE_TITLES[role]
    parts: list[Flowable] = [para(title, st.label, rtl=False)]
    if sig is None:
        parts += [
            Spacer(1, 12 * mm),
            para("Signature ______________________________    Date ______________", st.cell),
        ]
    else:
        if sig.image:
            reader = ImageReader(io.BytesIO(sig.image))
            w, h = reader.getSize()
            scale = min(60 * mm / w, 18 * mm / h, 1.0) if w and h else 1.0
            parts.append(
                Image(io.BytesIO(sig.image), width=w * scale, height=h * scale, hAlign="LEFT")
            )
        words = METHOD_WORDS.get(sig.method, sig.method)
        parts.append(
            para(
                f"Signed by {sig.typed_name} on {signed_on_text(sig.signed_on)} ({words})",
                st.cell,
                rtl=False,
            )
        )
    parts.append(Spacer(1, 5 * mm))
    return KeepTogether(parts)


def _story(doc: AgreementDocument, st: _Styles, width: float) -> list[Flowable]:
    ident = doc.identity
    story: list[Flowable] = [
        para(ident.programme or "Reverse mentoring programme", st.title, bold=True),
        para(f"Reverse mentoring agreement · {ident.cohort} · version {doc.version}", st.subtitle),
    ]
    if doc.sha256 is None:
        story.append(para("DRAFT — not yet agreed; this text may still change.", st.draft))
    people = Table(
        [[_party_cell("mentor", ident.mentor, st), _party_cell("mentee", ident.mentee, st)]],
        colWidths=[width / 2] * 2,
    )
    people.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), CELL_FONT,
                                ("LEFTPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    story += [people, para("What we agreed", st.h2)]
    fields = Table(_field_rows(doc.body, st), colWidths=[45 * mm, width - 45 * mm])
    fields.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        CELL_FONT,
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (0, 0), (-1, -2), 0.25, colors.HexColor("#CCCCCC")),
    ]))  # fmt: skip
    story.append(fields)
    for section in doc.body.sections:
        story.append(para(section.title, st.h2, bold=True))
        for paragraph in section.text.split("\n"):
            if paragraph.strip():
                story.append(para(paragraph, st.body))
    story.append(para(SIGNATURES_HEADING, st.h2, bold=True))
    signed = {s.role: s for s in doc.signatures}
    names = {"mentor": ident.mentor.name, "mentee": ident.mentee.name, "officer": doc.officer_name}
    for role in ("mentor", "mentee", "officer"):
        if role == "officer" and not (doc.officer_signs or role in signed):
            continue
        story.append(_signature_block(role, names[role], signed.get(role), st))
    if doc.sha256:
        story.append(para(f"Content fingerprint (SHA-256): {doc.sha256}", st.small))
    return story


def _canvas_class(footer_left: str) -> type[Canvas]:
    """A canvas that knows the page count when it draws each footer ("page x of y")."""

    class FooterCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, object]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                width = self._pagesize[0]
                self.setFont(BASE_FONT, 8)
                self.setFillColor(colors.HexColor("#555555"))
                self.drawCentredString(width / 2, 12 * mm,
                                       footer_left.format(page=number, total=total))  # fmt: skip
                super().showPage()
            super().save()

    return FooterCanvas


def render_agreement_pdf(data: AgreementDocument, page_size: str = "A4") -> bytes:
    """The agreement as PDF bytes; the same document and page size give the same bytes."""
    st = _get_styles()
    size = PAGE_SIZES[page_size]
    out = io.BytesIO()
    ident = data.identity
    between = f"{ident.mentor.name} and {ident.mentee.name}"
    state = data.short_hash if data.sha256 else "DRAFT"
    template = SimpleDocTemplate(
        out,
        pagesize=size,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=22 * mm,
        invariant=1,
        initialFontName=BASE_FONT,  # else an unembedded Helvetica is listed on every page
        initialFontSize=10,
        title=f"Reverse mentoring agreement: {between}",
        author=ident.programme or "rmdesk",
        subject=f"Ground rules agreed by {between}, {ident.cohort}, version {data.version}",
        keywords=f"{KEYWORD_PREFIX}{data.sha256}" if data.sha256 else "draft",
        creator="rmdesk",
    )
    footer = f"Version {data.version} · page {{page}} of {{total}} · {state}"
    frame_width = template.width - 12  # the frame pads 6 pt on each side
    template.build(_story(data, st, frame_width), canvasmaker=_canvas_class(footer))
    return out.getvalue()


def signed_on_text(day: date) -> str:
    """How a signing date is printed (ISO, so it reads the same in every locale)."""
    return day.isoformat()
