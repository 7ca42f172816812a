"""Closing a sale: one transaction that numbers it, moves stock, records payments and the fiscal record.

Either all of it is committed or none of it: a crash in the middle leaves the sale open and the stock,
the numbering and the fiscal chain untouched.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from farmapos.domain import verifactu
from farmapos.domain.blocks import free_slot, place
from farmapos.domain.cash import CashError, expected_cash, last_close, open_session
from farmapos.domain.errors import CreditLimitExceeded, PaymentError, SaleError, StockError
from farmapos.domain.fiscal import as_record
from farmapos.domain.models import (
    Article,
    CashMovement,
    CopayType,
    Customer,
    CustomerCredit,
    DocumentSeries,
    FiscalChain,
    FiscalRecord,
    Lot,
    Pharmacy,
    Sale,
    SaleLine,
    SalePayment,
    SaleVat,
    Workstation,
)
from farmapos.domain.models.sales import PAYMENT_METHODS
from farmapos.domain.money import ZERO, round_cents, round_to_step, vat_breakdown
from farmapos.domain.register import RegisterData, add_entry, book_of, check_register_data
from farmapos.domain.sales.build import build_ticket, price_of, sale_view
from farmapos.domain.sales.views import ClosedSale, PaymentInput, SaleEvent
from farmapos.domain.stock import move_stock, on_hand

if TYPE_CHECKING:
    from farmapos.domain.sales.service import SaleService

INVOICE_TYPES = {"ticket": "F2", "invoice": "F3", "refund": "R5"}


@dataclass(frozen=True)
class SettledPayments:
    rows: list[SalePayment]
    cash_rounding: Decimal
    tendered: Decimal
    change: Decimal
    cash_amount: Decimal


def settle_payments(
    total: Decimal, payments: list[PaymentInput], rounding_step: Decimal, card_types: list[str] | None = None
) -> SettledPayments:
    """Check that `payments` settle `total` exactly and work out cash rounding, tendered and change."""
    if not payments:
        raise PaymentError("Indique cómo se paga.")
    rows: list[SalePayment] = []
    for payment in payments:
        if payment.method not in PAYMENT_METHODS:
            raise PaymentError(f"Forma de pago desconocida: {payment.method!r}.")
        if payment.amount < 0 and total >= 0:
            raise PaymentError("Un pago no puede ser negativo.")
    cash = [p for p in payments if p.method == "cash"]
    if len(cash) > 1:
        raise PaymentError("Sume el efectivo en un solo pago.")
    paid = sum((Decimal(p.amount) for p in payments), ZERO)
    if paid != total:
        raise PaymentError(f"Los pagos suman {paid} € y el total es {total} €.")
    rounding = ZERO
    tendered = change = cash_amount = ZERO
    for payment in payments:
        amount = Decimal(payment.amount)
        if payment.method == "cash":
            cash_amount = round_to_step(amount, rounding_step) if rounding_step else amount
            rounding = cash_amount - amount
            tendered = Decimal(payment.tendered) if payment.tendered is not None else cash_amount
            if total >= 0 and tendered < cash_amount:
                raise PaymentError(f"Entregado {tendered} €: faltan {cash_amount - tendered} €.")
            if total < 0:
                tendered = cash_amount
            change = tendered - cash_amount
            rows.append(SalePayment(method="cash", amount=cash_amount, tendered=tendered, change=change))
        else:
            if payment.method == "card" and not payment.card_type:
                raise PaymentError("Indique el tipo de tarjeta.")
            if payment.method == "card" and card_types is not None and payment.card_type not in card_types:
                raise PaymentError(
                    f"Tarjeta {payment.card_type!r} no admitida (admitidas: {', '.join(card_types)})."
                )
            rows.append(SalePayment(method=payment.method, card_type=payment.card_type, amount=amount))
    return SettledPayments(rows, rounding, tendered, change, cash_amount)


def next_number(session: Session, workstation: Workstation, kind: str, year: int) -> tuple[str, int]:
    """Take the next number of a gapless series under a row lock (concurrent counters wait, never skip)."""
    prefix = {
        "ticket": workstation.code,
        "refund": f"{workstation.code}R",
        "invoice": f"F{workstation.code}",
    }[kind]
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(DocumentSeries)
        .values(workstation_id=workstation.id, kind=kind, year=year, prefix=prefix, last_number=0)
        .on_conflict_do_nothing(index_elements=["workstation_id", "kind", "year"])
    )
    number = session.execute(
        update(DocumentSeries)
        .where(
            DocumentSeries.workstation_id == workstation.id,
            DocumentSeries.kind == kind,
            DocumentSeries.year == year,
        )
        .values(last_number=DocumentSeries.last_number + 1)
        .returning(DocumentSeries.last_number)
    ).scalar_one()
    return f"{prefix}-{year}", number


def consume_stock(
    session: Session,
    *,
    sale: Sale,
    line: SaleLine,
    warehouse_id: int,
    today: date,
    policy: str,
    document: str,
) -> list[SaleEvent]:
    """Take the line's units from its scanned lot, or first-expiry-first-out over unexpired lots."""
    article = session.get(Article, line.article_id)
    if article.unlimited:
        return []
    events: list[SaleEvent] = []
    remaining = Decimal(line.quantity)
    reason = "Venta" if remaining > 0 else "Devolución"
    kind = "sale" if remaining > 0 else "return"

    def move(quantity: Decimal, lot_id: int | None, note: str = "") -> None:
        change = move_stock(
            session, kind=kind, article=article, warehouse_id=warehouse_id, quantity=-quantity,
            seller_id=sale.seller_id, reason=reason, document_ref=document, lot_id=lot_id, note=note,
        )  # fmt: skip
        if change.low_stock is not None:
            events.append(
                SaleEvent("low_stock", f"{article.description}: stock bajo ({change.quantity_after.normalize()}).",
                          article.id)
            )  # fmt: skip

    if remaining < 0 or line.lot_id is not None:
        move(remaining, line.lot_id)
        return events
    available = on_hand(session, article.id, warehouse_id)
    if remaining > available and policy == "block":
        raise StockError(f"Sin stock suficiente de {article.description} (hay {available.normalize()}).")
    lots = session.scalars(
        select(Lot)
        .where(Lot.article_id == article.id, Lot.warehouse_id == warehouse_id, Lot.quantity > 0)
        .order_by(Lot.expiry.is_(None), Lot.expiry, Lot.id)
        .with_for_update()
    ).all()
    for lot in lots:
        if remaining <= 0:
            break
        if lot.expiry is not None and lot.expiry < today:
            continue
        take = min(remaining, Decimal(lot.quantity))
        move(take, lot.id)
        remaining -= take
    if remaining > 0:
        lotless = max(ZERO, available - sum((Decimal(lot.quantity) for lot in lots), ZERO))
        note = (
            ""
            if remaining <= lotless
            else f"Vendido sin existencias: faltaban {remaining - lotless} unidades"
        )
        move(remaining, None, note)
        if note:
            events.append(SaleEvent("oversold", f"{article.description}: {note.lower()}.", article.id))
    return events


