"""ESC/POS commands as bytes, with an explicit code page: what every printer-driving module builds on."""

from __future__ import annotations

ESC, GS, DLE = b"\x1b", b"\x1d", b"\x10"
# ESC t n numbers on Epson-compatible printers.
CODE_PAGES = {"cp437": 0, "cp850": 2, "cp858": 19, "cp1252": 16}

INIT = ESC + b"@"
CUT = GS + b"V" + bytes([66, 0])  # feed to the cutter and cut (partial where the model supports it)
BOLD_ON, BOLD_OFF = ESC + b"E\x01", ESC + b"E\x00"
DOUBLE, NORMAL = GS + b"!\x11", GS + b"!\x00"
ALIGN = {"left": ESC + b"a\x00", "center": ESC + b"a\x01", "right": ESC + b"a\x02"}
STATUS_PAPER = DLE + b"\x04\x04"  # DLE EOT 4: paper roll sensor status
STATUS_PRINTER = DLE + b"\x04\x01"


def select_code_page(code_page: str) -> bytes:
    try:
        return ESC + b"t" + bytes([CODE_PAGES[code_page.lower()]])
    except KeyError:
        raise ValueError(f"unsupported code page {code_page!r}") from None


def encode(text: str, code_page: str) -> bytes:
    """Text in the printer's code page; characters it lacks become '?' rather than garbage."""
    return text.encode(code_page.lower(), errors="replace")


def drawer_kick(pin: int, on_ms: int = 100, off_ms: int = 200) -> bytes:
    """ESC p m t1 t2: pin 2 is m=0, pin 5 is m=1; times in units of 2 ms."""
    if pin not in (2, 5):
        raise ValueError("drawer pin must be 2 or 5")
    return ESC + b"p" + bytes([0 if pin == 2 else 1, min(255, on_ms // 2), min(255, off_ms // 2)])


def barcode_code128(data: str) -> bytes:
    """GS k 73 (CODE128) with code set B, printed with its human-readable text below."""
    payload = b"{B" + data.encode("ascii")
    if len(payload) > 255:
        raise ValueError("barcode too long")
    return GS + b"h\x50" + GS + b"w\x02" + GS + b"H\x02" + GS + b"k\x49" + bytes([len(payload)]) + payload


def qr_code(data: str, size: int = 4) -> bytes:
    """GS ( k: model 2, module size, error correction M, store, print."""
    payload = data.encode("utf-8")
    store_len = len(payload) + 3
    return (
        GS + b"(k\x04\x00\x31\x41\x32\x00"
        + GS + b"(k\x03\x00\x31\x43" + bytes([size])
        + GS + b"(k\x03\x00\x31\x45\x31"
        + GS + b"(k" + bytes([store_len % 256, store_len // 256]) + b"\x31\x50\x30" + payload
        + GS + b"(k\x03\x00\x31\x51\x30"
    )  # fmt: skip
