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
