"""The print queue: printing never blocks or loses a sale.

Jobs run one at a time on a worker thread (no Qt). A printer that is off, out of paper or unplugged
leaves the job failed in the queue — visible through `jobs()`, `waiting()` and the listeners — to retry
when it is back, and any printed job can be printed again. `submit()` never raises and never waits.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

from farmapos.devices.errors import DeviceError
from farmapos.messages import msg, reason

logger = logging.getLogger(__name__)


class Sender(Protocol):
    def send(self, data: bytes, *, check: bool = False) -> None: ...


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
    """Prints jobs one at a time on a worker thread; listeners hear of every change of every job."""

    def __init__(self, printer: Sender, keep: int = 50) -> None:
        self.printer = printer
        self._jobs: dict[int, PrintJob] = {}
        self._ids = itertools.count(1)
        self._pending: queue.Queue[int | None] = queue.Queue()
        self._listeners: list[Callable[[PrintJob], None]] = []
        self._lock = threading.Lock()
        self._keep = keep
        self._outstanding = 0
        self._idle = threading.Condition(self._lock)
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="farmapos-print-queue", daemon=True)
        self._thread.start()

    def listen(self, callback: Callable[[PrintJob], None]) -> None:
        """`callback(job)` on every change, from the worker thread (the UI marshals it to its own)."""
        self._listeners.append(callback)

    def submit(self, title: str, data: bytes) -> PrintJob:
        """Queue `data` for printing and return at once; the job's fate comes through the listeners."""
        return self._enqueue(PrintJob(next(self._ids), title, data))

    def retry(self, job_id: int) -> PrintJob:
        """Queue a failed job again; a job already queued or printing is left as it is."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise KeyError(f"no print job {job_id}")
        if job.state in ("queued", "printing"):
            return job
        return self._enqueue(replace(job, state="queued", error=""))

    def reprint(self, job_id: int) -> PrintJob:
        """Print a past job's bytes again as a new job (the original keeps its history)."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise KeyError(f"no print job {job_id}")
        return self.submit(job.title, job.data)

    def retry_failed(self) -> int:
        failed = [job.id for job in self.jobs() if job.state == "failed"]
        for job_id in failed:
            self.retry(job_id)
        return len(failed)

    def jobs(self) -> list[PrintJob]:
        with self._lock:
            return list(self._jobs.values())

    def waiting(self) -> int:
        """Jobs not printed yet (queued, printing or failed): the number the status line shows."""
        return sum(1 for job in self.jobs() if job.state != "done")

    def state(self) -> str:
        """One word for the status line: failed (something waits for a retry), printing, or idle."""
        states = {job.state for job in self.jobs()}
        if "failed" in states:
            return "failed"
        return "printing" if states & {"queued", "printing"} else "idle"

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until every queued job has been tried (printed or failed); False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._outstanding == 0, timeout)

    def close(self) -> None:
        """Finish the jobs already queued, then stop the worker."""
        with self._lock:
            self._closed = True
        self._pending.put(None)
        self._thread.join(timeout=10)

    def _enqueue(self, job: PrintJob) -> PrintJob:
        with self._lock:
            closed = self._closed
            if not closed:
                self._outstanding += 1
        if closed:
            job = replace(job, state="failed", error=msg("la cola de impresión está cerrada"))
            self._update(job)
            return job
        self._update(job)
        self._pending.put(job.id)
        return job

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
        while (job_id := self._pending.get()) is not None:
            try:
                with self._lock:
                    job = self._jobs.get(job_id)
                if job is not None:
                    self._print(job)
            finally:
                with self._idle:
                    self._outstanding -= 1
                    self._idle.notify_all()

    def _print(self, job: PrintJob) -> None:
        job = replace(job, state="printing", attempts=job.attempts + 1)
        self._update(job)
        try:
            self.printer.send(job.data, check=True)
        except DeviceError as exc:
            logger.warning("print job %s (%s) failed: %s", job.id, job.title, exc)
            self._update(replace(job, state="failed", error=reason(exc)))
        except Exception as exc:  # an unexpected fault is still only a failed job
            logger.exception("print job %s failed", job.id)
            self._update(replace(job, state="failed", error=str(exc) or type(exc).__name__))
        else:
            self._update(replace(job, state="done", error=""))
