"""Pricing a sale from its lines, and the ticket printers render from a closed sale's stored amounts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from farmapos.domain import settings
from farmapos.domain.models import (
    CopayType,
    Customer,
    Sale,
    SaleLine,
    SalePayment,
    Seller,
    Workstation,
)
from farmapos.domain.money import ZERO
from farmapos.domain.sales.pricing import LineInput, SalePrice, price_sale
from farmapos.domain.settings import PharmacySettings
from farmapos.domain.ticket import Ticket, TicketLine, TicketPayment, TicketVat

PAYMENT_LABELS = {"cash": "Efectivo", "card": "Tarjeta", "transfer": "Transferencia", "credit": "A cuenta"}


def discounts_on_prescriptions(session: Session) -> bool:
    current = settings.pharmacy(session)
    return True if current is None else bool(current.discounts_on_prescriptions)


def line_input(
    line: SaleLine, copay_cap: Decimal | None, prescription_discounts: bool, monthly_key: str | None = None
) -> LineInput:
    return LineInput(
        quantity=Decimal(line.quantity),
        unit_price=Decimal(line.unit_price),
        vat_rate=Decimal(line.vat_rate),
        discount_pct=Decimal(line.discount_pct),
        discount_amount=line.discount_amount,
        copay_pct=line.copay_pct,
        copay_cap=copay_cap,
        total_discount_allowed=prescription_discounts or line.copay_pct is None,
        monthly_key=monthly_key,
    )


def price_of(session: Session, sale: Sale) -> SalePrice:
    """An ORM sale priced now, with the pharmacy's setting on discounts on prescription lines."""
    return price_lines(session, sale, discounts_on_prescriptions(session))


def price_lines(reader: Session | Connection, sale, prescription_discounts: bool) -> SalePrice:
    """A sale (ORM object or `rows.SaleRow`) priced from its lines; monthly co-payment caps are read (in the
    caller's session or on its connection) only when a line needs them."""
    monthly = _monthly_caps(reader, sale)
    caps = {copay_id: key for copay_id, (key, _left) in monthly.items()}
    inputs = [line_input(line, line.copay_cap, prescription_discounts, caps.get(line.copay_type_id))
              for line in sale.lines]  # fmt: skip
    return price_sale(
        inputs,
        total_discount_pct=Decimal(sale.total_discount_pct),
        total_discount_amount=sale.total_discount_amount,
        monthly_remaining={key: left for key, left in monthly.values()},
    )


def _monthly_caps(reader: Session | Connection, sale: Sale) -> dict[int, tuple[str, Decimal]]:
    """For co-payment types with a monthly cap: copay type id → (code, what the patient may still pay)."""
    ids = {line.copay_type_id for line in sale.lines if line.copay_type_id is not None}
    if not ids or sale.customer_id is None:
        return {}
    caps = reader.execute(
        select(CopayType.id, CopayType.code, CopayType.cap_per_month)
        .where(CopayType.id.in_(ids), CopayType.cap_per_month.is_not(None))
    ).all()  # fmt: skip
    if not caps:
        return {}
    moment = (sale.closed_at or sale.updated_at or sale.opened_at).astimezone()
    month_start = moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    result = {}
    for copay_id, code, cap in caps:
        codes = select(CopayType.id).where(CopayType.code == code)
        spent = reader.scalar(
            select(func.coalesce(func.sum(SaleLine.amount), 0))
            .join(Sale, Sale.id == SaleLine.sale_id)
            .where(Sale.customer_id == sale.customer_id, Sale.state == "closed", Sale.id != sale.id,
                   Sale.closed_at >= month_start, SaleLine.copay_type_id.in_(codes))
        )  # fmt: skip
        result[copay_id] = (code, Decimal(cap) - Decimal(spent))
    return result


