"""Search as you type off the UI thread: the latest query wins, older answers are dropped."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from farmapos.domain.search import CatalogueSearch


class SearchWorker(QObject):
    sig_results = Signal(str, list)
    """(query, hits) for the most recent query only."""

    def __init__(self, search: CatalogueSearch, warehouse_id: int, limit: int = 50) -> None:
        super().__init__()
        self._search, self._warehouse_id, self._limit = search, warehouse_id, limit
        self._wanted: str | None = None
        self._wake = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="farmapos-search", daemon=True)
        self._thread.start()

    def request(self, query: str) -> None:
        """Ask for `query`; a query typed before this one finished is simply replaced."""
        with self._wake:
            self._wanted = query
            self._wake.notify()

    def close(self) -> None:
        with self._wake:
            self._closed = True
            self._wake.notify()
        self._thread.join(timeout=2)
        self._search.close()

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._wanted is None and not self._closed:
                    self._wake.wait()
                if self._closed:
                    return
                query, self._wanted = self._wanted, None
            hits = self._search.search(query, limit=self._limit, warehouse_id=self._warehouse_id)
            with self._wake:
                stale = self._wanted is not None
            if not stale:
                self.sig_results.emit(query, hits)
