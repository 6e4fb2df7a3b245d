"""Stray whitespace is cleaned whatever hides it: the reader's whole-file shortcut ("nothing
here needs cleaning") must never skip a dirty cell, in any encoding or delimiter."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from rmdesk.models.orgchart import find_cycles, find_cycles_in
from rmdesk.roster_files import detect_mapping, parse_roster, read_table
from rmdesk.roster_files.cleaning import clean_column
from tests.unit import rosters as R

DIRT = {
    "leading space": " Finance",
    "trailing space": "Finance ",
    "two spaces": "Fin  ance",
    "tab": "Fin\tance",
    "no-break space": "Fin\u00a0ance",
    "em space": "Fin\u2003ance",
    "ideographic space": "Fin\u3000ance",
    "narrow no-break space": "Finance\u202f",
    "line separator": "Fin\u2028ance",
    "vertical tab": "Fin\x0bance",
}
CLEAN = {
    "leading space": "Finance",
    "trailing space": "Finance",
    "narrow no-break space": "Finance",
}


@pytest.mark.parametrize("kind", list(DIRT))
@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("utf-8", ","), ("utf-8", ";"), ("cp1252", ","), ("utf-8", "\t")]
)
def test_dirty_cells_are_cleaned_in_every_file_shape(
    tmp_path: Path, kind: str, encoding: str, delimiter: str
) -> None:
    value = DIRT[kind]
    if delimiter == "\t" and "\t" in value:
        pytest.skip("a tab is the delimiter here")
    try:
        value.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip(f"{encoding} cannot hold {kind}")
    lines = (
        ["Employee ID", "Name", "Department"],
        ["E1", "Ana Silva", value],
        ["E2", "Bo Chen", "Sales"],
    )
    text = "\n".join(delimiter.join(cells) for cells in lines) + "\n"
    table = read_table(R.write_bytes(tmp_path / "r.csv", text.encode(encoding)))
    parsed = parse_roster(table, detect_mapping(table.headers))
    expected = CLEAN.get(kind, "Fin ance")
    assert [e.department for e in parsed.employees] == [expected, "Sales"]


@pytest.mark.parametrize(
    "ending", ["E2,Bo Chen ,Sales\n", "E2,Bo Chen,Sales \r\n", "E2,Bo Chen,Sales "]
)
def test_a_space_before_the_line_end_is_cleaned(tmp_path: Path, ending: str) -> None:
    text = "Employee ID,Name,Department\r\nE1,Ana Silva,Finance\r\n" + ending
    table = read_table(R.write_bytes(tmp_path / "r.csv", text.encode()))
    parsed = parse_roster(table, detect_mapping(table.headers))
    assert [(e.name, e.department) for e in parsed.employees] == [
        ("Ana Silva", "Finance"),
        ("Bo Chen", "Sales"),
    ]


def test_a_clean_file_is_known_clean_and_a_quoted_one_is_checked(tmp_path: Path) -> None:
    plain = R.write_bytes(tmp_path / "a.csv", b"Employee ID,Name\nE1,Ana Silva\n")
    assert read_table(plain).clean
    quoted = R.write_bytes(tmp_path / "b.csv", b'Employee ID,Name\nE1," Ana Silva"\n')
    table = read_table(quoted)
    assert not table.clean
    assert [e.name for e in parse_roster(table, detect_mapping(table.headers)).employees] == [
        "Ana Silva"
    ]


def test_clean_column() -> None:
    assert clean_column(["a b", "c"]) == ["a b", "c"]
    assert clean_column([" a  b\t", "c\u00a0", ""]) == ["a b", "c", ""]


def test_cycles_in_a_big_org_are_found_and_named() -> None:
    """Past 1,000 people the loops are found by pointer doubling first; the names stay exact."""
    managers: dict[str, str | None] = {"P0": None}
    managers.update({f"P{k}": f"P{(k - 1) // 3}" for k in range(1, 5000)})
    assert find_cycles(managers) == []
    managers["P0"] = "P4000"  # the top now reports to someone deep below: one long loop
    managers["X1"] = "X2"
    managers["X2"] = "X1"
    managers["S"] = "S"  # one's own manager is no loop
    loops = find_cycles(managers)
    assert len(loops) == 2
    big = next(loop for loop in loops if "P0" in loop)
    assert set(big) == {"P0", "P4000", "P1333", "P444", "P147", "P48", "P15", "P4", "P1"}
    assert sorted(next(loop for loop in loops if "X1" in loop)) == ["X1", "X2"]
    ids = list(managers)
    assert sorted(map(sorted, find_cycles_in(ids, [managers[i] for i in ids]))) == sorted(
        map(sorted, loops)
    )


@pytest.mark.parametrize(
    "text",
    [
        "Employee ID,Name\r\nE1,Ana\r\nE2,Bo\r\n",
        "Employee ID,Name\nE1,Ana\nE2,Bo\n",
        "Employee ID,Name\rE1,Ana\rE2,Bo\r",
        "Employee ID,Name\r\nE1,Ana\nE2,Bo\r\n",  # mixed line ends
        "Employee ID,Name\r\nE1,Ana\r\nE2,Bo",  # no line end at the end
    ],
)
def test_line_ends_of_every_kind_give_the_same_people(tmp_path: Path, text: str) -> None:
    table = read_table(R.write_bytes(tmp_path / "r.csv", text.encode()))
    parsed = parse_roster(table, detect_mapping(table.headers))
    assert [(e.employee_id, e.name) for e in parsed.employees] == [("E1", "Ana"), ("E2", "Bo")]
    assert parsed.row_numbers == [2, 3]


def test_a_workbook_cell_with_inner_whitespace_is_cleaned(tmp_path: Path) -> None:
    rows = [["Employee ID", "Name", "Department"], ["E1", "Ana  Silva", "Fin\u00a0ance"]]
    rows.append(["E2", "Bo Chen", "Sales"])
    table = read_table(R.write_xlsx(tmp_path / "r.xlsx", {"People": rows}))
    assert not table.clean
    found = parse_roster(table, detect_mapping(table.headers)).employees
    assert [(e.name, e.department) for e in found] == [
        ("Ana Silva", "Fin ance"),
        ("Bo Chen", "Sales"),
    ]
    tidy = read_table(R.write_xlsx(tmp_path / "s.xlsx", {"People": [rows[0], rows[2]]}))
    assert tidy.clean


def _resolved(ids: list[str], values: list[str], index: dict[str, int] | None) -> Any:
    from rmdesk.roster_files.managers import resolve_managers
    from rmdesk.roster_files.problems import ProblemList

    n = len(ids)
    out = ProblemList()
    found = resolve_managers(
        ids,
        [f"Person {e}" for e in ids],
        lambda fld: list(values) if fld == "manager_id" else [""] * n,
        {"employee_id": 0, "manager_id": 1},
        lambda fld: fld,
        list(range(2, n + 2)),
        [True] * n,
        [1] * n,
        {},
        out,
        index,
    )
    return found, out.finish()


def test_the_shortcut_for_managers_all_found_agrees_with_the_long_road() -> None:
    """With every manager found at once, rmdesk keeps each manager's row for the cycle
    search; anything odd (a self-manager, an unknown id, a padded one) takes the long road.
    Both give the same managers, problems and loops."""
    rng = random.Random(7)
    shortcuts = 0
    for trial in range(300):
        n = rng.randint(1, 30)
        ids = [f"{rng.randint(1, 999):05d}" for _ in range(n)]
        ids = list(dict.fromkeys(ids))
        n = len(ids)
        values = [rng.choice(["", *ids]) for _ in range(n)]
        if trial % 3 == 0:  # something odd in a third of them
            values[rng.randrange(n)] = rng.choice([ids[0], "99999", ids[-1].lstrip("0"), "N/A"])
        index = {e: i for i, e in enumerate(ids)}
        fast, fast_problems = _resolved(ids, values, index)
        slow, slow_problems = _resolved(ids, values, None)
        assert slow.rows is None
        assert fast.ids == slow.ids and fast_problems == slow_problems
        if fast.rows is not None:
            shortcuts += 1
            assert fast.rows == [index.get(m or "", n) for m in fast.ids]
        loops = find_cycles_in(ids, fast.ids, index, fast.rows)
        assert sorted(map(sorted, loops)) == sorted(
            map(sorted, find_cycles(dict(zip(ids, slow.ids, strict=True))))
        )
    assert 50 < shortcuts < 300  # both roads taken often
