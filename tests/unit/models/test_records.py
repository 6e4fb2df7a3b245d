"""Records kept column by column behave as the list of tuples they stand for."""

from __future__ import annotations

from rmdesk.models.people import Records


def test_records_read_like_a_list_of_rows() -> None:
    columns = [["E1", "E2", "E3"], ["Ana", "Bo", "Cy"], [1, 0, 1]]
    rows = [("E1", "Ana", 1), ("E2", "Bo", 0), ("E3", "Cy", 1)]
    records = Records(columns)
    assert len(records) == 3
    assert list(records) == rows  # kept rows stay whole although zip may reuse its tuple
    assert records[1] == rows[1] and records[-1] == rows[-1]
    assert list(records[1:]) == rows[1:] and len(records[:0]) == 0
    assert list(records.only([2, 0])) == [rows[2], rows[0]]
    assert records.column(2).count(0) == 1
    assert rows[1] in records and records.index(rows[2]) == 2


def test_no_records() -> None:
    records = Records()
    assert len(records) == 0 and list(records) == [] and not records
    assert list(records.column(11)) == []


def test_no_records_have_no_first_one() -> None:
    import pytest

    with pytest.raises(IndexError):
        Records()[0]
    with pytest.raises(ValueError):
        Records().index(("E1",))
