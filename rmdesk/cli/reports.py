"""Report commands: ``report`` (the outcomes PDF), ``export`` (CSV/XLSX) and ``announce``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from rmdesk.cli.common import EXIT_OK, EXIT_REJECTED, cohort_of, say, warn, with_workspace
from rmdesk.models.programme_figures import EXPORT_KINDS
from rmdesk.models.wording import plural

if TYPE_CHECKING:
    from rmdesk.cli.common import Subparsers
    from rmdesk.workspace import Workspace


@with_workspace(writes=False)
def cmd_report(ws: Workspace, args: argparse.Namespace) -> int:
    cohort = cohort_of(ws, args)
    out = Path(args.pdf)
    if not ws.reports.report_pdf(out, cohort):
        warn("the report was cancelled; nothing was written")
        return EXIT_REJECTED
    say(f"Wrote the outcomes report of '{cohort.name}' to {out}")
    return EXIT_OK


@with_workspace(writes=False)
def cmd_export(ws: Workspace, args: argparse.Namespace) -> int:
    cohort = cohort_of(ws, args)
    out = Path(args.csv or args.xlsx)
    count = ws.reports.export(args.kind, out, cohort, include_confidential=args.confidential)
    extra = " (confidential notes included)" if args.confidential else ""
    say(f"Wrote {plural(count, 'row')} of {args.kind} from '{cohort.name}' to {out}{extra}")
    return EXIT_OK


@with_workspace(writes=False)
def cmd_announce(ws: Workspace, args: argparse.Namespace) -> int:
    cohort = cohort_of(ws, args)
    written = ws.reports.announce(Path(args.out), cohort)
    drafts = sum(1 for p in written if p.suffix == ".eml")
    say(
        f"Wrote the pairs list of '{cohort.name}' (PDF and XLSX) and "
        f"{plural(drafts, 'e-mail draft')} to {args.out}"
    )
    return EXIT_OK


def _check_export(args: argparse.Namespace) -> str | None:
    """Usage errors argparse cannot see: the file's suffix must match its option."""
    for option, suffix in (("csv", ".csv"), ("xlsx", ".xlsx")):
        value = getattr(args, option)
        if value is not None and Path(value).suffix.lower() != suffix:
            return f"--{option} wants a file name ending in {suffix}, not '{value}'"
    if args.confidential and args.kind != "sessions":
        return "--confidential only applies to sessions (their confidential notes)"
    return None


def register(
    sub: Subparsers, common: argparse.ArgumentParser, cohort_opt: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "report", parents=[common, cohort_opt], help="write the outcomes report for the sponsor"
    )
    p.add_argument("--pdf", required=True, metavar="OUT", help="the PDF to write")
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser(
        "export", parents=[common, cohort_opt], help="pairs, sessions or actions to CSV or XLSX"
    )
    p.add_argument("kind", choices=EXPORT_KINDS)
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--csv", metavar="OUT", help="write a CSV file (UTF-8, for Excel)")
    where.add_argument("--xlsx", metavar="OUT", help="write an Excel workbook")
    p.add_argument(
        "--confidential",
        action="store_true",
        help="include the sessions' confidential notes (left out unless asked for)",
    )
    p.set_defaults(handler=cmd_export, prepare=_check_export)

    p = sub.add_parser(
        "announce",
        parents=[common, cohort_opt],
        help="the pairs list (PDF, XLSX) and an e-mail draft per pair, in a folder",
    )
    p.add_argument("--out", required=True, metavar="DIR", help="the folder to write into")
    p.set_defaults(handler=cmd_announce)
