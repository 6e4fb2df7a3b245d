"""One writer: a lock file beside the database names its holder; a second process waits,
then is refused saying who holds it; a crashed holder's lock is taken over; the GUI start
offers read-only, where writes are refused with a sentence."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rmdesk.cli import main
from rmdesk.errors import StorageError
from rmdesk.workspace import Workspace
from rmdesk.workspace.writer_lock import LockHeld, WriterLock, lock_path

ROOT = Path(__file__).resolve().parents[3]
HOLD = (
    "import sys, time; from pathlib import Path; "
    "from rmdesk.workspace.writer_lock import WriterLock; "
    "lock = WriterLock(Path(sys.argv[1])); lock.acquire(); print('held', flush=True); "
    "time.sleep(float(sys.argv[2])); lock.release()"
)


def _holder(db: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db), str(seconds)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def _end(proc: subprocess.Popen[str]) -> None:
    proc.kill()
    proc.communicate(timeout=10)


def _roster(path: Path) -> Path:
    path.write_text("employee_id,name\nE1,Ana\nE2,Ben\n", encoding="utf-8")
    return path


def test_lock_file_names_the_holder(db_path: Path) -> None:
    lock = WriterLock(db_path)
    lock.acquire()
    try:
        data = json.loads(lock_path(db_path.resolve()).read_text())
        assert data["pid"] == os.getpid() and data["host"] == socket.gethostname()
        assert {"user", "since"} <= data.keys()
    finally:
        lock.release()
    assert not lock_path(db_path.resolve()).exists()


def test_a_second_process_is_refused_naming_the_holder(db_path: Path) -> None:
    proc = _holder(db_path, 10)
    try:
        with pytest.raises(LockHeld, match=f"process {proc.pid} ") as caught:
            WriterLock(db_path).acquire(wait=0.2)
        assert socket.gethostname() in str(caught.value)
    finally:
        _end(proc)


def test_a_cli_write_waits_for_the_lock_then_writes(db_path: Path, tmp_path: Path) -> None:
    Workspace.open(db_path).close()
    proc = _holder(db_path, 1.0)
    try:
        started = time.monotonic()
        assert main(["import", str(_roster(tmp_path / "r.csv")), "--db", str(db_path)]) == 0
        assert time.monotonic() - started >= 0.5  # it waited for the other process
    finally:
        proc.communicate(timeout=10)


def test_a_cli_write_gives_up_saying_who_holds_it(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import rmdesk.cli.roster

    monkeypatch.setattr(rmdesk.cli.roster, "CLI_WAIT", 0.3)
    Workspace.open(db_path).close()
    proc = _holder(db_path, 10)
    try:
        capsys.readouterr()
        assert main(["import", str(_roster(tmp_path / "r.csv")), "--db", str(db_path)]) == 1
        err = capsys.readouterr().err
        assert f"process {proc.pid}" in err and "nothing was written" in err
    finally:
        _end(proc)
    ws = Workspace.open(db_path)
    try:
        assert ws.roster.roster() == []
    finally:
        ws.close()


def test_a_crashed_holders_lock_is_taken_over(db_path: Path) -> None:
    proc = _holder(db_path, 30)
    _end(proc)  # dies holding the lock: its file stays
    assert lock_path(db_path.resolve()).exists()
    lock = WriterLock(db_path)
    lock.acquire()
    try:
        holder = lock.holder()
        assert holder is not None and holder.pid == os.getpid()
    finally:
        lock.release()


def test_gui_start_offers_read_only_and_refuses_writes(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rmdesk import app

    ws = Workspace.open(db_path)
    ws.roster.import_roster(_roster(tmp_path / "r.csv"))
    ws.close()
    asked: list[str] = []
    monkeypatch.setattr(app, "ask_read_only", lambda text: asked.append(text) or True)
    proc = _holder(db_path, 10)
    try:
        opened = app.open_workspace(db_path)
        try:
            assert asked and f"process {proc.pid}" in asked[0]
            assert opened.store.read_only
            assert len(opened.roster.roster()) == 2
            with pytest.raises(StorageError, match="read-only"):
                opened.cohorts.create_cohort("Spring")
        finally:
            opened.close()
        monkeypatch.setattr(app, "ask_read_only", lambda text: False)
        with pytest.raises(StorageError, match="not opened"):
            app.open_workspace(db_path)
    finally:
        _end(proc)
    assert not list(tmp_path.glob("backups/*.db"))  # read-only opening makes no backup


def test_gui_start_takes_the_lock_and_backs_up(db_path: Path) -> None:
    from rmdesk import app

    ws = app.open_workspace(db_path)
    try:
        holder = WriterLock(db_path).holder()
        assert holder is not None and holder.pid == os.getpid()
        assert len(ws.safety.backups()) == 1
    finally:
        ws.close()
    assert WriterLock(db_path).holder() is None


@pytest.mark.parametrize(
    "argv", [["cohort", "Spring"], ["seniority", "lower"], ["exclude", "A", "B"]]
)
def test_every_cli_write_respects_the_lock(
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    import rmdesk.workspace.writer_lock

    monkeypatch.setattr(rmdesk.workspace.writer_lock, "CLI_WAIT", 0.3)
    Workspace.open(db_path).close()
    proc = _holder(db_path, 10)
    try:
        capsys.readouterr()
        assert main([*argv, "--db", str(db_path)]) == 1
        assert f"process {proc.pid}" in capsys.readouterr().err
    finally:
        _end(proc)
    ws = Workspace.open(db_path)
    try:
        assert ws.cohorts.cohorts() == [] and ws.pairing.higher_grade_is_senior
    finally:
        ws.close()
