"""Sale benchmark: add a line by barcode, and close a sale of three lines paid in cash, per engine.

Each beside a raw-SQL baseline doing the same writes in the same run (interleaved). Targets (2-core
machine, SQLite in WAL with synchronous=FULL): add a line p99 ≤ 2 ms; close median ≤ 5 ms, p99 ≤ 10 ms,
max ≤ 50 ms.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Connection, select, text

from benchmarks.common import demo_database, engines
from benchmarks.harness import Bench
from farmapos.domain.counter import list_sellers, workstation_view
from farmapos.domain.db import Database
from farmapos.domain.models import Article, ArticleCode, StockLevel
from farmapos.domain.sales.service import SaleService
from farmapos.domain.sales.views import PaymentInput


def barcodes(database: Database, count: int) -> list[tuple[int, str]]:
    """Stocked, unrestricted articles and one of their barcodes."""
    with database.engine.connect() as connection:
        rows = connection.execute(
            select(Article.id, ArticleCode.code)
            .join(ArticleCode, ArticleCode.article_id == Article.id)
            .join(StockLevel, StockLevel.article_id == Article.id)
            .where(ArticleCode.kind == "ean13", Article.psychotropic.is_(False), Article.narcotic.is_(False),
                   Article.special_control.is_(False), StockLevel.quantity > 0)
            .limit(count)
        ).all()  # fmt: skip
    return [(row[0], row[1]) for row in rows]


class RawSale:
    """The same writes as the service, in hand-written SQL on one connection: the floor to compare with."""

    def __init__(self, database: Database, workstation_id: int, seller_id: int, warehouse_id: int) -> None:
        self.db, self.ws, self.seller, self.warehouse = database, workstation_id, seller_id, warehouse_id
        self.number = 10_000_000

    @contextmanager
    def _transaction(self, *, draft: bool) -> Iterator[Connection]:
        """Committed on leaving, as durable as the service's own transaction for the same step."""
        with self.db.engine.connect().execution_options(farmapos_draft=draft) as c, c.begin():
            yield c

    def open(self) -> int:
        now = datetime.now(UTC)
        with self._transaction(draft=True) as c:
            return c.execute(text(
                "INSERT INTO sale (workstation_id, seller_id, state, kind, opened_at, updated_at, total_discount_pct,"
                " cash_rounding) VALUES (:w, :s, 'open', 'ticket', :n, :n, 0, 0) RETURNING id"
            ), {"w": self.ws, "s": self.seller, "n": now}).scalar_one()  # fmt: skip

    def add(self, sale_id: int, article_id: int, position: int) -> None:
        with self._transaction(draft=True) as c:
            c.execute(text(
                "INSERT INTO sale_line (sale_id, position, article_id, code, description, quantity, unit_price,"
                " vat_rate, discount_pct, pending_prescription) SELECT :sale, :pos, id, code, description, 1, price,"
                " vat_rate, 0, :f FROM article WHERE id = :a"
            ), {"sale": sale_id, "pos": position, "a": article_id, "f": False})  # fmt: skip
            c.execute(
                text("UPDATE sale SET updated_at = :n WHERE id = :id"),
                {"n": datetime.now(UTC), "id": sale_id},
            )

    def close(self, sale_id: int, article_ids: list[int]) -> None:
        now = datetime.now(UTC)
        self.number += 1
        with self._transaction(draft=False) as c:
            for article_id in article_ids:
                c.execute(text("UPDATE stock_level SET quantity = quantity - 1 WHERE article_id = :a AND warehouse_id"
                               " = :w"), {"a": article_id, "w": self.warehouse})  # fmt: skip
                c.execute(text(
                    "INSERT INTO stock_movement (kind, article_id, warehouse_id, quantity, seller_id, created_at,"
                    " reason, document_ref, note) VALUES ('sale', :a, :w, -1, :s, :n, 'Venta', :d, '')"
                ), {"a": article_id, "w": self.warehouse, "s": self.seller, "n": now,
                    "d": f"RAW-{self.number}"})  # fmt: skip
            c.execute(text("INSERT INTO sale_payment (sale_id, method, amount, tendered, change) VALUES (:id, 'cash',"
                           " 1, 1, 0)"), {"id": sale_id})  # fmt: skip
            c.execute(text("UPDATE sale SET state = 'closed', series = 'RAW', number = :num, full_number = :fn,"
                           " total = 1, closed_at = :n WHERE id = :id"),
                      {"num": self.number, "fn": f"RAW-{self.number}", "n": now, "id": sale_id})  # fmt: skip


def bench_engine(bench: Bench, engine: str) -> None:
    with demo_database(engine, 5_000 if bench.quick else 50_000, counter=True) as database:
        workstation = workstation_view(database)
        seller = list_sellers(database)[0].id
        service = SaleService(database, workstation.id)
        raw = RawSale(database, workstation.id, seller, workstation.warehouse_id)
        items = barcodes(database, 300)
        state = {"service": service.open_sale(seller).id, "raw": raw.open()}

        def next_customer(i: int) -> None:
            """Every 20 lines a new sale for each side, and the WAL checkpoint the idle counter runs."""
            if i % 20 == 0:
                service.cancel(state["service"])
                state["service"] = service.open_sale(seller).id
                state["raw"] = raw.open()
                database.checkpoint()

        def add_line(i: int) -> None:
            service.add_code(state["service"], items[i % len(items)][1])

        def raw_add(i: int) -> None:
            raw.add(state["raw"], items[i % len(items)][0], i % 20 + 1)

        def fill(i: int) -> tuple[int, Decimal]:
            sale = service.open_sale(seller)
            for k in range(3):
                view = service.add_code(sale.id, items[(i * 3 + k) % len(items)][1]).sale
            return sale.id, view.total

        def close_sale(i: int) -> None:
            sale_id, total = fill(i)
            service.close(sale_id, [PaymentInput("cash", total, total + Decimal(10))])

        def raw_close(i: int) -> None:
            sale_id = raw.open()
            chosen = [items[(i * 3 + k) % len(items)][0] for k in range(3)]
            for k, article_id in enumerate(chosen):
                raw.add(sale_id, article_id, k + 1)
            raw.close(sale_id, chosen)

        # The absolute targets are SQLite's (WAL, durable commits); PostgreSQL, a server round trip
        # per statement, is held to its ratio against raw SQL doing the same writes.
        sqlite = engine == "sqlite"
        with bench.group(engine):
            bench.compare("add a line by barcode", candidate=add_line, baseline=raw_add, repeat=1000,
                          targets={"p99_ms": 2.0} if sqlite else {}, max_ratio=4.0,
                          setup=next_customer)  # fmt: skip

            def idle(i: int) -> None:
                if i % 10 == 0:
                    database.checkpoint()

            bench.compare("open + 3 lines + close, cash", candidate=close_sale, baseline=raw_close, repeat=300,
                          max_ratio=6.0, setup=idle)  # fmt: skip
            ready = [fill(i) for i in range(bench.repeats(300))]

            def close_ready(i: int) -> None:
                sale_id, total = ready[i]
                service.close(sale_id, [PaymentInput("cash", total, total)])

            bench.measure("close a sale (3 lines, cash)", close_ready, repeat=len(ready), warmup=0, setup=idle,
                          targets={"median_ms": 5.0, "p99_ms": 10.0, "max_ms": 50.0} if sqlite else {})  # fmt: skip


def main(argv: list[str]) -> int:
    bench = Bench("sales", argv)
    for engine in engines():
        bench_engine(bench, engine)
    return bench.report()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
