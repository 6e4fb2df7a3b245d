"""Agreement PDFs for many pairs, and what a verification found.

``write_agreements`` touches no database, so the GUI reads the documents on its own thread and
renders and writes them on a worker (each file whole or not at all).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rmdesk.documents.atomic_file import write_bytes_atomic
from rmdesk.documents.document_data import AgreementDocument

#: progress(done, total, what) -> False to cancel
Progress = Callable[[int, int, str], bool]


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """What ``verify`` found: the pair and version a PDF is a true copy of, or why not."""

    matches: bool
    sentence: str
    pair_id: int | None = None
    version: int | None = None
    signed_on: date | None = None
    altered: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "matches": self.matches,
            "altered": self.altered,
            "pair_id": self.pair_id,
            "version": self.version,
            "signed_on": self.signed_on.isoformat() if self.signed_on else None,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class ExportJob:
    """One PDF to write: its file name and what it shows (read on the caller's thread)."""

    filename: str
    document: AgreementDocument


#: Bytes of a name kept in a file name: two names, the pair id and the version stay well
#: under the 255 bytes most file systems allow, in any script.
_NAME_BYTES = 90


def pdf_file_name(pair_id: int, mentor: str, mentee: str, version: int) -> str:
    """'agreement-3-yasmin-haddad-peter-varga-v2.pdf'. A name in Latin letters is written
    in lower case without its accents ('Zoë' -> 'zoe'), which every program that passes files
    around takes; any other name keeps its letters as written ('agreement-4-王伟-فاطمة-الزهراء-
    v1.pdf', 'Søren-Ødegård'), for without them the officer could not tell the files apart."""
    parts = [f"agreement-{pair_id}", _slug(mentor), _slug(mentee), f"v{version}"]
    return "-".join(p for p in parts if p) + ".pdf"


def _slug(name: str) -> str:
    """The letters and digits of ``name`` in lower case, runs of anything else as one '-'."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    latin = _only_ascii_letters(folded)
    text = folded.lower() if latin else unicodedata.normalize("NFC", name)
    # letters, marks (Arabic vowel signs, Devanagari vowels) and digits; the rest separates
    kept = "".join(c if unicodedata.category(c)[0] in "LMN" else " " for c in text)
    slug = "-".join(kept.split())[:_NAME_BYTES]
    while len(slug.encode("utf-8")) > _NAME_BYTES:
        slug = slug[:-1]
    return slug.strip("-")


def _only_ascii_letters(text: str) -> bool:
    return all(c.isascii() for c in text if c.isalnum())


def write_agreements(
    jobs: list[ExportJob], folder: Path, page_size: str, progress: Progress | None = None
) -> list[Path]:
    """Render and write each job into ``folder``, each file whole or not at all (0600).

    Touches no database, so it can run on a worker thread. When ``progress`` returns False the
    export stops: the files already finished stay, no partial one is left."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for done, job in enumerate(jobs):
        if progress is not None and not progress(done, len(jobs), job.filename):
            break
        from rmdesk.documents.agreement_pdf import render_agreement_pdf  # reportlab, when used

        data = render_agreement_pdf(job.document, page_size)
        written.append(write_bytes_atomic(folder / job.filename, data))
    else:
        if progress is not None:
            progress(len(jobs), len(jobs), "done")
    return written
