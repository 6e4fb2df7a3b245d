"""Builders for small (and large) organisations of Employee objects, and roster CSVs of them.

``person`` makes one Employee with sensible blanks; ``line_org`` a single reporting line;
``random_org`` a seeded random company with departments, divisions, grades (some missing) and a
manager tree; ``big_org`` the 100,000-person company of the benchmark; ``write_roster`` writes
people as a CSV with the sample roster's header so that ``Workspace.import_roster`` reads it.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rmdesk.models.conflicts import PairingContext, unordered
from rmdesk.models.orgchart import OrgChart
from rmdesk.models.people import Employee
from tests.unit.rosters import HEADER

#: department -> division; two departments per division so 'same division' happens often.
DEPARTMENTS: dict[str, str] = {
    "Finance": "Corporate",
    "Legal": "Corporate",
    "Customer Service": "Customer",
    "Sales": "Customer",
    "Engineering": "Technology",
    "IT Support": "Technology",
    "Logistics": "Operations",
    "Procurement": "Operations",
}
LOCATIONS = ("London", "Madrid", "Toronto", "Pune", "Kraków")
TOPICS = ("culture", "strategy", "ai", "social media", "policy", "diversity", "remote work")


def person(employee_id: str, name: str | None = None, **fields: Any) -> Employee:
    """One employee; the name defaults to 'Person <id>'."""
    return Employee(employee_id, name or f"Person {employee_id}", **fields)


def chart(people: Iterable[Employee]) -> OrgChart:
    return OrgChart({e.employee_id: e.manager_id for e in people})


def context(people: Iterable[Employee], **kw: Any) -> PairingContext:
    """A PairingContext over the org chart of ``people``; keywords set the other fields."""
    return PairingContext(org=chart(people), **kw)


def line_org(levels: int, prefix: str = "L") -> list[Employee]:
    """One reporting line: L0 at the top (highest grade), L<levels-1> at the bottom.

    Each level sits in its own department and division so only the line itself conflicts.
    """
    out = []
    for i in range(levels):
        out.append(
            person(
                f"{prefix}{i}",
                f"Level{i} Person",
                department=f"Dept {prefix}{i}",
                division=f"Div {prefix}{i}",
                grade=str(2 * (levels - i)),
                manager_id=f"{prefix}{i - 1}" if i else None,
            )
        )
    return out


def random_org(
    rng: random.Random,
    n: int,
    prefix: str = "R",
    missing: float = 0.2,
    inactive: float = 0.0,
) -> list[Employee]:
    """``n`` people in a random tree (each managed by someone earlier), some fields missing.

    Grades fall with depth, so managers are mostly senior to their reports; ``missing`` is the
    chance that an optional field is blank, which exercises the seniority fallbacks.
    """
    people: list[Employee] = []
    depth: dict[str, int] = {}
    depts = list(DEPARTMENTS)
    for i in range(n):
        eid = f"{prefix}{i}"
        manager = f"{prefix}{rng.randrange(i)}" if i and rng.random() > 0.05 else None
        depth[eid] = depth[manager] + 1 if manager else 0
        dept = rng.choice(depts)

        def maybe(value: Any) -> Any:
            return None if rng.random() < missing else value

        people.append(
            Employee(
                eid,
                f"Name{i} {prefix}",
                department=maybe(dept),
                division=maybe(DEPARTMENTS[dept]),
                grade=maybe(f"G{max(1, 12 - depth[eid] - rng.randrange(3))}"),
                manager_id=manager,
                hire_date=maybe(date(1995, 1, 1) + timedelta(days=rng.randrange(11000))),
                birth_year=maybe(rng.randrange(1960, 2002)),
                location=maybe(rng.choice(LOCATIONS)),
                active=rng.random() >= inactive,
            )
        )
    return people


def random_topics(
    rng: random.Random, people: Iterable[Employee], chance: float = 0.6
) -> dict[str, frozenset[str]]:
    return {
        e.employee_id: frozenset(rng.sample(TOPICS, rng.randrange(1, 4)))
        for e in people
        if rng.random() < chance
    }


def random_pairs_of(
    rng: random.Random, people: Sequence[Employee], count: int, value: str
) -> dict[tuple[str, str], str]:
    """``count`` random unordered id pairs -> ``value`` (exclusions, earlier pairs)."""
    out: dict[tuple[str, str], str] = {}
    for _ in range(count):
        a, b = rng.sample(list(people), 2)
        out[unordered(a.employee_id, b.employee_id)] = value
    return out


def big_org(n: int, seed: int = 7, fanout: int = 4) -> list[Employee]:
    """``n`` people in a tree about ``fanout`` wide (depth ~ log_fanout n), fast to build."""
    rng = random.Random(seed)
    depts = list(DEPARTMENTS)
    people: list[Employee] = []
    depth = [0] * n
    for i in range(n):
        boss = (i - 1) // fanout if i else -1
        if i:
            depth[i] = depth[boss] + 1
        dept = depts[(i * 7 + depth[i]) % len(depts)]
        people.append(
            Employee(
                f"B{i}",
                f"Person {i}",
                department=dept,
                division=DEPARTMENTS[dept],
                grade=str(max(1, 14 - depth[i] - rng.randrange(2))),
                manager_id=f"B{boss}" if i else None,
                hire_date=date(1990, 1, 1) + timedelta(days=rng.randrange(12000)),
                birth_year=rng.randrange(1960, 2003),
                location=LOCATIONS[i % len(LOCATIONS)],
            )
        )
    return people


def _split(name: str) -> tuple[str, str]:
    first, _, last = name.partition(" ")
    return first, last


def write_roster(
    path: Path,
    people: Iterable[Employee],
    overrides: Mapping[str, Mapping[str, object]] | None = None,
) -> Path:
    """A CSV in the sample roster's layout; ``overrides`` replaces fields per employee id."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for e in people:
            values = {f: getattr(e, f) for f in e.__dataclass_fields__}
            values.update((overrides or {}).get(e.employee_id, {}))
            first, last = _split(str(values["name"]))
            hire = values["hire_date"]
            writer.writerow(
                [
                    values["employee_id"],
                    first,
                    last,
                    values["email"] or "",
                    values["department"] or "",
                    values["division"] or "",
                    values["title"] or "",
                    values["grade"] or "",
                    values["manager_id"] or "",
                    hire.isoformat() if isinstance(hire, date) else (hire or ""),
                    values["birth_year"] or "",
                    values["location"] or "",
                ]
            )
    return path


