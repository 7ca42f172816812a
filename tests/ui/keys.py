"""Typing as a pharmacist does, including ñ, á, €: pytest-qt's keyClicks aborts on non-ASCII text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def type_text(qtbot, widget, text: str, *, enter: bool = False) -> None:
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
            )
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)


def settle(qtbot, widget) -> None:
    """Wait until the sale operations the keys started (off the UI thread) have answered."""
    qtbot.waitUntil(widget.counter.ops.idle, timeout=5000)


def scan(qtbot, widget, code: str) -> None:
    """A keyboard-wedge scan: the code, Enter, and the line added."""
    type_text(qtbot, widget.code, code, enter=True)
    settle(qtbot, widget)


def press(qtbot, widget, key: Qt.Key) -> None:
    """A key in the code field (+, −, Delete…) and its operation's answer."""
    qtbot.keyClick(widget.code, key)
    settle(qtbot, widget)
