"""Payments of a sale: that they settle the total exactly, cash rounding and change, and credit limits.

Pure rules plus one read (the customer's balance): closing a sale and a refund both go through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from farmapos.domain.errors import CreditLimitExceeded, PaymentError
from farmapos.domain.models import Customer, CustomerCredit, Sale, SalePayment
from farmapos.domain.models.sales import PAYMENT_METHODS
from farmapos.domain.money import ZERO, round_to_step
from farmapos.domain.sales.views import PaymentInput
from farmapos.messages import Amount, msg


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
        raise PaymentError(msg("Indique cómo se paga."))
    rows: list[SalePayment] = []
    for payment in payments:
        if payment.method not in PAYMENT_METHODS:
            raise PaymentError(msg("Forma de pago desconocida: {method!r}.", method=payment.method))
        if payment.amount < 0 and total >= 0:
            raise PaymentError(msg("Un pago no puede ser negativo."))
    cash = [p for p in payments if p.method == "cash"]
    if len(cash) > 1:
        raise PaymentError(msg("Sume el efectivo en un solo pago."))
    paid = sum((Decimal(p.amount) for p in payments), ZERO)
    if paid != total:
        raise PaymentError(
            msg("Los pagos suman {paid} y el total es {total}.", paid=Amount(paid), total=Amount(total))
        )
    rounding = ZERO
    tendered = change = cash_amount = ZERO
    for payment in payments:
        amount = Decimal(payment.amount)
        if payment.method == "cash":
            cash_amount = round_to_step(amount, rounding_step) if rounding_step else amount
            rounding = cash_amount - amount
            tendered = Decimal(payment.tendered) if payment.tendered is not None else cash_amount
            if total >= 0 and tendered < cash_amount:
                raise PaymentError(
                    msg(
                        "Entregado {tendered}: faltan {short}.",
                        tendered=Amount(tendered),
                        short=Amount(cash_amount - tendered),
                    )
                )
            if total < 0:
                tendered = cash_amount
            change = tendered - cash_amount
            rows.append(SalePayment(method="cash", amount=cash_amount, tendered=tendered, change=change))
        else:
            if payment.method == "card" and not payment.card_type:
                raise PaymentError(msg("Indique el tipo de tarjeta."))
            if payment.method == "card" and card_types is not None and payment.card_type not in card_types:
                raise PaymentError(
                    msg(
                        "Tarjeta {card!r} no admitida (admitidas: {admitted}).",
                        card=payment.card_type,
                        admitted=", ".join(card_types),
                    )
                )
            rows.append(SalePayment(method=payment.method, card_type=payment.card_type, amount=amount))
    return SettledPayments(rows, rounding, tendered, change, cash_amount)


def credit_balance(session: Session, customer_id: int) -> Decimal:
    return Decimal(
        session.scalar(
            select(func.coalesce(func.sum(CustomerCredit.amount), 0)).where(
                CustomerCredit.customer_id == customer_id
            )
        )
    )


def check_credit(session: Session, sale: Sale, payments: list[PaymentInput]) -> None:
    credit = sum((Decimal(p.amount) for p in payments if p.method == "credit"), ZERO)
    if not credit:
        return
    if sale.customer_id is None:
        raise CreditLimitExceeded(msg("Para vender a cuenta hay que elegir el cliente (F3)."))
    customer = session.get(Customer, sale.customer_id)
    if customer.blocked:
        raise CreditLimitExceeded(
            msg("{customer} está bloqueado: no se le puede vender a cuenta.", customer=customer.name)
        )
    if credit < 0:
        return
    balance = credit_balance(session, customer.id)
    if balance + credit > Decimal(customer.credit_limit):
        available = max(ZERO, Decimal(customer.credit_limit) - balance)
        raise CreditLimitExceeded(
            msg(
                "{customer}: el crédito disponible es {available} (límite {limit}, debe {owed}).",
                customer=customer.name,
                available=Amount(available),
                limit=Amount(customer.credit_limit),
                owed=Amount(balance),
            )
        )
