"""Record and rebuild the fonts shipped in resources/fonts (used for agreement PDFs).

The CJK fonts come unmodified from Debian 12 packages (NanumGothic's licence reserves its name
for unmodified copies, so it is not subset); the Noto fonts for Latin, Greek, Cyrillic, Arabic,
Hebrew and Devanagari are merged into one font, RmdeskSans, with fontTools (see MERGED).
reportlab subsets each font when
it embeds it, so a PDF carries only the glyphs it prints. CFF-flavoured fonts (Noto Sans CJK
.otf/.ttc) are not used: reportlab reads TrueType (glyf) outlines only.

  python scripts/make_fonts.py          check the shipped files against the recorded hashes
  python scripts/make_fonts.py --fetch  download the Debian packages (apt-get download) into a
                                        temporary folder, extract them, merge the Noto fonts and
                                        copy the fonts over (needs fontTools)
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"
NOTO = "fonts-noto-core=20201225-1"
NOTO_DIR = "usr/share/fonts/truetype/noto"

#: Merged from Noto Sans + Noto Sans Arabic + Hebrew + Devanagari (in that order: the first font
#: that maps a character wins). One font for these scripts means that a word such as "(محمد)" or
#: "כהן," is never split between two fonts, which reportlab's shaping and bidi cannot handle.
MERGED: dict[str, list[str]] = {
    f"RmdeskSans-{weight}.ttf": [
        f"NotoSans{script}-{weight}.ttf" for script in ("", "Arabic", "Hebrew", "Devanagari")
    ]
    for weight in ("Regular", "Bold")
}

#: file -> (Debian package and version, path inside the package, sha256, what it covers)
SOURCES: dict[str, tuple[str, str, str, str]] = {
    "RmdeskSans-Regular.ttf": (
        NOTO,
        "(merged, see MERGED)",
        "7f2df83a112f2ddda0620e1af42e384655a22cf2ea2de16ade96f071b7870ba0",
        "Latin incl. Vietnamese, Greek, Cyrillic, Arabic, Hebrew, Devanagari (OFL-1.1)",
    ),
    "RmdeskSans-Bold.ttf": (
        NOTO,
        "(merged, see MERGED)",
        "807e9239d5e9d827345dc979c8a9d716caeddae43f6f57bf6eee50c3a05477c7",
        "the same, bold",
    ),
    "DroidSansFallbackFull.ttf": (
        "fonts-droid-fallback=1:6.0.1r16-1.1",
        "usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "acb6440a713d880a13a21b468ba7cd43f5a2b2934972e51be791c880730777b8",
        "Chinese (all 20,902 URO ideographs, Ext. A), Japanese kana; no Hangul (Apache-2.0)",
    ),
    "NanumGothic.ttf": (
        "fonts-nanum=20200506-1",
        "usr/share/fonts/truetype/nanum/NanumGothic.ttf",
        "48a28e97b34fc8e5b157657633670cd1b7de126cfc414da65ce9c3d5bc8be733",
        "Korean: all 11,172 Hangul syllables, compatibility jamo, KS X 1001 Hanja (OFL-1.1)",
    ),
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check() -> int:
    """Exit status 0 when every shipped font is the recorded file."""
    bad = 0
    for name, (_pkg, _inner, digest, covers) in SOURCES.items():
        path = FONTS / name
        ok = path.exists() and sha256(path) == digest
        bad += not ok
        print(f"{'ok ' if ok else 'BAD'} {name:32} {covers}")
    return 1 if bad else 0


def merge(noto_dir: Path, out: Path, parts: list[str]) -> None:
    """Merge the Noto fonts into one TrueType font named RmdeskSans (OFL allows it)."""
    from fontTools.merge import Merger, Options
    from fontTools.ttLib import TTFont

    font = Merger(options=Options(drop_tables=["DSIG"])).merge(
        [str(noto_dir / part) for part in parts]
    )
    bold = "Bold" in out.name
    names = {1: "RmdeskSans", 2: "Bold" if bold else "Regular", 4: out.stem, 6: out.stem}
    for record in font["name"].names:
        if record.nameID in names:
            record.string = names[record.nameID]
    # The merger stamps the current time; take the first source's dates for reproducible bytes.
    first = TTFont(str(noto_dir / parts[0]))["head"]
    font["head"].created, font["head"].modified = first.created, first.modified
    font.recalcTimestamp = False
    font.save(str(out))


def fetch() -> int:
    """Download the Debian packages, build the merged font and copy the rest."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        packages = sorted({pkg for pkg, *_ in SOURCES.values()})
        subprocess.run(["apt-get", "download", *packages], cwd=work, check=True)
        for deb in work.glob("*.deb"):
            subprocess.run(["dpkg", "-x", str(deb), str(work / "x")], check=True)
        for name, (_pkg, inner, _digest, _covers) in SOURCES.items():
            if name in MERGED:
                merge(work / "x" / NOTO_DIR, FONTS / name, MERGED[name])
            else:
                shutil.copyfile(work / "x" / inner, FONTS / name)
    return check()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fetch", action="store_true", help="download and copy the fonts")
    args = parser.parse_args()
    return fetch() if args.fetch else check()


if __name__ == "__main__":
    sys.exit(main())
