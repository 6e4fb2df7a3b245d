"""Actions: learnings turned into something a named owner does by a date."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final, cast

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

    @classmethod
    def from_row(cls, row: Mapping[str, object]) -> Action:
        """An action from its stored columns (``actions`` table), dates parsed here."""
        session_id = row.get("session_id")
        return cls(
            id=int(cast(int, row["id"])),
            pair_id=int(cast(int, row["pair_id"])),
            text=str(row["text"]),
            owner=str(row.get("owner") or ""),
            due=_day(row.get("due")),
            done_on=_day(row.get("done_on")),
            session_id=None if session_id is None else int(cast(int, session_id)),
        )

    def to_row(self) -> dict[str, object]:
        """The stored columns of this action; ``done`` (the older flag) follows ``done_on``."""
        return {
            "id": self.id,
            "pair_id": self.pair_id,
            "session_id": self.session_id,
            "text": self.text,
            "owner": self.owner,
            "due": None if self.due is None else self.due.isoformat(),
            "done": int(self.done_on is not None),
            "done_on": None if self.done_on is None else self.done_on.isoformat(),
        }


def _day(value: object) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


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