def append_fiscal_record(session: Session, sale: Sale, issued_at: datetime) -> FiscalRecord:
    """Chain the sale's registration record to the issuer's last one, under a lock on the chain head."""
    pharmacy = session.scalar(select(Pharmacy).limit(1))
    if pharmacy is None:
        raise SaleError("Falta configurar la farmacia (NIF) antes de vender.")
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(FiscalChain)
        .values(issuer_nif=pharmacy.nif, last_fingerprint="", records=0)
        .on_conflict_do_nothing(index_elements=["issuer_nif"])
    )
    chain = session.scalar(
        select(FiscalChain).where(FiscalChain.issuer_nif == pharmacy.nif).with_for_update()
    )
    local = issued_at.astimezone()
    corrected = None
    if sale.kind == "refund" and sale.corrects_id is not None:
        corrected = session.scalar(select(Sale.full_number).where(Sale.id == sale.corrects_id))
    previous_row = session.scalar(
        select(FiscalRecord).where(
            FiscalRecord.issuer_nif == pharmacy.nif, FiscalRecord.sequence == chain.records
        )
    )
    record = verifactu.build_invoice_record(
        corrected=corrected,
        issuer_nif=pharmacy.nif,
        series_number=sale.full_number,
        issue_date=local.date(),
        invoice_type=INVOICE_TYPES[sale.kind],
        vat_total=sale.vat_total,
        amount_total=sale.total,
        previous_fingerprint=chain.last_fingerprint,
        generated_at=local.replace(microsecond=0),
    )
    stored = FiscalRecord(
        issuer_nif=pharmacy.nif,
        sequence=chain.records + 1,
        sale_id=sale.id,
        record_type="alta",
        invoice_type=record.invoice_type,
        series_number=record.series_number,
        issue_date=record.issue_date,
        vat_total=record.vat_total,
        amount_total=record.amount_total,
        previous_fingerprint=record.previous_fingerprint,
        fingerprint=record.fingerprint,
        generated_at=verifactu.record_to_dict(record)["FechaHoraHusoGenRegistro"],
        # As it will be sent: the schema wants the previous record's identity beside its fingerprint.
        payload=json.dumps(
            verifactu.record_to_dict(record, as_record(previous_row) if previous_row is not None else None),
            ensure_ascii=False,
        ),
    )
    session.add(stored)
    chain.last_fingerprint = record.fingerprint
    chain.records += 1
    return stored


