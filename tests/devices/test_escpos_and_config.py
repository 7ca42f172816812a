"""Exact bytes of the command sets we claim, and device settings."""

from __future__ import annotations

import pytest

from farmapos.devices import escpos
from farmapos.devices.config import DeviceSettings, apply_env_overrides, parse_uri
from farmapos.devices.display import CustomerDisplay, fit, to_display_ascii
from farmapos.devices.errors import DeviceConfigError
from farmapos.devices.transports import MemoryTransport


def test_drawer_kick_bytes_for_both_pins() -> None:
    assert escpos.drawer_kick(2) == b"\x1bp\x00\x32\x64"
    assert escpos.drawer_kick(5) == b"\x1bp\x01\x32\x64"
    with pytest.raises(ValueError):
        escpos.drawer_kick(3)


def test_cut_and_code_page_switch_bytes() -> None:
    assert escpos.CUT == b"\x1dV\x42\x00"
    assert escpos.select_code_page("cp858") == b"\x1bt\x13"
    assert escpos.select_code_page("CP1252") == b"\x1bt\x10"


@pytest.mark.parametrize(
    ("page", "euro", "enye"), [("cp858", b"\xd5", b"\xa4"), ("cp1252", b"\x80", b"\xf1")]
)
def test_euro_and_spanish_letters_in_each_code_page(page: str, euro: bytes, enye: bytes) -> None:
    assert escpos.encode("€", page) == euro
    assert escpos.encode("ñ", page) == enye
    assert escpos.encode("¿¡áéíóúü", page).decode(page) == "¿¡áéíóúü"


def test_display_command_sets_exact_bytes() -> None:
    memory = MemoryTransport()
    display = CustomerDisplay("sim://", transport_factory=lambda: memory)
    assert display.show_line("Paracetamol", __import__("decimal").Decimal("2.50"))
    assert bytes(memory.data) == (
        b"\x0c\x1bQA" + b"Paracetamol".ljust(20) + b"\r" + b"\x1bQB" + b"2,50 EUR".rjust(20) + b"\r"
    )
    epson = CustomerDisplay("serial:///dev/ttyS1?protocol=escpos", transport_factory=MemoryTransport)
    assert epson.frame("A", "B") == b"\x0c\x1f\x24\x01\x01" + b"A".ljust(
        20
    ) + b"\x1f\x24\x01\x02" + b"B".ljust(20)


def test_display_maps_what_it_cannot_show_to_ascii() -> None:
    assert to_display_ascii("Ibuprofeno niño 1,5 €") == "Ibuprofeno nino 1,5 EUR"
    assert fit("ÁCIDO ACETILSALICÍLICO 100 MG", "3,50 EUR") == "ACIDO ACETI 3,50 EUR"
    assert len(fit("x" * 40)) == 20


def test_a_display_fault_is_a_status_not_an_error() -> None:
    display = CustomerDisplay("sim://", transport_factory=lambda: MemoryTransport(fail=True))
    assert display.show_total(__import__("decimal").Decimal("3.50")) is False
    assert display.status == "offline"


@pytest.mark.parametrize(
    ("kind", "text", "scheme", "target"),
    [
        ("printer", "usb://04b8:0202", "usb", "04b8:0202"),
        ("printer", "serial:///dev/ttyUSB0?baudrate=9600", "serial", "/dev/ttyUSB0"),
        ("printer", "tcp://192.168.1.50:9100", "tcp", "192.168.1.50:9100"),
        ("printer", "file:///tmp/tickets.bin", "file", "/tmp/tickets.bin"),
        ("printer", "none", "none", ""),
        ("display", "serial:///dev/ttyS1?baudrate=9600&protocol=cd5220", "serial", "/dev/ttyS1"),
        ("drawer", "printer:5", "printer", "5"),
        ("scanner", "keyboard", "keyboard", ""),
        ("scanner", "serial:///dev/ttyACM0", "serial", "/dev/ttyACM0"),
    ],
)
def test_uris(kind: str, text: str, scheme: str, target: str) -> None:
    uri = parse_uri(text, kind)
    assert (uri.scheme, uri.target) == (scheme, target)


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [("printer", "usb://zz", "hexadecimal"), ("drawer", "printer:3", "printer:2"), ("printer", "ftp://x", "esquema"),
     ("scanner", "usb://04b8:0202", "esquema"), ("printer", "serial:///dev/x?baudrate=fast", "baudrate")],
)  # fmt: skip
def test_bad_uris_are_clear_errors(kind: str, text: str, message: str) -> None:
    with pytest.raises(DeviceConfigError, match=message):
        parse_uri(text, kind)


def test_environment_overrides_stored_settings() -> None:
    stored = DeviceSettings(printer="usb://04b8:0202", display="none", drawer="printer:2")
    run = apply_env_overrides(stored, {"FARMAPOS_PRINTER": "file:///tmp/x.bin", "FARMAPOS_DISPLAY": "sim://"})
    assert (run.printer, run.display, run.drawer) == ("file:///tmp/x.bin", "sim://", "printer:2")
    with pytest.raises(DeviceConfigError):
        apply_env_overrides(stored, {"FARMAPOS_DRAWER": "printer:9"})


def test_code_page_and_features_come_from_the_printer_profile() -> None:
    from farmapos.devices.escpos_text import escpos_to_text
    from farmapos.devices.ticket_render import render_test_page

    with pytest.raises(DeviceConfigError, match="CP858"):
        DeviceSettings(profile="TM-T88II", code_page="cp858").validate()
    assert DeviceSettings(profile="TM-T88II", code_page="cp1252").validate()
    with pytest.raises(DeviceConfigError, match="Perfil de impresora desconocido"):
        DeviceSettings(profile="NO-SUCH-MODEL").validate()
    # A model without barcodes, QR or cutter: the number is printed as text and no cut command is sent.
    plain = render_test_page(DeviceSettings(profile="NT-5890K", code_page="cp858"))
    assert b"\x1dk" not in plain and not plain.endswith(b"\x1dV\x42\x00")
    assert "*TEST-0001*" in escpos_to_text(plain)
