"""A re-import that looks like different people: ids in another form are recognised; a large
deactivation, or one of people in open pairs, needs allowing and otherwise writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from rmdesk.cli import main
from rmdesk.errors import DeactivationRefused
from rmdesk.workspace import Workspace
from rmdesk.workspace.id_forms import id_key


def _csv(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    body = "".join(f"{i},{n},{m}\n" for i, n, m in rows)
    path.write_text("employee_id,name,manager_id\n" + body, encoding="utf-8")
    return path


BASE = [("00123", "Ana Silva", ""), ("00124", "Ben Okafor", "00123"), ("E7", "Cy Tan", "00123")]
BASE += [(f"P{i}", f"Person {i}", "") for i in range(10)]


@pytest.mark.parametrize(
    ("written", "stored"),
    [("123", "00123"), ("e7", "E7"), ("Ｅ７", "E7"), ("E007", "E7"), (" 0000 ", "0")],
)
def test_id_forms(written: str, stored: str) -> None:
    assert id_key(written) == id_key(stored)


def test_ids_in_another_form_are_the_stored_people(workspace: Workspace, tmp_path: Path) -> None:
    workspace.roster.import_roster(_csv(tmp_path / "a.csv", BASE))
    again = [("123", "Ana Silva", ""), ("124", "Ben Okafor", "123"), ("ｅ７", "Cy Tan", "123")]
    report = workspace.roster.import_roster(_csv(tmp_path / "b.csv", again + BASE[3:]))
    assert (report.added, report.deactivated, report.unchanged) == (0, 0, len(BASE))
    notes = [str(w) for w in report.warnings]
    assert "row 2, column 'employee_id': id '123' is taken as '00123'" in notes[0]
    assert any("row 4" in n and "'E7'" in n for n in notes)
    assert workspace.roster.employee("00124").manager_id == "00123"
    assert len(workspace.roster.roster(include_inactive=False)) == len(BASE)


def test_two_file_ids_of_one_form_are_not_guessed(workspace: Workspace, tmp_path: Path) -> None:
    workspace.roster.import_roster(_csv(tmp_path / "a.csv", BASE))
    rows = [("123", "Ana Silva", ""), ("0123", "Ana Two", ""), *BASE[1:]]
    plan = workspace.roster.prepare_import(_csv(tmp_path / "b.csv", rows))
    assert plan.recognised == [] and len(plan.added) == 2


def test_deactivating_more_than_a_fifth_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    workspace.roster.import_roster(_csv(tmp_path / "a.csv", BASE))
    fewer = _csv(tmp_path / "b.csv", BASE[:8])  # 5 of 13 leave
    with pytest.raises(DeactivationRefused, match="deactivate 5 people") as caught:
        workspace.roster.import_roster(fewer)
    assert caught.value.count == 5 and caught.value.people[0] == "P5"
    assert len(workspace.roster.roster(include_inactive=False)) == len(BASE)
    assert len(workspace.roster.imports()) == 1
    workspace.roster.set_deactivation_share(0.5)
    assert workspace.roster.import_roster(fewer).deactivated == 5


def test_a_leaver_in_an_open_pair_needs_allowing(workspace: Workspace, tmp_path: Path) -> None:
    workspace.roster.import_roster(_csv(tmp_path / "a.csv", BASE))
    cohort = workspace.cohorts.create_cohort("Spring")
    workspace.cohorts.enrol(["P1"], "mentor", cohort)
    workspace.cohorts.enrol(["00123"], "mentee", cohort)
    workspace.roster.set_deactivation_share(0.9)
    gone = _csv(tmp_path / "b.csv", [r for r in BASE if r[0] != "P1"])
    # not paired yet: one person leaving is within the share
    assert workspace.roster.import_roster(gone).deactivated == 1
    workspace.roster.import_roster(_csv(tmp_path / "c.csv", BASE))
    workspace.pairing.pair("P1", "00123", cohort)
    with pytest.raises(DeactivationRefused, match="1 of them in open pairs") as caught:
        workspace.roster.import_roster(gone)
    assert caught.value.people == ["P1"]
    report = workspace.roster.import_roster(gone, allow_deactivation=True)
    assert report.flagged_pairs == 1
    assert "1 open pair now holds somebody who left" in report.summary()
    (view,) = workspace.pairing.pairs(cohort)
    assert view.pair.status == "active"
    assert "inactive" in {c.code for c in view.conflicts}
    # both members of another pair leaving: one pair, not two
    workspace.pairing.pair("P3", "P4", cohort)
    both = _csv(tmp_path / "d.csv", [r for r in BASE if r[0] not in ("P1", "P3", "P4")])
    assert workspace.roster.import_roster(both, allow_deactivation=True).flagged_pairs == 1


def test_cli_refuses_and_dry_run_reports(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(db_path)
    assert main(["import", str(_csv(tmp_path / "a.csv", BASE)), "--db", db]) == 0
    fewer = str(_csv(tmp_path / "b.csv", BASE[:3]))
    capsys.readouterr()
    assert main(["import", fewer, "--db", db, "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert "Would import" in out and "10 deactivated" in out
    assert "without --allow-deactivation the import would be refused" in err
    assert main(["import", fewer, "--db", db]) == 1
    assert "deactivate 10 people (more than 20% of the 13 active people)" in capsys.readouterr().err
    assert main(["import", fewer, "--db", db, "--allow-deactivation"]) == 0
    assert "10 deactivated" in capsys.readouterr().out
