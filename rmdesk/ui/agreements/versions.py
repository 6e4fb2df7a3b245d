"""How the agreement page shows the chosen version of a pair's agreement: read-only when it
is an older one or a signed one the officer has not unlocked, with the sentence above it."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget

from rmdesk.models.agreements import AgreementBody, AgreementVersion
from rmdesk.ui.agreements.banner import confirm_new_version, version_banner
from rmdesk.ui.agreements.editor import AgreementEditor
from rmdesk.ui.agreements.pair_list import TEMPLATE
from rmdesk.workspace import Workspace


class VersionDisplay:
    """Mixed into AgreementsView, whose attributes these are."""

    ws: Workspace
    selected: int | None
    versions: list[AgreementVersion]
    version_combo: QComboBox
    sign_buttons: dict[str, QPushButton]
    amend_button: QPushButton
    banner: QLabel
    editor: AgreementEditor
    _amending: tuple[int, int] | None

    def _show_selected_version(self) -> None:
        if self.selected in (None, TEMPLATE) or not self.versions:
            return
        number = self.version_combo.currentData()
        version = next((v for v in self.versions if v.number == number), self.versions[-1])
        latest = self.versions[-1]
        old = version.number != latest.number
        if latest.is_draft:
            self._amending = None  # the unlock did its work: the next signed text locks again
        unlocked = self._amending == (self.selected, latest.number)
        frozen = not old and not version.is_draft and not unlocked
        self.amend_button.setVisible(not old and not version.is_draft)
        self.amend_button.setEnabled(frozen)
        for role, button in self.sign_buttons.items():
            done = latest.signed_by(role)
            button.setEnabled(not old and done is None)
            button.setText(f"Signed by {role} ✓" if done else f"Sign as {role}…")
            button.setVisible(role != "officer" or self.ws.agreements.officer_signs or bool(done))
        waiting = self.ws.agreements.state(int(self.selected or 0)).waiting_for if frozen else ()
        self.banner.setText(version_banner(version, latest.number, frozen, waiting))
        self._put(version.body, read_only=old or frozen)

    def amend(self) -> None:
        """Unlock the signed text of the selected pair, once the officer confirms."""
        if self.selected in (None, TEMPLATE) or not self.versions:
            return
        latest = self.versions[-1].number
        assert isinstance(self, QWidget)
        if not self.confirm_amend(self, latest):
            return
        self._amending = (int(self.selected or 0), latest)
        self._show_selected_version()
        self.editor.setFocus()

    @staticmethod
    def confirm_amend(parent: QWidget, version: int) -> bool:
        """Whether to start a new version of a signed agreement (the seam tests replace)."""
        return confirm_new_version(parent, version)

    def _put(self, body: AgreementBody, read_only: bool) -> None:
        """Show ``body`` unless the editor already shows it (our own save coming back)."""
        if self.editor.pending:
            return
        if self.editor.body() != body or read_only:
            self.editor.set_body(body, read_only)
        else:  # the fields as typed stay (a trailing space, the cursor)
            self.editor.set_read_only(False)

    # -- editing ---------------------------------------------------------------------------------
