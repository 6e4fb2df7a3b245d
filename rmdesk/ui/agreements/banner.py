"""What the agreement page says above the text of a version, and the question asked before a
signed text is changed."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from rmdesk.models.agreements import AgreementVersion, open_points, validate


def version_banner(
    version: AgreementVersion, latest: int, frozen: bool, waiting: tuple[str, ...] = ()
) -> str:
    """The sentence over ``version`` when ``latest`` is the newest version's number;
    ``frozen``: the latest version is signed and the officer has not unlocked it;
    ``waiting``: the roles whose signature it still lacks."""
    if version.number != latest:
        return f"Version {version.number} is shown read-only. Edit the latest version ({latest})."
    if frozen:
        signed = " and ".join(f"the {s.role}" for s in version.signatures) or "nobody"
        state = (
            f"Version {version.number} is signed by {signed}; waiting for "
            + " and ".join(f"the {r}" for r in waiting)
            + "."
            if waiting
            else f"Version {version.number} is signed."
        )
        return (
            f"{state} Its text is shown read-only. To change it, choose Change the text…: "
            "that starts a new version, which everyone must sign again."
        )
    if not version.is_draft:
        return (
            f"Your first edit starts version {version.number + 1}; version {version.number} "
            "stays as it was signed. The new one must be signed again."
        )
    problems = validate(version.body)
    if problems:
        return "Saved as you type. Before signing: " + "; ".join(problems)
    points = [p.partition(": ")[2] for p in open_points(version.body)]
    if points:
        return "Saved as you type. Still to agree: " + "; ".join(points) + "."
    return "Saved as you type. Ready to sign."


def confirm_new_version(parent: QWidget, version: int) -> bool:
    """Ask before a signed agreement's text is changed."""
    answer = QMessageBox.question(
        parent,
        "Change a signed agreement",
        f"Version {version} was signed. Changing the text starts version {version + 1}, which "
        f"the mentor and the mentee must sign again. Version {version} stays as it was "
        "signed.\n\nChange the text?",
    )
    return answer == QMessageBox.StandardButton.Yes
