"""ESC/POS commands as bytes, with an explicit code page: what every printer-driving module builds on.

Nothing here goes through python-escpos's own encoder or barcode path: its automatic encoding switches to
code pages many printers lack (page 15 for €) and its software barcodes write to stdout. Numbers follow
the Epson ESC/POS reference; the code page number of a given model comes from its capability profile.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from farmapos.devices.errors import InvalidBarcode
from farmapos.messages import msg

ESC, GS, DLE, FS = b"\x1b", b"\x1d", b"\x10", b"\x1c"
EOT = b"\x04"
# ESC t n numbers on Epson-compatible printers (a profile may say otherwise for its model).
CODE_PAGES = {"cp437": 0, "cp850": 2, "cp858": 19, "cp1252": 16}

INIT = ESC + b"@"
CUT = GS + b"V" + bytes([66, 0])  # feed to the cutter, then partial cut
FULL_CUT = GS + b"V" + bytes([65, 0])
BOLD_ON, BOLD_OFF = ESC + b"E\x01", ESC + b"E\x00"
DOUBLE, NORMAL = GS + b"!\x11", GS + b"!\x00"  # double width and height / normal size
ALIGN = {"left": ESC + b"a\x00", "center": ESC + b"a\x01", "right": ESC + b"a\x02"}

# DLE EOT n real-time status requests; each answers one byte with bits 1 and 4 set, 0 and 7 clear.
STATUS_PRINTER = DLE + EOT + b"\x01"  # bit 3: offline
STATUS_OFFLINE = DLE + EOT + b"\x02"  # bit 2: cover open, bit 5: stopped by paper end, bit 6: error
STATUS_PAPER = DLE + EOT + b"\x04"  # bits 2-3: paper near end, bits 5-6: paper end
STATUS_FIXED_MASK, STATUS_FIXED_BITS = 0x93, 0x12

QR_LEVELS = {"L": 48, "M": 49, "Q": 50, "H": 51}


def select_code_page(code_page: str, number: int | None = None) -> bytes:
    """ESC t n; `number` is the model's own number for the page when its profile gives one."""
    if number is None:
        try:
            number = CODE_PAGES[code_page.lower()]
        except KeyError:
            raise ValueError(f"unsupported code page {code_page!r}") from None
    return ESC + b"t" + bytes([number])


def encode(text: str, code_page: str) -> bytes:
    """Text in the printer's code page; characters it lacks become '?' rather than garbage."""
    return unicodedata.normalize("NFC", text).encode(code_page.lower(), errors="replace")


