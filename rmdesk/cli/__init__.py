"""The ``rmdesk`` command: the GUI by default, and sub-commands over the same Workspace.

One module per command group; each offers ``register(sub, common, cohort_opt)``. The contract
(commands, exit codes, JSON shapes) is docs/cli.md.
"""

from __future__ import annotations

import argparse
import importlib
import io
import sys
from collections.abc import Sequence

from rmdesk import __version__
from rmdesk.cli.common import (
    EXIT_BLOCKED,
    EXIT_OK,
    EXIT_REJECTED,
    parents,
    warn,
)
from rmdesk.errors import PairingRefused, RmdeskError, RosterError

#: Command groups (modules of rmdesk.cli), in the order of ``rmdesk --help``.
GROUPS = ("roster", "cohorts", "pairing", "agreements", "sessions", "reports", "safety")

#: Which group registers each command: a command imports its own group only, so a quick
#: `rmdesk pairs` never loads the PDF or calendar code. A test keeps this equal to what the
#: groups register.
COMMANDS = {
    "import": "roster", "roster": "roster",
    "cohort": "cohorts", "cohorts": "cohorts", "enrol": "cohorts", "withdraw": "cohorts",
    "exclude": "cohorts", "seniority": "cohorts",
    "check": "pairing", "pair": "pairing", "unpair": "pairing", "pairs": "pairing",
    "suggest": "pairing",
    "agreement": "agreements", "agreements": "agreements", "sign": "agreements",
    "verify": "agreements", "template": "agreements",
    "session": "sessions", "sessions": "sessions", "plan": "sessions", "action": "sessions",
    "actions": "sessions", "close": "sessions", "health": "sessions", "calendar": "sessions",
    "report": "reports", "export": "reports", "announce": "reports",
    "backup": "safety", "restore": "safety", "erase": "safety", "audit": "safety",
}  # fmt: skip


def cmd_gui(args: argparse.Namespace) -> int:
    from rmdesk.app import run

    return run(args.db)


def _groups_for(argv: Sequence[str] | None) -> Sequence[str]:
    """The one group a command line needs; none to open the window (`rmdesk [--db F]`, which
    then starts quickly); every group for help or a typo."""
    given = list(sys.argv[1:] if argv is None else argv)
    if {"-h", "--help", "--version"} & set(given):
        return GROUPS
    words = [
        a for i, a in enumerate(given) if not a.startswith("-") and given[i - 1 : i] != ["--db"]
    ]
    if not words:
        return ()
    first = words[0]
    return (COMMANDS[first],) if first in COMMANDS else GROUPS


def build_parser(groups: Sequence[str] = GROUPS) -> argparse.ArgumentParser:
    common, cohort_opt = parents()
    parser = argparse.ArgumentParser(
        prog="rmdesk", description="Run a reverse mentoring programme.", parents=[common]
    )
    parser.add_argument("--version", action="version", version=f"rmdesk {__version__}")
    parser.set_defaults(handler=cmd_gui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in groups:
        importlib.import_module(f"rmdesk.cli.{name}").register(sub, common, cohort_opt)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser(_groups_for(argv))
    args = parser.parse_args(argv)  # usage errors exit 2 (argparse), --version exits 0
    args.db = getattr(args, "db", None)
    args.debug = getattr(args, "debug", False)
    prepare = getattr(args, "prepare", None)
    if prepare is not None:
        message = prepare(args)
        if message:
            parser.error(message)
    try:
        code: int = args.handler(args)
        return code
    except RosterError as exc:
        for p in exc.problems:
            warn(str(p))
        return EXIT_REJECTED
    except PairingRefused as exc:
        warn(str(exc))
        for c in exc.conflicts:
            if c.message not in str(exc):  # a problem is said once
                warn(f"{c.code}: {c.message}")
        # a refusal no override could lift is a rejected input, not a blocked pairing
        return EXIT_REJECTED if getattr(args, "override", None) else EXIT_BLOCKED
    except RmdeskError as exc:
        warn(str(exc))
        return EXIT_REJECTED
    except BrokenPipeError:  # `rmdesk pairs | head`: the reader had enough; not an error
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the exit flush cannot fail again
        return EXIT_OK
    except OSError as exc:  # a folder that is not there, a full disk, no permission
        named = f"{exc.filename}: " if exc.filename else ""
        warn(f"{named}{exc.strerror or exc}; nothing was written")
        return EXIT_REJECTED
    except KeyboardInterrupt:
        warn("interrupted; nothing more was written")
        return EXIT_REJECTED
    except Exception as exc:  # a bug: one line, the traceback only when asked
        import logging  # only now: every command would pay for it (9 ms)

        from rmdesk.logs import setup_logging

        log_file = setup_logging()
        command = _without_values(argv or sys.argv[1:])
        logging.getLogger("rmdesk.cli").exception("unexpected error in: rmdesk %s", command)
        if args.debug:
            raise
        more = f"; details in {log_file}" if log_file else ""
        warn(f"rmdesk: unexpected error: {type(exc).__name__}: {exc} (run with --debug{more})")
        return EXIT_REJECTED


def _without_values(argv: Sequence[str]) -> str:
    """The command as the log keeps it: its name and options, every value left out. A
    session's confidential note, a reason or a name given on the command line never reaches
    the log file (``rmdesk session 6 --note … --db …``)."""
    words = [str(w) for w in argv]
    kept = [w if w.startswith("-") or w in COMMANDS else "…" for w in words]
    return " ".join(
        w.partition("=")[0] + ("=…" if "=" in w else "") if w.startswith("--") else w for w in kept
    )


__all__ = ["EXIT_OK", "build_parser", "main"]
