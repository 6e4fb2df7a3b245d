"""Pairing commands: ``check``, ``pair``, ``unpair``, ``pairs``, ``suggest``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from rmdesk.cli.common import (
    cohort_of,
    emit_json,
    open_workspace,
    say,
    take_writer_lock,
    with_workspace,
)
from rmdesk.errors import NotFound
from rmdesk.models.conflicts import Conflict, Severity
from rmdesk.models.wording import plural

if TYPE_CHECKING:
    from rmdesk.cli.common import Subparsers
    from rmdesk.workspace import Workspace


def _print_conflicts(conflicts: list[Conflict]) -> None:
    for c in conflicts:
        print(f"  [{c.severity.word}] {c.code}: {c.message}")


@with_workspace(writes=False)
def cmd_check(ws: Workspace, args: argparse.Namespace) -> int:
    # a check needs no cohort: with none yet, only the roster rules apply
    cohort = ws.cohorts.cohort(args.cohort) if args.cohort else None
    conflicts = ws.pairing.check(args.mentor, args.mentee, cohort)
    score, reasons = ws.pairing.score(args.mentor, args.mentee, cohort)
    if args.json:
        emit_json(
            {
                "mentor": args.mentor,
                "mentee": args.mentee,
                "conflicts": [c.as_dict() for c in conflicts],
                "score": score,
            }
        )
        return 0
    worst = max((c.severity for c in conflicts), default=None)
    verdict = {
        Severity.BLOCK: "BLOCKED",
        Severity.WARN: "warnings",
        Severity.INFO: "notes",
        None: "clean",
    }[worst]
    if any(c.code == "same-person" for c in conflicts):  # nothing else can be said of it
        print(f"{args.mentor} → {args.mentee}: BLOCKED")
        _print_conflicts([c for c in conflicts if c.code == "same-person"])
        return 0
    print(f"{args.mentor} → {args.mentee}: {verdict}, score {score}")
    _print_conflicts(conflicts)
    for r in reasons:
        print(f"  {r}")
    return 0


@with_workspace(writes=True)
def cmd_pair(ws: Workspace, args: argparse.Namespace) -> int:
    view = ws.pairing.pair(args.mentor, args.mentee, cohort_of(ws, args), args.override)
    if args.json:
        emit_json(view.as_dict())
        return 0
    mentor, mentee = _labels(ws, args.mentor, args.mentee)
    print(
        f"Pair {view.pair.id}: {mentor} mentors {mentee}"
        + (f" (override: {view.pair.override_reason})" if view.pair.override_reason else "")
    )
    _print_conflicts(view.conflicts)
    return 0


@with_workspace(writes=False)
def cmd_pairs(ws: Workspace, args: argparse.Namespace) -> int:
    views = ws.pairing.pairs(cohort_of(ws, args))
    if args.json:
        emit_json([v.as_dict(with_status=True) for v in views])
        return 0
    people = ws.roster.some(i for v in views for i in (v.pair.mentor_id, v.pair.mentee_id))
    for v in views:
        p = v.pair
        print(
            f"{p.id}\t{people[p.mentor_id].label} → {people[p.mentee_id].label}\t{p.status}"
            + (f"\toverride: {p.override_reason}" if p.override_reason else "")
        )
        _print_conflicts(v.conflicts)
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    # suggesting only reads; --apply writes
    ws = open_workspace(args, create=False)  # nobody to suggest in a database not there
    try:
        if args.apply:  # one writer, as for every command that writes
            take_writer_lock(ws)
        return _suggest(ws, args)
    finally:
        ws.close()


def _suggest(ws: Workspace, args: argparse.Namespace) -> int:
    cohort = cohort_of(ws, args)
    result = ws.pairing.suggest(cohort)
    if args.apply:
        ws.pairing.accept(result.proposals, cohort)
    if args.json:
        emit_json([p.as_dict() for p in result.proposals])
    else:
        people = ws.roster.employees()
        for p in result.proposals:
            print(f"{people[p.mentor_id].label} → {people[p.mentee_id].label}: score {p.score}")
            for r in p.reasons:
                print(f"  {r}")
        verb = "Made" if args.apply else "Proposed"
        print(f"{verb} {plural(len(result.proposals), 'pair')} in '{cohort.name}'")
    people = ws.roster.employees()
    for emp, why in result.unplaced:
        who = people[emp].label if emp in people else emp
        print(f"{who}: not placed: {why}", file=sys.stderr)
    return 0


@with_workspace(writes=True)
def cmd_unpair(ws: Workspace, args: argparse.Namespace) -> int:
    cohort = cohort_of(ws, args)
    found = [
        v.pair
        for v in ws.pairing.pairs(cohort)
        if (v.pair.mentor_id, v.pair.mentee_id) == (args.mentor, args.mentee)
        and v.pair.status == "active"
    ]
    if not found:
        raise NotFound(f"{args.mentor} and {args.mentee} are not paired in '{cohort.name}'")
    pair = found[0]
    ws.pairing.unpair(pair.id)
    kept = ws.pairing.pair_exists(pair.id)
    verb = "Ended" if kept else "Removed"
    mentor, mentee = _labels(ws, args.mentor, args.mentee)
    say(
        f"{verb} pair {pair.id}: {mentor} no longer mentors {mentee}"
        + (" (its agreement and sessions are kept)" if kept else "")
    )
    return 0


def _labels(ws: Workspace, *ids: str) -> list[str]:
    """'Ana Silva (E1042)' for each id; the bare id of anybody not on the roster."""
    people = ws.roster.some(ids)
    return [people[i].label if i in people else i for i in ids]


def register(
    sub: Subparsers, common: argparse.ArgumentParser, cohort_opt: argparse.ArgumentParser
) -> None:

    for name, handler, help_text in (
        ("check", cmd_check, "check a match"),
        ("pair", cmd_pair, "make a pair"),
        ("unpair", cmd_unpair, "end or remove a pair"),
    ):
        p = sub.add_parser(name, parents=[common, cohort_opt], help=help_text)
        p.add_argument("mentor", metavar="MENTOR_ID")
        p.add_argument("mentee", metavar="MENTEE_ID")
        if name != "unpair":
            p.add_argument("--json", action="store_true")
        if name == "pair":
            p.add_argument(
                "--override",
                metavar="REASON",
                help="pair despite a blocking conflict, for this stated reason",
            )
        p.set_defaults(handler=handler)

    p = sub.add_parser("pairs", parents=[common, cohort_opt], help="list the pairs")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_pairs)

    p = sub.add_parser("suggest", parents=[common, cohort_opt], help="propose optimal pairs")
    p.add_argument("--json", action="store_true")
    p.add_argument("--apply", action="store_true", help="make the proposed pairs")
    p.set_defaults(handler=cmd_suggest)
