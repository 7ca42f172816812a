"""Days of realistic sales history, made through the sale engine itself (so every rule applies)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import select

from farmapos.domain.base import utcnow
from farmapos.domain.cash import CashService
from farmapos.domain.db import Database
from farmapos.domain.errors import FarmaposError
from farmapos.domain.models import Article, Customer, Seller, StockLevel, Workstation
from farmapos.domain.register import RegisterData
from farmapos.domain.sales.service import SaleService
from farmapos.domain.sales.views import PaymentInput


def generate_history(
    database: Database,
    *,
    days: int,
    seed: int,
    cash: CashService,
    seller_id: int,
    sales_per_day: tuple[int, int] = (25, 45),
) -> int:
    """Each day opens the drawer, sells, takes a withdrawal and closes with a small counting difference."""
    rng = random.Random(seed + 1)
    with database.uow(read_only=True) as uow:
        session = uow.session
        workstation_id = session.scalar(select(Workstation.id))
        sellers = list(session.scalars(select(Seller.id).order_by(Seller.id)))
        stocked = list(
            session.scalars(
                select(Article.id).join(StockLevel, StockLevel.article_id == Article.id)
                .where(StockLevel.quantity >= 6, Article.narcotic.is_(False)).limit(3000)
            )
        )  # fmt: skip
        prescription = set(session.scalars(select(Article.id).where(Article.needs_prescription.is_(True),
                                                                    Article.id.in_(stocked))))  # fmt: skip
        controlled = set(session.scalars(select(Article.id).where(Article.psychotropic.is_(True),
                                                                  Article.id.in_(stocked))))  # fmt: skip
        customers = list(session.scalars(select(Customer.id).where(Customer.credit_limit >= 100).limit(50)))
    if not stocked:
        return 0
    start = datetime.now(UTC).astimezone().date() - timedelta(days=days)
    closed = 0
    copays = ("TSI002", "TSI003", "TSI006", "TSI006", "TSI001")
    clock_value = [datetime.now(UTC)]
    service = SaleService(database, workstation_id, clock=lambda: clock_value[0])
    cash.clock = lambda: clock_value[0]
    for day in range(days):
        clock_value[0] = datetime.combine(start + timedelta(days=day), time(9, 30)).astimezone()
        cash.open(seller_id, Decimal("150.00") if day == 0 else None)
        tickets: list[tuple[str, int, Decimal]] = []
        for _ in range(rng.randint(*sales_per_day)):
            clock_value[0] += timedelta(minutes=rng.randint(3, 15))
            seller = rng.choice(sellers)
            sale = service.open_sale(seller)
            try:
                for article_id in rng.sample(stocked, rng.choice((1, 1, 2, 3))):
                    added = service.add_article(sale.id, article_id, rng.choice((1, 1, 1, 2)))
                    if article_id in prescription and rng.random() < 0.7:
                        service.set_prescription(sale.id, added.line_id, rng.choice(copays))
                    if article_id in controlled:
                        service.set_register_data(sale.id, added.line_id, RegisterData(
                            patient_name="Paciente de demostración", patient_id_document="00000000T",
                            prescriber_name="Dra. Demo", prescriber_number="282812345",
                            prescription_number=f"R{rng.randrange(10**8):08d}",
                        ))  # fmt: skip
                view = service.get(sale.id)
                payments = _payments(rng, view.total, bool(customers))
                if any(p.method == "credit" for p in payments):
                    service.set_customer(sale.id, rng.choice(customers))
                result = service.close(sale.id, payments)
                closed += 1
                tickets.append(
                    (result.ticket.full_number, result.sale.lines[0].id, result.sale.lines[0].quantity)
                )
            except FarmaposError:
                service.cancel(sale.id)
        if tickets and rng.random() < 0.5:
            number, line_id, _quantity = rng.choice(tickets)
            service.refund(number, [(line_id, Decimal(1))], rng.choice(sellers))
        clock_value[0] += timedelta(minutes=20)
        expected = cash.current().expected_cash
        if expected > 400:
            cash.move(seller_id, "withdrawal", (expected - 300).quantize(Decimal(1)), "A caja fuerte")
            expected = cash.current().expected_cash
        counted = expected + rng.choice((Decimal(0), Decimal(0), Decimal("-0.10"), Decimal("0.50")))
        cash.close(seller_id, counted=counted, left_in_drawer=min(counted, Decimal("150.00")))
    cash.clock = utcnow
    return closed


def _payments(rng: random.Random, total: Decimal, credit_possible: bool) -> list[PaymentInput]:
    roll = rng.random()
    if total <= 0 or roll < 0.55:
        tendered = max(total, Decimal(rng.choice((5, 10, 20, 50))))
        return [PaymentInput("cash", total, tendered)]
    if roll < 0.9:
        return [PaymentInput("card", total, card_type=rng.choice(("VISA", "Mastercard")))]
    if roll < 0.95 and credit_possible and total < 50:
        return [PaymentInput("credit", total)]
    card = (total / 2).quantize(Decimal("0.01"))
    return [PaymentInput("card", card, card_type="VISA"), PaymentInput("cash", total - card, total - card)]
