"""Barcodes and QR codes as modules: which symbology a code gets, and the bars or dots that draw it.

Both reportlab and python-barcode silently replace a wrong EAN-13 check digit with the right one, which
would put a different code on the shelf than the one in the catalogue; codes are checked here first.
The module patterns print symbols as raster images on printers without native barcodes or QR, and let
tests check what a label or ticket really encodes.
"""

from __future__ import annotations

from farmapos.devices.errors import InvalidBarcode
from farmapos.messages import msg

EAN13, CODE128 = "EAN13", "Code128"


def ean13_check_digit(first12: str) -> str:
    """GS1 mod-10: weights 1 and 3 from the left over the first twelve digits."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def is_valid_ean13(code: str) -> bool:
    return len(code) == 13 and code.isdigit() and ean13_check_digit(code[:12]) == code[12]


def barcode_kind(value: str) -> str:
    """EAN-13 for 13 digits (check digit verified), Code 128 for any other printable ASCII."""
    if len(value) == 13 and value.isdigit():
        if not is_valid_ean13(value):
            raise InvalidBarcode(
                msg(
                    "El código {code} no es un EAN-13 válido (el dígito de control debería ser {digit}); corríjalo "
                    "en la ficha del artículo.",
                    code=value,
                    digit=ean13_check_digit(value[:12]),
                )
            )
        return EAN13
    if not value or any(not 32 <= ord(c) < 127 for c in value):
        raise InvalidBarcode(
            msg("El código {code!r} no se puede imprimir como Code 128 (solo ASCII imprimible).", code=value)
        )
    return CODE128


def barcode_modules(value: str) -> str:
    """The symbol as a string of '1' (bar) and '0' (space) modules, without quiet zones."""
    kind = barcode_kind(value)
    name = "ean13" if kind == EAN13 else "code128"
    import barcode  # imported on first use: the counter starts without it

    return barcode.get(name, value).build()[0]


def qr_modules(data: str, level: str = "M") -> list[list[bool]]:
    """The QR symbol's dark modules, row by row (error correction M, as the tax agency asks)."""
    if not data:
        raise InvalidBarcode(msg("Un código QR necesita contenido."))
    from reportlab.graphics.barcode import qrencoder  # on first use, as above

    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    code.addData(data)
    code.make()
    count = code.getModuleCount()
    return [[bool(code.isDark(row, col)) for col in range(count)] for row in range(count)]
