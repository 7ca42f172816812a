"""Tickets, reports and test pages as ESC/POS bytes fitted to the paper width.

Receives plain objects shaped like `farmapos.domain.ticket.Ticket` (duck-typed by the protocols below) and
only lays out and formats: the amounts arrive rounded, and the right-hand column only ever shows amounts
that add up to the total (discounts and the payer's share are detail lines, never a second subtraction).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from farmapos.devices.config import DeviceSettings
from farmapos.devices.layout import Layout
from farmapos.formats import format_datetime, format_money, format_number, format_percent, format_quantity

__all__ = ["Layout", "ReportSection", "TicketLike", "render_report", "render_test_page", "render_ticket"]


class TicketLineLike(Protocol):
    description: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    discount_amount: Decimal
    discount_pct: Decimal | None
    copay_label: str | None
    pvp_amount: Decimal | None
    payer_amount: Decimal | None
    batch: str | None
    serial: str | None


class TicketVatLike(Protocol):
    rate: Decimal
    base: Decimal
    quota: Decimal


class TicketPaymentLike(Protocol):
    method: str
    label: str
    amount: Decimal


class TicketLike(Protocol):
    pharmacy_name: str
    pharmacy_nif: str
    pharmacy_address: str
    pharmacy_phone: str
    header: str
    footer: str
    document_title: str
    full_number: str
    issued_at: datetime
    seller_name: str
    lines: Sequence[TicketLineLike]
    vat: Sequence[TicketVatLike]
    total: Decimal
    payments: Sequence[TicketPaymentLike]
    tendered: Decimal
    change: Decimal
    cash_rounding: Decimal
    total_discount: Decimal
    payer_total: Decimal
    customer_name: str | None
    customer_nif: str | None
    corrects: str | None
    qr_url: str | None
    currency_symbol: str
    extra_lines: Sequence[str]


def render_ticket(ticket: TicketLike, settings: DeviceSettings, *, copy: bool = False) -> bytes:
    """The whole ticket; `copy` marks a reprint. Any past ticket is printed again by rendering it again."""
    out = Layout(settings)
    symbol = ticket.currency_symbol

    def money(value: Decimal) -> str:
        return format_money(value, symbol=symbol)

    if ticket.qr_url:  # the tax agency asks for its QR before the content of the invoice
        out.center("QR tributario:")
        out.qr(ticket.qr_url)
    out.center(ticket.pharmacy_name, bold=True)
    out.center(f"NIF {ticket.pharmacy_nif}")
    for text in (ticket.pharmacy_address, ticket.pharmacy_phone, ticket.header):
        if text:
            out.center(text)
    out.rule("=")
    out.wrap(ticket.document_title + (" (COPIA)" if copy else ""))
    out.columns("Nº", ticket.full_number)
    out.columns("Fecha", format_datetime(ticket.issued_at.astimezone()))
    out.columns("Le atendió", ticket.seller_name)
    if ticket.corrects:
        out.columns("Rectifica a", ticket.corrects)
    if ticket.customer_name:
        out.wrap(f"Cliente: {ticket.customer_name}")
    if ticket.customer_nif:
        out.wrap(f"NIF cliente: {ticket.customer_nif}")
    out.rule()
    for item in ticket.lines:
        out.wrap(item.description)
        out.columns(f"  {format_quantity(item.quantity)} x {money(item.unit_price)}", money(item.amount))
        if item.discount_amount:
            pct = f" {format_percent(item.discount_pct)}" if item.discount_pct else ""
            out.wrap(f"dto.{pct}: {money(-item.discount_amount)}", "    ")
        if item.copay_label:
            out.wrap(f"Receta {item.copay_label}", "    ")
            detail = []
            if item.pvp_amount is not None:
                detail.append(f"PVP {money(item.pvp_amount)}")
            if item.payer_amount is not None:
                detail.append(f"a cargo de la entidad {money(item.payer_amount)}")
            if detail:
                out.wrap(" · ".join(detail), "    ")
        traceability = [
            f"Lote {item.batch}" if item.batch else "",
            f"NS {item.serial}" if item.serial else "",
        ]
        if any(traceability):
            out.wrap(" · ".join(x for x in traceability if x), "    ")
    out.rule()
    if ticket.total_discount:
        out.columns("Descuentos aplicados", money(ticket.total_discount))
    if ticket.payer_total:
        out.columns("A cargo de la entidad", money(ticket.payer_total))
    if ticket.vat:
        rows = [("IVA", "Base", "Cuota")]
        rows += [(format_percent(v.rate), format_number(v.base), format_number(v.quota)) for v in ticket.vat]
        out.table(rows)
    out.rule("=")
    out.big("TOTAL", money(ticket.total))
    if ticket.cash_rounding:
        out.columns("Redondeo efectivo", money(ticket.cash_rounding))
    for payment in ticket.payments:
        out.columns(payment.label, money(payment.amount))
    if ticket.tendered:
        out.columns("Entregado", money(ticket.tendered))
        out.columns("Cambio", money(ticket.change))
    if ticket.extra_lines:
        out.rule()
        for text in ticket.extra_lines:
            out.wrap(text)
    if ticket.footer:
        out.rule()
        out.center(ticket.footer)
    out.line()
    out.barcode(ticket.full_number)
    return out.finish()


@dataclass(frozen=True)
class ReportSection:
    """A titled group of (label, value) rows in a report (e.g. the payments block of a cash close)."""

    title: str
    rows: Sequence[tuple[str, str]]


def render_report(
    title: str,
    rows: Sequence[tuple[str, str] | ReportSection],
    settings: DeviceSettings,
    header: str = "",
    printed_at: datetime | None = None,
) -> bytes:
    """A label/value report on the ticket printer (the cash close, a list); sections get a subtitle."""
    out = Layout(settings)
    if header:
        out.center(header, bold=True)
    out.center(title, bold=True)
    out.rule("=")
    for item in rows:
        if isinstance(item, ReportSection):
            out.line()
            out.wrap(item.title)
            out.rule()
            for label, value in item.rows:
                out.columns(label, value)
        else:
            out.columns(*item)
    out.rule("=")
    out.line(format_datetime(printed_at or datetime.now().astimezone()))
    return out.finish()


def render_test_page(settings: DeviceSettings) -> bytes:
    """What the printer can do, on paper: code page, width, double size, barcode, QR, cut."""
    out = Layout(settings)
    out.center("farmapos · prueba de impresora", bold=True)
    out.wrap(f"Página de códigos {settings.code_page.upper()}")
    out.wrap(f"{settings.columns} columnas ({settings.paper_width_mm} mm)")
    out.wrap(f"Perfil {out.profile.name}")
    out.wrap("Acentos: á é í ó ú ü ñ Ñ ¿ ¡ €")
    out.rule()
    out.line("".join(str(i % 10) for i in range(1, settings.columns + 1)))
    out.big("TOTAL", "1.234,56 €")
    out.wrap(
        f"Código de barras {'integrado' if out.profile.barcode else 'como imagen'}, "
        f"QR {'integrado' if out.profile.qr_code else 'como imagen'}, "
        f"corte {'sí' if out.profile.cut else 'manual'}."
    )
    out.barcode("TEST-0001")
    out.qr("https://farmapos.example/prueba")
    return out.finish()
