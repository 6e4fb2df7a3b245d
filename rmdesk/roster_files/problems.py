"""Problems found in a roster file, gathered in file order and kept to a readable length."""

from __future__ import annotations

from collections.abc import Callable

from rmdesk.errors import Problem

#: How many rows one kind of problem lists before it summarises the rest.
LIST_LIMIT = 50

#: column(field) -> that field's clean values, one per row ("" where the file has none)
ColumnOf = Callable[[str], list[str]]
#: header(field) -> the file's name for the column holding that field
HeaderOf = Callable[[str], str]


class ProblemList:
    """Collects problems, keeping each kind to ``LIST_LIMIT`` rows plus a count of the rest."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self._counts: dict[tuple[str, str | None, str], int] = {}

    def add(
        self, kind: str, message: str, row: int | None, column: str | None, severity: str = "error"
    ) -> None:
        key = (kind, column, severity)
        n = self._counts.get(key, 0) + 1
        self._counts[key] = n
        if n <= LIST_LIMIT:
            self.items.append(Problem(message, row, column, severity))

    def finish(self) -> list[Problem]:
        """The problems in file order (file-wide ones first), then the '... and N more'."""
        self.items.sort(key=lambda p: p.row or 0)
        for (kind, column, severity), n in self._counts.items():
            if n > LIST_LIMIT:
                self.items.append(
                    Problem(
                        f"... and {n - LIST_LIMIT} more rows with {kind}", None, column, severity
                    )
                )
        return self.items
