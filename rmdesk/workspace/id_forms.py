"""Recognising stored employee ids written another way: '123' for '00123' (a spreadsheet
dropped the zeros), 'e1042' for 'E1042', full-width 'Ｅ１０４２' for 'E1042'.

A re-import that took them as new people would add them and deactivate the stored ones,
turning their live pairs inactive; instead they keep the stored id and the officer is told.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from rmdesk.errors import Problem
from rmdesk.models.people import Records

ID, MANAGER, FIELDS = 0, 7, 12


def id_key(employee_id: str) -> str:
    """An id with width, case and leading zeros set aside ('Ｅ００１２' → 'e12')."""
    text = unicodedata.normalize("NFKC", str(employee_id)).strip().casefold()
    head = len(text) - len(text.lstrip("0123456789"))
    if head == len(text):  # all digits: drop leading zeros, keep one zero for "000"
        return text.lstrip("0") or "0"
    # a prefix then digits ('e00123'): drop zeros after the letters
    prefix = text.rstrip("0123456789")
    digits = text[len(prefix) :]
    if prefix and digits and head == 0:
        return prefix + (digits.lstrip("0") or "0")
    return text


def recognise_ids(
    records: Records,
    stored: Iterable[str],
    row_numbers: Sequence[int],
    id_column: str | None,
) -> tuple[Records, list[Problem]]:
    """``records`` with ids (and manager ids) that are stored ids in another form replaced by
    the stored ones, and a warning for each naming its row. An id is taken only when exactly
    one stored id has its form, and the file does not hold that stored id itself."""
    ids = records.column(ID)
    stored_set = set(stored)
    unknown = [i for i, e in enumerate(ids) if e not in stored_set]
    if not unknown:
        return records, []
    in_file = set(ids)
    by_key: dict[str, list[str]] = {}
    for sid in stored_set - in_file:
        by_key.setdefault(id_key(sid), []).append(sid)
    rename: dict[str, str] = {}
    problems: list[Problem] = []
    claimed: dict[str, int] = {}
    for i in unknown:
        found = by_key.get(id_key(ids[i]))
        if found and len(found) == 1:
            claimed[found[0]] = claimed.get(found[0], 0) + 1
            rename[ids[i]] = found[0]
    # two file ids of one form ('123' and '0123'): neither is taken
    rename = {f: s for f, s in rename.items() if claimed[s] == 1}
    if not rename:
        return records, []
    for i in unknown:
        if ids[i] in rename:
            row = row_numbers[i] if i < len(row_numbers) else None
            problems.append(
                Problem(
                    f"id '{ids[i]}' is taken as '{rename[ids[i]]}', already on the roster "
                    "(the same id with leading zeros, case or width set aside)",
                    row,
                    id_column,
                    "warning",
                )
            )
    columns = [list(records.column(k)) for k in range(FIELDS)]
    columns[ID] = [rename.get(e, e) for e in columns[ID]]
    columns[MANAGER] = [rename.get(m, m) if m else m for m in columns[MANAGER]]
    return Records(columns), problems
