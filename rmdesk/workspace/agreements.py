"""Agreement capability: the programme template per cohort, each pair's versions and signatures.

A pair's agreement is its latest version. A draft is saved as the officer types; the first
signature freezes it (its SHA-256 over the canonical content, the identity as printed stored with
it), later signatures attach to that frozen version, and any later edit starts a new draft that
must be signed again. Frozen versions never change, so an old PDF still verifies.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from rmdesk.documents.agreement_pdf import (
    PAGE_SIZES,
    AgreementDocument,
    default_page_size,
    render_agreement_pdf,
)
from rmdesk.documents.agreement_verify import claimed_hash, verify_against
from rmdesk.documents.atomic_file import write_bytes_atomic
from rmdesk.errors import NotFound, RmdeskError
from rmdesk.models.agreements import (
    METHODS,
    ROLES,
    AgreementBody,
    AgreementState,
    AgreementVersion,
    PairIdentity,
    Party,
    Signature,
    agreement_state,
    content_sha256,
    frozen_json,
    identity_from_json,
    validate,
    validate_signature,
)
from rmdesk.models.cohorts import Cohort
from rmdesk.workspace.agreement_export import (
    ExportJob,
    Progress,
    VerifyResult,
    pdf_file_name,
    write_agreements,
)
from rmdesk.workspace.agreement_template import (
    OFFICER_SETTING,
    OFFICER_SIGNS_SETTING,
    PAGE_SIZE_SETTING,
    PRINTED_SETTINGS,
    PROGRAMME_SETTING,
    PROSE_FIELDS,
    default_template,
    parse_template,
    template_problems,
)
from rmdesk.workspace.audit import record_in
from rmdesk.workspace.cohorts import CohortService
from rmdesk.workspace.events import AgreementsChanged, TemplateChanged
from rmdesk.workspace.pairing import PairingService
from rmdesk.workspace.roster import RosterService
from rmdesk.workspace.store import Store, now_text

DEFAULT_PROGRAMME = "Reverse mentoring programme"


class AgreementRefused(RmdeskError):
    """An agreement cannot be signed or saved as asked; ``problems`` name the fields."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = problems or []
        super().__init__("\n".join([message, *self.problems]))


