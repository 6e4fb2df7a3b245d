"""Which early row of a sheet is its header, and the labels it gives the columns."""

from __future__ import annotations

from collections.abc import Collection

from rmdesk.roster_files.headers import field_for_header, normalise_header

#: How many leading rows may hold a report title before the real header.
HEADER_SEARCH_ROWS = 40
#: Rows read past a good header before the search stops (a second header row may follow).
_ROWS_PAST_HEADER = 5


def header_score(row: list[str]) -> int:
    """How many roster fields a row names: distinct ones, so a label merged across a group
    of columns ('Employee' over ID, Name and Email) counts once."""
    return len({field_for_header(c) for c in row if c} - {None})


def header_index(rows: list[list[str]], wanted: Collection[str]) -> int:
    """The early row that names the most known fields (a report title may sit above it); a
    row holding the columns the officer mapped by hand wins outright."""
    asked = {normalise_header(w) for w in wanted if w}
    header_idx, best = -1, -1
    for idx, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        # a row under group labels ('Line manager' over 'ID', 'Name') is scored with them
        score = max(header_score(cells), header_score(two_row_header(rows, idx)))
        if asked:
            score += 100 * sum(1 for c in cells if c and normalise_header(c) in asked)
        if header_idx < 0 or score > best:
            header_idx, best = idx, score
        elif best >= 2 and idx - header_idx >= _ROWS_PAST_HEADER:
            break  # a header well behind us: these are people now
    return header_idx


def two_row_header(rows: list[list[str]], header_idx: int) -> list[str]:
    """The header, completed by the row above it when the export splits its labels over two
    rows ("Line manager" over "ID" and "Name"): the upper label, carried over the columns
    of its merged cell, is put before the lower one wherever that names a field better."""
    lower = [c.strip() for c in rows[header_idx]]
    if header_idx == 0:
        return lower
    upper = [c.strip() for c in rows[header_idx - 1]]
    if sum(1 for c in upper if c) < 2:
        return lower
    carried: list[str] = []
    for k in range(len(lower)):
        label = upper[k] if k < len(upper) else ""
        carried.append(label or (carried[-1] if carried else ""))
    combined = []
    for top, bottom in zip(carried, lower, strict=True):
        joined = f"{top} {bottom}".strip()
        combined.append(joined if bottom and field_for_header(joined) else bottom)
    fields_lower = {field_for_header(c) for c in lower if c} - {None}
    fields_combined = {field_for_header(c) for c in combined if c} - {None}
    return combined if len(fields_combined) > len(fields_lower) else lower
