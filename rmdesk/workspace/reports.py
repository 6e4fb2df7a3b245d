"""Reports capability (``ws.reports``): the dashboard's figures, the outcomes report, the exports
and announcing the pairs, all from one read of the cohort.

Reading (SQLite, the caller's thread) and writing files (no database: a worker thread may do it)
are two steps, so the GUI can read on its own thread and render in the background; the
one-call methods (``report_pdf``, ``announce``) do both for the CLI.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from rmdesk.documents.document_data import AgreementDocument, ReportInfo
from rmdesk.documents.email_drafts import Introduction
from rmdesk.documents.table_export import (
    ACTION_COLUMNS,
    PAIR_COLUMNS,
    SESSION_COLUMNS,
    Cell,
    Column,
    write_table,
)
from rmdesk.errors import NotFound, RmdeskError
from rmdesk.models.agreements import AgreementBody, PairIdentity, Party, agreement_state
from rmdesk.models.cohorts import Cohort
from rmdesk.models.health import HealthThresholds, PairFacts, assess_all
from rmdesk.models.people import Employee
from rmdesk.models.programme_figures import (
    EXPORT_KINDS,
    ActionRecord,
    Enrolment,
    PairRecord,
    ProgrammeFigures,
    SessionRecord,
    compute_figures,
)
from rmdesk.models.sessions import HELD, PLANNED
from rmdesk.paths import resource
from rmdesk.workspace import report_reads as reads
from rmdesk.workspace.agreement_template import OFFICER_EMAIL_SETTING, ORGANISATION_SETTING
from rmdesk.workspace.announcement import Announcement, Progress
from rmdesk.workspace.cohorts import CohortService
from rmdesk.workspace.events import PairsChanged
from rmdesk.workspace.roster import RosterService
from rmdesk.workspace.store import Store

ENDED = "ended"  # the health of a closed pair: no longer followed


class AgreementSource(Protocol):
    """What the reports ask of ``ws.agreements`` when it is there."""

    @property
    def page_size(self) -> str: ...

    @property
    def officer_signs(self) -> bool: ...

    def document(self, pair_id: int, version: int | None = None) -> AgreementDocument: ...


class ThresholdSource(Protocol):
    """What the reports ask of ``ws.sessions`` when it is there."""

    def thresholds(self) -> HealthThresholds: ...


@dataclass(frozen=True, slots=True)
class CohortRead:
    """Everything read about one cohort: its pairs as records and how many are enrolled."""

    cohort: Cohort
    pairs: list[PairRecord]
    enrolment: Enrolment
    paired_on: dict[int, date | None]


def _unknown(employee_id: str) -> Employee:
    return Employee(employee_id, f"({employee_id}, erased)")


class ReportService:
    """``ws.reports``: figures, the outcomes report, exports, announcing, the privacy switch."""

    def __init__(
        self,
        store: Store,
        roster: RosterService,
        cohorts: CohortService,
        agreements: AgreementSource | None = None,
        sessions: ThresholdSource | None = None,
    ) -> None:
        self.store = store
        self.roster = roster
        self.cohorts = cohorts
        self.agreements = agreements
        self.sessions = sessions

    # -- reading --------------------------------------------------------------------------------
    def read(self, cohort: Cohort | None = None, today: date | None = None) -> CohortRead:
        """The cohort's pairs as records (one query per table) and its enrolment."""
        cohort = cohort or self.cohorts.cohort()
        today = today or date.today()
        conn = self.store.db.conn
        rows = reads.pair_rows(conn, cohort.id)
        people = self.roster.some([r.mentor_id for r in rows] + [r.mentee_id for r in rows])
        sessions = reads.sessions_by_pair(conn, cohort.id)
        actions = reads.actions_by_pair(conn, cohort.id)
        versions, rhythms = reads.agreement_versions(conn, cohort.id)
        officer = self.agreements.officer_signs if self.agreements else False
        thresholds = self.sessions.thresholds() if self.sessions else HealthThresholds()
        facts = []
        for r in rows:
            if r.status != "active":
                continue
            signed = reads.signed_by_both(versions.get(r.pair_id, []))
            rhythm = rhythms.get((r.pair_id, signed.number)) if signed else None
            facts.append(
                PairFacts(
                    pair_id=r.pair_id,
                    sessions=sessions.get(r.pair_id, ()),
                    today=today,
                    actions=actions.get(r.pair_id, ()),
                    agreement_signed=signed is not None,
                    every_days=reads.every_days(rhythm),
                    paired_on=r.paired_on,
                )
            )
        health = {h.pair_id: h.status for h in assess_all(facts, thresholds)}
        records = []
        for r in rows:
            own = sessions.get(r.pair_id, [])
            records.append(
                PairRecord(
                    pair_id=r.pair_id,
                    mentor=people.get(r.mentor_id) or _unknown(r.mentor_id),
                    mentee=people.get(r.mentee_id) or _unknown(r.mentee_id),
                    status=r.status,
                    outcome=r.outcome,
                    agreement_state=agreement_state(versions.get(r.pair_id, []), officer).kind,
                    sessions=tuple(
                        SessionRecord(s.starts_at, s.status, s.cancelled_by) for s in own
                    ),
                    actions=tuple(
                        ActionRecord(a.due, a.done_on, a.text, a.owner)
                        for a in actions.get(r.pair_id, ())
                    ),
                    health=health.get(r.pair_id, ENDED),
                    private=r.private,
                    learnings=tuple(s.learnings for s in own if s.status == HELD and s.learnings),
                )
            )
        mentors, mentees = reads.enrolled(conn, cohort.id)
        paired_on = {r.pair_id: r.paired_on for r in rows}
        return CohortRead(cohort, records, Enrolment(mentors, mentees), paired_on)

    def pair_records(self, cohort: Cohort | None = None) -> list[PairRecord]:
        return self.read(cohort).pairs

    def figures(self, cohort: Cohort | None = None, today: date | None = None) -> ProgrammeFigures:
        """Every dashboard figure of the cohort (the most recent one by default)."""
        today = today or date.today()
        found = self.read(cohort, today)
        return compute_figures(found.pairs, found.enrolment, today)

    def report_info(self, cohort: Cohort, today: date | None = None) -> ReportInfo:
        """The cover's programme, officer and period."""
        programme = self.store.setting("programme_name", "Reverse mentoring programme")
        period = " – ".join(d.strftime("%d %B %Y") for d in (cohort.starts, cohort.ends) if d)
        return ReportInfo(
            f"{programme} · {cohort.name}",
            prepared_by=self.store.setting("officer_name", ""),
            organisation=self.store.setting(ORGANISATION_SETTING, ""),
            period=period,
            prepared_on=today or date.today(),
        )

    # -- the outcomes report ------------------------------------------------------------------
    def report_pdf(
        self,
        out: str | os.PathLike[str],
        cohort: Cohort | None = None,
        progress: Progress | None = None,
        today: date | None = None,
    ) -> bool:
        """Write the outcomes report; False when cancelled (no file left)."""
        found = self.read(cohort, today)
        return write_report(out, found, self.report_info(found.cohort, today), progress)

    # -- exports --------------------------------------------------------------------------------
    def export(
        self,
        kind: str,
        out: str | os.PathLike[str],
        cohort: Cohort | None = None,
        include_confidential: bool = False,
        today: date | None = None,
    ) -> int:
        """Pairs, sessions or actions to ``out`` (.csv or .xlsx); returns the rows written.
        Confidential session notes go in only with ``include_confidential``."""
        if kind not in EXPORT_KINDS:
            raise RmdeskError(f"'{kind}' cannot be exported; choose {', '.join(EXPORT_KINDS)}")
        if Path(out).suffix.lower() not in (".csv", ".xlsx"):
            raise RmdeskError(f"{out}: the file name must end in .csv or .xlsx")
        day = today or date.today()
        found = self.read(cohort, day)
        columns: Sequence[Column]
        if kind == "pairs":
            columns, rows = PAIR_COLUMNS, _pair_rows(found)
        elif kind == "actions":
            columns, rows = ACTION_COLUMNS, _action_rows(found.pairs, day)
        else:
            columns, rows = SESSION_COLUMNS, self._session_rows(found, include_confidential)
        return write_table(out, columns, rows, include_confidential=include_confidential)

    def _session_rows(self, found: CohortRead, confidential: bool) -> list[list[Cell]]:
        by_id = {p.pair_id: p for p in found.pairs}
        rows: list[list[Cell]] = []
        for s, note in reads.session_rows(self.store.db.conn, found.cohort.id, confidential):
            p = by_id[s.pair_id]
            rows.append([p.pair_id, p.mentor.name, p.mentee.name, s.starts_at, s.status,
                         s.cancelled_by, s.cancel_reason, s.learnings, note])  # fmt: skip
        return rows

    # -- announcing ------------------------------------------------------------------------------
    def announcement(self, cohort: Cohort | None = None) -> Announcement:
        """Read what announcing the cohort's active pairs needs (rendered by its ``write``)."""
        found = self.read(cohort)
        conn = self.store.db.conn
        first: dict[int, datetime] = {}  # each pair's next session still ahead
        now = datetime.now().astimezone()
        for pid, sessions in reads.sessions_by_pair(conn, found.cohort.id).items():
            ahead = [s.starts_at for s in sessions if s.status == PLANNED and s.starts_at > now]
            if ahead:
                first[pid] = min(ahead)
        intros = []
        documents = {}
        for p in found.pairs:
            if p.status != "active":
                continue
            documents[p.pair_id] = self._agreement(found.cohort, p)
            signed = p.agreement_state == "signed"
            intros.append(
                Introduction(p.pair_id, p.mentor, p.mentee, None, first.get(p.pair_id), signed)
            )
        page = self.agreements.page_size if self.agreements else "A4"
        officer = self.store.setting("officer_name", "") or "The programme office"
        email = self.store.setting(OFFICER_EMAIL_SETTING, "") or None
        info = self.report_info(found.cohort)
        return Announcement(found.cohort, info, intros, documents, page, officer, email)

    def announce(
        self,
        folder: str | os.PathLike[str],
        cohort: Cohort | None = None,
        progress: Progress | None = None,
    ) -> list[Path]:
        """Pairs list (PDF, XLSX) and an introduction draft per active pair in ``folder``."""
        return self.announcement(cohort).write(folder, progress)

    def _agreement(self, cohort: Cohort, p: PairRecord) -> AgreementDocument:
        """The pair's current agreement, or the programme template before it has one."""
        if self.agreements is not None:
            return self.agreements.document(p.pair_id)
        body = reads.latest_body(self.store.db.conn, p.pair_id) or AgreementBody.from_json(
            resource("agreement_template.json").read_text("utf-8")
        )

        def party(e: Employee) -> Party:
            return Party(e.employee_id, e.name, e.title or "", e.department or "")

        programme = self.store.setting("programme_name", "Reverse mentoring programme")
        identity = PairIdentity(programme, cohort.name, party(p.mentor), party(p.mentee))
        return AgreementDocument(identity, 1, body)

    # -- the privacy switch ---------------------------------------------------------------------
    def is_private(self, pair_id: int) -> bool:
        """Whether the pair is left out of reports (named only in anonymous totals)."""
        row = self.store.db.execute("SELECT private FROM pairs WHERE id = ?", [pair_id]).fetchone()
        if row is None:
            raise NotFound(f"there is no pair number {pair_id}")
        return bool(row[0])

    def set_private(self, pair_id: int, private: bool) -> bool:
        """Leave the pair out of reports (True) or name it again; returns the value before, so
        that undo can put it back."""
        with self.store.atomic():
            found = reads.set_private(self.store.db.conn, pair_id, private)
            if found is None:
                raise NotFound(f"there is no pair number {pair_id}")
            cohort_id, before = found
            if before != private:
                self.store.emit(PairsChanged(cohort_id, changed=frozenset({pair_id})))
        return before


