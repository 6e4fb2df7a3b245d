"""Safety commands: ``backup``, ``restore``, ``erase`` and ``audit``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from rmdesk.cli.common import EXIT_OK, emit_json, open_workspace, say, warn
from rmdesk.models.wording import plural
from rmdesk.workspace.writer_lock import CLI_WAIT

if TYPE_CHECKING:
    from rmdesk.cli.common import Subparsers


def cmd_backup(args: argparse.Namespace) -> int:
    ws = open_workspace(args, create=False)  # a backup only reads the database
    try:
        made = ws.safety.backup(args.to, record=True)
    finally:
        ws.close()
    say(f"Backed up to {made}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    ws = open_workspace(args, create=False)
    try:
        ws.safety.take_lock(wait=CLI_WAIT)
        before = ws.safety.restore(args.file)
    finally:
        ws.close()
    say(f"Restored {args.file}; the contents before the restore are in {before}")
    return EXIT_OK


def cmd_erase(args: argparse.Namespace) -> int:
    ws = open_workspace(args, create=False)
    try:
        ws.safety.take_lock(wait=CLI_WAIT)
        report = ws.safety.erase(args.employee_id, keep_backups=args.keep_backups)
    finally:
        ws.close()
    for line in report.lines():
        say(line)
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    ws = open_workspace(args, create=False)
    try:
        entries = ws.audit.entries(args.kind)
    finally:
        ws.close()
    if args.json:
        emit_json([{"id": e.id, "at": e.at, "kind": e.kind, "summary": e.summary} for e in entries])
        return EXIT_OK
    for e in entries:
        say(f"{e.at}\t{e.kind}\t{e.summary}")
    warn(plural(len(entries), "entry"))
    return EXIT_OK


def register(
    sub: Subparsers, common: argparse.ArgumentParser, cohort_opt: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("backup", parents=[common], help="back the database up now")
    p.add_argument(
        "--to", type=Path, metavar="FILE", help="a new file (default: the backups folder)"
    )
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser(
        "restore", parents=[common], help="replace the database with a backup (kept first)"
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("erase", parents=[common], help="erase a person's personal data")
    p.add_argument("employee_id", metavar="EMPLOYEE_ID")
    p.add_argument(
        "--keep-backups",
        action="store_true",
        help="keep older backups (they still hold the person) instead of deleting them",
    )
    p.set_defaults(handler=cmd_erase)

    p = sub.add_parser("audit", parents=[common], help="the audit log, newest first")
    p.add_argument(
        "--kind", choices=("import", "override", "signing", "erasure", "restore", "backup")
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_audit)
