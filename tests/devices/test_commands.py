"""`farmapos devices test`, `show-ticket`, `labels` and the workstation's device bundle."""

from __future__ import annotations

import io
import threading
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from farmapos.devices import Devices, DeviceSettings, DeviceState, open_devices
from farmapos.devices.commands import devices_test, labels_pdf, show_ticket
from farmapos.devices.escpos_text import escpos_to_text
from farmapos.devices.labels import LabelData
from farmapos.devices.simulators import simulator
from farmapos.devices.ticket_render import render_ticket
from tests.devices.conftest import make_ticket


def test_devices_test_reports_each_device_on_its_own_line(tmp_path: Path) -> None:
    capture = tmp_path / "tickets.escpos"
    out = io.StringIO()
    settings = DeviceSettings(
        printer=f"file://{capture}", drawer="printer:2", display="sim://", scanner="keyboard"
    )
    assert devices_test(settings, out) is True
    assert out.getvalue().splitlines() == [
        f"Impresora (file://{capture}): página de prueba enviada; estado unknown (la conexión no informa del estado).",
        "Cajón (printer:2): abierto.",
        "Visor (sim://): mostrando «farmapos».",
        "Lector: teclado (los códigos entran por el campo de código del mostrador).",
    ]
    assert simulator("display").lines == ("farmapos            ", "Prueba de visor     ")
    text = io.StringIO()
    show_ticket(capture, "cp858", text)
    assert "farmapos · prueba de impresora" in text.getvalue() and "€" in text.getvalue()
    assert text.getvalue().index("✂") < text.getvalue().index("[CAJÓN]")  # test page, then the drawer kick


def test_devices_test_goes_on_after_a_failure_and_never_raises(tmp_path: Path) -> None:
    out = io.StringIO()
    settings = DeviceSettings(printer="tcp://127.0.0.1:1", drawer="serial:///dev/no-such-port",
                              display="serial:///dev/no-such-port", scanner="serial:///dev/no-such-port")  # fmt: skip
    assert devices_test(settings, out) is False
    lines = out.getvalue().splitlines()
    assert len(lines) == 4 and all(": ERROR " in line for line in lines)
    assert lines[0].startswith("Impresora (tcp://127.0.0.1:1): ERROR 127.0.0.1:1 no responde")
    bad = io.StringIO()
    assert devices_test(DeviceSettings(drawer="printer:7"), bad) is False
    assert (
        bad.getvalue().startswith("Configuración de dispositivos: ERROR")
        and "printer:2 o printer:5" in bad.getvalue()
    )
    nothing = io.StringIO()
    assert devices_test(DeviceSettings(), nothing) is True
    assert nothing.getvalue().splitlines()[0] == "Impresora: no configurada."


def test_show_ticket_round_trips_a_captured_ticket(tmp_path: Path) -> None:
    capture = tmp_path / "tickets.escpos"
    settings = DeviceSettings(printer=f"file://{capture}", code_page="cp1252")
    devices = open_devices(settings)
    devices.queue.submit("T1-2026-000007", render_ticket(make_ticket(), settings))
    devices.queue.submit("T1-2026-000008", render_ticket(make_ticket(full_number="T1-2026-000008"), settings))
    assert devices.queue.wait_idle(5)
    devices.close()
    out = io.StringIO()
    show_ticket(capture, "cp858", out)  # the stream's own ESC t wins over the page given
    text = out.getvalue()
    assert text.count("CREMA NIÑOS SPF 50") == 2 and text.count("TOTAL") == 2 and "13,61 €" in text
    assert "[CÓDIGO DE BARRAS CODE128: T1-2026-000008]" in text
    try:
        show_ticket(tmp_path / "missing.escpos", "cp858", io.StringIO())
    except Exception as exc:  # DeviceError with a message for the CLI
        assert "No se puede leer" in str(exc)
    else:
        raise AssertionError("a missing capture must be reported")


def test_labels_command_writes_the_pdf(tmp_path: Path) -> None:
    path = tmp_path / "labels.pdf"
    labels = [LabelData("IBUPROFENO 400 MG 20 COMP", Decimal("2.95"), "712345", "8470007123453", "0,15 €/ud")]
    assert labels_pdf(labels, path, "avery-l7160", start_position=21) == 1
    text = PdfReader(path).pages[0].extract_text()
    assert "IBUPROFENO 400 MG 20 COMP" in text and "2,95 €" in text and "0,15 €/ud" in text


def _words(status: dict[str, DeviceState]) -> dict[str, str]:
    return {name: str(state) for name, state in status.items()}


def test_bundle_status_line_and_serial_scanner(tmp_path: Path) -> None:
    devices: Devices = open_devices(DeviceSettings(printer="sim://", display="sim://", drawer="printer:5",
                                                   scanner="loop://"))  # fmt: skip
    assert _words(devices.status()) == {
        "printer": "ok",
        "display": "unknown",
        "drawer": "ok",
        "scanner": "loop",
    }
    simulator("printer").paper = False
    devices.queue.submit("T1", b"x")
    assert devices.queue.wait_idle(5)
    devices.display.show_total(Decimal("3.50"))
    got = threading.Event()
    codes: list[str] = []
    scanner = devices.start_scanner(lambda scan: (codes.append(scan.text), got.set()))
    assert scanner is not None and devices.start_scanner(lambda scan: None) is scanner
    scanner.transport.port.write(b"]E08470006547663\r")
    assert got.wait(5) and codes == ["8470006547663"]
    assert devices.status()["printer"] == DeviceState("error", waiting=1)
    assert _words(devices.status()) == {
        "printer": "error (1)",
        "display": "online",
        "drawer": "ok",
        "scanner": "online",
    }
    devices.close()
    assert devices.scanner is None
    keyboard = open_devices(DeviceSettings())
    assert keyboard.start_scanner(lambda scan: None) is None
    assert _words(keyboard.status()) == {
        "printer": "none",
        "display": "none",
        "drawer": "none",
        "scanner": "keyboard",
    }
    keyboard.close()
    assert escpos_to_text(bytes(simulator("printer").data)) == ""  # out of paper: nothing was printed
