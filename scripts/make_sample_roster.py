"""Write ``resources/sample_roster.csv``: a realistic, deterministic HR export for demos.

The roster is a fictional company ("Northwind") of about 200 people: one CEO, five divisions,
their departments, team leads and individual contributors, in a proper reporting tree six levels
deep. Grades run 1-12 with higher = more senior; roughly half the people are juniors (grade 1-4).
Names come from many languages and scripts, and exactly two work emails are deliberately
malformed so the importer's warning path shows up in the demo.

Run from the repository root::

    .venv/bin/python scripts/make_sample_roster.py [--output PATH]

Standard library only; the same seed always produces the same file.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SEED = 20240614
EMAIL_DOMAIN = "northwind-example.com"
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "resources" / "sample_roster.csv"
MIN_ROWS, MAX_ROWS = 195, 210
LATEST_HIRE = date(2025, 12, 31)

HEADER: tuple[str, ...] = (
    "Employee ID",
    "First Name",
    "Last Name",
    "Work Email",
    "Department",
    "Division",
    "Job Title",
    "Grade",
    "Manager ID",
    "Hire Date",
    "Birth Year",
    "Location",
)

LONDON, KRAKOW, LAGOS, SINGAPORE = "London", "Kraków", "Lagos", "Singapore"
SAO_PAULO, TORONTO, BERLIN, MUMBAI = "São Paulo", "Toronto", "Berlin", "Mumbai"
OFFICES: tuple[str, ...] = (LONDON, KRAKOW, LAGOS, SINGAPORE, SAO_PAULO, TORONTO, BERLIN, MUMBAI)


# --------------------------------------------------------------------------- organisation


@dataclass(frozen=True, slots=True)
class Team:
    """A team led by one lead; ``role`` is the individual contributors' job family."""

    name: str
    role: str


@dataclass(frozen=True, slots=True)
class Group:
    """A manager (grade 7) over several teams, each with its own team lead."""

    name: str
    teams: tuple[Team, ...]


@dataclass(frozen=True, slots=True)
class Department:
    name: str
    offices: tuple[str, ...]
    units: tuple[Team | Group, ...]


@dataclass(frozen=True, slots=True)
class Division:
    name: str
    head_title: str
    head_grade: int
    head_department: str
    office: str
    departments: tuple[Department, ...]


