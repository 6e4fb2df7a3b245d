"""The rows under the header that describe people, told apart from a report's own lines
(blank lines, totals, page marks, repeated headers) and from rows a stray delimiter shifted."""

from __future__ import annotations

import re

from rmdesk.errors import Problem
from rmdesk.roster_files.cleaning import printable


def body_rows(
    rows: list[list[str]], header_idx: int, headers: list[str], clean: bool = False
) -> tuple[list[list[str]], list[int], list[Problem]]:
    """The rows below the header that describe people, padded to the header's width.

    Blank lines are dropped silently; the header repeated at each page of a printed report,
    and total, page and "generated on" lines, are dropped with a warning naming the row.
    """
    width = len(headers)
    first_header = headers[0] if headers else ""
    start = header_idx + 1
    below = rows[start:]
    firsts = [r[0] if r else "" for r in below]
    if not clean:
        firsts = [f.strip() for f in firsts]
    odd = odd_rows(firsts, first_header)
    if below and 0 not in odd:
        odd.insert(0, 0)  # the first row may be a second header (labels under field codes)
    dropped: set[int] = set()
    notes: list[Problem] = []
    repeats: list[int] = []
    for i in odd:
        cells = [c.strip() for c in below[i]]
        kind = not_a_person(cells, headers, first=i == 0)
        if kind is not None:
            dropped.add(i)
        if kind == "repeated header":
            repeats.append(start + i + 1)
        elif kind == "second header":
            message = "skipped a second header row (labels under the column names)"
            notes.append(Problem(message, start + 1, None, "warning"))
        elif kind == "report line":
            shown = " ".join(c for c in cells if c)
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            notes.append(
                Problem(
                    f"skipped '{shown}': a report line, not a person",
                    start + i + 1,
                    None,
                    "warning",
                )
            )
    if dropped:
        kept = [i for i in range(len(below)) if i not in dropped]
        body = [below[i] for i in kept]
        numbers = [start + i + 1 for i in kept]
    else:
        body, numbers = below, list(range(start + 1, start + len(below) + 1))
    if body and min(map(len, body)) < width:
        for i in [i for i, r in enumerate(body) if len(r) < width]:
            body[i] = body[i] + [""] * (width - len(body[i]))
    if repeats:
        listed = ", ".join(str(r) for r in repeats[:10]) + (", ..." if len(repeats) > 10 else "")
        notes.append(
            Problem(
                f"skipped {len(repeats)} repeated header row{'s' if len(repeats) > 1 else ''} "
                f"(row{'s' if len(repeats) > 1 else ''} {listed})",
                None,
                None,
                "warning",
            )
        )
    return body, numbers, notes


def same_fields(cells: list[str], headers: list[str]) -> bool:
    """True when a row labels the columns as the header does, in other words, as the row
    under SuccessFactors' field codes does ('USERID' over 'User ID', 'HIREDATE' over 'Hire
    Date'): most cells name their column's field, and none names another field."""
    from rmdesk.roster_files.headers import field_for_header, normalise_header

    pairs = [(c, h) for c, h in zip(cells, headers, strict=False) if c and h]
    alike = 0
    for cell, head in pairs:
        said, meant = field_for_header(cell), field_for_header(head)
        if said is not None and meant is not None and said != meant:
            return False
        if normalise_header(cell) == normalise_header(head) or (said is not None and said == meant):
            alike += 1
    return alike >= 2 and alike * 5 >= len(pairs) * 3


def overflowing(
    body: list[list[str]], numbers: list[int], width: int, delimited: bool = True
) -> list[Problem]:
    """Rows with values past the header's last named column. In a text file that is most
    often a value holding the delimiter without quotes ('Silva, Ana'), which shifts every
    value after it; in a workbook, values typed into columns that have no header. Even
    when every row has them ('Last, First' names throughout), guessing would store
    departments as names, so each row is refused until the file is fixed. ``delimited``:
    the rows come from a text file, not a workbook."""
    why = (
        "a value holding the delimiter needs quotes"
        if delimited
        else "give those columns a header (and map them) or delete what lies past the last one"
    )
    problems = []
    for i in [i for i, r in enumerate(body) if len(r) > width]:
        extra = [c.strip() for c in body[i][width:] if c.strip()]
        if extra:
            shown = ", ".join(f"'{printable(c)[:40]}'" for c in extra[:3])
            problems.append(
                Problem(
                    f"{width + len(body[i][width:])} values under {width} columns ({shown} "
                    f"past the last one): {why}",
                    numbers[i],
                )
            )
    return problems


