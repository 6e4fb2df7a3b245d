"""Sub-commands for cohorts and pairing: cohort, enrol, check, pair, pairs, suggest."""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from rmdesk.models.conflicts import Severity

Handler = Callable[[argparse.Namespace], int]


def _with_ws(command: Callable[[Any, argparse.Namespace], int]) -> Handler:
    """Run ``command`` on the workspace of ``--db`` and close it afterwards, whatever happens."""

    @functools.wraps(command)
    def handler(args: argparse.Namespace) -> int:
        from rmdesk.cli import _workspace

        ws = _workspace(args)
        try:
            return command(ws, args)
        finally:
            ws.close()

    return handler


def _json(doc: object) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (use YYYY-MM-DD)") from exc


def _capacity(text: str) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from exc
    if value < 1:
        raise argparse.ArgumentTypeError("the capacity is 1 or more mentees per mentor")
    return value


def _cohort(ws: Any, args: argparse.Namespace) -> Any:
    return ws.cohort(getattr(args, "cohort", None))


@_with_ws
def cmd_cohort(ws: Any, args: argparse.Namespace) -> int:
    c = ws.create_cohort(args.name, args.starts, args.ends, args.capacity)
    span = f"{c.starts or 'no start date'} to {c.ends or 'no end date'}"
    print(f"Cohort '{c.name}': {span}, up to {c.capacity} mentee(s) per mentor")
    return 0


@_with_ws
def cmd_enrol(ws: Any, args: argparse.Namespace) -> int:
    cohort = _cohort(ws, args)
    with ws.atomic():  # the enrolment and the interests land together, or not at all
        changed = ws.enrol(args.ids, args.role, cohort)
        if args.topics is not None or args.availability is not None:
            notes = {p.employee_id: p for p in ws.participants(cohort)}
            for emp in args.ids:
                topics = args.topics if args.topics is not None else notes[emp].interests
                ws.set_interests(cohort, emp, topics, args.availability)
    same = len(args.ids) - len(changed)
    print(
        f"Enrolled {len(changed)} as {args.role}s in '{cohort.name}'"
        + (f" ({same} already were)" if same else "")
    )
    return 0


@_with_ws
def cmd_seniority(ws: Any, args: argparse.Namespace) -> int:
    if args.order is not None:
        ws.set_higher_grade_is_senior(args.order == "higher")
    word = "higher" if ws.higher_grade_is_senior else "lower"
    print(f"A {word} grade number is more senior (the not-reverse rule compares grades so).")
    return 0


@_with_ws
def cmd_exclude(ws: Any, args: argparse.Namespace) -> int:
    people = ws.employees()
    if args.remove:
        ws.unexclude(args.first, args.second)
        print(f"{people[args.first].label} and {people[args.second].label} may be paired again")
    else:
        ws.exclude(args.first, args.second, args.reason or "")
        print(f"{people[args.first].label} and {people[args.second].label} will never be paired")
    return 0


def _print_conflicts(conflicts: list[Any]) -> None:
    for c in conflicts:
        print(f"  [{c.severity.word}] {c.code}: {c.message}")


