"""The ``rmdesk`` command: the GUI by default, and sub-commands over the same Workspace.

One module per command group; each offers ``register(sub, common, cohort_opt)``. The contract
(commands, exit codes, JSON shapes) is docs/cli.md.
"""

from __future__ import annotations

import argparse
import io
import logging
import sys
from collections.abc import Sequence

from rmdesk import __version__
from rmdesk.cli import agreements, cohorts, pairing, reports, roster, safety, sessions
from rmdesk.cli.common import (
    EXIT_BLOCKED,
    EXIT_OK,
    EXIT_REJECTED,
    parents,
    warn,
)
from rmdesk.errors import PairingRefused, RmdeskError, RosterError

#: Command groups, in the order their commands appear in ``rmdesk --help``.
GROUPS = (roster, cohorts, pairing, agreements, sessions, reports, safety)

log = logging.getLogger("rmdesk.cli")


def cmd_gui(args: argparse.Namespace) -> int:
    from rmdesk.app import run

    return run(args.db)


def build_parser() -> argparse.ArgumentParser:
    common, cohort_opt = parents()
    parser = argparse.ArgumentParser(
        prog="rmdesk", description="Run a reverse mentoring programme.", parents=[common]
    )
    parser.add_argument("--version", action="version", version=f"rmdesk {__version__}")
    parser.set_defaults(handler=cmd_gui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for group in GROUPS:
        group.register(sub, common, cohort_opt)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
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
            warn(f"{c.code}: {c.message}")
        # a refusal no override could lift is a rejected input, not a blocked pairing
        return EXIT_REJECTED if getattr(args, "override", None) else EXIT_BLOCKED
    except RmdeskError as exc:
        warn(str(exc))
        return EXIT_REJECTED
    except KeyboardInterrupt:
        warn("interrupted; nothing more was written")
        return EXIT_REJECTED
    except Exception as exc:  # a bug: one line, the traceback only when asked
        from rmdesk.logs import setup_logging

        where = setup_logging()
        log.exception("unexpected error in: rmdesk %s", " ".join(map(str, argv or sys.argv[1:])))
        if args.debug:
            raise
        more = f"; details in {where}" if where else ""
        warn(f"rmdesk: unexpected error: {type(exc).__name__}: {exc} (run with --debug{more})")
        return EXIT_REJECTED


__all__ = ["EXIT_OK", "build_parser", "main"]
