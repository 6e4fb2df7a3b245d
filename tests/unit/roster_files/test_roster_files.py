"""Reading roster files of every common shape, and validating their rows by row and column."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from rmdesk.errors import Problem, RosterError
from rmdesk.models.people import Employee
from rmdesk.roster_files import ParsedRoster, Table, detect_mapping, parse_roster, read_table
from tests.unit import rosters as R

EXPECTED_NAMES = [
    "Amara Okafor",
    "José Muñoz",
    "Françoise Lefèvre",
    "Zoë Ødegård",
    "Wei Chen",
    "Priya Nair",
]


NO_MANAGERS = "no column gives each person's manager"


def relevant(problems: list[Problem]) -> list[Problem]:
    """The problems a test is about: files without a manager column all carry one warning
    about it, tested on its own below."""
    return [p for p in problems if not p.message.startswith(NO_MANAGERS)]


def parse(path: Path, sheet: str | None = None, **overrides: str) -> ParsedRoster:
    table = read_table(path, sheet)
    return parse_roster(table, detect_mapping(table.headers, overrides or None))


def people(path: Path, sheet: str | None = None, **overrides: str) -> list[Employee]:
    parsed = parse(path, sheet, **overrides)
    assert relevant(parsed.problems) == []
    return parsed.employees


def messages(parsed: ParsedRoster) -> list[str]:
    return [str(p) for p in relevant(parsed.problems)]


def check_standard(found: list[Employee]) -> None:
    assert [e.name for e in found] == EXPECTED_NAMES
    by_id = {e.employee_id: e for e in found}
    assert by_id["E1"] == Employee(
        "E1",
        "Amara Okafor",
        "amara@x.example",
        "Office of the CEO",
        "Executive",
        "CEO",
        "12",
        None,
        date(2001, 2, 3),
        1965,
        "London",
    )
    assert by_id["E4"].manager_id == "E2"
    assert by_id["E4"].hire_date == date(2019, 1, 20)


# -- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom", "detected"),
    [
        ("utf-8", False, "utf-8"),
        ("utf-8", True, "utf-8-sig"),
        ("utf-16-le", True, "utf-16"),
        ("utf-16-be", True, "utf-16"),
        ("utf-16-le", False, "utf-16-le"),
        ("utf-16-be", False, "utf-16-be"),
        ("cp1252", False, "cp1252"),
    ],
)
def test_encodings(tmp_path: Path, encoding: str, bom: bool, detected: str) -> None:
    path = R.write_csv(tmp_path / "r.csv", R.roster_rows(), encoding=encoding, bom=bom)
    table = read_table(path)
    assert table.encoding == detected
    assert table.headers[0] == "Employee ID"  # no BOM glued to the first header
    check_standard(people(path))


def test_cp1252_characters_outside_latin1(tmp_path: Path) -> None:
    rows = [["Employee ID", "Name", "Job Title"], ["E1", "François Œuvrard", "Lead – Sales €"]]
    path = R.write_csv(tmp_path / "r.csv", rows, encoding="cp1252")
    (e,) = people(path)
    assert (e.name, e.title) == ("François Œuvrard", "Lead – Sales €")


def test_utf16_without_bom_non_latin(tmp_path: Path) -> None:
    rows = [["Employee ID", "Name"], ["E1", "Ωμέγα Παπαδοπούλου"], ["E2", "Nguyễn Thị Hoa"]]
    path = R.write_csv(tmp_path / "r.csv", rows, encoding="utf-16-le")
    assert [e.name for e in people(path)] == ["Ωμέγα Παπαδοπούλου", "Nguyễn Thị Hoa"]


# -- delimiters, quoting, line ends -----------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters(tmp_path: Path, delimiter: str) -> None:
    path = R.write_csv(tmp_path / "r.csv", R.roster_rows(), delimiter=delimiter)
    check_standard(people(path))


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_delimiter_with_a_title_row_above_the_header(tmp_path: Path, delimiter: str) -> None:
    path = R.write_csv(
        tmp_path / "r.csv",
        R.roster_rows(),
        delimiter=delimiter,
        before="Headcount report, all staff\n",
    )
    table = read_table(path)
    assert table.header_row == 2
    check_standard(people(path))


def test_excel_sep_hint_line(tmp_path: Path) -> None:
    path = R.write_csv(tmp_path / "r.csv", R.roster_rows(), delimiter=";", before="sep=;\n")
    table = read_table(path)
    assert table.header_row == 1 and table.row_numbers[0] == 2  # Excel hides the sep= line
    check_standard(people(path))


def test_quoted_fields_with_delimiters_quotes_and_newlines(tmp_path: Path) -> None:
    rows = [
        ["Employee ID", "Name", "Job Title", "Department"],
        ["E1", "Okafor, Amara", 'Head of "Special", Projects', "Finance; Audit"],
        ["E2", "Multi\nLine", "Line one\r\nline two", "Ops"],
        ["E3", "After Newline", "x", "y"],
    ]
    path = R.write_csv(tmp_path / "r.csv", rows, newline="\r\n")
    table = read_table(path)
    assert table.row_numbers == [2, 3, 4]  # spreadsheet rows, not physical lines
    found = people(path)
    assert [e.name for e in found] == ["Okafor, Amara", "Multi Line", "After Newline"]
    assert found[0].title == 'Head of "Special", Projects'
    assert found[0].department == "Finance; Audit"
    assert found[1].title == "Line one line two"


def test_quoted_fields_semicolon_file(tmp_path: Path) -> None:
    rows = [
        ["Employee ID", "Name", "Job Title"],
        ["E1", "Okafor, Amara", "A; B"],
        ["E2", "Chen, Wei", "C, D"],
    ]
    path = R.write_csv(tmp_path / "r.csv", rows, delimiter=";")
    assert [(e.name, e.title) for e in people(path)] == [
        ("Okafor, Amara", "A; B"),
        ("Chen, Wei", "C, D"),
    ]


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings(tmp_path: Path, newline: str) -> None:
    path = R.write_csv(tmp_path / "r.csv", R.roster_rows(), newline=newline)
    check_standard(people(path))


def test_unclosed_quote_is_an_error_not_a_swallowed_file(tmp_path: Path) -> None:
    path = R.write_bytes(tmp_path / "r.csv", b'Employee ID,Name\nE1,Ana\nE2,"Bo\nE3,Cy\nE4,Di\n')
    with pytest.raises(RosterError) as info:
        read_table(path)
    (problem,) = info.value.problems
    assert problem.row == 3
    assert "never closed" in problem.message


def test_stray_quote_inside_a_field_is_read_as_text(tmp_path: Path) -> None:
    path = R.write_bytes(tmp_path / "r.csv", b'Employee ID,Name\nE1,O"Brien\nE2,"Bo" Li\n')
    assert [e.name for e in people(path)] == ['O"Brien', "Bo Li"]


# -- the header, blank lines, whitespace -------------------------------------------------


def test_title_rows_and_trailing_blank_lines(tmp_path: Path) -> None:
    path = R.write_csv(
        tmp_path / "r.csv",
        R.roster_rows(),
        before="Northwind headcount\nExported 2024-01-31 by HR\n\n",
        after="\n\n,,,,\n\n",
    )
    table = read_table(path)
    assert table.header_row == 4
    assert table.row_numbers == [5, 6, 7, 8, 9, 10]
    check_standard(people(path))


def test_blank_lines_between_people_keep_file_row_numbers(tmp_path: Path) -> None:
    text = "Employee ID,Name\n\nE1,Ana\n , \nE2,\n"
    table = read_table(R.write_bytes(tmp_path / "r.csv", text.encode()))
    assert table.rows == [["E1", "Ana"], ["E2", ""]]
    assert table.row_numbers == [3, 5]
    parsed = parse_roster(table, detect_mapping(table.headers))
    assert messages(parsed) == ["row 5, column 'Name': the name is missing"]


def test_stray_whitespace_is_cleaned(tmp_path: Path) -> None:
    rows = [
        ["  Employee ID ", " First Name", "Last Name  ", " Department\u00a0", "Manager ID "],
        [" E1\u00a0", "  Amara ", "  Okafor", "  Finance   and  Audit ", ""],
        ["\tE2", "Zoë\u00a0", " Ødegård ", "Finance and Audit", "  E1 "],
    ]
    found = people(R.write_csv(tmp_path / "r.csv", rows))
    assert [(e.employee_id, e.name, e.department, e.manager_id) for e in found] == [
        ("E1", "Amara Okafor", "Finance and Audit", None),
        ("E2", "Zoë Ødegård", "Finance and Audit", "E1"),
    ]


def test_short_rows_are_padded_and_empty_trailing_headers_dropped(tmp_path: Path) -> None:
    text = "Employee ID,Name,Location,,\nE1,Ana\nE2,Bo,Oslo,,\n"
    table = read_table(R.write_bytes(tmp_path / "r.csv", text.encode()))
    assert table.headers == ["Employee ID", "Name", "Location"]
    assert [e.location for e in people(tmp_path / "r.csv")] == [None, "Oslo"]


def test_excel_float_ids_in_a_csv(tmp_path: Path) -> None:
    rows = [
        ["Employee ID", "Name", "Manager ID"],
        ["1001.0", "Ana", ""],
        ["1002.0", "Bo", "1001.0"],
    ]
    found = people(R.write_csv(tmp_path / "r.csv", rows))
    assert [(e.employee_id, e.manager_id) for e in found] == [("1001", None), ("1002", "1001")]


@pytest.mark.parametrize("content", [b"", b"\n\n  \r\n", b"\xef\xbb\xbf", b"\xff\xfe"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(RosterError, match="empty"):
        read_table(R.write_bytes(tmp_path / "r.csv", content))


def test_header_only_file(tmp_path: Path) -> None:
    parsed = parse(R.write_csv(tmp_path / "r.csv", [R.HEADER], after="\n\n"))
    assert messages(parsed) == ["the file has a header but no people"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="no such file"):
        read_table(tmp_path / "nope.csv")


def test_sample_roster_reads_cleanly() -> None:
    from tests.conftest import SAMPLE

    parsed = parse(SAMPLE)
    assert parsed.errors == []
    # the sample carries two malformed emails on purpose, to show warnings
    assert {(p.row, p.column) for p in parsed.warnings} == {(31, "Work Email"), (186, "Work Email")}
    found = parsed.employees
    assert len(found) == 198
    assert len({e.employee_id for e in found}) == 198
    assert all(e.name and e.department and e.division for e in found)


# -- spreadsheets ----------------------------------------------------------------------------

SHEET = [
    ["Employee ID", "Name", "Manager ID", "Hire Date", "Grade", "Birth Year", "Salary Band"],
    [1001, "José Muñoz", None, date(2001, 3, 14), 9, 1970, 2.5],
    [1002, "Françoise Lefèvre", 1001, datetime(2015, 11, 2, 0, 0), 6.0, 1985.0, None],
    [1003, "Zoë Ødegård", 1002, date(2022, 7, 30), "G3", None, None],
]


def check_sheet(found: list[Employee]) -> None:
    assert [(e.employee_id, e.name, e.manager_id, e.hire_date, e.grade) for e in found] == [
        ("1001", "José Muñoz", None, date(2001, 3, 14), "9"),
        ("1002", "Françoise Lefèvre", "1001", date(2015, 11, 2), "6"),
        ("1003", "Zoë Ødegård", "1002", date(2022, 7, 30), "G3"),
    ]
    assert [e.birth_year for e in found] == [1970, 1985, None]


def test_xlsx_numeric_ids_and_date_cells(tmp_path: Path) -> None:
    path = R.write_xlsx(tmp_path / "r.xlsx", {"People": SHEET})
    table = read_table(path)
    assert table.cell(0, 0) == "1001"  # not '1001.0'
    assert table.cell(0, 6) == "2.5"
    assert table.sheet == "People" and table.encoding is None
    check_sheet(people(path))


def test_xlsx_first_sheet_empty(tmp_path: Path) -> None:
    path = R.write_xlsx(tmp_path / "r.xlsx", {"Cover": [], "People": SHEET})
    table = read_table(path)
    assert table.sheet == "People"
    assert table.sheets == ["Cover", "People"]
    check_sheet(people(path))


def test_xlsx_title_rows_above_the_header(tmp_path: Path) -> None:
    rows = [["Headcount"], [], ["As of", date(2024, 1, 31)], *SHEET]
    path = R.write_xlsx(tmp_path / "r.xlsx", {"Report": rows})
    table = read_table(path)
    assert table.header_row == 4 and table.row_numbers == [5, 6, 7]
    check_sheet(people(path))


def test_xlsx_sheet_chosen(tmp_path: Path) -> None:
    other = [["Employee ID", "Name"], ["X1", "Someone Else"]]
    path = R.write_xlsx(tmp_path / "r.xlsx", {"Contractors": other, "People": SHEET})
    check_sheet(people(path))  # the sheet whose header names the most roster fields
    assert [e.name for e in people(path, sheet="Contractors")] == ["Someone Else"]
    same = R.write_xlsx(tmp_path / "s.xlsx", {"Contractors": other, "Staff": other})
    assert read_table(same).sheet == "Contractors"  # a tie goes to the first


def test_xlsx_each_sheet_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """calamine parses a sheet on every get_sheet_by_name: a second get doubles the time."""
    import python_calamine

    real = python_calamine.CalamineWorkbook
    gets: list[str] = []

    class Counting:
        def __init__(self, book: Any) -> None:
            self._book = book

        def __getattr__(self, name: str) -> Any:
            return getattr(self._book, name)

        def get_sheet_by_name(self, name: str) -> Any:
            gets.append(name)
            return self._book.get_sheet_by_name(name)

    class Books:
        @staticmethod
        def from_path(path: str) -> Counting:
            return Counting(real.from_path(path))

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Books)
    path = R.write_xlsx(tmp_path / "r.xlsx", {"Cover": [["Read me"]], "People": SHEET})
    check_sheet(people(path))
    assert sorted(gets) == ["Cover", "People"]
    gets.clear()
    check_sheet(people(path, sheet="People"))
    assert gets == ["People"]


def test_xlsx_merged_cells_fill_every_cell_they_cover(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    rows = [
        ["Headcount by department"],
        ["Department", "Employee ID", "Name"],
        ["Finance", "1", "Ana"],
        [None, "2", "Bo"],
        [None, "3", "Cy"],
        ["Sales", "4", "Di"],
    ]
    path = R.write_xlsx(tmp_path / "r.xlsx", {"People": rows})
    book = load_workbook(path)
    book["People"].merge_cells("A3:A5")
    book["People"].merge_cells("A1:C1")
    book.save(path)
    found = people(path)
    assert [(e.employee_id, e.department) for e in found] == [
        ("1", "Finance"),
        ("2", "Finance"),
        ("3", "Finance"),
        ("4", "Sales"),
    ]


def test_xlsx_hidden_and_summary_sheets_are_passed_over(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    summary = [["Department", "Headcount"], ["Finance", 3], ["Total", 3]]
    lists = [["Finance"], ["Sales"]]
    path = R.write_xlsx(tmp_path / "r.xlsx", {"Lists": lists, "Summary": summary, "People": SHEET})
    book = load_workbook(path)
    book["Lists"].sheet_state = "hidden"
    book.save(path)
    assert read_table(path).sheet == "People"
    check_sheet(people(path))


def test_xlsx_unknown_sheet(tmp_path: Path) -> None:
    path = R.write_xlsx(tmp_path / "r.xlsx", {"Cover": [], "People": SHEET})
    with pytest.raises(RosterError) as info:
        read_table(path, sheet="Staff")
    message = info.value.problems[0].message
    assert "'Staff'" in message and "'Cover'" in message and "'People'" in message


def test_a_sheet_asked_of_a_csv_is_refused(tmp_path: Path) -> None:
    path = R.write_csv(tmp_path / "r.csv", R.roster_rows())
    with pytest.raises(RosterError) as info:
        read_table(path, sheet="People")
    assert (
        str(info.value) == "there is no sheet 'People': r.csv is a text (CSV) file, not a workbook"
    )


def test_xlsx_chosen_sheet_empty(tmp_path: Path) -> None:
    path = R.write_xlsx(tmp_path / "r.xlsx", {"Cover": [], "People": SHEET})
    with pytest.raises(RosterError, match="empty"):
        read_table(path, sheet="Cover")


def test_xlsx_with_no_data_at_all(tmp_path: Path) -> None:
    path = R.write_xlsx(tmp_path / "r.xlsx", {"One": [], "Two": []})
    with pytest.raises(RosterError, match="no sheet with any data"):
        read_table(path)


def test_ods(tmp_path: Path) -> None:
    path = R.write_ods(tmp_path / "r.ods", {"Empty": [], "People": SHEET})
    table = read_table(path)
    assert table.sheet == "People"
    check_sheet(people(path))
    check_sheet(people(path, sheet="People"))


def test_xls_fixture() -> None:
    table = read_table(R.XLS_FIXTURE)
    assert table.sheets == ["Notes", "People"] and table.sheet == "People"
    found = people(R.XLS_FIXTURE)
    assert [(e.employee_id, e.name, e.manager_id, e.hire_date, e.grade) for e in found] == [
        ("1001", "José Muñoz", None, date(2001, 3, 14), "9"),
        ("1002", "Françoise Lefèvre", "1001", date(2015, 11, 2), "6"),
        ("1003", "Zoë Ødegård", "1002", date(2022, 7, 30), "3"),
    ]


def test_damaged_workbook(tmp_path: Path) -> None:
    path = R.write_bytes(tmp_path / "r.xlsx", b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(RosterError, match="cannot be read"):
        read_table(path)


# -- validation, row by row ------------------------------------------------------------------


def table_of(rows: list[list[str]], header_row: int = 1) -> Table:
    body = [list(r) for r in rows[1:]]
    numbers = list(range(header_row + 1, header_row + 1 + len(body)))
    return Table(list(rows[0]), body, numbers, header_row)


def validate(rows: list[list[str]], **overrides: str) -> ParsedRoster:
    table = table_of(rows)
    return parse_roster(table, detect_mapping(table.headers, overrides or None))


def errors(parsed: ParsedRoster) -> list[str]:
    return [str(p) for p in parsed.errors]


def warnings(parsed: ParsedRoster) -> list[str]:
    return [str(p) for p in relevant(parsed.warnings)]


def test_first_and_last_joined() -> None:
    parsed = validate(
        [["ID", "Last Name", "First Name"], ["1", "Okafor", "Amara"], ["2", "", "Cher"]]
    )
    assert [e.name for e in parsed.employees] == ["Amara Okafor", "Cher"]


def test_east_asian_names_are_joined_family_name_first() -> None:
    """Chinese, Japanese and Korean names read family name first, without a space; a name
    in Latin letters, whatever its origin, keeps the order the columns give."""
    parsed = validate(
        [
            ["ID", "First Name", "Last Name"],
            ["1", "伟", "王"],
            ["2", "민준", "김"],
            ["3", "さくら", "佐藤"],
            ["4", "Wei", "Wang"],
            ["5", "Zoë", "Ångström"],
            ["6", "伟", "Wang"],  # mixed scripts: as the columns give it
        ]
    )
    assert [e.name for e in parsed.employees] == [
        "王伟", "김민준", "佐藤さくら", "Wei Wang", "Zoë Ångström", "伟 Wang",
    ]  # fmt: skip


def test_full_name_column_wins_over_parts_when_filled() -> None:
    rows = [["ID", "Name", "First Name", "Last Name"], ["1", "Ama Okafor", "Amara", "Okafor"]]
    rows.append(["2", "", "Wei", "Chen"])
    assert [e.name for e in validate(rows).employees] == ["Ama Okafor", "Wei Chen"]


def test_ids_excel_shortened_are_refused_by_row() -> None:
    parsed = validate(
        [["Employee ID", "Name"], ["1.23457E+12", "Ana"], ["1234567890124", "Bo"], ["E+1", "Cy"]]
    )
    assert errors(parsed) == [
        "row 2, column 'Employee ID': employee id '1.23457E+12' was shortened by Excel "
        "(scientific notation) and its digits are lost; format the id column as text and "
        "export again"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Employee ID,Name,Department\nE1,Silva, Ana,Finance\nE2,Reis, Bob,Sales\n",
        "Employee ID,Name,Department,\nE1,Ana Silva,Finance\nE2,Reis, Bob,Sales\n",
    ],
)
def test_values_shifted_by_an_unquoted_delimiter_are_refused(tmp_path: Path, text: str) -> None:
    """Even when every row is shifted ('Last, First' throughout), or the header ends with a
    stray delimiter: guessing would store surnames as names and first names as departments."""
    table = read_table(R.write_bytes(tmp_path / "r.csv", text.encode()))
    found = errors(parse_roster(table, detect_mapping(table.headers)))
    assert found[-1].startswith("row 3: 4 values under 3 columns ('Sales' past the last one)")


def test_missing_id() -> None:
    parsed = validate([["Employee ID", "Name"], ["E1", "Ana"], ["", "Bo"]])
    assert errors(parsed) == ["row 3, column 'Employee ID': the employee id is missing"]


def test_missing_name_names_the_column_it_came_from() -> None:
    parsed = validate([["Employee ID", "First Name", "Last Name"], ["E1", "", " "]])
    assert errors(parsed) == ["row 2, column 'First Name': the name is missing"]


def test_duplicate_id_names_both_rows() -> None:
    parsed = validate([["Employee ID", "Name"], ["E1", "Ana"], ["E2", "Bo"], ["E1", "Cy"]])
    assert errors(parsed) == [
        "row 4, column 'Employee ID': duplicate employee id 'E1' (also on row 2)"
    ]


def test_unknown_manager_id() -> None:
    parsed = validate(
        [["Employee ID", "Name", "Manager ID"], ["E1", "Ana", ""], ["E7", "Bo", "X99"]]
    )
    assert errors(parsed) == ["row 3, column 'Manager ID': unknown manager 'X99'"]


def test_manager_by_name() -> None:
    rows = [
        ["Employee #", "First Name", "Last Name", "Reporting to"],
        ["1", "Amara", "Okafor", ""],
        ["2", "José", "Muñoz", "Amara Okafor"],
        ["3", "Wei", "Chen", "Muñoz, José"],  # "Last, First" as BambooHR writes it
        ["4", "Zoë", "Ødegård", "  amara   OKAFOR "],
        ["5", "Priya", "Nair", "2"],  # an id in a name column is taken as the id
    ]
    parsed = validate(rows)
    assert relevant(parsed.problems) == []
    assert [e.manager_id for e in parsed.employees] == [None, "1", "2", "1", "2"]


def test_manager_by_name_when_names_are_written_last_first() -> None:
    rows = [
        ["Employee ID", "Worker", "Manager"],
        ["1", "Okafor, Amara", ""],
        ["2", "Muñoz, José", "Amara Okafor"],
        ["3", "García López, José María", "Okafor, Amara"],
        ["4", "Chen, Wei", "José María García López"],
    ]
    parsed = validate(rows)
    assert relevant(parsed.problems) == []
    assert [e.manager_id for e in parsed.employees] == [None, "1", "1", "3"]


def test_manager_by_name_with_compound_surname() -> None:
    rows = [
        ["Employee ID", "First Name", "Last Name", "Manager"],
        ["1", "José María", "García López", ""],
        ["2", "Ana", "Silva", "García López, José María"],
        ["3", "Jan", "van der Berg", "Silva, Ana"],
        ["4", "Eva", "Novak", "van der Berg, Jan"],
    ]
    parsed = validate(rows)
    assert relevant(parsed.problems) == []
    assert [e.manager_id for e in parsed.employees] == [None, "1", "2", "3"]


@pytest.mark.parametrize(
    ("header", "manager"),
    [
        ("Manager", "Ana Silva (E1)"),
        ("Manager", "Silva, Ana [E1]"),
        ("Manager ID", "E1 - Ana Silva"),
        ("Manager", "ANA.SILVA@x.example"),
        ("Manager Email", "ana.silva@x.example"),
    ],
)
def test_managers_written_with_their_id_or_by_email(header: str, manager: str) -> None:
    overrides = {"manager_name": header} if header == "Manager Email" else {}
    parsed = validate(
        [
            ["Employee ID", "Name", "Email", header],
            ["E1", "Ana Silva", "ana.silva@x.example", ""],
            ["E2", "Bo Chen", "bo@x.example", manager],
        ],
        **overrides,
    )
    assert errors(parsed) == []
    assert [e.manager_id for e in parsed.employees] == [None, "E1"]


def test_ambiguous_manager_name_is_an_error() -> None:
    rows = [
        ["Employee ID", "Name", "Manager"],
        ["1", "Wei Chen", ""],
        ["2", "Wei Chen", ""],
        ["3", "Ana Silva", "Wei Chen"],
    ]
    (problem,) = validate(rows).errors
    assert (problem.row, problem.column) == (4, "Manager")
    assert "matches 2 people (1, 2)" in problem.message


def test_unknown_manager_name() -> None:
    rows = [["Employee ID", "Name", "Manager"], ["1", "Ana Silva", "Nobody Here"]]
    assert errors(validate(rows)) == ["row 2, column 'Manager': unknown manager 'Nobody Here'"]


def test_reporting_cycle_names_the_loop() -> None:
    rows = [
        ["Employee ID", "Name", "Manager ID"],
        ["A", "Ana", "C"],
        ["B", "Bo", "A"],
        ["C", "Cy", "B"],
        ["D", "Di", ""],
        ["E", "Ed", "D"],
    ]
    (problem,) = validate(rows).errors
    assert (problem.row, problem.column) == (2, "Manager ID")
    assert "reporting cycle" in problem.message
    loop = problem.message.split(": ", 1)[1]
    nodes = loop.split(" → ")
    assert nodes[0] == nodes[-1] and sorted(nodes[:-1]) == ["A", "B", "C"]
    # each arrow goes from a person to their manager
    managers = {"A": "C", "B": "A", "C": "B"}
    assert all(managers[a] == b for a, b in itertools.pairwise(nodes))


def test_two_person_cycle() -> None:
    rows = [["Employee ID", "Name", "Manager ID"], ["A", "Ana", "B"], ["B", "Bo", "A"]]
    assert errors(validate(rows)) == ["row 2, column 'Manager ID': reporting cycle: A → B → A"]


def test_self_manager_is_a_warning() -> None:
    rows = [["Employee ID", "Name", "Manager ID"], ["A", "Ana", "A"], ["B", "Bo", "A"]]
    parsed = validate(rows)
    assert errors(parsed) == []
    assert warnings(parsed) == [
        "row 2, column 'Manager ID': 'A' is listed as their own manager (treated as none)"
    ]
    assert [e.manager_id for e in parsed.employees] == [None, "A"]


def test_self_manager_by_name_is_a_warning() -> None:
    rows = [["Employee ID", "Name", "Manager"], ["A", "Ana Silva", "Silva, Ana"]]
    parsed = validate(rows)
    assert errors(parsed) == [] and len(parsed.warnings) == 1
    assert parsed.employees[0].manager_id is None


def test_unreadable_date() -> None:
    rows = [["Employee ID", "Name", "Hire Date"], ["A", "Ana", "2020-01-02"], ["B", "Bo", "soon"]]
    assert errors(validate(rows)) == ["row 3, column 'Hire Date': unreadable date 'soon'"]


def test_an_impossible_day_in_an_iso_column_is_an_error() -> None:
    """ISO columns take a shortcut (kept as text once each date is checked); it must still
    catch a day that does not exist."""
    parsed = validate(
        [["ID", "Name", "Hire Date"], ["1", "Ana", "2020-02-29"], ["2", "Bo", "2021-02-29"]]
    )
    assert errors(parsed) == ["row 3, column 'Hire Date': unreadable date '2021-02-29'"]
    fine = validate([["ID", "Name", "Hire Date"], ["1", "Ana", "2020-02-29"], ["2", "Bo", ""]])
    assert [e.hire_date for e in fine.employees] == [date(2020, 2, 29), None]


def test_every_row_with_the_same_unreadable_date_is_listed() -> None:
    rows = [["Employee ID", "Name", "Hire Date"], ["A", "Ana", "TBD"], ["B", "Bo", "TBD"]]
    assert [p.row for p in validate(rows).errors] == [2, 3]


def test_ambiguous_dates_name_the_column_and_a_row() -> None:
    rows = [
        ["Employee ID", "Name", "Hire Date"],
        ["A", "Ana", "2020-05-06"],
        ["B", "Bo", "01/02/2020"],
        ["C", "Cy", "03/04/2019"],
    ]
    (problem,) = validate(rows).errors
    assert problem.column == "Hire Date"
    assert problem.row == 3
    assert "'01/02/2020'" in problem.message and "YYYY-MM-DD" in problem.message


def test_conflicting_date_orders() -> None:
    rows = [
        ["Employee ID", "Name", "Start Date"],
        ["A", "Ana", "25/12/2019"],
        ["B", "Bo", "30/01/2020"],
        ["C", "Cy", "12/25/2019"],
    ]
    assert errors(validate(rows)) == [
        "row 4, column 'Start Date': date '12/25/2019' contradicts the column's "
        "day/month/year order"
    ]


def test_day_first_dates_are_read_day_first() -> None:
    rows = [
        ["Employee ID", "Name", "Hire Date"],
        ["A", "Ana", "01/02/2020"],
        ["B", "Bo", "25/12/2019"],
    ]
    assert [e.hire_date for e in validate(rows).employees] == [date(2020, 2, 1), date(2019, 12, 25)]


def test_no_id_column() -> None:
    parsed = validate([["Colleague", "Name"], ["x", "Ana"]])
    assert errors(parsed) == [
        "no column holds the employee id (the columns are: 'Colleague', 'Name'); choose it in "
        "the import dialog's mapping, or give --map employee_id=COLUMN"
    ]


def test_no_id_column_names_the_sheet_and_the_others(tmp_path: Path) -> None:
    path = R.write_xlsx(tmp_path / "r.xlsx", {"Staff": [["Colleague", "Name"], ["x", "Ana"]]})
    table = read_table(path)
    table.sheets = ["Staff", "Notes"]
    parsed = parse_roster(table, detect_mapping(table.headers))
    assert "this is sheet 'Staff', the workbook also has 'Notes'" in errors(parsed)[0]


def test_a_file_without_managers_is_imported_with_one_warning() -> None:
    parsed = validate([["Employee ID", "Name"], ["E1", "Ana"], ["E2", "Bo"]])
    assert parsed.errors == []
    assert [p.message for p in parsed.warnings] == [
        "no column gives each person's manager, so rmdesk cannot warn about pairing someone "
        "with their manager; map manager_id=COLUMN or manager_name=COLUMN"
    ]


def test_no_name_column() -> None:
    parsed = validate([["Employee ID", "Mood"], ["E1", "fine"]])
    assert "no column holds the name" in errors(parsed)[0]


@pytest.mark.parametrize(
    ("email", "fine"),
    [
        ("ana.silva@x.example", True),
        ("A.B+tag@sub.example.co.uk", True),
        ("josé@exämple.de", True),
        ("bo at x dot com", False),
        ("a@b", False),
        ("@b.c", False),
        ("a@.c", False),
        ("a@b..c", False),
        ("a@b.c.", False),
        ("a@b@c.d", False),
    ],
)
def test_email_shapes(email: str, fine: bool) -> None:
    parsed = validate([["ID", "Name", "Email"], ["1", "Ana", email], ["2", "Bo", "bo@x.example"]])
    assert warnings(parsed) == (
        [] if fine else [f"row 2, column 'Email': malformed email '{email}' (kept as it is)"]
    )


def test_warnings_are_imported() -> None:
    rows = [
        ["Employee ID", "Name", "Email", "Grade", "Birth Year"],
        ["A", "Ana", "ana@x.example", "G7", "1980"],
        ["B", "Bo", "bo at x dot com", "Senior", "1985.0"],
        ["C", "Cy", "cy@localhost", "5", "85"],
        ["D", "Di", "", "", "2099"],
    ]
    parsed = validate(rows)
    assert errors(parsed) == []
    assert warnings(parsed) == [
        # in file order, as the officer reads the file
        "row 3, column 'Email': malformed email 'bo at x dot com' (kept as it is)",
        "row 3, column 'Grade': unusual grade 'Senior' (no number in it; seniority falls back "
        "to birth year or hire date)",
        "row 4, column 'Email': malformed email 'cy@localhost' (kept as it is)",
        "row 4, column 'Birth Year': unusable birth year '85' (left empty)",
        "row 5, column 'Birth Year': unusable birth year '2099' (left empty)",
    ]
    assert [(e.email, e.grade, e.birth_year) for e in parsed.employees] == [
        ("ana@x.example", "G7", 1980),
        ("bo at x dot com", "Senior", 1985),
        ("cy@localhost", "5", None),
        (None, None, None),
    ]


def test_birth_date_column_gives_the_year() -> None:
    rows = [["Employee ID", "Name", "Date of Birth"], ["A", "Ana", "14/03/1980"], ["B", "Bo", ""]]
    assert [e.birth_year for e in validate(rows).employees] == [1980, None]


def test_every_error_is_listed_not_only_the_first() -> None:
    rows = [
        ["Employee ID", "Name", "Manager ID", "Hire Date"],
        ["A", "Ana", "", "2020-01-01"],
        ["", "Bo", "A", "2020-01-01"],
        ["C", "", "A", "2020-01-01"],
        ["A", "Di", "", "2020-01-01"],
        ["E", "Ed", "Z", "2020-01-01"],
        ["F", "Fi", "A", "never"],
    ]
    parsed = validate(rows)
    assert sorted((p.row, p.column) for p in parsed.errors) == [
        (3, "Employee ID"),
        (4, "Name"),
        (5, "Employee ID"),
        (6, "Manager ID"),
        (7, "Hire Date"),
    ]


def test_many_errors_of_one_kind_are_summarised() -> None:
    from rmdesk.roster_files.problems import LIST_LIMIT

    rows = [["Employee ID", "Name"]] + [["", f"P{i}"] for i in range(LIST_LIMIT + 7)]
    parsed = validate(rows)
    assert len(parsed.errors) == LIST_LIMIT + 1
    assert parsed.errors[-1].message == "... and 7 more rows with a missing id"


def test_partial_file_may_name_managers_outside_it() -> None:
    outside = {"M1": Employee("M1", "Mia Boss")}
    table = table_of(
        [["Employee ID", "Name", "Manager"], ["A", "Ana", "M1"], ["B", "Bo", "Mia Boss"]]
    )
    parsed = parse_roster(table, detect_mapping(table.headers), outside)
    assert relevant(parsed.problems) == []
    assert [e.manager_id for e in parsed.employees] == ["M1", "M1"]


def test_cycle_through_people_outside_a_partial_file() -> None:
    outside = {"M1": Employee("M1", "Mia Boss", manager_id="A")}
    table = table_of([["Employee ID", "Name", "Manager ID"], ["A", "Ana", "M1"]])
    parsed = parse_roster(table, detect_mapping(table.headers), outside)
    assert [p.message for p in parsed.errors] == ["reporting cycle: A → M1 → A"] or [
        p.message for p in parsed.errors
    ] == ["reporting cycle: M1 → A → M1"]


def test_problem_text_format() -> None:
    assert str(Problem("unknown manager 'X99'", 7, "Manager ID")) == (
        "row 7, column 'Manager ID': unknown manager 'X99'"
    )
    assert str(Problem("no people")) == "no people"
    assert str(Problem("odd", None, "Grade")) == "column 'Grade': odd"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_mostly_cjk(tmp_path: Path, encoding: str) -> None:
    rows = [["Employee ID", "Name", "Department"]]
    rows += [[f"J{i}", "山田太郎花子" if i % 2 else "鈴木一郎", "営業部第一課"] for i in range(40)]
    path = R.write_csv(tmp_path / "r.csv", rows, encoding=encoding)
    assert read_table(path).encoding == encoding
    found = people(path)
    assert len(found) == 40
    assert (found[0].name, found[0].department) == ("鈴木一郎", "営業部第一課")


def test_a_stray_nul_byte_does_not_make_a_file_utf16(tmp_path: Path) -> None:
    path = R.write_bytes(tmp_path / "r.csv", "Employee ID,Name\nE1,Zoë\x00\nE2,Bo\n".encode())
    assert [e.name for e in people(path)] == ["Zoë", "Bo"]
