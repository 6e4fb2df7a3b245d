"""The import dialog: the detected column mapping, a preview, the problems, Import or Cancel."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rmdesk.errors import RosterError
from rmdesk.models.conflicts import Severity
from rmdesk.models.people import FIELD_LABELS, FORM_LABELS, MAPPABLE_FIELDS, ROSTER_FIELDS
from rmdesk.models.wording import plural
from rmdesk.ui.common import severity
from rmdesk.ui.common.modal import answer_of
from rmdesk.workspace import ImportPlan, Workspace

PREVIEW_ROWS = 20
NOT_IN_FILE = "— not in the file —"
#: The mapping dialog's labels: the table of fields, required ones marked.
MAPPING_LABELS = {
    **FIELD_LABELS,
    **FORM_LABELS,
    "employee_id": "Employee ID *",
    "name": "Name * (or first + last)",
    "manager_id": "Manager ID",
}


@dataclass(frozen=True)
class ImportChoice:
    """What the officer settled in the dialog."""

    plan: ImportPlan
    mapping: dict[str, str]
    partial: bool


class ImportDialog(QDialog):
    def __init__(self, workspace: Workspace, plan: ImportPlan, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(f"Import {plan.source.name}")
        self.workspace = workspace
        self.plan = plan
        self._detected = plan.mapping_names()
        self.resize(980, 700)

        self.info = QLabel()
        self.info.setWordWrap(True)
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for fld in MAPPABLE_FIELDS:
            combo = QComboBox()
            combo.setObjectName(f"map_{fld}")
            combo.addItem(NOT_IN_FILE, "")
            for header in plan.table.headers:
                if header:
                    combo.addItem(header, header)
            combo.setCurrentIndex(max(combo.findData(plan.mapping_names().get(fld, "")), 0))
            combo.currentIndexChanged.connect(self._remap)
            self.combos[fld] = combo
            form.addRow(MAPPING_LABELS[fld], combo)
        mapping_box = QGroupBox("Columns")
        mapping_box.setLayout(form)
        self.unplaced = QLabel()
        self.unplaced.setWordWrap(True)

        self.preview = QTableWidget()
        self.preview.setObjectName("importPreview")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems = QListWidget()
        self.problems.setObjectName("importProblems")
        self.problems.setWordWrap(True)
        self.partial = QCheckBox()
        self.partial.setObjectName("partialImport")
        self.partial.toggled.connect(self._remap)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        right = QVBoxLayout()
        right.addWidget(QLabel("<b>Preview</b> (first rows, as they will be stored)"))
        right.addWidget(self.preview, 3)
        right.addWidget(QLabel("<b>Problems</b>"))
        right.addWidget(self.problems, 2)
        left = QVBoxLayout()
        left.addWidget(mapping_box)
        left.addWidget(self.unplaced)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 3)
        outer = QVBoxLayout(self)
        outer.addWidget(self.info)
        outer.addLayout(body)
        outer.addWidget(self.summary)
        outer.addWidget(self.partial)
        outer.addWidget(self.buttons)
        self._show_plan()

    def mapping(self) -> dict[str, str]:
        """The officer's choices: only the fields moved away from what was detected, so the
        rest keep the detection's extras (every status column, the id the managers use)."""
        chosen = {fld: str(c.currentData() or "") for fld, c in self.combos.items()}
        return {fld: col for fld, col in chosen.items() if col != self._detected.get(fld, "")}

    def _remap(self) -> None:
        try:
            self.plan = self.workspace.roster.prepare_import(
                self.plan.source,
                self.mapping(),
                self.plan.table.sheet,
                partial=self.partial.isChecked(),
                table=self.plan.table,
            )
        except RosterError as exc:
            self.problems.clear()
            for p in exc.problems:
                self._problem(str(p), Severity.BLOCK)
            self.import_button.setEnabled(False)
            return
        self._show_plan()

    def _problem(self, text: str, level: Severity | None) -> None:
        item = QListWidgetItem(severity.icon(level), text)
        item.setToolTip(text)
        self.problems.addItem(item)

    def _show_plan(self) -> None:
        plan = self.plan
        table = plan.table
        where = [f"{len(table)} rows"]
        if table.sheet:
            where.append(f"sheet '{table.sheet}'")
        if table.encoding:
            where.append(f"encoding {table.encoding}")
        if table.header_row > 1:
            where.append(f"header on row {table.header_row}")
        self.info.setText(f"<b>{plan.source.name}</b> · " + " · ".join(where))
        self.unplaced.setText(
            "Columns not imported: " + ", ".join(plan.mapping.unplaced)
            if plan.mapping.unplaced
            else "Every column is placed."
        )

        people = plan.parsed.preview(PREVIEW_ROWS)
        self.preview.clear()
        self.preview.setColumnCount(len(ROSTER_FIELDS) + 1)
        self.preview.setHorizontalHeaderLabels(
            [*(FIELD_LABELS[f] for f in ROSTER_FIELDS), "Status"]
        )
        self.preview.setRowCount(len(people))
        self.preview.setVerticalHeaderLabels(
            [str(n) for n in plan.parsed.row_numbers[: len(people)]]
        )
        rows = [person.as_dict() for person in people]
        for r, values in enumerate(rows):
            for c, fld in enumerate(ROSTER_FIELDS):
                value = values[fld]
                self.preview.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
        for c, fld in enumerate(ROSTER_FIELDS):  # only the fields this file fills
            self.preview.setColumnHidden(c, bool(rows) and all(v[fld] is None for v in rows))
        status = len(ROSTER_FIELDS)  # who the file says has left, when it says so
        for r, person in enumerate(people):
            self.preview.setItem(r, status, QTableWidgetItem("" if person.active else "left"))
        self.preview.setColumnHidden(status, all(person.active for person in people))

        self.problems.clear()
        for p in plan.errors:
            self._problem(str(p), Severity.BLOCK)
        for p in plan.warnings:
            self._problem(str(p), Severity.WARN)
        if not plan.problems:
            self._problem("No problems found.", None)

        missing = len(plan.missing)
        self.partial.setVisible(missing > 0)
        self.partial.setText(
            "This file lists only part of the organisation: keep the "
            f"{plural(missing, 'person')} it does not list (otherwise they are marked as "
            "having left)"
        )
        errors = len(plan.errors)
        if errors:
            text = (
                f"{errors} error{'s' if errors != 1 else ''} must be fixed in the file or "
                "the mapping before importing; nothing will be written."
            )
            unknown = any("unknown manager" in p.message for p in plan.errors)
            if unknown and missing and not self.partial.isChecked():
                # a partial export names managers it does not list: they are on the roster
                text += (
                    " If this file lists only part of the organisation, tick the box below: "
                    "managers already on the roster are then found."
                )
        else:
            deact = f"{plan.deactivated} marked as left, " if plan.deactivated else ""
            gone = plan.left_in_file
            text = (
                f"{len(plan.parsed)} people"
                + (f" ({gone} of them listed as having left)" if gone else "")
                + f": {len(plan.added)} to add, "
                f"{len(plan.updated)} to update, {deact}{plan.unchanged} unchanged"
                + (f" · {plural(len(plan.warnings), 'warning')}" if plan.warnings else "")
            )
        self.summary.setText(text)
        self.import_button.setEnabled(errors == 0 and len(plan.parsed) > 0)
        self.import_button.setDefault(errors == 0)

    @classmethod
    def ask(
        cls, parent: QWidget | None, workspace: Workspace, plan: ImportPlan
    ) -> ImportChoice | None:
        """Show the dialog; the officer's choice, or None when cancelled (the test seam)."""
        dialog = cls(workspace, plan, parent)
        return answer_of(
            dialog, lambda: ImportChoice(dialog.plan, dialog.mapping(), dialog.partial.isChecked())
        )
