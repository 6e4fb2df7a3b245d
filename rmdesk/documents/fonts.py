"""Fonts for the PDFs rmdesk writes, and script fallback so that every character is printed.

reportlab has no font fallback: a character missing from the paragraph's font prints as a box or
a blank. ``markup`` therefore cuts a text into runs and sets each run in the first shipped font
whose character map holds its characters (RmdeskSans, Noto Sans merged with Noto Sans Arabic,
Hebrew and Devanagari, for those and Latin, Greek and Cyrillic; Droid Sans Fallback for Chinese
and Japanese; NanumGothic for Korean). Punctuation, digits and spaces stay in the run around
them when that font has them, so that words are not cut into fonts needlessly. The fonts ship
in ``resources/fonts`` (see ``scripts/make_fonts.py``) and are never fetched.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from rmdesk.paths import resource


@dataclass(frozen=True, slots=True)
class Face:
    """One shipped family: its registered names and files (bold falls back to regular)."""

    regular: str
    regular_file: str
    bold: str
    bold_file: str | None


FACES: tuple[Face, ...] = (
    # Noto Sans merged with Noto Sans Arabic, Hebrew and Devanagari: one font for these scripts,
    # so that no word is split between fonts (reportlab shapes a word with its first font).
    Face("RmdeskSans", "RmdeskSans-Regular.ttf", "RmdeskSans-Bold", "RmdeskSans-Bold.ttf"),
    Face("DroidSansFallback", "DroidSansFallbackFull.ttf", "DroidSansFallback", None),
    Face("NanumGothic", "NanumGothic.ttf", "NanumGothic", None),
)
BASE_FONT = "RmdeskSans"
BOLD_FONT = "RmdeskSans-Bold"
_BY_NAME = {f.regular: f for f in FACES}

# Scripts that prefer a family other than the first one that maps them.
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x1100, 0x11FF, "NanumGothic"),
    (0x2E80, 0x312F, "DroidSansFallback"),
    (0x3130, 0x318F, "NanumGothic"),
    (0x3190, 0x9FFF, "DroidSansFallback"),
    (0xA960, 0xA97F, "NanumGothic"),
    (0xAC00, 0xD7FF, "NanumGothic"),
    (0xF900, 0xFAFF, "DroidSansFallback"),
    (0xFE30, 0xFE4F, "DroidSansFallback"),
    (0xFF00, 0xFFEF, "DroidSansFallback"),
    (0x20000, 0x3FFFF, "DroidSansFallback"),
)
# Letters that change shape with their neighbours (Hebrew, Arabic, Syriac, Thaana, Indic and
# the presentation forms): uharfbuzz must run on them.
_COMPLEX = re.compile("[\u0590-\u0dff\ufb1d-\ufdff\ufe70-\ufeff]")
# Right-to-left letters, to skip the per-character bidi count for most texts.
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_registered = False


def register_fonts() -> None:
    """Register every shipped font with reportlab (once; later calls do nothing)."""
    global _registered
    if _registered:
        return
    for face in FACES:
        pdfmetrics.registerFont(TTFont(face.regular, str(resource(f"fonts/{face.regular_file}"))))
        if face.bold_file:
            pdfmetrics.registerFont(TTFont(face.bold, str(resource(f"fonts/{face.bold_file}"))))
    _registered = True


def font_file(name: str) -> str:
    """The file behind a registered font name (tests read its cmap with fontTools)."""
    for face in FACES:
        if name == face.regular:
            return str(resource(f"fonts/{face.regular_file}"))
        if name == face.bold and face.bold_file:
            return str(resource(f"fonts/{face.bold_file}"))
    raise KeyError(name)


def _has(family: str, code: int) -> bool:
    return code in pdfmetrics.getFont(family).face.charToGlyph


@lru_cache(maxsize=8192)
def _preferred(code: int) -> str | None:
    """The family a character's script asks for, or None for Latin-like and common ones."""
    for lo, hi, family in _SCRIPT_RANGES:
        if lo <= code <= hi:
            return family
    return None


@lru_cache(maxsize=16384)
def _family_for(ch: str) -> tuple[str, bool]:
    """(family that holds the character, whether the character is neutral)."""
    code = ord(ch)
    neutral = unicodedata.category(ch)[0] in "ZPSNC" and _preferred(code) is None
    preferred = _preferred(code)
    order = [preferred] if preferred else []
    order += [f.regular for f in FACES if f.regular != preferred]
    for family in order:
        if _has(family, code):
            return family, neutral
    return BASE_FONT, neutral  # no shipped font has it; tests check this never happens


