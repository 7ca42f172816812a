"""Text, barcodes and QR codes fitted to the paper width, as ESC/POS bytes for one printout.

Widths are counted in characters of font A (12 dots wide at 203 dpi), so 32, 42 and 48 columns are 384,
504 and 576 dots. Nothing here ever produces a line longer than the paper: a label and its amount that do
not fit on one line go on two.
"""

from __future__ import annotations

import math
import textwrap

from farmapos.devices import escpos
from farmapos.devices.config import DeviceSettings
from farmapos.devices.errors import InvalidBarcode, UnsupportedFeature
from farmapos.devices.profiles import printer_profile
from farmapos.devices.symbols import EAN13, barcode_kind, barcode_modules, qr_modules
from farmapos.messages import msg

DOTS_PER_COLUMN = 12
DOTS_PER_MM = 8
QUIET_MODULES = 10  # each side of a 1-D barcode
QR_QUIET_MODULES = 4
BARCODE_HEIGHT = 80  # dots: 10 mm


def code128_modules(data: str) -> int:
    """Width in modules of the native Code 128 symbol: 11 per symbol plus the check, 13 for the stop."""
    return (escpos.code128_symbols(escpos.code128_payload(data)) + 1) * 11 + 13


class Layout:
    """Accumulates text and commands for one printout."""

    def __init__(self, settings: DeviceSettings) -> None:
        self.width, self.code_page = settings.columns, settings.code_page.lower()
        self.dots = settings.columns * DOTS_PER_COLUMN
        self.profile = printer_profile(settings.profile)
        number = self.profile.code_page_number(self.code_page)
        self.out = bytearray(escpos.INIT + escpos.select_code_page(self.code_page, number))

    def raw(self, data: bytes) -> None:
        self.out += data

    def line(self, text: str = "", width: int | None = None) -> None:
        """One line, cut to the paper width (use `wrap` for text that may be long)."""
        self.out += escpos.encode(text[: width or self.width], self.code_page) + b"\n"

    def wrap(self, text: str, indent: str = "", width: int | None = None) -> None:
        width = width or self.width
        for paragraph in text.splitlines() or [""]:
            parts = textwrap.wrap(paragraph, width, initial_indent=indent, subsequent_indent=indent)
            for part in parts or [""]:
                self.line(part, width)

    def columns(self, left: str, right: str, width: int | None = None) -> None:
        """`left` and `right` on one line when they fit, else `left` wrapped and `right` aligned below."""
        width = width or self.width
        if len(left) + 1 + len(right) <= width:
            self.line(f"{left:<{width - len(right) - 1}} {right}", width)
            return
        indent = left[: len(left) - len(left.lstrip())]
        self.wrap(left.strip(), indent, width)
        for part in textwrap.wrap(right, width) or [""]:
            self.line(f"{part:>{width}}", width)

    def table(self, rows: list[tuple[str, ...]]) -> None:
        """A first column of labels and right-aligned value columns sized to their widest cell."""
        values = len(rows[0]) - 1
        sizes = [max(len(row[i + 1]) for row in rows) for i in range(values)]
        for row in rows:
            right = " ".join(f"{cell:>{size}}" for cell, size in zip(row[1:], sizes, strict=True))
            self.columns(row[0], right)

    def rule(self, char: str = "-") -> None:
        self.line(char * self.width)

    def center(self, text: str, *, bold: bool = False) -> None:
        self.raw(escpos.ALIGN["center"] + (escpos.BOLD_ON if bold else b""))
        self.wrap(text)
        self.raw((escpos.BOLD_OFF if bold else b"") + escpos.ALIGN["left"])

    def big(self, left: str, right: str) -> None:
        """Double width and height: half the columns."""
        self.raw(escpos.DOUBLE)
        self.columns(left, right, self.width // 2)
        self.raw(escpos.NORMAL)

    def barcode(self, data: str) -> None:
        """EAN-13 or Code 128, native where the model has barcodes, else as a raster image with its text."""
        kind = barcode_kind(data)
        if self.profile.barcode:
            modules = 95 if kind == EAN13 else code128_modules(data)
            module_width = self._module_width(modules, data)
            make = escpos.barcode_ean13 if kind == EAN13 else escpos.barcode_code128
            self.raw(escpos.ALIGN["center"] + make(data, module_width, BARCODE_HEIGHT) + b"\n")
            self.raw(escpos.ALIGN["left"])
            return
        self._need_raster(msg("códigos de barras"))
        bars = barcode_modules(data)
        module_width = self._module_width(len(bars), data)
        row = [bit == "1" for bit in bars for _ in range(module_width)]
        self.raw(escpos.ALIGN["center"] + escpos.raster_image([row] * BARCODE_HEIGHT))
        self.line(data)
        self.raw(escpos.ALIGN["left"])

    def qr(self, data: str) -> None:
        """A QR code 30 to 40 mm wide (what the tax agency asks for), native or as a raster image."""
        matrix = qr_modules(data)
        count = len(matrix)
        room = min(40 * DOTS_PER_MM, self.dots)
        size = max(2, math.ceil(30 * DOTS_PER_MM / count))
        while size > 2 and (count + 2 * QR_QUIET_MODULES) * size > room:
            size -= 1
        if (count + 2 * QR_QUIET_MODULES) * size > self.dots:
            raise InvalidBarcode(
                msg(
                    "El código QR ({count} módulos) no cabe en papel de {columns} columnas.",
                    count=count,
                    columns=self.width,
                )
            )
        if self.profile.qr_code:
            self.raw(escpos.ALIGN["center"] + escpos.qr_code(data, size) + b"\n" + escpos.ALIGN["left"])
            return
        self._need_raster(msg("códigos QR"))
        quiet = [False] * QR_QUIET_MODULES
        blank = [[False] * (count + 2 * QR_QUIET_MODULES)] * QR_QUIET_MODULES
        rows = blank + [quiet + row + quiet for row in matrix] + blank
        dots = [[cell for cell in row for _ in range(size)] for row in rows for _ in range(size)]
        self.raw(escpos.ALIGN["center"] + escpos.raster_image(dots) + escpos.ALIGN["left"])

    def finish(self, cut: bool = True) -> bytes:
        """Feed past the tear bar; cut where the model has a cutter (else the ticket is torn by hand)."""
        self.raw(b"\n\n\n" + (escpos.CUT if cut and self.profile.cut else b"\n\n"))
        return bytes(self.out)

    def _module_width(self, modules: int, data: str) -> int:
        for width in (3, 2):
            if (modules + 2 * QUIET_MODULES) * width <= self.dots:
                return width
        raise InvalidBarcode(
            msg(
                "El código {code!r} es demasiado largo para un código de barras en {columns} columnas.",
                code=data,
                columns=self.width,
            )
        )

    def _need_raster(self, what: str) -> None:
        if not self.profile.raster:
            raise UnsupportedFeature(
                msg(
                    "La impresora {printer} no imprime {what} ni imágenes.",
                    printer=self.profile.name,
                    what=what,
                )
            )
