"""Sale operations: in the order submitted, off the UI thread, answers delivered on the UI thread."""

from __future__ import annotations

import threading
import time

from farmapos.domain.errors import NotFound
from farmapos.ui.operations import SaleOperations


def test_operations_run_in_order_and_answer_on_the_ui_thread(qtbot) -> None:
    ops, ran, answers = SaleOperations(), [], []
    ui_thread = threading.current_thread()

    def step(n: int) -> int:
        time.sleep(0.01 if n == 0 else 0)  # the first is slow: the others must still wait their turn
        ran.append((n, threading.current_thread() is ui_thread))
        return n

    for n in range(5):
        ops.submit(lambda n=n: step(n), lambda result: answers.append((result, threading.current_thread())),
                   lambda exc: answers.append(exc))  # fmt: skip
    assert not ops.idle()
    qtbot.waitUntil(ops.idle)
    assert ran == [(n, False) for n in range(5)]  # in order, never on the UI thread
    assert answers == [(n, ui_thread) for n in range(5)]
    ops.close()


def test_drain_delivers_everything_before_returning_and_errors_reach_on_error() -> None:
    ops, seen = SaleOperations(), []

    def unknown() -> None:
        raise NotFound("Código desconocido: 12345.")

    def bug() -> None:
        raise ZeroDivisionError("division by zero")

    ops.submit(lambda: "added", seen.append, lambda exc: seen.append(f"error {exc}"))
    ops.submit(unknown, seen.append, lambda exc: seen.append(f"error {exc}"))
    ops.submit(bug, seen.append, lambda exc: seen.append(type(exc).__name__))
    ops.drain()  # no event loop needed: a payment or dialog calls this and goes on at once
    assert seen == ["added", "error Código desconocido: 12345.", "ZeroDivisionError"] and ops.idle()
    ops.close()
