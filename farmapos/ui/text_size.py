"""The counter's text size: Ctrl++ / Ctrl+− / Ctrl+0 scale every font on screen, for reading at arm's length.

The size is a factor of the system's font. It scales the application font, which every widget follows,
and the large figures (totals, change), which are set as multiples of it (`large_font`) and follow the
factor when it changes. The factor the pharmacist chose is kept in `counter.ini` in the data folder
(QSettings), per machine: the screen is the machine's. `[counter] text_size` in the config file gives
the size before any choice, and Ctrl+0 returns to it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0, 2.25, 2.5)
"""The sizes Ctrl++ and Ctrl+− step through."""
SMALLEST, LARGEST = STEPS[0], STEPS[-1]
_KEY = "counter/text_size"
_BASE = "farmapos_base_point_size"


def nearest_step(factor: float) -> float:
    return min(STEPS, key=lambda step: abs(step - factor))


class TextSize(QObject):
    """The factor, applied to the application's font and announced to the widgets with large figures."""

    sig_changed = Signal(float)

    def __init__(self, app: QApplication, *, default: float = 1.0, settings_file: Path | None = None) -> None:
        super().__init__(app)
        self.app = app
        # The system's size, which the factor multiplies: read once per application, before any factor.
        if app.property(_BASE) is None:
            app.setProperty(_BASE, app.font().pointSizeF())
        self.base = float(app.property(_BASE))
        self.default = nearest_step(default)
        self._settings = (
            QSettings(str(settings_file), QSettings.Format.IniFormat) if settings_file is not None else None
        )
        saved = self._settings.value(_KEY) if self._settings is not None else None
        try:
            chosen = float(saved) if saved is not None else self.default
        except (TypeError, ValueError):  # a hand-edited file: ignore the value, keep the default
            chosen = self.default
        self._apply(nearest_step(chosen))

    def bigger(self) -> None:
        later = [step for step in STEPS if step > self.factor]
        self.set(later[0] if later else LARGEST)

    def smaller(self) -> None:
        earlier = [step for step in STEPS if step < self.factor]
        self.set(earlier[-1] if earlier else SMALLEST)

    def reset(self) -> None:
        self.set(self.default)

    def set(self, factor: float) -> None:
        """Apply and remember `factor` (rounded to a step)."""
        self._apply(nearest_step(factor))
        if self._settings is not None:
            self._settings.setValue(_KEY, self.factor)
            self._settings.sync()

    def _apply(self, factor: float) -> None:
        self.factor: float = factor
        font = QFont(self.app.font())
        font.setPointSizeF(self.base * factor)
        self.app.setFont(font)
        self.sig_changed.emit(factor)

    @property
    def percent(self) -> int:
        return round(self.factor * 100)


def large_font(times: float, *, bold: bool = True) -> QFont:
    """A font `times` the application's current size: the large figures scale with the text size."""
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * times)
    font.setBold(bold)
    return font
