"""Headers of real HRIS exports land on the canonical fields; --map settles the rest."""

from __future__ import annotations

import pytest

from rmdesk.errors import RosterError
from rmdesk.roster_files.headers import FIELD_CHOICES, detect_mapping, normalise_header

WORKDAY = [
    "Employee ID",
    "Worker",
    "Business Title",
    "Job Profile",
    "Supervisory Organization",
    "Manager",
    "Hire Date",
    "Management Level",
    "Cost Center",
    "Location",
    "Email - Primary Work",
]
BAMBOOHR = [
    "Employee #",
    "First Name",
    "Last Name",
    "Job Title",
    "Reporting to",
    "Hire date",
    "Division",
    "Department",
    "Location",
    "Work Email",
    "Status",
]
SUCCESSFACTORS = [
    "User ID",
    "Person ID External",
    "First Name",
    "Last Name",
    "Manager User Sys ID",
    "Pay Grade",
    "Department",
    "Division",
    "Hire Date",
    "Date of Birth",
    "Email",
]
SF_USER_DATA_FILE = [
    "STATUS",
    "USERID",
    "USERNAME",
    "FIRSTNAME",
    "LASTNAME",
    "EMAIL",
    "MANAGER",
    "DEPARTMENT",
    "DIVISION",
    "LOCATION",
    "HIREDATE",
    "TITLE",
]
GENERIC_EXCEL = [
    "Emp No.",
    "Full Name",
    "E-mail",
    "Dept.",
    "Position",
    "Line Manager",
    "Start Date",
    "Year of Birth",
    "Office",
    "Grade",
]


def _placed(headers: list[str], overrides: dict[str, str] | None = None) -> dict[str, str]:
    return detect_mapping(headers, overrides).as_names(headers)


def test_workday() -> None:
    m = detect_mapping(WORKDAY)
    assert m.as_names(WORKDAY) == {
        "employee_id": "Employee ID",
        "name": "Worker",
        "title": "Business Title",
        "department": "Supervisory Organization",
        "manager_name": "Manager",
        "hire_date": "Hire Date",
        "grade": "Management Level",
        "location": "Location",
        "email": "Email - Primary Work",
    }
    # a second title column is left out, and the officer is told why
    assert "Job Profile" in m.unplaced and "Cost Center" in m.unplaced
    assert any(n.column == "Job Profile" and n.severity == "warning" for n in m.notes)


def test_bamboohr() -> None:
    m = detect_mapping(BAMBOOHR)
    assert m.as_names(BAMBOOHR) == {
        "employee_id": "Employee #",
        "first_name": "First Name",
        "last_name": "Last Name",
        "title": "Job Title",
        "manager_name": "Reporting to",
        "hire_date": "Hire date",
        "division": "Division",
        "department": "Department",
        "location": "Location",
        "email": "Work Email",
        "status": "Status",  # who has left: they come in inactive
    }
    assert m.unplaced == []


def test_successfactors_employee_central() -> None:
    assert _placed(SUCCESSFACTORS) == {
        "employee_id": "User ID",
        "first_name": "First Name",
        "last_name": "Last Name",
        "manager_id": "Manager User Sys ID",
        "grade": "Pay Grade",
        "department": "Department",
        "division": "Division",
        "hire_date": "Hire Date",
        "birth_date": "Date of Birth",
        "email": "Email",
    }


def test_successfactors_user_data_file() -> None:
    placed = _placed(SF_USER_DATA_FILE)
    assert placed["employee_id"] == "USERID"
    assert placed["manager_name"] == "MANAGER"  # holds user ids; validation accepts ids there
    assert placed["hire_date"] == "HIREDATE"
    assert placed["first_name"] == "FIRSTNAME" and placed["last_name"] == "LASTNAME"


