"""The Agreements page: the pairs of a cohort with their state, and the selected agreement.

Edits are saved as typed through undo commands; the page follows the Workspace's events and
refreshes only the rows (and the editor) of the pairs that changed.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rmdesk.errors import RmdeskError
from rmdesk.models.agreements import AgreementBody, AgreementState, AgreementVersion
from rmdesk.models.cohorts import Cohort
from rmdesk.models.wording import isolated, ltr_line, pair_title, plural
from rmdesk.ui.agreements.commands import SaveDraftCommand, SetTemplateCommand, SignCommand
from rmdesk.ui.agreements.editor import AgreementEditor
from rmdesk.ui.agreements.pair_list import TEMPLATE, PairList, state_text
from rmdesk.ui.agreements.pdf_actions import PdfActions
from rmdesk.ui.agreements.sign_dialog import SignDialog
from rmdesk.ui.agreements.versions import VersionDisplay
from rmdesk.ui.common.signals import WorkspaceSignals
from rmdesk.ui.common.tasks import Task
from rmdesk.ui.common.undo import push
from rmdesk.workspace import Workspace
from rmdesk.workspace.agreement_template import PRINTED_SETTINGS, template_problems
from rmdesk.workspace.events import (
    AgreementsChanged,
    CohortsChanged,
    PairsChanged,
    SettingsChanged,
    TemplateChanged,
)

ROLES_SIGNING = ("mentor", "mentee", "officer")


class AgreementsView(VersionDisplay, PdfActions, QWidget):
    """The list of a cohort's agreements beside the editor of the one selected."""

    message = Signal(str)  # for the status bar

    def __init__(
        self,
        workspace: Workspace,
        undo_stack: QUndoStack,
        signals: WorkspaceSignals,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agreementsView")
        self.ws, self.undo, self.signals = workspace, undo_stack, signals
        self.cohort: Cohort | None = None
        self.selected: int | None = None  # TEMPLATE, a pair id, or None
        self.versions: list[AgreementVersion] = []
        self.task: Task | None = None

        self.list = PairList()
        self.list.currentItemChanged.connect(lambda *_: self._select(self.list.selected()))
        self.export_all_button = QPushButton("Export all signed…")
        self.export_all_button.clicked.connect(self.export_all)
        left = self.left_panel = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("agreementSummary")
        self.summary.setWordWrap(True)
        ll.addWidget(self.summary)
        ll.addWidget(self.list, 1)
        ll.addWidget(self.export_all_button)

        self.title = QLabel()
        self.title.setObjectName("agreementTitle")
        self.title.setWordWrap(True)
        self.version_combo = QComboBox()
        self.version_combo.setObjectName("versionCombo")
        self.version_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.version_combo.setMinimumContentsLength(18)
        self.version_combo.setToolTip("Every version stays readable; only the latest is edited")
        self.version_combo.currentIndexChanged.connect(lambda *_: self._show_selected_version())
        self.sign_buttons = {r: QPushButton(f"Sign as {r}…") for r in ROLES_SIGNING}
        for role, button in self.sign_buttons.items():
            button.setObjectName(f"sign_{role}")
            button.clicked.connect(lambda _=False, r=role: self.sign(r))
        self.pdf_button = QPushButton("Export PDF…")
        self.pdf_button.clicked.connect(self.export_pdf)
        self.print_button = QPushButton("Print…")
        self.print_button.clicked.connect(self.print_agreement)
        self.open_button = QPushButton("Open PDF")
        self.open_button.clicked.connect(self.open_pdf)
        self.pair_bar = QWidget()  # two rows, so that it fits a 1024-pixel screen
        rows = QVBoxLayout(self.pair_bar)
        rows.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Version"))
        bar.addWidget(self.version_combo, 1)
        bar.addSpacing(12)
        for button in (self.pdf_button, self.print_button, self.open_button):
            bar.addWidget(button)
        signing = QHBoxLayout()
        for button in self.sign_buttons.values():
            signing.addWidget(button)
        signing.addStretch(1)
        # a signed text is shown read-only; changing it is a step of its own, confirmed
        self.amend_button = QPushButton("Change the text…")
        self.amend_button.setObjectName("amendAgreement")
        self.amend_button.setToolTip("Start a new version of a signed agreement")
        self.amend_button.clicked.connect(self.amend)
        signing.addWidget(self.amend_button)
        # (pair, version) whose signed text the officer unlocked: that version only, until
        # the edit that starts the next one
        self._amending: tuple[int, int] | None = None
        rows.addLayout(bar)
        rows.addLayout(signing)
        self.banner = QLabel()
        self.banner.setObjectName("agreementBanner")
        self.banner.setWordWrap(True)
        self.banner.setFrameShape(QLabel.Shape.StyledPanel)
        self.banner.setMargin(6)
        self.editor = AgreementEditor()
        self.editor.edited.connect(self._edited)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        self.editor_area = scroll
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.title)
        rl.addWidget(self.pair_bar)
        rl.addWidget(self.banner)
        rl.addWidget(scroll, 1)
        # without the form (no cohort, no pair) the sentence stays at the top, its own height
        self.banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        rl.addStretch(0)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([420, 860])
        outer = QVBoxLayout(self)
        outer.addWidget(split)

        self.act_export_all = QAction("Export a&greements…", self)
        self.act_export_all.triggered.connect(self.export_all)
        self.act_export_pdf = QAction("Export agreement as &PDF…", self)
        self.act_export_pdf.triggered.connect(self.export_pdf)
        self.act_print = QAction("&Print agreement…", self)
        self.act_print.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.act_print.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_print.triggered.connect(self.print_agreement)
        self.act_open_pdf = QAction("&Open agreement PDF", self)
        self.act_open_pdf.triggered.connect(self.open_pdf)
        self.addAction(self.act_print)

        signals.agreements.connect(self._agreements_changed)
        signals.template.connect(self._template_changed)
        signals.pairs.connect(self._pairs_changed)
        signals.cohorts.connect(self._cohorts_changed)
        signals.roster.connect(lambda _e: self.reload())
        signals.settings.connect(self._settings_changed)
        self.set_cohort(None)

    # -- loading ---------------------------------------------------------------------------------
    def set_cohort(self, cohort: Cohort | None) -> None:
        self.editor.flush()
        self.cohort = cohort
        self.reload()

    def reload(self) -> None:
        """Rebuild the list (a new cohort, pairs made or removed, a re-import)."""
        keep = self.selected
        self.list.blockSignals(True)
        try:
            if self.cohort is None:
                self.list.clear()
                self.summary.setText("No cohort yet: create one, make pairs, then agree rules.")
            else:
                listed = self.ws.pairing.pair_list(self.cohort)
                people = self.ws.roster.some(x for p in listed for x in (p.mentor_id, p.mentee_id))
                pairs = [(p.id, people[p.mentor_id], people[p.mentee_id], p.status) for p in listed]
                states = self.ws.agreements.states(self.cohort)
                self.list.fill(self.cohort.name, pairs, states)
                self._summarise(states)
        finally:
            self.list.blockSignals(False)
        ids = self.list.pair_ids()
        if self.cohort is None:
            self._select(None)
        else:
            target = keep if keep in ids or keep == TEMPLATE else (ids[0] if ids else TEMPLATE)
            self.list.select(target)
            self._select(target)

    def _summarise(self, states: dict[int, AgreementState]) -> None:
        kinds = [s.kind for s in states.values()]
        signed = kinds.count("signed")
        self.summary.setText(
            f"<b>{plural(len(kinds), 'pair')}</b> · {signed} signed · {len(kinds) - signed} to do"
        )

    def _select(self, key: int | None) -> None:
        if key != self.selected:
            self.editor.flush()
            self._amending = None
        self.selected = key
        self._show(refresh_versions=True)

    def _show(self, refresh_versions: bool) -> None:
        """Show the selected pair (or the template) as stored."""
        key, has_pair = self.selected, self.selected not in (None, TEMPLATE)
        for button in (
            *self.sign_buttons.values(),
            self.pdf_button,
            self.print_button,
            self.open_button,
            self.version_combo,
        ):
            button.setEnabled(has_pair)
        self.pair_bar.setVisible(key not in (None, TEMPLATE))  # no pair: nothing to sign
        for action in (self.act_export_pdf, self.act_print, self.act_open_pdf):
            action.setEnabled(has_pair)
        self.editor.setEnabled(key is not None)
        # no cohort, or no pair chosen: no form of made-up values, only what to do
        self.editor_area.setVisible(key is not None and self.cohort is not None)
        self.export_all_button.setEnabled(self.cohort is not None)
        # no cohort: no empty table and no empty form, one sentence at the top saying what to do
        self.left_panel.setVisible(self.cohort is not None)
        self.act_export_all.setEnabled(self.cohort is not None)
        if key is None or self.cohort is None:
            self.title.setText("")
            self.banner.setText(
                "No cohort yet. Create one with Cohort ▸ New cohort… (Ctrl+Shift+N) and pair "
                "people on the Pairing board: each pair's agreement is written here."
                if self.cohort is None
                else "Select a pair to see its agreement."
            )
            return
        if key == TEMPLATE:
            self.version_combo.clear()
            self.title.setText(f"<h3>Programme template · {self.cohort.name}</h3>")
            body = self.ws.agreements.template(self.cohort)
            self._banner_for_template(body)
            self._put(body, read_only=False)
            return
        self._show_pair(key, refresh_versions)

    def _show_pair(self, pair_id: int, refresh_versions: bool) -> None:
        pair = self.ws.pairing.get_pair(pair_id)
        mentor, mentee = (self.ws.roster.employee(e) for e in (pair.mentor_id, pair.mentee_id))
        state = self.ws.agreements.state(pair_id)
        self.title.setText(
            f"<h3>{html.escape(pair_title(mentor.name, mentee.name))}</h3>"
            f"{html.escape(_who_mentors_whom(mentor.title, mentee.title))}"
            f"<b>{state_text(state)}</b>"
        )
        if refresh_versions:
            stored = self.ws.agreements.versions(pair_id)
            self.versions = stored or [self.ws.agreements.agreement(pair_id)]
            self.version_combo.blockSignals(True)
            self.version_combo.clear()
            for v in reversed(self.versions):
                if v.is_draft:
                    label = f"{v.number} · draft" + ("" if stored else " (from the template)")
                else:
                    who = ", ".join(s.role for s in v.signatures) or "no one"
                    label = f"{v.number} · signed by {who}"
                self.version_combo.addItem(label, v.number)
            self.version_combo.setCurrentIndex(0)
            self.version_combo.blockSignals(False)
        self._show_selected_version()

    def _banner_for_template(self, body: AgreementBody) -> None:
        problems = template_problems(body)
        self.banner.setText(
            "New agreements in this cohort start from this text. Saved as you "
            "type." + (" Problems: " + "; ".join(problems) if problems else "")
        )

    def _edited(self, body: AgreementBody, what: str) -> None:
        if self.cohort is None or self.selected is None:
            return
        try:
            if self.selected == TEMPLATE:
                push(self.undo, SetTemplateCommand(self.ws, self.cohort, body, what))
            else:
                before = self.versions[-1].body if self.versions else body
                push(self.undo, SaveDraftCommand(self.ws, self.selected, before, body, what))
        except RmdeskError as exc:
            self.banner.setText(f"Not saved: {exc}")
            self.message.emit(f"Not saved: {exc}")

    def sign(self, role: str) -> None:
        """Ask for a signature as ``role`` and sign the latest version."""
        if self.selected in (None, TEMPLATE):
            return
        pair_id = int(self.selected or 0)
        self.editor.flush()
        pair = self.ws.pairing.get_pair(pair_id)
        names = {
            "mentor": self.ws.roster.employee(pair.mentor_id).name,
            "mentee": self.ws.roster.employee(pair.mentee_id).name,
            "officer": self.ws.agreements.officer_name,
        }
        latest = self.ws.agreements.agreement(pair_id)
        answer = SignDialog.ask(self, role, names[role], latest.number)
        if answer is None:
            return
        command = SignCommand(
            self.ws, pair_id, role, answer.typed_name, answer.on, answer.method, answer.image
        )
        try:
            push(self.undo, command)
        except RmdeskError as exc:
            self.banner.setText(str(exc).replace("\n", " "))
            self.message.emit(f"Not signed: {str(exc).splitlines()[0]}")
            return
        self.message.emit(f"Signed as {role} by {answer.typed_name} · undo: Ctrl+Z")

    # -- following the workspace -----------------------------------------------------------------
    def _agreements_changed(self, event: AgreementsChanged) -> None:
        for pair_id in event.pair_ids:
            if pair_id in self.list.pair_ids():
                self.list.set_state(pair_id, self.ws.agreements.state(pair_id))
        if self.cohort is not None:
            self._summarise(self.ws.agreements.states(self.cohort))
        if self.selected in event.pair_ids:
            self._show(refresh_versions=True)

    def _template_changed(self, event: TemplateChanged) -> None:
        if self.selected == TEMPLATE and self.cohort and event.cohort_id == self.cohort.id:
            body = self.ws.agreements.template(self.cohort)
            self._banner_for_template(body)
            self._put(body, read_only=False)

    def _settings_changed(self, event: SettingsChanged) -> None:
        if event.keys & PRINTED_SETTINGS and self.cohort is not None:
            self.reload()  # the officer's signature may now be needed, or no longer

    def _pairs_changed(self, event: PairsChanged) -> None:
        if self.cohort is not None and event.cohort_id == self.cohort.id:
            self.reload()

    def _cohorts_changed(self, event: CohortsChanged) -> None:
        if self.cohort is not None and self.cohort.id in event.cohort_ids:
            found = [c for c in self.ws.cohorts.cohorts() if c.id == self.cohort.id]
            self.set_cohort(found[0] if found else None)


def _who_mentors_whom(mentor_title: str | None, mentee_title: str | None) -> str:
    """'Analyst mentors Chief Financial Officer · ', or nothing when the roster has no titles
    (a line reading ' mentors ' said nothing)."""
    if mentor_title and mentee_title:
        return ltr_line(f"{isolated(mentor_title)} mentors {isolated(mentee_title)} · ")
    return ""
