"""Telling a scanner from a person: a burst of 4+ keys under ~20 ms apart ending in Enter is a scan.

Installed on the application while a dialog is open, it takes such a burst away from the dialog's text
field and hands it to the sale; slower typing passes through untouched.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

MAX_GAP_S = 0.020
MIN_KEYS = 4


class ScanBurstFilter(QObject):
    def __init__(self, on_scan: Callable[[str], None], clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.on_scan, self.clock = on_scan, clock
        self.buffer = ""
        self.last = 0.0
        self.held: list[tuple[QObject, QKeyEvent]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        from PySide6.QtWidgets import QApplication

        if watched is not QApplication.focusWidget():  # the same event bubbling up to parents
            return False
        now = self.clock()
        fast = now - self.last <= MAX_GAP_S
        self.last = now
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if fast and len(self.buffer) >= MIN_KEYS:
                code, self.buffer = self.buffer, ""
                self._undo_typed(len(code))
                self.on_scan(code)
                return True
            self.buffer = ""
            return False
        text = event.text()
        if text and text.isprintable():
            self.buffer = (self.buffer + text) if (fast or not self.buffer) else text
            self.held.append((watched, event))
        return False

    def _undo_typed(self, count: int) -> None:
        """The burst's characters reached the focused field before it was recognised: take them back out."""
        from PySide6.QtWidgets import QApplication, QLineEdit

        field = QApplication.focusWidget()
        if isinstance(field, QLineEdit) and field.text().endswith(field.text()[-count:]):
            field.setText(field.text()[:-count])
        self.held.clear()
