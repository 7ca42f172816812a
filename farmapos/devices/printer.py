"""The ticket printer and its print queue: printing never blocks or loses a sale.

`PrintQueue` runs jobs on its own thread (no Qt): a printer that is off, out of paper or unplugged
leaves the job failed in the queue, visible through `jobs()` and the listeners, to retry or reprint.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from farmapos.devices import escpos
from farmapos.devices.config import DeviceSettings, parse_uri
from farmapos.devices.errors import DeviceError, UnsupportedFeature
from farmapos.devices.transports import Transport, open_transport

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrinterStatus:
    state: str
    """online, paper_out, offline, unknown (the transport cannot report) or none (no printer)."""
    detail: str = ""


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

    def send(self, data: bytes) -> None:
        if not self.configured:
            raise DeviceError("No hay impresora configurada.")
        transport = self._factory()
        try:
            transport.write(data)
        finally:
            transport.close()

    def status(self) -> PrinterStatus:
        """DLE EOT where the printer can answer; files and some USB models cannot."""
        if not self.configured:
            return PrinterStatus("none")
        if self.uri.scheme in ("file", "sim"):
            return PrinterStatus("unknown", "un fichero o un simulador no informan del estado")
        try:
            transport = self._factory()
        except DeviceError as exc:
            return PrinterStatus("offline", str(exc))
        try:
            transport.write(escpos.STATUS_PAPER)
            reply = transport.read(1, timeout=0.5)
        except UnsupportedFeature:
            return PrinterStatus("unknown")
        except DeviceError as exc:
            return PrinterStatus("offline", str(exc))
        finally:
            transport.close()
        if not reply:
            return PrinterStatus("unknown", "la impresora no contesta al estado")
        if reply[0] & 0x60:  # bits 5-6: paper roll end detected
            return PrinterStatus("paper_out", "sin papel")
        return PrinterStatus("online")


@dataclass(frozen=True)
class PrintJob:
    id: int
    title: str
    data: bytes = field(repr=False)
    state: str = "queued"
    """queued, printing, done or failed."""
    error: str = ""
    created_at: datetime = field(default_factory=lambda: datetime.now().astimezone())
    attempts: int = 0


class PrintQueue:
    """Prints jobs one at a time on a worker thread; `submit` never raises and never waits for the printer."""

    def __init__(self, printer: TicketPrinter, keep: int = 50) -> None:
        self.printer = printer
        self._jobs: dict[int, PrintJob] = {}
        self._ids = itertools.count(1)
        self._pending: queue.Queue[int | None] = queue.Queue()
        self._listeners: list[Callable[[PrintJob], None]] = []
        self._lock = threading.Lock()
        self._keep = keep
        self._idle = threading.Event()
        self._idle.set()
        self._thread = threading.Thread(target=self._run, name="farmapos-print-queue", daemon=True)
        self._thread.start()

    def listen(self, callback: Callable[[PrintJob], None]) -> None:
        """`callback(job)` on every change, from the worker thread (the UI marshals it to its own)."""
        self._listeners.append(callback)

    def submit(self, title: str, data: bytes) -> PrintJob:
        job = PrintJob(next(self._ids), title, data)
        self._update(job)
        self._idle.clear()
        self._pending.put(job.id)
        return job

    def retry(self, job_id: int) -> PrintJob:
        """Print a failed job again (or any past one: a reprint)."""
        with self._lock:
            job = replace(self._jobs[job_id], state="queued", error="")
        self._update(job)
        self._idle.clear()
        self._pending.put(job.id)
        return job

    def retry_failed(self) -> int:
        failed = [job.id for job in self.jobs() if job.state == "failed"]
        for job_id in failed:
            self.retry(job_id)
        return len(failed)

    def jobs(self) -> list[PrintJob]:
        with self._lock:
            return list(self._jobs.values())

    def waiting(self) -> int:
        """Jobs not printed yet (queued or failed): what the status line shows."""
        return sum(1 for job in self.jobs() if job.state in ("queued", "printing", "failed"))

    def wait_idle(self, timeout: float = 5.0) -> bool:
        return self._idle.wait(timeout)

    def close(self) -> None:
        self._pending.put(None)
        self._thread.join(timeout=5)

    def _update(self, job: PrintJob) -> None:
        with self._lock:
            self._jobs[job.id] = job
            done = [j.id for j in self._jobs.values() if j.state == "done"]
            for old in done[: max(0, len(self._jobs) - self._keep)]:
                del self._jobs[old]
        for listener in list(self._listeners):
            try:
                listener(job)
            except Exception:  # a listener's bug must not stop printing
                logger.exception("print queue listener failed")

    def _run(self) -> None:
        while True:
            job_id = self._pending.get()
            if job_id is None:
                return
            with self._lock:
                job = self._jobs.get(job_id)
            if job is not None:
                job = replace(job, state="printing", attempts=job.attempts + 1)
                self._update(job)
                try:
                    self.printer.send(job.data)
                except DeviceError as exc:
                    self._update(replace(job, state="failed", error=str(exc)))
                except Exception as exc:  # an unexpected fault is still only a failed job
                    logger.exception("print job %s failed", job.id)
                    self._update(replace(job, state="failed", error=str(exc)))
                else:
                    self._update(replace(job, state="done", error=""))
            if self._pending.empty():
                self._idle.set()
