"""What every command group shares: exit codes, options, argument types, opening the workspace.

The contract these follow is docs/cli.md.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rmdesk.errors import NotFound
from rmdesk.paths import default_db_path

if TYPE_CHECKING:
    from rmdesk.models.cohorts import Cohort
    from rmdesk.workspace import Workspace

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_BLOCKED = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace], int]
Command = Callable[["Workspace", argparse.Namespace], int]


def emit_json(doc: object) -> None:
    """One JSON document on stdout (UTF-8, names in any script kept as they are)."""
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def say(text: str) -> None:
    print(text)


def warn(text: str) -> None:
    print(text, file=sys.stderr)


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db or default_db_path()).expanduser()


def open_workspace(args: argparse.Namespace, create: bool) -> Workspace:
    """The workspace of ``--db``. Commands that only read never create a database."""
    from rmdesk.workspace import Workspace

    path = db_path(args)
    if not create and not path.exists():
        raise NotFound(f"there is no rmdesk database at {path} (nothing was created)")
    return Workspace.open(path)


def take_writer_lock(ws: Workspace) -> None:
    """One writer: wait a few seconds for the window or another command to let go."""
    from rmdesk.workspace.writer_lock import CLI_WAIT

    ws.safety.take_lock(wait=CLI_WAIT)


def with_workspace(*, writes: bool, creates: bool = False) -> Callable[[Command], Handler]:
    """Run a command on the workspace of ``--db`` and close it afterwards, whatever happens.
    ``writes``: it takes the writer lock first. Only a command that ``creates`` (a cohort)
    makes a database that is not there: any other exits 1 naming the path, so a rejected
    command leaves no empty file behind (docs/cli.md#exit-codes)."""

    def wrap(command: Command) -> Handler:
        @functools.wraps(command)
        def handler(args: argparse.Namespace) -> int:
            ws = open_workspace(args, create=creates)
            try:
                if writes:
                    take_writer_lock(ws)
                return command(ws, args)
            finally:
                ws.close()

        return handler

    return wrap


def cohort_of(ws: Workspace, args: argparse.Namespace) -> Cohort:
    """``--cohort NAME``, or the most recent cohort."""
    return ws.cohorts.cohort(getattr(args, "cohort", None))


# -- argument types ---------------------------------------------------------------------------
#: The one date form the CLI reads (Python alone would also take '20260301' and '2026-W10-1').
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: A date, optionally a time to the minute or second, optionally an offset (or Z).
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?")


def iso_date(text: str) -> date:
    try:
        if not _DATE.fullmatch(text.strip()):
            raise ValueError(text)
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (use YYYY-MM-DD)") from exc


def iso_datetime(text: str) -> datetime:
    """'2026-03-02T10:00' (local time) or with an offset; a bare date means 09:00."""
    try:
        if not _DATETIME.fullmatch(text.strip()):
            raise ValueError(text)
        value = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date and time (use YYYY-MM-DDTHH:MM)"
        ) from exc
    if len(text.strip()) == 10:
        value = value.replace(hour=9)
    return value if value.tzinfo else value.astimezone()


def bounded_int(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argparse type for a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from exc
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what} is from {low} to {high}, not {value}")
        return value

    return parse


def parents() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """(``--db``/``--debug`` for every command, ``--cohort`` for those about one cohort)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="FILE",
        help="the rmdesk database (default: $RMDESK_DB or the user data folder)",
    )
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="on an unexpected error, print the full traceback",
    )
    cohort_opt = argparse.ArgumentParser(add_help=False)
    cohort_opt.add_argument(
        "--cohort", metavar="NAME", help="the cohort (default: the most recent one)"
    )
    return common, cohort_opt


if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]
