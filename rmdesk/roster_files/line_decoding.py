"""Text that is UTF-8 but for a few lines: each line read in the encoding it was written in.

A roster kept in UTF-8 and patched by hand in an old editor holds a line or two of
Windows-1252. Reading the whole file as Windows-1252 turns every other accented name into
mojibake ('JosÃ©'), silently; reading line by line keeps them, and the lines that were not
UTF-8 are named so the officer can check them.
"""

from __future__ import annotations

from rmdesk.errors import Problem

#: The encoding a text gets when its lines were read in two
MIXED = "utf-8 (some lines windows-1252)"
#: How many such lines are named one by one before the rest are counted
NAMED_LINES = 20


def decode_by_line(data: bytes, utf8: bool = False) -> tuple[str, list[int]] | None:
    """The text, and the line numbers (from 1) read as Windows-1252, when the file is mostly
    UTF-8: at least as many lines with other than ASCII are UTF-8 as are not (or ``utf8``:
    its BOM says so). None when the file is not (a Windows-1252 file) or a line is neither."""
    lines = data.split(b"\n")
    texts: list[str] = []
    other: list[int] = []
    good = 0
    for number, line in enumerate(lines, start=1):
        if line.isascii():
            texts.append(line.decode("ascii"))
            continue
        try:
            texts.append(line.decode("utf-8"))
            good += 1
        except UnicodeDecodeError:
            try:
                texts.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                return None
            other.append(number)
    if not other or (good < len(other) and not utf8):
        return None
    return "\n".join(texts), other


def mixed_lines_warnings(lines: list[int], shift: int = 0) -> list[Problem]:
    """A warning per line (as a file row) that was not UTF-8, then one counting the rest."""
    rows = [n - shift for n in lines if n - shift >= 1]
    notes = [
        Problem(
            "this line is not UTF-8 like the rest of the file; it was read as Windows-1252, "
            "so check its accented letters",
            row,
            None,
            "warning",
        )
        for row in rows[:NAMED_LINES]
    ]
    if len(rows) > NAMED_LINES:
        notes.append(
            Problem(
                f"... and {len(rows) - NAMED_LINES} more lines read as Windows-1252",
                None,
                None,
                "warning",
            )
        )
    return notes
