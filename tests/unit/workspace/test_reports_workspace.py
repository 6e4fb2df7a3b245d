"""``ws.reports`` on a cohort built by hand: each figure, the report, exports, announcing, CLI."""

from __future__ import annotations

import csv
import email
import sqlite3
from datetime import date, datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from rmdesk.cli import main
from rmdesk.models.cohorts import Cohort
from rmdesk.models.programme_figures import by_label
from rmdesk.workspace import Workspace
from rmdesk.workspace.events import Event, PairsChanged
from tests.unit.report_cohort import LEARNING, SECRET, TODAY, build

Built = tuple[Workspace, Cohort, list[int]]
RISKY = ["=SUM(A1)", "+1", "-1", "@x", "\tTAB", "\rCR"]


@pytest.fixture
def built(workspace: Workspace, tmp_path: Path) -> Built:
    cohort, ids = build(workspace, tmp_path)
    return workspace, cohort, ids


def sheet_rows(path: Path) -> list[tuple[object, ...]]:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return list(sheet.iter_rows(values_only=True))


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_each_figure_matches_the_constructed_cohort(built: Built) -> None:
    ws, cohort, (p1, p2, p3) = built
    f = ws.reports.figures(cohort, TODAY)
    assert (f.mentors.value, f.mentees.value, f.pairs.value) == (4, 4, 3)
    assert (f.coverage.part, f.coverage.whole, f.coverage.percent) == (6, 8, "75 %")
    assert (f.agreements_signed.part, f.agreements_signed.pair_ids) == (1, (p1,))
    assert by_label(f.agreements, "draft").pair_ids == (p2,)
    assert by_label(f.agreements, "none").pair_ids == (p3,)
    assert (f.sessions_held.part, f.sessions_held.whole) == (3, 7)  # due by TODAY
    months = {m.month: (m.planned, m.held) for m in f.sessions_by_month}
    assert months == {
        date(2026, 1, 1): (2, 1),
        date(2026, 2, 1): (3, 2),
        date(2026, 3, 1): (2, 0),
        date(2026, 4, 1): (0, 0),  # a quiet month is shown, not skipped
        date(2026, 5, 1): (2, 0),
    }
    assert by_label(f.cancellations, "mentor").value == 2
    assert by_label(f.cancellations, "mentor").pair_ids == (p2,)
    assert by_label(f.cancellations, "mentee").pair_ids == (p1,)
    assert (f.no_shows.value, f.no_shows.pair_ids) == (1, (p2,))
    assert (f.cross_department.part, f.cross_department.whole) == (2, 3)
    assert f.cross_department.pair_ids == (p1, p2)
    assert f.cross_division.pair_ids == (p1, p2)
    assert (f.seniority_gap.median, f.seniority_gap.low, f.seniority_gap.high) == (6, 6, 6)
    assert (f.generation_gap.low, f.generation_gap.high) == (30, 34)
    assert (f.actions_done.value, f.actions_open.value, f.actions_overdue.value) == (1, 2, 1)
    assert f.actions_overdue.pair_ids == (p1,)


def test_health_figure_uses_the_same_rules_as_the_sessions_service(built: Built) -> None:
    ws, cohort, _ = built
    f = ws.reports.figures(cohort, TODAY)
    expected: dict[str, list[int]] = {}
    for h in ws.sessions.health(cohort, TODAY):
        expected.setdefault(h.status, []).append(h.pair_id)
    for status in ("on-track", "at-risk", "stalled"):
        assert list(by_label(f.health, status).pair_ids) == expected.get(status, [])


def test_pair_records_read_each_table_once(built: Built) -> None:
    ws, cohort, _ = built
    statements: list[str] = []
    ws.db.conn.set_trace_callback(statements.append)
    try:
        ws.reports.pair_records(cohort)
    finally:
        ws.db.conn.set_trace_callback(None)
    for table in ("pairs p", "sessions", "actions", "signatures", "participants"):
        assert sum(f"FROM {table}" in s for s in statements) == 1, table


def test_closed_pairs_count_and_unpaired_ones_do_not(built: Built) -> None:
    ws, cohort, (p1, p2, _) = built
    ws.sessions.close(p2, "mismatch", "they never met")
    ws.db.execute("UPDATE pairs SET status = 'ended' WHERE id = ?", [p1])  # what unpair leaves
    f = ws.reports.figures(cohort, TODAY)
    assert f.pairs.pair_ids == (p2, 3)
    assert f.active_pairs.pair_ids == (3,)


