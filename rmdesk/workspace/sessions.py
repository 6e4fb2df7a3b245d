"""Sessions capability (``ws.sessions``): plan, log, move and drop sessions, the actions that
come out of them, commitment health, closing pairs, and the calendar export.

Every write is one transaction announcing one ``SessionsChanged`` / ``ActionsChanged`` /
``PairsChanged``. The GUI's undo puts a pair's sessions (or actions) back as they were with
``replace_sessions`` / ``replace_actions``, so one primitive serves every undo step.
"""

from __future__ import annotations

from rmdesk.workspace.pair_closing import PairClosing
from rmdesk.workspace.session_actions import SessionActions
from rmdesk.workspace.session_base import RHYTHM_SETTING, THRESHOLDS_SETTING, local_zone
from rmdesk.workspace.session_calendar import CALENDAR_UID_SETTING, SessionCalendar
from rmdesk.workspace.session_edits import SessionEdits
from rmdesk.workspace.session_health import LAST_LOOK_SETTING, SessionHealth

__all__ = [
    "CALENDAR_UID_SETTING",
    "LAST_LOOK_SETTING",
    "RHYTHM_SETTING",
    "THRESHOLDS_SETTING",
    "SessionService",
    "local_zone",
]


class SessionService(SessionEdits, SessionActions, SessionHealth, PairClosing, SessionCalendar):
    """``ws.sessions``: the pairs' sessions and actions, their health, closing and calendars.

    Each part lives in its own module (``session_edits``, ``session_actions``,
    ``session_health``, ``pair_closing``, ``session_calendar``) over ``SessionBase``."""
