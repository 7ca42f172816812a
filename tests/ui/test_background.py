"""LatestWins: reads off the UI thread where only the newest request matters."""

from __future__ import annotations

import threading

from farmapos.domain.errors import NotFound
from farmapos.ui.background import LatestWins


def test_only_the_latest_request_is_answered_on_the_ui_thread(qtbot) -> None:
    gate, calls = threading.Event(), []

    def slow(request: int) -> int:
        calls.append(request)
        gate.wait(2)  # the first call holds the thread while newer requests arrive
        return request * 10

    reader = LatestWins(slow)
    answers: list[tuple[int, int, bool]] = []
    ui_thread = threading.current_thread()
    reader.sig_done.connect(
        lambda req, res: answers.append((req, res, threading.current_thread() is ui_thread))
    )
    reader.request(1)
    qtbot.waitUntil(lambda: calls == [1])
    for request in (2, 3, 4):  # 2 and 3 are replaced while 1 is still running
        reader.request(request)
    gate.set()
    qtbot.waitUntil(lambda: bool(answers) and answers[-1][0] == 4, timeout=3000)
    assert calls == [1, 4]  # 2 and 3 never ran
    assert answers == [(4, 40, True)]  # 1 was stale by the time it finished: dropped, not shown
    reader.close()


def test_a_domain_error_comes_back_as_a_message_and_the_thread_lives_on(qtbot) -> None:
    def read(request: int) -> int:
        if request < 0:
            raise NotFound(f"No existe el artículo {request}.")
        return request

    closed = threading.Event()
    reader = LatestWins(read, on_close=closed.set)
    failures, answers = [], []
    reader.sig_failed.connect(lambda req, message: failures.append((req, message)))
    reader.sig_done.connect(lambda req, res: answers.append(res))
    reader.request(-5)
    qtbot.waitUntil(lambda: failures == [(-5, "No existe el artículo -5.")])
    reader.request(7)
    qtbot.waitUntil(lambda: answers == [7])
    reader.close()
    assert closed.is_set()  # the thread's own resources released when it stops