def test_report_has_numbers_names_and_no_confidential_text(built: Built, tmp_path: Path) -> None:
    ws, cohort, _ = built
    out = tmp_path / "report.pdf"
    assert ws.reports.report_pdf(out, cohort, today=TODAY)
    text = pdf_text(out)
    for needle in ("Zoë Łukasiewicz", "Harold Whitcombe", "Margaret Oyelaran", "75 %",
                   "6 of 8", "3 of 7", LEARNING, "Visit the call centre"):  # fmt: skip
        assert needle in text, needle
    assert SECRET not in text
    for private in ("Quentin Hushwood", "Prudence Silentia", "Share the hiring policy"):
        assert private not in text
    forms = set()
    for page in PdfReader(out).pages:
        for name, ref in page["/Resources"].get("/XObject", {}).items():
            if ref.get_object()["/Subtype"] == "/Form":
                forms.add(name)
    for chart in ("Sessions", "Health", "Cancellations", "Actions", "Agreements"):
        assert f"/FormXob.Chart{chart}" in forms  # each chart a named vector form


def test_report_cancelled_leaves_no_file(built: Built, tmp_path: Path) -> None:
    ws, cohort, _ = built
    out = tmp_path / "report.pdf"
    seen: list[str] = []

    def stop(done: int, total: int, what: str) -> bool:
        seen.append(what)
        return done < 3

    assert ws.reports.report_pdf(out, cohort, stop, today=TODAY) is False
    assert not out.exists() and seen


def _poison(ws: Workspace, pair_id: int) -> None:
    with ws.batch():
        for i, text in enumerate(RISKY):
            ws.db.execute(
                "INSERT INTO actions (pair_id, text, owner, due) VALUES (?, ?, ?, '2026-06-01')",
                [pair_id, text, text],
            )
            ws.db.execute(
                "INSERT INTO sessions (pair_id, starts_at, status, learnings) "
                "VALUES (?, ?, 'held', ?)",
                [pair_id, f"2026-04-0{i + 1}T09:00:00+02:00", text],
            )


def test_csv_exports_neutralise_formula_starts(built: Built, tmp_path: Path) -> None:
    ws, cohort, (p1, _, _) = built
    _poison(ws, p1)
    for kind, column in (("actions", "Action"), ("sessions", "Shared learning")):
        out = tmp_path / f"{kind}.csv"
        ws.reports.export(kind, out, cohort, today=TODAY)
        with out.open(encoding="utf-8-sig", newline="") as fh:
            values = [row[column] for row in csv.DictReader(fh)]
        for text in RISKY:
            assert "'" + text in values, (kind, text)
        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in values)


def test_xlsx_exports_neutralise_formula_starts_and_keep_real_dates(
    built: Built, tmp_path: Path
) -> None:
    ws, cohort, (p1, _, _) = built
    _poison(ws, p1)
    out = tmp_path / "actions.xlsx"
    ws.reports.export("actions", out, cohort, today=TODAY)
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=False))
    header = [c.value for c in rows[0]]
    text_col, due_col = header.index("Action"), header.index("Due")
    # OOXML writes a carriage return as _x000D_ (Excel reads it back as one); openpyxl does not
    cells = {str(r[text_col].value).replace("_x000D_", "\r"): r[text_col] for r in rows[1:]}
    for text in RISKY:
        cell = cells[text]
        assert cell.data_type == "s" and cell.quotePrefix, text
    assert all(isinstance(r[due_col].value, datetime) for r in rows[1:])
    sessions = tmp_path / "sessions.xlsx"
    ws.reports.export("sessions", sessions, cohort)
    assert all(isinstance(row[3], datetime) for row in sheet_rows(sessions)[1:])


def test_confidential_notes_only_when_asked_for(built: Built, tmp_path: Path) -> None:
    ws, cohort, _ = built
    plain, full = tmp_path / "plain.csv", tmp_path / "full.csv"
    ws.reports.export("sessions", plain, cohort)
    ws.reports.export("sessions", full, cohort, include_confidential=True)
    assert SECRET not in plain.read_text("utf-8-sig")
    assert "Confidential note" not in plain.read_text("utf-8-sig")
    assert SECRET in full.read_text("utf-8-sig")
    xlsx = tmp_path / "plain.xlsx"
    ws.reports.export("sessions", xlsx, cohort)
    assert not any(SECRET in str(v) for row in sheet_rows(xlsx) for v in row)


def test_pairs_export_names_every_pair(built: Built, tmp_path: Path) -> None:
    ws, cohort, _ = built
    out = tmp_path / "pairs.csv"
    assert ws.reports.export("pairs", out, cohort, today=TODAY) == 3
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["Mentor"] for r in rows] == ["Zoë Łukasiewicz", "Ibrahim Okafor", "Quentin Hushwood"]
    assert rows[0]["Agreement"] == "signed" and rows[0]["Sessions held"] == "2"


def _drafts(folder: Path) -> list[EmailMessage]:
    out = []
    for path in sorted(folder.glob("*.eml")):
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(msg, EmailMessage)
        out.append(msg)
    return out


