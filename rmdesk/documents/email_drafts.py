"""Introduction e-mail drafts, one ``.eml`` per pair, for the officer's own mail program.

Each draft is addressed to both people, carries ``X-Unsent: 1`` (Outlook and Thunderbird open it
as a draft to edit and send) and the unsigned agreement. The app itself never sends mail.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from rmdesk.documents.atomic_file import FILE_MODE
from rmdesk.models.people import Employee

DEFAULT_TEMPLATE = """\
Dear {mentor} and {mentee},

Welcome to {programme}. You have been paired for reverse mentoring: {mentor} will mentor \
{mentee}, who is keen to learn from a different point of view.

{next_session}

{agreement}

With best wishes,
{officer}
"""
DEFAULT_SUBJECT = "{programme}: {mentor} and {mentee}"
NOT_YET_PLANNED = "to be agreed between you"
MAX_STEM = 80  # characters of a file name before ".eml"

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')

#: ``progress(done, total) -> bool``: False cancels the rest.
Progress = Callable[[int, int], bool]


@dataclass(frozen=True, slots=True)
class Introduction:
    """One pair to introduce: who, their agreement (unsigned PDF) and their first session."""

    pair_id: int
    mentor: Employee
    mentee: Employee
    agreement_pdf: bytes | None = None
    first_session: datetime | None = None  # the next session still ahead, if one is planned
    agreement_signed: bool = False


#: What the drafts say of the attached agreement, unsigned and signed ({agreement}).
ABOUT_UNSIGNED = (
    "Attached is your mentoring agreement. Please read it together at your first meeting, "
    "change what does not suit you, and sign it."
)
ABOUT_SIGNED = "Attached is your signed mentoring agreement, for your records."


#: CRLF line ends, as mail programs expect, and headers written unfolded: Python's folding of
#: long non-Latin names encodes the comma between two addresses ('=?utf-8?q?=2C?='), and a
#: mail program then sees one recipient instead of two. Unfolded lines stay far below the
#: 998 characters a mail line may have; the attachment keeps its 76-character lines.
WRITTEN = policy.SMTP.clone(max_line_length=None)


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace ``{name}`` placeholders; unknown ones and stray braces stay as written."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _address(person: Employee) -> Address | None:
    if not person.email or "@" not in person.email:
        return None
    try:
        return Address(display_name=person.name, addr_spec=person.email.strip())
    except (HeaderParseError, ValueError, IndexError):
        return None


def _when(moment: datetime | None) -> str:
    return moment.strftime("%A %d %B %Y, %H:%M") if moment else NOT_YET_PLANNED


def build_draft(
    intro: Introduction,
    *,
    programme: str,
    officer_name: str,
    officer_email: str | None = None,
    template: str = DEFAULT_TEMPLATE,
    subject: str = DEFAULT_SUBJECT,
) -> EmailMessage:
    """The draft for one pair; a person without a usable address is named at the top."""
    values = {
        "mentor": intro.mentor.name,
        "mentee": intro.mentee.name,
        "programme": programme,
        "first_session": _when(intro.first_session),
        "officer": officer_name,
        "agreement": ABOUT_SIGNED if intro.agreement_signed else ABOUT_UNSIGNED,
        "next_session": (
            f"Your next session: {_when(intro.first_session)}. If that does not suit you "
            "both, agree on another time and a quiet, neutral place."
            if intro.first_session
            else "Please agree on a time for your next session, and a quiet, neutral place "
            "that suits you both."
        ),
    }
    msg = EmailMessage(policy=policy.default)
    recipients = []
    missing = []
    for person in (intro.mentor, intro.mentee):
        address = _address(person)
        if address is None:
            missing.append(person.name)
        else:
            recipients.append(address)
    if recipients:
        msg["To"] = recipients
    if officer_email:
        msg["From"] = Address(display_name=officer_name, addr_spec=officer_email)
    msg["Subject"] = fill(subject, values)
    msg["X-Unsent"] = "1"
    body = fill(template, values)
    if missing:
        body = f"[Add the e-mail address of {' and '.join(missing)} before sending.]\n\n" + body
    msg.set_content(body)
    if intro.agreement_pdf is not None:
        msg.add_attachment(
            intro.agreement_pdf,
            maintype="application",
            subtype="pdf",
            filename=f"Mentoring agreement - {intro.mentor.name} and {intro.mentee.name}.pdf",
        )
    return msg


def draft_file_stem(intro: Introduction) -> str:
    """A file name stem any system accepts, from the pair's names: 'Ana Silva & Bo Chen'."""
    text = unicodedata.normalize("NFC", f"{intro.mentor.name} & {intro.mentee.name}")
    text = _UNSAFE.sub("_", text)
    text = " ".join(text.split()).strip(" .")  # Windows refuses a trailing dot or space
    text = text[:MAX_STEM].rstrip(" .")
    return text if any(ch.isalnum() for ch in text) else f"pair {intro.pair_id}"


def _claim(tmp: Path, target: Path, data: bytes) -> None:
    """Give ``target`` the temp file's bytes; FileExistsError if the name is taken."""
    try:
        os.link(tmp, target)  # whole file or nothing, and never over another file
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links (FAT): exclusive create instead
        with open(target, "xb") as f:
            f.write(data)
        os.chmod(target, FILE_MODE)


def write_draft(folder: str | os.PathLike[str], stem: str, msg: EmailMessage) -> Path:
    """Write ``stem.eml`` in ``folder`` (0600), never over a file: 'stem (2).eml' and on."""
    folder = Path(folder)
    data = msg.as_bytes(policy=WRITTEN)
    fd, name = tempfile.mkstemp(dir=folder, prefix=".draft.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, FILE_MODE)
        n = 1
        while True:
            target = folder / (f"{stem}.eml" if n == 1 else f"{stem} ({n}).eml")
            try:
                _claim(tmp, target, data)
            except FileExistsError:
                n += 1
                continue
            return target
    finally:
        tmp.unlink(missing_ok=True)


def write_cohort_drafts(
    folder: str | os.PathLike[str],
    intros: Iterable[Introduction],
    *,
    programme: str,
    officer_name: str,
    officer_email: str | None = None,
    template: str = DEFAULT_TEMPLATE,
    subject: str = DEFAULT_SUBJECT,
    progress: Progress | None = None,
) -> list[Path]:
    """One draft per pair in ``folder`` (created if needed); returns the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    todo = list(intros)
    written: list[Path] = []
    for done, intro in enumerate(todo):
        if progress is not None and not progress(done, len(todo)):
            break
        msg = build_draft(
            intro,
            programme=programme,
            officer_name=officer_name,
            officer_email=officer_email,
            template=template,
            subject=subject,
        )
        written.append(write_draft(folder, draft_file_stem(intro), msg))
    else:
        if progress is not None:
            progress(len(todo), len(todo))
    return written
