"""Undo commands: each edit calls the Workspace; commands never touch widgets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtGui import QUndoCommand, QUndoStack

from rmdesk.errors import RmdeskError
from rmdesk.models.cohorts import Cohort, Pair, Participant
from rmdesk.models.conflicts import unordered
from rmdesk.models.matching import Proposal
from rmdesk.models.wording import plural
from rmdesk.ui.common.undo_status import REFUSALS
from rmdesk.workspace import Workspace


class Command(QUndoCommand):
    """An undo step whose first apply may be refused by the Workspace.

    An exception must not cross Qt's virtual call (PySide would wrap it and mangle its text),
    so redo() keeps it in ``error`` and marks the command obsolete: QUndoStack.push() then drops
    the step that was never applied, and ``push()`` below raises the original error.

    An undo (or a later redo) can be refused too: the pair to reopen has a member who left
    since, the cohort change to take back no longer fits. The step is then dropped from the
    stack (obsolete), nothing was changed, and ``REFUSALS`` says why in words.
    """

    error: Exception | None = None
    _applied = False
    #: the edit itself, defined by every command (first apply and each redo)
    do: Callable[[], None]

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("undo")
        if own is not None:
            setattr(cls, "undo", _guarded_undo(own))  # noqa: B010 (a method, replaced)

    def redo(self) -> None:
        self.error = None
        try:
            self.do()
        except Exception as exc:
            self.error = exc
            self.setObsolete(True)
            if self._applied and isinstance(exc, RmdeskError):  # a redo, not the first apply
                REFUSALS.said.emit(f"Cannot redo '{self.text()}': {exc}", False)
            return
        self._applied = True


def _guarded_undo(undo: Callable[[Command], None]) -> Callable[[Command], None]:
    def guarded(self: Command) -> None:
        try:
            undo(self)
        except RmdeskError as exc:
            self.setObsolete(True)
            REFUSALS.said.emit(f"Cannot undo '{self.text()}': {exc}", True)

    guarded.__doc__ = undo.__doc__
    return guarded


def push(stack: QUndoStack, command: QUndoCommand) -> None:
    """Apply ``command`` as one undo step; raise what refused it, with nothing left on the stack."""
    stack.push(command)
    error = getattr(command, "error", None)
    if error is not None:
        raise error


class PairCommand(Command):
    """Make a pair; undo removes it, redo puts the very same pair back."""

    def __init__(
        self,
        ws: Workspace,
        cohort: Cohort,
        mentor_id: str,
        mentee_id: str,
        override: str | None = None,
    ) -> None:
        people = ws.roster.employees()
        super().__init__(f"Pair {people[mentor_id].name} with {people[mentee_id].name}")
        self.ws, self.cohort = ws, cohort
        self.mentor_id, self.mentee_id, self.override = mentor_id, mentee_id, override
        self.pair: Pair | None = None
        self.enrolled: list[str] = []

    def do(self) -> None:
        if self.pair is None:
            before = {p.employee_id for p in self.ws.cohorts.participants(self.cohort)}
            self.pair = self.ws.pairing.pair(
                self.mentor_id, self.mentee_id, self.cohort, self.override
            ).pair
            self.enrolled = [e for e in (self.mentor_id, self.mentee_id) if e not in before]
        else:
            self.ws.pairing.restore_pair(self.pair)

    def undo(self) -> None:
        assert self.pair is not None
        self.ws.pairing.unpair(self.pair.id)
        if self.enrolled:  # people the pair enrolled go back out with it
            self.ws.cohorts.withdraw(self.enrolled, self.cohort)


class UnpairCommand(Command):
    def __init__(self, ws: Workspace, pair_id: int) -> None:
        pair = ws.pairing.get_pair(pair_id)
        people = ws.roster.employees()
        super().__init__(f"Unpair {people[pair.mentor_id].name} and {people[pair.mentee_id].name}")
        self.ws, self.pair_id = ws, pair_id
        self.pair: Pair | None = None

    def do(self) -> None:
        self.pair = self.ws.pairing.unpair(self.pair_id)

    def undo(self) -> None:
        assert self.pair is not None
        self.ws.pairing.restore_pair(self.pair)


class EnrolCommand(Command):
    """Add people to the cohort as mentors or mentees; ``switch`` lets it change the role of
    someone enrolled in the other one (the officer confirmed it). A role never changes
    silently: without ``switch`` such a person makes the Workspace refuse the whole step."""

    def __init__(
        self, ws: Workspace, cohort: Cohort, ids: list[str], role: str, switch: bool = False
    ) -> None:
        super().__init__(f"Add {plural(len(ids), role)}")
        self.ws, self.cohort, self.ids, self.role = ws, cohort, ids, role
        self.switch = switch
        self.before: list[Participant] = []
        self.changed: list[str] = []

    def do(self) -> None:
        wanted = set(self.ids)
        self.before = [
            p for p in self.ws.cohorts.participants(self.cohort) if p.employee_id in wanted
        ]
        self.changed = self.ws.cohorts.enrol(self.ids, self.role, self.cohort, switch=self.switch)
        if not self.changed:  # everybody was there already: no step to undo
            self.setObsolete(True)

    def undo(self) -> None:
        self.ws.cohorts.withdraw(self.changed, self.cohort)
        back = [p for p in self.before if p.employee_id in set(self.changed)]
        if back:
            self.ws.cohorts.restore_participants(back)


class WithdrawCommand(Command):
    """Take unpaired people out of the cohort, with their interests and availability."""

    def __init__(self, ws: Workspace, cohort: Cohort, ids: list[str]) -> None:
        super().__init__(f"Remove {plural(len(ids), 'person')} from {cohort.name}")
        self.ws, self.cohort, self.ids = ws, cohort, ids
        self.removed: list[Participant] = []

    def do(self) -> None:
        self.removed = self.ws.cohorts.withdraw(self.ids, self.cohort)

    def undo(self) -> None:
        self.ws.cohorts.restore_participants(self.removed)


class InterestsCommand(Command):
    """Set one participant's topics of interest and availability."""

    def __init__(self, ws: Workspace, cohort: Cohort, participant: Participant,
                 interests: str, availability: str) -> None:  # fmt: skip
        super().__init__(f"Edit interests of {ws.roster.employee(participant.employee_id).name}")
        self.ws, self.cohort, self.before = ws, cohort, participant
        self.interests, self.availability = interests, availability

    def do(self) -> None:
        self.ws.cohorts.set_interests(
            self.cohort, self.before.employee_id, self.interests, self.availability
        )

    def undo(self) -> None:
        b = self.before
        self.ws.cohorts.set_interests(self.cohort, b.employee_id, b.interests, b.availability)


