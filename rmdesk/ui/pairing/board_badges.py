"""The pair cards' badges kept live: each card's commitment health and agreement state, re-read
for only the pairs a change event names. The base of BoardGestures (after its verdicts)."""

from __future__ import annotations

from collections.abc import Iterable

from rmdesk.models.agreements import AgreementState
from rmdesk.models.health import Health
from rmdesk.ui.common.signals import WorkspaceSignals
from rmdesk.ui.pairing.board_verdicts import BoardVerdicts
from rmdesk.workspace.events import Event

#: Up to this many pairs, agreement states are read pair by pair; beyond, for the whole cohort.
FEW_PAIRS = 8


class BoardBadges(BoardVerdicts):
    """Reads health and agreement states for the board's pairs and refreshes changed cards."""

    def watch(self, signals: WorkspaceSignals | None) -> None:
        """Follow agreement, session and action changes: each refreshes the named cards."""
        if signals is None:
            return
        for signal in (signals.agreements, signals.sessions, signals.actions):
            signal.connect(self._badges_changed)

    def _badges_changed(self, event: Event) -> None:
        pair_ids = getattr(event, "pair_ids", None)
        self.refresh_badges(pair_ids if pair_ids else None)

    def badges(
        self, pair_ids: Iterable[int] | None = None
    ) -> tuple[dict[int, Health], dict[int, AgreementState]]:
        """Health and agreement state of the cohort's active pairs (or of ``pair_ids``)."""
        if self.cohort is None:
            return {}, {}
        wanted = None if pair_ids is None else sorted(set(pair_ids))
        health = {h.pair_id: h for h in self.ws.sessions.health(self.cohort, pair_ids=wanted)}
        if wanted is not None and len(wanted) <= FEW_PAIRS:
            states = {pid: self.ws.agreements.state(pid) for pid in wanted}
        else:
            states = self.ws.agreements.states(self.cohort)
            if wanted is not None:
                keep = set(wanted)
                states = {pid: s for pid, s in states.items() if pid in keep}
        return health, states

    def refresh_badges(self, pair_ids: Iterable[int] | None = None) -> None:
        """Re-read health and agreement state for these pairs (all the board's pairs when
        None); only the cards whose badges changed are repainted."""
        shown = set(self.pairs.pair_ids())
        wanted = shown if pair_ids is None else shown & set(pair_ids)
        if self.cohort is None or not wanted:
            return
        health, states = self.badges(wanted)
        self.pairs.update_badges(health, states)
