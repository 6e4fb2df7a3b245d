"""Undo steps for agreements; each calls the Workspace and never touches a widget."""

from __future__ import annotations

import time
from datetime import date

from PySide6.QtGui import QUndoCommand

from rmdesk.models.agreements import AgreementBody
from rmdesk.models.cohorts import Cohort
from rmdesk.ui.common.undo import Command
from rmdesk.workspace import Workspace

#: Saves of one field within this many seconds are one undo step (a typing burst).
MERGE_SECONDS = 3.0
SAVE_DRAFT_ID = 4101
SET_TEMPLATE_ID = 4102


class SaveDraftCommand(Command):
    """Save a pair's draft as typed; undo puts back the text before (or drops a new draft)."""

    def __init__(
        self, ws: Workspace, pair_id: int, before: AgreementBody, after: AgreementBody, what: str
    ) -> None:
        super().__init__(f"Edit agreement: {what}")
        self.ws, self.pair_id, self.before, self.after, self.what = ws, pair_id, before, after, what
        self.started_draft: bool | None = None
        self.at = time.monotonic()

    def do(self) -> None:
        if self.started_draft is None:
            versions = self.ws.agreements.versions(self.pair_id)
            self.started_draft = not versions or not versions[-1].is_draft
        self.ws.agreements.save_draft(self.pair_id, self.after)

    def undo(self) -> None:
        if self.started_draft:
            self.ws.agreements.discard_draft(self.pair_id)
        else:
            self.ws.agreements.save_draft(self.pair_id, self.before)

    def id(self) -> int:
        return SAVE_DRAFT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, SaveDraftCommand)
            and other.pair_id == self.pair_id
            and other.what == self.what
            and not other.started_draft
            and other.at - self.at < MERGE_SECONDS
        ):
            return False
        self.after, self.at = other.after, other.at
        return True


class SetTemplateCommand(Command):
    """Edit a cohort's programme template; typing bursts in one field are one step."""

    def __init__(self, ws: Workspace, cohort: Cohort, after: AgreementBody, what: str) -> None:
        super().__init__(f"Edit template: {what}")
        self.ws, self.cohort, self.after, self.what = ws, cohort, after, what
        self.before: AgreementBody | None = None
        self.at = time.monotonic()

    def do(self) -> None:
        previous = self.ws.agreements.set_template(self.cohort, self.after)
        if self.before is None:
            self.before = previous

    def undo(self) -> None:
        assert self.before is not None
        self.ws.agreements.set_template(self.cohort, self.before)

    def id(self) -> int:
        return SET_TEMPLATE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, SetTemplateCommand)
            and other.cohort.id == self.cohort.id
            and other.what == self.what
            and other.at - self.at < MERGE_SECONDS
        ):
            return False
        self.after, self.at = other.after, other.at
        return True


class SignCommand(Command):
    """Sign as one role (the first signature freezes the text); undo takes the signature back."""

    def __init__(
        self,
        ws: Workspace,
        pair_id: int,
        role: str,
        typed_name: str,
        on: date,
        method: str,
        image: bytes | None,
    ) -> None:
        super().__init__(f"Sign agreement as {role}")
        self.ws, self.pair_id, self.role = ws, pair_id, role
        self.typed_name, self.on, self.method, self.image = typed_name, on, method, image

    def do(self) -> None:
        self.ws.agreements.sign(
            self.pair_id, self.role, self.typed_name, self.on, self.method, self.image
        )

    def undo(self) -> None:
        self.ws.agreements.unsign(self.pair_id, self.role)
