"""What `farmapos devices …` and `farmapos labels …` do, reporting to a text stream."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from farmapos.devices.bundle import open_devices
from farmapos.devices.config import DeviceSettings
from farmapos.devices.errors import DeviceError
from farmapos.devices.escpos_text import escpos_to_text
from farmapos.devices.ticket_render import render_test_page


def devices_test(settings: DeviceSettings, out: TextIO) -> bool:
    """Print a test page, kick the drawer, write the display; one line per result, never a traceback."""
    devices = open_devices(settings)
    ok = True
    try:
        if devices.printer.configured:
            try:
                devices.printer.send(render_test_page(settings))
                state = devices.printer.status()
                print(f"Impresora ({settings.printer}): página de prueba enviada; estado {state.state}"
                      + (f" ({state.detail})" if state.detail else "") + ".", file=out)  # fmt: skip
            except DeviceError as exc:
                ok = False
                print(f"Impresora ({settings.printer}): ERROR {exc}", file=out)
        else:
            print("Impresora: no configurada.", file=out)
        if devices.drawer.configured:
            try:
                devices.drawer.open()
                print(f"Cajón ({settings.drawer}): abierto.", file=out)
            except DeviceError as exc:
                ok = False
                print(f"Cajón ({settings.drawer}): ERROR {exc}", file=out)
        else:
            print("Cajón: no configurado.", file=out)
        if devices.display.uri.is_none:
            print("Visor: no configurado.", file=out)
        elif devices.display.show("farmapos", "Prueba de visor"):
            print(f"Visor ({settings.display}): mostrando «{devices.display.lines[0].strip()}».", file=out)
        else:
            ok = False
            print(f"Visor ({settings.display}): ERROR sin respuesta.", file=out)
        print(f"Lector: {settings.scanner}.", file=out)
    finally:
        devices.close()
    return ok


def show_ticket(path: Path, code_page: str, out: TextIO) -> None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DeviceError(f"No se puede leer {path}: {exc.strerror}.") from None
    out.write(escpos_to_text(data, code_page))
