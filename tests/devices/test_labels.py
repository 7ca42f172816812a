"""Labels: A4 sheets as PDF (text, labels per page, start position, readable barcodes) and on the printer."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import barcode
import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Rect
from reportlab.lib import colors
from reportlab.lib.units import mm

from farmapos.devices.config import DeviceSettings
from farmapos.devices.errors import DeviceConfigError, InvalidBarcode
from farmapos.devices.escpos_text import escpos_to_text
from farmapos.devices.labels import LAYOUTS, LabelData, barcode_drawing, labels_escpos, labels_pdf

EAN = "8470006547663"


def labels(count: int, code: str = EAN) -> list[LabelData]:
    return [LabelData(f"CREMA HIDRATANTE {i:02d} 50 ML", Decimal("12.90"), f"P{i}", code, "258,00 €/l")
            for i in range(count)]  # fmt: skip


def positions(page) -> dict[str, tuple[float, float]]:
    """Where each label description was drawn (x, y in points from the bottom left)."""
    found: dict[str, tuple[float, float]] = {}

    def visit(text, cm, tm, font, size) -> None:
        if text.startswith("CREMA"):
            found[text.strip()] = (tm[4], tm[5])

    page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize(("layout", "per_sheet"), [("apli-1273", 24), ("apli-1293", 24), ("avery-l7160", 21),
                                                   ("avery-l7651", 65)])  # fmt: skip
def test_a_full_sheet_then_the_next_page(tmp_path: Path, layout: str, per_sheet: int) -> None:
    path = tmp_path / "labels.pdf"
    assert LAYOUTS[layout].per_sheet == per_sheet
    assert labels_pdf(labels(per_sheet + 1), path, layout) == 2
    first, second = PdfReader(path).pages
    assert len(positions(first)) == per_sheet and len(positions(second)) == 1
    text = first.extract_text()
    assert text.count("12,90 €") == per_sheet and "258,00 €/l" in text


@pytest.mark.parametrize(("layout", "start"), [("apli-1273", 22), ("avery-l7160", 5), ("avery-l7651", 64)])
def test_start_position_reuses_a_part_used_sheet(tmp_path: Path, layout: str, start: int) -> None:
    path = tmp_path / "labels.pdf"
    sheet = LAYOUTS[layout]
    pages = labels_pdf(labels(5), path, layout, start=start)
    left_on_sheet = sheet.per_sheet - start + 1
    assert pages == (1 if left_on_sheet >= 5 else 2)
    found = positions(PdfReader(path).pages[0])
    assert len(found) == min(5, left_on_sheet)
    x, y = found["CREMA HIDRATANTE 00 50 ML"]
    left, top = sheet.origin(start - 1)
    assert left <= x <= left + sheet.width_mm * mm and top - sheet.height_mm * mm <= y <= top


def test_bad_layout_position_or_code_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "labels.pdf"
    with pytest.raises(DeviceConfigError, match="desconocido"):
        labels_pdf(labels(1), path, "apli-9999")
    with pytest.raises(DeviceConfigError, match="entre 1 y 65"):
        labels_pdf(labels(1), path, "avery-l7651", start=66)
    with pytest.raises(
        InvalidBarcode, match="CREMA HIDRATANTE 00 50 ML: El código 8470006547664 no es un EAN-13"
    ):
        labels_pdf(labels(2) + labels(1, "8470006547664"), path)
    assert not path.exists()


def bars(drawing) -> tuple[str, float]:
    """The modules ('1' bar, '0' space) a reportlab barcode drawing really draws, and its module width."""
    widget = drawing.contents[0]

    def walk(shape):
        for child in getattr(shape, "contents", []):
            yield from walk(child)
        if isinstance(shape, Rect):
            yield shape

    rects = sorted((r for r in walk(widget.draw()) if r.fillColor == colors.black and r.width < 5 * widget.barWidth),
                   key=lambda r: r.x)  # fmt: skip
    start, module = rects[0].x, widget.barWidth
    pattern = ["0"] * round((rects[-1].x + rects[-1].width - start) / module)
    for rect in rects:
        first = round((rect.x - start) / module)
        for i in range(round(rect.width / module)):
            pattern[first + i] = "1"
    return "".join(pattern), module


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_ean13_drawn_on_every_layout_is_the_code_at_a_readable_size(layout: str) -> None:
    sheet = LAYOUTS[layout]
    drawing = barcode_drawing(EAN, sheet.width_mm * mm - 3 * mm, 8 * mm)
    pattern, module = bars(drawing)
    assert pattern == barcode.get("ean13", EAN).build()[0]  # same bars as an independent encoder
    assert 0.8 * 0.33 * mm <= module <= 0.33 * mm  # EAN-13 magnification 80 % to 100 %
    assert drawing.width <= sheet.width_mm * mm - 3 * mm


def test_code128_for_codes_that_are_not_ean13() -> None:
    drawing = barcode_drawing("CN654766.8", 60 * mm, 10 * mm)
    assert (
        type(drawing.contents[0]).__name__ == "BarcodeCode128" and drawing.contents[0].value == "CN654766.8"
    )
    assert drawing.contents[0].barWidth == 0.25 * mm
    narrow = barcode_drawing("CN654766.8", 35 * mm, 10 * mm)  # a 38 mm label: thinner, still readable
    assert 0.19 * mm <= narrow.contents[0].barWidth < 0.25 * mm and narrow.width <= 35 * mm + 1e-6
    with pytest.raises(InvalidBarcode, match="demasiado largo"):
        barcode_drawing("A" * 60, 35 * mm, 10 * mm)


def test_labels_on_the_ticket_printer() -> None:
    data = labels_escpos(labels(2) + labels(1, "CN654766.8"), DeviceSettings(columns=32))
    text = escpos_to_text(data)
    assert text.count("12,90 €") == 3 and text.count("✂") == 3 and "258,00 €/l" in text
    assert (
        text.count(f"[CÓDIGO DE BARRAS EAN13: {EAN}]") == 2
        and "[CÓDIGO DE BARRAS CODE128: CN654766.8]" in text
    )