def build_ticket(
    session: Session, sale: Sale, qr_url: str | None = None, payments: Sequence[SalePayment] | None = None
) -> Ticket:
    """The ticket of a closed sale, from its stored amounts only (so any past ticket renders the same).

    `payments` are the sale's payments when the caller has just written them (else they are read).
    """
    workstation = session.get(Workstation, sale.workstation_id)
    seller = session.get(Seller, sale.seller_id)
    customer = session.get(Customer, sale.customer_id) if sale.customer_id else None
    copays = {line.copay_type_id for line in sale.lines if line.copay_type_id is not None}
    codes = (
        dict(session.execute(select(CopayType.id, CopayType.code).where(CopayType.id.in_(copays))).all())
        if copays
        else {}
    )
    corrects = (
        session.scalar(select(Sale.full_number).where(Sale.id == sale.corrects_id))
        if sale.corrects_id
        else None
    )
    return ticket_of(
        sale, settings.pharmacy(session), sale.payments if payments is None else payments,
        workstation_name=workstation.name if workstation else "", seller_name=seller.name if seller else "",
        customer_name=customer.name if customer else None,
        customer_nif=sale.invoice_customer_nif or (customer.nif if customer else None), copay_codes=codes,
        corrects=corrects, qr_url=qr_url,
    )  # fmt: skip


def ticket_of(
    sale,
    pharmacy: PharmacySettings | None,
    payments: Sequence[SalePayment],
    *,
    workstation_name: str,
    seller_name: str,
    customer_name: str | None,
    customer_nif: str | None,
    copay_codes: Mapping[int, str],
    corrects: str | None,
    qr_url: str | None,
) -> Ticket:
    """The ticket of a closed sale (an ORM object or `rows.SaleRow`) from what the caller has read."""
    from farmapos.domain.money import vat_breakdown

    lines = []
    for line in sale.lines:
        gross = Decimal(line.quantity) * Decimal(line.unit_price)
        payer = Decimal(line.payer_amount or 0)
        copay = copay_codes.get(line.copay_type_id) if line.copay_type_id is not None else None
        lines.append(
            TicketLine(
                description=line.description,
                quantity=Decimal(line.quantity),
                unit_price=Decimal(line.unit_price),
                amount=Decimal(line.amount),
                vat_rate=Decimal(line.vat_rate),
                code=line.code,
                discount_amount=(gross - Decimal(line.amount) - payer).quantize(Decimal("0.01")),
                discount_pct=Decimal(line.discount_pct) or None,
                copay_label=f"{copay} ({Decimal(line.copay_pct).normalize()} %)" if copay else None,
                pvp_amount=(Decimal(line.amount) + payer) if copay else None,
                payer_amount=payer if copay else None,
                batch=line.batch,
                serial=line.serial,
            )
        )
    vat = vat_breakdown((Decimal(line.vat_rate), Decimal(line.amount)) for line in sale.lines)
    cash = [p for p in payments if p.method == "cash"]
    tendered = sum((Decimal(p.tendered or p.amount) for p in cash), ZERO)
    change = sum((Decimal(p.change) for p in cash), ZERO)
    titles = {"ticket": "Factura simplificada", "refund": "Factura rectificativa", "invoice": "Factura"}
    return Ticket(
        pharmacy_name=pharmacy.display_name if pharmacy else "",
        pharmacy_nif=pharmacy.nif if pharmacy else "",
        series=sale.series or "",
        number=sale.number or 0,
        full_number=sale.full_number or "",
        issued_at=sale.closed_at,
        seller_name=seller_name,
        workstation_name=workstation_name,
        lines=tuple(lines),
        vat=tuple(TicketVat(v.rate, v.base, v.quota) for v in vat),
        total=Decimal(sale.total),
        payments=tuple(
            TicketPayment(
                p.method,
                PAYMENT_LABELS[p.method] + (f" {p.card_type}" if p.card_type else ""),
                Decimal(p.amount),
            )
            for p in payments
        ),
        tendered=tendered,
        change=change,
        cash_rounding=Decimal(sale.cash_rounding),
        total_discount=Decimal(sale.discount_total or 0),
        payer_total=Decimal(sale.payer_total or 0),
        document_title=titles[sale.kind],
        pharmacy_address=" ".join(x for x in (pharmacy.address, pharmacy.postal_code, pharmacy.city) if x)
        if pharmacy
        else "",
        pharmacy_phone=pharmacy.phone if pharmacy else "",
        header=pharmacy.ticket_header if pharmacy else "",
        footer=pharmacy.ticket_footer if pharmacy else "",
        customer_name=customer_name,
        customer_nif=customer_nif,
        corrects=corrects,
        qr_url=qr_url,
    )
