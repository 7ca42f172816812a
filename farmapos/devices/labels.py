"""Shelf and product labels: PDF on A4 label sheets (reportlab) and on the ticket printer (ESC/POS)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import createBarcodeDrawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from farmapos.devices.config import DeviceSettings
from farmapos.devices.errors import DeviceConfigError
from farmapos.devices.ticket_render import Layout
from farmapos.formats import format_money


@dataclass(frozen=True)
class LabelData:
    description: str
    price: Decimal
    code: str
    barcode: str
    """EAN-13 when it is one (13 digits), otherwise printed as Code 128."""
    unit_price_text: str = ""
    """E.g. `25,80 €/l` where the price per unit of measure applies."""


@dataclass(frozen=True)
class SheetLayout:
    name: str
    columns: int
    rows: int
    width_mm: float
    height_mm: float
    left_mm: float
    top_mm: float
    gap_x_mm: float = 0.0
    gap_y_mm: float = 0.0

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows


LAYOUTS = {
    "apli-1273": SheetLayout("Apli 1273 (70 × 37 mm, 24)", 3, 8, 70, 37, 0, 0.5),
    "avery-l7160": SheetLayout("Avery L7160 (63,5 × 38,1 mm, 21)", 3, 7, 63.5, 38.1, 7.2, 15.15, 2.5, 0),
    "avery-l7651": SheetLayout("Avery L7651 (38,1 × 21,2 mm, 65)", 5, 13, 38.1, 21.2, 4.7, 10.7, 2.5, 0),
}


def _barcode_drawing(value: str, width: float, height: float):
    kind = "EAN13" if len(value) == 13 and value.isdigit() else "Code128"
    drawing = createBarcodeDrawing(kind, value=value, barHeight=height, humanReadable=True)
    scale = min(1.0, width / drawing.width)
    drawing.scale(scale, 1)
    drawing.width *= scale
    return drawing


def labels_pdf(labels: Sequence[LabelData], path: Path, layout: str = "apli-1273", start: int = 1) -> int:
    """Write the labels from position `start` (1 = top left) so a part-used sheet can be reused; pages used."""
    sheet = LAYOUTS.get(layout)
    if sheet is None:
        raise DeviceConfigError(f"Formato de etiquetas desconocido: {layout!r} ({', '.join(LAYOUTS)}).")
    if not 1 <= start <= sheet.per_sheet:
        raise DeviceConfigError(f"La posición inicial debe estar entre 1 y {sheet.per_sheet}.")
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setTitle("Etiquetas")
    _page_width, page_height = A4
    slot, pages = start - 1, 1
    for label in labels:
        if slot == sheet.per_sheet:
            canvas.showPage()
            slot, pages = 0, pages + 1
        row, column = divmod(slot, sheet.columns)
        x = (sheet.left_mm + column * (sheet.width_mm + sheet.gap_x_mm)) * mm
        top = page_height - (sheet.top_mm + row * (sheet.height_mm + sheet.gap_y_mm)) * mm
        width, height = sheet.width_mm * mm, sheet.height_mm * mm
        canvas.setFont("Helvetica", 7 if height < 25 * mm else 8)
        canvas.drawString(x + 2 * mm, top - 4 * mm, label.description[: int(sheet.width_mm / 1.6)])
        canvas.setFont("Helvetica-Bold", 10 if height < 25 * mm else 14)
        canvas.drawRightString(
            x + width - 2 * mm, top - (9 if height < 25 * mm else 10) * mm, format_money(label.price)
        )
        if label.unit_price_text:
            canvas.setFont("Helvetica", 6)
            canvas.drawString(x + 2 * mm, top - 9 * mm, label.unit_price_text)
        bar_height = max(6 * mm, height - 16 * mm)
        drawing = _barcode_drawing(label.barcode, width - 4 * mm, bar_height)
        renderPDF.draw(drawing, canvas, x + 2 * mm, top - height + 1.5 * mm)
        slot += 1
    canvas.save()
    return pages


def labels_escpos(labels: Sequence[LabelData], settings: DeviceSettings) -> bytes:
    """Labels on the ticket printer: description, price, price per unit, barcode, cut between labels."""
    data = bytearray()
    for label in labels:
        out = Layout(settings)
        out.wrap(label.description)
        out.big("", format_money(label.price))
        if label.unit_price_text:
            out.line(label.unit_price_text)
        out.barcode(label.barcode)
        data += out.finish()
    return bytes(data)
