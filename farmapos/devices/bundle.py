"""The devices of one workstation, built from its settings: what the counter and the CLI use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from farmapos.devices.config import DeviceSettings
from farmapos.devices.display import CustomerDisplay
from farmapos.devices.drawer import CashDrawer
from farmapos.devices.printer import PrintQueue, TicketPrinter
from farmapos.devices.scanner import SerialScanner, open_scanner
from farmapos.scancodes import Scan

DEVICE_NAMES = ("printer", "display", "drawer", "scanner")
"""The devices a workstation has, as `Devices.status` names them."""


@dataclass(frozen=True)
class DeviceState:
    """A device's state for a status line: a word (an English identifier: `ok`, `none`, `error`, `online`,
    `paper_out`…, which the counter says in its language) and the tickets waiting in the printer's queue."""

    word: str
    waiting: int = 0

    def __str__(self) -> str:
        return self.word + (f" ({self.waiting})" if self.waiting else "")


@dataclass
class Devices:
    settings: DeviceSettings
    printer: TicketPrinter
    queue: PrintQueue
    drawer: CashDrawer
    display: CustomerDisplay
    scanner: SerialScanner | None = None
    """The serial scanner once `start_scanner` ran (None for keyboard-wedge scanners: nothing to open)."""

    def start_scanner(self, on_scan: Callable[[Scan], None]) -> SerialScanner | None:
        """Read a serial scanner on its own thread, handing each normalised code to `on_scan`."""
        if self.scanner is None:
            self.scanner = open_scanner(self.settings.scanner, on_scan)
        return self.scanner

    def status(self) -> dict[str, DeviceState]:
        """Each device's state for the status line (the printer's from its queue, without blocking)."""
        printer = (
            "none" if not self.printer.configured else ("error" if self.queue.state() == "failed" else "ok")
        )
        scanner = self.settings.scanner.split(":")[0]
        if self.scanner is not None:
            scanner = self.scanner.status
        return {
            "printer": DeviceState(printer, self.queue.waiting()),
            "display": DeviceState(self.display.status),
            "drawer": DeviceState("none" if not self.drawer.configured else "ok"),
            "scanner": DeviceState(scanner),
        }

    def close(self) -> None:
        """Finish queued printing and release the scanner's port."""
        self.queue.close()
        if self.scanner is not None:
            self.scanner.stop()
            self.scanner = None


def open_devices(settings: DeviceSettings) -> Devices:
    """Build the workstation's devices (nothing is opened until used; DeviceConfigError for bad settings)."""
    settings = settings.validate()
    printer = TicketPrinter(settings)
    return Devices(settings, printer, PrintQueue(printer), CashDrawer(settings.drawer, printer),
                   CustomerDisplay(settings.display))  # fmt: skip
