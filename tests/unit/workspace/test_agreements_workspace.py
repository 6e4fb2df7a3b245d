"""Agreements through the Workspace: template, drafts, signing, versions, export, verify, CLI."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from rmdesk.cli import main
from rmdesk.documents.agreement_pdf import render_agreement_pdf
from rmdesk.models.agreements import AgreementBody
from rmdesk.models.cohorts import Cohort
from rmdesk.workspace import Workspace
from rmdesk.workspace.agreements import (
    AgreementRefused,
    default_template,
    parse_template,
    pdf_file_name,
)
from rmdesk.workspace.events import AgreementsChanged, Event, TemplateChanged
from tests.conftest import SAMPLE
from tests.unit.agreement_samples import drawn_png

#: (mentor, mentee) from resources/sample_roster.csv, in different departments
PAIRS = [("E1015", "E1012"), ("E1049", "E1053"), ("E1037", "E1005")]


def _setup(ws: Workspace) -> tuple[Cohort, list[int]]:
    ws.roster.import_roster(SAMPLE)
    cohort = ws.cohorts.create_cohort("Spring 2026", date(2026, 3, 2), date(2026, 8, 31))
    ids = [ws.pairing.pair(m, e, cohort, "test").pair.id for m, e in PAIRS]
    return cohort, ids


def _filled(ws: Workspace, pair_id: int) -> AgreementBody:
    return replace(
        ws.agreements.agreement(pair_id).body,
        topics=("How customers experience our app", "Hiring policy"),
        meeting_place="Café in the other building",
    )


@pytest.fixture
def setup(workspace: Workspace) -> tuple[Workspace, Cohort, list[int]]:
    cohort, ids = _setup(workspace)
    return workspace, cohort, ids


def test_template_starts_from_the_default_and_prefills_new_agreements(
    setup: tuple[Workspace, Cohort, list[int]],
) -> None:
    ws, cohort, ids = setup
    events: list[Event] = []
    ws.subscribe(events.append)
    assert ws.agreements.template(cohort) == default_template()
    first = ws.agreements.agreement(ids[0])
    assert first.number == 1 and first.is_draft
    assert first.body.section("confidentiality") == default_template().section("confidentiality")
    assert first.body.first_session == date(2026, 3, 2)  # the cohort's start
    assert ws.agreements.versions(ids[0]) == []  # opening writes nothing

    edited = replace(default_template(), frequency="fortnightly", length_min=45)
    before = ws.agreements.set_template(cohort, edited)
    assert before == default_template()
    assert events == [TemplateChanged(cohort.id)]
    assert ws.agreements.agreement(ids[1]).body.frequency == "fortnightly"
    assert ws.agreements.set_template(cohort, before) == edited  # the undo path
    with pytest.raises(AgreementRefused, match="length_min"):
        ws.agreements.set_template(cohort, replace(edited, length_min=5))


def test_save_as_you_type_updates_one_draft(setup: tuple[Workspace, Cohort, list[int]]) -> None:
    ws, _cohort, ids = setup
    events: list[Event] = []
    ws.subscribe(events.append)
    body = _filled(ws, ids[0])
    for typed in ("C", "Ca", "Caf", "Café by the river"):
        assert ws.agreements.save_draft(ids[0], replace(body, meeting_place=typed)) == 1
    versions = ws.agreements.versions(ids[0])
    assert [v.number for v in versions] == [1]
    assert versions[0].body.meeting_place == "Café by the river" and versions[0].is_draft
    assert events[-1] == AgreementsChanged(frozenset({ids[0]}))
    assert ws.agreements.state(ids[0]).kind == "draft"


def test_signing_freezes_and_an_edit_after_signing_needs_new_signatures(
    setup: tuple[Workspace, Cohort, list[int]], tmp_path: Path
) -> None:
    ws, _cohort, ids = setup
    pid = ids[0]
    ws.agreements.save_draft(pid, _filled(ws, pid))
    v1 = ws.agreements.sign(pid, "mentor", "Yasmin Haddad", date(2026, 2, 1), "drawn", drawn_png())
    assert v1.sha256 is not None and len(v1.sha256) == 64 and v1.frozen_at
    state = ws.agreements.state(pid)
    assert state.kind == "awaiting signatures" and state.waiting_for == ("mentee",)
    ws.agreements.sign(pid, "mentee", "Péter Varga", date(2026, 2, 2))
    assert ws.agreements.state(pid).kind == "signed"
    stored = ws.agreements.versions(pid)
    assert len(stored) == 1 and stored[0].sha256 == v1.sha256  # signatures joined one version
    assert {s.role for s in stored[0].signatures} == {"mentor", "mentee"}
    assert stored[0].signed_by("mentor").image == drawn_png()  # type: ignore[union-attr]
    audit = ws.db.execute("SELECT summary FROM audit WHERE kind = 'signing' ORDER BY id").fetchall()
    assert len(audit) == 2 and "mentor signed (drawn)" in audit[0][0]
    with pytest.raises(AgreementRefused, match="already signed"):
        ws.agreements.sign(pid, "mentee", "Péter Varga")

    old_pdf = tmp_path / "v1.pdf"
    ws.agreements.export_pdf(pid, old_pdf)
    assert stat.S_IMODE(os.stat(old_pdf).st_mode) == 0o600

    changed = replace(stored[0].body, length_min=45)
    assert ws.agreements.save_draft(pid, changed) == 2
    assert ws.agreements.state(pid).kind == "changed since signing"
    assert ws.agreements.versions(pid)[0].body == stored[0].body  # v1 never changes
    ws.agreements.sign(pid, "mentee", "Péter Varga", date(2026, 3, 1))
    v2 = ws.agreements.versions(pid)[1]
    assert v2.sha256 not in (None, v1.sha256) and v2.body.length_min == 45
    assert ws.agreements.state(pid).waiting_for == ("mentor",)

    result = ws.agreements.verify(old_pdf)  # the old hash still verifies
    assert result.matches and (result.pair_id, result.version) == (pid, 1)
    assert result.signed_on == date(2026, 2, 2)  # the day the last of them signed
    v2_pdf = ws.agreements.export_pdf(pid, tmp_path / "v2.pdf")  # the mentor has not signed
    waiting = ws.agreements.verify(v2_pdf)
    assert waiting.matches and waiting.version == 2 and waiting.signed_on is None
    assert ws.agreements.document(pid, 1).body == stored[0].body  # every version readable
    assert ws.agreements.document(pid).version == 2


def test_signing_refuses_an_incomplete_text_and_writes_nothing(
    setup: tuple[Workspace, Cohort, list[int]],
) -> None:
    ws, _cohort, ids = setup
    with pytest.raises(AgreementRefused, match="image"):
        ws.agreements.sign(ids[0], "mentor", "Yasmin Haddad", method="drawn")
    assert ws.agreements.versions(ids[0]) == []
    assert ws.db.execute("SELECT COUNT(*) FROM signatures").fetchone()[0] == 0


def test_open_points_do_not_stop_signing_and_print_as_to_be_agreed(
    setup: tuple[Workspace, Cohort, list[int]], tmp_path: Path
) -> None:
    """A pair can sign before naming topics or a place (the CLI has no editor): the PDF
    says what is still to be agreed."""
    from pypdf import PdfReader

    from rmdesk.models.agreements import open_points

    ws, _cohort, ids = setup
    body = ws.agreements.agreement(ids[0]).body
    ws.agreements.save_draft(ids[0], replace(body, topics=(), meeting_place=""))
    assert [p.split(":")[0] for p in open_points(ws.agreements.agreement(ids[0]).body)] == [
        "topics",
        "meeting_place",
    ]
    ws.agreements.sign(ids[0], "mentor", "Yasmin Haddad")
    assert ws.agreements.state(ids[0]).kind == "awaiting signatures"
    out = ws.agreements.export_pdf(ids[0], tmp_path / "a.pdf")
    text = "".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "to be agreed" in text


def test_a_new_agreement_takes_the_topics_noted_at_enrolment(
    setup: tuple[Workspace, Cohort, list[int]],
) -> None:
    ws, cohort, ids = setup
    pair = ws.pairing.get_pair(ids[1])
    ws.cohorts.set_interests(cohort, pair.mentee_id, "Customer churn; culture")
    ws.cohorts.set_interests(cohort, pair.mentor_id, "culture, AI tools")
    assert ws.agreements.agreement(ids[1]).body.topics == ("Customer churn", "culture", "AI tools")


def test_unsign_of_the_only_signature_makes_the_version_a_draft_again(
    setup: tuple[Workspace, Cohort, list[int]],
) -> None:
    ws, _cohort, ids = setup
    ws.agreements.save_draft(ids[0], _filled(ws, ids[0]))
    ws.agreements.sign(ids[0], "mentor", "Yasmin Haddad")
    ws.agreements.unsign(ids[0], "mentor")
    (v,) = ws.agreements.versions(ids[0])
    assert v.is_draft and v.signatures == () and ws.agreements.state(ids[0]).kind == "draft"


def test_states_of_a_cohort(setup: tuple[Workspace, Cohort, list[int]]) -> None:
    ws, cohort, ids = setup
    ws.agreements.save_draft(ids[1], _filled(ws, ids[1]))
    ws.agreements.save_draft(ids[2], _filled(ws, ids[2]))
    ws.agreements.sign(ids[2], "mentee", "Käthe Schäfer", method="paper")
    states = ws.agreements.states(cohort)
    assert [states[i].label for i in ids] == [
        "none", "draft", "awaiting signatures (mentor)"
    ]  # fmt: skip


def _sign_all(ws: Workspace, ids: list[int]) -> None:
    for pid in ids:
        ws.agreements.save_draft(pid, _filled(ws, pid))
        ws.agreements.sign(pid, "mentor", "A Mentor", date(2026, 2, 1))
        ws.agreements.sign(pid, "mentee", "A Mentee", date(2026, 2, 1))


def test_export_all_writes_signed_ones_and_a_cancel_leaves_no_partial_file(
    setup: tuple[Workspace, Cohort, list[int]], tmp_path: Path
) -> None:
    ws, cohort, ids = setup
    _sign_all(ws, ids[:2])
    ws.agreements.save_draft(ids[2], _filled(ws, ids[2]))  # a draft is not exported
    out = tmp_path / "all"
    files = ws.agreements.export_all(cohort, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in files)
    assert len(files) == 2 and all(f.read_bytes().startswith(b"%PDF") for f in files)
    assert all(f"agreement-{pid}-" in f.name for pid, f in zip(ids, files, strict=False))

    calls: list[int] = []

    def stop_after_one(done: int, total: int, what: str) -> bool:
        calls.append(done)
        return done < 1

    cancelled = tmp_path / "cancelled"
    written = ws.agreements.export_all(cohort, cancelled, stop_after_one)
    assert len(written) == 1 and calls == [0, 1]
    assert [p.name for p in cancelled.iterdir()] == [written[0].name]  # no temp file left


def test_verify_matches_none_and_altered(
    setup: tuple[Workspace, Cohort, list[int]], tmp_path: Path
) -> None:
    ws, _cohort, ids = setup
    _sign_all(ws, ids[:1])
    pdf = ws.agreements.export_pdf(ids[0], tmp_path / "a.pdf")
    assert ws.agreements.verify(pdf).matches
    # a forged copy: other terms, the signed version's fingerprint kept
    doc = ws.agreements.document(ids[0])
    forged = replace(doc, body=replace(doc.body, length_min=30))
    (tmp_path / "altered.pdf").write_bytes(render_agreement_pdf(forged, ws.agreements.page_size))
    bad = ws.agreements.verify(tmp_path / "altered.pdf")
    assert not bad.matches and bad.altered and bad.pair_id == ids[0]
    assert "altered" in bad.sentence
    ws.agreements.save_draft(ids[1], _filled(ws, ids[1]))
    draft = ws.agreements.export_pdf(ids[1], tmp_path / "draft.pdf")
    none = ws.agreements.verify(draft)
    assert not none.matches and not none.altered and "unsigned draft" in none.sentence
    (tmp_path / "junk.pdf").write_bytes(b"not a pdf")
    junk = ws.agreements.verify(tmp_path / "junk.pdf")
    assert not junk.matches and "not an rmdesk agreement" in junk.sentence


def test_verify_refuses_a_copy_with_something_drawn_over_it(
    setup: tuple[Workspace, Cohort, list[int]], tmp_path: Path
) -> None:
    """A white box over a line, or a picture of other words on top, leaves the text (and so
    the text comparison) as it was; the pages themselves must be as rmdesk printed them. A
    copy merely saved again by another program still verifies."""
    import io

    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen.canvas import Canvas

    ws, _cohort, ids = setup
    _sign_all(ws, ids[:1])
    pdf = ws.agreements.export_pdf(ids[0], tmp_path / "a.pdf")
    saved_again = PdfWriter(clone_from=PdfReader(pdf))
    saved_again.add_metadata({"/Producer": "another program"})
    with open(tmp_path / "resaved.pdf", "wb") as fh:
        saved_again.write(fh)
    again = ws.agreements.verify(tmp_path / "resaved.pdf")
    assert again.matches and again.pair_id == ids[0]

    cover = io.BytesIO()
    canvas = Canvas(cover, pagesize=(595.27, 841.89))
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(60, 400, 300, 40, stroke=0, fill=1)  # paint over a line of the terms
    canvas.save()
    writer = PdfWriter(clone_from=PdfReader(pdf))
    writer.pages[0].merge_page(PdfReader(io.BytesIO(cover.getvalue())).pages[0])
    with open(tmp_path / "covered.pdf", "wb") as fh:
        writer.write(fh)
    covered = ws.agreements.verify(tmp_path / "covered.pdf")
    assert not covered.matches and covered.altered
    assert "drawn over" in covered.sentence


def test_parse_template_names_fields() -> None:
    body, problems = parse_template(default_template().to_json())
    assert body == default_template() and problems == []
    _b, problems = parse_template('{"length_min": "sixty", "colour": 1}')
    assert problems == [
        "length_min: expected int",
        "colour: unknown field (known: topics, off_limits, topic_prompts, meeting_place, "
        "place_hint, format, frequency, length_min, sessions, first_session, sections, schema)",
    ]
    _b, problems = parse_template('{"format": "carrier pigeon"}')
    assert problems and problems[0].startswith("format:")
    _b, problems = parse_template("{oops")
    assert problems[0].startswith("line 1, column 2")


# -- the command line ----------------------------------------------------------------------------
@pytest.fixture
def cli_db(db_path: Path) -> tuple[Path, list[int]]:
    ws = Workspace.open(db_path)
    _cohort, ids = _setup(ws)
    ws.agreements.save_draft(ids[0], _filled(ws, ids[0]))
    ws.close()
    return db_path, ids


def test_cli_sign_agreements_agreement_verify(
    cli_db: tuple[Path, list[int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, ids = cli_db
    pid = str(ids[0])
    base = ["--db", str(db)]
    assert main(["sign", pid, "--as", "mentor", "--name", "Yasmin Haddad", "--on", "2026-02-01",
                 *base]) == 0  # fmt: skip
    assert main(["sign", pid, "--as", "mentee", "--name", "Péter Varga", "--on", "2026-02-03",
                 "--paper", *base]) == 0  # fmt: skip
    assert main(["sign", pid, "--as", "mentee", "--name", "Again", *base]) == 1
    # a pair that has named no topics yet can still sign: they print as "to be agreed"
    assert main(["sign", str(ids[1]), "--as", "mentor", "--name", "X", *base]) == 0
    capsys.readouterr()
    assert main(["agreements", "--json", *base]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["pair_id"], r["state"]) for r in listed] == [
        (ids[0], "signed"), (ids[1], "awaiting signatures"), (ids[2], "none")
    ]  # fmt: skip
    assert listed[0]["version"] == 1 and listed[0]["sha256"]
    out = tmp_path / "one.pdf"
    assert main(["agreement", pid, "--pdf", str(out), *base]) == 0
    assert main(["verify", str(out), *base]) == 0
    assert f"matches pair {pid}, version 1, completed on 2026-02-03" in capsys.readouterr().out
    folder = tmp_path / "folder"
    assert main(["agreements", "--out", str(folder), *base]) == 0
    assert len(list(folder.iterdir())) == 1
    (tmp_path / "other.pdf").write_bytes(b"%PDF-1.4 nothing")
    assert main(["verify", str(tmp_path / "other.pdf"), *base]) == 1
    assert main(["agreement", "999", "--pdf", str(out), *base]) == 1
    for command in (["agreements"], ["sign", "1", "--as", "mentor", "--name", "X"],
                    ["template"], ["verify", str(out)]):  # fmt: skip
        assert main([*command, "--db", str(tmp_path / "missing.db")]) == 1
    assert not (tmp_path / "missing.db").exists()


def test_configure_sets_what_agreements_print_with(
    setup: tuple[Workspace, Cohort, list[int]],
) -> None:
    ws, _cohort, ids = setup
    ws.agreements.configure("Northwind RM", "Rania Haddad", True, "Letter")
    doc = ws.agreements.document(ids[0])
    assert doc.identity.programme == "Northwind RM" and doc.officer_name == "Rania Haddad"
    assert doc.officer_signs and ws.agreements.page_size == "Letter"
    with pytest.raises(AgreementRefused, match="page_size"):
        ws.agreements.configure(page_size="A5")
    ws.agreements.save_draft(ids[0], _filled(ws, ids[0]))
    ws.agreements.sign(ids[0], "mentor", "M")
    ws.agreements.sign(ids[0], "mentee", "E")
    assert ws.agreements.state(ids[0]).waiting_for == ("officer",)


def test_cli_template_print_and_edit(
    cli_db: tuple[Path, list[int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ids = cli_db
    base = ["--db", str(db)]
    capsys.readouterr()
    assert main(["template", *base]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["frequency"] == "monthly"
    printed["frequency"] = "fortnightly"
    good = tmp_path / "t.json"
    good.write_text(json.dumps(printed), "utf-8")
    assert main(["template", "--edit", str(good), *base]) == 0
    printed["length_min"] = 2
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(printed), "utf-8")
    capsys.readouterr()
    assert main(["template", "--edit", str(bad), *base]) == 1
    assert "length_min" in capsys.readouterr().err
    assert main(["template", *base]) == 0
    assert json.loads(capsys.readouterr().out)["frequency"] == "fortnightly"
    with pytest.raises(SystemExit) as usage:
        main(["sign", "1", "--as", "boss", "--name", "X", *base])
    assert usage.value.code == 2


@pytest.mark.parametrize(
    ("mentor", "mentee", "expected"),
    [
        ("Yasmin Haddad", "Péter Varga", "agreement-3-yasmin-haddad-peter-varga-v2.pdf"),
        ("王伟", "فاطمة الزهراء", "agreement-3-王伟-فاطمة-الزهراء-v2.pdf"),
        (
            "Søren Ødegård",
            "Anne-Marie O'Brien",
            "agreement-3-Søren-Ødegård-anne-marie-o-brien-v2.pdf",
        ),
        ("मोहन दास", "***", "agreement-3-मोहन-दास-v2.pdf"),
    ],
)
def test_pdf_file_names_keep_every_script_and_fold_latin_accents(
    mentor: str, mentee: str, expected: str
) -> None:
    """A pair named in Arabic or Chinese is told apart by its file name, not only its id."""
    assert pdf_file_name(3, mentor, mentee, 2) == expected


def test_pdf_file_names_of_long_names_fit_every_file_system() -> None:
    name = pdf_file_name(12345, "محمد بن عبد الله " * 20, "佐藤さくら" * 40, 17)
    assert len(name.encode("utf-8")) < 255 and name.endswith("-v17.pdf")
    assert not any(c in name for c in '<>:"/\\|?* ')


def test_a_template_names_every_bad_field_at_once() -> None:
    """A field of the wrong type hid the others' problems until it was fixed."""
    body, problems = parse_template('{"sessions": "six", "frequency": "hourly", "length_min": -5}')
    assert body is None
    assert [p.split(":")[0] for p in problems] == ["sessions", "frequency", "length_min"]
