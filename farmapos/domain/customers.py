"""Customers at the counter: found by name, phone, NIF or health card; created on the spot."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, func, literal, or_, select

from farmapos.domain.db import Database
from farmapos.domain.errors import ValidationError
from farmapos.domain.models import Customer, CustomerCredit
from farmapos.domain.text import search_key, search_words
from farmapos.messages import msg


@dataclass(frozen=True)
class CustomerView:
    id: int
    code: str
    name: str
    nif: str | None
    phone: str
    health_card: str | None
    discount_pct: Decimal
    credit_limit: Decimal
    balance: Decimal
    blocked: bool


def search_customers(db: Database, text: str, limit: int = 30) -> list[CustomerView]:
    words = search_words(text)
    if not words:
        return []
    compact = text.strip().upper().replace(" ", "")
    with db.uow(read_only=True) as uow:
        by_name = and_(*[(literal(" ") + Customer.search_key).like(f"% {word}%") for word in words])
        exact = [Customer.nif == compact, Customer.phone == compact, Customer.health_card == compact,
                 Customer.code == compact]  # fmt: skip
        query = select(Customer).where(or_(*exact, by_name)).order_by(Customer.name).limit(limit)
        customers = uow.session.scalars(query).all()
        balances = dict(
            uow.session.execute(
                select(CustomerCredit.customer_id, func.sum(CustomerCredit.amount))
                .where(CustomerCredit.customer_id.in_([c.id for c in customers]))
                .group_by(CustomerCredit.customer_id)
            ).all()
        )
        return [
            CustomerView(
                c.id,
                c.code,
                c.name,
                c.nif,
                c.phone,
                c.health_card,
                Decimal(c.discount_pct),
                Decimal(c.credit_limit),
                Decimal(balances.get(c.id) or 0),
                c.blocked,
            )
            for c in customers
        ]


def create_customer(db: Database, *, name: str, nif: str = "", phone: str = "", health_card: str = "",
                    email: str = "") -> int:  # fmt: skip
    """A new customer with the next free code (C00001…); NIF validated when given."""
    with db.uow() as uow:
        session = uow.session
        if nif and session.scalar(select(Customer.id).where(Customer.nif == nif.strip().upper())):
            raise ValidationError(msg("Ya hay un cliente con NIF {nif}.", nif=nif.strip().upper()))
        count = session.scalar(select(func.count()).select_from(Customer)) or 0
        code = f"C{count + 1:05d}"
        while session.scalar(select(Customer.id).where(Customer.code == code)):
            count += 1
            code = f"C{count + 1:05d}"
        customer = Customer(code=code, name=name, nif=nif or None, phone=phone.strip(),
                            health_card=health_card.strip() or None, email=email.strip())  # fmt: skip
        customer.search_key = search_key(name, phone)
        session.add(customer)
        session.flush()
        customer_id = customer.id
        uow.commit()
    return customer_id
