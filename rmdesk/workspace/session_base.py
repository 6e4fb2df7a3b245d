"""The ground under ``ws.sessions``: its services, settings (default rhythm, health
thresholds), reading sessions, the officer's time zone and today."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from rmdesk.errors import NotFound, RmdeskError
from rmdesk.models.cohorts import Cohort, Pair
from rmdesk.models.health import HealthThresholds
from rmdesk.models.sessions import CANCELLERS, DefaultRhythm, Session
from rmdesk.workspace import session_reads as reads
from rmdesk.workspace.cohorts import CohortService
from rmdesk.workspace.pairing import PairingService
from rmdesk.workspace.roster import RosterService
from rmdesk.workspace.store import Store

RHYTHM_SETTING: Final = "sessions.default_rhythm"
THRESHOLDS_SETTING: Final = "health.thresholds"


def local_zone() -> ZoneInfo:
    """The officer's time zone (plans follow its daylight saving; the ICS names it)."""
    import tzlocal

    try:
        return ZoneInfo(tzlocal.get_localzone_name() or "UTC")
    except (ValueError, KeyError, OSError):
        return ZoneInfo("UTC")


def one(pair_ids: Iterable[int]) -> frozenset[int]:
    """The pair ids an event names."""
    return frozenset(pair_ids)


def check_canceller(by: str | None) -> None:
    """Refuse anyone but the mentor or the mentee as who cancelled a session."""
    if by is not None and by not in CANCELLERS:
        raise RmdeskError(f"'{by}' cannot cancel a session; use mentor or mentee")


class SessionBase:
    """What every part of ``ws.sessions`` stands on: the store and the services it reads,
    the settings for the rhythm and the health thresholds, and the pairs' sessions."""

    def __init__(
        self,
        store: Store,
        roster: RosterService,
        cohorts: CohortService,
        pairing: PairingService,
    ) -> None:
        self.store = store
        self.db = store.db
        self.roster = roster
        self.cohorts = cohorts
        self.pairing = pairing

    @property
    def _conn(self) -> sqlite3.Connection:
        return self.db.conn

    # -- settings -----------------------------------------------------------------------------
    def default_rhythm(self) -> DefaultRhythm:
        return reads.rhythm_from(self.store.setting(RHYTHM_SETTING, "{}"))

    def set_default_rhythm(self, rhythm: DefaultRhythm) -> None:
        self.store.set_setting(RHYTHM_SETTING, reads.rhythm_text(rhythm))

    def thresholds(self) -> HealthThresholds:
        return reads.thresholds_from(self.store.setting(THRESHOLDS_SETTING, "{}"))

    def set_thresholds(self, thresholds: HealthThresholds) -> None:
        base = HealthThresholds()
        changed = {
            k: getattr(thresholds, k)
            for k in HealthThresholds.__dataclass_fields__
            if getattr(thresholds, k) != getattr(base, k)
        }
        self.store.set_setting(THRESHOLDS_SETTING, json.dumps(changed))

    # -- reads ----------------------------------------------------------------------------------
    def session(self, session_id: int) -> Session:
        found = reads.sessions_where(self._conn, "WHERE s.id = ?", [session_id])
        if not found:
            raise NotFound(f"there is no session number {session_id}")
        return found[0]

    def sessions(self, pair_id: int) -> list[Session]:
        """The pair's sessions in start order (confidential notes included: the caller decides
        what leaves the app)."""
        self.pairing.get_pair(pair_id)
        return reads.sessions_where(self._conn, "WHERE s.pair_id = ?", [pair_id])

    def cohort_sessions(self, cohort: Cohort | None = None) -> dict[int, list[Session]]:
        """Every session of the cohort's active pairs, by pair (one query)."""
        cohort = cohort or self.cohorts.cohort()
        return reads.cohort_sessions(self._conn, cohort.id)

    def sessions_of_pairs(self, pair_ids: Iterable[int]) -> dict[int, list[Session]]:
        return reads.pair_sessions(self._conn, pair_ids)

    def _active_pair(self, pair_id: int) -> Pair:
        pair = self.pairing.get_pair(pair_id)
        if pair.status != "active":
            raise RmdeskError(f"pair {pair_id} is closed; its history is kept as it ended")
        return pair

    def _today(self) -> date:
        return datetime.now(local_zone()).date()
