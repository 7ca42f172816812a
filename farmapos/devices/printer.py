"""The ticket printer: bytes out through a transport, and its state (online, paper out, offline) read back
with DLE EOT where the connection can answer. Printing from the counter goes through `PrintQueue`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from farmapos.devices import escpos
from farmapos.devices.config import DeviceSettings, parse_uri
from farmapos.devices.errors import DeviceError, PrinterNotReady, UnsupportedFeature
from farmapos.devices.print_queue import PrintJob, PrintQueue
from farmapos.devices.transports import Transport, open_transport
from farmapos.messages import msg, reason

__all__ = ["PrintJob", "PrintQueue", "PrinterStatus", "TicketPrinter"]

logger = logging.getLogger(__name__)
STATUS_TIMEOUT = 0.5


@dataclass(frozen=True)
class PrinterStatus:
    state: str
    """online, paper_out, offline, unknown (the connection cannot report) or none (no printer)."""
    detail: str = ""

    @property
    def ready(self) -> bool:
        """Whether a job sent now would print (unknown counts: most printers that don't answer do print)."""
        return self.state in ("online", "unknown")


class TicketPrinter:
    """Sends ESC/POS bytes through a transport opened for each job."""

    def __init__(
        self, settings: DeviceSettings, transport_factory: Callable[[], Transport] | None = None
    ) -> None:
        self.settings = settings
        self.uri = parse_uri(settings.printer, "printer")
        self._factory = transport_factory or (lambda: open_transport(self.uri, name="printer"))

    @property
    def configured(self) -> bool:
        return not self.uri.is_none

    def send(self, data: bytes, *, check: bool = False) -> None:
        """Write `data`; with `check`, first ask a printer that can answer whether it can print now.

        Raises DeviceError (PrinterNotReady when the printer said no): the caller keeps the job.
        """
        if not self.configured:
            raise DeviceError(msg("No hay impresora configurada."))
        transport = self._factory()
        try:
            if check and getattr(transport, "bidirectional", False):
                status = self._query(transport)
                if not status.ready:
                    raise PrinterNotReady(status.detail or status.state)
            transport.write(data)
        finally:
            transport.close()

    def status(self) -> PrinterStatus:
        """DLE EOT where the printer can answer; files, simulators of files and some USB models cannot."""
        if not self.configured:
            return PrinterStatus("none")
        try:
            transport = self._factory()
        except DeviceError as exc:
            return PrinterStatus("offline", reason(exc))
        try:
            if not getattr(transport, "bidirectional", False):
                return PrinterStatus("unknown", msg("la conexión no informa del estado"))
            return self._query(transport)
        finally:
            transport.close()

    def _query(self, transport: Transport) -> PrinterStatus:
        try:
            printer = self._ask(transport, escpos.STATUS_PRINTER)
            if printer is None:
                return PrinterStatus("unknown", msg("la impresora no contesta al estado"))
            paper = self._ask(transport, escpos.STATUS_PAPER) or escpos.STATUS_FIXED_BITS
            cause = self._ask(transport, escpos.STATUS_OFFLINE) if printer & 0x08 else None
        except UnsupportedFeature:
            return PrinterStatus("unknown", msg("la conexión no informa del estado"))
        except DeviceError as exc:
            return PrinterStatus("offline", reason(exc))
        if paper & 0x60:
            return PrinterStatus("paper_out", msg("sin papel"))
        if printer & 0x08:
            if cause is not None and cause & 0x04:
                return PrinterStatus("offline", msg("tapa abierta"))
            if cause is not None and cause & 0x40:
                return PrinterStatus("offline", msg("error de la impresora (atasco o cuchilla)"))
            return PrinterStatus("offline", msg("fuera de línea"))
        return PrinterStatus("online", msg("queda poco papel") if paper & 0x0C else "")

    @staticmethod
    def _ask(transport: Transport, request: bytes) -> int | None:
        """One status byte, or None when nothing that looks like a status answer came back in time."""
        transport.write(request)
        reply = transport.read(1, timeout=STATUS_TIMEOUT)
        if not reply or reply[0] & escpos.STATUS_FIXED_MASK != escpos.STATUS_FIXED_BITS:
            return None
        return reply[0]
