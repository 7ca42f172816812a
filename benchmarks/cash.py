"""Cash benchmark: the Z report of a session with 1,000 sales, and a year-to-date summary over 300,000 sales.

Sales are bulk-inserted as closed documents (the shape the sale engine stores), so the figures measure the
reports, not the data generation. Targets on SQLite: Z report < 0.5 s; year-to-date summary < 3 s.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from benchmarks.common import demo_database, engines
from benchmarks.harness import Bench
from farmapos.domain.cash import CashService
from farmapos.domain.counter import list_sellers, workstation_view
from farmapos.domain.db import Database
from farmapos.domain.models import Article, CashMovement, Sale, SaleLine, SalePayment, SaleVat
from farmapos.domain.money import vat_breakdown
from farmapos.domain.zreport import period_summary, z_report

BATCH = 5000


def bulk_sales(
    database: Database, *, count: int, session_id: int | None, start: datetime, span: timedelta
) -> None:
    """Insert `count` closed tickets of 1–3 lines with their VAT rows, payments and cash movements."""
    rng = random.Random(count)
    workstation = workstation_view(database)
    sellers = [s.id for s in list_sellers(database)]
    with database.engine.connect() as connection:
        articles = connection.execute(select(Article.id, Article.code, Article.description, Article.price,
                                             Article.vat_rate).limit(2000)).all()  # fmt: skip
        first = (connection.execute(select(Sale.id).order_by(Sale.id.desc()).limit(1)).scalar() or 0) + 1
    sales, lines, vats, payments, moves = [], [], [], [], []
    with database.engine.begin() as connection:
        for n in range(count):
            sale_id = first + n
            closed = start + span * (n / count)
            chosen = rng.sample(articles, rng.randint(1, 3))
            amounts = [(Decimal(a.vat_rate), Decimal(a.price)) for a in chosen]
            total = sum((amount for _rate, amount in amounts), Decimal(0))
            shares = vat_breakdown(amounts)
            sales.append({"id": sale_id, "workstation_id": workstation.id, "seller_id": rng.choice(sellers),
                          "state": "closed", "kind": "ticket", "opened_at": closed, "updated_at": closed,
                          "closed_at": closed, "total_discount_pct": 0, "series": "B", "number": sale_id,
                          "full_number": f"B-{sale_id:08d}", "total": total,
                          "vat_total": sum((v.quota for v in shares), Decimal(0)), "payer_total": 0,
                          "discount_total": 0, "cash_rounding": 0, "cash_session_id": session_id})  # fmt: skip
            for position, article in enumerate(chosen, start=1):
                lines.append({"sale_id": sale_id, "position": position, "article_id": article.id,
                              "code": article.code, "description": article.description, "quantity": 1,
                              "unit_price": article.price, "vat_rate": article.vat_rate, "discount_pct": 0,
                              "pending_prescription": False, "amount": article.price, "payer_amount": 0})  # fmt: skip
            vats += [{"sale_id": sale_id, "rate": v.rate, "base": v.base, "quota": v.quota} for v in shares]
            method = "cash" if rng.random() < 0.6 else "card"
            payments.append({"sale_id": sale_id, "method": method, "amount": total,
                             "card_type": None if method == "cash" else "VISA", "change": 0})  # fmt: skip
            if session_id is not None:
                moves.append({"session_id": session_id, "kind": "sale", "method": method, "amount": total,
                              "card_type": None if method == "cash" else "VISA", "sale_id": sale_id,
                              "seller_id": sellers[0], "reason": "", "created_at": closed})  # fmt: skip
            if len(sales) >= BATCH or n == count - 1:
                for table, rows in ((Sale, sales), (SaleLine, lines), (SaleVat, vats), (SalePayment, payments),
                                    (CashMovement, moves)):  # fmt: skip
                    if rows:
                        connection.execute(table.__table__.insert(), rows)
                        rows.clear()
    database.analyze()


def bench_engine(bench: Bench, engine: str) -> None:
    with demo_database(engine, 2_000) as database:
        workstation = workstation_view(database)
        drawer = CashService(database, workstation.id)
        session_id = drawer.current().id
        now = datetime.now(UTC)
        year_start = datetime(now.year, 1, 1, tzinfo=UTC)
        history = 30_000 if bench.quick else 300_000
        bulk_sales(
            database,
            count=history,
            session_id=None,
            start=year_start,
            span=now - year_start - timedelta(days=1),
        )
        bulk_sales(
            database,
            count=1_000,
            session_id=session_id,
            start=now - timedelta(hours=8),
            span=timedelta(hours=8),
        )

        def z(_i: int) -> None:
            with database.uow(read_only=True) as uow:
                z_report(uow.session, session_id)

        def ytd(_i: int) -> None:
            with database.uow(read_only=True) as uow:
                period_summary(uow.session, year_start, now + timedelta(days=1))

        with bench.group(f"{engine}"):
            bench.measure("Z report, 1,000 sales", z, repeat=15, targets={"median_ms": 500.0})
            bench.measure(f"year-to-date summary, {history // 1000}k sales", ytd, repeat=5,
                          targets={"median_ms": 3000.0})  # fmt: skip


def main(argv: list[str]) -> int:
    bench = Bench("cash", argv)
    for engine in engines():
        bench_engine(bench, engine)
    return bench.report()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
