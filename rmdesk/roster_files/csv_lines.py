"""Cutting CSV text that has no quotes into lines and columns, without a list per line."""

from __future__ import annotations

import itertools
import operator


def first_lines(text: str, end: str, count: int) -> tuple[list[str], list[int]]:
    """Up to ``count`` lines from the top of ``text``, and where each one starts in it."""
    lines: list[str] = []
    starts: list[int] = []
    pos = 0
    while len(lines) < count and pos < len(text):
        stop = text.find(end, pos)
        starts.append(pos)
        lines.append(text[pos:] if stop < 0 else text[pos:stop])
        pos = len(text) if stop < 0 else stop + len(end)
    return lines, starts


def cut_lines(
    text: str, delimiter: str, end: str, width: int, last: bool
) -> list[list[str]] | None:
    """Whole lines of ``width`` cells, column by column; ``last``: the end of the file, where
    the final line end may be missing. None unless every line has exactly ``width`` cells.

    The text is cut at the delimiter in one call. A line's end then sits inside the piece
    that joins one line's last cell to the next line's first, which is every (width-1)th
    piece; counting the line-end characters proves no other piece holds one."""
    pieces = text.split(delimiter)
    rows, extra = divmod(len(pieces) - 1, width - 1)
    if extra or rows < 1:
        return None
    joins = pieces[width - 1 :: width - 1]  # the rows - 1 joins, then the last cell
    final = joins.pop()
    closed = final.endswith(end)
    if closed:
        final = final[: -len(end)]
    elif not last:
        return None
    if any(text.count(c) != rows - 1 + closed for c in end):
        return None  # lone carriage returns, blank lines, lines of other widths
    if not all(map(operator.contains, joins, itertools.repeat(end))):
        return None  # a line shorter or longer than the others
    halves = end.join(joins).split(end) if joins else []
    if len(halves) != 2 * len(joins):
        return None
    columns = [[pieces[0], *halves[1::2]]]
    columns.extend(pieces[k :: width - 1] for k in range(1, width - 1))
    columns.append(halves[::2])
    columns[-1].append(final)
    return columns
