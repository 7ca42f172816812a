"""Device settings: URIs, their errors, environment overrides, paper width and printer profiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from farmapos.devices.config import (
    DeviceSettings,
    DeviceUri,
    apply_env_overrides,
    columns_for_paper,
    parse_uri,
)
from farmapos.devices.errors import DeviceConfigError


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("usb://04b8:0202", "printer", DeviceUri("usb", "04b8:0202")),
        ("usb://4B8:202?out_ep=0x02", "printer", DeviceUri("usb", "04b8:0202", {"out_ep": "0x02"})),
        ("serial:///dev/ttyUSB0?baudrate=9600", "printer", DeviceUri("serial", "/dev/ttyUSB0", {"baudrate": "9600"})),
        ("serial://COM3", "printer", DeviceUri("serial", "COM3")),
        ("tcp://192.168.1.50:9100", "printer", DeviceUri("tcp", "192.168.1.50:9100")),
        ("tcp://printer.local", "printer", DeviceUri("tcp", "printer.local:9100")),
        ("file:///dev/usb/lp0", "printer", DeviceUri("file", "/dev/usb/lp0")),
        ("none", "printer", DeviceUri("none")),
        ("", "printer", DeviceUri("none")),
        ("sim://", "printer", DeviceUri("sim")),
        ("sim:///tmp/display.txt", "display", DeviceUri("sim", "/tmp/display.txt")),
        ("loop://", "display", DeviceUri("loop", "loop://")),
        ("serial:///dev/ttyS1?baudrate=9600&protocol=cd5220", "display",
         DeviceUri("serial", "/dev/ttyS1", {"baudrate": "9600", "protocol": "cd5220"})),
        ("printer:2", "drawer", DeviceUri("printer", "2")),
        ("printer:5", "drawer", DeviceUri("printer", "5")),
        ("serial:///dev/ttyS2?pin=5", "drawer", DeviceUri("serial", "/dev/ttyS2", {"pin": "5"})),
        ("keyboard", "scanner", DeviceUri("keyboard")),
        ("serial:///dev/ttyACM0", "scanner", DeviceUri("serial", "/dev/ttyACM0")),
        ("keyboard", None, DeviceUri("keyboard")),
        ("printer:5", None, DeviceUri("printer", "5")),
    ],
)  # fmt: skip
def test_uris(text: str, kind: str | None, expected: DeviceUri) -> None:
    assert parse_uri(text, kind) == expected


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("usb://zz", "printer", "hexadecimal"),
        ("usb://04b8", "printer", "hexadecimal"),
        ("printer:3", "drawer", "printer:2 o printer:5"),
        ("ftp://host/x", "printer", "esquema"),
        ("/dev/ttyS0", "printer", "esquema"),
        ("usb://04b8:0202", "scanner", "admite: keyboard, loop, none, serial"),
        ("keyboard", "printer", "no es válido aquí"),
        ("serial:///dev/x?baudrate=fast", "printer", "baudrate"),
        ("serial:///dev/x?baudrat=9600", "printer", "parámetros desconocidos: baudrat"),
        ("serial:///dev/x?protocol=vfd", "display", "protocolo de visor"),
        ("serial:///dev/x?pin=3", "drawer", "pin de cajón"),
        ("tcp://:9100", "printer", "host"),
        ("tcp://host:port", "printer", "puerto"),
        ("file://", "printer", "ruta"),
    ],
)
def test_bad_uris_are_clear_errors(text: str, kind: str, message: str) -> None:
    with pytest.raises(DeviceConfigError, match=message):
        parse_uri(text, kind)


def test_environment_overrides_stored_settings_for_one_run(tmp_path: Path) -> None:
    stored = DeviceSettings(printer="usb://04b8:0202", display="none", drawer="printer:2", scanner="keyboard")
    run = apply_env_overrides(stored, {"FARMAPOS_PRINTER": f"file://{tmp_path}/t.bin", "FARMAPOS_DISPLAY": "sim://",
                                       "FARMAPOS_SCANNER": "loop://", "FARMAPOS_DRAWER": ""})  # fmt: skip
    assert (run.printer, run.display, run.drawer, run.scanner) == (
        f"file://{tmp_path}/t.bin",
        "sim://",
        "printer:2",
        "loop://",
    )
    assert apply_env_overrides(stored, {}) == stored
    with pytest.raises(DeviceConfigError, match=r"FARMAPOS_DRAWER: .*printer:2 o printer:5"):
        apply_env_overrides(stored, {"FARMAPOS_DRAWER": "printer:9"})
    with pytest.raises(DeviceConfigError, match="FARMAPOS_SCANNER"):
        apply_env_overrides(stored, {"FARMAPOS_SCANNER": "tcp://10.0.0.1"})


def test_paper_width_and_columns() -> None:
    assert (columns_for_paper(58), columns_for_paper(80), columns_for_paper(80, small_font=True)) == (
        32,
        48,
        42,
    )
    assert [DeviceSettings(columns=c).paper_width_mm for c in (32, 42, 48)] == [58, 80, 80]
    with pytest.raises(DeviceConfigError, match="58 u 80"):
        columns_for_paper(76)
    with pytest.raises(DeviceConfigError, match="32, 42 o 48"):
        DeviceSettings(columns=40).validate()


def test_code_page_is_explicit_and_must_exist_on_the_printer_model() -> None:
    assert DeviceSettings(profile="TM-T20II", code_page="CP1252").validate()
    with pytest.raises(DeviceConfigError, match="CP858 o CP1252"):
        DeviceSettings(code_page="cp437").validate()
    with pytest.raises(DeviceConfigError, match="TM-T88II no tiene la página de códigos CP858"):
        DeviceSettings(profile="TM-T88II", code_page="cp858").validate()
    with pytest.raises(DeviceConfigError, match="Perfil de impresora desconocido"):
        DeviceSettings(profile="NO-SUCH-MODEL").validate()


def test_config_file_devices_override_the_workstation(tmp_path: Path, monkeypatch) -> None:
    from farmapos.app import device_settings
    from farmapos.config import load_config
    from farmapos.domain.counter import WorkstationView

    for name in ("FARMAPOS_PRINTER", "FARMAPOS_DISPLAY", "FARMAPOS_DRAWER", "FARMAPOS_SCANNER"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "config.toml").write_text('[devices]\nprinter = "tcp://10.0.0.9:9100"\ncolumns = 32\n')
    config = load_config(None, {"FARMAPOS_HOME": str(tmp_path)})
    workstation = WorkstationView(1, "T1", "Mostrador", 1, "F", "usb://04b8:0202", "none", "printer:2", "keyboard",
                                  48, "cp858")  # fmt: skip
    settings = device_settings(workstation, config)
    assert (settings.printer, settings.columns, settings.drawer) == ("tcp://10.0.0.9:9100", 32, "printer:2")
