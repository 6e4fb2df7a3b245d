"""Undo commands: each edit calls the Workspace; commands never touch widgets."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from rmdesk.models.cohorts import Cohort, Pair, Participant
from rmdesk.workspace import Workspace

# A redo that raises marks its command obsolete first: QUndoStack.push() then deletes it instead
# of keeping a step that was never applied, and the error reaches push()'s caller.


class PairCommand(QUndoCommand):
    """Make a pair; undo removes it, redo puts the very same pair back."""

    def __init__(
        self,
        ws: Workspace,
        cohort: Cohort,
        mentor_id: str,
        mentee_id: str,
        override: str | None = None,
        parent: QUndoCommand | None = None,
    ) -> None:
        people = ws.employees()
        super().__init__(f"Pair {people[mentor_id].name} with {people[mentee_id].name}", parent)
        self.ws, self.cohort = ws, cohort
        self.mentor_id, self.mentee_id, self.override = mentor_id, mentee_id, override
        self.pair: Pair | None = None
        self.enrolled: list[str] = []

    def redo(self) -> None:
        try:
            if self.pair is None:
                before = {p.employee_id for p in self.ws.participants(self.cohort)}
                self.pair = self.ws.pair(
                    self.mentor_id, self.mentee_id, self.cohort, self.override
                ).pair
                self.enrolled = [e for e in (self.mentor_id, self.mentee_id) if e not in before]
            else:
                self.ws.restore_pair(self.pair)
        except Exception:
            self.setObsolete(True)
            raise

    def undo(self) -> None:
        assert self.pair is not None
        self.ws.unpair(self.pair.id)
        if self.enrolled:  # people the pair enrolled go back out with it
            self.ws.withdraw(self.enrolled, self.cohort)


class UnpairCommand(QUndoCommand):
    def __init__(self, ws: Workspace, pair_id: int, parent: QUndoCommand | None = None) -> None:
        pair = ws.get_pair(pair_id)
        people = ws.employees()
        super().__init__(
            f"Unpair {people[pair.mentor_id].name} and {people[pair.mentee_id].name}", parent
        )
        self.ws, self.pair_id = ws, pair_id
        self.pair: Pair | None = None

    def redo(self) -> None:
        try:
            self.pair = self.ws.unpair(self.pair_id)
        except Exception:
            self.setObsolete(True)
            raise

    def undo(self) -> None:
        assert self.pair is not None
        self.ws.restore_pair(self.pair)


class EnrolCommand(QUndoCommand):
    """Add people to the cohort as mentors or mentees (or switch their role)."""

    def __init__(
        self,
        ws: Workspace,
        cohort: Cohort,
        ids: list[str],
        role: str,
        parent: QUndoCommand | None = None,
    ) -> None:
        noun = role + ("s" if len(ids) != 1 else "")
        super().__init__(f"Add {len(ids)} {noun}", parent)
        self.ws, self.cohort, self.ids, self.role = ws, cohort, ids, role
        self.before: list[Participant] = []

    def redo(self) -> None:
        wanted = set(self.ids)
        self.before = [p for p in self.ws.participants(self.cohort) if p.employee_id in wanted]
        try:
            self.ws.enrol(self.ids, self.role, self.cohort)
        except Exception:
            self.setObsolete(True)
            raise

    def undo(self) -> None:
        self.ws.withdraw(self.ids, self.cohort)
        if self.before:
            self.ws.restore_participants(self.before)


class WithdrawCommand(QUndoCommand):
    def __init__(
        self, ws: Workspace, cohort: Cohort, ids: list[str], parent: QUndoCommand | None = None
    ) -> None:
        super().__init__(f"Remove {len(ids)} from the cohort", parent)
        self.ws, self.cohort, self.ids = ws, cohort, ids
        self.removed: list[Participant] = []

    def redo(self) -> None:
        self.removed = self.ws.withdraw(self.ids, self.cohort)

    def undo(self) -> None:
        self.ws.restore_participants(self.removed)


class CompoundCommand(QUndoCommand):
    """Several commands as one undo step.

    The steps are kept as Python objects rather than Qt children: PySide does not hand a Python
    subclass made with a QUndoCommand parent over to that parent, so such children are collected
    as soon as the loop that made them ends, and pushing the parent crashes.
    """

    def __init__(self, text: str, steps: list[QUndoCommand]) -> None:
        super().__init__(text)
        self.steps = steps

    def redo(self) -> None:
        done: list[QUndoCommand] = []
        try:
            for step in self.steps:
                step.redo()
                done.append(step)
        except Exception:
            for step in reversed(done):  # all or nothing
                step.undo()
            self.setObsolete(True)
            raise

    def undo(self) -> None:
        for step in reversed(self.steps):
            step.undo()


def accept_proposals_command(
    ws: Workspace, cohort: Cohort, pairs: list[tuple[str, str]]
) -> QUndoCommand:
    """One undo step for accepting several suggestions: a pair command per proposal."""
    text = f"Accept {len(pairs)} suggested pair{'s' if len(pairs) != 1 else ''}"
    return CompoundCommand(text, [PairCommand(ws, cohort, m, e) for m, e in pairs])
