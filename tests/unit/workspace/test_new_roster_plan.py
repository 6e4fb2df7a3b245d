"""A file for a workspace not created yet is planned without a database, and that plan writes
what a plan made by the workspace itself writes; an import landing first makes it compare
again."""

from __future__ import annotations

from pathlib import Path

from rmdesk.workspace import Workspace
from rmdesk.workspace.roster import prepare_new_roster
from tests.unit import rosters as R


def _people(ws: Workspace) -> list[tuple[object, ...]]:
    return sorted(tuple(e.as_dict().values()) for e in ws.roster.roster())


def test_a_new_roster_plan_writes_what_the_workspace_plan_writes(tmp_path: Path) -> None:
    source = R.big_roster(tmp_path / "r.csv", 300)
    plan = prepare_new_roster(source)
    assert not plan.errors and len(plan.added) == 300 and plan.generation == ""
    fresh = Workspace.open(tmp_path / "new.db")
    usual = Workspace.open(tmp_path / "usual.db")
    try:
        report = fresh.roster.apply_import(plan)
        expected = usual.roster.apply_import(usual.roster.prepare_import(source))
        assert (report.added, report.updated, report.replanned) == (300, 0, False)
        assert report.summary() == expected.summary()
        assert _people(fresh) == _people(usual)
        assert fresh.roster.imports()[0]["sha256"] == usual.roster.imports()[0]["sha256"]
    finally:
        fresh.close()
        usual.close()


def test_an_import_landing_first_makes_the_new_roster_plan_compare_again(
    tmp_path: Path,
) -> None:
    first = R.big_roster(tmp_path / "first.csv", 50)
    plan = prepare_new_roster(first)
    ws = Workspace.open(tmp_path / "w.db")
    try:
        ws.roster.import_roster(first)  # another import got there first
        report = ws.roster.apply_import(plan)
        assert report.replanned and (report.added, report.unchanged) == (0, 50)
    finally:
        ws.close()


def test_a_rejected_file_is_planned_with_its_errors_and_no_database(tmp_path: Path) -> None:
    source = R.write_bytes(tmp_path / "r.csv", b"Employee ID,Name\nE1,Ana\nE1,Bo\n")
    plan = prepare_new_roster(source)
    assert [p.row for p in plan.errors] == [3]
    assert list(tmp_path.iterdir()) == [source]
