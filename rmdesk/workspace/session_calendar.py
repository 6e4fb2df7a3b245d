"""The calendar of ``ws.sessions``: the sessions' shared facts as iCalendar events, with UIDs
that stay stable across exports."""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Final

from rmdesk.models.cohorts import Cohort
from rmdesk.models.sessions import CANCELLED, PLANNED
from rmdesk.workspace import session_reads as reads
from rmdesk.workspace.session_base import SessionBase, local_zone

CALENDAR_UID_SETTING: Final = "calendar.uid"

if TYPE_CHECKING:  # the calendar (icalendar) is imported when one is written
    from rmdesk.documents.calendar_ics import CalendarSession


class SessionCalendar(SessionBase):
    """The sessions as calendar events and as an iCalendar file."""

    def workspace_uid(self) -> str:
        """A random id made once per workspace: calendar UIDs stay stable across exports."""
        uid = self.store.setting(CALENDAR_UID_SETTING, "")
        if not uid:
            uid = secrets.token_hex(8)
            self.store.set_setting(CALENDAR_UID_SETTING, uid)
        return uid

    def calendar_events(
        self, pair_id: int | None = None, cohort: Cohort | None = None
    ) -> list[CalendarSession]:
        """The sessions a calendar shows (shared facts only), for a pair or the cohort."""
        if pair_id is not None:
            by_pair = {pair_id: self.sessions(pair_id)}
            cohort_id = self.pairing.get_pair(pair_id).cohort_id  # the pair's own cohort
        else:
            cohort = cohort or self.cohorts.cohort()
            by_pair = self.cohort_sessions(cohort)
            cohort_id = cohort.id
        # a closed pair's sessions stay in the file, those it never held as cancelled: an
        # event that vanished from the file would stay in everybody's calendar
        closed = reads.closed_pairs(self._conn, cohort_id)
        if pair_id is None:
            by_pair.update(self.sessions_of_pairs(closed))
        pairs = {pid: self.pairing.get_pair(pid) for pid in by_pair}
        people = self.roster.some(p for x in pairs.values() for p in (x.mentor_id, x.mentee_id))
        out: list[CalendarSession] = []
        for pid, found in sorted(by_pair.items()):
            pair = pairs[pid]
            mentor, mentee = people.get(pair.mentor_id), people.get(pair.mentee_id)
            for s in found:
                if pid in closed and s.status == PLANNED:
                    # a later revision than the session's own, so calendars take the change
                    was = s.updated_at + timedelta(seconds=1) if s.updated_at else closed[pid]
                    s = replace(s, status=CANCELLED, updated_at=max(closed[pid], was))
                out.append(
                    _calendar().CalendarSession.from_session(
                        s,
                        mentor.name if mentor else pair.mentor_id,
                        mentee.name if mentee else pair.mentee_id,
                        mentor.email if mentor else None,
                        mentee.email if mentee else None,
                    )
                )
        return out

    def calendar(
        self, out: Path | str, pair_id: int | None = None, cohort: Cohort | None = None
    ) -> int:
        """Write the sessions as an iCalendar file in the officer's zone; returns how many."""
        events = self.calendar_events(pair_id, cohort)
        _calendar().write_ics(out, events, local_zone().key, self.workspace_uid())
        return len(events)


def _calendar() -> ModuleType:
    """The iCalendar writer, imported on first use (it loads the icalendar package)."""
    import rmdesk.documents.calendar_ics as calendar_ics

    return calendar_ics
