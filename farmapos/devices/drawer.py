"""The cash drawer: a kick through the printer (ESC p, pin 2 or 5) or the same bytes on its own serial port.

`open()` returns when the kick was sent and raises DeviceError when it could not be: the caller reports it
(the sale stands). Most drawers cannot say whether they opened, so "sent" is as far as anyone can know.
"""

from __future__ import annotations

from collections.abc import Callable

from farmapos.devices import escpos
from farmapos.devices.config import parse_uri
from farmapos.devices.errors import DeviceError, UnsupportedFeature
from farmapos.devices.printer import TicketPrinter
from farmapos.devices.profiles import printer_profile
from farmapos.devices.transports import Transport, open_transport
from farmapos.messages import msg


class CashDrawer:
    def __init__(self, setting: str, printer: TicketPrinter | None = None,
                 transport_factory: Callable[[], Transport] | None = None) -> None:  # fmt: skip
        self.uri = parse_uri(setting, "drawer")
        self.printer = printer
        self.opened = 0
        """Kicks sent since start (a sanity figure for the status line and the tests)."""
        self.pin = int(self.uri.target if self.uri.scheme == "printer" else self.uri.params.get("pin", 2))
        self._factory = transport_factory or (lambda: open_transport(self.uri, name="drawer"))

    @property
    def configured(self) -> bool:
        return not self.uri.is_none

    def kick_bytes(self) -> bytes:
        return escpos.drawer_kick(self.pin)

    def open(self) -> None:
        """Send the kick; DeviceError says why it could not be sent."""
        if not self.configured:
            raise DeviceError(msg("No hay cajón configurado."))
        if self.uri.scheme == "printer":
            if self.printer is None or not self.printer.configured:
                raise DeviceError(msg("El cajón se abre por la impresora y no hay impresora configurada."))
            profile = printer_profile(self.printer.settings.profile)
            if not profile.drawer_pulse:
                raise UnsupportedFeature(
                    msg("La impresora {printer} no tiene conector de cajón (ESC p).", printer=profile.name)
                )
            self.printer.send(self.kick_bytes())
        else:
            transport = self._factory()
            try:
                transport.write(self.kick_bytes())
            finally:
                transport.close()
        self.opened += 1
