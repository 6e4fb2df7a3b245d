"""Cohort commands: ``cohort``, ``cohorts``, ``enrol``, ``withdraw``, ``exclude``, ``seniority``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rmdesk.cli.common import (
    EXIT_OK,
    bounded_int,
    cohort_of,
    emit_json,
    iso_date,
    say,
    with_workspace,
)
from rmdesk.errors import NotFound
from rmdesk.models.wording import plural, plural_word
from rmdesk.workspace.cohorts import MAX_CAPACITY

if TYPE_CHECKING:
    from rmdesk.cli.common import Subparsers
    from rmdesk.workspace import Workspace


def cmd_cohort(args: argparse.Namespace) -> int:
    # a new cohort may be the first thing in a new database; deleting needs one already
    return (_cohort_delete if args.delete else _cohort_save)(args)


@with_workspace(writes=True)
def _cohort_delete(ws: Workspace, args: argparse.Namespace) -> int:
    cohort = ws.cohorts.cohort(args.name)
    ws.cohorts.delete_cohort(cohort.id, with_pairs=True)
    say(f"Deleted cohort '{cohort.name}'")
    return EXIT_OK


@with_workspace(writes=True, creates=True)
def _cohort_save(ws: Workspace, args: argparse.Namespace) -> int:
    c = ws.cohorts.create_cohort(args.name, args.starts, args.ends, args.capacity)
    span = f"{c.starts or 'no start date'} to {c.ends or 'no end date'}"
    say(f"Cohort '{c.name}': {span}, up to {plural(c.capacity, 'mentee')} per mentor")
    return EXIT_OK


@with_workspace(writes=False)
def cmd_cohorts(ws: Workspace, args: argparse.Namespace) -> int:
    rows = ws.cohorts.summaries()
    if args.json:
        emit_json(rows)
        return EXIT_OK
    say("name\tstarts\tends\tcapacity\tmentors\tmentees\tpairs")
    for r in rows:
        say("\t".join("" if r[k] is None else str(r[k]) for k in r))
    return EXIT_OK


@with_workspace(writes=True)
def cmd_enrol(ws: Workspace, args: argparse.Namespace) -> int:
    cohort = cohort_of(ws, args)
    with ws.batch():  # the enrolment and the interests land together, or not at all
        changed = ws.cohorts.enrol(args.ids, args.role, cohort, switch=args.switch)
        if args.topics is not None or args.availability is not None:
            notes = {p.employee_id: p for p in ws.cohorts.participants(cohort)}
            for emp in args.ids:
                topics = args.topics if args.topics is not None else notes[emp].interests
                ws.cohorts.set_interests(cohort, emp, topics, args.availability)
    same = len(set(args.ids)) - len(changed)
    say(
        f"Enrolled {len(changed)} as {plural_word(len(changed), args.role)} in '{cohort.name}'"
        + (f" ({same} already {plural_word(same, 'was')})" if same else "")
    )
    return EXIT_OK


@with_workspace(writes=True)
def cmd_withdraw(ws: Workspace, args: argparse.Namespace) -> int:
    cohort = cohort_of(ws, args)
    people = ws.roster.some(args.ids)
    unknown = [e for e in args.ids if e not in people]
    if unknown:  # as enrol does: an id nobody has is a mistake, not a no-op
        raise NotFound(f"no employee with id {', '.join(repr(e) for e in unknown)} on the roster")
    removed = ws.cohorts.withdraw(args.ids, cohort)
    gone = {p.employee_id for p in removed}
    for emp in args.ids:
        who = people[emp].label if emp in people else emp
        if emp in gone:
            say(f"Withdrew {who} from '{cohort.name}'")
        else:
            say(f"{who} was not enrolled in '{cohort.name}'")
    return EXIT_OK


def cmd_seniority(args: argparse.Namespace) -> int:
    return (_seniority_set if args.order is not None else _seniority_show)(args)


@with_workspace(writes=False)
def _seniority_show(ws: Workspace, args: argparse.Namespace) -> int:
    return _seniority(ws, args)


@with_workspace(writes=True)
def _seniority_set(ws: Workspace, args: argparse.Namespace) -> int:
    return _seniority(ws, args)


def _seniority(ws: Workspace, args: argparse.Namespace) -> int:
    if args.order is not None:
        ws.pairing.set_higher_grade_is_senior(args.order == "higher")
    word = "higher" if ws.pairing.higher_grade_is_senior else "lower"
    say(f"A {word} grade number is more senior (the not-reverse rule compares grades so).")
    return EXIT_OK


@with_workspace(writes=True)
def cmd_exclude(ws: Workspace, args: argparse.Namespace) -> int:
    first, second = ws.roster.employee(args.first), ws.roster.employee(args.second)
    if args.remove:
        ws.cohorts.unexclude(args.first, args.second)
        say(f"{first.label} and {second.label} may be paired again")
    else:
        ws.cohorts.exclude(args.first, args.second, args.reason or "")
        say(f"{first.label} and {second.label} will never be paired")
    return EXIT_OK


def register(
    sub: Subparsers, common: argparse.ArgumentParser, cohort_opt: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("cohort", parents=[common], help="create, update or delete a cohort")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--starts", type=iso_date, metavar="YYYY-MM-DD", help="first day")
    p.add_argument("--ends", type=iso_date, metavar="YYYY-MM-DD", help="last day")
    p.add_argument(
        "--capacity",
        type=bounded_int(1, MAX_CAPACITY, "the capacity"),
        metavar="N",
        help="mentees per mentor",
    )
    p.add_argument(
        "--delete",
        action="store_true",
        help="delete the cohort (refused once it has agreements or sessions)",
    )
    p.set_defaults(handler=cmd_cohort)

    p = sub.add_parser("cohorts", parents=[common], help="list the cohorts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_cohorts)

    p = sub.add_parser("enrol", parents=[common, cohort_opt], help="add people to a cohort")
    p.add_argument("ids", nargs="+", metavar="EMPLOYEE_ID")
    p.add_argument("--as", dest="role", choices=["mentor", "mentee"], required=True)
    p.add_argument(
        "--switch",
        action="store_true",
        help="change the role of people already enrolled in the other role",
    )
    p.add_argument("--topics", metavar="LIST", help="topics of interest, comma-separated")
    p.add_argument("--availability", metavar="TEXT", help="when they can meet")
    p.set_defaults(handler=cmd_enrol)

    p = sub.add_parser("withdraw", parents=[common, cohort_opt], help="take people out")
    p.add_argument("ids", nargs="+", metavar="EMPLOYEE_ID")
    p.set_defaults(handler=cmd_withdraw)

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
