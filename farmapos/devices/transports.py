"""Byte transports: a file (appending), a TCP socket, a serial port (pyserial, so `loop://` works), USB
(python-escpos's backend, raw bytes only), memory for fakes, and simulators. Each is opened per use and
closed after it, so a device unplugged and plugged back in works again without restarting anything."""

from __future__ import annotations

import logging
import socket
import threading
from pathlib import Path
from typing import Protocol

import serial

from farmapos.devices.config import DeviceUri
from farmapos.devices.errors import DeviceError, UnsupportedFeature
from farmapos.messages import Message, msg

logger = logging.getLogger(__name__)


def _network_error(target: str, exc: OSError) -> Message:
    return msg("Error de red con {target}: {reason}", target=target, reason=exc.strerror or str(exc))


def _serial_error(port: str, exc: Exception) -> Message:
    return msg("Puerto serie {port}: {reason}", port=port, reason=str(exc))


class Transport(Protocol):
    bidirectional: bool
    """Whether the device can answer (status requests are only sent when it can)."""

    def write(self, data: bytes) -> None: ...
    def read(self, size: int, timeout: float = 0.5) -> bytes: ...
    def close(self) -> None: ...


class MemoryTransport:
    """A fake device: keeps what is written; `replies` are returned to reads in order; `fail` is unplugged."""

    def __init__(self, replies: list[bytes] | None = None, fail: bool = False) -> None:
        self.data = bytearray()
        self.replies = list(replies or [])
        self.fail = fail
        self.bidirectional = True
        self.lock = threading.Lock()

    def write(self, data: bytes) -> None:
        if self.fail:
            raise DeviceError(msg("dispositivo simulado apagado"))
        with self.lock:
            self.data += data

    def read(self, size: int, timeout: float = 0.5) -> bytes:
        if self.fail:
            raise DeviceError(msg("dispositivo simulado apagado"))
        return self.replies.pop(0)[:size] if self.replies else b""

    def close(self) -> None:
        return None


class FileTransport:
    """Appends raw bytes to a file: a printer's device file, or a capture for demos and tests."""

    bidirectional = False

    def __init__(self, path: str) -> None:
        self.path = Path(path)

    def write(self, data: bytes) -> None:
        try:
            with self.path.open("ab") as handle:
                handle.write(data)
        except OSError as exc:
            raise DeviceError(
                msg("No se puede escribir en {path}: {reason}", path=self.path, reason=exc.strerror)
            ) from None

    def read(self, size: int, timeout: float = 0.5) -> bytes:
        raise UnsupportedFeature(
            msg("{path} es un fichero: no devuelve el estado del dispositivo", path=self.path)
        )

    def close(self) -> None:
        return None


class TcpTransport:
    """A network printer or display (raw port 9100 on most)."""

    bidirectional = True

    def __init__(self, target: str, timeout: float = 3.0) -> None:
        host, port = target.rsplit(":", 1)
        self.target = target
        try:
            self.socket = socket.create_connection((host, int(port)), timeout=timeout)
        except OSError as exc:
            raise DeviceError(
                msg("{target} no responde: {reason}", target=target, reason=exc.strerror or str(exc))
            ) from None

    def write(self, data: bytes) -> None:
        try:
            self.socket.sendall(data)
        except OSError as exc:
            raise DeviceError(_network_error(self.target, exc)) from None

    def read(self, size: int, timeout: float = 0.5) -> bytes:
        self.socket.settimeout(timeout)
        try:
            return self.socket.recv(size)
        except TimeoutError:
            return b""
        except OSError as exc:
            raise DeviceError(_network_error(self.target, exc)) from None

    def close(self) -> None:
        self.socket.close()


class SerialTransport:
    """A serial port through pyserial's `serial_for_url` (real ports, `loop://`, pseudo-terminals)."""

    bidirectional = True

    def __init__(self, url: str, baudrate: int = 9600, port: serial.SerialBase | None = None) -> None:
        self.url = url
        try:
            self.port = (
                port
                if port is not None
                else serial.serial_for_url(url, baudrate=baudrate, timeout=0.5, write_timeout=2)
            )
        except (serial.SerialException, ValueError) as exc:
            raise DeviceError(_serial_error(url, exc)) from None

    def write(self, data: bytes) -> None:
        try:
            self.port.write(data)
            self.port.flush()
        except serial.SerialException as exc:
            raise DeviceError(_serial_error(self.url, exc)) from None

    def read(self, size: int, timeout: float = 0.5) -> bytes:
        try:
            if self.port.timeout != timeout:  # setting it reconfigures the port, so only when it changes
                self.port.timeout = timeout
            return self.port.read(size)
        except serial.SerialException as exc:
            raise DeviceError(_serial_error(self.url, exc)) from None

    def close(self) -> None:
        self.port.close()


class UsbTransport:
    """A USB printer through python-escpos's USB backend (pyusb); only raw bytes go through it."""

    bidirectional = True

    def __init__(self, target: str, params: dict[str, str] | None = None, timeout_ms: int = 5000) -> None:
        from escpos.printer import Usb

        self.target = target
        if not Usb.is_usable():
            raise UnsupportedFeature(
                msg(
                    "Las impresoras USB necesitan pyusb y libusb (pip install pyusb); o use la impresora como "
                    "fichero: file:///dev/usb/lp0."
                )
            )
        vendor, product = (int(part, 16) for part in target.split(":"))
        params = params or {}
        endpoints = {name: int(params[name], 0) for name in ("in_ep", "out_ep") if name in params}
        try:
            self.printer = Usb(vendor, product, timeout=timeout_ms, **endpoints)
            self.printer.open()
        except Exception as exc:
            raise DeviceError(
                msg(
                    "Impresora USB {target} no encontrada o sin permiso: {reason}",
                    target=target,
                    reason=str(exc),
                )
            ) from None

    def write(self, data: bytes) -> None:
        try:
            self.printer._raw(data)
        except Exception as exc:
            raise DeviceError(
                msg("Impresora USB {target}: {reason}", target=self.target, reason=str(exc))
            ) from None

    def read(self, size: int, timeout: float = 0.5) -> bytes:
        """USB printers answer status on their IN endpoint; one that times out has nothing to say."""
        try:
            return bytes(self.printer._read())[:size]
        except Exception:
            return b""

    def close(self) -> None:
        # python-escpos 3.1's Usb.close() checks `_device`, which open() never sets: point it at the device
        # so the interface is really released and the next job can claim it.
        self.printer._device = getattr(self.printer, "device", None) or False
        try:
            self.printer.close()
        except Exception:  # closing a device that went away is not an error worth reporting
            logger.debug("USB printer %s: close failed", self.target, exc_info=True)


def open_transport(uri: DeviceUri, *, name: str = "device") -> Transport:
    """A transport for a parsed device URI; `sim://` gives the simulator of the device kind `name`."""
    if uri.scheme == "file":
        return FileTransport(uri.target)
    if uri.scheme == "tcp":
        return TcpTransport(uri.target)
    if uri.scheme in ("serial", "loop"):
        return SerialTransport(uri.target, int(uri.params.get("baudrate", 9600)))
    if uri.scheme == "usb":
        return UsbTransport(uri.target, uri.params)
    if uri.scheme == "sim":
        from farmapos.devices.simulators import simulator

        return simulator(name, uri.target)
    raise UnsupportedFeature(msg("No hay transporte para {scheme!r}.", scheme=uri.scheme))
