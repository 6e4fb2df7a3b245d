"""One table of roster fields: everything else that lists them is derived from it."""

from __future__ import annotations

from dataclasses import fields

from rmdesk.models.people import FIELD_LABELS, FIELDS, MAPPABLE_FIELDS, ROSTER_FIELDS, Employee
from rmdesk.roster_files import FIELD_CHOICES
from rmdesk.workspace import Workspace
from rmdesk.workspace.roster import EMPLOYEE_COLUMNS


def test_employee_has_the_roster_fields_then_active() -> None:
    assert tuple(f.name for f in fields(Employee)) == (*ROSTER_FIELDS, "active")


def test_the_stored_table_has_the_roster_fields() -> None:
    ws = Workspace.in_memory()
    try:
        columns = [r[1] for r in ws.db.execute("PRAGMA table_info(employees)")]
    finally:
        ws.close()
    assert columns == [*ROSTER_FIELDS, "active", "last_import_id"]
    assert EMPLOYEE_COLUMNS.split(", ") == [*ROSTER_FIELDS, "active"]


def test_the_import_offers_every_field_and_its_other_forms() -> None:
    assert FIELD_CHOICES == MAPPABLE_FIELDS
    for f in FIELDS:
        assert f.name in FIELD_CHOICES and set(f.also) <= set(FIELD_CHOICES)
        assert FIELD_LABELS[f.name] == f.label and f.label[0].isupper()


def test_the_roster_table_shows_the_fields_in_their_order() -> None:
    from rmdesk.ui.roster.model import COLUMNS

    assert [c[0] for c in COLUMNS] == [*ROSTER_FIELDS, "active"]
    assert {c[1] for c in COLUMNS} >= {"ID", "Name", "Born", "Status"}


def test_the_mapping_dialog_names_every_mappable_field() -> None:
    from rmdesk.ui.roster.import_dialog import MAPPING_LABELS

    assert set(MAPPING_LABELS) == set(MAPPABLE_FIELDS)
