"""Roster search terms: free text plus `field:value` and number comparisons."""

from __future__ import annotations

from datetime import date

from rmdesk.models.people import Employee
from rmdesk.models.people_query import parse_query

ANA = Employee("E1", "Ana Silva", department="Treasury", division="Finance", grade="G9",
               birth_year=1972, hire_date=date(2005, 3, 1), location="London")  # fmt: skip
BO = Employee("E2", "Bo Chan", department="Sales", division="Customer", grade="3",
              birth_year=1999, hire_date=date(2023, 9, 1), location="Lagos")  # fmt: skip
CY = Employee("E3", "Cy Diaz", department="FP&A", division="Finance")  # no grade, no dates


def who(query: str) -> list[str]:
    q = parse_query(query)
    return [e.employee_id for e in (ANA, BO, CY) if q.matches(e)]


def test_the_issue_example_all_grade_8_and_up_in_finance() -> None:
    assert who("grade>=8 division:finance") == ["E1"]
    assert parse_query("grade>=8 division:finance").described == [
        "grade >= 8",
        "division contains 'finance'",
    ]


def test_comparisons_skip_people_without_the_value() -> None:
    assert who("grade<4") == ["E2"]
    assert who("grade=9") == ["E1"]
    assert who("born<1980") == ["E1"]
    assert who("hired>=2020") == ["E2"]


def test_field_terms_are_case_blind_and_partial() -> None:
    assert who("Dept:TREAS") == ["E1"]
    assert who("division:fin") == ["E1", "E3"]
    assert who("office:lagos") == ["E2"]


def test_words_that_are_no_term_stay_free_text() -> None:
    q = parse_query("Chan grade>2 colour:blue")
    assert q.text == "chan colour:blue"  # 'colour' is no field: searched as text
    assert len(q.terms) == 1
    assert not parse_query("just words").structured
