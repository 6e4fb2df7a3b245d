"""Agreement commands: ``agreement``, ``agreements``, ``sign``, ``verify``, ``template``."""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from rmdesk.cli.common import (
    EXIT_OK,
    EXIT_REJECTED,
    cohort_of,
    emit_json,
    iso_date,
    open_workspace,
    say,
    take_writer_lock,
    warn,
    with_workspace,
)
from rmdesk.models.agreements import ROLES
from rmdesk.models.wording import plural

if TYPE_CHECKING:
    from rmdesk.cli.common import Subparsers
    from rmdesk.workspace import Workspace


@with_workspace(writes=False)
def cmd_agreement(ws: Workspace, args: argparse.Namespace) -> int:
    path = ws.agreements.export_pdf(args.pair_id, args.pdf, args.version)
    doc = ws.agreements.document(args.pair_id, args.version)
    what = "draft" if doc.sha256 is None else f"fingerprint {doc.short_hash}"
    say(f"Wrote {path}: pair {args.pair_id}, version {doc.version} ({what})")
    return EXIT_OK


@with_workspace(writes=False)
def cmd_agreements(ws: Workspace, args: argparse.Namespace) -> int:
    cohort = cohort_of(ws, args)
    states = ws.agreements.states(cohort)
    views = {v.pair.id: v.pair for v in ws.pairing.pairs(cohort)}
    people = ws.roster.some(i for p in views.values() for i in (p.mentor_id, p.mentee_id))
    rows = []
    for pair_id, state in states.items():
        pair = views[pair_id]
        sha = None
        if state.version is not None and state.kind in ("signed", "awaiting signatures"):
            sha = ws.agreements.document(pair_id, state.version).sha256
        rows.append(
            {
                "pair_id": pair_id,
                "mentor_id": pair.mentor_id,
                "mentee_id": pair.mentee_id,
                "status": pair.status,
                "state": state.kind,
                "waiting_for": list(state.waiting_for),
                "version": state.version,
                "sha256": sha,
            }
        )
    if args.json:
        emit_json(rows)
    else:
        for r in rows:
            mentor, mentee = people[str(r["mentor_id"])], people[str(r["mentee_id"])]
            state = states[int(str(r["pair_id"]))]
            version = f" v{state.version}" if state.version else ""
            say(f"{r['pair_id']}\t{mentor.label} → {mentee.label}\t{state.label}{version}")
    if args.out:
        written = ws.agreements.export_all(cohort, args.out)
        print(f"Wrote {plural(len(written), 'signed agreement')} to {args.out}")
    return EXIT_OK


@with_workspace(writes=True)
def cmd_sign(ws: Workspace, args: argparse.Namespace) -> int:
    method = "paper" if args.paper else "typed"
    version = ws.agreements.sign(args.pair_id, args.role, args.name, args.on, method)
    state = ws.agreements.state(args.pair_id)
    say(
        f"Pair {args.pair_id}, version {version.number}: signed by the {args.role} "
        f"({args.name}); now {state.label}"
    )
    return EXIT_OK


@with_workspace(writes=False)
def cmd_verify(ws: Workspace, args: argparse.Namespace) -> int:
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a broken file is our answer, not noise
    result = ws.agreements.verify(args.file)
    if args.json:
        emit_json(result.as_dict())
    elif result.matches:
        when = f", completed on {result.signed_on.isoformat()}" if result.signed_on else ""
        say(f"{args.file}: matches pair {result.pair_id}, version {result.version}{when}.")
        say(f"  {result.sentence}")
    else:
        warn(f"{args.file}: does not match. {result.sentence}")
    return EXIT_OK if result.matches else EXIT_REJECTED


def cmd_template(args: argparse.Namespace) -> int:
    body = None
    if args.edit:
        try:
            text = Path(args.edit).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            warn(f"{args.edit}: cannot be read: {exc}")
            return EXIT_REJECTED
        from rmdesk.workspace.agreements import parse_template

        body, problems = parse_template(text)
        if problems or body is None:
            for p in problems:
                warn(f"{args.edit}: {p}")
            return EXIT_REJECTED
    ws = open_workspace(args, create=False)  # a template needs a cohort, so a database
    try:
        cohort = cohort_of(ws, args)
        if body is not None:
            take_writer_lock(ws)  # one writer, as for every command that writes
            ws.agreements.set_template(cohort, body)
            say(f"Saved the agreement template of '{cohort.name}' from {args.edit}")
            return EXIT_OK
        print(json.dumps(ws.agreements.template(cohort).to_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    finally:
        ws.close()


def register(
    sub: Subparsers, common: argparse.ArgumentParser, cohort_opt: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("agreement", parents=[common], help="write a pair's agreement as a PDF")
    p.add_argument("pair_id", type=int, metavar="PAIR_ID")
    p.add_argument("--pdf", type=Path, required=True, metavar="OUT")
    p.add_argument("--version", type=int, metavar="N", help="an earlier version (default: latest)")
    p.set_defaults(handler=cmd_agreement)

    p = sub.add_parser(
        "agreements", parents=[common, cohort_opt], help="list agreements; export the signed ones"
    )
    p.add_argument("--out", type=Path, metavar="DIR", help="write every signed agreement here")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_agreements)

    p = sub.add_parser("sign", parents=[common], help="sign a pair's agreement")
    p.add_argument("pair_id", type=int, metavar="PAIR_ID")
    p.add_argument("--as", dest="role", required=True, choices=ROLES)
    p.add_argument("--name", required=True, metavar="TYPED_NAME")
    p.add_argument("--on", type=iso_date, metavar="YYYY-MM-DD", help="default: today")
    p.add_argument("--paper", action="store_true", help="signed on a printed copy")
    p.set_defaults(handler=cmd_sign)

    p = sub.add_parser("verify", parents=[common], help="check an agreement PDF")
    p.add_argument("file", type=Path, metavar="FILE.pdf")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_verify)

    p = sub.add_parser(
        "template", parents=[common, cohort_opt], help="print or replace the agreement template"
    )
    p.add_argument("--edit", type=Path, metavar="FILE", help="a JSON template to validate and save")
    p.set_defaults(handler=cmd_template)
