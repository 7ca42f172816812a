"""Shelf and product labels: PDF on A4 label sheets (reportlab) and on the ticket printer (ESC/POS).

Every barcode is checked before anything is drawn (a wrong EAN-13 check digit is an error, never quietly
replaced by another code), and drawn at a size an ordinary reader takes: EAN-13 at 80 % to 100 % of its
nominal size, Code 128 with modules of 0.19 to 0.25 mm, both with their quiet zones on the label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import createBarcodeDrawing
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from farmapos.devices.config import DeviceSettings
from farmapos.devices.errors import DeviceConfigError, DeviceError, InvalidBarcode
from farmapos.devices.layout import Layout
from farmapos.devices.symbols import EAN13, barcode_kind
from farmapos.formats import format_money
from farmapos.messages import msg, reason


@dataclass(frozen=True)
class LabelData:
    description: str
    price: Decimal
    code: str
    barcode: str
    """EAN-13 when it is one (13 digits, check digit verified), otherwise printed as Code 128."""
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

    def origin(self, slot: int) -> tuple[float, float]:
        """Top-left corner of label `slot` (0-based, row by row) in points from the bottom-left of A4."""
        row, column = divmod(slot, self.columns)
        x = (self.left_mm + column * (self.width_mm + self.gap_x_mm)) * mm
        top = A4[1] - (self.top_mm + row * (self.height_mm + self.gap_y_mm)) * mm
        return x, top


# Geometry of the sheets (label size, first label's top-left corner, gaps), as in gLabels' template data.
LAYOUTS = {
    "apli-1273": SheetLayout("Apli 1273 (70 × 37 mm, 24)", 3, 8, 70, 37, 0, 0.5),
    "apli-1293": SheetLayout("Apli 1293 (70 × 33,3 mm, 24)", 3, 8, 70, 33.3, 0, 15.3),
    "avery-l7160": SheetLayout("Avery L7160 (63,5 × 38,1 mm, 21)", 3, 7, 63.5, 38.1, 7.21, 15.15, 2.54, 0),
    "avery-l7651": SheetLayout("Avery L7651 (38,1 × 21,2 mm, 65)", 5, 13, 38.1, 21.2, 4.7, 10.7, 2.5, 0),
}
EAN13_NOMINAL_MODULE = 0.33 * mm
EAN13_MODULES = 95 + 18  # the symbol and its quiet zones
CODE128_MODULE = 0.25 * mm
MIN_MODULE = 0.19 * mm  # 7.5 mil: still read by an ordinary handheld scanner


def barcode_drawing(value: str, width: float, height: float) -> Drawing:
    """The label's barcode within `width` × `height` points, or InvalidBarcode when it cannot be readable.

    EAN-13 carries its digits inside `height`; Code 128 is bars only (the caller writes the text under it).
    """
    kind = barcode_kind(value)
    if kind == EAN13:
        bar_width = min(EAN13_NOMINAL_MODULE, width / EAN13_MODULES)
        if bar_width < 0.8 * EAN13_NOMINAL_MODULE:
            raise InvalidBarcode(
                msg("Un EAN-13 no cabe legible en una etiqueta de {width} mm.", width=f"{width / mm:.0f}")
            )
        return createBarcodeDrawing("EAN13", value=value[:12], barWidth=bar_width, barHeight=height,
                                    humanReadable=True, quiet=True)  # fmt: skip
    quiet = {"quiet": True, "lquiet": 10, "rquiet": 10}  # ten modules each side, in module units
    modules = createBarcodeDrawing("Code128", value=value, barWidth=1, **quiet).width
    bar_width = min(CODE128_MODULE, width / modules)
    if bar_width < MIN_MODULE:
        raise InvalidBarcode(
            msg(
                "El código {code!r} es demasiado largo para una etiqueta de {width} mm.",
                code=value,
                width=f"{width / mm:.0f}",
            )
        )
    return createBarcodeDrawing("Code128", value=value, barWidth=bar_width, barHeight=height, humanReadable=False,
                                quiet=True, lquiet=10 * bar_width, rquiet=10 * bar_width)  # fmt: skip


def _fit_lines(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """Words wrapped to `width` points, at most `max_lines` (the last one cut with an ellipsis)."""
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] += "…"
    for i, line in enumerate(lines):
        while stringWidth(line, font, size) > width and len(line) > 1:
            line = line[:-2] + "…"
        lines[i] = line
    return lines


def labels_pdf(
    labels: Sequence[LabelData], path: Path | str, layout: str = "apli-1273", start: int = 1
) -> int:
    """Write the labels from position `start` (1 = top left, row by row) so a part-used sheet can be reused.

    Returns the number of pages. Every barcode is checked first, so a bad code writes no file at all.
    """
    sheet = LAYOUTS.get(layout)
    if sheet is None:
        raise DeviceConfigError(
            msg(
                "Formato de etiquetas desconocido: {layout!r} ({layouts}).",
                layout=layout,
                layouts=", ".join(LAYOUTS),
            )
        )
    if not 1 <= start <= sheet.per_sheet:
        raise DeviceConfigError(msg("La posición inicial debe estar entre 1 y {last}.", last=sheet.per_sheet))
    if not labels:
        raise DeviceConfigError(msg("No hay etiquetas que imprimir."))
    for label in labels:
        try:
            barcode_kind(label.barcode)
        except InvalidBarcode as exc:
            raise InvalidBarcode(
                msg("{article}: {reason}", article=label.description, reason=reason(exc))
            ) from None
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setTitle("Etiquetas")
    slot, pages = start - 1, 1
    for label in labels:
        if slot == sheet.per_sheet:
            canvas.showPage()
            slot, pages = 0, pages + 1
        _draw_label(canvas, sheet, slot, label)
        slot += 1
    try:
        canvas.save()
    except OSError as exc:
        raise DeviceError(
            msg("No se puede escribir {path}: {reason}", path=path, reason=exc.strerror or str(exc))
        ) from None
    return pages


def _draw_label(canvas: Canvas, sheet: SheetLayout, slot: int, label: LabelData) -> None:
    x, top = sheet.origin(slot)
    width, height = sheet.width_mm * mm, sheet.height_mm * mm
    small = height < 25 * mm
    pad = 1.5 * mm if small else 2.5 * mm
    inner = width - 2 * pad
    text_size, price_size = (6, 10) if small else (8, 14)
    y = top - pad - text_size
    canvas.setFont("Helvetica", text_size)
    for line in _fit_lines(label.description, "Helvetica", text_size, inner, 1 if small else 2):
        canvas.drawString(x + pad, y, line)
        y -= text_size + 1
    price_y = y - price_size + text_size
    canvas.setFont("Helvetica-Bold", price_size)
    canvas.drawRightString(x + width - pad, price_y, format_money(label.price))
    if label.unit_price_text:
        canvas.setFont("Helvetica", 6 if small else 8)
        canvas.drawString(x + pad, price_y, label.unit_price_text)
    bottom = top - height + pad
    code_text = 0 if barcode_kind(label.barcode) == EAN13 else 6
    bar_height = max(5 * mm, price_y - bottom - code_text - 3 * mm)
    drawing = barcode_drawing(label.barcode, inner, bar_height)
    renderPDF.draw(drawing, canvas, x + (width - drawing.width) / 2, bottom + code_text)
    if code_text:
        canvas.setFont("Helvetica", code_text)
        canvas.drawCentredString(x + width / 2, bottom, label.barcode)


def labels_escpos(labels: Sequence[LabelData], settings: DeviceSettings) -> bytes:
    """Labels on the ticket printer: description, price, price per unit, barcode, a cut after each."""
    data = bytearray()
    for label in labels:
        out = Layout(settings)
        out.wrap(label.description)
        out.big("", format_money(label.price))
        if label.unit_price_text:
            out.wrap(label.unit_price_text)
        out.barcode(label.barcode)
        data += out.finish()
    return bytes(data)