#: A small company for workspace and CLI tests (two-word names survive the CSV round trip).
#:   C1 CEO ─┬─ F1 CFO ──── F2 analyst ── F3 junior analyst
#:           ├─ S1 Dir CS ─┬ S2 agent
#:           │             └ S3 team lead ── S4 new agent
#:           └─ T1 CTO ──── T2 developer
SMALL: list[Employee] = [
    person("C1", "Amara Okafor", department="Office of the CEO", division="Executive",
           grade="12", birth_year=1965, hire_date=date(2001, 2, 3), location="London"),
    person("F1", "José Muñoz", department="Finance", division="Corporate", grade="10",
           manager_id="C1", birth_year=1970, hire_date=date(2005, 6, 7), location="Madrid"),
    person("F2", "Zoë Ødegård", department="Finance", division="Corporate", grade="5",
           manager_id="F1", birth_year=1990, hire_date=date(2015, 1, 20), location="Oslo"),
    person("F3", "Ana Silva", department="Finance", division="Corporate", grade="2",
           manager_id="F2", birth_year=2000, hire_date=date(2023, 1, 9), location="Lisbon"),
    person("S1", "Françoise Lefèvre", department="Customer Service", division="Customer",
           grade="9", manager_id="C1", birth_year=1975, hire_date=date(2010, 9, 10),
           location="Lyon"),
    person("S2", "Wei Chen", department="Customer Service", division="Customer", grade="2",
           manager_id="S1", birth_year=1999, hire_date=date(2022, 3, 15), location="Toronto"),
    person("S3", "Priya Nair", department="Sales", division="Customer", grade="5",
           manager_id="S1", birth_year=1988, hire_date=date(2016, 11, 30), location="Pune"),
    person("S4", "Kofi Mensah", department="Sales", division="Customer", grade="1",
           manager_id="S3", birth_year=2001, hire_date=date(2024, 2, 1), location="Accra"),
    person("T1", "Mei Tanaka", department="Engineering", division="Technology", grade="11",
           manager_id="C1", birth_year=1972, hire_date=date(2003, 4, 5), location="Tokyo"),
    person("T2", "Lars Berg", department="Engineering", division="Technology", grade="3",
           manager_id="T1", birth_year=1997, hire_date=date(2021, 7, 1), location="London"),
]  # fmt: skip
