"""Commitment health for ``ws.sessions``: each active pair's status from its sessions, actions
and agreement, and the pairs that got worse "since last look"."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Final

from rmdesk.models.actions import Action
from rmdesk.models.cohorts import Cohort
from rmdesk.models.health import Health, HealthThresholds, PairFacts, assess_all, newly_worse
from rmdesk.models.sessions import Session, frequency_days
from rmdesk.workspace import session_reads as reads
from rmdesk.workspace.session_base import THRESHOLDS_SETTING, SessionBase

LAST_LOOK_SETTING: Final = "health.last_look"  # + "." + cohort id


class SessionHealth(SessionBase):
    """Commitment health of the active pairs, and which got worse since the officer looked."""

    def health(
        self,
        cohort: Cohort | None = None,
        today: date | None = None,
        pair_ids: Iterable[int] | None = None,
    ) -> list[Health]:
        """Each active pair's commitment health, by pair id: three queries for the cohort."""
        return self.overview(cohort, today, pair_ids)[1]

    def overview(
        self,
        cohort: Cohort | None = None,
        today: date | None = None,
        pair_ids: Iterable[int] | None = None,
    ) -> tuple[dict[int, list[Session]], list[Health]]:
        """The sessions of the cohort's active pairs (or of ``pair_ids`` among them) and their
        health, read once: what the sessions view shows."""
        cohort = cohort or self.cohorts.cohort()
        today = today or self._today()
        conn = self._conn
        pairs = reads.paired_days(conn, cohort.id)
        if pair_ids is not None:
            wanted = set(pair_ids)
            pairs = {k: v for k, v in pairs.items() if k in wanted}
            sessions = reads.pair_sessions(conn, pairs)
        else:
            sessions = reads.cohort_sessions(conn, cohort.id)
        by_pair: dict[int, list[Action]] = {}
        for a in reads.cohort_actions(conn, cohort.id, pairs if pair_ids is not None else None):
            by_pair.setdefault(a.pair_id, []).append(a)
        rhythms = reads.signed_rhythms(conn, cohort.id)
        facts = [
            PairFacts(
                pair_id=pid,
                sessions=sessions.get(pid, ()),
                today=today,
                actions=by_pair.get(pid, ()),
                agreement_signed=pid in rhythms,
                every_days=rhythms.get(pid),
                paired_on=pairs[pid][0],
            )
            for pid in sorted(pairs)
        ]
        return sessions, assess_all(facts, self._health_thresholds())

    def _health_thresholds(self) -> HealthThresholds:
        """The thresholds; without an agreement a pair is held to the default rhythm's pace
        (unless the thresholds setting names its own ``default_every_days``)."""
        found = self.thresholds()
        if "default_every_days" in self.store.setting(THRESHOLDS_SETTING, "{}"):
            return found
        every = frequency_days(self.default_rhythm().frequency)
        return replace(found, default_every_days=every)

    def since_last_look(
        self, cohort: Cohort | None = None, today: date | None = None
    ) -> list[Health]:
        """Pairs that got worse (at risk, stalled) since ``mark_looked``; a pair never seen
        counts from on track."""
        cohort = cohort or self.cohorts.cohort()
        before = self._last_look(cohort)
        return newly_worse(before, self.health(cohort, today))

    def mark_looked(self, cohort: Cohort | None = None, today: date | None = None) -> None:
        """Remember every pair's status as the officer has now seen it."""
        cohort = cohort or self.cohorts.cohort()
        seen = {str(h.pair_id): h.status for h in self.health(cohort, today)}
        if {int(k): v for k, v in seen.items()} != self._last_look(cohort):  # else: no write
            self.store.set_setting(f"{LAST_LOOK_SETTING}.{cohort.id}", json.dumps(seen))

    def _last_look(self, cohort: Cohort) -> dict[int, str]:
        text = self.store.setting(f"{LAST_LOOK_SETTING}.{cohort.id}", "{}")
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            return {}
        if not isinstance(data, dict):
            return {}
        return {int(k): str(v) for k, v in data.items() if str(k).isdigit()}
