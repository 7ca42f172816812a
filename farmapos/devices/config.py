"""Device settings: URI-like strings per device, overridable from the environment for one run.

printer  usb://04b8:0202  serial:///dev/ttyUSB0?baudrate=9600  tcp://192.168.1.50:9100
         file:///dev/usb/lp0 (or any file: raw bytes are appended)  none
display  serial:///dev/ttyS1?baudrate=9600&protocol=cd5220   sim://   none
drawer   printer:2 | printer:5 (kick through the printer)   serial:///dev/ttyS2   sim://   none
scanner  keyboard (wedge, through the counter's code field)   serial:///dev/ttyACM0   none
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, urlsplit

from farmapos.devices.errors import DeviceConfigError

SCHEMES = {
    "printer": {"usb", "serial", "tcp", "file", "sim", "none", "loop"},
    "display": {"serial", "tcp", "file", "sim", "none", "loop"},
    "drawer": {"printer", "serial", "sim", "none", "loop"},
    "scanner": {"keyboard", "serial", "none", "loop"},
}
PAPER_COLUMNS = {58: 32, 80: 48}
ENV = {"printer": "FARMAPOS_PRINTER", "display": "FARMAPOS_DISPLAY", "drawer": "FARMAPOS_DRAWER",
       "scanner": "FARMAPOS_SCANNER"}  # fmt: skip


@dataclass(frozen=True)
class DeviceUri:
    scheme: str
    target: str = ""
    params: dict[str, str] = field(default_factory=dict)

    @property
    def is_none(self) -> bool:
        return self.scheme == "none"


def parse_uri(text: str, kind: str = "printer") -> DeviceUri:
    """Parse a device setting, refusing schemes the device kind cannot use."""
    raw = (text or "none").strip()
    allowed = SCHEMES[kind]
    if raw in ("none", "keyboard", "sim", "sim://"):
        scheme = raw.removesuffix("://")
        if scheme not in allowed:
            raise DeviceConfigError(f"{kind}: {raw!r} no es válido (use {', '.join(sorted(allowed))}).")
        return DeviceUri(scheme)
    if raw.startswith("printer:"):
        pin = raw.split(":", 1)[1]
        if "printer" not in allowed or pin not in ("2", "5"):
            raise DeviceConfigError(
                f"{kind}: {raw!r} no es válido (cajón por impresora: printer:2 o printer:5)."
            )
        return DeviceUri("printer", pin)
    if raw == "loop://":
        return DeviceUri("loop", "loop://")
    parts = urlsplit(raw)
    if parts.scheme not in allowed:
        raise DeviceConfigError(
            f"{kind}: esquema {parts.scheme or raw!r} no admitido ({', '.join(sorted(allowed))})."
        )
    params = dict(parse_qsl(parts.query))
    if parts.scheme == "usb":
        try:
            vendor, product = (int(part, 16) for part in parts.netloc.split(":"))
        except ValueError:
            raise DeviceConfigError(f"{kind}: {raw!r}: use usb://VVVV:PPPP en hexadecimal.") from None
        return DeviceUri("usb", f"{vendor:04x}:{product:04x}", params)
    if parts.scheme == "tcp":
        if not parts.hostname:
            raise DeviceConfigError(f"{kind}: {raw!r}: falta el host (tcp://host:9100).")
        return DeviceUri("tcp", f"{parts.hostname}:{parts.port or 9100}", params)
    path = parts.path if not parts.netloc else parts.netloc + parts.path
    if not path:
        raise DeviceConfigError(f"{kind}: {raw!r}: falta la ruta del dispositivo.")
    if parts.scheme == "serial" and "baudrate" in params and not params["baudrate"].isdigit():
        raise DeviceConfigError(f"{kind}: baudrate {params['baudrate']!r} no es un número.")
    return DeviceUri(parts.scheme, path, params)


@dataclass(frozen=True)
class DeviceSettings:
    printer: str = "none"
    display: str = "none"
    drawer: str = "none"
    scanner: str = "keyboard"
    columns: int = 48
    """Characters per line: 32 on 58 mm paper, 42 or 48 on 80 mm (font B/A)."""
    profile: str = "default"
    """python-escpos capability profile name (e.g. TM-T20II), for what the model supports."""
    code_page: str = "cp858"
    """cp858 (€ at 0xD5) or cp1252 (€ at 0x80): chosen per printer, never automatic."""

    def validate(self) -> DeviceSettings:
        for kind in ("printer", "display", "drawer", "scanner"):
            parse_uri(getattr(self, kind), kind)
        if self.columns not in (32, 42, 48):
            raise DeviceConfigError(f"Columnas de impresora no válidas: {self.columns} (32, 42 o 48).")
        from farmapos.devices.errors import UnsupportedFeature
        from farmapos.devices.profiles import printer_profile

        if self.code_page.lower() not in ("cp858", "cp1252"):
            raise DeviceConfigError(
                f"Página de códigos {self.code_page!r}: use CP858 o CP1252 (tienen el €)."
            )
        try:
            printer_profile(self.profile).code_page_number(self.code_page)
        except UnsupportedFeature as exc:
            raise DeviceConfigError(str(exc)) from None
        return self


def apply_env_overrides(settings: DeviceSettings, environ: Mapping[str, str] = os.environ) -> DeviceSettings:
    """FARMAPOS_PRINTER, _DISPLAY, _DRAWER and _SCANNER replace the stored settings for this run."""
    changes = {kind: environ[name] for kind, name in ENV.items() if environ.get(name)}
    return replace(settings, **changes).validate()
