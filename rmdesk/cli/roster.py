"""Roster commands: ``import`` and ``roster``."""

from __future__ import annotations

import argparse
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from rmdesk.cli.common import (
    EXIT_OK,
    EXIT_REJECTED,
    db_path,
    emit_json,
    open_workspace,
    say,
    warn,
    with_workspace,
)
from rmdesk.workspace.writer_lock import CLI_WAIT, WriterLock

if TYPE_CHECKING:
    from rmdesk.cli.common import Subparsers
    from rmdesk.workspace import ImportPlan, ImportReport, Workspace


def cmd_import(args: argparse.Namespace) -> int:
    from rmdesk.workspace.roster import DEFAULT_DEACTIVATION_SHARE, prepare_new_roster

    path = db_path(args)
    # a database that does not exist yet is created only once the file is accepted: a
    # rejected file or a dry run leaves nothing behind (the plan is made against an empty
    # roster, with no database at all)
    fresh = not path.exists()
    ws = None if fresh else open_workspace(args, create=True)
    try:
        if ws is None:
            plan = prepare_new_roster(args.roster, args.mapping, args.sheet, partial=args.partial)
        else:
            plan = ws.roster.prepare_import(
                args.roster, args.mapping, args.sheet, partial=args.partial
            )
        if plan.errors:  # every problem at once: the warnings too, so one fix-up pass does
            for p in plan.errors:
                warn(str(p))
            for p in plan.warnings:
                warn(f"warning: {p}")
            return EXIT_REJECTED
        if args.dry_run:
            report = plan.report(False)
            share = DEFAULT_DEACTIVATION_SHARE if ws is None else ws.roster.deactivation_share()
            refused = plan.deactivation_problem(share)
            if refused is not None and not args.allow_deactivation:
                warn(f"without --allow-deactivation the import would be refused: {refused}")
        else:
            # one writer: wait a few seconds for another rmdesk to let go of the file; the
            # plan was made meanwhile and is compared again if the roster changed
            lock = WriterLock(path)
            lock.acquire(wait=CLI_WAIT)
            try:
                if ws is None:
                    ws = open_workspace(args, create=True)
                # a file made by this command: nobody else has it open yet
                with ws.first_load() if fresh else nullcontext():
                    report = ws.roster.apply_import(
                        plan, allow_deactivation=args.allow_deactivation
                    )
            finally:
                lock.release()
    finally:
        if ws is not None:
            ws.close()
    _print_report(report, plan)
    return EXIT_OK


def _print_report(report: ImportReport, plan: ImportPlan) -> None:
    for w in report.warnings:
        warn(str(w))
    summary = report.summary()
    if plan.mapping.unplaced:  # not a problem, so not on stderr: part of what was done
        summary += "; columns not imported: " + ", ".join(f"'{c}'" for c in plan.mapping.unplaced)
    say(summary)


ROSTER_HEADER = ("employee_id", "name", "department", "division", "grade", "manager_id", "active")


@with_workspace(writes=False)
def cmd_roster(ws: Workspace, args: argparse.Namespace) -> int:
    people = ws.roster.roster()
    if args.json:
        emit_json([e.as_dict() for e in people])
        return EXIT_OK
    say("\t".join(ROSTER_HEADER))
    for e in people:
        say(
            f"{e.employee_id}\t{e.name}\t{e.department or ''}\t{e.division or ''}\t"
            f"{e.grade or ''}\t{e.manager_id or ''}\t{'yes' if e.active else 'left'}"
        )
    warn(f"{len(people)} people, {sum(1 for e in people if e.active)} active")
    return EXIT_OK


def _prepare_mapping(args: argparse.Namespace) -> str | None:
    """``--map FIELD=COLUMN`` items as a dict; a usage message when one is malformed."""
    from rmdesk.roster_files import FIELD_CHOICES

    mapping: dict[str, str] = {}
    for item in args.map or []:
        fld, sep, column = item.partition("=")
        if not sep or not fld.strip():
            return f"--map takes FIELD=COLUMN, not '{item}'"
        if fld.strip() not in FIELD_CHOICES:
            return f"--map: unknown field '{fld.strip()}' (fields: {', '.join(FIELD_CHOICES)})"
        mapping[fld.strip()] = column.strip()
    args.mapping = mapping
    return None


def register(
    sub: Subparsers, common: argparse.ArgumentParser, cohort_opt: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("import", parents=[common], help="import an HR roster file")
    p.add_argument("roster", type=Path, metavar="ROSTER")
    p.add_argument("--sheet", metavar="NAME", help="the sheet of a workbook to read")
    p.add_argument(
        "--map",
        dest="map",
        action="append",
        metavar="FIELD=COLUMN",
        help="place a column the synonyms do not know (repeatable)",
    )
    p.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    p.add_argument(
        "--partial",
        action="store_true",
        help="the file is part of the roster: keep people it does not list",
    )
    p.add_argument(
        "--allow-deactivation",
        action="store_true",
        help="confirm a re-import that deactivates many people or people in open pairs",
    )
    p.set_defaults(handler=cmd_import, prepare=_prepare_mapping)

    p = sub.add_parser("roster", parents=[common], help="list the roster")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_roster)
