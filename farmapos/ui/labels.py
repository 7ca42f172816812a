"""Labels that keep their room on screen whether or not they show text, at any text size."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel


class RoomyLabel(QLabel):
    """A label as tall as `lines` lines of its font, even empty: a message or a card appearing must not
    move the lines table (which would repaint the whole window on the next scan). Follows the text size
    (Ctrl++ / Ctrl+−), since its font changes with the application's."""

    def __init__(self, text: str = "", *, lines: int = 1) -> None:
        super().__init__(text)
        self.lines = lines
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._keep_room()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._keep_room()
        super().changeEvent(event)

    def _keep_room(self) -> None:
        self.setMinimumHeight(self.lines * self.fontMetrics().lineSpacing() + 4)
