"""Writing agreements for ``ws.agreements``: settings, the cohort's template, drafts, and
signatures (the first freezes the version with its SHA-256 and the identity as printed)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rmdesk.documents.document_data import PAGE_SIZE_NAMES
from rmdesk.errors import NotFound, RmdeskError
from rmdesk.models.agreements import (
    AgreementBody,
    AgreementVersion,
    Signature,
    content_sha256,
    frozen_json,
    validate,
    validate_signature,
)
from rmdesk.models.cohorts import Cohort
from rmdesk.workspace.agreement_reads import AgreementReads
from rmdesk.workspace.agreement_template import (
    OFFICER_EMAIL_SETTING,
    OFFICER_SETTING,
    OFFICER_SIGNS_SETTING,
    ORGANISATION_SETTING,
    PAGE_SIZE_SETTING,
    PROGRAMME_SETTING,
    PROSE_FIELDS,
    template_problems,
)
from rmdesk.workspace.audit import record_in
from rmdesk.workspace.events import AgreementsChanged, TemplateChanged
from rmdesk.workspace.store import now_text


class AgreementRefused(RmdeskError):
    """An agreement cannot be signed or saved as asked; ``problems`` name the fields."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = problems or []
        super().__init__("\n".join([message, *self.problems]))


class AgreementWrites(AgreementReads):
    """The writing half of ``ws.agreements``: settings, the template, drafts saved as typed,
    signing (the first signature freezes a version) and taking a signature back."""

    def configure(
        self,
        programme: str | None = None,
        officer_name: str | None = None,
        officer_signs: bool | None = None,
        page_size: str | None = None,
        organisation: str | None = None,
        officer_email: str | None = None,
    ) -> None:
        """Change the settings agreements, reports and e-mail drafts print with (None leaves
        one as it is); one transaction."""
        if page_size is not None and page_size not in PAGE_SIZE_NAMES:
            raise AgreementRefused(f"page_size: '{page_size}' is not one of A4, Letter")
        values = {PROGRAMME_SETTING: programme, OFFICER_SETTING: officer_name,
                  OFFICER_SIGNS_SETTING: None if officer_signs is None else
                  ("1" if officer_signs else "0"), PAGE_SIZE_SETTING: page_size,
                  ORGANISATION_SETTING: organisation,
                  OFFICER_EMAIL_SETTING: officer_email}  # fmt: skip
        with self.store.atomic():
            for key, value in values.items():
                if value is not None:
                    self.store.set_setting(key, value.strip())

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
        if signature.signed_on > date.today():
            problems = [*problems, f"the date {signature.signed_on} has not come yet"]
        if problems:
            raise AgreementRefused(f"The signature for pair {pair_id} is incomplete:", problems)
        with self.store.atomic():
            if self.pairing.get_pair(pair_id).status != "active":  # checked inside the write
                raise AgreementRefused(
                    f"Pair {pair_id} is closed; its agreement stays as it was when it ended."
                )
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