def test_announce_writes_the_list_and_a_draft_per_pair(built: Built, tmp_path: Path) -> None:
    ws, cohort, _ = built
    folder = tmp_path / "announce"
    written = ws.reports.announce(folder, cohort)
    assert {p.suffix for p in written} == {".pdf", ".xlsx", ".eml"}
    text = pdf_text(folder / "Pairs - Spring 2026.pdf")
    assert "Zoë Łukasiewicz" in text and "Prudence Silentia" in text
    sheet = openpyxl.load_workbook(folder / "Pairs - Spring 2026.xlsx").active
    assert sheet is not None and sheet.max_row == 4
    drafts = _drafts(folder)
    assert len(drafts) == 3
    by_to = {str(m["To"]): m for m in drafts}
    first = by_to["Zoë Łukasiewicz <zoe@example.com>, Harold Whitcombe <harold@example.com>"]
    assert first["X-Unsent"] == "1"
    attachments = list(first.iter_attachments())
    assert len(attachments) == 1 and attachments[0].get_content_type() == "application/pdf"
    pdf = attachments[0].get_content()
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
    body = first.get_body(("plain",))
    assert body is not None and "Harold Whitcombe" in body.get_content()
    # pair 1's agreement is signed: the draft does not ask them to sign it again
    assert "your signed mentoring agreement" in body.get_content()
    assert "and sign it" not in body.get_content()
    for m in drafts:  # every session of this cohort is in the past: none is named as next
        text = m.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "Please agree on a time for your next session" in text


def test_announce_cancelled_leaves_nothing(built: Built, tmp_path: Path) -> None:
    ws, cohort, _ = built
    folder = tmp_path / "announce"
    assert ws.reports.announce(folder, cohort, lambda d, t, w: d < 3) == []
    assert list(folder.iterdir()) == []


def test_leave_out_of_reports_is_undoable_and_announced(built: Built) -> None:
    ws, cohort, (p1, _, p3) = built
    events: list[Event] = []
    ws.subscribe(events.append)
    assert ws.reports.set_private(p1, True) is False
    assert events == [PairsChanged(cohort.id, changed=frozenset({p1}))]
    assert [p.private for p in ws.reports.pair_records(cohort)] == [True, False, True]
    assert ws.reports.set_private(p1, False) is True  # undo
    assert ws.reports.set_private(p3, True) is True and len(events) == 2  # no change, no event
    with pytest.raises(Exception, match="no pair"):
        ws.reports.set_private(999, True)


# -- the command line ---------------------------------------------------------------------------
def test_cli_report_export_announce(
    built: Built, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws, _, _ = built
    db = str(ws.path)
    ws.close()
    out = tmp_path / "r.pdf"
    assert main(["report", "--pdf", str(out), "--db", db]) == 0
    assert "Harold Whitcombe" in pdf_text(out)
    csv_out = tmp_path / "s.csv"
    assert main(["export", "sessions", "--csv", str(csv_out), "--db", db]) == 0
    assert SECRET not in csv_out.read_text("utf-8-sig")
    assert main(["export", "sessions", "--csv", str(csv_out), "--confidential", "--db", db]) == 0
    assert SECRET in csv_out.read_text("utf-8-sig")
    xlsx = tmp_path / "a.xlsx"
    assert main(["export", "actions", "--xlsx", str(xlsx), "--cohort", "Spring 2026",
                 "--db", db]) == 0  # fmt: skip
    assert xlsx.exists()
    assert main(["announce", "--out", str(tmp_path / "ann"), "--db", db]) == 0
    assert "3 e-mail drafts" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "pairs"],  # neither --csv nor --xlsx
        ["export", "pairs", "--csv", "a.csv", "--xlsx", "a.xlsx"],
        ["export", "teams", "--csv", "a.csv"],
        ["export", "pairs", "--csv", "a.xlsx"],
        ["export", "pairs", "--csv", "a.csv", "--confidential"],
        ["report"],
        ["announce"],
    ],
)
def test_cli_usage_errors_exit_2(argv: list[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main([*argv, "--db", str(tmp_path / "x.db")])
    assert exc.value.code == 2
    assert not (tmp_path / "x.db").exists()


def test_cli_read_only_commands_never_create_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "missing.db"
    assert main(["report", "--pdf", str(tmp_path / "r.pdf"), "--db", str(db)]) == 1
    assert main(["announce", "--out", str(tmp_path / "a"), "--db", str(db)]) == 1
    assert not db.exists() and str(db) in capsys.readouterr().err


def test_cli_unknown_cohort_exits_1(built: Built, tmp_path: Path) -> None:
    ws, _, _ = built
    db = str(ws.path)
    ws.close()
    out = tmp_path / "p.csv"
    assert main(["export", "pairs", "--csv", str(out), "--cohort", "Nope", "--db", db]) == 1
    assert not out.exists()
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM pairs").fetchone() == (3,)


def test_announce_that_fails_half_way_leaves_nothing_behind(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window says 'nothing was written': the pairs list written before the failure goes."""
    import rmdesk.workspace.announcement as announcement

    ws, cohort, _ = built

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device", "Pairs.xlsx")

    monkeypatch.setattr(announcement, "write_xlsx", full_disk)
    folder = tmp_path / "announce"
    with pytest.raises(OSError):
        ws.reports.announce(folder, cohort)
    assert list(folder.iterdir()) == []
