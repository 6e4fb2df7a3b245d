"""The fields read from their text: dates, birth years, and whether each person still works
here (a status or a leaving date). Each reports its problems by row and column."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from rmdesk.roster_files.cleaning import none_if_empty
from rmdesk.roster_files.dates import order_hint, parse_date_column
from rmdesk.roster_files.problems import ColumnOf, HeaderOf, ProblemList
from rmdesk.roster_files.status import has_left

_INT = re.compile(r"^\d{4}(?:\.0+)?$")


def iso_date_texts(
    texts: list[str], col: str, numbers: list[int], out: ProblemList
) -> list[str | None]:
    """A date column as ISO text. A column written YYYY-MM-DD already (most HR exports) is
    checked once per distinct date and kept as it is; any other goes through read_dates."""
    distinct = set(texts)
    distinct.discard("")
    try:
        for text in distinct:
            if len(text) != 10 or text[4] != "-" or text[7] != "-":
                raise ValueError(text)
            date.fromisoformat(text)
    except ValueError:
        return iso_dates(read_dates(texts, col, numbers, out))
    return none_if_empty(texts)


def iso_dates(values: list[date | None]) -> list[str | None]:
    text = {d: d.isoformat() for d in set(values) if d is not None}
    return [text[d] if d is not None else None for d in values]


@dataclass(frozen=True)
class Columns:
    """What the per-field readers below share: the file's columns and where to report."""

    column: ColumnOf
    header: HeaderOf
    cols: dict[str, int]
    numbers: list[int]
    today: date
    out: ProblemList
    at: Callable[[int], list[str]]  # the clean values of the column at an index
    extra: dict[str, list[int]]
    headers: list[str]


def birth_years(f: Columns) -> list[int | None]:
    if "birth_year" in f.cols:
        texts = f.column("birth_year")
        col = f.header("birth_year")
        years: dict[str, int | None] = {}
        for text in set(texts):
            if not text:
                continue
            year = int(float(text)) if _INT.match(text) else None
            if year is None:
                parsed = read_dates([text], col, [0], None)[0]
                year = parsed.year if parsed else None
            ok = year is not None and 1900 <= year <= f.today.year - 14
            years[text] = year if ok else None
        unusable = {t for t, year in years.items() if year is None}
        for i, text in enumerate(texts) if unusable else ():
            if text in unusable:
                f.out.add(
                    "an unusable birth year",
                    f"unusable birth year '{text}' (left empty)",
                    f.numbers[i],
                    col,
                    "warning",
                )
        years[""] = None
        return list(map(years.__getitem__, texts))
    if "birth_date" in f.cols:
        found = read_dates(f.column("birth_date"), f.header("birth_date"), f.numbers, f.out)
        return [d.year if d else None for d in found]
    return [None] * len(f.numbers)


def still_here(f: Columns) -> list[int]:
    """1 for each person still employed, 0 for one the file's status or leaving date
    says has left (they are kept, greyed, and can no longer be paired)."""
    active = [1] * len(f.numbers)
    if "status" in f.cols:
        # every status column has a say (BambooHR has "Employment Status: Full-Time" beside
        # "Status: Inactive"); a value only needs a word when no column says anything
        places = [f.cols["status"], *f.extra.get("status", [])]
        columns = [f.at(idx) for idx in places]
        verdicts = [{t: has_left(t) for t in set(texts) if t} for texts in columns]
        for i in range(len(active)):
            said = [v[texts[i]] for v, texts in zip(verdicts, columns, strict=True) if texts[i]]
            if any(said):
                active[i] = 0
            elif said and all(v is None for v in said):
                text = next(texts[i] for texts in columns if texts[i])
                f.out.add(
                    "an unusual status",
                    f"unusual status '{text}' (taken as still employed)",
                    f.numbers[i],
                    f.headers[
                        next(p for p, texts in zip(places, columns, strict=True) if texts[i])
                    ],
                    "warning",
                )
    if "termination_date" in f.cols:
        texts = f.column("termination_date")
        ended = read_dates(texts, f.header("termination_date"), f.numbers, f.out)
        for i, d in enumerate(ended):
            if d is not None and d <= f.today:
                active[i] = 0
    return active


def read_dates(
    texts: list[str], col: str, numbers: list[int], out: ProblemList | None
) -> list[date | None]:
    parsed = parse_date_column(texts, order_hint(col))
    if out is None:
        return parsed.values
    for i in parsed.bad_rows:
        out.add("an unreadable date", f"unreadable date '{texts[i]}'", numbers[i], col)
    for i in parsed.conflicting_rows:
        order = "day/month/year" if parsed.order == "dmy" else "month/day/year"
        out.add(
            "a date in the other order",
            f"date '{texts[i]}' contradicts the column's {order} order",
            numbers[i],
            col,
        )
    if parsed.ambiguous:
        at = next((i for i, t in enumerate(texts) if t and not t[:4].isdigit()), 0)
        out.add(
            "ambiguous dates",
            f"ambiguous dates such as '{texts[at]}': every value reads both as day/month "
            "and month/day; re-export the column as YYYY-MM-DD",
            numbers[at],
            col,
        )
    return parsed.values
