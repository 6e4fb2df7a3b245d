"""Page layout shared by the programme PDFs: A4 pages with a footer, styles, cancellable build.

The build reports progress after each flowable; a ``progress`` that returns False stops it and
no file is left behind (the PDF is written to a temp file that only a finished build replaces).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import BaseDocTemplate

from rmdesk.documents.atomic_file import atomic_path
from rmdesk.documents.document_data import ReportInfo as ReportInfo
from rmdesk.documents.fonts import para, paragraph_style, register_fonts

#: ``progress(done, total) -> bool``: False cancels, and no file is written.
Progress = Callable[[int, int], bool]


@dataclass(frozen=True, slots=True)
class Styles:
    """The few paragraph styles the programme documents use."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    footer: ParagraphStyle


def make_styles() -> Styles:
    register_fonts()
    return Styles(
        title=paragraph_style("rm-title", 26, bold=True, spaceAfter=10, leading=32),
        subtitle=paragraph_style("rm-subtitle", 14, spaceAfter=6),
        h1=paragraph_style("rm-h1", 16, bold=True, spaceBefore=4, spaceAfter=8),
        h2=paragraph_style("rm-h2", 11.5, bold=True, spaceBefore=8, spaceAfter=4),
        body=paragraph_style("rm-body", 10, spaceAfter=6),
        small=paragraph_style("rm-small", 8.5, textColor="#4b5563"),
        cell=paragraph_style("rm-cell", 8.5),
        cell_bold=paragraph_style("rm-cell-bold", 8.5, bold=True),
        footer=paragraph_style("rm-footer", 7.5, textColor="#4b5563"),
    )


class Cancelled(Exception):
    """The progress callback asked to stop."""


class _ProgrammeDoc(BaseDocTemplate):
    """A4 portrait, one frame, a footer naming the document and the page."""

    def __init__(
        self,
        filename: str,
        info: ReportInfo,
        kind: str,
        styles: Styles,
        progress: Progress | None,
        total: int,
    ) -> None:
        super().__init__(
            filename,
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=18 * mm,
            bottomMargin=20 * mm,
            title=f"{info.programme} — {kind}",
            author=info.prepared_by or "rmdesk",
            subject=f"Reverse mentoring programme {info.programme}: {kind.lower()}",
            creator="rmdesk",
            invariant=1,
        )
        self._footer_text = f"{info.programme} · {kind}"
        self._styles = styles
        self._progress = progress
        self._total = total
        self._done = 0
        frame = Frame(
            self.leftMargin, self.bottomMargin, self.width, self.height, id="body", showBoundary=0
        )
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._footer)])

    def _footer(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        text = f"{self._footer_text} · page {canv.getPageNumber()}"
        footer = para(text, self._styles.footer)
        _, h = footer.wrapOn(canv, self.width, 20 * mm)
        footer.drawOn(canv, self.leftMargin, 12 * mm - h / 2)

    def afterFlowable(self, flowable: Flowable) -> None:
        self._done += 1
        if self._progress is not None and not self._progress(
            min(self._done, self._total - 1), self._total
        ):
            raise Cancelled


def build_pdf(
    path: str | os.PathLike[str],
    story: Sequence[Flowable],
    info: ReportInfo,
    kind: str,
    styles: Styles,
    progress: Progress | None = None,
) -> bool:
    """Lay out ``story`` into ``path`` (atomic, 0600); False when cancelled (nothing written)."""
    total = len(story) + 1
    if progress is not None and not progress(0, total):
        return False
    try:
        with atomic_path(path) as tmp:
            doc = _ProgrammeDoc(str(tmp), info, kind, styles, progress, total)
            doc.build(list(story))
    except Cancelled:
        return False
    if progress is not None:
        progress(total, total)
    return True


#: Characters the base font prints as they come (Latin), so a table cell needs no Paragraph.
_PLAIN_BELOW = 0x250
CELL_PADDING = 12  # points a table cell keeps free around its text (6 a side)


def fit_cell(
    text: str, style: ParagraphStyle, width: float, rtl: bool | None = None
) -> str | Paragraph:
    """Plain text when it is Latin and fits on one line (tables lay that out far faster),
    else a wrapping paragraph in fonts that hold its script. ``rtl=False`` keeps a
    right-to-left name aligned left with the column's other names (``para``)."""
    plain = all(ord(ch) < _PLAIN_BELOW for ch in text) and "\n" not in text
    if plain and stringWidth(text, style.fontName, style.fontSize) <= width - CELL_PADDING:
        return text
    return para(text, style, rtl=rtl)


def cells(texts: Sequence[str], style: ParagraphStyle) -> list[Paragraph]:
    """One paragraph per text, each in fonts that hold its script."""
    return [para(t, style) for t in texts]
