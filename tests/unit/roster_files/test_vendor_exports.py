"""Exports of more HR systems, directories and languages land on the right fields, and the
names and managers in them are read as those systems mean them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rmdesk.roster_files import detect_mapping, parse_roster, read_table
from tests.unit import rosters as R

# header row -> the fields rmdesk should find there (a field left out must stay unplaced)
CASES: dict[str, tuple[list[str], dict[str, str]]] = {
    "Google Workspace user download": (
        ["First Name [Required]", "Last Name [Required]", "Email Address [Required]",
         "Password [Required]", "Org Unit Path [Required]", "Employee ID", "Employee Title",
         "Manager Email", "Department", "Cost Center", "Status [READ ONLY]"],
        {"first_name": "First Name [Required]", "last_name": "Last Name [Required]",
         "email": "Email Address [Required]", "employee_id": "Employee ID",
         "title": "Employee Title", "manager_id": "Manager Email", "department": "Department",
         "status": "Status [READ ONLY]"},
    ),
    "Entra ID with HR attributes: the GUID 'Id' is not the employee id": (
        ["Id", "DisplayName", "GivenName", "Surname", "Mail", "UserPrincipalName", "EmployeeId",
         "EmployeeHireDate", "EmployeeLeaveDateTime", "JobTitle", "Department",
         "OfficeLocation", "AccountEnabled"],
        {"employee_id": "EmployeeId", "name": "DisplayName", "first_name": "GivenName",
         "last_name": "Surname", "email": "Mail", "hire_date": "EmployeeHireDate",
         "termination_date": "EmployeeLeaveDateTime", "title": "JobTitle",
         "department": "Department", "location": "OfficeLocation", "status": "AccountEnabled"},
    ),
    "Okta: 'id' loses to 'employeeNumber'": (
        ["id", "status", "login", "firstName", "lastName", "email", "employeeNumber",
         "department", "title", "managerId", "manager"],
        {"employee_id": "employeeNumber", "status": "status", "first_name": "firstName",
         "last_name": "lastName", "email": "email", "department": "department",
         "title": "title", "manager_id": "managerId", "manager_name": "manager"},
    ),
    "Workday: the worker id and the manager's id in brackets": (
        ["Worker ID", "Employee ID", "Worker", "Email (Personal)", "Email - Primary Work",
         "Employee ID (Manager)", "Position", "Business Title", "Org Unit", "Department"],
        {"employee_id": "Employee ID", "name": "Worker", "email": "Email - Primary Work",
         "manager_id": "Employee ID (Manager)", "title": "Business Title",
         "department": "Department"},
    ),
    "Zoho People: a salutation 'Title' beside 'Designation'": (
        ["Employee ID", "Title", "First Name", "Last Name", "Designation", "City",
         "Location", "Reporting To", "Date of Joining", "Date of Exit", "Business Unit",
         "Division"],
        {"employee_id": "Employee ID", "first_name": "First Name", "last_name": "Last Name",
         "title": "Designation", "location": "Location", "manager_name": "Reporting To",
         "hire_date": "Date of Joining", "termination_date": "Date of Exit",
         "division": "Division"},
    ),
    "PeopleSoft field names": (
        ["EMPLID", "NAME", "EMPL_STATUS", "HIRE_DT", "TERMINATION_DT", "DEPT_DESCR",
         "SUPERVISOR_ID", "EMAIL_ADDR"],
        {"employee_id": "EMPLID", "name": "NAME", "status": "EMPL_STATUS", "hire_date": "HIRE_DT",
         "termination_date": "TERMINATION_DT", "department": "DEPT_DESCR",
         "manager_id": "SUPERVISOR_ID", "email": "EMAIL_ADDR"},
    ),
    "SAP HCM, German short labels": (
        ["Pers.-Nr.", "Vorname", "Nachname", "Personalnummer Vorgesetzte(r)", "Eintritt",
         "Geschäftliche E-Mail", "Arbeitsplatz"],
        {"employee_id": "Pers.-Nr.", "first_name": "Vorname", "last_name": "Nachname",
         "manager_id": "Personalnummer Vorgesetzte(r)", "hire_date": "Eintritt",
         "email": "Geschäftliche E-Mail", "location": "Arbeitsplatz"},
    ),
    "French": (
        ["Matricule", "Nom", "Prénom", "Adresse e-mail", "Intitulé du poste", "N+1",
         "Date d'entrée", "Établissement"],
        {"employee_id": "Matricule", "last_name": "Nom", "first_name": "Prénom",
         "email": "Adresse e-mail", "title": "Intitulé du poste", "manager_name": "N+1",
         "hire_date": "Date d'entrée", "location": "Établissement"},
    ),
    "Spanish": (
        ["Nº empleado", "Nombre", "Primer apellido", "Correo electrónico", "Jefe inmediato",
         "Fecha de incorporación", "Centro de trabajo", "Estatus"],
        {"employee_id": "Nº empleado", "first_name": "Nombre", "last_name": "Primer apellido",
         "email": "Correo electrónico", "manager_name": "Jefe inmediato",
         "hire_date": "Fecha de incorporación", "location": "Centro de trabajo",
         "status": "Estatus"},
    ),
    "Brazilian Portuguese": (
        ["Matrícula", "Nome", "E-mail corporativo", "Cargo", "Gestor imediato",
         "Data de admissão", "Data de demissão", "Situação", "Data de nascimento"],
        {"employee_id": "Matrícula", "name": "Nome", "email": "E-mail corporativo",
         "title": "Cargo", "manager_name": "Gestor imediato", "hire_date": "Data de admissão",
         "termination_date": "Data de demissão", "status": "Situação",
         "birth_date": "Data de nascimento"},
    ),
    "Italian": (
        ["Matricola", "Cognome", "Nome", "Email aziendale", "Reparto", "Mansione",
         "Responsabile", "Data assunzione", "Livello"],
        {"employee_id": "Matricola", "last_name": "Cognome", "name": "Nome",
         "email": "Email aziendale", "department": "Reparto", "title": "Mansione",
         "manager_name": "Responsabile", "hire_date": "Data assunzione", "grade": "Livello"},
    ),
    "Polish": (
        ["Numer ewidencyjny", "Imię", "Nazwisko", "Adres e-mail", "Dział", "Stanowisko",
         "Przełożony", "Data zatrudnienia", "Data zwolnienia"],
        {"employee_id": "Numer ewidencyjny", "first_name": "Imię", "last_name": "Nazwisko",
         "email": "Adres e-mail", "department": "Dział", "title": "Stanowisko",
         "manager_name": "Przełożony", "hire_date": "Data zatrudnienia",
         "termination_date": "Data zwolnienia"},
    ),
    "Swedish": (
        ["Anställningsnummer", "Förnamn", "Efternamn", "E-post", "Avdelning", "Befattning",
         "Chef", "Anställningsdatum", "Slutdatum"],
        {"employee_id": "Anställningsnummer", "first_name": "Förnamn",
         "last_name": "Efternamn", "email": "E-post", "department": "Avdelning",
         "title": "Befattning", "manager_name": "Chef", "hire_date": "Anställningsdatum",
         "termination_date": "Slutdatum"},
    ),
    "Japanese": (
        ["社員番号", "氏名", "メールアドレス", "部署", "役職", "上長", "入社日", "退職日",
         "勤務地"],
        {"employee_id": "社員番号", "name": "氏名", "email": "メールアドレス",
         "department": "部署", "title": "役職", "manager_name": "上長", "hire_date": "入社日",
         "termination_date": "退職日", "location": "勤務地"},
    ),
    "Chinese, full-width brackets and letters": (
        ["工号", "姓名", "邮箱", "部门", "职位", "直属上级工号", "入职日期", "员工状态", "ＩＤ"],
        {"employee_id": "工号", "name": "姓名", "email": "邮箱", "department": "部门",
         "title": "职位", "manager_id": "直属上级工号", "hire_date": "入职日期",
         "status": "员工状态"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("system", list(CASES))
def test_vendor_headers_are_placed(system: str) -> None:
    headers, expected = CASES[system]
    assert detect_mapping(headers).as_names(headers) == expected


def test_loose_names_lose_to_exact_ones_wherever_they_stand() -> None:
    headers = ["ID", "Team", "Title", "City", "Name", "Employee Number", "Department",
               "Job Title", "Office"]  # fmt: skip
    m = detect_mapping(headers)
    assert m.as_names(headers) == {
        "employee_id": "Employee Number",
        "department": "Department",
        "title": "Job Title",
        "location": "Office",
        "name": "Name",
    }
    assert m.extra == {"employee_id": [0]}  # still a candidate the managers may point at
    assert m.unplaced == ["Team", "Title", "City"]  # in the file's order


def _people(tmp_path: Path, text: str) -> tuple[list[tuple[str, str, str | None]], list[str]]:
    table = read_table(R.write_bytes(tmp_path / "r.csv", text.encode()))
    parsed = parse_roster(table, detect_mapping(table.headers), today=date(2026, 11, 25))
    people = [(e.employee_id, e.name, e.manager_id) for e in parsed.employees]
    return people, [str(p) for p in parsed.problems]


NAME_CASES = {
    "a preferred first name goes before the surname; managers go by either name": (
        "Employee #,First Name,Last Name,Preferred Name,Reporting to\n"
        "1,Robert,Smith,Bob,\n"
        '2,Ana,Silva,,"Smith, Robert"\n'
        "3,Katherine,Ng,Kate,Bob Smith\n",
        [("1", "Bob Smith", None), ("2", "Ana Silva", "1"), ("3", "Kate Ng", "1")],
    ),
    "a preferred full name stays whole": (
        "Employee ID,Legal Name - First Name,Legal Name - Last Name,Preferred Name,Manager\n"
        "1,Pedro,van der Berg,Bob van der Berg,\n"
        "2,Tessa,Evans,,Bob van der Berg\n",
        [("1", "Bob van der Berg", None), ("2", "Tessa Evans", "1")],
    ),
    "Italian Nome beside Cognome is the first name": (
        "Matricola,Cognome,Nome,Responsabile\n"
        "10,Rossi,Maria Grazia,\n"
        "11,Bianchi,Luca,Maria Grazia Rossi\n",
        [("10", "Maria Grazia Rossi", None), ("11", "Luca Bianchi", "10")],
    ),
    "a full name alone is kept": (
        "Matrícula,Nome,Gestor imediato\n1,João Silva,\n2,Ana Costa,João Silva\n",
        [("1", "João Silva", None), ("2", "Ana Costa", "1")],
    ),
}


@pytest.mark.parametrize("case", list(NAME_CASES))
def test_names_and_the_managers_named_by_them(tmp_path: Path, case: str) -> None:
    text, expected = NAME_CASES[case]
    people, problems = _people(tmp_path, text)
    assert people == expected
    assert problems == []


def test_manager_ids_of_another_system_give_way_to_the_names(tmp_path: Path) -> None:
    """BambooHR's Supervisor EID is its internal id; without the EEID column the names
    beside it find the managers."""
    text = (
        "Employee #,First Name,Last Name,Supervisor EID,Reporting to\n"
        "E10,Ana,Silva,,\n"
        "E11,Bo,Chen,101,Ana Silva\n"
        "E12,Cy,Dore,102,Bo Chen\n"
    )
    people, problems = _people(tmp_path, text)
    assert [p[2] for p in people] == [None, "E10", "E11"]
    assert any("are nobody's employee id" in p and "'Reporting to'" in p for p in problems)


def test_an_active_directory_manager_is_found_by_its_common_name(tmp_path: Path) -> None:
    text = (
        "EmployeeID,Name,GivenName,Surname,Manager,Enabled\n"
        "1,Ana Silva,Ana,Silva,,True\n"
        '2,Bo Chen,Bo,Chen,"CN=Ana Silva,OU=Staff,DC=example,DC=com",True\n'
        '3,Cy Dore,Cy,Dore,"CN=Chen\\, Bo,OU=Staff,DC=example,DC=com",False\n'
    )
    table = read_table(R.write_bytes(tmp_path / "r.csv", text.encode()))
    parsed = parse_roster(table, detect_mapping(table.headers), today=date(2026, 11, 25))
    assert [(e.manager_id, e.active) for e in parsed.employees] == [
        (None, True),
        ("1", True),
        ("2", False),
    ]
    assert parsed.errors == []


def test_headers_in_two_scripts_match_by_either_part() -> None:
    headers = ["工号 Employee ID", "氏名/Name", "部门 Department", "Manager ID 上長社員番号"]
    headers.append("电话")  # a telephone: no field
    assert detect_mapping(headers).as_names(headers) == {
        "employee_id": "工号 Employee ID",
        "name": "氏名/Name",
        "department": "部门 Department",
        "manager_id": "Manager ID 上長社員番号",
    }


def test_a_reimport_keeps_the_id_column_the_roster_holds(tmp_path: Path) -> None:
    """'Payroll Number' is a more exact id name than 'ID'; a roster imported by 'ID' (by
    hand, or by an older rmdesk) must not be replaced by payroll numbers on the next import."""
    from rmdesk.workspace import Workspace

    path = R.write_bytes(
        tmp_path / "r.csv",
        b"ID,Payroll Number,Name,Manager\n1,P-9001,Ana Silva,\n2,P-9002,Bo Chen,Ana Silva\n",
    )
    ws = Workspace.open(tmp_path / "w.db")
    try:
        assert ws.roster.import_roster(path, mapping={"employee_id": "ID"}).added == 2
        plan = ws.roster.prepare_import(path)
        assert (len(plan.added), plan.unchanged, plan.missing) == (0, 2, [])
        assert any("ids already on the roster" in p.message for p in plan.warnings)
        fresh = Workspace.open(tmp_path / "fresh.db")
        try:  # with nothing stored, the exact name wins
            assert sorted(r[0] for r in fresh.roster.prepare_import(path).added) == [
                "P-9001",
                "P-9002",
            ]
        finally:
            fresh.close()
    finally:
        ws.close()


def test_manager_emails_without_work_emails_give_way_to_the_names(tmp_path: Path) -> None:
    text = (
        "Employee ID,Name,Username,Manager,Manager Email\n"
        "E1,Ana Silva,ana.silva@corp.example,,\n"
        "E2,Bo Chen,bo.chen@corp.example,Ana Silva,ana.silva@corp.example\n"
        "E3,Cy Dore,cy.dore@corp.example,Bo Chen,bo.chen@corp.example\n"
    )
    people, problems = _people(tmp_path, text)
    assert [p[2] for p in people] == [None, "E1", "E2"]
    assert not [p for p in problems if "unknown manager" in p]


def test_manager_ids_that_are_found_are_kept_when_the_others_go_by_name(tmp_path: Path) -> None:
    text = (
        "Employee ID,Name,Supervisor EID,Reporting to\n"
        "E1,Ana Silva,,\n"
        "E2,Bo Chen,X17,Ana Silva\n"
        "E3,Cy Dore,X18,Bo Chen\n"
        "E4,Dee Ng,E1,\n"
    )
    people, _ = _people(tmp_path, text)
    assert [p[2] for p in people] == [None, "E1", "E2", "E1"]


def test_a_surname_already_in_the_name_is_not_added_again(tmp_path: Path) -> None:
    text = "Employee ID,Name,Last Name\nE1,Ana,Silva\nE2,Bo,Chen\nE3,Cy Dore,Dore\nE4,Dee,Ng\n"
    people, _ = _people(tmp_path, text)
    assert [p[1] for p in people] == ["Ana Silva", "Bo Chen", "Cy Dore", "Dee Ng"]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Start Date (Original)", "hire_date"),
        ("Manager (Supervisor)", "manager_name"),
        ("Manager ID (Manager)", "manager_id"),
        ("Employee ID (Manager)", "manager_id"),
        ("Email (Personal)", None),
        ("Location (Home)", None),
        ("End Date", None),  # a contract's end, maybe renewed since: not a leaving date
    ],
)
def test_a_bracket_that_only_says_whose_value_it_is(header: str, field: str | None) -> None:
    from rmdesk.roster_files.headers import field_for_header

    assert field_for_header(header) == field
