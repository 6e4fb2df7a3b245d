"""Announcing a cohort's pairs: the pairs list (PDF, XLSX) and an introduction e-mail draft per
pair with its agreement attached, written from what was read (no database, so a worker thread
may write it)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from rmdesk.documents.document_data import AgreementDocument, ReportInfo
from rmdesk.documents.email_drafts import Introduction, write_cohort_drafts
from rmdesk.documents.table_export import ANNOUNCED_PAIR_COLUMNS, Cell, write_xlsx
from rmdesk.models.cohorts import Cohort
from rmdesk.models.people import Employee

#: ``progress(done, total, what) -> bool``: False cancels (as ``rmdesk.ui.common.tasks`` calls).
Progress = Callable[[int, int, str], bool]


@dataclass(frozen=True, slots=True)
class Announcement:
    """What announcing a cohort writes, read on the caller's thread; ``write`` renders and
    writes it without the database, so it may run on a worker thread."""

    cohort: Cohort
    info: ReportInfo
    intros: list[Introduction]  # agreement PDFs are rendered by ``write``
    agreements: dict[int, AgreementDocument]
    page_size: str
    officer_name: str
    officer_email: str | None

    def write(self, folder: str | os.PathLike[str], progress: Progress | None = None) -> list[Path]:
        """The pairs list (PDF, XLSX) and one draft per pair in ``folder``; [] when cancelled
        (the files of this run are removed again, as they are when a file fails)."""
        done: list[Path] = []
        try:
            return self._write(Path(folder), progress, done)
        except BaseException:
            for path in done:
                path.unlink(missing_ok=True)
            raise

    def _write(self, folder: Path, progress: Progress | None, written: list[Path]) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        # reportlab, on first use: the window opens without it
        from rmdesk.documents.agreement_pdf import render_agreement_pdf
        from rmdesk.documents.report_pdf import pairs_list_pdf

        stem = f"Pairs - {_safe(self.cohort.name)}"
        people = [(i.mentor, i.mentee) for i in self.intros]
        total = 2 * len(self.intros) + 2

        def step(done: int, what: str) -> bool:
            return progress is None or progress(done, total, what)

        def cancel() -> list[Path]:
            for path in written:
                path.unlink(missing_ok=True)
            return []

        if not step(0, "pairs list") or not pairs_list_pdf(
            folder / f"{stem}.pdf", people, self.info
        ):
            return cancel()
        written.append(folder / f"{stem}.pdf")
        rows = [_announced_row(m, e) for m, e in people]
        write_xlsx(folder / f"{stem}.xlsx", ANNOUNCED_PAIR_COLUMNS, rows, sheet="Pairs")
        written.append(folder / f"{stem}.xlsx")
        ready = []
        for n, intro in enumerate(self.intros):
            if not step(2 + n, "agreements to attach"):
                return cancel()
            doc = self.agreements.get(intro.pair_id)
            pdf = render_agreement_pdf(doc, self.page_size) if doc is not None else None
            ready.append(replace(intro, agreement_pdf=pdf))
        cancelled = False

        def per_draft(done: int, count: int) -> bool:
            nonlocal cancelled
            cancelled = not step(2 + len(ready) + done, "e-mail drafts")
            return not cancelled

        written += write_cohort_drafts(
            folder,
            ready,
            programme=self.info.programme,
            officer_name=self.officer_name,
            officer_email=self.officer_email,
            progress=per_draft,
        )
        return cancel() if cancelled else written


def _safe(name: str) -> str:
    return "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in name).strip(" .")


def _announced_row(mentor: Employee, mentee: Employee) -> list[Cell]:
    return [mentor.name, mentor.title, mentor.department, mentee.name, mentee.title,
            mentee.department]  # fmt: skip
