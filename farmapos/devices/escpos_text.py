"""A captured ESC/POS byte stream as readable text (`farmapos devices show-ticket FILE`)."""

from __future__ import annotations

from farmapos.devices.escpos import CODE_PAGES

PAGE_BY_NUMBER = {number: name for name, number in CODE_PAGES.items()}


def escpos_to_text(data: bytes, code_page: str = "cp858") -> str:
    """Strip commands, decode text in the active code page, and name what cannot be shown."""
    out: list[str] = []
    page = code_page.lower()
    text = bytearray()
    i = 0

    def flush() -> None:
        if text:
            out.append(bytes(text).decode(page, errors="replace"))
            text.clear()

    while i < len(data):
        byte = data[i]
        if byte == 0x1B and i + 1 < len(data):  # ESC
            command = data[i + 1]
            if command == ord("@"):
                i += 2
            elif command == ord("t") and i + 2 < len(data):
                flush()
                page = PAGE_BY_NUMBER.get(data[i + 2], page)
                i += 3
            elif command == ord("p"):
                flush()
                out.append("[CAJÓN]\n")
                i += 5
            elif command in (ord("E"), ord("a"), ord("!"), ord("-"), ord("d"), ord("J"), ord("M")):
                i += 3
            else:
                i += 2
        elif byte == 0x1D and i + 1 < len(data):  # GS
            command = data[i + 1]
            if command == ord("V"):
                flush()
                out.append("\n" + "✂" + "-" * 30 + "\n")
                i += 4 if i + 2 < len(data) and data[i + 2] in (65, 66) else 3
            elif command == ord("k") and i + 3 < len(data):
                flush()
                length = data[i + 3]
                payload = data[i + 4 : i + 4 + length].decode("ascii", errors="replace")
                out.append(f"[CÓDIGO DE BARRAS CODE128: {payload.removeprefix('{B')}]")
                i += 4 + length
            elif command == ord("(") and i + 4 < len(data):
                size = data[i + 3] + 256 * data[i + 4]
                body = data[i + 5 : i + 5 + size]
                if body[:3] == b"\x31\x50\x30":
                    flush()
                    out.append(f"[QR: {body[3:].decode('utf-8', errors='replace')}]\n")
                i += 5 + size
            else:
                i += 3
        elif byte == 0x10 and i + 2 < len(data):  # DLE EOT n: status request
            i += 3
        else:
            if byte >= 0x20 or byte == 0x0A:
                text.append(byte)
            i += 1
    flush()
    return "".join(out)
