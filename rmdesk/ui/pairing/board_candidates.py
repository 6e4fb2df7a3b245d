"""The board's roster of candidates: made on the spot for a small roster, by a worker for a big
one (docs/architecture.md#the-gui), so that the board never freezes. A base of PairingBoard
(over its gestures), so the board module stays one job."""

from __future__ import annotations

from PySide6.QtCore import Signal

from rmdesk.models.people import Employee
from rmdesk.ui.pairing.board_gestures import BoardGestures
from rmdesk.ui.roster import BACKGROUND_FROM
from rmdesk.ui.roster.loader import RosterLoader
from rmdesk.ui.roster.model import Loaded, Searchable


def _active(person: Employee) -> bool:
    return person.active


class CandidateLists(BoardGestures):
    """Who can still be enrolled: everybody active on the roster, searchable."""

    #: the candidates of a big roster are listed (made by a worker; a small one's at once)
    candidates_ready = Signal()

    # made by PairingBoard
    hold: bool
    _roster_stale: bool
    #: the worker making the candidates of a big roster (the newest; older ones are dropped)
    _candidates: RosterLoader | None = None

    def reload_roster(self) -> None:
        """Rebuild the candidates list; only a roster change needs it (costly at 100k people).
        While the board is hidden behind another page, that waits until it is shown."""
        if self.hold or (self.window().isVisible() and not self.isVisible()):
            self._roster_stale = True
            return
        self._roster_stale = False
        people = self.ws.roster.employees()
        self._drop_candidates_worker()
        if len(people) < BACKGROUND_FROM:
            self._list_candidates_here(people)
            return
        # a big roster: the candidates' lists are made by a worker, the board never freezes;
        # meanwhile the list is empty, never the roster as it was before an import
        sort, columns = self.roster_model.load_order()
        loader = RosterLoader.from_people(people, _active, sort, columns, self)
        loader.ready.connect(lambda _people, loaded: self._candidates_made(loader, loaded))
        loader.search_ready.connect(lambda texts: self._candidates_searchable(loader, texts))
        loader.failed.connect(lambda _exc: self._candidates_failed(loader))
        self._candidates = loader
        self.roster_model.set_people([])
        self.roster_table.empty_text = "Listing the roster…"
        self.candidates_title.setText("<b>Roster</b> · listing…")  # never the old count
        loader.start()

    def _list_candidates_here(self, people: dict[str, Employee]) -> None:
        self.roster_model.set_people([e for e in people.values() if e.active])
        self._candidates_filtered(self.roster_search.text())

    def _drop_candidates_worker(self) -> None:
        """Let the worker making the candidates go (done, failed or overtaken)."""
        if self._candidates is not None:
            self._candidates.deleteLater()  # its thread, held until it ends, is let go then
            self._candidates = None

    def _candidates_made(self, loader: RosterLoader, loaded: Loaded) -> None:
        if loader is not self._candidates:
            return  # the roster changed again meanwhile: a newer worker brings the lists
        self.roster_model.install(loaded)
        self._candidates_filtered(self.roster_search.text())
        self.candidates_ready.emit()

    def _candidates_searchable(self, loader: RosterLoader, texts: Searchable) -> None:
        if loader is self._candidates:
            self.roster_model.install_search(texts)
            self._drop_candidates_worker()  # its work is done

    def _candidates_failed(self, loader: RosterLoader) -> None:
        if loader is self._candidates:
            self._drop_candidates_worker()
            self._list_candidates_here(self.ws.roster.employees())  # made here, as before
            self.candidates_ready.emit()
