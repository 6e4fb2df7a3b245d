"""Two real rmdesk processes at one file: no mentee gets two mentors, no import loses updates,
and two processes creating a new database both succeed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rmdesk.cli import main
from rmdesk.workspace import Workspace
from rmdesk.workspace.writer_lock import WriterLock
from tests.unit.orgs import SMALL, write_roster

ROOT = Path(__file__).resolve().parents[3]
ROUNDS = 6


def _spawn(*argv: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "rmdesk.cli", *argv],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(proc: subprocess.Popen[str]) -> tuple[int, str]:
    _out, err = proc.communicate(timeout=30)
    return proc.returncode, err


def test_two_processes_pairing_one_mentee_make_one_pair(db_path: Path, tmp_path: Path) -> None:
    assert (
        main(["import", str(write_roster(tmp_path / "small.csv", SMALL)), "--db", str(db_path)])
        == 0
    )
    db = str(db_path)
    for r in range(ROUNDS):
        cohort = f"Round {r}"
        assert main(["cohort", cohort, "--db", db]) == 0
        assert main(["enrol", "S4", "T2", "--as", "mentor", "--cohort", cohort, "--db", db]) == 0
        assert main(["enrol", "C1", "--as", "mentee", "--cohort", cohort, "--db", db]) == 0
        a = _spawn("pair", "S4", "C1", "--cohort", cohort, "--db", db)
        b = _spawn("pair", "T2", "C1", "--cohort", cohort, "--db", db)
        codes = sorted(code for code, _err in (_finish(a), _finish(b)))
        assert codes[0] == 0 and codes[1] in (1, 3), codes
    conn = sqlite3.connect(db_path)
    try:
        per_cohort = conn.execute(
            "SELECT cohort_id, COUNT(*) FROM pairs WHERE status = 'active' AND mentee_id = 'C1' "
            "GROUP BY cohort_id"
        ).fetchall()
    finally:
        conn.close()
    assert len(per_cohort) == ROUNDS
    assert all(count == 1 for _cohort, count in per_cohort)


def _people(path: Path, first: int, last: int) -> Path:
    lines = ["employee_id,name"] + [f"E{i},Person {i}" for i in range(first, last + 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _active(db_path: Path) -> set[str]:
    conn = sqlite3.connect(db_path)
    try:
        return {r[0] for r in conn.execute("SELECT employee_id FROM employees WHERE active = 1")}
    finally:
        conn.close()


X_THEN_Y = {f"E{i}" for i in range(501, 1501)}
Y_THEN_X = {f"E{i}" for i in range(1, 1001)}


def test_two_imports_at_once_equal_one_after_the_other(db_path: Path, tmp_path: Path) -> None:
    Workspace.open(db_path).close()
    x, y = _people(tmp_path / "X.csv", 1, 1000), _people(tmp_path / "Y.csv", 501, 1500)
    # Hold the file while both processes read it and plan: both plans are made against the
    # empty roster, as when two imports start together; then let them write.
    lock = WriterLock(db_path)
    lock.acquire()
    try:
        procs = [
            _spawn("import", str(f), "--db", str(db_path), "--allow-deactivation") for f in (x, y)
        ]
        time.sleep(2.5)
    finally:
        lock.release()
    results = [_finish(p) for p in procs]
    assert [code for code, _ in results] == [0, 0], results
    assert _active(db_path) in (X_THEN_Y, Y_THEN_X)
    conn = sqlite3.connect(db_path)
    try:
        records = conn.execute("SELECT added, deactivated FROM imports ORDER BY id").fetchall()
    finally:
        conn.close()
    assert records == [(1000, 0), (500, 500)]


def test_an_import_planned_before_another_landed_is_compared_again(
    workspace: Workspace, tmp_path: Path
) -> None:
    x, y = _people(tmp_path / "X.csv", 1, 1000), _people(tmp_path / "Y.csv", 501, 1500)
    plan_x = workspace.roster.prepare_import(x)
    plan_y = workspace.roster.prepare_import(y)
    workspace.roster.apply_import(plan_x)
    report = workspace.roster.apply_import(plan_y, allow_deactivation=True)
    assert report.replanned
    assert (report.added, report.unchanged, report.deactivated) == (500, 500, 500)
    assert {e.employee_id for e in workspace.roster.roster(include_inactive=False)} == X_THEN_Y


def test_a_stale_plan_that_now_deactivates_half_is_refused(
    workspace: Workspace, tmp_path: Path
) -> None:
    from rmdesk.errors import DeactivationRefused

    x, y = _people(tmp_path / "X.csv", 1, 1000), _people(tmp_path / "Y.csv", 501, 1500)
    plan_y = workspace.roster.prepare_import(y)  # against the empty roster: nobody leaves
    workspace.roster.import_roster(x)
    with pytest.raises(DeactivationRefused, match="deactivate 500 people"):
        workspace.roster.apply_import(plan_y)
    assert len(workspace.roster.roster(include_inactive=False)) == 1000


def test_a_pair_made_between_plan_and_write_holds_back_the_import(
    workspace: Workspace, tmp_path: Path
) -> None:
    """A plan counts the open pairs of the people it deactivates when it is made; a pair made
    before it is written (by another process, which leaves the roster as it was) is counted
    inside the write, so the import still asks for --allow-deactivation."""
    from rmdesk.errors import DeactivationRefused

    workspace.roster.import_roster(_people(tmp_path / "X.csv", 1, 1000))
    plan = workspace.roster.prepare_import(_people(tmp_path / "most.csv", 1, 999))
    assert plan.deactivating == ["E1000"] and plan.open_pairs == {}
    workspace.cohorts.create_cohort("Spring")
    workspace.pairing.pair("E1000", "E2", override="test")
    with pytest.raises(DeactivationRefused, match="open pair"):
        workspace.roster.apply_import(plan)
    assert workspace.roster.employee("E1000").active


def test_two_processes_creating_one_new_database_both_succeed(tmp_path: Path) -> None:
    code = (
        "import sys; from rmdesk.storage import open_database; from pathlib import Path; "
        "open_database(Path(sys.argv[1])).conn.close()"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for r in range(4):
        path = tmp_path / f"new{r}.db"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", code, str(path)],
                cwd=ROOT,
                env=env,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(3)
        ]
        for p in procs:
            _out, err = p.communicate(timeout=30)
            assert p.returncode == 0, err
        Workspace.open(path).close()
