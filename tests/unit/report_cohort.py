"""A small cohort whose every figure is known by hand, built in a real workspace file.

Mentors are juniors, mentees seniors. Pair 1 crosses departments and divisions, has a signed
agreement, two held sessions (a shared learning), a session cancelled by the mentee, a planned
one, a done action and an overdue one. Pair 2 crosses departments and divisions, has a draft
agreement, two sessions cancelled by the mentor and a no-show. Pair 3 stays in Finance, has no
agreement, one held session and one planned; it asked to be left out of reports. One mentor
and one mentee are enrolled and not paired.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rmdesk.models.cohorts import Cohort
from rmdesk.workspace import Workspace

TODAY = date(2026, 4, 20)
SECRET = "CONFIDENTIAL-NOTE-4471"
LEARNING = "Customers judge us by the first five minutes of a call"
HEADER = "Employee ID,Name,Work Email,Department,Division,Job Title,Grade,Birth Year"
PEOPLE = [
    "M1,Zoë Łukasiewicz,zoe@example.com,Customer Service,Customer,Agent,3,1998",
    "M2,Ibrahim Okafor,ibrahim@example.com,IT,Technology,Developer,2,2000",
    "M3,Quentin Hushwood,quentin@example.com,Finance,Corporate,Analyst,4,1994",
    "M4,Nadia Petrova,nadia@example.com,Sales,Customer,Associate,3,1999",
    "E1,Harold Whitcombe,harold@example.com,Finance,Corporate,Chief Financial Officer,9,1966",
    "E2,Margaret Oyelaran,margaret@example.com,Legal,Corporate,General Counsel,8,1970",
    "E3,Prudence Silentia,prudence@example.com,Finance,Corporate,Finance Director,10,1960",
    "E4,Ravi Menon,,HR,Corporate,HR Director,9,1968",
]
PAIRS = [("M1", "E1"), ("M2", "E2"), ("M3", "E3")]


def build(ws: Workspace, folder: Path) -> tuple[Cohort, list[int]]:
    """Import the people, enrol them, pair them and add agreements, sessions and actions."""
    roster = folder / "people.csv"
    roster.write_text("\n".join([HEADER, *PEOPLE]) + "\n", encoding="utf-8")
    ws.roster.import_roster(roster)
    cohort = ws.cohorts.create_cohort("Spring 2026", date(2026, 1, 5), date(2026, 6, 30))
    ws.cohorts.enrol(["M1", "M2", "M3", "M4"], "mentor", cohort)
    ws.cohorts.enrol(["E1", "E2", "E3", "E4"], "mentee", cohort)
    ids = [ws.pairing.pair(m, e, cohort, "test").pair.id for m, e in PAIRS]
    p1, p2, p3 = ids
    db = ws.db
    with ws.batch():
        sessions = [
            (p1, "2026-01-10T10:00:00+01:00", "held", None, LEARNING, SECRET),
            (p1, "2026-02-10T10:00:00+01:00", "held", None, "", ""),
            (p1, "2026-03-10T10:00:00+01:00", "cancelled", "mentee", "", ""),
            (p1, "2026-05-10T10:00:00+02:00", "planned", None, "", ""),
            (p2, "2026-01-12T10:00:00+01:00", "cancelled", "mentor", "", ""),
            (p2, "2026-02-12T10:00:00+01:00", "cancelled", "mentor", "", ""),
            (p2, "2026-03-12T10:00:00+01:00", "no-show", None, "", ""),
            (p3, "2026-02-03T10:00:00+01:00", "held", None, "", f"{SECRET} about pair 3"),
            (p3, "2026-05-03T10:00:00+02:00", "planned", None, "", ""),
        ]
        db.conn.executemany(
            "INSERT INTO sessions (pair_id, starts_at, status, cancelled_by, learnings, "
            "confidential_notes) VALUES (?, ?, ?, ?, ?, ?)",
            sessions,
        )
        db.conn.executemany(
            "INSERT INTO actions (pair_id, text, owner, due, done, done_on) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (p1, "Visit the call centre", "mentee", "2026-02-01", 1, "2026-01-30"),
                (p1, "=SUM(A1) budget review", "mentor", "2026-03-01", 0, None),
                (p3, "Share the hiring policy", "mentee", "2026-06-01", 0, None),
            ],
        )
        now = "2026-01-08T09:00:00+01:00"
        cur = db.conn.execute(
            "INSERT INTO agreements (pair_id, version, body, created_at, sha256, frozen_at) "
            'VALUES (?, 1, \'{"frequency": "monthly"}\', ?, ?, ?)',
            [p1, now, "a" * 64, now],
        )
        for role, name in (("mentor", "Zoë Łukasiewicz"), ("mentee", "Harold Whitcombe")):
            db.conn.execute(
                "INSERT INTO signatures (agreement_id, role, typed_name, signed_on) "
                "VALUES (?, ?, ?, '2026-01-08')",
                [cur.lastrowid, role, name],
            )
        db.conn.execute(
            "INSERT INTO agreements (pair_id, version, body, created_at) VALUES (?, 1, '{}', ?)",
            [p2, now],
        )
        db.conn.execute("UPDATE pairs SET private = 1 WHERE id = ?", [p3])
    return cohort, ids
