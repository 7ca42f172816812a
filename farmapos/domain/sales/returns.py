"""Past tickets: find and reprint them, refund lines with a corrective document, issue a full invoice."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from farmapos.domain import settings
from farmapos.domain.codes import validate_nif
from farmapos.domain.errors import NotFound, ReturnError, ValidationError
from farmapos.domain.fiscal import append_fiscal_record
from farmapos.domain.models import Customer, Sale, SaleLine, SaleVat, Workstation
from farmapos.domain.money import ZERO, round_cents
from farmapos.domain.sales import rows
from farmapos.domain.sales.build import build_ticket, price_of
from farmapos.domain.sales.closing import finish_document, next_number, qr_for
from farmapos.domain.sales.payments import SettledPayments
from farmapos.domain.sales.views import ClosedSale, SaleView
from farmapos.domain.ticket import Ticket
from farmapos.messages import Units, msg
from farmapos.scancodes import normalize_scan

if TYPE_CHECKING:
    from farmapos.domain.sales.service import SaleService

REFUND_ORDER = ("credit", "card", "transfer", "cash")


def _closed(session: Session, full_number: str) -> Sale:
    number = normalize_scan(full_number).text.upper()
    sale = session.scalar(select(Sale).where(Sale.full_number == number, Sale.state == "closed"))
    if sale is None:
        raise NotFound(msg("No existe el ticket {number}.", number=number))
    return sale


def _view(session: Session, sale_id: int) -> SaleView:
    """A stored document as the counter shows it, read from its rows (after the caller's writes)."""
    return rows.view(session, rows.load_sale(session.connection(), sale_id))


def find_ticket(service: SaleService, full_number: str) -> SaleView:
    with service.db.uow(read_only=True) as uow:
        return _view(uow.session, _closed(uow.session, full_number).id)


def ticket_by_number(service: SaleService, full_number: str) -> Ticket:
    """Any past document, rendered again from what was stored when it closed."""
    with service.db.uow(read_only=True) as uow:
        sale = _closed(uow.session, full_number)
        return build_ticket(uow.session, sale, qr_for(sale, settings.pharmacy(uow.session).nif))


def refunded_quantities(session: Session, line_ids: list[int]) -> dict[int, Decimal]:
    rows = session.execute(
        select(SaleLine.refunded_line_id, func.sum(SaleLine.quantity))
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(SaleLine.refunded_line_id.in_(line_ids), Sale.state == "closed")
        .group_by(SaleLine.refunded_line_id)
    ).all()
    return {line_id: -Decimal(quantity) for line_id, quantity in rows}


def _refund_payments(original: Sale, amount: Decimal) -> SettledPayments:
    """Give back `amount` (positive) through the original methods: credit first, cash last."""
    from farmapos.domain.models import SalePayment

    left = amount
    rows = []
    for method in REFUND_ORDER:
        for payment in original.payments:
            if payment.method != method or left <= 0:
                continue
            part = min(left, Decimal(payment.amount))
            if part > 0:
                rows.append(SalePayment(method=method, card_type=payment.card_type, amount=-part,
                                        tendered=-part if method == "cash" else None, change=ZERO))  # fmt: skip
                left -= part
    if left > 0:
        rows.append(SalePayment(method="cash", amount=-left, tendered=-left, change=ZERO))
    cash = sum((Decimal(r.amount) for r in rows if r.method == "cash"), ZERO)
    return SettledPayments(rows, ZERO, cash, ZERO, cash)


def refund(
    service: SaleService, full_number: str, lines: list[tuple[int, Decimal]], seller_id: int
) -> ClosedSale:
    """A corrective document for the chosen lines of a ticket; stock returns to the lots sold from."""
    if not lines:
        raise ReturnError(msg("Elija qué líneas se devuelven."))
    with service.db.uow() as uow:
        session = uow.session
        original = _closed(session, full_number)
        if original.kind == "refund":
            raise ReturnError(msg("Un ticket de devolución no se puede devolver."))
        by_id = {line.id: line for line in original.lines}
        done = refunded_quantities(session, list(by_id))
        now = service.clock()
        refund_sale = Sale(
            workstation_id=service.workstation_id, seller_id=seller_id, customer_id=original.customer_id,
            state="open", kind="refund", opened_at=now, updated_at=now, corrects_id=original.id,
        )  # fmt: skip
        session.add(refund_sale)
        amounts: list[tuple[Decimal, Decimal]] = []
        for position, (line_id, quantity) in enumerate(lines, start=1):
            line = by_id.get(line_id)
            if line is None:
                raise ReturnError(
                    msg(
                        "La línea {line_id} no es del ticket {number}.",
                        line_id=line_id,
                        number=original.full_number,
                    )
                )
            quantity = Decimal(quantity)
            if quantity <= 0:
                raise ValidationError(msg("La cantidad a devolver debe ser positiva."))
            left = Decimal(line.quantity) - done.get(line_id, ZERO)
            if quantity > left:
                raise ReturnError(
                    msg(
                        "De {article} se vendieron {sold} y quedan {left} por devolver.",
                        article=line.description,
                        sold=Units(line.quantity),
                        left=Units(left),
                    )
                )
            share = quantity / Decimal(line.quantity)
            amount = round_cents(Decimal(line.amount) * share)
            payer = round_cents(Decimal(line.payer_amount or 0) * share)
            discount = Decimal(line.quantity) * Decimal(line.unit_price) * share - amount - payer
            refund_sale.lines.append(
                SaleLine(
                    position=position, article_id=line.article_id, code=line.code, description=line.description,
                    quantity=-quantity, unit_price=line.unit_price, vat_rate=line.vat_rate,
                    discount_amount=-round_cents(discount), copay_type_id=line.copay_type_id,
                    copay_pct=line.copay_pct, lot_id=line.lot_id, batch=line.batch, expiry=line.expiry,
                    serial=line.serial, refunded_line_id=line.id,
                )
            )  # fmt: skip
            amounts.append((-amount, -payer))
        session.flush()
        settled = _refund_payments(original, -sum((a for a, _p in amounts), ZERO))
        events = finish_document(service, session, refund_sale, settled, amounts)
        view = _view(session, refund_sale.id)
        ticket = build_ticket(session, refund_sale, qr_for(refund_sale, settings.pharmacy(session).nif))
        uow.commit()
    return ClosedSale(view, ticket, settled.tendered, ZERO, settled.cash_amount, tuple(events))


def issue_invoice(service: SaleService, full_number: str, customer_id: int) -> Ticket:
    """A full invoice with the customer's NIF replacing a simplified one (same lines, own series)."""
    with service.db.uow() as uow:
        session = uow.session
        original = _closed(session, full_number)
        if original.kind != "ticket":
            raise ValidationError(msg("Solo se emite factura completa de un ticket de venta."))
        if session.scalar(select(Sale.id).where(Sale.corrects_id == original.id, Sale.kind == "invoice")):
            raise ValidationError(msg("El ticket {number} ya tiene factura.", number=original.full_number))
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise NotFound(msg("No existe el cliente {customer_id}.", customer_id=customer_id))
        if not customer.nif:
            raise ValidationError(
                msg(
                    "{customer} no tiene NIF: es obligatorio en una factura completa.", customer=customer.name
                )
            )
        now = service.clock()
        invoice = Sale(
            workstation_id=service.workstation_id, seller_id=original.seller_id, customer_id=customer.id,
            state="open", kind="invoice", opened_at=now, updated_at=now, corrects_id=original.id,
            invoice_customer_nif=validate_nif(customer.nif), total_discount_pct=original.total_discount_pct,
            total_discount_amount=original.total_discount_amount,
        )  # fmt: skip
        for line in original.lines:
            invoice.lines.append(
                SaleLine(
                    position=line.position, article_id=line.article_id, code=line.code,
                    description=line.description, quantity=line.quantity, unit_price=line.unit_price,
                    vat_rate=line.vat_rate, discount_pct=line.discount_pct, discount_amount=line.discount_amount,
                    copay_type_id=line.copay_type_id, copay_pct=line.copay_pct, batch=line.batch,
                    serial=line.serial,
                )
            )  # fmt: skip
        session.add(invoice)
        session.flush()
        price = price_of(session, invoice)
        workstation = session.get(Workstation, service.workstation_id)
        invoice.series, invoice.number = next_number(session, workstation, "invoice", now.astimezone().year)
        invoice.full_number = f"{invoice.series}-{invoice.number:06d}"
        for line, priced in zip(invoice.lines, price.lines, strict=True):
            line.amount, line.payer_amount = priced.amount, priced.payer
        invoice.total = price.total
        invoice.vat = [SaleVat(rate=v.rate, base=v.base, quota=v.quota) for v in price.vat]
        invoice.vat_total = sum((v.quota for v in price.vat), ZERO)
        invoice.payer_total = price.payer_total
        invoice.discount_total = round_cents(price.line_discounts + price.total_discount)
        invoice.state, invoice.closed_at = "closed", now
        session.flush()
        append_fiscal_record(session, invoice, now)
        ticket = build_ticket(session, invoice, qr_for(invoice, settings.pharmacy(session).nif))
        uow.commit()
    return ticket
