"""`rmdesk cohort|enrol|check|pair|pairs|suggest`: exit codes and the JSON contracts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rmdesk.cli import main
from tests.unit.orgs import SMALL, write_roster

# SMALL:  C1 CEO ─┬─ F1 CFO ──── F2 analyst ── F3 junior analyst
#                 ├─ S1 Dir CS ─┬ S2 agent
#                 │             └ S3 team lead ── S4 new agent
#                 └─ T1 CTO ──── T2 developer

CONFLICT_KEYS = {"code", "severity", "message"}
PAIR_KEYS = {"id", "mentor_id", "mentee_id", "override_reason", "conflicts"}


class Cli:
    """Runs ``rmdesk`` against one database file and keeps what it printed."""

    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys
        self.out = self.err = ""

    def __call__(self, *argv: str) -> int:
        self.capsys.readouterr()
        code = main([*argv, "--db", str(self.db)])
        self.out, self.err = self.capsys.readouterr()
        return code

    def json(self, *argv: str) -> Any:
        assert self(*argv, "--json") == 0, self.err
        return json.loads(self.out)


@pytest.fixture
def cli(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    run = Cli(db_path, capsys)
    assert run("import", str(write_roster(tmp_path / "small.csv", SMALL))) == 0
    assert run("cohort", "Spring", "--starts", "2025-03-01", "--ends", "2025-09-01") == 0
    return run


def test_cohort_create_and_update(cli: Cli) -> None:
    assert "Cohort 'Spring': 2025-03-01 to 2025-09-01, up to 1 mentee per mentor" in cli.out
    assert cli("cohort", "Spring", "--capacity", "2") == 0
    assert "up to 2 mentees per mentor" in cli.out and "2025-03-01" in cli.out


@pytest.mark.parametrize(
    "argv",
    [
        ["cohort", "X", "--capacity", "0"],
        ["cohort", "X", "--capacity", "two"],
        ["cohort", "X", "--starts", "March"],
        ["enrol", "S2"],  # --as is required
        ["enrol", "S2", "--as", "sponsor"],
        ["pair", "S2"],
        ["check"],
    ],
)
def test_usage_errors_exit_2(cli: Cli, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli(*argv)
    assert info.value.code == 2
    assert cli.capsys.readouterr().err


def test_cohort_ending_before_it_starts_is_rejected(cli: Cli) -> None:
    assert cli("cohort", "Bad", "--starts", "2025-05-01", "--ends", "2025-04-01") == 1
    assert "before it starts" in cli.err


def test_enrol(cli: Cli) -> None:
    assert cli("enrol", "S2", "F3", "--as", "mentor") == 0
    assert "Enrolled 2 as mentors in 'Spring'" in cli.out
    assert cli("enrol", "S2", "T2", "--as", "mentor") == 0
    assert "Enrolled 1 as mentor in 'Spring' (1 already was)" in cli.out


def test_enrol_unknown_id_exits_1_and_writes_nothing(cli: Cli) -> None:
    assert cli("enrol", "S2", "X99", "--as", "mentor") == 1
    assert "X99" in cli.err
    assert cli.json("suggest") == []
    assert "S2" not in cli.err  # S2 was not enrolled, so not reported as unplaced


def test_check_json_shape(cli: Cli) -> None:
    doc = cli.json("check", "F2", "F1")
    assert set(doc) == {"mentor", "mentee", "conflicts", "score"}
    assert (doc["mentor"], doc["mentee"]) == ("F2", "F1")
    assert isinstance(doc["score"], int)
    assert [c["code"] for c in doc["conflicts"]] == ["direct-report", "same-department"]
    assert [c["severity"] for c in doc["conflicts"]] == ["block", "warn"]
    for c in doc["conflicts"]:
        assert set(c) == CONFLICT_KEYS
        assert "Zoë Ødegård (F2)" in c["message"] and "José Muñoz (F1)" in c["message"]


def test_check_clean_pair_and_score(cli: Cli) -> None:
    doc = cli.json("check", "S2", "F1")
    assert doc["conflicts"] == []
    assert doc["score"] == 3 + 4  # other division, reverse gap capped at 4


def test_check_text(cli: Cli) -> None:
    assert cli("check", "F2", "F1") == 0
    assert "F2 → F1: BLOCKED" in cli.out
    assert "[block] direct-report:" in cli.out
    assert cli("check", "S2", "F1") == 0 and "clean, score 7" in cli.out


@pytest.mark.parametrize("argv", [["check", "X99", "F1"], ["pair", "S2", "X99"]])
def test_unknown_employee_exits_1(cli: Cli, argv: list[str]) -> None:
    assert cli(*argv) == 1
    assert "X99" in cli.err
    assert cli.json("pairs") == []


def test_unknown_cohort_exits_1(cli: Cli) -> None:
    assert cli("pairs", "--cohort", "Winter") == 1
    assert "no cohort called 'Winter'" in cli.err


def test_no_cohort_yet_exits_1(db_path: Path, tmp_path: Path, capsys: Any) -> None:
    run = Cli(db_path, capsys)
    assert run("import", str(write_roster(tmp_path / "small.csv", SMALL))) == 0
    assert run("pair", "S2", "F1") == 1
    assert "no cohort yet" in run.err


def test_check_needs_no_cohort(db_path: Path, tmp_path: Path, capsys: Any) -> None:
    run = Cli(db_path, capsys)
    assert run("import", str(write_roster(tmp_path / "small.csv", SMALL))) == 0
    doc = run.json("check", "F2", "F1")
    assert doc["conflicts"][0]["code"] == "direct-report"
    assert run("check", "F2", "NOPE") == 1
    assert "NOPE" in run.err


def test_checking_an_existing_pair_does_not_count_it_against_itself(cli: Cli) -> None:
    assert cli("pair", "S2", "F1") == 0
    codes = [c["code"] for c in cli.json("check", "S2", "F1")["conflicts"]]
    assert "already-paired" not in codes
    codes = [c["code"] for c in cli.json("check", "T2", "F1")["conflicts"]]
    assert "already-paired" in codes  # somebody else's mentee still is taken


def test_refused_blocked_pair_exits_3(cli: Cli) -> None:
    assert cli("pair", "F2", "F1") == 3
    assert cli.out == ""
    assert "blocked" in cli.err
    assert "direct-report: Zoë Ødegård (F2) reports directly to José Muñoz (F1)" in cli.err
    assert cli.json("pairs") == []  # nothing written


def test_pair_with_override_exits_0_with_the_json_shape(cli: Cli) -> None:
    doc = cli.json("pair", "F2", "F1", "--override", "approved by the HR director")
    assert set(doc) == PAIR_KEYS
    assert isinstance(doc["id"], int)
    assert (doc["mentor_id"], doc["mentee_id"]) == ("F2", "F1")
    assert doc["override_reason"] == "approved by the HR director"
    assert doc["conflicts"][0]["code"] == "direct-report"
    assert doc["conflicts"][0]["severity"] == "block"
    assert all(set(c) == CONFLICT_KEYS for c in doc["conflicts"])


def test_pair_clean_json_and_text(cli: Cli) -> None:
    doc = cli.json("pair", "S2", "F1")
    assert doc["override_reason"] is None and doc["conflicts"] == []
    people = {e["employee_id"]: e["name"] for e in cli.json("roster")}
    assert cli("pair", "F3", "T1") == 0
    # the people by name and id, as every other message names them
    assert f"{people['F3']} (F3) mentors {people['T1']} (T1)" in cli.out


def test_pairs_json_adds_status(cli: Cli) -> None:
    first = cli.json("pair", "S2", "F1")
    second = cli.json("pair", "F3", "F2", "--override", "pilot")
    listed = cli.json("pairs")
    assert [set(p) for p in listed] == [PAIR_KEYS | {"status"}] * 2
    assert [p["status"] for p in listed] == ["active", "active"]
    same = PAIR_KEYS - {"conflicts"}
    assert {k: listed[0][k] for k in same} == {k: first[k] for k in same}
    assert listed[0]["conflicts"] == []
    assert [c["code"] for c in listed[1]["conflicts"]][:1] == ["direct-report"]
    assert listed[1]["override_reason"] == second["override_reason"] == "pilot"
    assert cli("pairs") == 0 and "override: pilot" in cli.out


def test_no_override_gives_a_mentee_two_mentors_or_pairs_a_leaver(cli: Cli) -> None:
    cli.json("pair", "S2", "F1")
    assert cli("pair", "F2", "F1", "--override", "pilot") == 1
    assert "already has a mentor" in cli.err and "No override reason" in cli.err
    assert cli("pair", "S2", "S2", "--override", "why not") == 1
    assert [p["mentee_id"] for p in cli.json("pairs")] == ["F1"]


def test_pairs_show_a_new_conflict_after_reimport(cli: Cli, tmp_path: Path) -> None:
    cli.json("pair", "S2", "F1")
    moved = write_roster(tmp_path / "moved.csv", SMALL, {"S2": {"manager_id": "F1"}})
    assert cli("import", str(moved)) == 0
    (listed,) = cli.json("pairs")
    assert listed["conflicts"][0]["code"] == "direct-report"


def test_suggest_json_and_apply(cli: Cli) -> None:
    assert cli("enrol", "F3", "S2", "T2", "--as", "mentor") == 0
    assert cli("enrol", "F1", "S1", "T1", "--as", "mentee") == 0
    proposals = cli.json("suggest")
    assert len(proposals) == 3
    for p in proposals:
        assert set(p) == {"mentor_id", "mentee_id", "score", "reasons"}
        assert isinstance(p["score"], int)
        assert p["reasons"] and all(isinstance(r, str) for r in p["reasons"])
    assert cli.json("pairs") == []  # suggesting alone writes nothing
    applied = cli.json("suggest", "--apply")
    assert applied == proposals
    made = {(p["mentor_id"], p["mentee_id"]) for p in cli.json("pairs")}
    assert made == {(p["mentor_id"], p["mentee_id"]) for p in proposals}
    for p in cli.json("pairs"):
        assert not [c for c in p["conflicts"] if c["severity"] == "block"]
    assert cli.json("suggest") == []


def test_suggest_text_and_unplaced_reasons(cli: Cli) -> None:
    assert cli("enrol", "S2", "S3", "--as", "mentor") == 0
    assert cli("enrol", "S1", "--as", "mentee") == 0
    assert cli("suggest") == 0
    assert "Proposed 0 pairs in 'Spring'" in cli.out
    assert "Françoise Lefèvre (S1): not placed: every available mentor has a blocking conflict" in (
        cli.err
    )
    assert cli("enrol", "T1", "--as", "mentee") == 0
    assert cli("suggest", "--apply") == 0
    assert "Made 1 pair in 'Spring'" in cli.out
    assert "score" in cli.out and "+3 other division" in cli.out


def test_cohort_option_defaults_to_the_most_recent(cli: Cli) -> None:
    assert cli("cohort", "Autumn", "--capacity", "2") == 0
    assert cli("enrol", "S2", "--as", "mentor") == 0
    assert "in 'Autumn'" in cli.out
    assert cli("enrol", "S2", "--as", "mentee", "--cohort", "Spring") == 0
    assert "in 'Spring'" in cli.out
    cli.json("pair", "S2", "F1")  # into Autumn, where S2 mentors
    cli.json("pair", "S2", "T1")  # capacity 2 in Autumn
    assert len(cli.json("pairs")) == 2
    assert cli.json("pairs", "--cohort", "Spring") == []
    assert cli("pair", "S2", "C1", "--cohort", "Spring") == 1  # S2 is a mentee there
    assert "enrolled as a mentee" in cli.err
    doc = cli.json("check", "F3", "S2", "--cohort", "Spring")
    assert doc["mentee"] == "S2"


def test_enrol_with_topics_and_availability(cli: Cli) -> None:
    assert cli("enrol", "S2", "T2", "--as", "mentor", "--topics", "culture, AI",
               "--availability", "Tuesdays") == 0  # fmt: skip
    assert cli("enrol", "F1", "--as", "mentee", "--topics", "ai; strategy") == 0
    doc = cli.json("check", "S2", "F1")
    assert doc["score"] == cli.json("check", "S2", "F1")["score"]
    assert cli("check", "S2", "F1") == 0
    assert "+1 shared: ai" in cli.out
    assert cli("enrol", "S2", "--as", "mentor", "--availability", "Fridays") == 0
    assert cli("check", "S2", "F1") == 0
    assert "+1 shared: ai" in cli.out  # topics kept when only availability changes


def test_exclude_blocks_the_pair_and_remove_allows_it_again(cli: Cli) -> None:
    assert cli("exclude", "S2", "F1", "--reason", "ongoing grievance") == 0
    assert "will never be paired" in cli.out
    (conflict,) = [c for c in cli.json("check", "F1", "S2")["conflicts"]
                   if c["code"] == "excluded"]  # fmt: skip
    assert conflict["severity"] == "block" and "ongoing grievance" in conflict["message"]
    assert cli("pair", "S2", "F1") == 3
    assert cli("exclude", "F1", "S2", "--remove") == 0
    assert "excluded" not in [c["code"] for c in cli.json("check", "S2", "F1")["conflicts"]]
    assert cli("exclude", "S2", "S2") == 1
    assert "two different people" in cli.err
    assert cli("exclude", "S2", "NOPE") == 1


def test_seniority_setting_flips_not_reverse(cli: Cli) -> None:
    assert cli("seniority") == 0 and "higher grade number is more senior" in cli.out
    assert "not-reverse" not in [c["code"] for c in cli.json("check", "F3", "F1")["conflicts"]]
    assert cli("seniority", "lower") == 0 and "lower grade number" in cli.out
    assert "not-reverse" in [c["code"] for c in cli.json("check", "F3", "F1")["conflicts"]]