class ExclusionCommand(Command):
    """Put two people on the do-not-pair list (``reason``) or take them off it (None)."""

    def __init__(self, ws: Workspace, first: str, second: str, reason: str | None) -> None:
        people = ws.roster.employees()
        names = f"{people[first].name} and {people[second].name}"
        super().__init__(f"Never pair {names}" if reason is not None else f"Allow {names} again")
        self.ws, self.first, self.second, self.reason = ws, first, second, reason
        self.before = ws.cohorts.exclusions().get(unordered(first, second))

    def _set(self, reason: str | None) -> None:
        if reason is None:
            self.ws.cohorts.unexclude(self.first, self.second)
        else:
            self.ws.cohorts.exclude(self.first, self.second, reason)

    def do(self) -> None:
        self._set(self.reason)

    def undo(self) -> None:
        self._set(self.before)


class GradeOrderCommand(Command):
    """Say whether a higher grade number means more senior (the not-reverse rule reads it)."""

    def __init__(self, ws: Workspace, higher_is_senior: bool) -> None:
        super().__init__("Higher grades are more senior" if higher_is_senior
                         else "Lower grades are more senior")  # fmt: skip
        self.ws, self.value, self.before = ws, higher_is_senior, ws.pairing.higher_grade_is_senior

    def do(self) -> None:
        self.ws.pairing.set_higher_grade_is_senior(self.value)

    def undo(self) -> None:
        self.ws.pairing.set_higher_grade_is_senior(self.before)


class CreateCohortCommand(Command):
    """A new cohort; undo removes it again (it has no pairs by then: they were undone first)."""

    def __init__(self, ws: Workspace, name: str, starts: date, ends: date, capacity: int) -> None:
        super().__init__(f"Create cohort {name}")
        self.ws, self.name, self.starts, self.ends, self.capacity = ws, name, starts, ends, capacity
        self.made: Cohort | None = None

    def do(self) -> None:
        if any(c.name == self.name.strip() for c in self.ws.cohorts.cohorts()):
            raise RmdeskError(f"there is already a cohort called '{self.name.strip()}'")
        self.made = self.ws.cohorts.create_cohort(self.name, self.starts, self.ends, self.capacity)

    def undo(self) -> None:
        assert self.made is not None
        self.ws.cohorts.delete_cohort(self.made.id)


class EditCohortCommand(Command):
    def __init__(self, ws: Workspace, before: Cohort, after: Cohort) -> None:
        super().__init__(f"Change cohort {before.name}")
        self.ws, self.before, self.after = ws, before, replace(after, id=before.id)

    def do(self) -> None:
        self.ws.cohorts.update_cohort(self.after)

    def undo(self) -> None:
        self.ws.cohorts.update_cohort(self.before)


class AcceptCommand(Command):
    """Accept several suggestions: one transaction, one event, one undo step.

    Undo ends (or removes) exactly the pairs it made, and withdraws the people it enrolled,
    in one transaction too (docs/architecture.md#events)."""

    def __init__(self, ws: Workspace, cohort: Cohort, proposals: list[Proposal]) -> None:
        super().__init__(f"Accept {plural(len(proposals), 'suggested pair')}")
        self.ws, self.cohort, self.proposals = ws, cohort, proposals
        self.made: list[Pair] = []
        self.enrolled: list[str] = []

    def do(self) -> None:
        with self.ws.batch():
            if not self.made:
                before = {p.employee_id for p in self.ws.cohorts.participants(self.cohort)}
                views = self.ws.pairing.accept(self.proposals, self.cohort)
                self.made = [v.pair for v in views]
                wanted = {x for p in self.proposals for x in (p.mentor_id, p.mentee_id)}
                self.enrolled = sorted(wanted - before)
            else:
                for pair in self.made:
                    self.ws.pairing.restore_pair(pair)

    def undo(self) -> None:
        with self.ws.batch():
            for pair in reversed(self.made):
                self.ws.pairing.unpair(pair.id)
            if self.enrolled:
                self.ws.cohorts.withdraw(self.enrolled, self.cohort)


def accept_proposals_command(
    ws: Workspace, cohort: Cohort, pairs: list[tuple[str, str]]
) -> QUndoCommand:
    """One undo step for accepting several suggestions (see AcceptCommand)."""
    return AcceptCommand(ws, cohort, [Proposal(m, e, 0, []) for m, e in pairs])
