"""The programme template of agreements: the shipped default, and checks for one edited by hand.

``parse_template`` reads the JSON of ``rmdesk template --edit FILE`` strictly, so that every
problem names its field; the stored body is read tolerantly by ``AgreementBody.from_json``.
"""

from __future__ import annotations

import json
from datetime import date

from rmdesk.models.agreements import AgreementBody, validate
from rmdesk.paths import resource

#: The settings an agreement prints with; a change to one re-renders what is shown.
PROGRAMME_SETTING = "programme_name"
OFFICER_SETTING = "officer_name"
OFFICER_SIGNS_SETTING = "officer_signs"
PAGE_SIZE_SETTING = "page_size"
#: Printed on the outcomes report's cover and used as the e-mail drafts' sender.
ORGANISATION_SETTING = "organisation"
OFFICER_EMAIL_SETTING = "officer_email"
PRINTED_SETTINGS = frozenset(
    {PROGRAMME_SETTING, OFFICER_SETTING, OFFICER_SIGNS_SETTING, PAGE_SIZE_SETTING}
)

#: Problems a template saved as typed may have for a while (an emptied section).
PROSE_FIELDS = ("sections.",)


def default_template() -> AgreementBody:
    """The programme template shipped in ``resources/agreement_template.json``."""
    return AgreementBody.from_json(resource("agreement_template.json").read_text("utf-8"))


def template_problems(body: AgreementBody) -> list[str]:
    """``validate``'s problems (what each pair fills in is an open point, not a problem)."""
    return validate(body)


def parse_template(text: str) -> tuple[AgreementBody | None, list[str]]:
    """A template from JSON text, strictly: every problem names its field."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [f"line {exc.lineno}, column {exc.colno}: not valid JSON: {exc.msg}"]
    if not isinstance(data, dict):
        return None, ["the template must be a JSON object"]
    problems: list[str] = []
    wrong: set[str] = set()  # fields of the wrong type: left out of the checks of values
    kinds: dict[str, tuple[type, ...]] = {
        "topics": (list,), "off_limits": (list,), "topic_prompts": (list,),
        "meeting_place": (str,), "place_hint": (str,), "format": (str,), "frequency": (str,),
        "length_min": (int,), "sessions": (int,), "first_session": (str, type(None)),
        "sections": (list,), "schema": (int,),
    }  # fmt: skip
    for key, value in data.items():
        if key not in kinds:
            problems.append(f"{key}: unknown field (known: {', '.join(kinds)})")
        elif not isinstance(value, kinds[key]) or isinstance(value, bool):
            problems.append(f"{key}: expected {' or '.join(k.__name__ for k in kinds[key])}")
            wrong.add(key)
    if isinstance(data.get("first_session"), str):
        try:
            date.fromisoformat(data["first_session"])
        except ValueError:
            problems.append(f"first_session: '{data['first_session']}' is not a YYYY-MM-DD date")
            wrong.add("first_session")
    sections = data.get("sections") if "sections" not in wrong else None
    for i, item in enumerate(sections or []):
        if not isinstance(item, dict) or not isinstance(item.get("key"), str):
            problems.append(f"sections[{i}]: needs a 'key', a 'title' and a 'text'")
            wrong.add("sections")
    # every problem at once: the values of the fields that read are checked too
    readable = {k: v for k, v in data.items() if k in kinds and k not in wrong}
    body = AgreementBody.from_dict(readable)
    problems += [p for p in template_problems(body) if p.split(":")[0].split(".")[0] not in wrong]
    return (None if problems else body), problems
