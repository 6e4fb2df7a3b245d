"""The block-by-block road through a plain UTF-8 CSV must give what the general road gives,
wherever the blocks are cut, and step aside for anything a later block shows it cannot read."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rmdesk.errors import RosterError
from rmdesk.roster_files import detect_mapping, parse_roster, plain_csv, read_table, readers
from tests.unit import rosters as R


def _outcome(path: Path) -> Any:
    try:
        table = read_table(path)
    except RosterError as exc:
        return ("refused", [str(p) for p in exc.problems])
    parsed = parse_roster(table, detect_mapping(table.headers), today=date(2026, 11, 25))
    cells = [[table.cell(i, k) for k in range(len(table.headers))] for i in range(len(table))]
    fast = table.columns is not None
    return fast, (table.headers, table.row_numbers, table.encoding, cells, list(parsed.records))


def _general(path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    with monkeypatch.context() as m:
        m.setattr(readers, "_rectangular", lambda *args: None)
        return _outcome(path)


def _random_csv(rng: random.Random) -> bytes:
    end = rng.choice(["\n", "\r\n"])
    lines = ["Employee ID,Name,Department,Manager ID"]
    depts = ["Sales", "Finance", "IT Ops", "Zoë's team", "Кадры", "人事"]
    for k in range(rng.randint(1, 40)):
        manager = f"E{rng.randint(0, k - 1)}" if k else ""
        lines.append(f"E{k},Person {k},{rng.choice(depts)},{manager}")
    if rng.random() < 0.3:  # damage somewhere below the header
        at = rng.randint(1, len(lines) - 1)
        damage = [",x", '"', "  ", "\r", " ", "\x07", "\u00a0", "\ufeff", ""]
        lines[at] = rng.choice(["", " ", "\ufeff"]) + lines[at] + rng.choice(damage)
    bom = "\ufeff" if rng.random() < 0.2 else ""
    return (bom + end.join(lines) + (end if rng.random() < 0.7 else "")).encode("utf-8")


@pytest.mark.parametrize("block", [1, 7, 64, 1 << 20])
def test_random_files_read_the_same_whatever_the_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    monkeypatch.setattr(plain_csv, "BLOCK", block)
    monkeypatch.setattr(plain_csv, "SCAN", max(1, block // 2))  # the cleanliness scan too
    rng = random.Random(block)
    fast_taken = 0
    for n in range(150):
        path = R.write_bytes(tmp_path / f"r{n}.csv", _random_csv(rng))
        outcome = _outcome(path)
        general = _general(path, monkeypatch)
        assert outcome[1] == general[1], path.read_bytes()
        fast_taken += outcome[0] is True
    assert fast_taken > 60  # the block road is the common one


def test_a_quote_far_down_the_file_sends_it_down_the_general_road(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plain_csv, "BLOCK", 32)
    monkeypatch.setattr(plain_csv, "SCAN", 32)
    rows = [f"E{k},Person {k}" for k in range(200)] + ['E200,"Smith, Jo"']
    path = R.write_bytes(tmp_path / "r.csv", "\n".join(["ID,Name", *rows]).encode())
    fast, seen = _outcome(path)
    assert not fast
    assert seen == _general(path, monkeypatch)[1]
    assert seen[3][-1] == ["E200", "Smith, Jo"]


def test_a_latin1_line_far_down_is_read_as_the_general_road_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plain_csv, "BLOCK", 32)
    rows = [f"E{k},Jos\u00e9 {k}".encode() for k in range(100)] + [b"E100,Jos\xe9"]
    path = R.write_bytes(tmp_path / "r.csv", b"\n".join([b"ID,Name", *rows]))
    assert _outcome(path) == _general(path, monkeypatch)


def test_a_repeated_value_is_kept_once(tmp_path: Path) -> None:
    rows = [f"E{k},Person {k},Sales" for k in range(500)]
    path = R.write_bytes(tmp_path / "r.csv", "\n".join(["ID,Name,Dept", *rows]).encode())
    table = read_table(path)
    assert table.columns is not None
    assert len({id(v) for v in table.columns[2]}) == 1
    assert len({id(v) for v in table.columns[0]}) == 500
