"""Byte transports: a file (appending), a TCP socket, a serial port (pyserial, so `loop://` works), USB
(python-escpos), and memory for simulators and tests. Each is opened per use and closed after it."""

from __future__ import annotations

import socket
import threading
from pathlib import Path
from typing import Protocol

import serial

from farmapos.devices.config import DeviceUri
from farmapos.devices.errors import DeviceError, UnsupportedFeature


class Transport(Protocol):
    def write(self, data: bytes) -> None: ...
    def read(self, size: int, timeout: float = 0.5) -> bytes: ...
    def close(self) -> None: ...


class MemoryTransport:
    """Keeps what is written (simulators, tests); `replies` are returned to reads in order."""

    def __init__(self, replies: list[bytes] | None = None, fail: bool = False) -> None:
        self.data = bytearray()
        self.replies = list(replies or [])
        self.fail = fail
        self.lock = threading.Lock()

    def write(self, data: bytes) -> None:
        if self.fail:
            raise DeviceError("dispositivo simulado apagado")
        with self.lock:
            self.data += data

    def read(self, size: int, timeout: float = 0.5) -> bytes:
        if self.fail:
            raise DeviceError("dispositivo simulado apagado")
        return self.replies.pop(0)[:size] if self.replies else b""

    def close(self) -> None:
        return None


class FileTransport:
    """Appends raw bytes to a file: a printer's device file, or a capture for demos and tests."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)

    def write(self, data: bytes) -> None:
        try:
            with self.path.open("ab") as handle:
                handle.write(data)
        except OSError as exc:
            raise DeviceError(f"No se puede escribir en {self.path}: {exc.strerror}") from None

    def read(self, size: int, timeout: float = 0.5) -> bytes:
        raise UnsupportedFeature("un fichero no devuelve el estado de la impresora")

    def close(self) -> None:
        return None


class TcpTransport:
    def __init__(self, target: str, timeout: float = 3.0) -> None:
        host, port = target.rsplit(":", 1)
        try:
            self.socket = socket.create_connection((host, int(port)), timeout=timeout)
        except OSError as exc:
            raise DeviceError(f"Impresora {target} no responde: {exc.strerror or exc}") from None

    def write(self, data: bytes) -> None:
        try:
            self.socket.sendall(data)
        except OSError as exc:
            raise DeviceError(f"Error de red con la impresora: {exc.strerror or exc}") from None

    def read(self, size: int, timeout: float = 0.5) -> bytes:
        self.socket.settimeout(timeout)
        try:
            return self.socket.recv(size)
        except TimeoutError:
            return b""
        except OSError as exc:
            raise DeviceError(f"Error de red con la impresora: {exc.strerror or exc}") from None

    def close(self) -> None:
        self.socket.close()


class SerialTransport:
    def __init__(self, url: str, baudrate: int = 9600, port: serial.SerialBase | None = None) -> None:
        try:
            self.port = (
                port
                if port is not None
                else serial.serial_for_url(url, baudrate=baudrate, timeout=0.5, write_timeout=2)
            )
        except (serial.SerialException, ValueError) as exc:
            raise DeviceError(f"Puerto serie {url}: {exc}") from None

    def write(self, data: bytes) -> None:
        try:
            self.port.write(data)
            self.port.flush()
        except serial.SerialException as exc:
            raise DeviceError(f"Puerto serie: {exc}") from None

    def read(self, size: int, timeout: float = 0.5) -> bytes:
        self.port.timeout = timeout
        try:
            return self.port.read(size)
        except serial.SerialException as exc:
            raise DeviceError(f"Puerto serie: {exc}") from None

    def readline(self) -> bytes:
        return self.port.readline()

    def close(self) -> None:
        self.port.close()


class UsbTransport:
    """A USB printer through python-escpos's USB backend; only raw bytes go through it."""

    def __init__(self, target: str) -> None:
        from escpos.printer import Usb

        vendor, product = (int(part, 16) for part in target.split(":"))
        try:
            self.printer = Usb(vendor, product)
            self.printer.open()
        except Exception as exc:
            raise DeviceError(f"Impresora USB {target} no encontrada: {exc}") from None

    def write(self, data: bytes) -> None:
        try:
            self.printer._raw(data)
        except Exception as exc:
            raise DeviceError(f"Impresora USB: {exc}") from None

    def read(self, size: int, timeout: float = 0.5) -> bytes:
        try:
            return bytes(self.printer._read())[:size]
        except Exception:
            return b""

    def close(self) -> None:
        self.printer.close()


SIMULATORS: dict[str, MemoryTransport] = {}


def open_transport(uri: DeviceUri, *, name: str = "device") -> Transport:
    """A transport for a parsed device URI (`sim://` devices share one memory transport per name)."""
    if uri.scheme == "file":
        return FileTransport(uri.target)
    if uri.scheme == "tcp":
        return TcpTransport(uri.target)
    if uri.scheme in ("serial", "loop"):
        url = "loop://" if uri.scheme == "loop" else uri.target
        return SerialTransport(url, int(uri.params.get("baudrate", 9600)))
    if uri.scheme == "usb":
        return UsbTransport(uri.target)
    if uri.scheme == "sim":
        return SIMULATORS.setdefault(name, MemoryTransport())
    raise UnsupportedFeature(f"No hay transporte para {uri.scheme!r}.")