def font_runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """Cut NFC text into (font name, run) pieces, each set in a font that has its glyphs."""
    register_fonts()
    text = unicodedata.normalize("NFC", text)
    if all(_family_for(ch)[0] == BASE_FONT for ch in set(text)):
        return [(_font_name(BASE_FONT, bold), text)] if text else []
    families: list[str | None] = []
    for ch in text:
        found, neutral = _family_for(ch)
        families.append(None if neutral else found)
    # Neutral characters join the run before them (else after) when that font has them.
    last: str | None = None
    for i, ch in enumerate(text):
        if families[i] is None:
            after = next((f for f in families[i + 1 :] if f is not None), None)
            for candidate in (last, after):
                if candidate is not None and _has(candidate, ord(ch)):
                    families[i] = candidate
                    break
            else:
                families[i] = _family_for(ch)[0]
        last = families[i]
    runs: list[tuple[str, str]] = []
    for ch, family in zip(text, families, strict=True):
        name = _font_name(family or BASE_FONT, bold)
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + ch)
        else:
            runs.append((name, ch))
    return runs


def _font_name(family: str, bold: bool) -> str:
    face = _BY_NAME[family]
    return face.bold if bold else face.regular


def markup(text: str, bold: bool = False) -> str:
    """Paragraph markup for plain text: XML-escaped, every run in a ``<font face>`` that has it.

    Line breaks become ``<br/>``. Runs in the base family inherit the paragraph style's font,
    so a bold style prints them bold; ``bold`` picks the bold faces of the other scripts."""
    base = (BASE_FONT, BOLD_FONT)
    out: list[str] = []
    for name, run in font_runs(text, bold):
        body = escape(run).replace("\n", "<br/>")
        out.append(body if name in base else f'<font face="{name}">{body}</font>')
    return "".join(out)


def paragraph_style(
    name: str, size: float = 10, bold: bool = False, **kw: object
) -> ParagraphStyle:
    """A paragraph style in the base font with shaping on (Arabic joining, Indic clusters)."""
    register_fonts()
    options: dict[str, object] = {"leading": round(size * 1.35, 2), "shaping": 1}
    options.update(kw)
    return ParagraphStyle(name, fontName=BOLD_FONT if bold else BASE_FONT, fontSize=size, **options)


def direction(text: str) -> str | None:
    """'RTL' when most strong letters are right-to-left, 'LTR' when some are, else None.

    reportlab reorders a paragraph (python-bidi) only when its wordWrap is 'RTL' or 'LTR'."""
    if _RTL.search(text) is None:
        return None
    rtl = ltr = 0
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            rtl += 1
        elif kind == "L":
            ltr += 1
    if not rtl:
        return None
    return "RTL" if rtl > ltr else "LTR"


def is_rtl(text: str) -> bool:
    """Whether a text is mainly right-to-left (set ``wordWrap='RTL'`` and align it right)."""
    return direction(text) == "RTL"


def needs_shaping(text: str) -> bool:
    """Whether the text holds a script whose letters must be shaped (Arabic, Hebrew, Indic)."""
    return _COMPLEX.search(text) is not None


_variants: dict[tuple[int, str | None, bool], tuple[ParagraphStyle, ParagraphStyle]] = {}


def _variant(style: ParagraphStyle, wrap: str | None, shaping: bool) -> ParagraphStyle:
    key = (id(style), wrap, shaping)
    hit = _variants.get(key)
    if hit is not None and hit[0] is style:
        return hit[1]
    changes: dict[str, object] = {"shaping": 1 if shaping else 0}
    if wrap:
        changes["wordWrap"] = wrap
    if wrap == "RTL" and style.alignment == TA_LEFT:
        changes["alignment"] = TA_RIGHT
    made = ParagraphStyle(f"{style.name}-{wrap}-{int(shaping)}", parent=style, **changes)
    _variants[key] = (style, made)
    return made


def para(
    text: str, style: ParagraphStyle, bold: bool = False, rtl: bool | None = None
) -> Paragraph:
    """A Paragraph of plain text in any script: font runs, shaping and direction set for it.

    Shaping is turned on only where a script needs it (it is slower). Mainly right-to-left text
    is reordered and aligned right; ``rtl=False`` keeps a line left-to-right (a label beside a
    name) while still reordering its right-to-left words."""
    wrap = direction(text)
    if wrap and rtl is not None:
        wrap = "RTL" if rtl else "LTR"
    shaping = needs_shaping(text)
    if shaping:
        text = _INDIC_DIGITS.sub(lambda m: m.group(0)[::-1], text)
    return Paragraph(markup(text, bold), _variant(style, wrap, shaping))


#: Numbers in Arabic-Indic and Persian digits, with the separators inside them (a date
#: '٢٠٢٦/٠٣/٠١', '١٢٫٥'). Their script is Arabic, so the shaper sets each right to left,
#: while numbers read left to right in any script ('٢٠٢٦' printed as '٦٢٠٢', in an Arabic
#: line as in a Latin one). Handed over reversed, they come out in their order.
_DIGIT = "[\u0660-\u0669\u06f0-\u06f9]"
_INDIC_DIGITS = re.compile(f"{_DIGIT}+(?:[/:.,\\-\u066b\u066c]{_DIGIT}+)*")
