"""What `farmapos devices …` and `farmapos labels …` do, reporting to a text stream.

Each device's result is one line; a device that fails is reported and the others are still tried — no
traceback ever reaches the person at the counter.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from farmapos.devices import labels as label_sheets
from farmapos.devices.bundle import Devices, open_devices
from farmapos.devices.config import DeviceSettings, parse_uri
from farmapos.devices.errors import DeviceError
from farmapos.devices.escpos_text import escpos_to_text
from farmapos.devices.labels import LabelData
from farmapos.devices.ticket_render import render_test_page
from farmapos.devices.transports import open_transport
from farmapos.messages import msg

logger = logging.getLogger(__name__)


def devices_test(settings: DeviceSettings, out: TextIO) -> bool:
    """Print a test page, kick the drawer, write the display, open the scanner's port; True if all worked."""
    try:
        devices = open_devices(settings)
    except DeviceError as exc:
        print(f"Configuración de dispositivos: ERROR {exc}", file=out)
        return False
    try:
        results = [_check(name, kind, check, devices, out) for name, kind, check in CHECKS]
    finally:
        devices.close()
    return all(results)


def _check(name: str, kind: str, check: Callable[[Devices], str], devices: Devices, out: TextIO) -> bool:
    setting = getattr(devices.settings, kind)
    if parse_uri(setting, kind).scheme not in ("none", "keyboard"):
        name = f"{name} ({setting})"
    try:
        print(f"{name}: {check(devices)}", file=out)
        return True
    except DeviceError as exc:
        print(f"{name}: ERROR {exc}", file=out)
    except Exception as exc:  # a bug is still one line of the report
        logger.exception("devices test: %s", name)
        print(f"{name}: ERROR inesperado ({type(exc).__name__}: {exc})", file=out)
    return False


def _printer(devices: Devices) -> str:
    printer, settings = devices.printer, devices.settings
    if not printer.configured:
        return "no configurada."
    printer.send(render_test_page(settings), check=True)
    state = printer.status()
    return (f"página de prueba enviada; estado {state.state}"
            + (f" ({state.detail})" if state.detail else "") + ".")  # fmt: skip


def _drawer(devices: Devices) -> str:
    if not devices.drawer.configured:
        return "no configurado."
    devices.drawer.open()
    return "abierto."


def _display(devices: Devices) -> str:
    display = devices.display
    if not display.configured:
        return "no configurado."
    if not display.show("farmapos", "Prueba de visor"):
        raise DeviceError(f"{display.error or 'sin respuesta'}.")
    return f"mostrando «{display.lines[0].strip()}»."


def _scanner(devices: Devices) -> str:
    uri = parse_uri(devices.settings.scanner, "scanner")
    if uri.scheme == "keyboard":
        return "teclado (los códigos entran por el campo de código del mostrador)."
    if uri.scheme == "none":
        return "no configurado."
    open_transport(uri, name="scanner").close()
    return "puerto abierto; lea un código en el mostrador para probarlo."


CHECKS: tuple[tuple[str, str, Callable[[Devices], str]], ...] = (
    ("Impresora", "printer", _printer), ("Cajón", "drawer", _drawer), ("Visor", "display", _display),
    ("Lector", "scanner", _scanner),
)  # fmt: skip


def show_ticket(path: Path | str, code_page: str, out: TextIO) -> None:
    """Write a captured ESC/POS file as readable text (DeviceError when it cannot be read)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DeviceError(msg("No se puede leer {path}: {reason}.", path=path, reason=exc.strerror)) from None
    out.write(escpos_to_text(data, code_page))


def labels_pdf(labels: Sequence[LabelData], path: Path | str, layout: str = "apli-1273",
               start_position: int = 1) -> int:  # fmt: skip
    """Labels on an A4 sheet PDF from `start_position` (1 = top left); returns the pages written."""
    return label_sheets.labels_pdf(labels, path, layout, start_position)
