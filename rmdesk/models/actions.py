"""Actions: learnings turned into something a named owner does by a date."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final

#: Owners by role; any other non-empty text names a person ("Priya Shah, CFO office").
OWNER_ROLES: Final = ("mentor", "mentee", "sponsor")


@dataclass(frozen=True, slots=True)
class Action:
    """One action of a pair, optionally born in a session; ``done_on`` is None while open."""

    id: int
    pair_id: int
    text: str
    owner: str = ""
    due: date | None = None
    done_on: date | None = None
    session_id: int | None = None

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    @property
    def owner_is_role(self) -> bool:
        """True when the owner is one of the pair's roles or the sponsor, not a named person."""
        return self.owner in OWNER_ROLES


def is_overdue(action: Action, today: date) -> bool:
    """An open action whose due date has passed (due today is not overdue yet)."""
    return action.done_on is None and action.due is not None and action.due < today


def days_overdue(action: Action, today: date) -> int:
    """How many days past its due date an open action is; 0 when it is not overdue."""
    if action.done_on is not None or action.due is None:
        return 0
    return max(0, (today - action.due).days)


def overdue_actions(actions: Iterable[Action], today: date) -> list[Action]:
    """The overdue actions, the longest overdue first."""
    late = [a for a in actions if is_overdue(a, today)]
    late.sort(key=lambda a: (a.due or today, a.id))
    return late
