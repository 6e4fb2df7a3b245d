"""Place a file's columns on the canonical roster fields, by a synonym table of HRIS exports."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rmdesk.errors import Problem

#: Everything a column can be mapped to: the canonical fields plus the forms they arrive in.
FIELD_CHOICES: tuple[str, ...] = (
    "employee_id",
    "name",
    "first_name",
    "last_name",
    "email",
    "department",
    "division",
    "title",
    "grade",
    "manager_id",
    "manager_name",
    "hire_date",
    "birth_year",
    "birth_date",
    "location",
    "status",
    "termination_date",
)

# Normalised header -> field. Normalising drops case, accents, spaces and punctuation,
# so "Employee #", "employee_number" and "EMPLOYEE NUMBER" all meet here.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "employee_id": (
        "personalnummer",
        "persnr",
        "personalnr",
        "mitarbeiternummer",
        "mitarbeiterid",
        "matricule",
        "numeromatricule",
        "numerodempleado",
        "numeroempleado",
        "legajo",
        "idempleado",
        "personeelsnummer",
        "matricula",
        "numerofuncionario",
        "employeeid",
        "employeenumber",
        "employeeno",
        "empid",
        "empno",
        "empnumber",
        "employeecode",
        "workerid",
        "personid",
        "personidexternal",
        "userid",
        "staffid",
        "staffnumber",
        "staffno",
        "payrollnumber",
        "payrollid",
        "associateid",
        "badgenumber",
        "id",
        "employeereference",
        "personnelnumber",
        "hrid",
        "globalid",
        "eeid",
        "eenumber",
        "workernumber",
        "employeeidentifier",
        "uniqueid",
        "idnumber",
    ),
    "name": (
        "vollstandigername",
        "mitarbeitername",
        "nomcomplet",
        "nometprenom",
        "nombrecompleto",
        "nombreyapellidos",
        "volledigenaam",
        "nomecompleto",
        "name",
        "fullname",
        "employeename",
        "displayname",
        "preferredname",
        "workername",
        "legalname",
        "employeefullname",
        "fullnamepreferred",
        "nameofemployee",
        "associatename",
        "staffname",
        "personname",
        "employee",
        "worker",
    ),
    "first_name": (
        "vorname",
        "prenom",
        "nombre",
        "voornaam",
        "primeironome",
        "firstname",
        "givenname",
        "forename",
        "legalfirstname",
        "legalnamefirstname",
        "preferrednamefirstname",
        "preferredfirstname",
        "firstnamepreferred",
        "first",
        "fname",
        "employeefirstname",
    ),
    "last_name": (
        "nachname",
        "familienname",
        "nomdefamille",
        "apellido",
        "apellidos",
        "achternaam",
        "sobrenome",
        "ultimonome",
        "lastname",
        "surname",
        "familyname",
        "legallastname",
        "legalnamelastname",
        "preferrednamelastname",
        "preferredlastname",
        "last",
        "lname",
        "employeelastname",
    ),
    "email": (
        "mailadresse",
        "emailadresse",
        "courriel",
        "adressemail",
        "correo",
        "correoelectronico",
        "workcontactworkemail",
        "workcontactemail",
        "emailaddresswork",
        "workemailid",
        "officialemail",
        "emailid",
        "email",
        "workemail",
        "emailaddress",
        "businessemail",
        "workemailaddress",
        "primaryworkemail",
        "emailprimarywork",
        "companyemail",
        "mail",
        "emailwork",
        "businessemailaddress",
        "officeemail",
        "corporateemail",
    ),
    "department": (
        "abteilung",
        "organisationseinheit",
        "service",
        "departement",
        "departamento",
        "afdeling",
        "setor",
        "homedepartment",
        "homedepartmentname",
        "departmentlongname",
        "orgunitname",
        "organisationunit",
        "organizationunit",
        "organisation",
        "organization",
        "department",
        "dept",
        "departmentname",
        "departmentdescription",
        "orgunit",
        "organizationalunit",
        "organisationalunit",
        "supervisoryorganization",
        "supervisoryorganisation",
        "team",
        "deptname",
    ),
    "division": (
        "bereich",
        "geschaftsbereich",
        "sparte",
        "direction",
        "divisao",
        "divisie",
        "businessunitlongname",
        "divisiondescription",
        "division",
        "divisionname",
        "businessunit",
        "bu",
        "businessunitname",
        "segment",
        "function",
        "sector",
        "businessarea",
        "businessdivision",
    ),
    "title": (
        "stelle",
        "stellenbezeichnung",
        "berufsbezeichnung",
        "funktion",
        "poste",
        "intituledeposte",
        "fonction",
        "puesto",
        "cargo",
        "functie",
        "jobtitlename",
        "positionname",
        "positiondescription",
        "jobdescription",
        "title",
        "jobtitle",
        "position",
        "positiontitle",
        "businesstitle",
        "jobprofile",
        "role",
        "job",
        "designation",
        "jobname",
        "jobrole",
        "jobposition",
    ),
    "grade": (
        "gehaltsstufe",
        "entgeltgruppe",
        "tarifgruppe",
        "echelon",
        "categoria",
        "nivel",
        "schaal",
        "grade",
        "jobgrade",
        "paygrade",
        "band",
        "level",
        "joblevel",
        "paylevel",
        "payband",
        "gradelevel",
        "salarygrade",
        "careerlevel",
        "managementlevel",
        "jobband",
        "seniority",
        "senioritylevel",
        "grading",
    ),
    "manager_id": (
        "vorgesetzterpersonalnummer",
        "personalnummervorgesetzter",
        "matriculeresponsable",
        "matriculemanager",
        "legajojefe",
        "reportstoassociateid",
        "reportstoemployeenumber",
        "reportstopersonnelnumber",
        "reportstouserid",
        "supervisoremployeenumber",
        "managerassociateid",
        "managerpersonnelnumber",
        "managerpayrollnumber",
        "managerstaffnumber",
        "linemanageremployeeid",
        "linemanageremployeenumber",
        "managercode",
        "linemanagerempno",
        "managerid",
        "manageremployeeid",
        "managernumber",
        "manageremployeenumber",
        "supervisorid",
        "supervisoremployeeid",
        "reportstoid",
        "reportingtoid",
        "linemanagerid",
        "managerworkerid",
        "managerpersonid",
        "managerusersysid",
        "manageruserid",
        "managerstaffid",
        "managerpersonidexternal",
        "supervisornumber",
        "managerempid",
        "reportstoemployeeid",
        "managerempno",
        "linemanagernumber",
    ),
    "manager_name": (
        "vorgesetzter",
        "fuhrungskraft",
        "responsable",
        "responsablehierarchique",
        "managerdirect",
        "jefe",
        "jefedirecto",
        "leidinggevende",
        "gestor",
        "reportstolegalname",
        "reportstofullname",
        "reportstoemployeename",
        "linemanagerfullname",
        "managerlegalname",
        "supervisorlegalname",
        "reportingmanager",
        "reportingmanagername",
        "manageremployeename",
        "manager",
        "managername",
        "supervisor",
        "supervisorname",
        "reportsto",
        "reportingto",
        "linemanager",
        "linemanagername",
        "directmanager",
        "manager1",
        "reportsto1",
        "managerfullname",
        "reportstoname",
        "supervisorfullname",
    ),
    "hire_date": (
        "eintrittsdatum",
        "eintritt",
        "dateentree",
        "datedentree",
        "datedembauche",
        "dateembauche",
        "fechadeingreso",
        "fechaingreso",
        "fechadealta",
        "datumindienst",
        "dataadmissao",
        "hiredate",
        "startdate",
        "dateofhire",
        "datehired",
        "originalhiredate",
        "joiningdate",
        "dateofjoining",
        "joindate",
        "employmentstartdate",
        "servicedate",
        "senioritydate",
        "continuousservicedate",
        "latesthiredate",
        "mostrecenthiredate",
        "datejoined",
        "startdatecompany",
        "companystartdate",
        "dateofemployment",
        "hired",
        "entrydate",
    ),
    "birth_year": (
        "geburtsjahr",
        "anneedenaissance",
        "anodenacimiento",
        "geboortejaar",
        "birthyear",
        "yearofbirth",
        "yob",
    ),
    "birth_date": (
        "geburtsdatum",
        "datedenaissance",
        "fechadenacimiento",
        "geboortedatum",
        "datanascimento",
        "dateofbirth",
        "birthdate",
        "dob",
        "birthday",
    ),
    "location": (
        "standort",
        "arbeitsort",
        "ort",
        "lieu",
        "lieudetravail",
        "ubicacion",
        "sede",
        "localidad",
        "vestiging",
        "locatie",
        "localizacao",
        "location",
        "office",
        "worklocation",
        "site",
        "city",
        "officelocation",
        "locationname",
        "workcity",
        "worksite",
        "primaryworklocation",
        "officecity",
        "base",
        "workplace",
    ),
    # not roster fields: they say who has left, so those people come in inactive
    "status": (
        "statut",
        "estado",
        "beschaftigungsstatus",
        "mitarbeiterstatus",
        "status",
        "employeestatus",
        "employmentstatus",
        "workerstatus",
        "positionstatus",
        "activestatus",
        "active",
        "isactive",
        "emplstatus",
        "hrstatus",
        "currentstatus",
        "employeestatuscode",
        "employmentstatuscode",
        "activeinactive",
        "assignmentstatus",
        "workerstatuscode",
        "statusactiveinactive",
    ),
    "termination_date": (
        "austrittsdatum",
        "austritt",
        "datedesortie",
        "fechadebaja",
        "datumuitdienst",
        "terminationdate",
        "termdate",
        "dateofleaving",
        "leavingdate",
        "separationdate",
        "lastdayofwork",
        "lastworkingday",
        "lastworkingdate",
        "exitdate",
        "dateofexit",
        "dateleft",
        "employmentenddate",
        "enddateofemployment",
        "dateofseparation",
        "dateoftermination",
        "terminateddate",
    ),
}

_LOOKUP: dict[str, str] = {syn: fld for fld, syns in _SYNONYMS.items() for syn in syns}


_ABBREVIATIONS = (
    (r"\bemp\b", "employee"),
    (r"\bmgr\b", "manager"),
    (r"\bdept\b", "department"),
    (r"\bsupv?\b", "supervisor"),
)


def normalise_header(header: str) -> str:
    text = unicodedata.normalize("NFKD", header)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("#", "number").replace("nº", "number")
    text = re.sub(r"\b(?:no|nr|nbr|num)\b\.?", "number", text)
    for short, word in _ABBREVIATIONS:
        text = re.sub(short, word, text)
    text = re.sub(r"\(.*?\)", "", text) if re.sub(r"\(.*?\)", "", text).strip() else text
    return re.sub(r"[^0-9a-z]+", "", text)


# Words exports add to a column's name without changing what it holds ("Job Title
# Description", "Location Name (Text)").
_SUFFIXES = ("description", "descr", "desc", "text", "label")


def field_for_header(header: str) -> str | None:
    key = normalise_header(header)
    found = _LOOKUP.get(key)
    if found is None:
        for suffix in _SUFFIXES:
            if key.endswith(suffix) and key[: -len(suffix)] in _LOOKUP:
                return _LOOKUP[key[: -len(suffix)]]
    return found


def is_known_header(header: str) -> bool:
    return field_for_header(header) is not None


@dataclass
class Mapping:
    """Which column index holds which field; ``unplaced`` names the columns left over."""

    columns: dict[str, int] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    #: more columns that could hold a field; validation looks at their values to choose
    #: (the id column the managers refer to) or to combine them (every status column)
    extra: dict[str, list[int]] = field(default_factory=dict)

    def as_names(self, headers: list[str]) -> dict[str, str]:
        return {fld: headers[idx] for fld, idx in self.columns.items()}


def _find_column(headers: list[str], wanted: str) -> int | None:
    for idx, h in enumerate(headers):
        if h == wanted:
            return idx
    key = normalise_header(wanted)
    for idx, h in enumerate(headers):
        if normalise_header(h) == key:
            return idx
    return None


#: Fields a second matching column is kept for, instead of being ignored.
_COMBINED = ("employee_id", "status")


def detect_mapping(headers: list[str], overrides: dict[str, str] | None = None) -> Mapping:
    """Map by synonyms, then apply the officer's ``FIELD=COLUMN`` choices on top."""
    mapping = Mapping()
    taken: set[int] = set()
    problems: list[Problem] = []
    for fld, column in (overrides or {}).items():
        if fld not in FIELD_CHOICES:
            choices = ", ".join(FIELD_CHOICES)
            problems.append(Problem(f"unknown field '{fld}' in the mapping (fields: {choices})"))
            continue
        if not column:
            mapping.columns.pop(fld, None)
            continue
        idx = _find_column(headers, column)
        if idx is None:
            have = ", ".join(f"'{h}'" for h in headers if h)
            problems.append(
                Problem(f"no column '{column}' for field '{fld}' (the columns are: {have})")
            )
            continue
        mapping.columns[fld] = idx
        taken.add(idx)
    if problems:
        from rmdesk.errors import RosterError

        raise RosterError(problems)
    chosen = set(mapping.columns)
    if overrides:
        chosen |= set(overrides)  # an explicit empty mapping keeps a field unplaced
    for idx, header in enumerate(headers):
        if idx in taken or not header:
            continue
        found = field_for_header(header)
        if found is None:
            mapping.unplaced.append(header)
            continue
        fld = found
        if fld in _COMBINED and fld in mapping.columns and fld not in (overrides or {}):
            mapping.extra.setdefault(fld, []).append(idx)
            taken.add(idx)
            continue
        if fld in chosen:
            mapping.notes.append(
                Problem(
                    f"ignored: '{headers[mapping.columns[fld]]}' already gives {fld}"
                    if fld in mapping.columns
                    else f"ignored: {fld} was set by hand",
                    column=header,
                    severity="warning",
                )
            )
            mapping.unplaced.append(header)
            continue
        mapping.columns[fld] = idx
        chosen.add(fld)
        taken.add(idx)
    # a manager column whose header says only "manager" may still hold ids; validation decides
    return mapping
