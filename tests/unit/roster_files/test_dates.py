"""Date columns: the whole column decides between day-first and month-first."""

from __future__ import annotations

from datetime import date

import pytest

from rmdesk.roster_files.dates import parse_date_column


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-03-14", date(2021, 3, 14)),
        ("2021/3/4", date(2021, 3, 4)),
        ("2021.03.14", date(2021, 3, 14)),
        ("2021-03-14T09:30:00", date(2021, 3, 14)),
        ("2021-03-14 00:00:00", date(2021, 3, 14)),
        ("20210314", date(2021, 3, 14)),
        ("14-Mar-2021", date(2021, 3, 14)),
        ("14 March 2021", date(2021, 3, 14)),
        ("March 14, 2021", date(2021, 3, 14)),
        ("Sept 3 2021", date(2021, 9, 3)),
        ("3rd Sep 2021", date(2021, 9, 3)),
        ("44269", date(2021, 3, 14)),  # an Excel day number that lost its format
    ],
)
def test_unambiguous_forms(text: str, expected: date) -> None:
    col = parse_date_column([text])
    assert col.values == [expected]
    assert not col.bad_rows
    assert not col.ambiguous


def test_empty_values_stay_empty() -> None:
    col = parse_date_column(["", "2020-01-02", ""])
    assert col.values == [None, date(2020, 1, 2), None]
    assert col.bad_rows == []


def test_day_first_column_settled_by_one_value() -> None:
    col = parse_date_column(["01/02/2020", "25/12/2019", "03/04/2018"])
    assert col.order == "dmy"
    assert col.values == [date(2020, 2, 1), date(2019, 12, 25), date(2018, 4, 3)]


def test_month_first_column_settled_by_one_value() -> None:
    col = parse_date_column(["01/02/2020", "12/25/2019", "03/04/2018"])
    assert col.order == "mdy"
    assert col.values == [date(2020, 1, 2), date(2019, 12, 25), date(2018, 3, 4)]


def test_dotted_and_dashed_numeric_dates() -> None:
    col = parse_date_column(["31.12.2019", "01.02.2020", "5-6-2021"])
    assert col.order == "dmy"
    assert col.values == [date(2019, 12, 31), date(2020, 2, 1), date(2021, 6, 5)]


def test_two_digit_years() -> None:
    col = parse_date_column(["31/12/99", "01/02/05"])
    assert col.values == [date(1999, 12, 31), date(2005, 2, 1)]


def test_ambiguous_column_is_flagged_not_guessed() -> None:
    col = parse_date_column(["01/02/2020", "03/04/2018", "2019-05-06"])
    assert col.ambiguous
    assert col.values[0] is None and col.values[1] is None
    assert col.values[2] == date(2019, 5, 6)


def test_same_day_and_month_is_not_ambiguous() -> None:
    col = parse_date_column(["01/01/2020", "07/07/2018"])
    assert not col.ambiguous
    assert col.values == [date(2020, 1, 1), date(2018, 7, 7)]


def test_conflicting_orders_name_the_minority() -> None:
    col = parse_date_column(["25/12/2019", "30/01/2020", "12/25/2019"])
    assert col.order == "dmy"
    assert col.conflicting_rows == [2]
    assert col.values[2] is None
    assert col.values[:2] == [date(2019, 12, 25), date(2020, 1, 30)]


@pytest.mark.parametrize("text", ["not a date", "2021-02-30", "31/31/2020", "13/13/13", "soon"])
def test_unreadable(text: str) -> None:
    col = parse_date_column(["2020-01-01", text])
    assert col.bad_rows == [1]
    assert col.values == [date(2020, 1, 1), None]


def test_repeated_values_are_parsed_once_and_consistently() -> None:
    col = parse_date_column(["2020-01-02"] * 3 + ["bad"] * 2)
    assert col.values[:3] == [date(2020, 1, 2)] * 3
    assert col.bad_rows == [3, 4]


def test_unreadable_numeric_date_does_not_make_the_column_ambiguous() -> None:
    col = parse_date_column(["2020-01-02", "31/02/2020", "2021-03-04"])
    assert not col.ambiguous
    assert col.bad_rows == [1]
    assert col.values == [date(2020, 1, 2), None, date(2021, 3, 4)]


def test_unreadable_numeric_date_does_not_settle_the_order() -> None:
    col = parse_date_column(["01/02/2020", "31/31/2020", "03/04/2020"])
    assert col.ambiguous
    assert col.bad_rows == [1]


@pytest.mark.parametrize(
    ("header", "order", "first"),
    [
        ("Hire Date (DD/MM/YYYY)", "dmy", date(2020, 4, 3)),
        ("Eintrittsdatum (TT.MM.JJJJ)", "dmy", date(2020, 4, 3)),
        ("Start date (mm/dd/yy)", "mdy", date(2020, 3, 4)),
        ("Hire Date", None, None),
    ],
)
def test_a_header_that_spells_the_format_settles_an_ambiguous_column(
    header: str, order: str | None, first: date | None
) -> None:
    from rmdesk.roster_files.dates import order_hint

    assert order_hint(header) == order
    column = parse_date_column(["03/04/2020", "05/06/2021"], order_hint(header))
    assert column.ambiguous is (order is None)
    assert column.values[0] == first


def test_the_values_outrank_the_header() -> None:
    column = parse_date_column(["03/04/2020", "25/12/2021"], "mdy")  # 25 can only be a day
    assert column.order == "dmy" and column.values[1] == date(2021, 12, 25)