def write_report(
    out: str | os.PathLike[str],
    found: CohortRead,
    info: ReportInfo,
    progress: Progress | None = None,
) -> bool:
    """Write the outcomes report of what was read (no database: fine on a worker thread)."""

    def pages(done: int, total: int) -> bool:
        return progress is None or progress(done, total, "outcomes report")

    from rmdesk.documents.report_pdf import write_outcomes_report  # reportlab, on first use

    return write_outcomes_report(
        out, found.pairs, found.enrolment, info, today=info.prepared_on, progress=pages
    )


def _pair_rows(found: CohortRead) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for p in found.pairs:
        m, e = p.mentor, p.mentee
        held = sum(1 for s in p.sessions if s.status == HELD)
        status = p.status if p.status == "active" else f"ended ({p.outcome})"
        rows.append([p.pair_id, m.employee_id, m.name, m.title, m.department,
                     e.employee_id, e.name, e.title, e.department, status, p.agreement_state,
                     held, p.health, found.paired_on.get(p.pair_id)])  # fmt: skip
    return rows


def _action_rows(pairs: Sequence[PairRecord], today: date) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for p in pairs:
        for a in p.actions:
            late = a.done_on is None and a.due is not None and a.due < today
            rows.append([p.pair_id, p.mentor.name, p.mentee.name, a.owner, a.text, a.due,
                         a.done_on, late])  # fmt: skip
    return rows
