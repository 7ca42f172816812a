"""A counter on a fresh SQLite copy for each UI test."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator

import pytest

from farmapos.domain.db import Database
from farmapos.ui.counter import CounterWindow, build_counter_window


@pytest.fixture
def counter_on(qtbot, tmp_path, sqlite_template) -> Iterator[Callable]:
    """`counter_on(prepare)`: a database prepared by `prepare(db)`, and its counter shown and active."""
    opened: list[tuple[CounterWindow, Database]] = []

    def build(prepare: Callable[[Database], object], **kwargs) -> tuple[CounterWindow, Database]:
        path = tmp_path / f"counter{len(opened)}.db"
        shutil.copyfile(sqlite_template, path)
        db = Database(f"sqlite:///{path}")
        prepare(db)
        window = build_counter_window(db, **kwargs)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        opened.append((window, db))
        return window, db

    yield build
    for window, db in opened:
        window.shutdown()
        db.dispose()


@pytest.fixture
def language(qapp) -> Iterator[Callable[[str], str]]:
    """`language("en")`: the counter's translations and formats for this test only (installed before the
    window is built, as `run_counter` does; removed afterwards so no other test sees them)."""
    from PySide6.QtCore import QCoreApplication

    from farmapos.ui import i18n

    yield lambda lang: i18n.install(lang, qapp)
    i18n.uninstall(qapp)
    assert i18n.language() == "es" and QCoreApplication.translate("PayDialog", "Cobrar") == "Cobrar"
