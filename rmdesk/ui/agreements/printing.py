"""Print an agreement: the same AgreementDocument the PDF shows, laid out by QTextDocument.

reportlab's PDF cannot be rasterised without QtPdf (PySide6-Addons), so printing draws the
agreement afresh; the text, the signatures and the fingerprint are the same.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

if TYPE_CHECKING:
    from rmdesk.documents.agreement_pdf import AgreementDocument


def agreement_html(doc: AgreementDocument) -> str:
    """The agreement as simple HTML (images referenced as ``sig:ROLE``)."""
    from rmdesk.documents.agreement_pdf import METHOD_WORDS, ROLE_TITLES  # on first use

    ident, body = doc.identity, doc.body
    out = [
        f"<h1>{escape(ident.programme)}</h1>",
        f"<p><i>Reverse mentoring agreement · {escape(ident.cohort)} · version "
        f"{doc.version}</i></p>",
    ]
    if doc.sha256 is None:
        out.append("<p><b>DRAFT — not yet agreed; this text may still change.</b></p>")
    people = "".join(
        f"<td width='50%'><small>{ROLE_TITLES[r]}</small><br><b>{escape(p.name)}</b><br>"
        f"{escape(p.title)}<br>{escape(p.department)}</td>"
        for r, p in (("mentor", ident.mentor), ("mentee", ident.mentee))
    )
    out.append(f"<table width='100%'><tr>{people}</tr></table><h2>What we agreed</h2>")

    def listed(items: tuple[str, ...]) -> str:
        return "<br>".join(f"• {escape(t)}" for t in items) or "—"

    first = body.first_session.isoformat() if body.first_session else "to be agreed"
    rows = [
        ("Topics of interest", listed(body.topics)),
        ("Off-limit topics", listed(body.off_limits)),
        ("Where we meet", escape(body.meeting_place or "to be agreed")),
        ("Format", escape(body.format)),
        ("How often", escape(body.frequency)),
        ("Length of a session", f"{body.length_min} minutes"),
        ("First session", first),
        ("Number of sessions", str(body.sessions)),
    ]
    cells = "".join(
        f"<tr><td width='30%'><small>{k}</small></td><td>{v}</td></tr>" for k, v in rows
    )
    out.append(f"<table width='100%' cellpadding='3'>{cells}</table>")
    for section in body.sections:
        out.append(f"<h2>{escape(section.title)}</h2>")
        out += [f"<p>{escape(p)}</p>" for p in section.text.split("\n") if p.strip()]
    out.append("<h2>Signatures</h2>")
    signed = {s.role: s for s in doc.signatures}
    names = {"mentor": ident.mentor.name, "mentee": ident.mentee.name, "officer": doc.officer_name}
    for role in ("mentor", "mentee", "officer"):
        if role == "officer" and not (doc.officer_signs or role in signed):
            continue
        sig = signed.get(role)
        out.append(f"<p><small>{ROLE_TITLES[role]} — {escape(names[role])}</small><br>")
        if sig is None:
            out.append("<br><br>Signature ______________________________ Date ____________</p>")
            continue
        if sig.image:
            out.append(f"<img src='sig:{role}' height='50'><br>")
        words = METHOD_WORDS.get(sig.method, sig.method)
        out.append(
            f"Signed by {escape(sig.typed_name)} on {sig.signed_on.isoformat()} ({words})</p>"
        )
    if doc.sha256:
        out.append(f"<p><small>Content fingerprint (SHA-256): {doc.sha256}</small></p>")
    return "".join(out)


def agreement_text_document(doc: AgreementDocument) -> QTextDocument:
    """A QTextDocument of the agreement with the drawn signatures as image resources."""
    text = QTextDocument()
    for sig in doc.signatures:
        if sig.image:
            image = QImage.fromData(QByteArray(sig.image))
            text.addResource(
                QTextDocument.ResourceType.ImageResource, QUrl(f"sig:{sig.role}"), image
            )
    text.setHtml(agreement_html(doc))
    return text


def print_agreement(printer: QPrinter, doc: AgreementDocument, page_size: str = "A4") -> None:
    """Lay the agreement out on ``printer``'s pages (a QPrinter can also write a PDF)."""
    size = QPageSize(
        QPageSize.PageSizeId.Letter if page_size == "Letter" else QPageSize.PageSizeId.A4
    )
    printer.setPageLayout(
        QPageLayout(
            size,
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 20, 20, 22),
            QPageLayout.Unit.Millimeter,
        )
    )
    printer.setDocName(f"Agreement {doc.identity.mentor.name} and {doc.identity.mentee.name}")
    paint_pages(printer, doc)


def paint_pages(printer: QPrinter, doc: AgreementDocument) -> int:
    """Paint the agreement page by page with the PDF's footer (version, page x of y, short
    hash); returns the number of pages."""
    text = agreement_text_document(doc)
    painter = QPainter(printer)
    try:
        page = printer.pageRect(QPrinter.Unit.DevicePixel)
        footer_height = painter.fontMetrics().height() * 3
        text.documentLayout().setPaintDevice(printer)
        text.setPageSize(QSizeF(page.width(), page.height() - footer_height))
        total = text.pageCount()
        body_height = text.pageSize().height()
        for number in range(total):
            if number:
                printer.newPage()
            painter.save()
            painter.translate(0, -number * body_height)
            clip = QRectF(0, number * body_height, page.width(), body_height)
            text.drawContents(painter, clip)
            painter.restore()
            footer = f"Version {doc.version} · page {number + 1} of {total} · {doc.short_hash}"
            box = QRectF(0, page.height() - footer_height, page.width(), footer_height)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, footer)
    finally:
        painter.end()
    return total


class AgreementPrinting:
    """The print dialogs; ``preview`` and ``print_dialog`` are the seams tests replace."""

    @classmethod
    def preview(cls, parent: QWidget | None, doc: AgreementDocument, page_size: str) -> bool:
        """Show the print preview (it prints from there); False when closed without printing."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.paintRequested.connect(lambda p: print_agreement(p, doc, page_size))
        try:
            return bool(dialog.exec() == QDialog.DialogCode.Accepted)
        finally:
            dialog.deleteLater()

    @classmethod
    def print_dialog(cls, parent: QWidget | None, doc: AgreementDocument, page_size: str) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            print_agreement(printer, doc, page_size)
            return True
        finally:
            dialog.deleteLater()
