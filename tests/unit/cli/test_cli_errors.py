"""The CLI on an unexpected error: one line and exit 1; the traceback only under --debug."""

from __future__ import annotations

from pathlib import Path

import pytest

from rmdesk import logs
from rmdesk.cli import main
from rmdesk.workspace.roster import RosterService


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    def explode(self: RosterService, *a: object, **k: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(RosterService, "roster", explode)
    monkeypatch.setattr(logs, "log_path", lambda: tmp_path / "rmdesk.log")
    db = tmp_path / "w.db"
    db.touch(mode=0o600)
    return db


def test_one_line_and_exit_1(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["roster", "--db", str(broken)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ZeroDivisionError: a bug" in err and "--debug" in err
    assert "Traceback" not in err
    assert "Traceback" in (broken.parent / "rmdesk.log").read_text(encoding="utf-8")


def test_the_log_keeps_the_command_without_its_values(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A confidential note typed on the command line never reaches the log file."""
    from rmdesk.workspace.sessions import SessionService

    def explode(self: SessionService, *a: object, **k: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(logs, "log_path", lambda: tmp_path / "rmdesk.log")
    db = tmp_path / "w.db"
    assert main(["cohort", "Spring", "--db", str(db)]) == 0
    monkeypatch.setattr(SessionService, "log", explode)
    argv = ["session", "6", "--on", "2025-01-05T10:00", "--status", "held"]
    assert main([*argv, "--note", "NOTE-SECRET-41", "--db", str(db)]) == 1
    log = (tmp_path / "rmdesk.log").read_text(encoding="utf-8")
    assert "session … --on … --status … --note … --db …" in log
    assert "NOTE-SECRET-41" not in log and "2025-01-05" not in log


def test_debug_shows_the_traceback(broken: Path) -> None:
    with pytest.raises(ZeroDivisionError):
        main(["roster", "--db", str(broken), "--debug"])


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from rmdesk import __version__

    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"rmdesk {__version__}"


def test_commands_that_only_list_pairs_load_no_scipy(tmp_path: Path) -> None:
    """`rmdesk pairs` in a fresh process: scipy and numpy (the assignment), reportlab and Qt
    stay unloaded. sqlite-utils is imported without numpy (rmdesk/storage/sqlite.py)."""
    import subprocess
    import sys

    db = tmp_path / "w.db"
    assert main(["cohort", "Spring", "--db", str(db)]) == 0
    code = (
        "import sys; from rmdesk.cli import main;"
        "rc = main(['pairs', '--json', '--db', sys.argv[1]]);"
        "heavy = ('scipy', 'numpy', 'pandas', 'reportlab', 'PySide6', 'python_calamine');"
        "print(sorted(m for m in heavy if m in sys.modules));"
        "sys.exit(rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(db)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_importing_a_roster_loads_no_numpy(tmp_path: Path, kind: str) -> None:
    """An import in a fresh process: no numpy (the loop check, the whitespace scan and the
    workbook's columns are plain Python), no Qt; a CSV loads no spreadsheet reader either."""
    import subprocess
    import sys

    from tests.conftest import SAMPLE
    from tests.unit.rosters import write_xlsx

    source = SAMPLE
    if kind == "xlsx":
        import csv

        with SAMPLE.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        source = write_xlsx(tmp_path / "roster.xlsx", {"People": rows})
    readers = "'openpyxl'" if kind == "xlsx" else "'python_calamine', 'openpyxl'"
    code = (
        "import sys; from rmdesk.cli import main;"
        "rc = main(['import', sys.argv[1], '--db', sys.argv[2]]);"
        f"heavy = ('numpy', 'scipy', {readers}, 'PySide6', 'reportlab');"
        "print(sorted(m for m in heavy if m in sys.modules));"
        "sys.exit(rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(source), str(tmp_path / "w.db")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_numpy_still_imports_after_sqlite_utils_was_imported_without_it() -> None:
    """The first import hides numpy from sqlite-utils only: the assignment can load it after."""
    import subprocess
    import sys

    code = (
        "import sys; import rmdesk.storage.sqlite;"
        "assert 'numpy' not in sys.modules and 'sqlite_utils' in sys.modules;"
        "import numpy; from rmdesk.models.assignment import suggest_pairs;"
        "print(numpy.arange(3).sum())"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "3"


def test_export_kinds_agree_with_the_service() -> None:
    from rmdesk.cli.reports import EXPORT_KINDS as CLI_KINDS
    from rmdesk.workspace.reports import EXPORT_KINDS

    assert CLI_KINDS == EXPORT_KINDS


def test_the_command_table_names_every_command_of_every_group() -> None:
    """`COMMANDS` routes each command to its group; it must match what the groups register."""
    import argparse

    from rmdesk.cli import COMMANDS, GROUPS, build_parser

    registered: dict[str, str] = {}
    for group in GROUPS:
        parser = build_parser((group,))
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        registered.update(dict.fromkeys(sub.choices, group))
    assert registered == COMMANDS


def test_a_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    """`rmdesk roster | head -1` on a big roster: quiet, exit 0, no traceback."""
    import subprocess
    import sys

    from tests.unit.rosters import big_roster

    db = tmp_path / "w.db"  # more than a pipe's buffer holds (64 KiB)
    assert main(["import", str(big_roster(tmp_path / "big.csv", 5000)), "--db", str(db)]) == 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "rmdesk.cli", "roster", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # the reader goes away after one line
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0
    assert "Traceback" not in err and "unexpected" not in err


def test_check_of_one_person_with_themselves_says_only_that(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import SAMPLE

    db = tmp_path / "w.db"
    assert main(["import", str(SAMPLE), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["check", "E1133", "E1133", "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "E1133 → E1133: BLOCKED"
    assert len(out) == 2 and "same-person" in out[1] and "score" not in "".join(out)


def test_a_file_in_a_missing_folder_is_refused_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import SAMPLE

    db = tmp_path / "w.db"
    assert main(["import", str(SAMPLE), "--db", str(db)]) == 0
    assert main(["cohort", "Spring", "--db", str(db)]) == 0
    capsys.readouterr()
    target = tmp_path / "no such folder" / "report.pdf"
    assert main(["report", "--pdf", str(target), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert str(target) in err and "unexpected" not in err and ".tmp" not in err


def test_opening_the_window_loads_no_database_code_before_its_first_frame() -> None:
    """`rmdesk [--db F]` parses with no command group, so the window's first frame is drawn
    before sqlite-utils and the views are imported (run() then builds the window)."""
    import subprocess
    import sys

    code = (
        "import sys; from rmdesk.cli import build_parser, _groups_for;"
        "argv = ['--db', 'x.db']; p = build_parser(_groups_for(argv));"
        "a = p.parse_args(argv); print(a.handler.__name__, 'sqlite_utils' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["cmd_gui", "False"], done.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["cohort", "X", "--starts", "20260301"],
        ["cohort", "X", "--starts", "2026-W10-1"],
        ["cohort", "X", "--ends", "2026-13-01"],
        ["session", "1", "--on", "2026-12-15T10", "--status", "planned"],
        ["session", "1", "--on", "15/12/2026", "--status", "planned"],
    ],
)
def test_dates_are_read_in_the_documented_form_only(tmp_path: Path, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([*argv, "--db", str(tmp_path / "w.db")])
    assert info.value.code == 2  # a usage error, naming the form to use
    assert not (tmp_path / "w.db").exists()


def test_a_session_in_the_future_cannot_be_logged_as_held(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date, timedelta

    db = tmp_path / "w.db"
    assert main(["cohort", "Spring", "--db", str(db)]) == 0
    later = (date.today() + timedelta(days=3)).isoformat()
    assert (
        main(["session", "1", "--on", f"{later}T10:00", "--status", "held", "--db", str(db)]) == 1
    )
    assert "has not come yet" in capsys.readouterr().err
