"""Serial barcode scanners: lines read on their own thread, normalised, handed to a callback.

A keyboard-wedge scanner (`keyboard`) needs nothing here: it types into the counter's code field, which
normalises what it gets with the same `normalize_scan`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from farmapos.devices.config import parse_uri
from farmapos.devices.errors import DeviceError
from farmapos.devices.transports import SerialTransport, Transport
from farmapos.messages import msg, reason
from farmapos.scancodes import Scan, normalize_scan

logger = logging.getLogger(__name__)
POLL = 0.1  # seconds a read waits, so `stop()` is honoured promptly


class SerialScanner:
    def __init__(
        self, setting: str, on_scan: Callable[[Scan], None], transport: Transport | None = None
    ) -> None:
        self.uri = parse_uri(setting, "scanner")
        if self.uri.scheme not in ("serial", "loop") and transport is None:
            raise DeviceError(
                msg("El lector {setting!r} no es serie: no hay nada que abrir.", setting=setting)
            )
        self.on_scan = on_scan
        self.transport = transport or SerialTransport(
            self.uri.target, int(self.uri.params.get("baudrate", 9600))
        )
        self.status = "online"
        """online, or offline after the port failed (unplugged)."""
        self.error = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="farmapos-scanner", daemon=True)

    def start(self) -> SerialScanner:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=2)
        self.transport.close()

    def _run(self) -> None:
        buffer = b""
        while not self._stop.is_set():
            try:
                chunk = self.transport.read(64, timeout=POLL)
            except DeviceError as exc:
                self.status, self.error = "offline", reason(exc)
                logger.warning("scanner: %s", exc)
                return
            buffer += chunk
            while b"\r" in buffer or b"\n" in buffer:
                cut = min(i for i in (buffer.find(b"\r"), buffer.find(b"\n")) if i >= 0)
                raw, buffer = buffer[:cut], buffer[cut + 1 :]
                if raw.strip():
                    self._deliver(raw)

    def _deliver(self, raw: bytes) -> None:
        try:
            self.on_scan(normalize_scan(raw.decode("latin-1")))
        except Exception:  # the receiver's bug must not stop the scanner
            logger.exception("scan handler failed for %r", raw)


def open_scanner(setting: str, on_scan: Callable[[Scan], None]) -> SerialScanner | None:
    """A started serial scanner, or None for `keyboard` and `none` (nothing to open)."""
    uri = parse_uri(setting, "scanner")
    if uri.scheme in ("keyboard", "none"):
        return None
    return SerialScanner(setting, on_scan).start()
