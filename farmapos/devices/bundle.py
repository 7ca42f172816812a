"""The devices of one workstation, built from its settings: what the counter and the CLI use."""

from __future__ import annotations

from dataclasses import dataclass

from farmapos.devices.config import DeviceSettings
from farmapos.devices.display import CustomerDisplay
from farmapos.devices.drawer import CashDrawer
from farmapos.devices.printer import PrintQueue, TicketPrinter


@dataclass
class Devices:
    settings: DeviceSettings
    printer: TicketPrinter
    queue: PrintQueue
    drawer: CashDrawer
    display: CustomerDisplay

    def status(self) -> dict[str, str]:
        """One word per device for the status line (the printer's from its queue, without blocking)."""
        waiting = self.queue.waiting()
        failed = any(job.state == "failed" for job in self.queue.jobs())
        printer = "none" if not self.printer.configured else ("error" if failed else "ok")
        return {
            "printer": printer + (f" ({waiting})" if waiting else ""),
            "display": self.display.status,
            "drawer": "none" if not self.drawer.configured else "ok",
            "scanner": self.settings.scanner.split(":")[0],
        }

    def close(self) -> None:
        self.queue.close()


def open_devices(settings: DeviceSettings) -> Devices:
    settings = settings.validate()
    printer = TicketPrinter(settings)
    return Devices(settings, printer, PrintQueue(printer), CashDrawer(settings.drawer, printer),
                   CustomerDisplay(settings.display))  # fmt: skip