def test_generic_excel() -> None:
    assert _placed(GENERIC_EXCEL) == {
        "employee_id": "Emp No.",
        "name": "Full Name",
        "email": "E-mail",
        "department": "Dept.",
        "title": "Position",
        "manager_name": "Line Manager",
        "hire_date": "Start Date",
        "birth_year": "Year of Birth",
        "location": "Office",
        "grade": "Grade",
    }


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("EMPLOYEE_NUMBER", "employee_id"),
        ("employee-id", "employee_id"),
        ("  Employee   ID  ", "employee_id"),
        ("Personnel No.", "employee_id"),
        ("Nº Employee", None),
        ("Hire Date (MM/DD/YYYY)", "hire_date"),
        ("Date of Joining", "hire_date"),
        ("Entry Date", "hire_date"),
        ("Légal Name - First Name", "first_name"),
        ("Legal Name - Last Name", "last_name"),
        ("Surname", "last_name"),
        ("Given Name", "first_name"),
        ("Manager Employee Number", "manager_id"),
        ("Reports To", "manager_name"),
        ("Supervisor", "manager_name"),
        ("Business Unit", "division"),
        ("Job Grade", "grade"),
        ("Band", "grade"),
        ("YOB", "birth_year"),
        ("DOB", "birth_date"),
        ("Work Location", "location"),
        ("Favourite colour", None),
    ],
)
def test_synonyms(header: str, field: str | None) -> None:
    placed = detect_mapping([header]).columns
    assert (next(iter(placed)) if placed else None) == field


def test_normalise_header() -> None:
    assert normalise_header("Employee #") == "employeenumber"
    assert normalise_header("Emp. No.") == "employeenumber"
    assert normalise_header("Département") == "departement"


def test_first_column_wins_and_the_rest_is_noted() -> None:
    headers = ["Employee ID", "Name", "Hire Date", "Start Date"]
    m = detect_mapping(headers)
    assert m.columns["hire_date"] == 2
    assert m.unplaced == ["Start Date"]
    assert [n.column for n in m.notes] == ["Start Date"]


def test_override_places_an_unknown_column() -> None:
    headers = ["Badge", "Colleague", "Boss"]
    m = detect_mapping(headers, {"employee_id": "Badge", "name": "Colleague", "manager_id": "Boss"})
    assert m.columns == {"employee_id": 0, "name": 1, "manager_id": 2}
    assert m.unplaced == []


def test_override_matches_column_loosely() -> None:
    m = detect_mapping(["Badge No", "Name"], {"employee_id": "badge-no"})
    assert m.columns["employee_id"] == 0


def test_override_moves_a_field_to_another_column() -> None:
    headers = ["Employee ID", "Name", "Hire Date", "Continuous Service Date"]
    m = detect_mapping(headers, {"hire_date": "Continuous Service Date"})
    assert m.columns["hire_date"] == 3
    assert "Hire Date" in m.unplaced


def test_empty_override_unplaces_a_field() -> None:
    m = detect_mapping(["Employee ID", "Name", "Location"], {"location": ""})
    assert "location" not in m.columns
    assert "Location" in m.unplaced


def test_override_naming_a_missing_column_is_an_error_naming_it() -> None:
    with pytest.raises(RosterError) as info:
        detect_mapping(["Employee ID", "Name"], {"grade": "Pay Band"})
    (problem,) = info.value.problems
    assert "'Pay Band'" in problem.message
    assert "'Employee ID'" in problem.message  # the columns there are, to pick from


def test_override_naming_an_unknown_field_is_an_error() -> None:
    with pytest.raises(RosterError) as info:
        detect_mapping(["Employee ID", "Name"], {"salary": "Name"})
    assert "unknown field 'salary'" in info.value.problems[0].message
    assert "employee_id" in info.value.problems[0].message


def test_field_choices_cover_the_canonical_fields() -> None:
    from rmdesk.models.people import ROSTER_FIELDS

    assert set(ROSTER_FIELDS) <= set(FIELD_CHOICES)
    assert {"first_name", "last_name", "manager_name", "birth_date"} <= set(FIELD_CHOICES)
