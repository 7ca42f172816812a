"""Sale operations off the UI thread, in the order they were asked for.

A scan's Enter must never wait on the database (a busy PostgreSQL server, a slow disk): the code field is
free for the next scan at once, and the line appears when the operation's answer comes back. Operations run
one after another on one thread, so two quick scans or a scan then `+` apply in the order typed. Answers
come back to the UI thread through a signal; an action that needs the final state of the sale (paying,
a dialog) calls `drain()` first.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from farmapos.domain.errors import FarmaposError

logger = logging.getLogger(__name__)


@dataclass
class _Operation:
    call: Callable[[], Any]
    on_done: Callable[[Any], None]
    on_error: Callable[[Exception], None]
    result: Any = None
    error: Exception | None = None


class SaleOperations(QObject):
    sig_finished = Signal()
    """An operation finished on the worker thread: its answer waits to be delivered on the UI thread."""

    def __init__(self) -> None:
        super().__init__()
        # attributes
        self._todo: deque[_Operation] = deque()
        self._done: deque[_Operation] = deque()
        self._busy = 0
        """Submitted and not yet finished on the worker."""
        self._wake = threading.Condition()
        self._closed = False
        # the thread
        self._thread = threading.Thread(target=self._run, name="farmapos-sale", daemon=True)
        self._thread.start()
        # signals
        self.sig_finished.connect(self._deliver)  # queued: the worker emits, the UI thread delivers

    def submit(self, call: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[Exception], None]) -> None:  # fmt: skip
        """Run `call()` after everything submitted before it; `on_done(result)` or `on_error(exc)` follow on
        the UI thread."""
        with self._wake:
            if self._closed:
                raise RuntimeError("sale operations are closed")
            self._todo.append(_Operation(call, on_done, on_error))
            self._busy += 1
            self._wake.notify_all()

    def idle(self) -> bool:
        """Nothing running, nothing waiting to be delivered."""
        with self._wake:
            return self._busy == 0 and not self._done

    def drain(self, timeout: float = 30.0) -> bool:
        """Wait for every submitted operation and deliver its answer now (before a dialog or a payment), and
        for what those answers submit in turn; False when the database kept them waiting past `timeout`."""
        deadline = time.monotonic() + timeout
        while not self.idle():
            with self._wake:
                if not self._wake.wait_for(lambda: self._busy == 0, max(0.0, deadline - time.monotonic())):
                    return False
            self._deliver()
        return True

    def close(self) -> None:
        with self._wake:
            self._closed = True
            self._wake.notify_all()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._todo or self._closed)
                if not self._todo:
                    return
                operation = self._todo.popleft()
            try:
                operation.result = operation.call()
            except Exception as exc:  # delivered to on_error; a bug is logged with its traceback too
                if not isinstance(exc, FarmaposError):
                    logger.exception("sale operation failed")
                operation.error = exc
            with self._wake:
                self._done.append(operation)
                self._busy -= 1
                self._wake.notify_all()
            self.sig_finished.emit()

    def _deliver(self) -> None:
        while True:
            with self._wake:
                if not self._done:
                    return
                operation = self._done.popleft()
            if operation.error is not None:
                operation.on_error(operation.error)
            else:
                operation.on_done(operation.result)