class AgreementService:
    """``ws.agreements``: templates, drafts saved as typed, signing, PDFs, verification."""

    def __init__(
        self, store: Store, roster: RosterService, cohorts: CohortService, pairing: PairingService
    ) -> None:
        self.store = store
        self.db = store.db
        self.roster = roster
        self.cohorts = cohorts
        self.pairing = pairing

    # -- settings ---------------------------------------------------------------------------
    @property
    def programme_name(self) -> str:
        return self.store.setting(PROGRAMME_SETTING, DEFAULT_PROGRAMME)

    @property
    def officer_name(self) -> str:
        return self.store.setting(OFFICER_SETTING, "")

    @property
    def officer_signs(self) -> bool:
        """Whether an agreement also needs the programme officer's signature."""
        return self.store.setting(OFFICER_SIGNS_SETTING, "0") == "1"

    @property
    def page_size(self) -> str:
        """'A4' or 'Letter': the setting, else the locale's paper."""
        return self.store.setting(PAGE_SIZE_SETTING, default_page_size())

    def configure(
        self,
        programme: str | None = None,
        officer_name: str | None = None,
        officer_signs: bool | None = None,
        page_size: str | None = None,
    ) -> None:
        """Change the settings the agreements print with (None leaves one as it is)."""
        if page_size is not None and page_size not in PAGE_SIZES:
            raise AgreementRefused(f"page_size: '{page_size}' is not one of A4, Letter")
        values = {PROGRAMME_SETTING: programme, OFFICER_SETTING: officer_name,
                  OFFICER_SIGNS_SETTING: None if officer_signs is None else
                  ("1" if officer_signs else "0"), PAGE_SIZE_SETTING: page_size}  # fmt: skip
        with self.store.atomic():
            for key, value in values.items():
                if value is not None:
                    self.store.set_setting(key, value.strip())

    # -- the programme template -------------------------------------------------------------
    def template(self, cohort: Cohort) -> AgreementBody:
        """The cohort's template, or the shipped default until the officer edits it."""
        row = self.db.execute(
            "SELECT body FROM templates WHERE cohort_id = ?", [cohort.id]
        ).fetchone()
        return AgreementBody.from_json(row[0]) if row else default_template()

    def set_template(self, cohort: Cohort, body: AgreementBody) -> AgreementBody:
        """Store the cohort's template; returns the one it replaced (for undo). Refused when a
        structured field is out of range; an empty prose section is saved (typing goes on)."""
        problems = [p for p in template_problems(body) if not p.startswith(PROSE_FIELDS)]
        if problems:
            raise AgreementRefused("The template cannot be saved:", problems)
        with self.store.atomic():
            before = self.template(cohort)
            self.db.execute(
                "INSERT INTO templates(cohort_id, body, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(cohort_id) DO UPDATE SET body = excluded.body, "
                "updated_at = excluded.updated_at",
                [cohort.id, body.to_json(), now_text()],
            )
            self.store.emit(TemplateChanged(cohort.id))
        return before

    def prefill(self, pair_id: int) -> AgreementBody:
        """A new agreement for the pair: the cohort's template, first session at cohort start,
        and as topics of interest those the two noted when they were enrolled."""
        pair = self.pairing.get_pair(pair_id)
        cohort = self.cohorts.cohort_by_id(pair.cohort_id)
        body = self.template(cohort)
        if body.first_session is None and cohort.starts is not None:
            body = replace(body, first_session=cohort.starts)
        if not body.topics:
            noted = {
                p.employee_id: p.interests
                for p in self.cohorts.participants(cohort)
                if p.employee_id in (pair.mentee_id, pair.mentor_id)
            }
            topics: dict[str, str] = {}
            for who in (pair.mentee_id, pair.mentor_id):  # the senior's wishes first
                for t in re.split(r"[,;\n]", noted.get(who, "")):
                    if t.strip():
                        topics.setdefault(t.strip().casefold(), t.strip())
            if topics:
                body = replace(body, topics=tuple(topics.values()))
        return body

    # -- reading ------------------------------------------------------------------------------
    def _signatures(self, agreement_ids: list[int]) -> dict[int, list[Signature]]:
        found: dict[int, list[Signature]] = {}
        for chunk in range(0, len(agreement_ids), 500):
            ids = agreement_ids[chunk : chunk + 500]
            rows = self.db.execute(
                "SELECT agreement_id, role, typed_name, signed_on, method, image FROM signatures "
                f"WHERE agreement_id IN ({','.join('?' * len(ids))}) ORDER BY id",
                ids,
            )
            for aid, role, name, on, method, image in rows:
                found.setdefault(aid, []).append(
                    Signature(role, name, date.fromisoformat(on), method, image)
                )
        return found

    def _versions_where(self, where: str, args: list[object]) -> dict[int, list[AgreementVersion]]:
        rows = self.db.execute(
            "SELECT a.id, a.pair_id, a.version, a.body, a.sha256, a.frozen_at FROM agreements a "
            f"{where} ORDER BY a.pair_id, a.version",
            args,
        ).fetchall()
        signatures = self._signatures([r[0] for r in rows])
        out: dict[int, list[AgreementVersion]] = {}
        for aid, pair_id, number, body, sha, frozen in rows:
            version = AgreementVersion(
                number, AgreementBody.from_json(body), sha, frozen, tuple(signatures.get(aid, ()))
            )
            out.setdefault(pair_id, []).append(version)
        return out

    def versions(self, pair_id: int) -> list[AgreementVersion]:
        """Every stored version of the pair's agreement, oldest first, with signatures."""
        return self._versions_where("WHERE a.pair_id = ?", [pair_id]).get(pair_id, [])

    def agreement(self, pair_id: int) -> AgreementVersion:
        """The latest version; before the first save, version 1 prefilled from the template
        (not stored until something is saved or signed)."""
        found = self.versions(pair_id)
        return found[-1] if found else AgreementVersion(1, self.prefill(pair_id))

    def state(self, pair_id: int) -> AgreementState:
        return agreement_state(self.versions(pair_id), self.officer_signs)

    def states(self, cohort: Cohort) -> dict[int, AgreementState]:
        """Every pair of the cohort (ended ones too) with its agreement state, in a few reads."""
        found = self._versions_where(
            "JOIN pairs p ON p.id = a.pair_id WHERE p.cohort_id = ?", [cohort.id]
        )
        officer = self.officer_signs
        pair_ids = [r[0] for r in self.db.execute(
            "SELECT id FROM pairs WHERE cohort_id = ? ORDER BY id", [cohort.id])]  # fmt: skip
        return {p: agreement_state(found.get(p, []), officer) for p in pair_ids}

    def identity(self, pair_id: int) -> PairIdentity:
        """Who the agreement is between, as the roster says today (drafts print this)."""
        pair = self.pairing.get_pair(pair_id)
        cohort = self.cohorts.cohort_by_id(pair.cohort_id)

        def party(employee_id: str) -> Party:
            e = self.roster.employee(employee_id)
            return Party(e.employee_id, e.name, e.title or "", e.department or "")

        return PairIdentity(
            self.programme_name, cohort.name, party(pair.mentor_id), party(pair.mentee_id)
        )

    def document(self, pair_id: int, version: int | None = None) -> AgreementDocument:
        """What the PDF of a version shows (the latest by default). A frozen version prints the
        identity it was signed as; a draft prints today's roster."""
        found = (
            self.agreement(pair_id)
            if version is None
            else next((v for v in self.versions(pair_id) if v.number == version), None)
        )
        if found is None:
            raise NotFound(f"pair {pair_id} has no agreement version {version}")
        chosen = found
        identity = None
        if not chosen.is_draft:
            row = self.db.execute(
                "SELECT body FROM agreements WHERE pair_id = ? AND version = ?",
                [pair_id, chosen.number],
            ).fetchone()
            identity = identity_from_json(row[0]) if row else None
        return AgreementDocument.of(
            identity or self.identity(pair_id), chosen, self.officer_signs, self.officer_name
        )

    # -- writing ------------------------------------------------------------------------------
    def save_draft(self, pair_id: int, body: AgreementBody) -> int:
        """Save what the officer typed; returns the draft's version number.

        The draft is updated in place; when the latest version is frozen, a new draft version
        starts (unless the body is what was signed: then nothing is written)."""
        with self.store.atomic():
            self.pairing.get_pair(pair_id)  # NotFound for an unknown pair
            latest = self.db.execute(
                "SELECT id, version, body, sha256 FROM agreements WHERE pair_id = ? "
                "ORDER BY version DESC LIMIT 1",
                [pair_id],
            ).fetchone()
            now = now_text()
            if latest is not None and latest[3] is None:
                if AgreementBody.from_json(latest[2]) == body:
                    return int(latest[1])
                self.db.execute(
                    "UPDATE agreements SET body = ?, updated_at = ? WHERE id = ?",
                    [body.to_json(), now, latest[0]],
                )
                number = int(latest[1])
            elif latest is not None and AgreementBody.from_json(latest[2]) == body:
                return int(latest[1])
            else:
                number = int(latest[1]) + 1 if latest is not None else 1
                self.db.execute(
                    "INSERT INTO agreements(pair_id, version, body, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [pair_id, number, body.to_json(), now, now],
                )
            self.store.emit(AgreementsChanged(frozenset({pair_id})))
        return number

    def discard_draft(self, pair_id: int) -> None:
        """Drop the pair's draft (undo of the edit that started it)."""
        with self.store.atomic():
            self.db.execute(
                "DELETE FROM agreements WHERE pair_id = ? AND sha256 IS NULL", [pair_id]
            )
            self.store.emit(AgreementsChanged(frozenset({pair_id})))

    def sign(
        self,
        pair_id: int,
        role: str,
        typed_name: str,
        on: date | None = None,
        method: str = "typed",
        image: bytes | None = None,
    ) -> AgreementVersion:
        """Sign the pair's agreement as ``role``; the first signature freezes the draft.

        Returns the signed version. Refused (nothing written) when the text has problems, the
        role already signed this version, or the signature itself is incomplete."""
        signature = Signature(role, typed_name.strip(), on or date.today(), method, image)
        problems = validate_signature(signature)
        if problems:
            raise AgreementRefused(f"The signature for pair {pair_id} is incomplete:", problems)
        with self.store.atomic():
            current = self.agreement(pair_id)
            if current.is_draft:
                problems = validate(current.body)
                if problems:
                    raise AgreementRefused(
                        f"Pair {pair_id}'s agreement cannot be signed yet:", problems
                    )
                current = self._freeze(pair_id, current)
            elif current.signed_by(role) is not None:
                done = current.signed_by(role)
                assert done is not None
                raise AgreementRefused(
                    f"The {role} already signed version {current.number} of pair {pair_id}'s "
                    f"agreement on {done.signed_on.isoformat()}."
                )
            agreement_id = self._agreement_id(pair_id, current.number)
            self.db.execute(
                "INSERT INTO signatures(agreement_id, role, typed_name, signed_on, paper, image, "
                "method) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [agreement_id, role, signature.typed_name, signature.signed_on.isoformat(),
                 int(method == "paper"), image, method],
            )  # fmt: skip
            record_in(
                self.store,
                "signing",
                f"pair {pair_id}, version {current.number}: {role} signed ({method}) "
                f"on {signature.signed_on.isoformat()}",
            )
            self.store.emit(AgreementsChanged(frozenset({pair_id})))
        return replace(current, signatures=(*current.signatures, signature))

    def unsign(self, pair_id: int, role: str) -> None:
        """Take back ``role``'s signature on the latest version (undo of a signing); a version
        left with no signature becomes a draft again."""
        with self.store.atomic():
            current = self.agreement(pair_id)
            agreement_id = self._agreement_id(pair_id, current.number)
            self.db.execute(
                "DELETE FROM signatures WHERE agreement_id = ? AND role = ?", [agreement_id, role]
            )
            left = self.db.execute(
                "SELECT COUNT(*) FROM signatures WHERE agreement_id = ?", [agreement_id]
            ).fetchone()[0]
            if not left:
                self.db.execute(
                    "UPDATE agreements SET sha256 = NULL, frozen_at = NULL, body = ? WHERE id = ?",
                    [current.body.to_json(), agreement_id],
                )
            summary = f"pair {pair_id}, version {current.number}: {role}'s signature taken back"
            record_in(self.store, "signing", summary)
            self.store.emit(AgreementsChanged(frozenset({pair_id})))

    def _freeze(self, pair_id: int, draft: AgreementVersion) -> AgreementVersion:
        identity = self.identity(pair_id)
        sha = content_sha256(draft.body, identity, draft.number)
        now = now_text()
        if self._agreement_id(pair_id, draft.number, missing_ok=True) is None:
            self.save_draft(pair_id, draft.body)  # the never-saved template prefill
        self.db.execute(
            "UPDATE agreements SET body = ?, sha256 = ?, frozen_at = ?, updated_at = ? "
            "WHERE pair_id = ? AND version = ?",
            [frozen_json(draft.body, identity), sha, now, now, pair_id, draft.number],
        )
        return replace(draft, sha256=sha, frozen_at=now)

    def _agreement_id(self, pair_id: int, version: int, missing_ok: bool = False) -> int | None:
        row = self.db.execute(
            "SELECT id FROM agreements WHERE pair_id = ? AND version = ?", [pair_id, version]
        ).fetchone()
        if row is None and not missing_ok:
            raise NotFound(f"pair {pair_id} has no agreement version {version}")
        return int(row[0]) if row else None

    # -- PDFs -------------------------------------------------------------------------------
    def export_pdf(self, pair_id: int, out: Path | str, version: int | None = None) -> Path:
        """Write the agreement's PDF to ``out`` whole or not at all (0600)."""
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
        claimed = claimed_hash(source)
        if claimed is None:
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
                # when the last signature landed: the day the agreement was complete
                signed_on = max((s.signed_on for s in doc.signatures), default=None)
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