DIVISIONS: tuple[Division, ...] = (
    Division(
        "Finance",
        "Chief Financial Officer",
        11,
        "Office of the CFO",
        LONDON,
        (
            Department(
                "Accounting",
                (KRAKOW, LONDON),
                (
                    Team("Accounts Payable", "Accountant"),
                    Team("Accounts Receivable", "Credit Controller"),
                    Team("General Ledger", "Management Accountant"),
                ),
            ),
            Department(
                "Treasury",
                (LONDON, SINGAPORE),
                (
                    Team("Treasury Operations", "Treasury Analyst"),
                    Team("Financial Risk", "Risk Analyst"),
                ),
            ),
            Department(
                "FP&A",
                (LONDON, TORONTO),
                (
                    Team("Business Planning", "Financial Analyst"),
                    Team("Forecasting & Reporting", "Reporting Analyst"),
                ),
            ),
        ),
    ),
    Division(
        "Operations",
        "Chief Operating Officer",
        11,
        "Office of the COO",
        BERLIN,
        (
            Department(
                "Logistics",
                (SAO_PAULO, LAGOS, BERLIN),
                (
                    Team("Warehousing", "Warehouse Coordinator"),
                    Team("Transport Planning", "Transport Planner"),
                    Team("Distribution", "Logistics Coordinator"),
                ),
            ),
            Department(
                "Procurement",
                (KRAKOW, SINGAPORE),
                (
                    Team("Strategic Sourcing", "Buyer"),
                    Team("Supplier Management", "Procurement Analyst"),
                ),
            ),
            Department(
                "Facilities",
                (LONDON, LAGOS, MUMBAI),
                (
                    Team("Workplace Services", "Facilities Coordinator"),
                    Team("Health & Safety", "Health & Safety Advisor"),
                ),
            ),
        ),
    ),
    Division(
        "Technology",
        "Chief Technology Officer",
        11,
        "Office of the CTO",
        BERLIN,
        (
            Department(
                "Engineering",
                (KRAKOW, BERLIN, MUMBAI),
                (
                    Group(
                        "Platform Engineering",
                        (
                            Team("Core Platform", "Software Engineer"),
                            Team("Cloud Infrastructure", "DevOps Engineer"),
                        ),
                    ),
                    Group(
                        "Product Engineering",
                        (
                            Team("Web Applications", "Software Engineer"),
                            Team("Mobile Apps", "Mobile Engineer"),
                            Team("Quality Assurance", "QA Engineer"),
                        ),
                    ),
                ),
            ),
            Department(
                "IT Support",
                (KRAKOW, MUMBAI),
                (
                    Team("Service Desk", "IT Support Technician"),
                    Team("End-User Computing", "Desktop Support Engineer"),
                ),
            ),
            Department(
                "Data",
                (BERLIN, SINGAPORE, TORONTO),
                (
                    Team("Analytics", "Data Analyst"),
                    Team("Data Engineering", "Data Engineer"),
                ),
            ),
        ),
    ),
    Division(
        "Customer",
        "Chief Customer Officer",
        10,
        "Office of the CCO",
        TORONTO,
        (
            Department(
                "Customer Service",
                (LAGOS, MUMBAI, SAO_PAULO),
                (
                    Group(
                        "Contact Centre",
                        (
                            Team("Inbound Support", "Customer Service Advisor"),
                            Team("Live Chat", "Customer Service Advisor"),
                        ),
                    ),
                    Team("Complaints Resolution", "Complaints Handler"),
                ),
            ),
            Department(
                "Sales",
                (LONDON, TORONTO, SINGAPORE, SAO_PAULO),
                (
                    Team("Enterprise Sales", "Account Executive"),
                    Team("Mid-Market Sales", "Sales Executive"),
                    Team("Partnerships", "Partnerships Executive"),
                ),
            ),
            Department(
                "Marketing",
                (LONDON, BERLIN),
                (
                    Team("Brand & Content", "Content Marketer"),
                    Team("Digital Marketing", "Digital Marketing Executive"),
                ),
            ),
        ),
    ),
    Division(
        "People",
        "Chief People Officer",
        10,
        "Office of the CPO",
        LONDON,
        (
            Department(
                "HR",
                (LONDON, KRAKOW, LAGOS),
                (
                    Team("HR Operations", "HR Advisor"),
                    Team("Talent Acquisition", "Recruiter"),
                    Team("Reward & Benefits", "Reward Analyst"),
                ),
            ),
            Department(
                "Learning",
                (LONDON, TORONTO),
                (
                    Team("Leadership Development", "Learning Designer"),
                    Team("Early Careers", "Early Careers Coordinator"),
                ),
            ),
        ),
    ),
)

EXECUTIVE_DIVISION = "Executive"
EXECUTIVE_DEPARTMENT = "Office of the CEO"

# --------------------------------------------------------------------------- names


@dataclass(frozen=True, slots=True)
class Culture:
    """Given names by gender and family names; a (male, female) pair marks a gendered surname."""

    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str | tuple[str, str], ...]


