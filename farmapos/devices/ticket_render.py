"""Tickets, reports and test pages as ESC/POS bytes fitted to the paper width.

Receives plain objects shaped like `farmapos.domain.ticket.Ticket` (duck-typed by the protocols below) and
only lays out and formats: the amounts arrive rounded.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from farmapos.devices import escpos
from farmapos.devices.config import DeviceSettings
from farmapos.devices.profiles import printer_profile
from farmapos.formats import format_money, format_number, format_quantity


class TicketLineLike(Protocol):
    description: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    discount_amount: Decimal
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
    extra_lines: Sequence[str]


class Layout:
    """Accumulates text and commands for one printout."""

    def __init__(self, settings: DeviceSettings) -> None:
        self.width, self.code_page = settings.columns, settings.code_page
        self.profile = printer_profile(settings.profile)
        number = self.profile.code_page_number(self.code_page)
        self.out = bytearray(escpos.INIT + escpos.ESC + b"t" + bytes([number]))

    def raw(self, data: bytes) -> None:
        self.out += data

    def line(self, text: str = "") -> None:
        self.out += escpos.encode(text[: self.width], self.code_page) + b"\n"

    def wrap(self, text: str, indent: str = "") -> None:
        for part in textwrap.wrap(text, self.width, subsequent_indent=indent) or [""]:
            self.line(part)

    def columns(self, left: str, right: str) -> None:
        room = self.width - len(right) - 1
        self.line(f"{left[:room]:<{room}} {right}")

    def rule(self, char: str = "-") -> None:
        self.line(char * self.width)

    def center(self, text: str, *, bold: bool = False) -> None:
        self.raw(escpos.ALIGN["center"] + (escpos.BOLD_ON if bold else b""))
        self.wrap(text)
        self.raw((escpos.BOLD_OFF if bold else b"") + escpos.ALIGN["left"])

    def big(self, left: str, right: str) -> None:
        """Double width and height: half the columns."""
        self.raw(escpos.DOUBLE)
        room = self.width // 2 - len(right) - 1
        self.out += escpos.encode(f"{left[:room]:<{room}} {right}", self.code_page) + b"\n"
        self.raw(escpos.NORMAL)

    def barcode(self, data: str) -> None:
        """The number as a CODE128 barcode, or as large text on models without barcodes (still scannable by
        typing; never silently left out)."""
        if self.profile.barcode:
            self.raw(escpos.ALIGN["center"] + escpos.barcode_code128(data) + b"\n" + escpos.ALIGN["left"])
        else:
            self.center(f"*{data}*", bold=True)

    def qr(self, data: str) -> None:
        if self.profile.qr_code:
            self.raw(escpos.ALIGN["center"] + escpos.qr_code(data) + escpos.ALIGN["left"])
        else:
            self.wrap(data)

    def finish(self, cut: bool = True) -> bytes:
        self.raw(b"\n\n\n" + (escpos.CUT if cut and self.profile.cut else b""))
        return bytes(self.out)


def _money(value: Decimal) -> str:
    return format_money(value)


def render_ticket(ticket: TicketLike, settings: DeviceSettings, *, copy: bool = False) -> bytes:
    out = Layout(settings)
    out.center(ticket.pharmacy_name, bold=True)
    out.center(f"NIF {ticket.pharmacy_nif}")
    for text in (ticket.pharmacy_address, ticket.pharmacy_phone, ticket.header):
        if text:
            out.center(text)
    out.rule("=")
    out.line(ticket.document_title + (" (COPIA)" if copy else ""))
    out.columns("Nº", ticket.full_number)
    out.columns(ticket.issued_at.astimezone().strftime("%d/%m/%Y %H:%M"), f"Vendedor: {ticket.seller_name}")
    if ticket.corrects:
        out.line(f"Rectifica a: {ticket.corrects}")
    if ticket.customer_name:
        out.line(
            f"Cliente: {ticket.customer_name}"
            + (f" NIF {ticket.customer_nif}" if ticket.customer_nif else "")
        )
    out.rule()
    for item in ticket.lines:
        out.wrap(item.description, "  ")
        out.columns(f"  {format_quantity(item.quantity)} x {_money(item.unit_price)}", _money(item.amount))
        if item.discount_amount:
            out.columns("  Descuento", _money(-item.discount_amount))
        if item.copay_label:
            out.line(f"  Receta {item.copay_label}")
            out.columns("  PVP", _money(item.pvp_amount or Decimal(0)))
            out.columns("  Aportación entidad", _money(-(item.payer_amount or Decimal(0))))
        if item.batch or item.serial:
            out.line("  " + " · ".join(x for x in (f"Lote {item.batch}" if item.batch else "",
                                                  f"NS {item.serial}" if item.serial else "") if x))  # fmt: skip
    out.rule()
    if ticket.total_discount:
        out.columns("Descuentos", _money(-ticket.total_discount))
    if ticket.payer_total:
        out.columns("Paga la entidad", _money(ticket.payer_total))
    out.columns("IVA %", "Base      Cuota")
    for share in ticket.vat:
        out.columns(
            f"{format_number(share.rate, 0)} %",
            f"{format_number(share.base):>9} {format_number(share.quota):>9}",
        )
    out.rule()
    out.big("TOTAL", _money(ticket.total))
    for payment in ticket.payments:
        out.columns(payment.label, _money(payment.amount))
    if ticket.cash_rounding:
        out.columns("Redondeo efectivo", _money(ticket.cash_rounding))
    if ticket.tendered:
        out.columns("Entregado", _money(ticket.tendered))
        out.columns("Cambio", _money(ticket.change))
    for text in ticket.extra_lines:
        out.wrap(text)
    if ticket.footer:
        out.rule()
        out.center(ticket.footer)
    if ticket.qr_url:
        out.line()
        out.center("QR tributario:")
        out.raw(escpos.ALIGN["center"] + escpos.qr_code(ticket.qr_url) + escpos.ALIGN["left"])
    out.line()
    out.raw(
        escpos.ALIGN["center"] + escpos.barcode_code128(ticket.full_number) + b"\n" + escpos.ALIGN["left"]
    )
    return out.finish()


def render_report(
    title: str, rows: Sequence[tuple[str, str]], settings: DeviceSettings, header: str = ""
) -> bytes:
    """A label/value report (the cash close, a list) on the ticket printer."""
    out = Layout(settings)
    if header:
        out.center(header, bold=True)
    out.center(title, bold=True)
    out.rule("=")
    for label, value in rows:
        if len(label) + len(value) + 1 > settings.columns:
            out.wrap(label)
            out.columns("", value)
        else:
            out.columns(label, value)
    out.rule("=")
    out.line(datetime.now().astimezone().strftime("%d/%m/%Y %H:%M"))
    return out.finish()


def render_test_page(settings: DeviceSettings) -> bytes:
    out = Layout(settings)
    out.center("farmapos · prueba de impresora", bold=True)
    out.line(f"Página de códigos {settings.code_page.upper()} · {settings.columns} columnas")
    out.line("Acentos: á é í ó ú ü ñ Ñ ¿ ¡ €")
    out.rule()
    out.line("".join(str(i % 10) for i in range(1, settings.columns + 1)))
    out.big("TOTAL", "1.234,56 €")
    out.line(
        f"Perfil {out.profile.name}: QR {'sí' if out.profile.qr_code else 'no'}, "
        f"código de barras {'sí' if out.profile.barcode else 'no'}, corte {'sí' if out.profile.cut else 'no'}"
    )
    out.barcode("TEST-0001")
    return out.finish()
