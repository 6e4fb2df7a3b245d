"""Ground-rules agreements: a pair's agreed body, its frozen versions, signatures and state.

The body is stored as JSON text (``agreements.body``, ``templates.body``); ``from_json`` is
tolerant so that older or hand-edited bodies still load. When a version is frozen its content
hash is taken over ``canonical_content``: the body *and* the pair's identity as printed (programme
and cohort, both people's id, name, title and department) and the version number. Signatures are
not covered: they are added after freezing and do not change what was agreed.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date

FORMATS = ("in person", "video", "walking", "mixed")
FREQUENCIES = ("weekly", "fortnightly", "every 3 weeks", "monthly", "every 6 weeks")
ROLES = ("mentor", "mentee", "officer")
REQUIRED_ROLES = ("mentor", "mentee")
METHODS = ("drawn", "typed", "paper")
SECTION_KEYS = (
    "purpose",
    "roles",
    "confidentiality",
    "commitment",
    "learnings",
    "exit",
    "personal",
)
SCHEMA = 1


@dataclass(frozen=True, slots=True)
class Section:
    """One prose section of the agreement (key from SECTION_KEYS, or the officer's own)."""

    key: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class AgreementBody:
    """What a pair agrees: structured fields the app uses, and prose sections."""

    topics: tuple[str, ...] = ()
    off_limits: tuple[str, ...] = ()
    topic_prompts: tuple[str, ...] = ()
    meeting_place: str = ""
    place_hint: str = ""
    format: str = "in person"
    frequency: str = "monthly"
    length_min: int = 60
    first_session: date | None = None
    sessions: int = 6
    sections: tuple[Section, ...] = ()

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def with_section_text(self, key: str, text: str) -> AgreementBody:
        """A copy with one section's text replaced (the section is added if missing)."""
        if self.section(key) is None:
            return replace(self, sections=(*self.sections, Section(key, key.title(), text)))
        return replace(
            self,
            sections=tuple(replace(s, text=text) if s.key == key else s for s in self.sections),
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "schema": SCHEMA,
            "topics": list(self.topics),
            "off_limits": list(self.off_limits),
            "topic_prompts": list(self.topic_prompts),
            "meeting_place": self.meeting_place,
            "place_hint": self.place_hint,
            "format": self.format,
            "frequency": self.frequency,
            "length_min": self.length_min,
            "first_session": self.first_session.isoformat() if self.first_session else None,
            "sessions": self.sessions,
            "sections": [{"key": s.key, "title": s.title, "text": s.text} for s in self.sections],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> AgreementBody:
        """Read a stored body; missing or malformed keys take the defaults."""
        default = cls()

        def texts(key: str) -> tuple[str, ...]:
            value = data.get(key)
            if isinstance(value, str):
                value = [v for v in value.replace(";", "\n").splitlines()]
            if not isinstance(value, list):
                return ()
            return tuple(str(v).strip() for v in value if str(v).strip())

        def text(key: str, fallback: str) -> str:
            value = data.get(key)
            return value if isinstance(value, str) else fallback

        def number(key: str, fallback: int) -> int:
            value = data.get(key)
            try:
                return int(value) if isinstance(value, int | str | float) else fallback
            except ValueError:
                return fallback

        first: date | None = None
        raw_first = data.get("first_session")
        if isinstance(raw_first, str) and raw_first:
            try:
                first = date.fromisoformat(raw_first[:10])
            except ValueError:
                first = None
        sections: list[Section] = []
        raw_sections = data.get("sections")
        if isinstance(raw_sections, list):
            for item in raw_sections:
                if isinstance(item, dict) and isinstance(item.get("key"), str):
                    key = str(item["key"])
                    sections.append(
                        Section(
                            key, str(item.get("title") or key.title()), str(item.get("text", ""))
                        )
                    )
        return cls(
            topics=texts("topics"),
            off_limits=texts("off_limits"),
            topic_prompts=texts("topic_prompts"),
            meeting_place=text("meeting_place", default.meeting_place),
            place_hint=text("place_hint", default.place_hint),
            format=text("format", default.format),
            frequency=text("frequency", default.frequency),
            length_min=number("length_min", default.length_min),
            first_session=first,
            sessions=number("sessions", default.sessions),
            sections=tuple(sections),
        )

    @classmethod
    def from_json(cls, text: str) -> AgreementBody:
        """Parse stored JSON; an empty or broken text gives the empty body."""
        try:
            data = json.loads(text or "{}")
        except json.JSONDecodeError:
            data = {}
        return cls.from_dict(data if isinstance(data, dict) else {})


@dataclass(frozen=True, slots=True)
class Party:
    """One person of the pair as the agreement prints them."""

    employee_id: str
    name: str
    title: str = ""
    department: str = ""


@dataclass(frozen=True, slots=True)
class PairIdentity:
    """Who the agreement is between, and in which programme (snapshot at freezing time)."""

    programme: str
    cohort: str
    mentor: Party
    mentee: Party

    def to_dict(self) -> dict[str, object]:
        def party(p: Party) -> dict[str, str]:
            return {"employee_id": p.employee_id, "name": p.name, "title": p.title,
                    "department": p.department}  # fmt: skip

        return {"programme": self.programme, "cohort": self.cohort,
                "mentor": party(self.mentor), "mentee": party(self.mentee)}  # fmt: skip

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> PairIdentity:
        def party(value: object) -> Party:
            d = value if isinstance(value, dict) else {}
            return Party(*(str(d.get(k) or "") for k in ("employee_id", "name", "title",
                                                          "department")))  # fmt: skip

        return cls(str(data.get("programme") or ""), str(data.get("cohort") or ""),
                   party(data.get("mentor")), party(data.get("mentee")))  # fmt: skip


def _nfc(value: object) -> object:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_nfc(v) for v in value]
    return value


def canonical_content(body: AgreementBody, identity: PairIdentity, version: int) -> bytes:
    """The stable bytes a version's hash is taken over: sorted keys, NFC text, compact JSON."""
    document = {"body": body.to_dict(), "pair": identity.to_dict(), "version": version}
    return json.dumps(
        _nfc(document), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


def content_sha256(body: AgreementBody, identity: PairIdentity, version: int) -> str:
    """SHA-256 (hex) of ``canonical_content``: what a signed version promises, and to whom."""
    return hashlib.sha256(canonical_content(body, identity, version)).hexdigest()


def frozen_json(body: AgreementBody, identity: PairIdentity) -> str:
    """The body JSON to store for a frozen version: the body plus the identity it was signed as,
    so a later roster change (a new title) neither alters nor breaks what verifies."""
    data = body.to_dict()
    data["pair"] = identity.to_dict()
    return json.dumps(data, ensure_ascii=False, indent=1)


def identity_from_json(text: str) -> PairIdentity | None:
    """The identity stored by ``frozen_json``, or None for a draft body."""
    try:
        data = json.loads(text or "{}")
    except json.JSONDecodeError:
        return None
    pair = data.get("pair") if isinstance(data, dict) else None
    return PairIdentity.from_dict(pair) if isinstance(pair, dict) else None


@dataclass(frozen=True, slots=True)
class Signature:
    """A signature on one version: drawn (PNG), a typed name, or on paper after printing."""

    role: str
    typed_name: str
    signed_on: date
    method: str = "typed"
    image: bytes | None = None


@dataclass(frozen=True, slots=True)
class AgreementVersion:
    """One version of a pair's agreement; ``sha256`` is None while it is a draft."""

    number: int
    body: AgreementBody
    sha256: str | None = None
    frozen_at: str | None = None
    signatures: tuple[Signature, ...] = field(default_factory=tuple)

    @property
    def is_draft(self) -> bool:
        return self.sha256 is None

    def signed_by(self, role: str) -> Signature | None:
        return next((s for s in self.signatures if s.role == role), None)


@dataclass(frozen=True, slots=True)
class AgreementState:
    """Where a pair's agreement stands; ``waiting_for`` names the roles still to sign."""

    kind: str  # "none" | "draft" | "awaiting signatures" | "signed" | "changed since signing"
    waiting_for: tuple[str, ...] = ()
    version: int | None = None

    @property
    def label(self) -> str:
        if self.kind == "awaiting signatures" and self.waiting_for:
            return f"awaiting signatures ({', '.join(self.waiting_for)})"
        return self.kind


def agreement_state(versions: list[AgreementVersion] | tuple[AgreementVersion, ...],
                    officer_signs: bool = False) -> AgreementState:  # fmt: skip
    """The state of a pair's agreement from all its versions (any order).

    A frozen version needs the mentor's and the mentee's signature (and the officer's when
    ``officer_signs``). A draft after a fully signed version means "changed since signing"."""
    if not versions:
        return AgreementState("none")
    ordered = sorted(versions, key=lambda v: v.number)
    latest = ordered[-1]
    needed = (*REQUIRED_ROLES, "officer") if officer_signs else REQUIRED_ROLES

    def missing(v: AgreementVersion) -> tuple[str, ...]:
        return tuple(r for r in needed if v.signed_by(r) is None)

    if latest.is_draft:
        signed_before = any(not v.is_draft and not missing(v) for v in ordered[:-1])
        kind = "changed since signing" if signed_before else "draft"
        return AgreementState(kind, version=latest.number)
    waiting = missing(latest)
    if waiting:
        return AgreementState("awaiting signatures", waiting, latest.number)
    return AgreementState("signed", version=latest.number)


def validate(body: AgreementBody) -> list[str]:
    """Problems with a body, each naming its field; empty when the body can be frozen."""
    problems: list[str] = []
    if body.format not in FORMATS:
        problems.append(f"format: '{body.format}' is not one of {', '.join(FORMATS)}")
    if body.frequency not in FREQUENCIES:
        problems.append(f"frequency: '{body.frequency}' is not one of {', '.join(FREQUENCIES)}")
    if not 15 <= body.length_min <= 240:
        problems.append(f"length_min: {body.length_min} minutes is outside 15..240")
    if not 1 <= body.sessions <= 52:
        problems.append(f"sessions: {body.sessions} is outside 1..52")
    overlap = {t.casefold() for t in body.topics} & {t.casefold() for t in body.off_limits}
    if overlap:
        problems.append(
            f"off_limits: also listed as topics of interest: {', '.join(sorted(overlap))}"
        )
    keys = [s.key for s in body.sections]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(f"sections: '{key}' appears more than once")
    for s in body.sections:
        if not s.text.strip():
            problems.append(f"sections.{s.key}: '{s.title}' is empty")
    return problems


def open_points(body: AgreementBody) -> list[str]:
    """What the pair has not settled yet, each naming its field. Unlike ``validate``'s
    problems these do not stop signing: the PDF prints "to be agreed", and the editor shows
    them as a reminder."""
    points: list[str] = []
    if not body.topics:
        points.append("topics: no topic of interest named yet")
    if not body.meeting_place.strip():
        points.append("meeting_place: where to meet is still to be agreed")
    return points


def validate_signature(signature: Signature) -> list[str]:
    """Problems with a signature, each naming its field."""
    problems: list[str] = []
    if signature.role not in ROLES:
        problems.append(f"role: '{signature.role}' is not one of {', '.join(ROLES)}")
    if signature.method not in METHODS:
        problems.append(f"method: '{signature.method}' is not one of {', '.join(METHODS)}")
    if not signature.typed_name.strip():
        problems.append("name: type the signer's name")
    if signature.method == "drawn" and not signature.image:
        problems.append("image: a drawn signature needs its image")
    return problems
