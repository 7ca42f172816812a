"""A captured ESC/POS byte stream as readable text (`farmapos devices show-ticket FILE`).

Commands are stripped, text is decoded through the code page the stream selects (ESC t), and what paper
shows but text cannot is named: barcodes and QR codes with their content, images with their size, the
drawer kick and the cut.
"""

from __future__ import annotations

from farmapos.devices.escpos import CODE_PAGES, decode_code128_payload

PAGE_BY_NUMBER = {number: name for name, number in CODE_PAGES.items()}
CUT_LINE = "\n✂" + "-" * 30 + "\n"
BARCODES = {65: "UPC-A", 66: "UPC-E", 67: "EAN13", 68: "EAN8", 69: "CODE39", 70: "ITF", 71: "CODABAR",
            72: "CODE93", 73: "CODE128"}  # fmt: skip
# Total length of commands with fixed parameters, by their second byte.
ESC_LENGTHS = {ord("@"): 2, ord("2"): 2, ord("<"): 2, ord("p"): 5, ord("c"): 4, ord("$"): 4, ord("\\"): 4}
GS_LENGTHS = {ord("L"): 4, ord("W"): 4, ord("P"): 4, ord("$"): 4, ord("\\"): 4}


def escpos_to_text(data: bytes, code_page: str = "cp858") -> str:
    """Strip commands, decode text in the active code page, and name what cannot be shown."""
    reader = _Reader(data, code_page.lower())
    reader.run()
    return "".join(reader.out)


class _Reader:
    def __init__(self, data: bytes, page: str) -> None:
        self.data, self.page = data, page
        self.out: list[str] = []
        self.text = bytearray()

    def flush(self) -> None:
        if self.text:
            self.out.append(bytes(self.text).decode(self.page, errors="replace"))
            self.text.clear()

    def mark(self, text: str) -> None:
        self.flush()
        if self.out and not self.out[-1].endswith("\n") and not text.startswith("\n"):
            self.out.append("\n")
        self.out.append(text)

    def run(self) -> None:
        data, i = self.data, 0
        while i < len(data):
            byte = data[i]
            if byte == 0x1B and i + 1 < len(data):
                i = self.esc(i)
            elif byte == 0x1D and i + 1 < len(data):
                i = self.gs(i)
            elif byte == 0x10 and i + 1 < len(data):  # DLE EOT n (status), DLE DC4 (real-time pulse)
                i += 5 if data[i + 1] == 0x14 else 3
            elif byte == 0x1C and i + 1 < len(data):  # FS: NV logo, Kanji on/off
                i += {ord("p"): 4, ord("C"): 3}.get(data[i + 1], 2)
            else:
                if byte >= 0x20 or byte == 0x0A:
                    self.text.append(byte)
                elif byte == 0x09:
                    self.text.append(0x20)
                i += 1
        self.flush()

    def esc(self, i: int) -> int:
        command = self.data[i + 1]
        if command == ord("t") and i + 2 < len(self.data):
            self.flush()
            self.page = PAGE_BY_NUMBER.get(self.data[i + 2], self.page)
            return i + 3
        if command == ord("p"):
            self.mark("[CAJÓN]\n")
        if command == ord("D"):  # tab stops, NUL-terminated
            end = self.data.find(b"\x00", i + 2)
            return len(self.data) if end < 0 else end + 1
        return i + ESC_LENGTHS.get(command, 3)

    def gs(self, i: int) -> int:
        data, command = self.data, self.data[i + 1]
        if command == ord("V"):
            self.mark(CUT_LINE)
            return i + (4 if i + 2 < len(data) and data[i + 2] in (65, 66, 97, 98, 103, 104) else 3)
        if command == ord("k") and i + 3 < len(data):
            kind = data[i + 2]
            if kind < 65:  # format A: NUL-terminated
                end = data.find(b"\x00", i + 3)
                end = len(data) if end < 0 else end
                payload, after = data[i + 3 : end], end + 1
            else:
                length = data[i + 3]
                payload, after = data[i + 4 : i + 4 + length], i + 4 + length
            name = BARCODES.get(kind if kind >= 65 else kind + 65, str(kind))
            content = (
                decode_code128_payload(payload) if name == "CODE128" else payload.decode("ascii", "replace")
            )
            self.mark(f"[CÓDIGO DE BARRAS {name}: {content}]\n")
            return after
        if command == ord("(") and i + 4 < len(data):
            size = data[i + 3] + 256 * data[i + 4]
            body = data[i + 5 : i + 5 + size]
            if data[i + 2] == ord("k") and body[:3] == b"\x31\x50\x30":
                self.mark(f"[QR: {body[3:].decode('utf-8', errors='replace')}]\n")
            return i + 5 + size
        if command == ord("v") and i + 7 < len(data):  # GS v 0 m xL xH yL yH: raster image
            width = data[i + 4] + 256 * data[i + 5]
            height = data[i + 6] + 256 * data[i + 7]
            self.mark(f"[IMAGEN {width * 8}×{height} puntos]\n")
            return i + 8 + width * height
        return i + GS_LENGTHS.get(command, 3)
