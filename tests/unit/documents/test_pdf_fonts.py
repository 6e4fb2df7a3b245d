"""Fonts for PDFs: every character is set in a font that really has its glyph."""

from __future__ import annotations

from functools import cache

import pytest
from fontTools.ttLib import TTFont

from rmdesk.documents.fonts import (
    BASE_FONT,
    direction,
    font_file,
    font_runs,
    is_rtl,
    markup,
    needs_shaping,
    para,
    paragraph_style,
    register_fonts,
)
from tests.unit.agreement_samples import NAMES, template

EXTRA = {
    "devanagari": "राहुल शर्मा",
    "mixed": "Mentee: محمد عبد الله (Finance), 王小明 & 김민준 — «Ελένη», “Ольга”",
    "punctuation": "Café 50% → 10:30 · № 7 ‘quoted’ ½ … ©",
}


@cache
def _font(name: str) -> tuple[dict[int, str], list[str], TTFont]:
    font = TTFont(font_file(name))
    return font.getBestCmap(), font.getGlyphOrder(), font


def _assert_every_glyph_real(text: str, bold: bool = False) -> None:
    for name, run in font_runs(text, bold):
        cmap, order, font = _font(name)
        for ch in run:
            glyph = cmap.get(ord(ch))
            assert glyph is not None, f"{ch!r} U+{ord(ch):04X} is not in {name}"
            assert order.index(glyph) != 0 and glyph != ".notdef", f"{ch!r} is .notdef in {name}"
            if not ch.isspace():
                outline = font["glyf"][glyph]
                assert outline.numberOfContours != 0, f"{ch!r} is blank in {name}"


@pytest.mark.parametrize("script", sorted(NAMES))
def test_every_name_maps_to_a_real_glyph(script: str) -> None:
    for name in NAMES[script]:
        _assert_every_glyph_real(name)
        _assert_every_glyph_real(name, bold=True)


@pytest.mark.parametrize("key", sorted(EXTRA))
def test_other_scripts_and_punctuation_map_to_real_glyphs(key: str) -> None:
    _assert_every_glyph_real(EXTRA[key])


def test_the_whole_template_maps_to_real_glyphs() -> None:
    t = template()
    for text in (*t.topic_prompts, *t.off_limits, t.place_hint):
        _assert_every_glyph_real(text)
    for section in t.sections:
        _assert_every_glyph_real(section.title, bold=True)
        _assert_every_glyph_real(section.text)


def test_scripts_get_the_expected_fonts() -> None:
    assert font_runs("Иван Петров") == [(BASE_FONT, "Иван Петров")]
    assert font_runs("محمد عبد الله") == [(BASE_FONT, "محمد عبد الله")]
    assert [n for n, _ in font_runs("王小明 김민준")] == ["DroidSansFallback", "NanumGothic"]
    # The space between two CJK names stays with the run before it.
    assert font_runs("王小明 김민준")[0][1] == "王小明 "
    assert font_runs("Zoë", bold=True) == [("RmdeskSans-Bold", "Zoë")]
    assert font_runs("") == []


def test_register_fonts_is_idempotent() -> None:
    register_fonts()
    register_fonts()
    from reportlab.pdfbase import pdfmetrics

    assert BASE_FONT in pdfmetrics.getRegisteredFontNames()


def test_markup_escapes_and_wraps_runs() -> None:
    out = markup("R&D <team> 王小明\nline two")
    assert out.startswith("R&amp;D &lt;team&gt; ")
    assert '<font face="DroidSansFallback">王小明</font>' in out
    assert "<br/>" in out


def test_direction_and_shaping() -> None:
    assert direction("Hello") is None
    assert direction("דוד כהן") == "RTL" and is_rtl("محمد عبد الله")
    assert direction("Mentee: محمد") == "LTR" and not is_rtl("Mentee: محمد")
    assert needs_shaping("राहुल") and needs_shaping("محمد") and not needs_shaping("王小明 Zoë")


def test_para_sets_direction_alignment_and_shaping() -> None:
    style = paragraph_style("t", 10)
    assert style.shaping == 1
    rtl = para("محمد عبد الله", style)
    assert (rtl.style.wordWrap, rtl.style.alignment, rtl.style.shaping) == ("RTL", 2, 1)
    forced = para("محمد عبد الله", style, rtl=False)
    assert (forced.style.wordWrap, forced.style.alignment) == ("LTR", 0)
    plain = para("Zoë", style)
    assert (plain.style.wordWrap, plain.style.shaping) == (None, 0)
    assert para("Zoë", style).style is plain.style  # variants are cached


@pytest.mark.parametrize("number", ["٢٠٢٦", "۱۴۰۳", "٢٠٢٦/٠٣/٠١", "١٢٫٥"])
def test_arabic_indic_numbers_print_in_their_order(number: str, tmp_path: object) -> None:
    """The shaper set a run of Arabic-Indic digits right to left: '٢٠٢٦' printed '٦٢٠٢'."""
    from pathlib import Path

    from pypdf import PdfReader
    from reportlab.platypus import SimpleDocTemplate

    from rmdesk.documents.fonts import para
    from rmdesk.documents.pdf_layout import make_styles

    out = Path(str(tmp_path)) / "digits.pdf"
    SimpleDocTemplate(str(out)).build([para(f"Spring {number} cohort", make_styles().body)])
    text = PdfReader(out).pages[0].extract_text()
    assert f"{number} cohort" in text, text
