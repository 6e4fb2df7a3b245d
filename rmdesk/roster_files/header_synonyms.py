"""What HR systems call each roster field, normalised (see ``headers.normalise_header``)."""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Normalised header -> field. Normalising drops case, accents, spaces and punctuation, so
# "Employee #", "employee_number" and "EMPLOYEE NUMBER" all meet here; letters of other
# scripts stay (社員番号). Each field lists English and vendor terms, then other languages.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "employee_id": _words(
        """
        personnumber empcode associatenumber workeremployeeid personalnummer
        persnr personalnr mitarbeiternummer mitarbeiterid matricule
        numeromatricule numerodempleado numeroempleado legajo idempleado
        personeelsnummer matricula numerofuncionario employeeid employeenumber
        employeeno empid empno empnumber employeecode workerid personid
        personidexternal userid staffid staffnumber staffno payrollnumber
        payrollid associateid badgenumber id employeereference personnelnumber
        hrid globalid eeid eenumber workernumber employeeidentifier uniqueid
        idnumber emplid useremployeeid persnumber personalnumber mitarbeiternumber
        medewerkernummer numberempleado numerodeempleado numerodelempleado
        numberdempleado numbermatricule matricola numberewidencyjny
        numerewidencyjny anstallningsnummer anstallningsnr 社員番号 従業員番号 社員コード 工号
        员工编号 员工号 員工編號 userprincipalname objectid memberid
        """
    ),
    "name": _words(
        """
        vollstandigername mitarbeitername nomcomplet nometprenom nombrecompleto
        nombreyapellidos volledigenaam nomecompleto name fullname employeename
        displayname preferredname workername legalname employeefullname
        fullnamepreferred nameofemployee associatename staffname personname
        employee worker firstnamelastname lastnamefirstname nome nazwiskoiimie
        imieinazwisko namn 氏名 姓名 名前
        """
    ),
    "first_name": _words(
        """
        vorname prenom nombre voornaam primeironome firstname givenname forename
        legalfirstname legalnamefirstname preferrednamefirstname
        preferredfirstname firstnamepreferred first fname employeefirstname
        firstnames imie fornamn 名
        """
    ),
    "last_name": _words(
        """
        nachname familienname nomdefamille apellido apellidos achternaam sobrenome
        ultimonome lastname surname familyname legallastname legalnamelastname
        preferrednamelastname preferredlastname last lname employeelastname nom
        cognome nazwisko efternamn 姓 primerapellido
        """
    ),
    "email": _words(
        """
        mailadresse emailadresse courriel adressemail correo correoelectronico
        workcontactworkemail workcontactemail emailaddresswork workemailid
        officialemail emailid email workemail emailaddress businessemail
        workemailaddress primaryworkemail emailprimarywork companyemail mail
        emailwork businessemailaddress officeemail corporateemail emailaddr
        adresseemail emailprofessionnel emailadres epost ecorreo emailcorporativo
        emailaziendale adresemail geschaftlicheemail primaryemail メールアドレス 邮箱 电子邮件
        電子郵件
        """
    ),
    "department": _words(
        """
        abteilung organisationseinheit service departement departamento afdeling
        setor homedepartment homedepartmentname departmentlongname orgunitname
        organisationunit organizationunit organisation organization department
        dept departmentname departmentdescription orgunit organizationalunit
        organisationalunit supervisoryorganization supervisoryorganisation team
        deptname reparto dzial avdelning 部署 部门 部門
        """
    ),
    "division": _words(
        """
        bereich geschaftsbereich sparte direction divisao divisie
        businessunitlongname divisiondescription division divisionname
        businessunit bu businessunitname segment function sector businessarea
        businessdivision
        """
    ),
    "title": _words(
        """
        stelle stellenbezeichnung berufsbezeichnung funktion poste intituledeposte
        fonction puesto cargo functie jobtitlename positionname
        positiondescription jobdescription title jobtitle position positiontitle
        businesstitle jobprofile role job designation jobname jobrole jobposition
        employeetitle intituleduposte mansione stanowisko befattning funcao 役職 职位
        職位
        """
    ),
    "grade": _words(
        """
        gehaltsstufe entgeltgruppe tarifgruppe echelon categoria nivel schaal
        grade jobgrade paygrade band level joblevel paylevel payband gradelevel
        salarygrade careerlevel managementlevel jobband seniority senioritylevel
        grading jobtier niveau livello 等級 职级 職級 karrierestufe grupazaszeregowania
        lonegrupp
        """
    ),
    "manager_id": _words(
        """
        managerpersonnumber linemanagerpersonnumber supervisorpersonnumber
        reportingmanageremployeecode reportingmanagerid reportingmanageremployeeid
        manageremployeecode linemanageremployeecode directmanagerid
        directsupervisorid reportingmanagercode supervisorcode
        vorgesetzterpersonalnummer personalnummervorgesetzter matriculeresponsable
        matriculemanager legajojefe reportstoassociateid reportstoemployeenumber
        reportstopersonnelnumber reportstouserid supervisoremployeenumber
        managerassociateid managerpersonnelnumber managerpayrollnumber
        managerstaffnumber linemanageremployeeid linemanageremployeenumber
        managercode linemanagerempno managerid manageremployeeid managernumber
        manageremployeenumber supervisorid supervisoremployeeid reportstoid
        reportingtoid linemanagerid managerworkerid managerpersonid
        managerusersysid manageruserid managerstaffid managerpersonidexternal
        supervisornumber managerempid reportstoemployeeid managerempno
        linemanagernumber supervisoreid supervisorprimarycode workersmanagerid
        personalnummervorgesetzte matriculedumanager matriculadogestor 上長社員番号
        直属上级工号 manageremail managersemail supervisoremail reportstoemail
        linemanageremail directmanageremail numerodeempleadodeljefe
        """
    ),
    "manager_name": _words(
        """
        managerdisplayname directsupervisor directsupervisorname directmanagername
        reportstomanager vorgesetzter fuhrungskraft responsable
        responsablehierarchique managerdirect jefe jefedirecto leidinggevende
        gestor reportstolegalname reportstofullname reportstoemployeename
        linemanagerfullname managerlegalname supervisorlegalname reportingmanager
        reportingmanagername manageremployeename manager managername supervisor
        supervisorname reportsto reportingto linemanager linemanagername
        directmanager manager1 reportsto1 managerfullname reportstoname
        supervisorfullname workersmanager supervisorprimary primarymanager
        jefeinmediato gestorimediato responsabile n1 przelozony chef vorgesetzte
        上長 直属上级 直屬主管
        """
    ),
    "hire_date": _words(
        """
        eintrittsdatum eintritt dateentree datedentree datedembauche dateembauche
        fechadeingreso fechaingreso fechadealta datumindienst dataadmissao
        hiredate startdate dateofhire datehired originalhiredate joiningdate
        dateofjoining joindate employmentstartdate servicedate senioritydate
        continuousservicedate latesthiredate mostrecenthiredate datejoined
        startdatecompany companystartdate dateofemployment hired entrydate hiredt
        employeehiredate hirerehiredate datadeadmissao datazatrudnienia
        anstallningsdatum fechadeincorporacion dataassunzione datadiassunzione
        startdateofemployment 入社日 入职日期 到職日 入社年月日
        """
    ),
    "birth_year": _words(
        """
        geburtsjahr anneedenaissance anodenacimiento geboortejaar birthyear
        yearofbirth yob
        """
    ),
    "birth_date": _words(
        """
        geburtsdatum datedenaissance fechadenacimiento geboortedatum
        datanascimento dateofbirth birthdate dob birthday datadenascimento
        datadinascita dataurodzenia fodelsedatum 生年月日 出生日期
        """
    ),
    "location": _words(
        """
        standort arbeitsort ort lieu lieudetravail ubicacion sede localidad
        vestiging locatie localizacao location office worklocation site city
        officelocation locationname workcity worksite primaryworklocation
        officecity base workplace physicaldeliveryofficename centrodetrabajo
        branch filial etablissement sucursal miejscepracy arbetsplats 勤務地 工作地点
        arbeitsplatz
        """
    ),
    "status": _words(
        """
        statut estado beschaftigungsstatus mitarbeiterstatus status employeestatus
        employmentstatus workerstatus positionstatus activestatus active isactive
        emplstatus hrstatus currentstatus employeestatuscode employmentstatuscode
        activeinactive assignmentstatus workerstatuscode statusactiveinactive
        lifecyclestatus userstatus situacao estatus stato accountenabled enabled
        在籍状況 状态 memberstatus 员工状态 在职状态
        """
    ),
    "termination_date": _words(
        """
        austrittsdatum austritt datedesortie fechadebaja datumuitdienst
        terminationdate termdate dateofleaving leavingdate separationdate
        lastdayofwork lastworkingday lastworkingdate exitdate dateofexit dateleft
        employmentenddate enddateofemployment dateofseparation dateoftermination
        terminateddate terminationdt employeeleavedatetime actualterminationdate
        departuredate terminatedon datadedemissao fechadeegreso datacessazione
        datazwolnienia 退職日 离职日期 dateterminated slutdatum 退職年月日
        """
    ),
}

