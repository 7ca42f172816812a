"""Tickets, reports and test pages on paper: fitted to 32/42/48 columns, in the printer's code page."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from farmapos.devices import escpos
from farmapos.devices.config import DeviceSettings
from farmapos.devices.errors import InvalidBarcode
from farmapos.devices.escpos_text import escpos_to_text
from farmapos.devices.ticket_render import ReportSection, render_report, render_test_page, render_ticket
from farmapos.domain.ticket import TicketLine, TicketPayment
from tests.devices.conftest import QR_URL, make_ticket


def text_lines(text: str) -> list[str]:
    """The printed text lines (not the [markers] nor the cut)."""
    return [line for line in text.splitlines() if not line.startswith(("[", "✂"))]


@pytest.mark.parametrize("columns", [32, 42, 48])
def test_ticket_fits_the_paper_and_shows_every_part(columns: int) -> None:
    data = render_ticket(make_ticket(), DeviceSettings(columns=columns))
    text = escpos_to_text(data, "cp858")
    lines = text_lines(text)
    assert max(len(line) for line in lines) <= columns
    double = next(line for line in lines if line.startswith("TOTAL"))
    assert len(double) <= columns // 2  # double width: half the characters
    for expected in ("Farmacia Peña", "NIF B12345674", "Factura simplificada", "T1-2026-000007", "23/11/2026",
                     "María José Fernández", "CREMA NIÑOS SPF 50", "dto. 10 %: -1,29 €", "Receta TSI002 (40 %)",
                     "Lote L1 · NS S9", "Redondeo efectivo", "Receta: bloque 12, hueco 3",
                     "¡Gracias! ¿Dudas? Pregunte"):  # fmt: skip
        assert expected in text, expected
    # amounts sit at the right edge of their line
    assert any(re.fullmatch(r"  2 x 2,50 € +2,00 €", line) for line in lines)
    assert re.search(r"^Cambio +6,40 €$", text, re.M) and re.search(r"^Entregado +20,00 €$", text, re.M)
    assert re.fullmatch(r"TOTAL +13,61 €", double)
    assert text.index("QR tributario:") < text.index(f"[QR: {QR_URL}]") < text.index("Farmacia Peña")
    assert text.rstrip().endswith("✂------------------------------")
    assert "[CÓDIGO DE BARRAS CODE128: T1-2026-000007]" in text
    assert data.startswith(b"\x1b@\x1bt\x13") and data.endswith(escpos.CUT)
    assert escpos.DOUBLE + b"TOTAL" in data


@pytest.mark.parametrize("columns", [32, 42, 48])
def test_vat_breakdown_is_a_table_with_aligned_columns(columns: int) -> None:
    lines = text_lines(escpos_to_text(render_ticket(make_ticket(), DeviceSettings(columns=columns))))
    start = next(i for i, line in enumerate(lines) if line.startswith("IVA"))
    header, first, second = lines[start : start + 3]
    assert header.split() == ["IVA", "Base", "Cuota"]
    assert first.split() == ["4", "%", "1,92", "0,08"] and second.split() == ["21", "%", "9,60", "2,01"]
    assert len(header) == len(first) == len(second) == columns


def test_long_texts_wrap_instead_of_overflowing_or_failing() -> None:
    ticket = make_ticket(
        seller_name="Una vendedora con un nombre larguísimo de verdad",
        lines=(TicketLine("X" * 70, Decimal("1000"), Decimal("1234.56"), Decimal("1234560.00"), Decimal(21)),),
        total=Decimal("1234560.00"), payments=(TicketPayment("card", "Tarjeta VISA", Decimal("1234560.00")),),
        tendered=Decimal(0), change=Decimal(0), cash_rounding=Decimal(0),
    )  # fmt: skip
    text = escpos_to_text(render_ticket(ticket, DeviceSettings(columns=32)))
    assert max(len(line) for line in text_lines(text)) <= 32
    assert "1.234.560,00 €" in text and "Una vendedora con un nombre" in text


def test_cp1252_printer_gets_its_own_euro_byte_and_reads_back() -> None:
    data = render_ticket(make_ticket(), DeviceSettings(code_page="cp1252"))
    assert data.startswith(b"\x1b@\x1bt\x10") and b"13,61 \x80" in data and b"NI\xd1OS" in data
    assert "13,61 €" in escpos_to_text(data, "cp1252")
    cp858 = render_ticket(make_ticket(), DeviceSettings(code_page="cp858"))
    assert b"13,61 \xd5" in cp858 and b"NI\xa5OS" in cp858


def test_a_copy_is_marked_and_otherwise_the_same() -> None:
    settings = DeviceSettings()
    original = escpos_to_text(render_ticket(make_ticket(), settings))
    copy = escpos_to_text(render_ticket(make_ticket(), settings, copy=True))
    assert "Factura simplificada (COPIA)" in copy
    assert copy.replace(" (COPIA)", "") == original


def test_the_qr_is_sized_for_the_tax_agency_and_the_barcode_for_the_paper() -> None:
    data = render_ticket(make_ticket(), DeviceSettings(columns=32))
    size = data[data.index(b"\x1d(k\x03\x00\x31\x43") + 7]
    modules = 45  # the version the URL needs at level M
    assert 30 * 8 <= modules * size <= 40 * 8  # 30 to 40 mm at 8 dots/mm
    assert b"\x1d(k\x03\x00\x31\x45\x31" in data  # error correction M
    width = data[data.index(b"\x1dw") + 2]
    assert width == 2  # 14 characters still fit 58 mm at a readable module width


def test_models_without_barcodes_or_qr_print_them_as_images() -> None:
    settings = DeviceSettings(profile="NT-5890K", columns=32)
    data = render_ticket(make_ticket(), settings)
    assert b"\x1dk" not in data and b"\x1d(k" not in data and escpos.CUT not in data
    text = escpos_to_text(data)
    assert text.count("[IMAGEN") == 2
    assert text.rstrip().endswith("[IMAGEN 336×80 puntos]\nT1-2026-000007")  # the number under its bars
    assert data.startswith(b"\x1b@\x1bt\x35")  # this model's own number for CP858


def test_a_code_too_long_for_the_paper_is_refused_clearly() -> None:
    with pytest.raises(InvalidBarcode, match="demasiado largo"):
        render_ticket(make_ticket(full_number="SERIE-LARGA-ABCDEFGHIJKLMNOP"), DeviceSettings(columns=32))


def test_report_with_rows_and_sections() -> None:
    rows = [("Sesión", "12"), ReportSection("Cobros", [("Efectivo", "150,00 €"), ("Tarjeta", "80,00 €")]),
            ("Descuadre (contado - esperado)", "-0,05 €"), ("Signo −", "x")]  # fmt: skip
    data = render_report("Cierre de caja", rows, DeviceSettings(columns=32), header="Farmacia Peña",
                         printed_at=datetime(2026, 11, 23, 21, 0))  # fmt: skip
    text = escpos_to_text(data)
    lines = text_lines(text)
    assert lines[:3] == ["Farmacia Peña", "Cierre de caja", "=" * 32]
    assert "Cobros" in lines and re.search(r"^Efectivo +150,00 €$", text, re.M)
    assert "Descuadre (contado - esperado)" in text and "23/11/2026 21:00" in text
    assert "Signo ?" in text  # a character the code page lacks prints as '?', never as garbage
    assert max(len(line) for line in lines) <= 32 and data.endswith(escpos.CUT)


def test_test_page_shows_the_settings_and_capabilities() -> None:
    text = escpos_to_text(
        render_test_page(DeviceSettings(columns=42, profile="TM-T20II", code_page="cp1252"))
    )
    assert (
        "Página de códigos CP1252" in text
        and "42 columnas (80 mm)" in text
        and "Acentos: á é í ó ú ü ñ Ñ ¿ ¡ €" in text
    )
    assert "123456789012345678901234567890123456789012" in text and "[QR:" in text and "TEST-0001" in text


amounts = st.decimals(min_value=Decimal("-99999.99"), max_value=Decimal("9999999.99"), places=2)
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzñáéíóúü ÁÉÍÓÚÑ0123456789.,-/%€¿?¡!()", max_size=90)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([32, 42, 48]), words, words, amounts, amounts, st.decimals(0, 1000, places=3))
def test_any_ticket_fits_its_paper(columns, description, seller, price, total, quantity) -> None:
    line = TicketLine(description, quantity, price, total, Decimal(21), discount_amount=price, copay_label=seller,
                      pvp_amount=total, payer_amount=price, batch=seller, serial=description)  # fmt: skip
    ticket = make_ticket(lines=(line,), seller_name=seller, total=total, tendered=total, change=price,
                         payments=(TicketPayment("card", seller or "Tarjeta", total),), header=description,
                         footer=seller, extra_lines=(description,))  # fmt: skip
    text = escpos_to_text(render_ticket(ticket, DeviceSettings(columns=columns)))
    lines = text_lines(text)
    assert max(len(x) for x in lines) <= columns
    assert len(next(x for x in lines if x.startswith("TOTAL"))) <= columns // 2
