"""The ``rmdesk`` command: the GUI by default, and sub-commands over the same Workspace."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rmdesk.errors import NotFound, PairingRefused, RmdeskError, RosterError, StorageError
from rmdesk.paths import default_db_path

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_BLOCKED = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace], int]


def _emit_json(doc: object) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def _problem_lines(exc: RosterError) -> None:
    for p in exc.problems:
        print(str(p), file=sys.stderr)


def _workspace(args: argparse.Namespace) -> Any:
    from rmdesk.workspace import Workspace

    return Workspace.open(args.db or default_db_path())


def _mapping(pairs: Sequence[str] | None, parser: argparse.ArgumentParser) -> dict[str, str]:
    from rmdesk.roster_files import FIELD_CHOICES

    mapping: dict[str, str] = {}
    for item in pairs or []:
        fld, sep, column = item.partition("=")
        if not sep or not fld.strip():
            parser.error(f"--map takes FIELD=COLUMN, not '{item}'")
        if fld.strip() not in FIELD_CHOICES:
            parser.error(
                f"--map: unknown field '{fld.strip()}' (fields: {', '.join(FIELD_CHOICES)})"
            )
        mapping[fld.strip()] = column.strip()
    return mapping


def cmd_import(args: argparse.Namespace) -> int:
    from rmdesk.workspace import Workspace

    path = Path(args.db or default_db_path()).expanduser()
    # a database that does not exist yet is created only once the file is accepted: a rejected
    # file or a dry run leaves nothing behind (the plan is made against the same empty roster)
    fresh = not path.exists()
    ws = Workspace.in_memory() if fresh else Workspace.open(path)
    try:
        plan = ws.prepare_import(args.roster, args.mapping, args.sheet, partial=args.partial)
        if plan.errors:
            raise RosterError(plan.errors)
        if args.dry_run:
            report = plan.report(False)
        else:
            if fresh:
                ws.close()
                ws = Workspace.open(path)
            report = ws.apply_import(plan)
    finally:
        ws.close()
    for w in report.warnings:
        print(str(w), file=sys.stderr)
    summary = report.summary()
    if plan.mapping.unplaced:  # not a problem, so not on stderr: part of what was done
        summary += "; columns not imported: " + ", ".join(f"'{c}'" for c in plan.mapping.unplaced)
    print(summary)
    return EXIT_OK


def cmd_roster(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    try:
        people = ws.roster()
    finally:
        ws.close()
    if args.json:
        _emit_json([e.as_dict() for e in people])
        return EXIT_OK
    for e in people:
        state = "" if e.active else "  (left)"
        print(
            f"{e.employee_id}\t{e.name}\t{e.department or ''}\t{e.division or ''}\t"
            f"{e.grade or ''}\t{e.manager_id or ''}{state}"
        )
    print(f"{len(people)} people, {sum(1 for e in people if e.active)} active", file=sys.stderr)
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from rmdesk.app import run

    return run(args.db)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="FILE",
        help="the rmdesk database (default: $RMDESK_DB or the user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="rmdesk", description="Run a reverse mentoring programme.", parents=[common]
    )
    parser.set_defaults(handler=cmd_gui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

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
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("roster", parents=[common], help="list the roster")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_roster)

    from rmdesk.cli_pairing import add_pairing_commands

    add_pairing_commands(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "db"):
        args.db = None
    if hasattr(args, "map"):
        args.mapping = _mapping(args.map, parser)
    try:
        code: int = args.handler(args)
        return code
    except RosterError as exc:
        _problem_lines(exc)
        return EXIT_REJECTED
    except PairingRefused as exc:
        print(str(exc), file=sys.stderr)
        for c in exc.conflicts:
            print(f"{c.code}: {c.message}", file=sys.stderr)
        return EXIT_BLOCKED
    except (StorageError, NotFound, RmdeskError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REJECTED


if __name__ == "__main__":
    raise SystemExit(main())
