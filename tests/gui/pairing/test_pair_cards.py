"""Pair cards on the pairing board show each pair's commitment health and agreement state, kept
live by the workspace's events: only the cards of the pairs an event names are repainted."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from rmdesk.ui.common.signals import WorkspaceSignals
from rmdesk.ui.pairing.board import PairingBoard
from rmdesk.ui.pairing.board_views import CardDelegate
from rmdesk.ui.pairing.pair_badges import BADGES_ROLE, Badge, strip_height
from rmdesk.workspace import Workspace
from tests.conftest import SAMPLE

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

# From resources/sample_roster.csv, in different reporting lines
MENTOR_A, MENTEE_A = "E1095", "E1001"
MENTOR_B, MENTEE_B = "E1131", "E1058"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    """The sample roster, a cohort begun a month ago, pair A signed by both, pair B by its
    mentor only."""
    workspace = Workspace.open(tmp_path / "cards.db")
    workspace.roster.import_roster(SAMPLE)
    today = date.today()
    cohort = workspace.cohorts.create_cohort(
        "Spring", today - timedelta(days=30), today + timedelta(days=150)
    )
    workspace.cohorts.enrol([MENTOR_A, MENTOR_B], "mentor", cohort)
    workspace.cohorts.enrol([MENTEE_A, MENTEE_B], "mentee", cohort)
    a = workspace.pairing.pair(MENTOR_A, MENTEE_A, cohort).pair.id
    b = workspace.pairing.pair(MENTOR_B, MENTEE_B, cohort).pair.id
    workspace.agreements.sign(a, "mentor", "Mentor A", today)
    workspace.agreements.sign(a, "mentee", "Mentee A", today)
    workspace.agreements.sign(b, "mentor", "Mentor B", today)
    yield workspace
    workspace.close()


@pytest.fixture
def board(qtbot: QtBot, ws: Workspace) -> Iterator[PairingBoard]:
    signals = WorkspaceSignals(ws)
    b = PairingBoard(ws, QUndoStack(), signals=signals)
    qtbot.addWidget(b)
    b.resize(1280, 800)
    b.set_cohort(ws.cohorts.cohort())
    b.show()
    yield b
    signals.detach()


def _pair_id(ws: Workspace, mentor: str) -> int:
    return next(
        v.pair.id for v in ws.pairing.pairs(ws.cohorts.cohort()) if v.pair.mentor_id == mentor
    )


def _card(board: PairingBoard, pair_id: int) -> QModelIndex:
    row = board.pairs.row_of(pair_id)
    assert row is not None
    return board.pairs.index(row)


def _text(board: PairingBoard, pair_id: int) -> str:
    return str(_card(board, pair_id).data(Qt.ItemDataRole.AccessibleTextRole))


def _tip(board: PairingBoard, pair_id: int) -> str:
    return str(_card(board, pair_id).data(Qt.ItemDataRole.ToolTipRole))


def _cancel_twice_by_the_senior(ws: Workspace, pair_id: int) -> None:
    for days in (10, 3):
        s = ws.sessions.add(pair_id, datetime.now(UTC) - timedelta(days=days))
        ws.sessions.log(s.id, status="cancelled", cancelled_by="mentee")


def test_cards_show_health_and_agreement_with_an_icon_beside_every_word(
    board: PairingBoard, ws: Workspace
) -> None:
    a, b = _pair_id(ws, MENTOR_A), _pair_id(ws, MENTOR_B)
    assert "On track" in _text(board, a) and "Agreement: signed" in _text(board, a)
    assert "Agreement: awaiting the mentee's signature" in _text(board, b)
    assert "still to sign: the mentee" in _tip(board, b)
    badges = _card(board, b).data(BADGES_ROLE)
    assert [type(x) for x in badges] == [Badge, Badge]
    assert all(x.text and not x.icon.isNull() for x in badges)  # never colour alone


def test_a_session_change_repaints_only_its_card(
    qtbot: QtBot, board: PairingBoard, ws: Workspace
) -> None:
    a, b = _pair_id(ws, MENTOR_A), _pair_id(ws, MENTOR_B)
    tip_b = _tip(board, b)
    rows: list[int] = []
    board.pairs.dataChanged.connect(
        lambda top, bottom, *_: rows.extend(range(top.row(), bottom.row() + 1))
    )
    _cancel_twice_by_the_senior(ws, a)
    assert set(rows) == {board.pairs.row_of(a)}
    assert "At risk" in _text(board, a)
    assert "The senior (mentee) cancelled 2 of the last 2 sessions" in _tip(board, a)
    assert "On track" in _text(board, b) and _tip(board, b) == tip_b


def test_signing_turns_the_card_signed_and_touches_no_other(
    board: PairingBoard, ws: Workspace
) -> None:
    a, b = _pair_id(ws, MENTOR_A), _pair_id(ws, MENTOR_B)
    rows: list[int] = []
    board.pairs.dataChanged.connect(
        lambda top, bottom, *_: rows.extend(range(top.row(), bottom.row() + 1))
    )
    ws.agreements.sign(b, "mentee", "Mentee B", date.today())
    assert rows == [board.pairs.row_of(b)]
    assert "Agreement: signed" in _text(board, b)
    assert "Agreement: signed" in _text(board, a)


def test_a_refresh_with_nothing_new_repaints_nothing(board: PairingBoard) -> None:
    rows: list[int] = []
    board.pairs.dataChanged.connect(lambda top, *_: rows.append(top.row()))
    board.refresh_badges()
    board.refresh_badges([9999])  # not on this board
    assert rows == []


def test_an_ended_pair_leaves_the_board(board: PairingBoard, ws: Workspace) -> None:
    a, b = _pair_id(ws, MENTOR_A), _pair_id(ws, MENTOR_B)
    assert board.pairs.pair_ids() == sorted([a, b])
    ws.sessions.close(a, "mismatch", "")
    board.reload()  # what the window does on a PairsChanged
    assert board.pairs.pair_ids() == [b]
    assert "Agreement: awaiting the mentee's signature" in _text(board, b)
    board.refresh_badges([a, b])  # a late event naming the ended pair is harmless
    assert board.pairs.pair_ids() == [b]


def test_cards_fit_their_badges_at_1024_by_700_and_follow_a_change(
    qtbot: QtBot, board: PairingBoard, ws: Workspace
) -> None:
    b = _pair_id(ws, MENTOR_B)
    board.resize(1024, 700)
    board.splitter.setSizes([330, 170, 220, 170])  # the pairs column at its narrowest
    view = board.pair_view

    delegate = view.itemDelegate()
    assert isinstance(delegate, CardDelegate)

    def option_for(index: QModelIndex) -> QStyleOptionViewItem:
        """The option the view paints ``index`` with (as ``QListView`` builds it)."""
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect = view.visualRect(index)
        return option

    def fitted() -> bool:
        rows = [board.pairs.index(r) for r in range(board.pairs.rowCount())]
        return all(
            view.visualRect(i).height() == delegate.sizeHint(option_for(i), i).height()
            for i in rows
        )

    def whole(index: QModelIndex) -> bool:
        """The card's words, wrapped where the style sets them, and its badges fit in it."""
        option = option_for(index)
        delegate.initStyleOption(option, index)
        style = view.style()
        words = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        width = words.width() - 2 * margin
        text = str(index.data(Qt.ItemDataRole.DisplayRole))
        fm = option.fontMetrics
        lines = fm.boundingRect(QRect(0, 0, width, 10000), Qt.TextFlag.TextWordWrap, text)
        badges = strip_height(index.data(BADGES_ROLE), width, fm)
        return lines.height() + badges <= option.rect.height()

    for extra in range(0, 80, 5):  # the words wrap at every width where the style sets them
        board.splitter.setSizes([330 - extra, 170, 220 + extra, 170])
        qtbot.waitUntil(fitted)
        assert all(whole(board.pairs.index(r)) for r in range(board.pairs.rowCount())), extra
    board.splitter.setSizes([330, 170, 220, 170])
    qtbot.waitUntil(fitted)
    before = view.visualRect(_card(board, b)).height()
    ws.agreements.sign(b, "mentee", "Mentee B", date.today())  # shorter words: one badge line
    qtbot.waitUntil(fitted)
    assert view.visualRect(_card(board, b)).height() < before
    assert all(whole(board.pairs.index(r)) for r in range(board.pairs.rowCount()))


def test_a_new_or_ended_pair_changes_its_row_only(board: PairingBoard, ws: Workspace) -> None:
    """A pair made or removed inserts or removes its card; the others stay, selected."""
    events: list[str] = []
    model = board.pairs
    model.modelReset.connect(lambda: events.append("reset"))
    model.rowsInserted.connect(lambda *_: events.append("inserted"))
    model.rowsRemoved.connect(lambda *_: events.append("removed"))
    board.pair_view.setCurrentIndex(model.index(0))
    first = model.pair_ids()[0]
    cohort = ws.cohorts.cohort()
    ws.cohorts.enrol(["E1128"], "mentor", cohort)
    ws.cohorts.enrol(["E1054"], "mentee", cohort)
    events.clear()
    made = ws.pairing.pair("E1128", "E1054", cohort).pair.id
    board.reload()
    assert events == ["inserted"] and model.pair_ids()[-1] == made
    ws.pairing.unpair(made)
    board.reload()
    assert events == ["inserted", "removed"]
    assert model.pair_ids()[0] == first and board.pair_view.currentIndex().row() == 0
