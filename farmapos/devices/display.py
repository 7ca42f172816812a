"""Customer pole displays (2 × 20): the CD5220 and the ESC/POS (Epson DM-D) command sets.

Characters the display cannot show are mapped to readable ASCII (á → a, € → EUR). A display fault is
recorded in `status` and logged, never raised into a sale: every `show…` returns whether it reached
the display.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from decimal import Decimal

from farmapos.devices.config import parse_uri
from farmapos.devices.errors import DeviceError
from farmapos.devices.transports import Transport, open_transport
from farmapos.formats import format_number
from farmapos.messages import reason

logger = logging.getLogger(__name__)
WIDTH = 20

# Clearing and line positioning, per command set. CD5220: ESC Q A/B writes a whole line ended by CR.
# DM-D: US $ column row moves the cursor (1-based), then the text overwrites from there.
PROTOCOLS = {
    "cd5220": {"init": b"\x1b\x40", "clear": b"\x0c", "line1": b"\x1b\x51\x41", "line2": b"\x1b\x51\x42",
               "end": b"\x0d"},
    "escpos": {"init": b"\x1b\x40", "clear": b"\x0c", "line1": b"\x1f\x24\x01\x01", "line2": b"\x1f\x24\x01\x02",
               "end": b""},
}  # fmt: skip
ASCII_NAMES = {"€": "EUR", "º": "o", "ª": "a", "ß": "ss", "Æ": "AE", "æ": "ae", "Ø": "O", "ø": "o",
               "¿": "?", "¡": "!", "·": ".", "×": "x", "–": "-", "—": "-", "‘": "'", "’": "'", "“": '"',
               "”": '"', "…": "...", "\u00a0": " "}  # fmt: skip


def to_display_ascii(text: str) -> str:
    """Readable ASCII: accents dropped, ñ → n, € → EUR, anything else unknown → '?'."""
    text = "".join(ASCII_NAMES.get(c, c) for c in text)
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c if 32 <= ord(c) < 127 else "?" for c in plain)


def fit(left: str, right: str = "") -> str:
    """One 20-character line: left text cut to leave room for the right-aligned amount."""
    left, right = to_display_ascii(left), to_display_ascii(right)
    room = max(0, WIDTH - len(right) - (1 if right else 0))
    return f"{left[:room]:<{room}}{' ' if right else ''}{right}"[:WIDTH]


def amount(value: Decimal) -> str:
    return f"{format_number(value)} EUR"


class CustomerDisplay:
    def __init__(self, setting: str, transport_factory: Callable[[], Transport] | None = None) -> None:
        self.uri = parse_uri(setting, "display")
        self.protocol = self.uri.params.get("protocol", "cd5220").lower()
        self._factory = transport_factory or (lambda: open_transport(self.uri, name="display"))
        self.lines = ("", "")
        """The last two lines asked for (also when the display failed: what the customer should see)."""
        self.status = "none" if self.uri.is_none else "unknown"
        """none, unknown (nothing shown yet), online or offline."""
        self.error = ""

    @property
    def configured(self) -> bool:
        return not self.uri.is_none

    def frame(self, line1: str, line2: str) -> bytes:
        """The exact bytes that show two lines."""
        codes = PROTOCOLS[self.protocol]
        return (
            codes["clear"] + codes["line1"] + fit(line1).encode("ascii") + codes["end"]
            + codes["line2"] + fit(line2).encode("ascii") + codes["end"]
        )  # fmt: skip

    def show(self, line1: str, line2: str = "") -> bool:
        self.lines = (fit(line1), fit(line2))
        if not self.configured:
            return False
        try:
            transport = self._factory()
            try:
                transport.write(self.frame(line1, line2))
            finally:
                transport.close()
        except DeviceError as exc:
            self.status, self.error = "offline", reason(exc)
            logger.warning("customer display: %s", exc)
            return False
        except Exception as exc:  # a display bug must not reach the sale either
            self.status, self.error = "offline", str(exc) or type(exc).__name__
            logger.exception("customer display failed")
            return False
        self.status, self.error = "online", ""
        return True

    def show_line(self, description: str, price: Decimal) -> bool:
        """The article on line 1, its price right-aligned on line 2."""
        return self.show(description, fit("", amount(price)))

    def show_total(self, total: Decimal) -> bool:
        return self.show("TOTAL", fit("", amount(total)))

    def show_change(self, total: Decimal, tendered: Decimal, change: Decimal) -> bool:
        """What was handed over and the change (the total was on the display while paying)."""
        return self.show(fit("Entregado", amount(tendered)), fit("Cambio", amount(change)))

    def idle(self, message: str = "Bienvenido") -> bool:
        return self.show(message, "")