@_with_ws
def cmd_check(ws: Any, args: argparse.Namespace) -> int:
    # a check needs no cohort: with none yet, only the roster rules apply
    cohort = ws.cohort(args.cohort) if args.cohort else None
    conflicts = ws.check(args.mentor, args.mentee, cohort)
    score, reasons = ws.score(args.mentor, args.mentee, cohort)
    if args.json:
        _json(
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
    print(f"{args.mentor} → {args.mentee}: {verdict}, score {score}")
    _print_conflicts(conflicts)
    for r in reasons:
        print(f"  {r}")
    return 0


@_with_ws
def cmd_pair(ws: Any, args: argparse.Namespace) -> int:
    view = ws.pair(args.mentor, args.mentee, _cohort(ws, args), args.override)
    if args.json:
        _json(view.as_dict())
        return 0
    print(
        f"Pair {view.pair.id}: {args.mentor} mentors {args.mentee}"
        + (f" (override: {view.pair.override_reason})" if view.pair.override_reason else "")
    )
    _print_conflicts(view.conflicts)
    return 0


@_with_ws
def cmd_pairs(ws: Any, args: argparse.Namespace) -> int:
    views = ws.pairs(_cohort(ws, args))
    if args.json:
        _json([v.as_dict(with_status=True) for v in views])
        return 0
    people = ws.employees()
    for v in views:
        p = v.pair
        print(
            f"{p.id}\t{people[p.mentor_id].label} → {people[p.mentee_id].label}\t{p.status}"
            + (f"\toverride: {p.override_reason}" if p.override_reason else "")
        )
        _print_conflicts(v.conflicts)
    return 0


@_with_ws
def cmd_suggest(ws: Any, args: argparse.Namespace) -> int:
    cohort = _cohort(ws, args)
    result = ws.suggest(cohort)
    if args.apply:
        ws.accept(result.proposals, cohort)
    if args.json:
        _json([p.as_dict() for p in result.proposals])
    else:
        people = ws.employees()
        for p in result.proposals:
            print(f"{people[p.mentor_id].label} → {people[p.mentee_id].label}: score {p.score}")
            for r in p.reasons:
                print(f"  {r}")
        verb = "Made" if args.apply else "Proposed"
        print(f"{verb} {len(result.proposals)} pairs in '{cohort.name}'")
    people = ws.employees()
    for emp, why in result.unplaced:
        who = people[emp].label if emp in people else emp
        print(f"{who}: not placed: {why}", file=sys.stderr)
    return 0


def add_pairing_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    cohort_opt = argparse.ArgumentParser(add_help=False)
    cohort_opt.add_argument(
        "--cohort", metavar="NAME", help="the cohort (default: the most recent one)"
    )

    p = sub.add_parser("cohort", parents=[common], help="create or update a cohort")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--starts", type=_date, metavar="DATE")
    p.add_argument("--ends", type=_date, metavar="DATE")
    p.add_argument("--capacity", type=_capacity, metavar="N", help="mentees per mentor")
    p.set_defaults(handler=cmd_cohort)

    p = sub.add_parser("enrol", parents=[common, cohort_opt], help="add people to a cohort")
    p.add_argument("ids", nargs="+", metavar="EMPLOYEE_ID")
    p.add_argument("--as", dest="role", choices=["mentor", "mentee"], required=True)
    p.add_argument("--topics", metavar="LIST", help="topics of interest, comma-separated")
    p.add_argument("--availability", metavar="TEXT", help="when they can meet")
    p.set_defaults(handler=cmd_enrol)

    p = sub.add_parser("seniority", parents=[common], help="which grade numbers are senior")
    p.add_argument(
        "order",
        nargs="?",
        choices=["higher", "lower"],
        help="higher: grade 9 is above grade 3 (the default); lower: grade 1 is top",
    )
    p.set_defaults(handler=cmd_seniority)

    p = sub.add_parser("exclude", parents=[common], help="never pair two people")
    p.add_argument("first", metavar="EMPLOYEE_ID")
    p.add_argument("second", metavar="EMPLOYEE_ID")
    p.add_argument("--reason", metavar="TEXT", help="why (kept with the do-not-pair list)")
    p.add_argument("--remove", action="store_true", help="take them off the list again")
    p.set_defaults(handler=cmd_exclude)

    for name, handler, help_text in (
        ("check", cmd_check, "check a match"),
        ("pair", cmd_pair, "make a pair"),
    ):
        p = sub.add_parser(name, parents=[common, cohort_opt], help=help_text)
        p.add_argument("mentor", metavar="MENTOR_ID")
        p.add_argument("mentee", metavar="MENTEE_ID")
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
