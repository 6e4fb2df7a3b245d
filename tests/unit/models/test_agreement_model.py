"""The agreement model: stored JSON, the canonical hash, the state of a pair, validation."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from rmdesk.models.agreements import (
    FORMATS,
    SECTION_KEYS,
    AgreementBody,
    AgreementVersion,
    PairIdentity,
    Party,
    Signature,
    agreement_state,
    canonical_content,
    content_sha256,
    frozen_json,
    identity_from_json,
    open_points,
    validate,
    validate_signature,
)
from tests.unit.agreement_samples import body, identity, template


def test_shipped_template_has_every_section_and_prompts_beyond_technology() -> None:
    t = template()
    assert [s.key for s in t.sections] == list(SECTION_KEYS)
    assert all(len(s.text) > 150 for s in t.sections if s.key != "personal")
    prompts = " ".join(t.topic_prompts).lower()
    for word in ("strategy", "policy", "culture", "customer"):
        assert word in prompts
    assert "something more important" in t.section("commitment").text  # type: ignore[union-attr]
    assert "neutral" in t.place_hint


def test_json_round_trip_and_tolerance() -> None:
    b = body()
    assert AgreementBody.from_json(b.to_json()) == b
    assert AgreementBody.from_json("") == AgreementBody()
    assert AgreementBody.from_json("not json") == AgreementBody()
    loose = AgreementBody.from_json(
        json.dumps({"topics": "strategy; culture", "sessions": "8", "first_session": "2026-02-03"})
    )
    assert loose.topics == ("strategy", "culture")
    assert loose.sessions == 8
    assert loose.first_session == date(2026, 2, 3)
    assert loose.length_min == AgreementBody().length_min


def test_hash_is_stable_nfc_and_covers_identity_and_version() -> None:
    b, ident = body(), identity("vietnamese")
    h = content_sha256(b, ident, 1)
    assert len(h) == 64 and h == content_sha256(AgreementBody.from_json(b.to_json()), ident, 1)
    decomposed = replace(
        ident, mentor=replace(ident.mentor, name="Nguye\u0302\u0303n Thi\u0323 Minh Khai")
    )
    assert content_sha256(b, decomposed, 1) == h
    assert content_sha256(b, ident, 2) != h
    assert content_sha256(b, identity("latin"), 1) != h
    assert content_sha256(replace(b, sessions=7), ident, 1) != h
    retitled = replace(ident, mentee=replace(ident.mentee, title="CEO"))
    assert content_sha256(b, retitled, 1) != h
    data = json.loads(canonical_content(b, ident, 1))
    assert list(data) == sorted(data)


def test_frozen_json_keeps_the_identity_it_was_signed_as() -> None:
    b, ident = body(), identity("arabic")
    stored = frozen_json(b, ident)
    assert AgreementBody.from_json(stored) == b
    assert identity_from_json(stored) == ident
    assert identity_from_json(b.to_json()) is None


def _v(number: int, frozen: bool, *roles: str) -> AgreementVersion:
    sigs = tuple(Signature(r, r.title(), date(2026, 1, 1)) for r in roles)
    return AgreementVersion(number, body(), "a" * 64 if frozen else None, None, sigs)


def test_agreement_state() -> None:
    assert agreement_state([]).kind == "none"
    assert agreement_state([_v(1, False)]).kind == "draft"
    waiting = agreement_state([_v(1, True, "mentor")])
    assert (waiting.kind, waiting.waiting_for) == ("awaiting signatures", ("mentee",))
    assert waiting.label == "awaiting signatures (mentee)"
    assert agreement_state([_v(1, True, "mentor", "mentee")]).kind == "signed"
    officer = agreement_state([_v(1, True, "mentor", "mentee")], officer_signs=True)
    assert officer.waiting_for == ("officer",)
    changed = agreement_state([_v(2, False), _v(1, True, "mentee", "mentor")])
    assert (changed.kind, changed.version) == ("changed since signing", 2)
    # A draft after a version nobody finished signing is just a draft.
    assert agreement_state([_v(1, True, "mentor"), _v(2, False)]).kind == "draft"


def test_validation_names_the_field() -> None:
    good = body()
    assert validate(good) == []
    bad = replace(good, sessions=0, length_min=300, format="carrier pigeon", topics=())
    problems = validate(bad)
    for field in ("sessions:", "length_min:", "format:"):
        assert any(p.startswith(field) for p in problems), field
    assert open_points(bad)[0].startswith("topics:")  # settled by the pair, never blocking
    assert validate(replace(good, sessions=52, length_min=15)) == []
    assert validate(replace(good, sessions=53))[0].startswith("sessions:")
    overlap = replace(good, off_limits=("hiring POLICY",))
    assert validate(overlap)[0].startswith("off_limits:")
    assert "video" in FORMATS
    sig = Signature("boss", "", date(2026, 1, 1), "drawn")
    assert {p.split(":")[0] for p in validate_signature(sig)} == {"role", "name", "image"}


def test_party_and_identity_from_dict_tolerate_gaps() -> None:
    ident = PairIdentity.from_dict({"programme": "P", "mentor": {"name": "A"}})
    assert ident.mentor == Party("", "A") and ident.mentee == Party("", "")
