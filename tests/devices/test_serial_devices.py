"""Drawer, customer display and scanner: exact bytes, through pyserial's loop:// and pseudo-terminals."""

from __future__ import annotations

import os
import threading
from decimal import Decimal

import pytest
import serial
from hypothesis import given
from hypothesis import strategies as st

from farmapos.devices.config import DeviceSettings
from farmapos.devices.display import CustomerDisplay, fit, to_display_ascii
from farmapos.devices.drawer import CashDrawer
from farmapos.devices.errors import DeviceError, UnsupportedFeature
from farmapos.devices.printer import TicketPrinter
from farmapos.devices.scanner import SerialScanner, open_scanner
from farmapos.devices.simulators import DisplaySimulator, PrinterSimulator, simulator
from farmapos.devices.transports import MemoryTransport, SerialTransport
from farmapos.scancodes import Scan


def read_exactly(fd: int, size: int) -> bytes:
    data = b""
    while len(data) < size:
        data += os.read(fd, size - len(data))
    return data


# --- cash drawer -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "kick"), [("printer:2", b"\x1bp\x00\x32\x64"), ("printer:5", b"\x1bp\x01\x32\x64")]
)
def test_drawer_kick_through_the_printer(setting: str, kick: bytes) -> None:
    device = PrinterSimulator()
    printer = TicketPrinter(DeviceSettings(printer="sim://"), transport_factory=lambda: device)
    drawer = CashDrawer(setting, printer)
    drawer.open()
    assert bytes(device.data) == kick and drawer.opened == 1


def test_serial_drawer_gets_the_same_bytes_on_its_own_port(pty_pair) -> None:
    controller, path = pty_pair
    drawer = CashDrawer(f"serial://{path}?baudrate=9600&pin=5")
    drawer.open()
    assert read_exactly(controller, 5) == b"\x1bp\x01\x32\x64"


def test_drawer_simulator_counts_kicks_and_faults_are_clear_errors() -> None:
    drawer = CashDrawer("sim://")
    drawer.open()
    drawer.open()
    assert simulator("drawer").pins == [2, 2] and drawer.opened == 2
    with pytest.raises(DeviceError, match="no hay impresora"):
        CashDrawer("printer:2", TicketPrinter(DeviceSettings(printer="none"))).open()
    with pytest.raises(DeviceError, match="No hay cajón"):
        CashDrawer("none").open()
    with pytest.raises(DeviceError, match="Puerto serie"):
        CashDrawer("serial:///dev/no-such-port").open()
    unplugged = CashDrawer("sim://", transport_factory=lambda: MemoryTransport(fail=True))
    with pytest.raises(DeviceError):
        unplugged.open()
    assert unplugged.opened == 0


# --- customer display --------------------------------------------------------------------------------


def test_cd5220_exact_bytes() -> None:
    memory = MemoryTransport()
    display = CustomerDisplay("sim://", transport_factory=lambda: memory)
    assert display.show_line("Paracetamol", Decimal("2.50"))
    assert bytes(memory.data) == (
        b"\x0c" + b"\x1bQA" + b"Paracetamol         " + b"\r" + b"\x1bQB" + b"            2,50 EUR" + b"\r"
    )


def test_epson_dmd_exact_bytes_on_a_serial_port(pty_pair) -> None:
    controller, path = pty_pair
    display = CustomerDisplay(f"serial://{path}?baudrate=9600&protocol=escpos")
    assert display.show_total(Decimal("13.61")) and display.status == "online"
    assert read_exactly(controller, 1 + 4 + 20 + 4 + 20) == (
        b"\x0c"
        + b"\x1f\x24\x01\x01"
        + b"TOTAL               "
        + b"\x1f\x24\x01\x02"
        + b"           13,61 EUR"
    )


@pytest.mark.parametrize("protocol", ["cd5220", "escpos"])
def test_display_simulator_reads_both_command_sets(protocol: str, tmp_path) -> None:
    log = tmp_path / "display.txt"
    device = DisplaySimulator(log)
    display = CustomerDisplay(f"loop://?protocol={protocol}", transport_factory=lambda: device)
    display.show_change(Decimal("13.61"), Decimal("20"), Decimal("6.39"))
    assert device.lines == ("Entregado  20,00 EUR", "Cambio      6,39 EUR") == display.lines
    display.idle("¡Bienvenido!")
    assert device.lines == ("!Bienvenido!        ", " " * 20)
    assert log.read_text().splitlines()[:4] == [
        "+" + "-" * 20 + "+", "|Entregado  20,00 EUR|", "|Cambio      6,39 EUR|", "+" + "-" * 20 + "+",
    ]  # fmt: skip


