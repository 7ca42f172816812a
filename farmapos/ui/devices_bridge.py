"""The counter's access to its devices: every device call runs on a worker thread, results come back
as signals, and a device that fails is a status in the window, never a lost or blocked sale."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QObject, Signal

from farmapos.devices import DEVICE_NAMES, DeviceError, Devices, DeviceState
from farmapos.devices.ticket_render import render_report, render_ticket
from farmapos.ui.i18n import tr_message

logger = logging.getLogger(__name__)


class DevicesBridge(QObject):
    sig_status = Signal(dict)
    """Device name (printer, display, drawer, scanner) → its `DeviceState`, after any change."""
    sig_problem = Signal(str)
    """A device problem to show in the window (the sale it concerns is already saved)."""
    sig_scan = Signal(str)
    """A code read by a serial scanner, for the current sale."""

    def __init__(self, devices: Devices | None) -> None:
        super().__init__()
        self.devices = devices
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="farmapos-devices")
        self.last_ticket = None
        self.scanner = None
        self.printer_state = "unknown"
        if devices is not None:
            devices.queue.listen(self._on_job)
            self._start_scanner(devices.settings.scanner)

    def _start_scanner(self, setting: str) -> None:
        """Serial scanners deliver on their own thread; the signal brings each code to the UI thread."""
        if not setting.startswith(("serial:", "loop:")):
            return
        from farmapos.devices.scanner import SerialScanner

        try:
            self.scanner = SerialScanner(setting, lambda scan: self.sig_scan.emit(scan.text)).start()
        except DeviceError as exc:
            logger.warning("scanner: %s", exc)

    def replace(self, devices: Devices) -> None:
        """Use newly configured devices; the old ones finish what they were doing first."""
        old = self.devices
        self.wait()
        if self.scanner is not None:
            self.scanner.stop()
            self.scanner = None
        self.devices = devices
        devices.queue.listen(self._on_job)
        self._start_scanner(devices.settings.scanner)
        if old is not None:
            old.close()
        self.idle()
        self.sig_status.emit(self.status())

    def refresh_printer(self) -> None:
        """Ask the printer for its state (paper out, offline) off the UI thread; the status line follows."""
        if self.devices is not None and self.devices.printer.configured:
            self._run(
                lambda: setattr(self, "printer_state", self.devices.printer.status().state),
                self.tr("Impresora"),
            )

    def idle(self, message: str = "Bienvenido") -> None:
        """The customer display's greeting: for the pharmacy's customers, so Spanish like the tickets."""
        if self.devices is not None:
            self._run(lambda: self.devices.display.idle(message), self.tr("Visor"))

    def _on_job(self, job) -> None:
        if job.state == "failed":
            self.sig_problem.emit(
                self.tr("Impresora: {0}. El ticket queda en cola (Ctrl+R reintenta).").format(
                    tr_message(job.error)
                )
            )
        self.sig_status.emit(self.status())

    def status(self) -> dict[str, DeviceState]:
        if self.devices is None:
            return {name: DeviceState("keyboard" if name == "scanner" else "none") for name in DEVICE_NAMES}
        status = self.devices.status()
        if self.printer_state in ("paper_out", "offline"):  # what the printer said when last asked
            word = "paper_out" if self.printer_state == "paper_out" else "switched_off"
            status["printer"] = replace(status["printer"], word=word)
        return status

    def _run(self, action, what: str) -> None:
        def call() -> None:
            try:
                action()
            except DeviceError as exc:
                self.sig_problem.emit(f"{what}: {tr_message(exc)}")
            except Exception as exc:  # a device bug must not reach the sale
                logger.exception("%s failed", what)
                self.sig_problem.emit(f"{what}: {tr_message(exc)}")
            self.sig_status.emit(self.status())

        if self.devices is not None:
            self._worker.submit(call)

    def print_ticket(self, ticket) -> None:
        self.last_ticket = ticket
        if self.devices is None or not self.devices.printer.configured:
            return
        settings = self.devices.settings
        self._run(
            lambda: self.devices.queue.submit(ticket.full_number, render_ticket(ticket, settings)),
            self.tr("Impresora"),
        )

    def reprint_last(self) -> None:
        if self.last_ticket is not None and self.devices is not None:
            settings = self.devices.settings
            ticket = self.last_ticket
            self._run(lambda: self.devices.queue.submit(ticket.full_number, render_ticket(ticket, settings, copy=True)),
                      self.tr("Impresora"))  # fmt: skip

    def print_report(self, title: str, rows: list[tuple[str, str]]) -> None:
        if self.devices is not None and self.devices.printer.configured:
            settings = self.devices.settings
            self._run(
                lambda: self.devices.queue.submit(title, render_report(title, rows, settings)),
                self.tr("Impresora"),
            )

    def retry_printing(self) -> None:
        if self.devices is not None:
            self._run(self.devices.queue.retry_failed, self.tr("Impresora"))

    def open_drawer(self) -> None:
        if self.devices is not None and self.devices.drawer.configured:
            self._run(self.devices.drawer.open, self.tr("Cajón"))

    def show_line(self, description: str, amount: Decimal) -> None:
        if self.devices is not None:
            self._run(lambda: self.devices.display.show_line(description, amount), self.tr("Visor"))

    def show_total(self, total: Decimal) -> None:
        if self.devices is not None:
            self._run(lambda: self.devices.display.show_total(total), self.tr("Visor"))

    def show_change(self, total: Decimal, tendered: Decimal, change: Decimal) -> None:
        if self.devices is not None:
            self._run(lambda: self.devices.display.show_change(total, tendered, change), self.tr("Visor"))

    def wait(self) -> None:
        """Let queued device calls finish (tests, shutdown)."""
        self._worker.submit(lambda: None).result(timeout=10)
        if self.devices is not None:
            self.devices.queue.wait_idle(10)

    def close(self) -> None:
        if self.scanner is not None:
            self.scanner.stop()
        self._worker.shutdown(wait=True)
        if self.devices is not None:
            self.devices.close()
