"""Database reads off the UI thread, where only the latest request matters (typing, moving a selection).

A request replaces any request still waiting; an answer that a newer request made stale is dropped. The
answer (or a domain error's message) comes back to the UI thread through a signal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from farmapos.domain.errors import FarmaposError
from farmapos.ui.i18n import tr_message

logger = logging.getLogger(__name__)


UI_SWITCH_INTERVAL = 0.001
"""Seconds a Python thread may hold the interpreter before another gets it (CPython's default is 5 ms)."""


def share_the_interpreter() -> None:
    """Let the UI thread get the interpreter back within a millisecond when a background thread (a sale
    operation, the article card, the search) is busy in Python: a 5 ms wait is a third of a frame."""
    import sys

    sys.setswitchinterval(UI_SWITCH_INTERVAL)


class LatestWins(QObject):
    sig_done = Signal(object, object)
    """(request, result) for the most recent request only."""
    sig_failed = Signal(object, str)
    """(request, message) when the call raised a domain error."""

    def __init__(self, call: Callable[[Any], Any], name: str = "farmapos-read",
                 on_close: Callable[[], None] | None = None) -> None:  # fmt: skip
        super().__init__()
        # attributes
        self._call, self._on_close = call, on_close
        self._wanted: tuple[Any] | None = None
        self._wake = threading.Condition()
        self._closed = False
        # the thread
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def request(self, request: Any) -> None:
        """Ask for `request`; one still waiting is simply replaced."""
        with self._wake:
            self._wanted = (request,)
            self._wake.notify()

    def close(self) -> None:
        with self._wake:
            if self._closed:
                return
            self._closed = True
            self._wake.notify()
        self._thread.join(timeout=2)

    def _stale(self) -> bool:
        with self._wake:
            return self._wanted is not None or self._closed

    def _run(self) -> None:
        try:
            while True:
                with self._wake:
                    while self._wanted is None and not self._closed:
                        self._wake.wait()
                    if self._closed:
                        return
                    (request,), self._wanted = self._wanted, None
                try:
                    result = self._call(request)
                except Exception as exc:  # a bug must not kill the thread the counter relies on either
                    if not isinstance(exc, FarmaposError):
                        logger.exception("background read %r failed", request)
                    if not self._stale():
                        self.sig_failed.emit(request, tr_message(exc))
                    continue
                if not self._stale():
                    self.sig_done.emit(request, result)
        finally:
            if self._on_close is not None:
                self._on_close()