def drawer_kick(pin: int, on_ms: int = 100, off_ms: int = 200) -> bytes:
    """ESC p m t1 t2: pin 2 is m=0, pin 5 is m=1; times in units of 2 ms."""
    if pin not in (2, 5):
        raise ValueError("drawer pin must be 2 or 5")
    return ESC + b"p" + bytes([0 if pin == 2 else 1, min(255, on_ms // 2), min(255, off_ms // 2)])


_DIGIT_RUN = re.compile(r"(\d{4,})")


def code128_payload(data: str) -> bytes:
    """The data of GS k 73: code set B for text, code set C (two digits a byte) for runs of 4+ digits.

    Never longer than all-B, and short enough that a ticket number fits 58 mm paper at a readable width.
    """
    if not data or any(not 32 <= ord(c) < 127 for c in data):
        raise InvalidBarcode(
            msg("El código {code!r} no se puede imprimir como Code 128 (solo ASCII imprimible).", code=data)
        )
    out, current = bytearray(), ""
    for part in _DIGIT_RUN.split(data):
        if not part:
            continue
        if part.isdigit() and len(part) >= 4:
            if len(part) % 2:
                if current != "B":
                    out += b"{B"
                    current = "B"
                out += part[0].encode("ascii")
                part = part[1:]
            if current != "C":
                out += b"{C"
                current = "C"
            out += bytes(int(part[i : i + 2]) for i in range(0, len(part), 2))
        else:
            if current != "B":
                out += b"{B"
                current = "B"
            out += part.encode("ascii").replace(b"{", b"{{")
    return bytes(out)


def code128_symbols(payload: bytes) -> int:
    """Symbols in a GS k 73 payload (start and code switches included, check and stop excluded)."""
    symbols, i = 0, 0
    while i < len(payload):
        i += 2 if payload[i] == 0x7B else 1  # '{' and the byte after it are one symbol
        symbols += 1
    return symbols


def decode_code128_payload(payload: bytes) -> str:
    """The text a GS k 73 payload encodes (for reading captured tickets back)."""
    text, current, i = [], "B", 0
    while i < len(payload):
        byte = payload[i]
        if byte == 0x7B and i + 1 < len(payload):  # '{' starts a code set switch or an escaped '{'
            code = chr(payload[i + 1])
            if code in "ABC":
                current = code
            elif code == "{":
                text.append("{")
            i += 2
            continue
        text.append(f"{byte:02d}" if current == "C" else chr(byte))
        i += 1
    return "".join(text)


def barcode_code128(data: str, module_width: int = 2, height: int = 80, hri: bool = True) -> bytes:
    """GS k 73 (CODE128), human-readable text below when `hri`."""
    payload = code128_payload(data)
    if len(payload) > 255:
        raise InvalidBarcode(msg("Código demasiado largo para un Code 128 en la impresora."))
    return _barcode_setup(module_width, height, hri) + GS + b"k\x49" + bytes([len(payload)]) + payload


def barcode_ean13(data: str, module_width: int = 2, height: int = 80, hri: bool = True) -> bytes:
    """GS k 67 (JAN13/EAN13) with all 13 digits: the check digit was verified by the caller."""
    if len(data) != 13 or not data.isdigit():
        raise InvalidBarcode(msg("{code!r} no tiene los 13 dígitos de un EAN-13.", code=data))
    return _barcode_setup(module_width, height, hri) + GS + b"k\x43\x0d" + data.encode("ascii")


def _barcode_setup(module_width: int, height: int, hri: bool) -> bytes:
    if not 2 <= module_width <= 6 or not 1 <= height <= 255:
        raise ValueError("barcode module width 2-6 and height 1-255 dots")
    return (
        GS
        + b"h"
        + bytes([height])
        + GS
        + b"w"
        + bytes([module_width])
        + GS
        + b"H"
        + (b"\x02" if hri else b"\x00")
    )


def qr_code(data: str, module_size: int = 4, level: str = "M") -> bytes:
    """GS ( k: model 2, module size, error correction, store the data, print it."""
    if not 1 <= module_size <= 16:
        raise ValueError("QR module size 1-16 dots")
    payload = data.encode("utf-8")
    store_len = len(payload) + 3
    if store_len > 7092:
        raise InvalidBarcode(msg("Contenido demasiado largo para un código QR."))
    return (
        GS + b"(k\x04\x00\x31\x41\x32\x00"
        + GS + b"(k\x03\x00\x31\x43" + bytes([module_size])
        + GS + b"(k\x03\x00\x31\x45" + bytes([QR_LEVELS[level]])
        + GS + b"(k" + bytes([store_len % 256, store_len // 256]) + b"\x31\x50\x30" + payload
        + GS + b"(k\x03\x00\x31\x51\x30"
    )  # fmt: skip


def raster_image(rows: Sequence[Sequence[bool]]) -> bytes:
    """GS v 0: a 1-bit image, one list of dots (True = black) per printed row."""
    if not rows or not rows[0]:
        raise ValueError("empty image")
    width_bytes = (len(rows[0]) + 7) // 8
    data = bytearray()
    for row in rows:
        padded = list(row) + [False] * (width_bytes * 8 - len(row))
        for start in range(0, len(padded), 8):
            byte = 0
            for bit in padded[start : start + 8]:
                byte = (byte << 1) | bool(bit)
            data.append(byte)
    height = len(rows)
    return GS + b"v0\x00" + bytes([width_bytes % 256, width_bytes // 256, height % 256, height // 256]) + data