def qr_for(sale: Sale, nif: str) -> str:
    return verifactu.qr_url(
        nif=nif,
        series_number=sale.full_number,
        issue_date=sale.closed_at.astimezone().date(),
        amount_total=sale.total,
    )


def credit_balance(session: Session, customer_id: int) -> Decimal:
    return Decimal(
        session.scalar(
            select(func.coalesce(func.sum(CustomerCredit.amount), 0)).where(
                CustomerCredit.customer_id == customer_id
            )
        )
    )


def finish_document(
    service: SaleService,
    session: Session,
    sale: Sale,
    settled: SettledPayments,
    amounts: list[tuple[Decimal, Decimal]] | None = None,
) -> list[SaleEvent]:
    """Number, stock, amounts, credit and fiscal record of a sale or refund whose lines are final.

    `amounts` gives each line's (customer amount, payer amount) when they are fixed already (a refund
    gives back exactly what was paid); otherwise the sale is priced now.
    """
    now = service.clock()
    workstation = session.get(Workstation, service.workstation_id)
    policy = session.scalar(select(Pharmacy.oversell_policy).limit(1)) or "allow"
    if amounts is None:
        price = price_of(session, sale)
        amounts = [(p.amount, p.payer) for p in price.lines]
        discount_total = price.line_discounts + price.total_discount
    else:
        discount_total = sum(
            (
                Decimal(line.quantity) * Decimal(line.unit_price) - a - p
                for line, (a, p) in zip(sale.lines, amounts, strict=True)
            ),
            ZERO,
        )
    sale.series, sale.number = next_number(session, workstation, sale.kind, now.astimezone().year)
    sale.full_number = f"{sale.series}-{sale.number:06d}"
    events: list[SaleEvent] = []
    for line, (amount, payer) in zip(sale.lines, amounts, strict=True):
        line.amount = amount
        line.payer_amount = payer
        events += consume_stock(
            session, sale=sale, line=line, warehouse_id=workstation.warehouse_id,
            today=now.astimezone().date(), policy=policy, document=sale.full_number,
        )  # fmt: skip
        session.flush()
        events += _prescription_records(session, sale, line, workstation.warehouse_id, now)
    vat = vat_breakdown((Decimal(line.vat_rate), Decimal(line.amount)) for line in sale.lines)
    sale.vat = [SaleVat(rate=v.rate, base=v.base, quota=v.quota) for v in vat]
    sale.total = sum((a for a, _p in amounts), ZERO)
    sale.vat_total = sum((v.quota for v in vat), ZERO)
    sale.payer_total = sum((p for _a, p in amounts), ZERO)
    sale.discount_total = round_cents(discount_total)
    sale.cash_rounding = settled.cash_rounding
    sale.payments = settled.rows
    sale.state = "closed"
    sale.closed_at = now
    sale.updated_at = now
    events += _record_cash(session, service.workstation_id, sale, settled, now)
    credit = sum((Decimal(p.amount) for p in settled.rows if p.method == "credit"), ZERO)
    if credit:
        session.add(CustomerCredit(customer_id=sale.customer_id, sale_id=sale.id, amount=credit, created_at=now,
                                   note=sale.full_number))  # fmt: skip
    session.flush()
    append_fiscal_record(session, sale, now)
    return events


def _record_cash(
    session: Session, workstation_id: int, sale: Sale, settled: SettledPayments, now: datetime
) -> list[SaleEvent]:
    """Put the sale's payments in the open cash session; cash needs one, and cash out needs cash in the drawer."""
    cash_session = open_session(session, workstation_id)
    cash = sum((Decimal(p.amount) for p in settled.rows if p.method == "cash"), ZERO)
    if cash_session is None:
        if cash:
            raise CashError(
                "No hay caja abierta en este mostrador: ábrala para cobrar o devolver en efectivo."
            )
        return []
    if cash < 0 and -cash > expected_cash(session, cash_session):
        raise CashError(
            f"En el cajón debería haber {expected_cash(session, cash_session)} € y la devolución es de {-cash} €: "
            "devuélvalo de otra forma o desde la caja fuerte."
        )
    sale.cash_session_id = cash_session.id
    kind = "refund" if sale.kind == "refund" else "sale"
    for payment in settled.rows:
        session.add(CashMovement(session_id=cash_session.id, kind=kind, method=payment.method,
                                 card_type=payment.card_type, amount=payment.amount, sale_id=sale.id,
                                 seller_id=sale.seller_id, reason=sale.full_number or "", created_at=now))  # fmt: skip
    closed_last = last_close(session, workstation_id)
    if closed_last is not None and now < closed_last:
        return [
            SaleEvent(
                "clock", "La venta tiene fecha anterior al último cierre de caja: revise el reloj del equipo."
            )
        ]
    return []


