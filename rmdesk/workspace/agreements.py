"""Agreement capability: the programme template per cohort, each pair's versions and signatures.

A pair's agreement is its latest version. A draft is saved as the officer types; the first
signature freezes it (its SHA-256 over the canonical content, the identity as printed stored with
it), later signatures attach to that frozen version, and any later edit starts a new draft that
must be signed again. Frozen versions never change, so an old PDF still verifies.
"""

from __future__ import annotations

from pathlib import Path

from rmdesk.documents.atomic_file import write_bytes_atomic
from rmdesk.models.agreements import METHODS, REQUIRED_ROLES, ROLES
from rmdesk.models.cohorts import Cohort
from rmdesk.workspace.agreement_export import (
    ExportJob,
    Progress,
    VerifyResult,
    pdf_file_name,
    write_agreements,
)
from rmdesk.workspace.agreement_template import (
    PRINTED_SETTINGS,
    default_template,
    parse_template,
    template_problems,
)
from rmdesk.workspace.agreement_writes import AgreementRefused, AgreementWrites


class AgreementService(AgreementWrites):
    """``ws.agreements``: templates, drafts saved as typed, signing, PDFs, verification.

    Reading lives in ``agreement_reads``, writing and signing in ``agreement_writes``; the
    PDFs and their verification are here."""

    # -- PDFs -------------------------------------------------------------------------------
    def export_pdf(self, pair_id: int, out: Path | str, version: int | None = None) -> Path:
        """Write the agreement's PDF to ``out`` whole or not at all (0600)."""
        from rmdesk.documents.agreement_pdf import render_agreement_pdf  # reportlab, when used

        data = render_agreement_pdf(self.document(pair_id, version), self.page_size)
        return write_bytes_atomic(out, data)

    def export_jobs(self, cohort: Cohort, signed_only: bool = True) -> list[ExportJob]:
        """The PDFs an export of the cohort writes (read here, rendered by ``write_agreements``)."""
        jobs: list[ExportJob] = []
        for pair_id, state in self.states(cohort).items():
            if state.kind == "none" or (signed_only and state.kind != "signed"):
                continue
            doc = self.document(pair_id)
            ident = doc.identity
            name = pdf_file_name(pair_id, ident.mentor.name, ident.mentee.name, doc.version)
            jobs.append(ExportJob(name, doc))
        return jobs

    def export_all(
        self,
        cohort: Cohort,
        folder: Path | str,
        progress: Progress | None = None,
        signed_only: bool = True,
    ) -> list[Path]:
        """Every (signed) agreement of the cohort as a PDF in ``folder``; see write_agreements."""
        return write_agreements(
            self.export_jobs(cohort, signed_only), Path(folder), self.page_size, progress
        )

    def verify(self, source: Path | str | bytes) -> VerifyResult:
        """Which signed version a PDF is a true copy of; altered copies are refused."""
        from rmdesk.documents.agreement_verify import (  # pypdf, on first use
            claimed_hash,
            is_rmdesk_draft,
            verify_against,
        )

        claimed = claimed_hash(source)
        if claimed is None:
            if is_rmdesk_draft(source):
                return VerifyResult(
                    False,
                    "The file is an unsigned draft printed by rmdesk: only a signed agreement "
                    "carries a fingerprint to check.",
                )
            return VerifyResult(False, "The file is not an rmdesk agreement (no fingerprint).")
        rows = self.db.execute(
            "SELECT pair_id, version FROM agreements WHERE sha256 IS NOT NULL "
            "AND substr(sha256, 1, ?) = ? ORDER BY pair_id, version",
            [len(claimed), claimed],
        ).fetchall()
        if not rows:
            return VerifyResult(False, "The file matches no signed agreement in this database.")
        outcome = None
        for pair_id, number in rows:
            doc = self.document(pair_id, number)
            outcome = verify_against(source, doc)
            if outcome.matches:
                # when the last signature landed, once everyone has signed: the day the
                # agreement was complete (None while a signature is still awaited)
                roles = {s.role for s in doc.signatures}
                wanted = {*REQUIRED_ROLES, *(("officer",) if self.officer_signs else ())}
                signed_on = max(s.signed_on for s in doc.signatures) if wanted <= roles else None
                sentence = f"Pair {pair_id}: {outcome.sentence}"
                return VerifyResult(True, sentence, pair_id, number, signed_on)
        assert outcome is not None
        pair_id, number = rows[0]
        return VerifyResult(False, f"Pair {pair_id}: {outcome.sentence}", pair_id, number,
                            altered=True)  # fmt: skip


__all__ = [
    "METHODS",
    "PRINTED_SETTINGS",
    "ROLES",
    "AgreementRefused",
    "AgreementService",
    "ExportJob",
    "Progress",
    "VerifyResult",
    "default_template",
    "parse_template",
    "pdf_file_name",
    "template_problems",
    "write_agreements",
]
