"""Plain, immutable pictures of a sale for the counter to show: no ORM objects cross into the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from farmapos.domain.ticket import Ticket


@dataclass(frozen=True)
class LineView:
    id: int
    position: int
    article_id: int
    code: str
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal
    discount_pct: Decimal
    discount_amount: Decimal
    """Discount in euros on the line (from the percentage or typed as an amount)."""
    gross: Decimal
    """quantity × unit price, before discounts."""
    amount: Decimal
    """What the line costs the customer: after discount and the payer's share of a prescription."""
    payer_amount: Decimal
    copay_code: str | None
    copay_pct: Decimal | None
    pending_prescription: bool
    batch: str | None
    expiry: date | None
    serial: str | None
    needs_prescription: bool
    psychotropic: bool
    narcotic: bool
    fridge: bool


@dataclass(frozen=True)
class VatView:
    rate: Decimal
    base: Decimal
    quota: Decimal


@dataclass(frozen=True)
class SaleView:
    id: int
    state: str
    """open, parked, closed or cancelled."""
    seller_id: int
    seller_name: str
    workstation_id: int
    customer_id: int | None
    customer_name: str | None
    lines: tuple[LineView, ...]
    gross: Decimal
    line_discounts: Decimal
    total_discount_pct: Decimal
    total_discount: Decimal
    payer_total: Decimal
    total: Decimal
    """What the customer pays, before cash rounding."""
    vat: tuple[VatView, ...]
    opened_at: datetime
    full_number: str | None = None
    kind: str = "ticket"

    @property
    def units(self) -> Decimal:
        return sum((line.quantity for line in self.lines), Decimal(0))

    def line(self, line_id: int) -> LineView:
        return next(line for line in self.lines if line.id == line_id)


@dataclass(frozen=True)
class PaymentInput:
    method: str
    """cash, card, transfer or credit."""
    amount: Decimal
    """For cash, the part of the total paid in cash (the tendered amount goes in `tendered`)."""
    tendered: Decimal | None = None
    card_type: str | None = None


@dataclass(frozen=True)
class SaleEvent:
    """Something the counter should tell the seller about, e.g. a low-stock alert or a discrepancy."""

    kind: str
    """low_stock, oversold, lot_created, near_expiry."""
    message: str
    article_id: int | None = None


@dataclass(frozen=True)
class LineAdded:
    sale: SaleView
    line_id: int
    events: tuple[SaleEvent, ...] = field(default=())


@dataclass(frozen=True)
class ClosedSale:
    sale: SaleView
    ticket: Ticket
    tendered: Decimal
    change: Decimal
    cash_amount: Decimal
    """Cash that went into (or, for refunds, out of) the drawer: the drawer opens when non-zero."""
    events: tuple[SaleEvent, ...] = field(default=())
