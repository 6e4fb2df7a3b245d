"""The question a re-import asks before it marks many people, or people in open pairs, as having
left: the GUI's ``--allow-deactivation``. Its ``ask`` seam returns a plain yes or no."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from rmdesk.models.wording import plural, plural_word


class ConfirmDeactivation:
    """'This file would mark 40 people as having left…' with Mark them as left / Cancel import."""

    @staticmethod
    def text(count: int, active: int, people_in_open_pairs: int, names: list[str]) -> str:
        """The explanation: how many, what share of the active roster, whom, and why it matters."""
        part = count / active if active else 0.0
        percent = "under 1%" if 0 < part < 0.005 else f"{part:.0%}"
        share = f" — {percent} of the {active:,} active people" if active else ""
        lines = [f"This file would mark {plural(count, 'person')} as having left{share}."]
        n = people_in_open_pairs
        if n and count == 1:
            lines.append("This person is in an open pair, which would show them as inactive.")
        elif n:
            pairs = "an open pair" if n == 1 else "open pairs"
            lines.append(
                f"{n:,} of them {plural_word(n, 'is')} in {pairs}, which would show them as "
                "inactive."
            )
        if names:
            more = f", and {count - len(names):,} more" if count > len(names) else ""
            lead = "Among them:" if more else ("This is" if count == 1 else "They are:")
            lines.append(f"{lead} " + "; ".join(names) + more + ".")
        lines.append(
            "If the ids in this file changed form (00123 and 123, upper and lower case), they "
            "are matched already; people missing from the file may mean it is only part of the "
            "organisation (import it as partial) or an export of the wrong system."
        )
        return "\n\n".join(lines)

    @classmethod
    def ask(cls, parent: QWidget | None, count: int, active: int, people_in_open_pairs: int,
            names: list[str]) -> bool:  # fmt: skip
        """True when the officer confirms that these people really left."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Mark people as having left?",
            f"Mark {plural(count, 'person')} as having left the organisation?",
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        box.setObjectName("confirmDeactivation")
        box.setInformativeText(cls.text(count, active, people_in_open_pairs, names))
        mark = box.addButton("Mark them as left", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("Cancel import", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        confirmed = box.clickedButton() is mark
        box.deleteLater()
        return confirmed
