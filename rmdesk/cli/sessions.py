"""Session commands: ``session``, ``sessions``, ``plan``, ``action``, ``actions``, ``close``,
``health``, ``calendar`` (docs/cli.md). Confidential notes leave only with ``--confidential``."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from rmdesk.cli.common import cohort_of, emit_json, iso_date, iso_datetime, say, with_workspace
from rmdesk.errors import RmdeskError
from rmdesk.models.actions import Action
from rmdesk.models.sessions import CANCELLERS, OUTCOMES, SESSION_STATUSES, Session, cast_status
from rmdesk.models.wording import plural

if TYPE_CHECKING:
    from rmdesk.cli.common import Subparsers
    from rmdesk.workspace import Workspace

EARLY_OUTCOMES = tuple(o for o in OUTCOMES if o != "completed")


def session_dict(s: Session, confidential: bool = False) -> dict[str, object]:
    """A session as JSON; its confidential notes only when asked for."""
    out: dict[str, object] = {
        "id": s.id,
        "pair_id": s.pair_id,
        "starts_at": s.starts_at.isoformat(timespec="minutes"),
        "duration_min": s.duration_min,
        "status": s.status,
        "cancelled_by": s.cancelled_by,
        "cancel_reason": s.cancel_reason,
        "place": s.place,
        "topics": s.topics,
        "learnings": s.learnings,
        "role_reversal": s.role_reversal,
        "rescheduled_to": s.rescheduled_to,
    }
    if confidential:
        out["confidential_notes"] = s.confidential_notes
    return out


def action_dict(a: Action, today: date, overdue: bool) -> dict[str, object]:
    return {
        "id": a.id,
        "pair_id": a.pair_id,
        "text": a.text,
        "owner": a.owner,
        "due": a.due.isoformat() if a.due else None,
        "done_on": a.done_on.isoformat() if a.done_on else None,
        "overdue": overdue,
    }


def _line(s: Session) -> str:
    text = f"{s.id}\t{s.starts_at:%Y-%m-%d %H:%M}\t{s.duration_min} min\t{s.status}"
    if s.cancelled_by:
        text += f" by {s.cancelled_by}"
    if s.rescheduled_to:
        text += f" (moved to session {s.rescheduled_to})"
    if s.role_reversal:
        text += "\trole reversal"
    return text


@with_workspace(writes=True)
def cmd_session(ws: Workspace, args: argparse.Namespace) -> int:
    if args.status in ("held", "no-show") and args.on.date() > date.today():
        raise RmdeskError(
            f"{args.on:%Y-%m-%d} has not come yet: a session is logged as {args.status} on "
            "or after its day (plan it with --status planned)"
        )
    s = ws.sessions.log(
        pair_id=args.pair,
        at=args.on,
        status=cast_status(args.status),
        cancelled_by=args.cancelled_by,
        reason=args.reason,
        topics=args.topics,
        learnings=args.learning,
        role_reversal=True if args.role_reversal else None,
        confidential_note=args.note,
    )
    say(f"Session {s.id} of pair {s.pair_id} on {s.starts_at:%Y-%m-%d %H:%M}: {s.status}")
    return 0


@with_workspace(writes=False)
def cmd_sessions(ws: Workspace, args: argparse.Namespace) -> int:
    if args.pair is not None:
        found = ws.sessions.sessions(args.pair)
    else:
        found = [s for group in ws.sessions.cohort_sessions(cohort_of(ws, args)).values()
                 for s in group]  # fmt: skip
    if args.json:
        emit_json([session_dict(s, args.confidential) for s in found])
        return 0
    for s in found:
        print(f"pair {s.pair_id}\t{_line(s)}")
        if args.confidential and s.confidential_notes:
            print(f"\tconfidential: {s.confidential_notes}")
    return 0


@with_workspace(writes=True)
def cmd_plan(ws: Workspace, args: argparse.Namespace) -> int:
    result = ws.sessions.plan(args.pair)
    if not result.changes:
        say(f"Pair {args.pair}'s plan is up to date")
    else:
        say(
            f"Pair {args.pair}: {plural(len(result.add), 'session')} added, "
            f"{len(result.update)} updated, {len(result.drop)} dropped"
        )
    for s in ws.sessions.sessions(args.pair):
        print(_line(s))
    return 0


@with_workspace(writes=True)
def cmd_action(ws: Workspace, args: argparse.Namespace) -> int:
    a = ws.sessions.add_action(args.pair, " ".join(args.text), args.owner, args.due)
    say(f"Action {a.id} for pair {a.pair_id}: {a.text} ({a.owner}, due {args.due})")
    return 0


@with_workspace(writes=False)
def cmd_actions(ws: Workspace, args: argparse.Namespace) -> int:
    today = date.today()
    found = ws.sessions.actions(cohort_of(ws, args), overdue_only=args.overdue, today=today)
    if args.json:
        emit_json([action_dict(a, today, ws.sessions.is_overdue(a, today)) for a in found])
        return 0
    for a in found:
        late = "OVERDUE " if ws.sessions.is_overdue(a, today) else ""
        due = a.due.isoformat() if a.due else "no due date"
        done = f", done {a.done_on.isoformat()}" if a.done_on else ""
        print(f"{a.id}\tpair {a.pair_id}\t{late}{due}{done}\t{a.owner}\t{a.text}")
    return 0


@with_workspace(writes=True)
def cmd_close(ws: Workspace, args: argparse.Namespace) -> int:
    outcome = "completed" if args.completed else args.ended
    ws.sessions.close(args.pair, outcome, args.note or "")
    say(f"Closed pair {args.pair}: {outcome}")
    return 0


@with_workspace(writes=False)
def cmd_health(ws: Workspace, args: argparse.Namespace) -> int:
    found = ws.sessions.health(cohort_of(ws, args))
    if args.json:
        emit_json([h.as_dict() for h in found])
        return 0
    for h in found:
        print(f"pair {h.pair_id}\t{h.status}")
        for r in h.reasons:
            print(f"  {r}")
    return 0


@with_workspace(writes=False)
def cmd_calendar(ws: Workspace, args: argparse.Namespace) -> int:
    cohort = None if args.pair is not None else cohort_of(ws, args)
    count = ws.sessions.calendar(args.ics, pair_id=args.pair, cohort=cohort)
    say(f"Wrote {plural(count, 'session')} to {args.ics}")
    return 0


def register(
    sub: Subparsers, common: argparse.ArgumentParser, cohort_opt: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("session", parents=[common], help="log or plan one session")
    p.add_argument("pair", type=int, metavar="PAIR_ID")
    p.add_argument("--on", type=iso_datetime, required=True, metavar="ISO_DATETIME")
    p.add_argument("--status", choices=SESSION_STATUSES, required=True)
    p.add_argument("--cancelled-by", choices=CANCELLERS)
    p.add_argument("--reason", metavar="TEXT", help="why it was cancelled")
    p.add_argument("--topics", metavar="TEXT", help="topics discussed (shared in reports)")
    p.add_argument("--learning", metavar="TEXT", help="learnings (shared in reports)")
    p.add_argument("--role-reversal", action="store_true", help="the senior gave advice")
    p.add_argument("--note", metavar="TEXT", help="a confidential note (never exported)")
    p.set_defaults(handler=cmd_session)

    p = sub.add_parser("sessions", parents=[common, cohort_opt], help="list sessions")
    p.add_argument("pair", type=int, nargs="?", metavar="PAIR_ID")
    p.add_argument("--json", action="store_true")
    p.add_argument("--confidential", action="store_true", help="include confidential notes")
    p.set_defaults(handler=cmd_sessions)

    p = sub.add_parser("plan", parents=[common], help="generate or refresh a pair's plan")
    p.add_argument("pair", type=int, metavar="PAIR_ID")
    p.set_defaults(handler=cmd_plan)

    p = sub.add_parser("action", parents=[common], help="add an action to a pair")
    p.add_argument("pair", type=int, metavar="PAIR_ID")
    p.add_argument(
        "--owner", required=True, metavar="WHO", help="mentor, mentee, sponsor or a name"
    )
    p.add_argument("--due", type=iso_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("text", nargs="+", metavar="TEXT")
    p.set_defaults(handler=cmd_action)

    p = sub.add_parser("actions", parents=[common, cohort_opt], help="list the actions")
    p.add_argument("--overdue", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_actions)

    p = sub.add_parser("close", parents=[common], help="close a pair")
    p.add_argument("pair", type=int, metavar="PAIR_ID")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--completed", action="store_true", help="completed the programme")
    how.add_argument("--ended", choices=EARLY_OUTCOMES, metavar="REASON",
                     help=f"ended early: {', '.join(EARLY_OUTCOMES)}")  # fmt: skip
    p.add_argument("--note", metavar="TEXT")
    p.set_defaults(handler=cmd_close)

    p = sub.add_parser("health", parents=[common, cohort_opt], help="commitment health")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_health)

    p = sub.add_parser("calendar", parents=[common, cohort_opt], help="export an iCalendar file")
    p.add_argument("--ics", required=True, metavar="OUT")
    p.add_argument("--pair", type=int, metavar="PAIR_ID")
    p.set_defaults(handler=cmd_calendar)
