"""Search as you type off the UI thread: the latest query wins, older answers are dropped."""

from __future__ import annotations

from PySide6.QtCore import Signal

from farmapos.domain.search import CatalogueSearch
from farmapos.ui.background import LatestWins


class SearchWorker(LatestWins):
    sig_results = Signal(str, list)
    """(query, hits) for the most recent query only, delivered on the UI thread."""

    def __init__(self, search: CatalogueSearch, warehouse_id: int, limit: int = 50) -> None:
        super().__init__(
            lambda query: search.search(query, limit=limit, warehouse_id=warehouse_id),
            name="farmapos-search",
            on_close=search.close,  # the search thread's own connections
        )
        self.sig_done.connect(self._answered)  # queued: runs on the UI thread

    def _answered(self, query: str, hits: list) -> None:
        self.sig_results.emit(query, hits)
