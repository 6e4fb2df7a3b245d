"""The dashboard's grid: every programme figure as a tile or chart, from ``ProgrammeFigures``."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from rmdesk.models.conflicts import Severity
from rmdesk.models.programme_figures import ProgrammeFigures, Share, Spread, by_label
from rmdesk.ui.common.severity import colour
from rmdesk.ui.dashboard.charts import PATTERNS, Bar, BarList, MonthChart, MonthColumn, Tile

#: Health words beside their severity colour and their own pattern.
HEALTH = (
    ("on-track", "On track", None),
    ("at-risk", "At risk", Severity.WARN),
    ("stalled", "Stalled", Severity.BLOCK),
    ("ended", "Ended", Severity.INFO),
)
AGREEMENT_WORDS = {
    "none": "No agreement yet",
    "draft": "Draft",
    "awaiting signatures": "To be signed",
    "signed": "Signed",
    "changed since signing": "Needs re-signing",
}
TILES = (
    ("participants", "participants"),
    ("pairs", "pairs"),
    ("coverage", "match coverage"),
    ("signed", "agreements signed"),
    ("held", "sessions held"),
    ("department", "across departments"),
    ("division", "across divisions"),
    ("seniority", "seniority gap"),
    ("generation", "generation gap"),
)


def _num(x: float | None) -> str:
    if x is None:
        return "–"
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def _spread(s: Spread, of: str) -> tuple[str, str]:
    if s.median is None:
        return "–", f"not known for any pair ({of})"
    return (
        f"{_num(s.median)} {s.unit}",
        f"median; {_num(s.low)} to {_num(s.high)} over {s.count} pairs",
    )


def _share(s: Share, what: str) -> tuple[str, str]:
    return s.percent, f"{s.part} of {s.whole} {what}"


class Figures(QWidget):
    """Tiles above, charts below; ``activated(pair_ids, title)`` from any of them."""

    activated = Signal(list, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardFigures")
        self.tiles = {key: Tile(caption) for key, caption in TILES}
        self.sessions = MonthChart("Sessions held against planned, by month")
        self.health = BarList("Pairs by health")
        self.cancellations = BarList("Cancellations by side")
        self.action_bars = BarList("Actions done and open")
        self.agreements = BarList("Agreements")
        tiles = QGridLayout()
        tiles.setSpacing(8)
        for n, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, n // 3, n % 3)
        bars = QHBoxLayout()
        bars.setSpacing(12)
        for chart in (self.health, self.cancellations, self.action_bars, self.agreements):
            bars.addWidget(chart, 1, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(tiles)
        layout.addWidget(self.sessions, 1)
        layout.addLayout(bars)
        charts = (self.sessions, self.health, self.cancellations, self.action_bars, self.agreements)
        for part in (*self.tiles.values(), *charts):
            part.activated.connect(self.activated)

    def show_figures(self, f: ProgrammeFigures) -> None:
        t = self.tiles
        people = f.mentors.value + f.mentees.value
        t["participants"].set_figure(
            str(people),
            f"{f.mentors.value} mentors, {f.mentees.value} mentees enrolled",
            f.pairs.pair_ids,
            "All pairs",
        )
        ended = f.pairs.value - f.active_pairs.value
        t["pairs"].set_figure(
            str(f.pairs.value),
            f"{f.active_pairs.value} active" + (f", {ended} ended" if ended else ""),
            f.pairs.pair_ids,
            "All pairs",
        )
        for key, share, what, title in (
            ("coverage", f.coverage, "enrolled people paired", "All pairs"),
            ("signed", f.agreements_signed, "pairs", "Pairs with a signed agreement"),
            ("held", f.sessions_held, "sessions due so far", "Pairs that held a session"),
            ("department", f.cross_department, "pairs with both known", "Pairs across departments"),
            ("division", f.cross_division, "pairs with both known", "Pairs across divisions"),
        ):
            t[key].set_figure(*_share(share, what), share.pair_ids, title)
        t["seniority"].set_figure(
            *_spread(f.seniority_gap, "grades"), f.seniority_gap.pair_ids, "Pairs with both grades"
        )
        t["generation"].set_figure(
            *_spread(f.generation_gap, "birth years"),
            f.generation_gap.pair_ids,
            "Pairs with both birth years",
        )
        self.sessions.set_months(
            [
                MonthColumn(m.month.strftime("%b %Y"), m.planned, m.held, m.pair_ids)
                for m in f.sessions_by_month
            ]
        )
        health = []
        for n, (key, words, severity) in enumerate(HEALTH):
            try:
                c = by_label(f.health, key)
            except KeyError:
                continue
            if key == "ended" and not c.value:
                continue
            shade: QColor = colour(severity)
            health.append(
                Bar(words, c.value, c.pair_ids, f"Pairs {words.lower()}", PATTERNS[n], shade)
            )
        self.health.set_bars(health)
        cancel = [
            ("By the mentor", by_label(f.cancellations, "mentor"), "Pairs the mentor cancelled"),
            ("By the mentee", by_label(f.cancellations, "mentee"), "Pairs the mentee cancelled"),
            ("Side not recorded", by_label(f.cancellations, "unknown"), "Pairs with cancellations"),
            ("No-shows", f.no_shows, "Pairs with a no-show"),
        ]
        self.cancellations.set_bars(
            [
                Bar(w, c.value, c.pair_ids, title, PATTERNS[n])
                for n, (w, c, title) in enumerate(cancel)
            ]
        )
        self.action_bars.set_bars(
            [
                Bar(
                    "Done",
                    f.actions_done.value,
                    f.actions_done.pair_ids,
                    "Pairs with actions done",
                    PATTERNS[0],
                ),
                Bar(
                    "Open",
                    f.actions_open.value,
                    f.actions_open.pair_ids,
                    "Pairs with open actions",
                    PATTERNS[1],
                ),
                Bar(
                    "Overdue",
                    f.actions_overdue.value,
                    f.actions_overdue.pair_ids,
                    "Pairs with overdue actions",
                    PATTERNS[2],
                    colour(Severity.WARN),
                ),
            ]
        )
        self.agreements.set_bars(
            [
                Bar(
                    AGREEMENT_WORDS.get(c.label, c.label),
                    c.value,
                    c.pair_ids,
                    f"Agreements: {AGREEMENT_WORDS.get(c.label, c.label).lower()}",
                    PATTERNS[n % len(PATTERNS)],
                )
                for n, c in enumerate(f.agreements)
            ]
        )
