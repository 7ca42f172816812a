"""The ticket: a plain, immutable document of a closed sale that printers and PDF writers render.

Built by the sale engine from the stored sale, so any past ticket can be rendered again. It carries
already-rounded amounts only; renderers never do arithmetic, they only lay out and format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True)
class TicketLine:
    description: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    """What the line costs the customer after discounts and co-payment (VAT included)."""
    vat_rate: Decimal
    code: str = ""
    discount_amount: Decimal = Decimal("0.00")
    discount_pct: Decimal | None = None
    copay_label: str | None = None
    """E.g. `TSI 002 (40 %)`: the co-payment type, present on prescription lines."""
    pvp_amount: Decimal | None = None
    """Full retail amount of a prescription line before the payer's share."""
    payer_amount: Decimal | None = None
    """The part owed by the payer (public health service, insurer) on a prescription line."""
    batch: str | None = None
    serial: str | None = None


@dataclass(frozen=True)
class TicketVat:
    rate: Decimal
    base: Decimal
    quota: Decimal


@dataclass(frozen=True)
class TicketPayment:
    method: str
    """cash, card, transfer or credit."""
    label: str
    """What to print: `Efectivo`, `Tarjeta VISA`…"""
    amount: Decimal


@dataclass(frozen=True)
class Ticket:
    pharmacy_name: str
    pharmacy_nif: str
    series: str
    number: int
    full_number: str
    """Series and number as printed and scanned for returns, e.g. `T1-2026-000123`."""
    issued_at: datetime
    seller_name: str
    workstation_name: str
    lines: tuple[TicketLine, ...]
    vat: tuple[TicketVat, ...]
    total: Decimal
    payments: tuple[TicketPayment, ...] = ()
    tendered: Decimal = Decimal("0.00")
    change: Decimal = Decimal("0.00")
    cash_rounding: Decimal = Decimal("0.00")
    total_discount: Decimal = Decimal("0.00")
    payer_total: Decimal = Decimal("0.00")
    document_title: str = "Factura simplificada"
    pharmacy_address: str = ""
    pharmacy_phone: str = ""
    header: str = ""
    footer: str = ""
    customer_name: str | None = None
    customer_nif: str | None = None
    corrects: str | None = None
    """For corrective documents (returns): the full number of the original ticket."""
    qr_url: str | None = None
    """Tax agency validation URL (VERI*FACTU), printed as a QR under `QR tributario:`."""
    currency_symbol: str = "€"
    extra_lines: tuple[str, ...] = field(default=())
    """Free text after the totals (e.g. a prescription block slot)."""
