"""Planning a roster import: read and validate a file, compare it with the stored roster, and
say what writing it would change, before anything is written."""

from __future__ import annotations

import gc
import hashlib
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rmdesk.errors import DeactivationRefused, Problem, RosterError
from rmdesk.models.people import Record
from rmdesk.models.wording import plural

if TYPE_CHECKING:  # the readers (calamine) load only when a file is imported
    from rmdesk.roster_files import Mapping, ParsedRoster, Table
    from rmdesk.workspace.roster import RosterService

#: How many people a refused deactivation names.
NAMED = 5


@dataclass
class ImportPlan:
    """A validated file and what importing it would change; nothing is written yet."""

    source: Path
    sha256: str
    table: Table
    mapping: Mapping
    parsed: ParsedRoster
    partial: bool
    added: Sequence[Record] = field(default_factory=list)
    updated: Sequence[Record] = field(default_factory=list)
    unchanged: int = 0
    missing: list[str] = field(default_factory=list)  # active people the file lacks
    #: active people the file lists as having left (a status or a leaving date)
    leaving: list[str] = field(default_factory=list)
    #: the roster generation the comparison was made against (see GENERATION_KEY)
    generation: str = ""
    #: file ids taken as stored ids in another form ('123' for '00123'), as warnings
    recognised: list[Problem] = field(default_factory=list)
    #: the active roster then, and the open pairs of the people it would deactivate
    active_before: int = 0
    open_pairs: dict[str, frozenset[int]] = field(default_factory=dict)
    #: True when another import landed after the plan and the write compared again
    replanned: bool = False

    @property
    def problems(self) -> list[Problem]:
        return [*self.mapping.notes, *self.parsed.problems, *self.recognised]

    @property
    def errors(self) -> list[Problem]:
        return self.parsed.errors

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def left_in_file(self) -> int:
        """People the file itself lists as having left (a status or leaving date)."""
        return self.parsed.records.column(11).count(0)

    @property
    def deactivated(self) -> int:
        return 0 if self.partial else len(self.missing)

    @property
    def deactivating(self) -> list[str]:
        """Everybody active now whom the import would make inactive."""
        return sorted({*self.leaving, *([] if self.partial else self.missing)})

    def deactivation_problem(self, share: float) -> DeactivationRefused | None:
        """Why the import needs ``allow_deactivation`` (too many people, or people in open
        pairs), or None when it does not."""
        gone = self.deactivating
        in_pairs = [e for e in gone if self.open_pairs.get(e)]
        too_many = self.active_before > 0 and len(gone) > share * self.active_before
        if not gone or not (too_many or in_pairs):
            return None
        named = (in_pairs + [e for e in gone if e not in self.open_pairs])[:NAMED]
        return DeactivationRefused(len(gone), self.active_before, len(in_pairs), named, share)

    def mapping_names(self) -> dict[str, str]:
        return self.mapping.as_names(self.table.headers)

    def report(self, written: bool, import_id: int | None = None) -> ImportReport:
        return ImportReport(
            self.source.name,
            len(self.added),
            len(self.updated),
            self.deactivated,
            self.unchanged,
            self.warnings,
            written,
            import_id,
            self.left_in_file,
            # pairs, not people: a pair whose two members both left is one pair
            len(
                frozenset().union(*(self.open_pairs.get(e, frozenset()) for e in self.deactivating))
            ),
            self.replanned,
        )


@dataclass(frozen=True)
class ImportReport:
    file_name: str
    added: int
    updated: int
    deactivated: int
    unchanged: int
    warnings: list[Problem]
    written: bool
    import_id: int | None = None
    left_in_file: int = 0  # people the file lists as having left (a status, a leaving date)
    flagged_pairs: int = 0  # open pairs now holding somebody who left (flagged 'inactive')
    replanned: bool = False  # another import landed meanwhile; compared again before writing

    def summary(self) -> str:
        verb = "Imported" if self.written else "Would import"
        return (
            f"{verb} {self.file_name}: {self.added} added, {self.updated} updated, "
            f"{self.deactivated} deactivated, {self.unchanged} unchanged"
            + (f", {plural(len(self.warnings), 'warning')}" if self.warnings else "")
            + (f" ({self.left_in_file} listed as having left)" if self.left_in_file else "")
            + (
                f"; {plural(self.flagged_pairs, 'open pair')} now "
                f"{'holds' if self.flagged_pairs == 1 else 'hold'} somebody who left"
                if self.flagged_pairs
                else ""
            )
            + ("; compared again with an import that landed meanwhile" if self.replanned else "")
        )


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Bulk parsing makes ~10 objects a cell and no reference cycles; the collector would
    walk them all again and again (a fifth of the parse time at 100k rows)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # The million objects made meanwhile still count as young: the first allocation after
        # enable() would walk them all (0.15 s). freeze() + unfreeze() files them with the old
        # objects and resets that count, without walking anything.
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()


class _Digest:
    """The SHA-256 of a file, computed in a thread while the caller goes on."""

    def __init__(self, path: Path) -> None:
        self._result: str | OSError = ""
        self._thread = threading.Thread(target=self._run, args=(path,), daemon=True)
        self._thread.start()

    def _run(self, path: Path) -> None:
        try:
            self._result = _sha256(path)
        except OSError as exc:  # reported by the reader, which meets the same file
            self._result = exc

    def hexdigest(self) -> str:
        self._thread.join()
        if isinstance(self._result, OSError):
            raise RosterError([Problem(f"{self._result.filename} cannot be read: {self._result}")])
        return self._result


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def prepare_new_roster(
    source: Path | str,
    mapping: dict[str, str] | None = None,
    sheet: str | None = None,
    partial: bool = False,
) -> ImportPlan:
    """``RosterService.prepare_import`` for a workspace not created yet (its roster empty),
    without a database: the CLI creates the file only once the import is accepted. Applied
    to the new workspace, the plan is compared again only if another import landed first."""
    return plan_import(source, mapping, sheet, partial, None, None)


def plan_import(
    source: Path | str,
    mapping: dict[str, str] | None,
    sheet: str | None,
    partial: bool,
    table: Table | None,
    roster: RosterService | None,
) -> ImportPlan:
    """Read and validate ``source`` against ``roster`` (None: an empty roster); the
    roster's own reads and comparison stay in ``RosterService``."""
    from rmdesk.roster_files import (
        check_regular_file,
        detect_mapping,
        parse_roster,
        read_table,
    )

    path = Path(source)
    if table is None:  # a pipe would block the hashing thread for ever: refused first
        check_regular_file(path)
    digest = _Digest(path)  # hashed in another thread meanwhile (hashlib lets go of the GIL)
    stored: dict[str, Record] = {}
    generation = ""
    with no_cyclic_gc():
        if table is None:
            table = read_table(path, sheet, wanted=(mapping or {}).values())
        placed = detect_mapping(table.headers, mapping)
        outside = roster.employees() if partial and roster is not None else {}
        if roster is not None:
            # the generation first: an import landing between the two reads costs a re-plan
            generation = roster.generation()
            stored = roster._stored()
        parsed = parse_roster(table, placed, outside, on_roster=stored.keys())
    plan = ImportPlan(path, digest.hexdigest(), table, placed, parsed, partial)
    if roster is not None:
        roster._compare(plan, stored, generation)
    else:
        plan.added = parsed.records
    return plan
