"""Agreement PDF speed (``make bench``; prints, never asserts times).

200 signed agreements, names cycling through nine scripts, rendered by ``render_agreement_pdf``,
against a bare reportlab document built in the same run: the same text as flat paragraphs in the
same fonts (font runs worked out before the clock starts; labels, signature lines and footers
included) and the same drawn signature image, shaping only where a script needs it, no tables,
no footer canvas. Goal from issue 10: at most 1.3x the bare document.
"""

from __future__ import annotations

import gc
import io
import time
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate

from rmdesk.documents.agreement_pdf import AgreementDocument, render_agreement_pdf
from rmdesk.documents.fonts import (
    BASE_FONT,
    BOLD_FONT,
    direction,
    font_runs,
    needs_shaping,
    paragraph_style,
)
from tests.unit.agreement_samples import NAMES, drawn_png, signed_document

N = 200
GOAL = 1.3


def _documents() -> list[AgreementDocument]:
    scripts = sorted(NAMES)
    return [signed_document(scripts[i % len(scripts)], version=1 + i // 9) for i in range(N)]


def _lines(doc: AgreementDocument) -> list[tuple[str, bool]]:
    """Every line the agreement prints (labels, signature lines and footers too), and bold."""
    ident, body = doc.identity, doc.body
    lines = [
        (ident.programme, True),
        (f"Reverse mentoring agreement · {ident.cohort} · version {doc.version}", False),
    ]
    for role, p in (("Mentor", ident.mentor), ("Mentee", ident.mentee)):
        lines += [(role, False), (p.name, True), (p.title, False), (p.department, False)]
    lines.append(("What we agreed", True))
    labels = ("Topics of interest", "Off-limit topics", "Where we meet", "Format", "How often",
              "Length of a session", "First session", "Number of sessions")  # fmt: skip
    lines += [(label, False) for label in labels]
    lines += [(f"• {t}", False) for t in (*body.topics, *body.off_limits)]
    first = body.first_session.isoformat() if body.first_session else "to be agreed"
    for value in (body.meeting_place, body.format, body.frequency, f"{body.length_min} minutes",
                  first, str(body.sessions)):  # fmt: skip
        lines.append((value, False))
    for s in body.sections:
        lines.append((s.title, True))
        lines += [(t, False) for t in s.text.split("\n") if t.strip()]
    lines.append(("Signatures", True))
    for sig in doc.signatures:
        lines.append((f"{sig.role.title()} — {sig.typed_name}", False))
        lines.append((f"Signed by {sig.typed_name} on {sig.signed_on} ({sig.method})", False))
    lines.append((f"Content fingerprint (SHA-256): {doc.sha256}", False))
    lines += [(f"Version {doc.version} · page {n} of 2 · {doc.short_hash}", False) for n in (1, 2)]
    return lines


def _bare_story_source(doc: AgreementDocument) -> list[tuple[str, bool, str | None, bool]]:
    """(markup, bold, wordWrap, shaping) for each line, computed outside the timed part."""
    out = []
    for text, bold in _lines(doc):
        runs = font_runs(text, bold)
        markup = "".join(
            escape(r) if f in (BASE_FONT, BOLD_FONT) else f'<font face="{f}">{escape(r)}</font>'
            for f, r in runs
        )
        out.append((markup, bold, direction(text), needs_shaping(text)))
    return out


def _bare(sources: list[list[tuple[str, bool, str | None, bool]]], png: bytes) -> None:
    styles = {
        (bold, wrap, shaping): paragraph_style(
            f"bare-{bold}-{wrap}-{shaping}", 10, bold=bold, wordWrap=wrap, shaping=int(shaping)
        )
        for bold in (False, True)
        for wrap in (None, "LTR", "RTL")
        for shaping in (False, True)
    }
    for source in sources:
        story: list[Flowable] = [Paragraph(m, styles[(b, w, s)]) for m, b, w, s in source]
        story.append(Image(io.BytesIO(png), width=60 * mm, height=18 * mm))
        out = io.BytesIO()
        doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, invariant=1)
        doc.build(story)


def _best(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def test_bench_200_agreements_against_bare_reportlab() -> None:
    docs = _documents()
    sources = [_bare_story_source(d) for d in docs]
    render_agreement_pdf(docs[0])  # fonts registered and styles made before the clock
    png = drawn_png()
    _bare(sources[:1], png)
    ours = _best(lambda: [render_agreement_pdf(d) for d in docs])
    bare = _best(lambda: _bare(sources, png))
    ratio = ours / bare
    print(
        f"\n{N} agreement PDFs: {ours:.2f} s ({ours / N * 1000:.1f} ms each); "
        f"bare reportlab, same text and fonts: {bare:.2f} s; "
        f"ratio {ratio:.2f}x (goal <= {GOAL}x)"
    )
    assert ours > 0 and bare > 0
