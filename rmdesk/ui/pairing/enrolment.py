"""Adding people to a cohort from the board: never a silent role switch, never a silent crowd."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rmdesk.models.wording import plural
from rmdesk.ui.common.prompts import EnrolConfirm
from rmdesk.ui.common.undo import EnrolCommand

if TYPE_CHECKING:
    from rmdesk.ui.pairing.board import PairingBoard

#: adding more people than this at once asks first
ASK_ABOVE = 25


def enrol_people(board: PairingBoard, ids: list[str], role: str) -> bool:
    """Enrol ``ids`` as ``role`` in the board's cohort, as one undo step.

    Nothing to change gives no step, only a message. More than ASK_ABOVE people, or anyone
    whose role would change, is confirmed first in a dialog that says who and how many."""
    cohort = board.cohort
    if cohort is None or not ids:
        return False
    people = board.ws.roster.employees()
    ids = list(dict.fromkeys(i for i in ids if i in people and people[i].active))
    if not ids:
        return False
    now = {p.employee_id: p.role for p in board.ws.cohorts.participants(cohort)}
    changing = [i for i in ids if now.get(i) != role]
    if not changing:
        who = "They are" if len(ids) > 1 else f"{people[ids[0]].name} is"
        board.message.emit(f"Nothing changed: {who} already {plural_role(len(ids), role)}.")
        return False
    switching = [(people[i].label, now[i]) for i in changing if i in now]
    if (switching or len(changing) > ASK_ABOVE) and not EnrolConfirm.ask(
        board, role, len(changing), switching
    ):
        board.message.emit("Nothing changed: nobody was added.")
        return False
    return board.push(
        lambda: EnrolCommand(board.ws, cohort, changing, role, switch=bool(switching))
    )


def plural_role(n: int, role: str) -> str:
    """'a mentor' for one person, 'mentors' for several."""
    return f"a {role}" if n == 1 else f"{role}s"


__all__ = ["ASK_ABOVE", "enrol_people", "plural"]
