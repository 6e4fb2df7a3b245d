"""Check that an agreement PDF is what rmdesk printed for a frozen version.

``claimed_hash`` reads the content hash the file claims (document info, else the fingerprint
line, else the footer's 12-digit short hash). ``verify_against`` then renders the claimed version
afresh on the file's paper size and compares: identical bytes is an exact copy; otherwise the
extracted text (NFKC, whitespace removed) must be the same. A copy printed before some people
signed still verifies, as long as every signature it shows is the stored one.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from rmdesk.documents.agreement_pdf import (
    KEYWORD_PREFIX,
    AgreementDocument,
    render_agreement_pdf,
)
from rmdesk.models.agreements import Signature, content_sha256

_FULL = re.compile(r"SHA-256\):\s*([0-9a-f]{64})")
_SHORT = re.compile(r"Version \d+ · page \d+ of \d+ · ([0-9a-f]{12})")


@dataclass(frozen=True, slots=True)
class VerifyOutcome:
    """Whether a file matches a stored version, and a sentence saying so."""

    matches: bool
    sentence: str
    exact: bool = False
    signed_roles: tuple[str, ...] = ()


def _read(source: Path | str | bytes) -> tuple[bytes, PdfReader]:
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    return data, PdfReader(io.BytesIO(data))


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def is_rmdesk_draft(source: Path | str | bytes) -> bool:
    """An agreement rmdesk printed before it was signed: no fingerprint to check, by design."""
    try:
        _data, reader = _read(source)
        info = reader.metadata
    except (PdfReadError, OSError, ValueError):
        return False
    if info is None:
        return False
    return str(info.get("/Creator") or "") == "rmdesk" and str(info.get("/Keywords")) == "draft"


def claimed_hash(source: Path | str | bytes) -> str | None:
    """The content hash a PDF claims: 64 hex digits, or only 12 when just the footer remains
    (match those as a prefix). None for a file that is not an rmdesk agreement or not a PDF."""
    try:
        _data, reader = _read(source)
        info = reader.metadata
        keywords = str(info.get("/Keywords") or "") if info is not None else ""
        found = re.search(re.escape(KEYWORD_PREFIX) + r"([0-9a-f]{64})", keywords)
        if found:
            return found.group(1)
        text = _text(reader)
    except (PdfReadError, OSError, ValueError):
        return None
    full = _FULL.search(text)
    if full:
        return full.group(1)
    short = _SHORT.search(text)
    return short.group(1) if short else None


def _normalised(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _page_size(reader: PdfReader) -> str:
    width = float(reader.pages[0].mediabox.width) if reader.pages else 0.0
    return "Letter" if abs(width - 612) < 2 else "A4"


def _signature_sets(signatures: tuple[Signature, ...]) -> list[tuple[Signature, ...]]:
    """Every subset of the stored signatures, all of them first, then none, then the rest."""
    subsets = [signatures, ()]
    for size in range(len(signatures) - 1, 0, -1):
        subsets += list(combinations(signatures, size))
    return subsets


def verify_against(source: Path | str | bytes, document: AgreementDocument) -> VerifyOutcome:
    """Whether the PDF is a true copy of ``document`` (a frozen version as stored)."""
    version = f"version {document.version}"
    if document.sha256 is None:
        return VerifyOutcome(False, f"{version} is a draft: only signed versions can be verified.")
    expected = content_sha256(document.body, document.identity, document.version)
    if expected != document.sha256:
        return VerifyOutcome(
            False, f"The stored {version} no longer hashes to its recorded fingerprint."
        )
    try:
        data, reader = _read(source)
        claimed = claimed_hash(data)
        text = _normalised(_text(reader))
    except (PdfReadError, OSError, ValueError) as exc:
        return VerifyOutcome(False, f"The file could not be read as a PDF ({exc}).")
    if claimed is None or not document.sha256.startswith(claimed):
        return VerifyOutcome(False, f"The file does not claim the fingerprint of {version}.")
    size = _page_size(reader)
    for shown in _signature_sets(document.signatures):
        fresh = render_agreement_pdf(replace(document, signatures=shown), size)
        roles = tuple(s.role for s in shown)
        who = ", ".join(roles) if roles else "no one"
        if fresh == data:
            return VerifyOutcome(True, f"Exact copy of {version} (signed by {who}).", True, roles)
        fresh_reader = PdfReader(io.BytesIO(fresh))
        if _normalised(_text(fresh_reader)) == text:
            if _drawn(fresh_reader) != _drawn(reader):
                return VerifyOutcome(
                    False,
                    f"The text matches {version}, but the pages are not as rmdesk printed them: "
                    "something was drawn over them or added (or another program rewrote the "
                    "file). Treat it as altered.",
                )
            sentence = f"The text matches {version} (signatures shown: {who})."
            return VerifyOutcome(True, sentence, False, roles)
    return VerifyOutcome(False, f"The file claims {version}, but its text differs: it was altered.")


def _drawn(reader: PdfReader) -> list[tuple[bytes, list[bytes]]]:
    """What each page draws: its content stream, and the data of every image or form it
    places. A box painted over a line, or a picture of other words laid on top, leaves the
    text as it was but changes these; saving the file again with other tools keeps them."""
    pages = []
    for page in reader.pages:
        contents = page.get_contents()
        stream = contents.get_data() if contents is not None else b""
        placed: list[bytes] = []
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is not None:
            for _name, ref in sorted(xobjects.get_object().items()):
                placed.append(ref.get_object().get_data())
        pages.append((stream, placed))
    return pages