# Synonyms that name a field loosely ("ID", "Team", "Title", which may hold Mr or Ms): a column
# called so gives the field only when no column called more exactly does.
WEAK: dict[str, frozenset[str]] = {
    "employee_id": frozenset(
        _words(
            """
            id workerid personid globalid uniqueid idnumber objectid userprincipalname
            """
        )
    ),
    "name": frozenset(
        _words(
            """
            preferredname employee worker
            """
        )
    ),
    "department": frozenset(
        _words(
            """
            orgunit orgunitname organisationunit organizationunit organizationalunit
            organisationalunit organisation organization organisationseinheit
            supervisoryorganization supervisoryorganisation team
            """
        )
    ),
    "division": frozenset(
        _words(
            """
            businessunit bu businessunitname businessunitlongname segment function sector
            businessarea
            """
        )
    ),
    "title": frozenset(
        _words(
            """
            title position role job jobprofile positiondescription jobdescription
            """
        )
    ),
    "grade": frozenset(
        _words(
            """
            level seniority senioritylevel careerlevel managementlevel
            """
        )
    ),
    "location": frozenset(
        _words(
            """
            city workcity officecity site base
            """
        )
    ),
    "manager_id": frozenset(
        _words(
            """
            manageremail managersemail supervisoremail reportstoemail linemanageremail
            directmanageremail
            """
        )
    ),
}
