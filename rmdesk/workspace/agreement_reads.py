"""Reading agreements for ``ws.agreements``: settings they print with, the template and a
pair's prefill, versions and signatures, states, and the document a PDF shows."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from rmdesk.documents.document_data import AgreementDocument, default_page_size
from rmdesk.errors import NotFound
from rmdesk.models.agreements import (
    AgreementBody,
    AgreementState,
    AgreementVersion,
    PairIdentity,
    Party,
    Signature,
    agreement_state,
    identity_from_json,
)
from rmdesk.models.cohorts import Cohort
from rmdesk.workspace.agreement_template import (
    OFFICER_EMAIL_SETTING,
    OFFICER_SETTING,
    OFFICER_SIGNS_SETTING,
    ORGANISATION_SETTING,
    PAGE_SIZE_SETTING,
    PROGRAMME_SETTING,
    default_template,
)
from rmdesk.workspace.cohorts import CohortService
from rmdesk.workspace.pairing import PairingService
from rmdesk.workspace.roster import RosterService
from rmdesk.workspace.store import Store

DEFAULT_PROGRAMME = "Reverse mentoring programme"


class AgreementReads:
    """The reading half of ``ws.agreements``: the printed settings, the cohort's template and a
    pair's prefill, versions with signatures, states, and what a PDF shows."""

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
    def organisation(self) -> str:
        return self.store.setting(ORGANISATION_SETTING, "")

    @property
    def officer_email(self) -> str:
        return self.store.setting(OFFICER_EMAIL_SETTING, "")

    @property
    def page_size(self) -> str:
        """'A4' or 'Letter': the setting, else the locale's paper."""
        return self.store.setting(PAGE_SIZE_SETTING, default_page_size())

    # -- the programme template -------------------------------------------------------------
    def template(self, cohort: Cohort) -> AgreementBody:
        """The cohort's template, or the shipped default until the officer edits it."""
        row = self.db.execute(
            "SELECT body FROM templates WHERE cohort_id = ?", [cohort.id]
        ).fetchone()
        return AgreementBody.from_json(row[0]) if row else default_template()

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
        latest = self.agreement(pair_id)  # a draft from the template until the first edit
        found = (
            latest
            if version is None or version == latest.number
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
