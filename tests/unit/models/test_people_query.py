"""Roster search terms: free text plus `field:value` and number comparisons."""

from __future__ import annotations

from datetime import date

from rmdesk.models.people import Employee, grade_sort_key
from rmdesk.models.people_query import fold, parse_query

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


# -- issue 9, fault 7: accents, words, spaced operators, manager names, hints -----------------
ZOE = Employee("E4", "Zoë Kraków-Nowak", department="Treasury", title="Head of Treasury",
               location="São Paulo", manager_id="E1")  # fmt: skip
NAMES = {"E1": "Ana Silva", "E4": "Zoë Kraków-Nowak"}


def test_folding_ignores_accents_and_case() -> None:
    assert fold("Kraków") == "krakow" and fold("SÃO PAULO") == "sao paulo"
    assert fold("Łódź") == "lodz"
    q = parse_query("sao paulo")
    assert q.matches_text(fold("E4 Zoë Kraków-Nowak São Paulo"))


def test_free_words_match_independently() -> None:
    q = parse_query("treasury head")
    assert q.words == ["treasury", "head"]
    assert q.matches_text(fold("Zoë Treasury Head of Treasury"))
    assert not q.matches_text(fold("Zoë Treasury"))


def test_spaces_around_operators_are_allowed() -> None:
    assert who("grade >= 8") == ["E1"]
    assert who("grade>= 8 division: finance") == ["E1"]
    assert parse_query("grade >= 8").problems == []


def test_manager_term_matches_the_managers_name() -> None:
    q = parse_query("manager:silva", NAMES.get)  # type: ignore[arg-type]
    assert q.matches(ZOE) and not q.matches(ANA)
    assert parse_query("manager:e1").matches(ZOE)


def test_unreadable_terms_give_a_hint() -> None:
    q = parse_query("grade>=abc")
    assert q.problems and "number" in q.problems[0] and not q.terms
    assert "field" in parse_query(">=8").problems[0]
    assert parse_query("colour:blue").problems  # searched as text, and says so
    assert parse_query("division:").problems


def test_grades_sort_as_numbers_when_they_are_numbers() -> None:
    grades = ["9", "8", "2", "12", "11", "10", "1", None, "Senior"]
    assert sorted(grades, key=grade_sort_key) == [
        "1", "2", "8", "9", "10", "11", "12", "Senior", None,
    ]  # fmt: skip
    assert sorted(["G10", "G9"], key=grade_sort_key) == ["G9", "G10"]