def check_controlled(session: Session, sale: Sale) -> None:
    """Controlled medicines need their register data before the sale can close (and narcotics their rules)."""
    for line in sale.lines:
        article = session.get(Article, line.article_id)
        if article.controlled:
            data = RegisterData.from_json(line.register_data) if line.register_data else None
            check_register_data(article, data, Decimal(line.quantity))


def _prescription_records(
    session: Session, sale: Sale, line: SaleLine, warehouse_id: int, now: datetime
) -> list[SaleEvent]:
    """Blocks and the register book for one line of a closed ticket or refund."""
    events: list[SaleEvent] = []
    article = session.get(Article, line.article_id)
    refund = sale.kind == "refund"
    if line.copay_type_id is not None and sale.kind == "ticket" and not line.pending_prescription:
        placed = place(session, line, session.get(CopayType, line.copay_type_id), now)
        events.append(SaleEvent("prescription_slot", f"Receta: bloque {placed.copay_code} {placed.block_number}, "
                                f"hueco {placed.slot}.", article.id))  # fmt: skip
        if placed.completed:
            events.append(SaleEvent("block_completed", f"Bloque {placed.copay_code} {placed.block_number} completo.",
                                    article.id))  # fmt: skip
    if refund and line.refunded_line_id is not None and line.copay_type_id is not None:
        original = session.get(SaleLine, line.refunded_line_id)
        returned = -Decimal(session.scalar(
            select(func.coalesce(func.sum(SaleLine.quantity), 0)).where(SaleLine.refunded_line_id == original.id)
        ))  # fmt: skip
        if returned >= Decimal(original.quantity):
            free_slot(session, original.id, now)
    source = session.get(SaleLine, line.refunded_line_id) if refund and line.refunded_line_id else line
    book = book_of(article, marked=bool(source.register_data))
    if book is not None:
        data = RegisterData.from_json(source.register_data) if source.register_data else None
        copay_code = session.scalar(select(CopayType.code).where(CopayType.id == line.copay_type_id))
        add_entry(
            session, article=article, kind="return" if refund else "dispensation", quantity=-Decimal(line.quantity),
            stock_after=on_hand(session, article.id, warehouse_id) if not article.unlimited else None, at=now,
            seller_id=sale.seller_id, data=data, sale_line_id=line.id, copay_code=copay_code,
            observations=f"Ticket {sale.full_number}", book=book,
        )  # fmt: skip
    return events


def check_credit(session: Session, sale: Sale, payments: list[PaymentInput]) -> None:
    credit = sum((Decimal(p.amount) for p in payments if p.method == "credit"), ZERO)
    if not credit:
        return
    if sale.customer_id is None:
        raise CreditLimitExceeded("Para vender a cuenta hay que elegir el cliente (F3).")
    customer = session.get(Customer, sale.customer_id)
    if customer.blocked:
        raise CreditLimitExceeded(f"{customer.name} está bloqueado: no se le puede vender a cuenta.")
    if credit < 0:
        return
    balance = credit_balance(session, customer.id)
    if balance + credit > Decimal(customer.credit_limit):
        available = max(ZERO, Decimal(customer.credit_limit) - balance)
        raise CreditLimitExceeded(
            f"{customer.name}: el crédito disponible es {available} € (límite {customer.credit_limit} €, "
            f"debe {balance} €)."
        )


def close_sale(service: SaleService, sale_id: int, payments: list[PaymentInput]) -> ClosedSale:
    with service.db.uow() as uow:
        session = uow.session
        sale = session.scalar(select(Sale).where(Sale.id == sale_id).with_for_update())
        if sale is None or sale.workstation_id != service.workstation_id:
            raise SaleError(f"No existe la venta {sale_id} en este mostrador.")
        if sale.state != "open":
            raise SaleError(f"La venta {sale_id} no está abierta; no se puede cobrar.")
        if not sale.lines:
            raise SaleError("La venta no tiene líneas.")
        price = price_of(session, sale)
        pharmacy = session.scalar(select(Pharmacy).limit(1))
        step = Decimal(pharmacy.cash_rounding_step or 0) if pharmacy else Decimal(0)
        settled = settle_payments(price.total, payments, step, pharmacy.card_type_list if pharmacy else None)
        check_credit(session, sale, payments)
        check_controlled(session, sale)
        events = finish_document(service, session, sale, settled)
        view = sale_view(session, sale)
        ticket = build_ticket(session, sale, qr_for(sale, session.scalar(select(Pharmacy.nif).limit(1))))
        uow.commit()
    return ClosedSale(view, ticket, settled.tendered, settled.change, settled.cash_amount, tuple(events))
