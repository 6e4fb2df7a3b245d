"""Lists of pairs the window opens in Sessions: the pairs behind a dashboard figure, and every
action of the cohort (where an open action can also be marked done)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rmdesk.models.cohorts import Cohort
from rmdesk.models.wording import pair_label, plural
from rmdesk.ui.common.severity import style_icon
from rmdesk.workspace import Workspace


class _OpensPairDialog(QDialog):
    """A list whose rows each belong to a pair; double-click (or Enter) chooses that pair."""

    def __init__(
        self,
        title: str,
        intro: str,
        name: str,
        headers: list[str],
        rows: list[tuple[list[str], int, QIcon | None]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.chosen: int | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(intro))
        self.tree = QTreeWidget()
        self.tree.setObjectName(f"{name}List")
        self.tree.setHeaderLabels(headers)
        self.tree.setRootIsDecorated(False)
        for texts, pair_id, item_icon in rows:
            item = QTreeWidgetItem(texts)
            if item_icon is not None:
                item.setIcon(0, item_icon)
            item.setData(0, Qt.ItemDataRole.UserRole, pair_id)
            self.tree.addTopLevelItem(item)
        for col in range(len(headers)):
            self.tree.resizeColumnToContents(col)
        self.tree.itemActivated.connect(self._chosen)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 440)

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.chosen = int(item.data(0, Qt.ItemDataRole.UserRole))
        self.accept()


class PairsBehindDialog(_OpensPairDialog):
    """The pairs behind a dashboard figure; one opens in Sessions."""

    def __init__(
        self, ws: Workspace, pair_ids: list[int], title: str, parent: QWidget | None = None
    ) -> None:
        pairs = [ws.pairing.get_pair(p) for p in pair_ids if ws.pairing.pair_exists(p)]
        people = ws.roster.some(x for p in pairs for x in (p.mentor_id, p.mentee_id))

        def label(employee_id: str) -> str:
            found = people.get(employee_id)
            return found.label if found else employee_id

        rows: list[tuple[list[str], int, QIcon | None]] = [
            ([str(p.id), label(p.mentor_id), label(p.mentee_id), p.status], p.id, None)
            for p in pairs
        ]
        intro = f"{title}: {plural(len(pairs), 'pair')}. Double-click one to open it in Sessions."
        super().__init__(
            title, intro, "pairsBehind", ["Pair", "Mentor", "Mentee", "Status"], rows, parent
        )

    @classmethod
    def ask(
        cls, ws: Workspace, pair_ids: list[int], title: str, parent: QWidget | None = None
    ) -> int | None:
        """The pair the officer opened, or None (the seam tests replace)."""
        dialog = cls(ws, pair_ids, title, parent)
        dialog.exec()
        return dialog.chosen


class ActionsDialog(_OpensPairDialog):
    """Every action of the cohort, the overdue ones first and marked by icon and word."""

    def __init__(
        self,
        ws: Workspace,
        cohort: Cohort,
        parent: QWidget | None = None,
        on_done: Callable[[int], bool] | None = None,
    ) -> None:
        today = date.today()
        found = ws.sessions.actions(cohort, today=today)
        late = {a.id for a in ws.sessions.actions(cohort, overdue_only=True, today=today)}
        found.sort(key=lambda a: (a.id not in late, a.done_on is not None, a.due or date.max))
        warn = style_icon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        rows: list[tuple[list[str], int, QIcon | None]] = []
        pairs = {p.id: p for p in ws.pairing.pair_list(cohort)}
        people = ws.roster.some(x for p in pairs.values() for x in (p.mentor_id, p.mentee_id))

        def pair_name(pair_id: int) -> str:
            p = pairs.get(pair_id)
            if p is None or p.mentor_id not in people or p.mentee_id not in people:
                return str(pair_id)
            return pair_label(people[p.mentor_id].name, people[p.mentee_id].name)

        for a in found:
            state = "Overdue" if a.id in late else ("Done" if a.done_on else "Open")
            due = a.due.isoformat() if a.due else ""
            rows.append(
                (
                    [state, due, a.owner, a.text, pair_name(a.pair_id)],
                    a.pair_id,
                    warn if a.id in late else None,
                )
            )
        open_count = sum(1 for a in found if a.done_on is None)
        intro = (
            f"{plural(len(found), 'action')}: {open_count} open, {len(late)} overdue. "
            "Double-click one to open its pair in Sessions."
        )
        super().__init__(
            f"Actions of {cohort.name}",
            intro,
            "cohortActions",
            ["State", "Due", "Owner", "Action", "Pair"],
            rows,
            parent,
        )
        # marked done here, whatever the pair's state: a closed pair is not in Sessions, and
        # its open actions would stay overdue for ever
        self.open_ids = {a.id for a in found if a.done_on is None}
        for n, a in enumerate(found):
            item = self.tree.topLevelItem(n)
            if item is not None:
                item.setData(1, Qt.ItemDataRole.UserRole, a.id)
        self.on_done = on_done
        self.done_button = QPushButton("Mark &done")
        self.done_button.setObjectName("markActionDone")
        self.done_button.clicked.connect(self.mark_done)
        self.findChild(QDialogButtonBox).addButton(  # type: ignore[union-attr]
            self.done_button, QDialogButtonBox.ButtonRole.ActionRole
        )
        self.tree.currentItemChanged.connect(lambda *_: self._can_mark())
        self._can_mark()

    def _current_action(self) -> int | None:
        item = self.tree.currentItem()
        return None if item is None else int(item.data(1, Qt.ItemDataRole.UserRole))

    def _can_mark(self) -> None:
        chosen = self._current_action()
        self.done_button.setEnabled(self.on_done is not None and chosen in self.open_ids)

    def mark_done(self) -> None:
        """The chosen open action done today (one undo step, made by ``on_done``)."""
        chosen, item = self._current_action(), self.tree.currentItem()
        if chosen is None or item is None or self.on_done is None or not self.on_done(chosen):
            return
        self.open_ids.discard(chosen)
        item.setText(0, "Done")
        item.setIcon(0, QIcon())
        self._can_mark()

    @classmethod
    def ask(
        cls,
        ws: Workspace,
        cohort: Cohort,
        parent: QWidget | None = None,
        on_done: Callable[[int], bool] | None = None,
    ) -> int | None:
        """The pair whose action the officer opened, or None (the seam tests replace)."""
        dialog = cls(ws, cohort, parent, on_done)
        dialog.exec()
        return dialog.chosen