def test_sim_display_setting_with_a_file(tmp_path) -> None:
    display = CustomerDisplay(f"sim://{tmp_path}/display.txt")
    assert display.show_line("Crema niños 50 ml", Decimal("12.90"))
    assert "|Crema ninos 50 ml   |" in (tmp_path / "display.txt").read_text()


def test_display_maps_what_it_cannot_show_to_ascii() -> None:
    assert to_display_ascii("Ibuprofeno niño 1,5 € ¿Sí? Ñandú ü") == "Ibuprofeno nino 1,5 EUR ?Si? Nandu u"
    assert fit("ÁCIDO ACETILSALICÍLICO 100 MG", "3,50 EUR") == "ACIDO ACETI 3,50 EUR"
    assert to_display_ascii("日本") == "??"


@given(st.text(max_size=60), st.text(max_size=30))
def test_display_lines_are_always_twenty_ascii_characters(left: str, right: str) -> None:
    line = fit(left, right)
    assert len(line) == 20 and line.isascii() and all(32 <= ord(c) < 127 for c in line)


def test_a_display_fault_is_a_status_never_an_exception() -> None:
    display = CustomerDisplay("sim://", transport_factory=lambda: MemoryTransport(fail=True))
    assert display.show_total(Decimal("3.50")) is False
    assert (display.status, display.error) == ("offline", "dispositivo simulado apagado")
    assert display.lines == ("TOTAL               ", "            3,50 EUR")  # what it should show

    def bug():
        raise RuntimeError("driver bug")

    assert CustomerDisplay("sim://", transport_factory=bug).idle() is False
    missing = CustomerDisplay("serial:///dev/no-such-port")
    assert missing.idle("Hola") is False and missing.status == "offline"
    assert CustomerDisplay("none").show_total(Decimal(1)) is False


# --- scanner -----------------------------------------------------------------------------------------


class Collector:
    def __init__(self, expected: int) -> None:
        self.scans: list[Scan] = []
        self.expected = expected
        self.done = threading.Event()

    def __call__(self, scan: Scan) -> None:
        self.scans.append(scan)
        if len(self.scans) == self.expected:
            self.done.set()


def test_serial_scanner_through_a_pseudo_terminal(pty_pair) -> None:
    controller, path = pty_pair
    got = Collector(3)
    scanner = open_scanner(f"serial://{path}?baudrate=9600", got)
    assert scanner is not None
    os.write(controller, b"]E08470006547663\r\n]d201084700065476632")
    os.write(controller, b"1AB<GS>10L1\r\nT1-2026-000007\n")  # a code split across two reads
    assert got.done.wait(5)
    scanner.stop()
    assert (got.scans[0].text, got.scans[0].aim) == ("8470006547663", "]E0")
    assert got.scans[1].text == "010847000654766321AB\x1d10L1" and got.scans[1].is_gs1
    assert got.scans[2].text == "T1-2026-000007" and not got.scans[2].is_gs1


def test_serial_scanner_on_loop_and_a_failing_handler() -> None:
    got = Collector(1)

    def handler(scan: Scan) -> None:
        if scan.text == "bad":
            raise ValueError("handler bug")  # logged; the scanner keeps reading
        got(scan)

    scanner = SerialScanner("loop://", handler).start()
    assert isinstance(scanner.transport, SerialTransport)
    scanner.transport.port.write(b"bad\r8470006547663\r")
    assert got.done.wait(5)
    scanner.stop()
    assert got.scans[0].text == "8470006547663" and scanner.status == "online"


def test_keyboard_scanner_opens_nothing_and_a_missing_port_is_clear() -> None:
    assert open_scanner("keyboard", lambda scan: None) is None
    assert open_scanner("none", lambda scan: None) is None
    with pytest.raises(DeviceError, match="no es serie"):
        SerialScanner("keyboard", lambda scan: None)
    with pytest.raises(DeviceError, match="Puerto serie"):
        open_scanner("serial:///dev/no-such-port", lambda scan: None)


def test_an_unplugged_scanner_goes_offline() -> None:
    port = serial.serial_for_url("loop://", timeout=0.1)
    scanner = SerialScanner("loop://", lambda scan: None, transport=SerialTransport("loop://", port=port))
    port.close()  # unplugged: reads fail
    scanner.start()
    scanner._thread.join(5)
    assert scanner.status == "offline" and scanner.error


def test_files_and_simulators_refuse_to_be_read() -> None:
    with pytest.raises(UnsupportedFeature):
        DisplaySimulator().read(1)
