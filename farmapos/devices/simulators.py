"""Simulated devices for the demo and the tests: they take the same bytes as the real ones.

The printer simulator keeps what it is sent and answers DLE EOT status requests like an Epson printer
(paper out, cover open, unplugged can be set); the display simulator interprets the CD5220 and Epson
DM-D command sets into its two lines (and can append them to a text file a newcomer can `tail -f`);
the drawer simulator counts the kicks it gets and on which pin. `sim://` settings share one simulator
per device kind and target within a process.
"""

from __future__ import annotations

import threading
from pathlib import Path

from farmapos.devices import escpos
from farmapos.devices.errors import DeviceError, UnsupportedFeature
from farmapos.messages import msg

WIDTH = 20


class PrinterSimulator:
    bidirectional = True

    def __init__(self, path: str | Path | None = None, *, paper: bool = True, paper_near_end: bool = False,
                 cover_open: bool = False, connected: bool = True) -> None:  # fmt: skip
        self.path = Path(path) if path else None
        self.paper, self.paper_near_end, self.cover_open = paper, paper_near_end, cover_open
        self.connected = connected
        self.data = bytearray()
        """Everything printed (status requests are kept apart, in `requests`)."""
        self.held = bytearray()
        """Bytes received while out of paper or with the cover open: a real printer holds them, unprinted."""
        self.requests: list[bytes] = []
        self._replies = bytearray()
        self._lock = threading.Lock()

    def status_byte(self, n: int) -> int:
        """What DLE EOT n answers: the fixed bits 1 and 4, plus the flags of the simulated state."""
        offline = not self.paper or self.cover_open
        flags = {
            1: 0x08 if offline else 0,
            2: (0x04 if self.cover_open else 0) | (0x20 if not self.paper else 0),
            3: 0,
            4: (0x0C if self.paper_near_end else 0) | (0x60 if not self.paper else 0),
        }
        return escpos.STATUS_FIXED_BITS | flags[n]

    def write(self, data: bytes) -> None:
        self._check()
        with self._lock:
            if _only_status_requests(data):
                for i in range(0, len(data), 3):
                    self.requests.append(data[i : i + 3])
                    self._replies.append(self.status_byte(data[i + 2]))
                return
            if not self.paper or self.cover_open:
                self.held += data
                return
            self.data += data
        if self.path is not None:
            with self.path.open("ab") as handle:
                handle.write(data)

    def read(self, size: int, timeout: float = 0.5) -> bytes:
        self._check()
        with self._lock:
            reply = bytes(self._replies[:size])
            del self._replies[:size]
            return reply

    def close(self) -> None:
        return None

    def _check(self) -> None:
        if not self.connected:
            raise DeviceError(msg("impresora simulada desconectada"))


def _only_status_requests(data: bytes) -> bool:
    return (
        bool(data)
        and len(data) % 3 == 0
        and all(
            data[i : i + 2] == escpos.DLE + escpos.EOT and data[i + 2] in (1, 2, 3, 4)
            for i in range(0, len(data), 3)
        )
    )


class DisplaySimulator:
    """A 2 × 20 pole display in memory, understanding the CD5220 and Epson DM-D commands we send."""

    bidirectional = False

    def __init__(self, path: str | Path | None = None, *, connected: bool = True) -> None:
        self.path = Path(path) if path else None
        self.connected = connected
        self._cells = [[" "] * WIDTH, [" "] * WIDTH]
        self._row = self._col = 0
        self.writes = 0

    @property
    def lines(self) -> tuple[str, str]:
        return "".join(self._cells[0]), "".join(self._cells[1])

    def write(self, data: bytes) -> None:
        if not self.connected:
            raise DeviceError(msg("visor simulado desconectado"))
        i = 0
        while i < len(data):
            byte = data[i]
            if byte == 0x0C:  # clear, cursor home
                self._cells = [[" "] * WIDTH, [" "] * WIDTH]
                self._row = self._col = 0
            elif data[i : i + 2] == b"\x1b@":
                self._cells = [[" "] * WIDTH, [" "] * WIDTH]
                self._row = self._col = 0
                i += 1
            elif data[i : i + 2] == b"\x1bQ" and i + 2 < len(data):  # CD5220: ESC Q A|B text CR
                end = data.find(b"\r", i + 3)
                end = len(data) if end < 0 else end
                text = data[i + 3 : end].decode("ascii", errors="replace")[:WIDTH].ljust(WIDTH)
                self._cells[0 if data[i + 2] == ord("A") else 1] = list(text)
                i = end
            elif data[i : i + 2] == b"\x1f$" and i + 3 < len(data):  # DM-D: US $ column row (1-based)
                self._col, self._row = min(data[i + 2], WIDTH) - 1, min(data[i + 3], 2) - 1
                i += 3
            elif byte == 0x0D:
                self._col = 0
            elif byte == 0x0A:
                self._row = min(self._row + 1, 1)
            elif 0x20 <= byte < 0x7F and self._col < WIDTH:
                self._cells[self._row][self._col] = chr(byte)
                self._col += 1
            i += 1
        self.writes += 1
        if self.path is not None:
            border = "+" + "-" * WIDTH + "+"
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write("\n".join((border, f"|{self.lines[0]}|", f"|{self.lines[1]}|", border)) + "\n")

    def read(self, size: int, timeout: float = 0.5) -> bytes:
        raise UnsupportedFeature(msg("el visor no contesta"))

    def close(self) -> None:
        return None


class DrawerSimulator:
    """Counts the drawer kicks (ESC p) it receives, and on which pin."""

    bidirectional = False

    def __init__(self, *, connected: bool = True) -> None:
        self.connected = connected
        self.pins: list[int] = []

    @property
    def kicks(self) -> int:
        return len(self.pins)

    def write(self, data: bytes) -> None:
        if not self.connected:
            raise DeviceError(msg("cajón simulado desconectado"))
        start = data.find(escpos.ESC + b"p")
        while start >= 0 and start + 4 < len(data):
            self.pins.append(2 if data[start + 2] in (0, 48) else 5)
            start = data.find(escpos.ESC + b"p", start + 5)

    def read(self, size: int, timeout: float = 0.5) -> bytes:
        raise UnsupportedFeature(msg("el cajón no contesta"))

    def close(self) -> None:
        return None


Simulator = PrinterSimulator | DisplaySimulator | DrawerSimulator
_SIMULATORS: dict[tuple[str, str], Simulator] = {}
_lock = threading.Lock()


def simulator(kind: str, target: str = "") -> Simulator:
    """The process's simulator for `sim://` (or `sim:///path`) of that device kind."""
    makers = {
        "printer": PrinterSimulator,
        "display": DisplaySimulator,
        "drawer": lambda path: DrawerSimulator(),
    }
    if kind not in makers:
        raise UnsupportedFeature(msg("No hay simulador de {kind!r}.", kind=kind))
    with _lock:
        if (kind, target) not in _SIMULATORS:
            _SIMULATORS[kind, target] = makers[kind](target or None)
        return _SIMULATORS[kind, target]


def reset_simulators() -> None:
    """Forget every `sim://` device (tests start from a clean state)."""
    with _lock:
        _SIMULATORS.clear()
