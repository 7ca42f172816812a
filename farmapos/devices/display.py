"""Customer pole displays (2 × 20): the CD5220 and the ESC/POS (Epson DM-D) command sets.

Characters the display cannot show are mapped to readable ASCII (á → a, € → EUR). A display fault is
recorded in `status` and never raised into a sale.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from decimal import Decimal

from farmapos.devices.config import parse_uri
from farmapos.devices.errors import DeviceConfigError, DeviceError
from farmapos.devices.transports import Transport, open_transport
from farmapos.formats import format_number

logger = logging.getLogger(__name__)
WIDTH = 20

# Line 1 and line 2 positioning and clearing, per command set.
PROTOCOLS = {
    "cd5220": {"init": b"\x1b\x40", "clear": b"\x0c", "line1": b"\x1b\x51\x41", "line2": b"\x1b\x51\x42",
               "end": b"\x0d"},
    "escpos": {"init": b"\x1b\x40", "clear": b"\x0c", "line1": b"\x1f\x24\x01\x01", "line2": b"\x1f\x24\x01\x02",
               "end": b""},
}  # fmt: skip


def to_display_ascii(text: str) -> str:
    """Readable ASCII: accents dropped, ñ → n, € → EUR, anything else unknown → '?'."""
    text = text.replace("€", "EUR").replace("º", "o").replace("ª", "a")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c if 32 <= ord(c) < 127 else "?" for c in plain)


def fit(left: str, right: str = "") -> str:
    """One 20-character line: left text cut to leave room for the right-aligned amount."""
    left, right = to_display_ascii(left), to_display_ascii(right)
    room = WIDTH - len(right) - (1 if right else 0)
    return f"{left[:room]:<{room}}{' ' if right else ''}{right}"[:WIDTH]


def amount(value: Decimal) -> str:
    return f"{format_number(value)} EUR"


class CustomerDisplay:
    def __init__(self, setting: str, transport_factory: Callable[[], Transport] | None = None) -> None:
        self.uri = parse_uri(setting, "display")
        self.protocol = self.uri.params.get("protocol", "cd5220").lower()
        if self.protocol not in PROTOCOLS:
            raise DeviceConfigError(f"Protocolo de visor desconocido: {self.protocol!r} (cd5220 o escpos).")
        self._factory = transport_factory or (lambda: open_transport(self.uri, name="display"))
        self.lines = ("", "")
        self.status = "none" if self.uri.is_none else "unknown"

    def frame(self, line1: str, line2: str) -> bytes:
        """The exact bytes that show two lines."""
        codes = PROTOCOLS[self.protocol]
        return (
            codes["clear"] + codes["line1"] + fit(line1).encode("ascii") + codes["end"]
            + codes["line2"] + fit(line2).encode("ascii") + codes["end"]
        )  # fmt: skip

    def show(self, line1: str, line2: str = "") -> bool:
        self.lines = (fit(line1), fit(line2))
        if self.uri.is_none:
            return False
        try:
            transport = self._factory()
            try:
                transport.write(self.frame(line1, line2))
            finally:
                transport.close()
        except DeviceError as exc:
            self.status = "offline"
            logger.warning("customer display: %s", exc)
            return False
        self.status = "online"
        return True

    def show_line(self, description: str, price: Decimal) -> bool:
        """The article on line 1, its price right-aligned on line 2."""
        return self.show(description, fit("", amount(price)))

    def show_total(self, total: Decimal) -> bool:
        return self.show("TOTAL", fit("", amount(total)))

    def show_change(self, total: Decimal, tendered: Decimal, change: Decimal) -> bool:
        return self.show(fit("Entregado", amount(tendered)), fit("Cambio", amount(change)))

    def idle(self, message: str = "Bienvenido") -> bool:
        return self.show(message, "")
