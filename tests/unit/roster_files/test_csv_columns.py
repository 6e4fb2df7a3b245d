"""The fast road through a plain CSV (cut the whole text at the delimiter, then find the
line ends) must give exactly what the real CSV reader gives, or step aside."""

from __future__ import annotations

import csv
import io
import random

import pytest

from rmdesk.roster_files.csv_text import CsvText
from rmdesk.roster_files.report_lines import odd_rows

HEADER = "id,name,dept"


def _text(body: str, header: str = HEADER) -> CsvText:
    return CsvText(header + body, "utf-8", ",", 0, True)


def _below(ct: CsvText, header_line: int = 0) -> list[list[str]] | None:
    lines, starts = ct.first_lines(header_line + 2)
    if len(lines) < header_line + 2:
        return None  # nothing under the header
    width = len(lines[header_line].split(","))
    return ct.columns_below(starts[header_line + 1], width)


def _reference(text: str, header_line: int = 0) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))[header_line + 1 :]
    return [list(col) for col in zip(*rows, strict=True)]


@pytest.mark.parametrize("end", ["\n", "\r\n"])
@pytest.mark.parametrize("closed", [True, False])
def test_a_regular_file_is_cut_into_its_columns(end: str, closed: bool) -> None:
    body = end + end.join(["1,Ana,Sales", "2,Bo,", ",,", "4,Dee Dee,IT"]) + (end if closed else "")
    ct = _text(body)
    expected = [["1", "2", "", "4"], ["Ana", "Bo", "", "Dee Dee"], ["Sales", "", "", "IT"]]
    assert _below(ct) == expected


@pytest.mark.parametrize(
    "body",
    [
        "\n1,Ana,Sales\n\n2,Bo,IT\n",  # a blank line
        "\n1,Ana,Sales\n2,Bo,IT\n\n",  # a blank line at the end
        "\n1,Ana\n2,Bo,IT,x\n",  # one line short, the next one long: the same count of cells
        "\n1,Ana,Sales\n2\n3,Cy,IT,x,y\n",  # a one-cell line and a long one
        "\r\n1,Ana,Sales\n2,Bo,IT\r\n",  # mixed line ends
        "\r\n1,Ana,Sales\r2,Bo,IT\r\n",  # a lone carriage return
        "\n1,Ana,Sa\rles\n",  # a carriage return inside a cell of an LF file
        '\n1,"Ana, Jr",Sales\n',  # quotes need the real reader
        "\n",  # no people
        "\n\n",
    ],
)
def test_an_irregular_file_is_left_to_the_real_reader(body: str) -> None:
    assert _below(_text(body)) is None


def test_lines_above_the_header_are_skipped_whatever_their_delimiters() -> None:
    text = "Headcount report,,,,\nJune\n" + HEADER + "\n1,Ana,Sales\n2,Bo,IT\n"
    ct = CsvText(text, "utf-8", ",", 0, True)
    assert _below(ct, header_line=2) == _reference(text, header_line=2)


def _random_file(rng: random.Random) -> str:
    width = rng.randint(2, 5)
    end = rng.choice(["\n", "\r\n"])
    alphabet = ["a", "b", " ", "é", "ı", "1", "2", "\r", "\n", ","]
    lines = [",".join(f"h{k}" for k in range(width))]
    for _ in range(rng.randint(0, 6)):
        cells = rng.choices(["", "x", "y1", "Zoë", "ı"], k=width)
        line = ",".join(cells)
        if rng.random() < 0.3:  # damage: a character that may end a line or add a cell
            at = rng.randint(0, len(line))
            line = line[:at] + rng.choice(alphabet) + line[at:]
        lines.append(line)
    return end.join(lines) + (end if rng.random() < 0.5 else "")


def test_random_files_give_the_real_readers_cells_or_none() -> None:
    rng = random.Random(20261125)
    taken = 0
    for _ in range(3000):
        text = _random_file(rng)
        ct = CsvText(text, "utf-8", ",", 0, True)
        lines, starts = ct.first_lines(2)
        if len(lines) < 2:
            continue
        columns = ct.columns_below(starts[1], len(lines[0].split(",")))
        if columns is None:
            continue
        taken += 1
        # what csv.reader and a cut at each line end make of the same text
        rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
        assert columns == [list(c) for c in zip(*rows, strict=True)], repr(text)
        assert all(len(r) == len(lines[0].split(",")) for r in rows)
    assert taken > 500  # the fast road is the common one


def test_plain_ids_need_no_closer_look_but_a_header_among_them_does() -> None:
    ids = [str(1000 + k) for k in range(50)] + ["E7", "x9Z1"]
    assert odd_rows(ids, "Employee ID") == []
    assert odd_rows([*ids, "ID7"], "ID7") == [len(ids)]
    assert odd_rows([*ids, ""], "ID") == [len(ids)]
    assert odd_rows([*ids, "Total"], "ID") == [len(ids)]
    assert odd_rows([*ids, "SUBTOTAL"], "ID") == [len(ids)]


def test_a_file_called_clean_has_no_cell_to_clean() -> None:
    """The byte scan may send a clean file down the slow road, never a dirty one down the
    fast road: every cell of a file it calls clean is already what cleaning would make it."""
    from rmdesk.roster_files.cleaning import collapse
    from rmdesk.roster_files.csv_text import _cells_are_clean, decode_text

    rng = random.Random(11)
    pieces = ["a", "b", "é", "’", " ", " ", ",", "\n", "\r\n", "\t", "\u00a0", "\u2003", "\ufeff"]
    called_clean = 0
    for _ in range(4000):
        text = "".join(rng.choices(pieces, weights=[9, 9, 2, 1, 4, 1, 4, 3, 1, 1, 1, 1, 1], k=12))
        for encoding in ("utf-8", "cp1252"):
            try:
                data = text.encode(encoding)
            except UnicodeEncodeError:
                continue
            decoded, found = decode_text(data)  # as the reader does: a leading BOM goes
            if not _cells_are_clean(data, found, ","):
                continue
            called_clean += 1
            for line in decoded.replace("\r\n", "\n").split("\n"):
                for cell in line.split(","):
                    assert collapse(cell) == cell, (repr(text), encoding)
    assert called_clean > 300  # the check has something to check
