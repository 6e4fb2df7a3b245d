"""What the PDFs show, as plain data: an agreement document, a report's cover details, the
paper sizes. Apart from the renderers, so that the services and the window can build and pass
these around without importing reportlab (docs/architecture.md#start-up)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from rmdesk.models.agreements import AgreementBody, AgreementVersion, PairIdentity, Signature

#: The paper sizes an agreement prints on (``agreement_pdf.PAGE_SIZES`` has their measures).
PAGE_SIZE_NAMES = ("A4", "Letter")
#: Territories whose paper is US Letter (CLDR); everywhere else uses A4.
LETTER_TERRITORIES = frozenset(
    {"US", "CA", "MX", "PH", "PR", "CL", "CO", "CR", "GT", "NI", "PA", "SV", "VE", "BZ"}
)


@dataclass(frozen=True, slots=True)
class AgreementDocument:
    """Everything the agreement PDF shows; ``sha256`` None means a draft."""

    identity: PairIdentity
    version: int
    body: AgreementBody
    sha256: str | None = None
    signatures: tuple[Signature, ...] = ()
    officer_signs: bool = False
    officer_name: str = ""

    @classmethod
    def of(
        cls,
        identity: PairIdentity,
        version: AgreementVersion,
        officer_signs: bool = False,
        officer_name: str = "",
    ) -> AgreementDocument:
        return cls(identity, version.number, version.body, version.sha256, version.signatures,
                   officer_signs, officer_name)  # fmt: skip

    @property
    def short_hash(self) -> str:
        return self.sha256[:12] if self.sha256 else "DRAFT"


def default_page_size(locale_name: str | None = None) -> str:
    """'Letter' for the Americas' Letter countries and the Philippines, else 'A4'.

    ``locale_name`` like 'en_US.UTF-8' or 'es-MX'; None reads LC_PAPER, LC_ALL, then LANG."""
    if locale_name is None:
        env = os.environ
        locale_name = env.get("LC_PAPER") or env.get("LC_ALL") or env.get("LANG") or ""
    code = locale_name.split(".")[0].split("@")[0].replace("-", "_")
    territory = code.split("_")[1].upper() if "_" in code else ""
    return "Letter" if territory in LETTER_TERRITORIES else "A4"


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """Who the document is for and by: printed on the cover and set as PDF metadata."""

    programme: str
    prepared_by: str = ""
    organisation: str = ""
    period: str = ""  # 'January – June 2026'
    prepared_on: date | None = None  # passed in, so that the same data gives the same bytes
