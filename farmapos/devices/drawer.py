"""The cash drawer: a kick through the printer (ESC p, pin 2 or 5) or on its own serial port."""

from __future__ import annotations

from collections.abc import Callable

from farmapos.devices import escpos
from farmapos.devices.config import parse_uri
from farmapos.devices.errors import DeviceError
from farmapos.devices.printer import TicketPrinter
from farmapos.devices.transports import Transport, open_transport


class CashDrawer:
    def __init__(self, setting: str, printer: TicketPrinter | None = None,
                 transport_factory: Callable[[], Transport] | None = None) -> None:  # fmt: skip
        self.uri = parse_uri(setting, "drawer")
        self.printer = printer
        self.opened = 0
        """Kicks sent since start (the simulator's counter, and a sanity figure for the status line)."""
        if self.uri.scheme == "printer":
            self.pin = int(self.uri.target)
        else:
            self.pin = int(self.uri.params.get("pin", 2))
        self._factory = transport_factory or (lambda: open_transport(self.uri, name="drawer"))

    @property
    def configured(self) -> bool:
        return not self.uri.is_none

    def open(self) -> None:
        """Kick the drawer; raises DeviceError when it cannot (the caller reports it, the sale stands)."""
        if not self.configured:
            raise DeviceError("No hay cajón configurado.")
        data = escpos.drawer_kick(self.pin)
        if self.uri.scheme == "printer":
            if self.printer is None or not self.printer.configured:
                raise DeviceError("El cajón se abre por la impresora y no hay impresora configurada.")
            self.printer.send(data)
        else:
            transport = self._factory()
            try:
                transport.write(data)
            finally:
                transport.close()
        self.opened += 1
