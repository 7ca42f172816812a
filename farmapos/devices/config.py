"""Device settings: URI-like strings per device, overridable from the environment for one run.

printer  usb://04b8:0202  serial:///dev/ttyUSB0?baudrate=9600  tcp://192.168.1.50:9100
         file:///dev/usb/lp0 (or any file: raw bytes are appended)  sim://  none
display  serial:///dev/ttyS1?baudrate=9600&protocol=cd5220   sim:// (or sim:///path/display.txt)   none
drawer   printer:2 | printer:5 (kick through the printer)   serial:///dev/ttyS2?pin=2   sim://   none
scanner  keyboard (wedge, through the counter's code field)   serial:///dev/ttyACM0   none
`loop://` (pyserial's loopback) is accepted wherever a serial port is, for tests.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, urlsplit

from farmapos.devices.errors import DeviceConfigError, UnsupportedFeature
from farmapos.devices.profiles import printer_profile
from farmapos.messages import msg, reason

SCHEMES = {
    "printer": {"usb", "serial", "tcp", "file", "sim", "none", "loop"},
    "display": {"serial", "tcp", "file", "sim", "none", "loop"},
    "drawer": {"printer", "serial", "sim", "none", "loop"},
    "scanner": {"keyboard", "serial", "none", "loop"},
}
ALL_SCHEMES = set().union(*SCHEMES.values())
PARAMS = {"baudrate", "protocol", "pin", "in_ep", "out_ep"}
DISPLAY_PROTOCOLS = ("cd5220", "escpos")
PAPER_COLUMNS = {58: (32,), 80: (42, 48)}
CODE_PAGES = ("cp858", "cp1252")
ENV = {"printer": "FARMAPOS_PRINTER", "display": "FARMAPOS_DISPLAY", "drawer": "FARMAPOS_DRAWER",
       "scanner": "FARMAPOS_SCANNER"}  # fmt: skip


@dataclass(frozen=True)
class DeviceUri:
    scheme: str
    target: str = ""
    """Path, host:port, vendor:product, drawer pin, or '' (none, keyboard, sim://)."""
    params: dict[str, str] = field(default_factory=dict)

    @property
    def is_none(self) -> bool:
        return self.scheme == "none"


def _error(kind: str | None, raw: str, problem: str) -> DeviceConfigError:
    return DeviceConfigError(
        msg(
            "{device}: {setting!r} {problem}", device=kind or msg("dispositivo"), setting=raw, problem=problem
        )
    )


def parse_uri(text: str | None, kind: str | None = None) -> DeviceUri:
    """Parse a device setting; with `kind`, refuse schemes that kind of device cannot use."""
    raw = (text or "none").strip() or "none"
    if kind is not None and kind not in SCHEMES:
        raise DeviceConfigError(
            msg("Tipo de dispositivo desconocido: {kind!r} ({kinds}).", kind=kind, kinds=", ".join(SCHEMES))
        )
    allowed = SCHEMES[kind] if kind else ALL_SCHEMES
    uri = _parse(raw, kind)
    if uri.scheme not in allowed:
        raise _error(
            kind, raw, msg("no es válido aquí (admite: {schemes}).", schemes=", ".join(sorted(allowed)))
        )
    return uri


def _parse(raw: str, kind: str | None) -> DeviceUri:
    if raw in ("none", "keyboard"):
        return DeviceUri(raw)
    if raw.startswith("printer:"):
        pin = raw.split(":", 1)[1]
        if pin not in ("2", "5"):
            raise _error(kind, raw, msg("no es válido (cajón por impresora: printer:2 o printer:5)."))
        return DeviceUri("printer", pin)
    parts = urlsplit(raw)
    if parts.scheme not in ALL_SCHEMES or "://" not in raw:
        raise _error(
            kind,
            raw,
            msg("no tiene un esquema admitido ({schemes}).", schemes=", ".join(sorted(ALL_SCHEMES))),
        )
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    unknown = set(params) - PARAMS
    if unknown:
        raise _error(
            kind, raw, msg("tiene parámetros desconocidos: {params}.", params=", ".join(sorted(unknown)))
        )
    _check_params(kind, raw, params)
    if parts.scheme == "loop":
        return DeviceUri("loop", "loop://", params)
    if parts.scheme == "usb":
        try:
            vendor, product = (int(part, 16) for part in parts.netloc.split(":"))
            for name in ("in_ep", "out_ep"):
                if name in params:
                    int(params[name], 0)
        except ValueError:
            raise _error(kind, raw, msg("no es válido: use usb://VVVV:PPPP en hexadecimal.")) from None
        return DeviceUri("usb", f"{vendor:04x}:{product:04x}", params)
    if parts.scheme == "tcp":
        try:
            port = parts.port or 9100
        except ValueError:
            raise _error(kind, raw, msg("tiene un puerto no válido (tcp://host:9100).")) from None
        if not parts.hostname:
            raise _error(kind, raw, msg("no indica el host (tcp://host:9100)."))
        return DeviceUri("tcp", f"{parts.hostname}:{port}", params)
    path = parts.netloc + parts.path
    if parts.scheme == "sim":
        return DeviceUri("sim", path, params)
    if not path:
        raise _error(kind, raw, msg("no indica la ruta del dispositivo."))
    return DeviceUri(parts.scheme, path, params)


def _check_params(kind: str | None, raw: str, params: dict[str, str]) -> None:
    if "baudrate" in params and not params["baudrate"].isdigit():
        raise _error(
            kind,
            raw,
            msg("tiene un baudrate que no es un número ({baudrate!r}).", baudrate=params["baudrate"]),
        )
    if "protocol" in params and params["protocol"].lower() not in DISPLAY_PROTOCOLS:
        raise _error(
            kind,
            raw,
            msg(
                "tiene un protocolo de visor desconocido (use {protocols}).",
                protocols=" o ".join(DISPLAY_PROTOCOLS),
            ),
        )
    if "pin" in params and params["pin"] not in ("2", "5"):
        raise _error(kind, raw, msg("tiene un pin de cajón no válido (pin=2 o pin=5)."))


def columns_for_paper(width_mm: int, small_font: bool = False) -> int:
    """Characters per line: 58 mm → 32; 80 mm → 48 (font A on 576 dots) or 42 (512-dot models)."""
    try:
        options = PAPER_COLUMNS[width_mm]
    except KeyError:
        raise DeviceConfigError(
            msg("Ancho de papel {width} mm no admitido (58 u 80).", width=width_mm)
        ) from None
    return options[0] if small_font or len(options) == 1 else options[-1]


@dataclass(frozen=True)
class DeviceSettings:
    printer: str = "none"
    display: str = "none"
    drawer: str = "none"
    scanner: str = "keyboard"
    columns: int = 48
    """Characters per line: 32 on 58 mm paper, 42 or 48 on 80 mm (see `columns_for_paper`)."""
    profile: str = "default"
    """python-escpos capability profile name (e.g. TM-T20II): the model's code page numbers and features."""
    code_page: str = "cp858"
    """cp858 (€ at 0xD5) or cp1252 (€ at 0x80): chosen per printer, never automatic."""

    @property
    def paper_width_mm(self) -> int:
        return next(mm for mm, columns in PAPER_COLUMNS.items() if self.columns in columns)

    def validate(self) -> DeviceSettings:
        """The same settings, or DeviceConfigError saying which one is wrong and what to write instead."""
        for kind in ("printer", "display", "drawer", "scanner"):
            parse_uri(getattr(self, kind), kind)
        if self.columns not in (32, 42, 48):
            raise DeviceConfigError(
                msg("Columnas de impresora no válidas: {columns} (32, 42 o 48).", columns=self.columns)
            )
        if self.code_page.lower() not in CODE_PAGES:
            raise DeviceConfigError(
                msg(
                    "Página de códigos {code_page!r}: use CP858 o CP1252 (tienen el €).",
                    code_page=self.code_page,
                )
            )
        try:
            printer_profile(self.profile).code_page_number(self.code_page)
        except UnsupportedFeature as exc:
            raise DeviceConfigError(reason(exc)) from None
        return self


def apply_env_overrides(settings: DeviceSettings, environ: Mapping[str, str] = os.environ) -> DeviceSettings:
    """FARMAPOS_PRINTER, _DISPLAY, _DRAWER and _SCANNER replace the stored settings for this run."""
    changes = {kind: environ[name].strip() for kind, name in ENV.items() if environ.get(name, "").strip()}
    for kind, value in changes.items():
        try:
            parse_uri(value, kind)
        except DeviceConfigError as exc:
            raise DeviceConfigError(
                msg("{variable}: {reason}", variable=ENV[kind], reason=reason(exc))
            ) from None
    return replace(settings, **changes).validate()