# Lines a report writer adds around the people: totals, page marks, who ran it and when.
_REPORT_LINE = re.compile(
    r"(?i)^(?:(?:grand\s+|sub\s*-?\s*)?totals?\b|headcount\b|number of\b"
    r"|records?\s*:|rows?\s*:|page\s+\d+\s*(?:of|/)\s*\d|page\s*:?\s*\d+$"
    r"|\d+\s+(?:rows?|records?|employees?|people|persons?|workers?)\b"
    r"|(?:report\s+)?(?:generated|printed|run|created|exported|extracted|produced)\s*(?::|on\b|by\b|at\b)"
    r"|(?:report|run|print|export|extract)\s+(?:date|time)\b|end\s+of\s+(?:report|file|data|list)\b"
    r"|(?:strictly\s+)?confidential\b|internal\s+use\b|prepared\s+by\b|source\s*:"
    r"|filter(?:s|ed)?\s*(?::|by\b)|as\s+of\b|copyright\b|\u00a9|\*{2,}|-{3,}|={3,}"
    r"|summe\b|gesamt|insgesamt|total\s+g[eé]n[eé]ral)"
)
# A first cell that is only a totals word: a totals row however many cells follow.
_TOTAL_CELL = re.compile(
    r"(?i)^(?:(?:grand\s+|sub\s*-?\s*)?(?:totals?|count|sum|average)|headcount|summe|gesamt"
    r"|gesamtsumme|insgesamt|total\s+g[eé]n[eé]ral)\s*:?$"
)
# What Excel's Data > Subtotal writes under each group ("Finance Count", "Sales Total"): a
# label ending in a totals word, on a row that is mostly empty. A person's name can end so
# too ("Kevin Sum"), but their row is full.
_GROUP_TOTAL = re.compile(r"(?i)\s(?:totals?|count|sum|average)\s*:?$")
#: Last letters of those cells: a cheap test before the regex, since ids end in digits.
_TOTAL_ENDS = frozenset("lLtTmMeE:")


# First cells of one word (no space, no punctuation) that can open a report's own line;
# compared case-blind ("SubTotal").
_ONE_WORD = frozenset(
    {"total", "totals", "subtotal", "subtotals", "count", "sum", "average", "headcount",
     "confidential", "copyright", "summe", "gesamt", "gesamtsumme", "insgesamt"}
)  # fmt: skip


#: First cells joined by NULs, each letters and digits ending in a digit: ids, none odd.
_PLAIN_IDS = re.compile(r"[0-9A-Za-z]*[0-9](?:\x00[0-9A-Za-z]*[0-9])*")


def odd_rows(firsts: list[str], first_header: str) -> list[int]:
    """The rows whose first cell is empty, repeats the header's, or starts or ends like a
    report's own line: the only ones worth a closer look. An id (one word of letters and
    digits) is settled by a set lookup; only cells with spaces or signs meet the regexes."""
    plain = _PLAIN_IDS.fullmatch
    if plain("\x00".join(firsts)) and (not plain(first_header) or first_header not in firsts):
        return []  # every first cell an id of ASCII letters and digits ending in a digit
    match, group, words = _REPORT_LINE.match, _GROUP_TOTAL.search, _ONE_WORD
    return [
        i
        for i, f in enumerate(firsts)
        if not f
        or f == first_header
        or (
            (not f[-1].isdigit() and f.casefold() in words)
            if f.isalnum()
            else (match(f) or (f[-1] in _TOTAL_ENDS and group(f)))
        )
    ]


def not_a_person(cells: list[str], headers: list[str], first: bool = False) -> str | None:
    """What a row under the header is when it does not describe a person: "blank", the
    "repeated header" of a printed report's next page, a "second header" (labels under
    field codes, only ``first`` under the header), or a "report line" (totals, page marks);
    None for a person. ``cells`` are stripped."""
    width = len(headers)
    filled = [c for c in cells if c]
    if not filled:
        return "blank"  # a blank line, or spaces only
    if headers and headers[0] and cells[:width] == headers and not any(cells[width:]):
        return "repeated header"
    if first and same_fields(cells, headers):
        return "second header"
    if _is_report_line(filled, width) or _is_lone_count(cells, filled):
        return "report line"
    return None


def _is_lone_count(cells: list[str], filled: list[str]) -> bool:
    """A single number under some column, the first cell empty: a count or sum the report
    put under the people (',,,,45'). A person has at least an id in the first column."""
    return len(filled) == 1 and not cells[0] and filled[0].replace(".", "", 1).isdigit()


def _is_report_line(filled: list[str], width: int) -> bool:
    """A line of a report's own (not a person), judged by its first filled cell."""
    first = filled[0]
    if _TOTAL_CELL.match(first):
        return True
    if _GROUP_TOTAL.search(first) and len(filled) * 2 <= width:
        return True
    return len(filled) <= 2 < width and _REPORT_LINE.match(first) is not None
