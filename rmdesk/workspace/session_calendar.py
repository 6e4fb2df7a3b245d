"""The calendar of ``ws.sessions``: the sessions' shared facts as iCalendar events, with UIDs
that stay stable across exports."""

from __future__ import annotations

import secrets
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Final

from rmdesk.models.cohorts import Cohort
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
        else:
            by_pair = self.cohort_sessions(cohort)
        people = self.roster.employees()
        out: list[CalendarSession] = []
        for pid, found in by_pair.items():
            pair = self.pairing.get_pair(pid)
            mentor, mentee = people.get(pair.mentor_id), people.get(pair.mentee_id)
            for s in found:
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
