"""Every file in tests/data/exports through `rmdesk import`, as an HR officer would run it,
checked against what they would expect (tests/data/exports/EXPECTED.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rmdesk.cli import main

EXPORTS = Path(__file__).resolve().parents[2] / "data" / "exports"
EXPECTED: dict[str, dict[str, Any]] = json.loads((EXPORTS / "EXPECTED.json").read_text("utf-8"))


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_export(name: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    want = EXPECTED[name]
    db = tmp_path / "w.db"
    code, _, err = _run(capsys, "import", str(EXPORTS / name), "--db", str(db), *want["args"])
    assert code == want["exit"], f"{want['why']}\n{err}"
    for words in want["stderr_contains"]:
        assert words in err
    if code != 0:
        assert not db.exists()  # a refused file leaves nothing behind
        return
    people = json.loads(_run(capsys, "roster", "--db", str(db), "--json")[1])
    active = [p for p in people if p["active"]]
    assert sorted(p["employee_id"] for p in active) == sorted(want["active_ids"]), want["why"]
    if want["roots"] is not None:
        tops = [p["employee_id"] for p in active if not p["manager_id"]]
        assert len(tops) == want["roots"], f"{want['why']}: no manager for {tops[:5]}"
    by_id = {p["employee_id"]: p for p in people}
    for ident, fields in want["checks"].items():
        assert {k: by_id[ident][k] for k in fields} == fields, want["why"]