CULTURES: dict[str, Culture] = {
    "polish": Culture(
        ("Agnieszka", "Małgorzata", "Katarzyna", "Zofia", "Joanna", "Magdalena", "Jadwiga"),
        ("Łukasz", "Paweł", "Krzysztof", "Tomasz", "Michał", "Piotr", "Grzegorz"),
        (
            "Wójcik",
            "Nowak",
            "Kaczmarek",
            "Woźniak",
            ("Kowalski", "Kowalska"),
            ("Wiśniewski", "Wiśniewska"),
            ("Lewandowski", "Lewandowska"),
            ("Zieliński", "Zielińska"),
            ("Dąbrowski", "Dąbrowska"),
        ),
    ),
    "czech": Culture(
        ("Zuzana", "Lucie", "Tereza", "Kateřina", "Markéta", "Jitka"),
        ("Jiří", "Tomáš", "Ondřej", "Lukáš", "Jan", "Radek"),
        (
            ("Dvořák", "Dvořáková"),
            ("Novák", "Nováková"),
            ("Černý", "Černá"),
            ("Procházka", "Procházková"),
            ("Svoboda", "Svobodová"),
            ("Kučera", "Kučerová"),
        ),
    ),
    "hungarian": Culture(
        ("Zsófia", "Réka", "Eszter", "Ágnes", "Dóra"),
        ("Gábor", "Péter", "Bálint", "Zoltán", "Ádám"),
        ("Horváth", "Szabó", "Kovács", "Tóth", "Varga", "Nagy", "Fülöp"),
    ),
    "vietnamese": Culture(
        ("Thị Hoa", "Thị Lan", "Ngọc Anh", "Thu Trang", "Minh Châu", "Phương Linh"),
        ("Văn Minh", "Đức Anh", "Quang Huy", "Tuấn Anh", "Hoàng Long", "Thành Đạt"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"),
    ),
    "turkish": Culture(
        ("Gülşen", "Ayşe", "Elif", "Zeynep", "Şebnem", "Özge"),
        ("Mehmet", "Emre", "Burak", "Oğuz", "Çağlar", "Mustafa"),
        ("Yıldız", "Öztürk", "Çelik", "Şahin", "Aydın", "Kılıç", "Doğan", "Arslan"),
    ),
    "german": Culture(
        ("Anneliese", "Jutta", "Käthe", "Lena", "Sabine", "Jana", "Bärbel"),
        ("Jürgen", "Matthias", "Jörg", "Stefan", "Uwe", "Maximilian", "Günther"),
        ("Groß", "Müller", "Schäfer", "Weiß", "Köhler", "Becker", "Hoffmann", "Krüger"),
    ),
    "spanish": Culture(
        ("María José", "Lucía", "Inés", "Carmen", "Begoña", "Rocío"),
        ("José", "Íñigo", "Álvaro", "Andrés", "Jesús", "Sergio"),
        ("Muñoz", "García", "Fernández", "Núñez", "Ibáñez", "Ortega", "Jiménez", "Peña"),
    ),
    "portuguese": Culture(
        ("Conceição", "Luísa", "Ana Clara", "Beatriz", "Fernanda", "Tatiane"),
        ("João", "Sebastião", "Gonçalo", "Thiago", "Rafael", "Luís"),
        (
            "Gonçalves",
            "Magalhães",
            "Araújo",
            "Assunção",
            "Simões",
            "Carvalho",
            "Figueiredo",
            "Brandão",
        ),
    ),
    "french": Culture(
        ("Françoise", "Hélène", "Chloé", "Amélie", "Mathilde", "Océane"),
        ("François", "Jérôme", "Loïc", "Benoît", "Théo", "Rémi"),
        ("Lefèvre", "Dubois", "Girard", "Béranger", "Lemaître", "Fournier", "Mercier", "Roussel"),
    ),
    "nordic": Culture(
        ("Åsa", "Sigrid", "Ingrid", "Märta", "Liv", "Signe"),
        ("Søren", "Bjørn", "Håkan", "Mikael", "Ólafur", "Jørgen"),
        ("Sjöström", "Ødegaard", "Lindqvist", "Østergaard", "Åberg", "Halvorsen", "Nyström"),
    ),
    "irish": Culture(
        ("Siobhán", "Aoife", "Niamh", "Caoimhe", "Róisín", "Saoirse"),
        ("Seán", "Pádraig", "Ciarán", "Oisín", "Darragh", "Éamon"),
        ("Ó Briain", "O'Sullivan", "Murphy", "Mac Giolla", "Ó Ceallaigh", "Byrne", "Kennedy"),
    ),
    "greek": Culture(
        ("Eleni", "Katerina", "Sofia", "Dimitra", "Georgia", "Anastasia"),
        ("Dimitrios", "Konstantinos", "Nikolaos", "Giorgos", "Panagiotis", "Vasilis"),
        (
            ("Papadopoulos", "Papadopoulou"),
            ("Nikolaidis", "Nikolaidou"),
            ("Karagiannis", "Karagianni"),
            ("Vlachos", "Vlachou"),
            "Georgiou",
            "Oikonomou",
        ),
    ),
    "indian": Culture(
        ("Priya", "Ananya", "Lakshmi", "Kavitha", "Deepika", "Meera", "Sneha"),
        ("Arjun", "Rahul", "Vikram", "Sanjay", "Karthik", "Aditya", "Rohan"),
        (
            "Raghunathan",
            "Mehta",
            "Iyer",
            "Sharma",
            "Patel",
            "Reddy",
            "Banerjee",
            "Krishnamurthy",
            "Deshpande",
        ),
    ),
    "nigerian": Culture(
        ("Ngozi", "Chiamaka", "Adaeze", "Funmilayo", "Aisha", "Yetunde", "Oluwaseun"),
        ("Chukwuemeka", "Babatunde", "Ikechukwu", "Emeka", "Tunde", "Ibrahim", "Olúwadámilólá"),
        ("Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Adébáyọ̀", "Nwosu", "Abubakar"),
    ),
    "japanese": Culture(
        ("Yuki", "Haruka", "Aiko", "Megumi", "Sakura", "Yōko"),
        ("Hiroshi", "Kenji", "Takumi", "Shōta", "Daisuke", "Ryūsei"),
        ("Tanaka", "Suzuki", "Takahashi", "Watanabe", "Itō", "Kobayashi", "Saitō", "Nakamura"),
    ),
    "chinese": Culture(
        ("Xiaoling", "Li Na", "Yan", "Jing", "Hui Min", "Mei Ling"),
        ("Wei", "Jun", "Hao", "Zhiwei", "Tao", "Wei Jie"),
        ("Chen", "Wang", "Liu", "Zhang", "Huang", "Lim", "Tan", "Ng"),
    ),
    "korean": Culture(
        ("Ji-woo", "Seo-yeon", "Min-ji", "Hye-jin", "Soo-ah"),
        ("Min-jun", "Ji-hoon", "Dong-hyun", "Seung-woo", "Jae-won"),
        ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Yoon"),
    ),
    "arabic": Culture(
        ("Fatima", "Layla", "Mariam", "Noor", "Yasmin"),
        ("Omar", "Khalid", "Youssef", "Tariq", "Karim"),
        ("Al-Sayed", "Haddad", "Mansour", "El-Amin", "Khoury", "Nasser", "Farouk"),
    ),
    "hawaiian": Culture(
        ("Leilani", "Noelani", "Mālia", "Kalena", "Pualani"),
        ("Keoni", "Kalani", "Makana", "Kekoa", "Ikaika"),
        ("Kealoha", "Kahananui", "Akana", "Nāone", "Kamakau", "Keawe"),
    ),
    "maori": Culture(
        ("Aroha", "Mere", "Anahera", "Ngaio", "Hinewai"),
        ("Tāne", "Wiremu", "Rāwiri", "Hēmi", "Nikau"),
        ("Ngata", "Parata", "Te Whata", "Tamihana", "Pōmare", "Waititi", "Horomona"),
    ),
    "english": Culture(
        ("Emma", "Charlotte", "Olivia", "Sarah", "Rebecca", "Hannah"),
        ("James", "Oliver", "Daniel", "Thomas", "Matthew", "Ben"),
        ("Smith", "Clarke", "Thompson", "Hughes", "Walker", "Evans", "Mitchell", "Campbell"),
    ),
}

#: Cultures that are common at each office; the rest of the time a name comes from anywhere.
LOCAL_CULTURES: dict[str, tuple[str, ...]] = {
    LONDON: ("english", "irish", "indian", "nigerian", "greek"),
    KRAKOW: ("polish", "polish", "czech", "hungarian"),
    LAGOS: ("nigerian",),
    SINGAPORE: ("chinese", "indian", "vietnamese", "japanese"),
    SAO_PAULO: ("portuguese", "portuguese", "spanish", "japanese"),
    TORONTO: ("english", "french", "korean", "chinese", "irish"),
    BERLIN: ("german", "german", "turkish", "nordic", "greek"),
    MUMBAI: ("indian",),
}
LOCAL_SHARE = 0.55

#: Native-script names: (first, last, romanised first, romanised last); no romanisation means
#: the email falls back to the employee id.
NATIVE_NAMES: tuple[tuple[str, str, str | None, str | None], ...] = (
    ("芳", "王", "Fang", "Wang"),
    ("伟", "李", "Wei", "Li"),
    ("秀英", "张", "Xiuying", "Zhang"),
    ("太郎", "山田", "Taro", "Yamada"),
    ("さくら", "佐藤", "Sakura", "Sato"),
    ("민준", "김", "Minjun", "Kim"),
    ("서연", "이", "Seoyeon", "Lee"),
    ("지훈", "박", None, None),
    ("Мария", "Иванова", "Mariya", "Ivanova"),
    ("Дмитрий", "Смирнов", "Dmitriy", "Smirnov"),
    ("Олена", "Шевченко", None, None),
    ("فاطمة", "الزهراء", "Fatima", "Alzahraa"),
    ("محمد", "العلي", None, None),
    ("ليلى", "حداد", "Layla", "Haddad"),
)
NATIVE_RATE = 0.08


@dataclass(frozen=True, slots=True)
class Name:
    first: str
    last: str
    email_first: str | None
    email_last: str | None


class NamePicker:
    """Draws unique full names, weighted toward each office's local cultures."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[tuple[str, str]] = set()
        natives = list(NATIVE_NAMES)
        rng.shuffle(natives)
        self._natives = natives
        self._culture_keys = tuple(CULTURES)

    def pick(self, location: str) -> Name:
        rng = self._rng
        if self._natives and rng.random() < NATIVE_RATE:
            first, last, rom_first, rom_last = self._natives.pop()
            self._used.add((first, last))
            return Name(first, last, rom_first, rom_last)
        for _ in range(200):
            if rng.random() < LOCAL_SHARE:
                culture = CULTURES[rng.choice(LOCAL_CULTURES[location])]
            else:
                culture = CULTURES[rng.choice(self._culture_keys)]
            female = rng.random() < 0.5
            first = rng.choice(culture.female if female else culture.male)
            surname = rng.choice(culture.surnames)
            last = surname if isinstance(surname, str) else surname[1 if female else 0]
            if (first, last) not in self._used:
                self._used.add((first, last))
                return Name(first, last, first, last)
        raise RuntimeError("ran out of unique names; widen the name pools")


# --------------------------------------------------------------------------- people


@dataclass(slots=True)
class Person:
    name: Name
    department: str
    division: str
    title: str
    grade: int
    manager: Person | None
    location: str
    birth_year: int
    hire_date: date
    employee_id: str = ""
    email: str = ""


#: Birth-year and hire-year ranges by grade: seniors older with longer tenure.
BIRTH_YEARS: dict[int, tuple[int, int]] = {
    12: (1962, 1968),
    11: (1963, 1972),
    10: (1965, 1975),
    9: (1966, 1978),
    8: (1968, 1980),
    7: (1970, 1983),
    6: (1972, 1985),
    5: (1975, 1985),
    4: (1995, 1998),
    3: (1996, 2000),
    2: (1998, 2002),
    1: (2000, 2003),
}
HIRE_YEARS: dict[int, tuple[int, int]] = {
    12: (2000, 2008),
    11: (2000, 2012),
    10: (2000, 2012),
    9: (2000, 2015),
    8: (2000, 2016),
    7: (2003, 2018),
    6: (2004, 2018),
    5: (2006, 2018),
    4: (2020, 2022),
    3: (2020, 2023),
    2: (2021, 2024),
    1: (2023, 2025),
}
MIN_HIRE_AGE = 19


class RosterBuilder:
    """Walks the organisation top-down, creating people with plausible attributes."""

    def __init__(self, seed: int = SEED) -> None:
        self._rng = random.Random(seed)
        self._names = NamePicker(self._rng)
        self.people: list[Person] = []

    def _hire_date(self, grade: int, birth_year: int) -> date:
        lo, hi = HIRE_YEARS[grade]
        lo = min(max(lo, birth_year + MIN_HIRE_AGE), hi)
        start = date(lo, 1, 1)
        end = min(date(hi, 12, 31), LATEST_HIRE)
        return start + timedelta(days=self._rng.randrange((end - start).days + 1))

    def _location(self, home: str) -> str:
        return home if self._rng.random() < 0.85 else self._rng.choice(OFFICES)

    def add(
        self,
        *,
        title: str,
        grade: int,
        manager: Person | None,
        department: str,
        division: str,
        location: str,
    ) -> Person:
        birth_lo, birth_hi = BIRTH_YEARS[grade]
        birth_year = self._rng.randint(birth_lo, birth_hi)
        person = Person(
            name=self._names.pick(location),
            department=department,
            division=division,
            title=title,
            grade=grade,
            manager=manager,
            location=location,
            birth_year=birth_year,
            hire_date=self._hire_date(grade, birth_year),
        )
        self.people.append(person)
        return person

    def _team(
        self,
        team: Team,
        *,
        manager: Person,
        dept: Department,
        division: str,
        lead_grades: Sequence[int],
    ) -> None:
        rng = self._rng
        home = rng.choice(dept.offices)
        lead_grade = rng.choice(lead_grades)
        lead_title = f"{team.name} Manager" if lead_grade >= 7 else f"Team Lead, {team.name}"
        lead = self.add(
            title=lead_title,
            grade=lead_grade,
            manager=manager,
            department=dept.name,
            division=division,
            location=home,
        )
        # Senior individual contributors (grade 5-6) always sit below their lead's grade.
        senior_grades = tuple(g for g in (5, 5, 6) if g < lead_grade)
        seniors = rng.choice((0, 1, 1, 2)) if senior_grades else 0
        members = [(f"Senior {team.role}", rng.choice(senior_grades)) for _ in range(seniors)]
        for _ in range(rng.randint(2, 4)):
            grade = rng.choices((1, 2, 3, 4), weights=(2, 3, 3, 2))[0]
            members.append((junior_title(team.role, grade), grade))
        for title, grade in members:
            self.add(
                title=title,
                grade=grade,
                manager=lead,
                department=dept.name,
                division=division,
                location=self._location(home),
            )

    def build(self) -> list[Person]:
        rng = self._rng
        ceo = self.add(
            title="Chief Executive Officer",
            grade=12,
            manager=None,
            department=EXECUTIVE_DEPARTMENT,
            division=EXECUTIVE_DIVISION,
            location=LONDON,
        )
        for division in DIVISIONS:
            head = self.add(
                title=division.head_title,
                grade=division.head_grade,
                manager=ceo,
                department=division.head_department,
                division=division.name,
                location=division.office,
            )
            for dept in division.departments:
                dept_grade = rng.choice((8, 8, 9))
                prefix = "Director of" if dept_grade == 9 else "Head of"
                dept_head = self.add(
                    title=f"{prefix} {dept.name}",
                    grade=dept_grade,
                    manager=head,
                    department=dept.name,
                    division=division.name,
                    location=dept.offices[0],
                )
                for unit in dept.units:
                    if isinstance(unit, Team):
                        self._team(
                            unit,
                            manager=dept_head,
                            dept=dept,
                            division=division.name,
                            lead_grades=(6, 6, 6, 7),
                        )
                        continue
                    group_manager = self.add(
                        title=f"{unit.name} Manager",
                        grade=7,
                        manager=dept_head,
                        department=dept.name,
                        division=division.name,
                        location=dept.offices[0],
                    )
                    for team in unit.teams:
                        self._team(
                            team,
                            manager=group_manager,
                            dept=dept,
                            division=division.name,
                            lead_grades=(5, 6),
                        )
        self._assign_ids_and_emails()
        return sorted(self.people, key=lambda p: p.employee_id)

    def _assign_ids_and_emails(self) -> None:
        # Ids follow hire order, as an HRIS would issue them.
        order = sorted(range(len(self.people)), key=lambda i: (self.people[i].hire_date, i))
        for number, index in enumerate(order, start=1001):
            self.people[index].employee_id = f"E{number}"
        taken: set[str] = set()
        for person in self.people:
            person.email = unique_email(person, taken)
        # Exactly two deliberately malformed addresses, for the importer's warning path.
        candidates = [
            p for p in self.people if p.manager is not None and p.name.email_first == p.name.first
        ]
        missing_at, with_space = self._rng.sample(candidates, 2)
        missing_at.email = missing_at.email.replace("@", ".", 1)
        local, _, domain = with_space.email.partition("@")
        with_space.email = f"{local.replace('.', ' ', 1)}@{domain}"


def junior_title(role: str, grade: int) -> str:
    if grade == 1:
        return f"Graduate {role}"
    if grade == 2:
        return f"Junior {role}"
    if grade == 4:
        return f"{role} II"
    return role


# --------------------------------------------------------------------------- emails

_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "œ": "oe",
        "ʻ": "",
        "'": "",
        "’": "",
    }
)
_NOT_SLUG = re.compile(r"[^a-z0-9-]+")


def ascii_slug(text: str) -> str:
    """'Ó Briain' -> 'obriain', 'Groß' -> 'gross'; '' when nothing Latin is left."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_SLUG.sub("", plain.lower()).strip("-")


def unique_email(person: Person, taken: set[str]) -> str:
    first = ascii_slug(person.name.email_first or "")
    last = ascii_slug(person.name.email_last or "")
    base = f"{first}.{last}" if first and last else person.employee_id.lower()
    local, n = base, 1
    while local in taken:
        n += 1
        local = f"{base}{n}"
    taken.add(local)
    return f"{local}@{EMAIL_DOMAIN}"


# --------------------------------------------------------------------------- output


def check(people: Sequence[Person]) -> None:
    """Fail loudly if the roster breaks any promise the demo relies on."""
    ids = [p.employee_id for p in people]
    if len(set(ids)) != len(ids):
        raise RuntimeError("duplicate employee ids")
    if not MIN_ROWS <= len(people) <= MAX_ROWS:
        raise RuntimeError(f"{len(people)} rows, expected {MIN_ROWS}-{MAX_ROWS}")
    if len({(p.name.first, p.name.last) for p in people}) != len(people):
        raise RuntimeError("duplicate full names")
    roots = [p for p in people if p.manager is None]
    if len(roots) != 1:
        raise RuntimeError(f"{len(roots)} people without a manager, expected 1")
    malformed = [p for p in people if not re.fullmatch(r"[a-z0-9.-]+@[a-z0-9.-]+", p.email)]
    if len(malformed) != 2:
        raise RuntimeError(f"{len(malformed)} malformed emails, expected 2")


def write_csv(people: Sequence[Person], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        for p in people:
            writer.writerow(
                (
                    p.employee_id,
                    p.name.first,
                    p.name.last,
                    p.email,
                    p.department,
                    p.division,
                    p.title,
                    str(p.grade),
                    p.manager.employee_id if p.manager else "",
                    p.hire_date.isoformat(),
                    str(p.birth_year),
                    p.location,
                )
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the sample roster CSV.")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    people = RosterBuilder(args.seed).build()
    check(people)
    write_csv(people, args.output)
    print(f"wrote {len(people)} people to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
