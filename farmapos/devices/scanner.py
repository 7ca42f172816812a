"""Serial barcode scanners: lines read on their own thread, normalised, handed to a callback.

A keyboard-wedge scanner needs nothing here: it types into the counter's code field.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from farmapos.devices.config import parse_uri
from farmapos.devices.errors import DeviceError
from farmapos.devices.transports import SerialTransport
from farmapos.scancodes import Scan, normalize_scan

logger = logging.getLogger(__name__)


class SerialScanner:
    def __init__(
        self, setting: str, on_scan: Callable[[Scan], None], transport: SerialTransport | None = None
    ) -> None:
        self.uri = parse_uri(setting, "scanner")
        if self.uri.scheme not in ("serial", "loop") and transport is None:
            raise DeviceError(f"El lector {setting!r} no es serie.")
        self.on_scan = on_scan
        url = "loop://" if self.uri.scheme == "loop" else self.uri.target
        self.transport = transport or SerialTransport(url, int(self.uri.params.get("baudrate", 9600)))
        self.status = "online"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="farmapos-scanner", daemon=True)

    def start(self) -> SerialScanner:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.transport.close()

    def _run(self) -> None:
        buffer = b""
        while not self._stop.is_set():
            try:
                chunk = self.transport.read(64, timeout=0.1)
            except DeviceError as exc:
                self.status = "offline"
                logger.warning("scanner: %s", exc)
                return
            buffer += chunk
            while b"\r" in buffer or b"\n" in buffer:
                cut = min(i for i in (buffer.find(b"\r"), buffer.find(b"\n")) if i >= 0)
                raw, buffer = buffer[:cut], buffer[cut + 1 :]
                if raw.strip():
                    self.on_scan(normalize_scan(raw.decode("latin-1")))
