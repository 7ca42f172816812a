"""Building the demo pharmacy: bulk inserts for the catalogue and stock, domain services for the rest.

The stock is written as reception movements with their levels and lots, so the ledger explains every
unit exactly as it would in a real pharmacy.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select, text

from farmapos.demo.catalogue import FAMILIES, LABORATORIES, ArticleRow, generate_articles
from farmapos.domain.db import Database
from farmapos.domain.models import (
    Article,
    ArticleCode,
    CopayType,
    Customer,
    Family,
    Laboratory,
    Lot,
    Payer,
    Pharmacy,
    ReducedAtcGroup,
    StockLevel,
    StockMovement,
    Warehouse,
    Workstation,
)
from farmapos.domain.setup import SellerData, add_seller, create_pharmacy
from farmapos.domain.text import search_key

BATCH = 5000
SELLERS = (
    SellerData("ANA", "Ana", "#DCEBFA", None, "pharmacist"),
    SellerData("LUIS", "Luis", "#FDE2C8", "1111", "assistant"),
    SellerData("MARTA", "Marta", "#D9F2D9", "2222", "assistant"),
    SellerData("JAVIER", "Javier", "#F3D9F2", "3333", "owner"),
)
# Spain's national co-payment table in force since May 2026 (RDL 1/2015 art. 102 as rewritten).
# (code, name, patient %, cap per pack, cap per month, payer)
COPAY_TABLE = (
    ("TSI001", "Exento de aportación", Decimal(0), None, None, "SNS"),
    ("TSI002", "Activo, renta < 18.000 €", Decimal(40), None, None, "SNS"),
    ("TSI003", "Activo, renta 18.000–35.000 €", Decimal(45), None, None, "SNS"),
    ("TSI004", "Activo, renta 35.000–100.000 €", Decimal(50), None, None, "SNS"),
    ("TSI005", "Activo, renta ≥ 100.000 €", Decimal(60), None, None, "SNS"),
    ("TSI006", "Pensionista, renta < 18.000 €", Decimal(10), None, Decimal("8.23"), "SNS"),
    ("TSI007", "Pensionista, renta 18.000–100.000 €", Decimal(10), None, Decimal("18.52"), "SNS"),
    ("MUT", "Mutualidades (MUFACE, ISFAS, MUGEJU)", Decimal(30), None, None, "MUFACE"),
)
PAYERS = (("SNS", "Servicio de Salud", "public"), ("MUFACE", "MUFACE / ISFAS / MUGEJU", "mutual"))
# A sample of reduced-contribution ATC groups (10 %, at most 4.98 € a pack since May 2026).
REDUCED_ATC = ("A10A", "A10B", "B01A", "C01", "H03A", "L02", "N04", "R03")
# The wholesalers (almacenes) a Spanish pharmacy orders from; NIFs are made up but valid.
WHOLESALERS = (
    ("COFARES", "Cofares", "F28000065", "913 000 000", "pedidos@cofares.example"),
    ("HEFAME", "Hefame", "F30000061", "968 000 000", "pedidos@hefame.example"),
    ("BIDAFARMA", "Bidafarma", "F03000064", "958 000 000", "pedidos@bidafarma.example"),
)
FIRST_NAMES = (
    "María",
    "José",
    "Carmen",
    "Antonio",
    "Lucía",
    "Manuel",
    "Pilar",
    "Francisco",
    "Núria",
    "Íñigo",
)
SURNAMES = (
    "García",
    "Fernández",
    "González",
    "Rodríguez",
    "López",
    "Martínez",
    "Sánchez",
    "Pérez",
    "Muñoz",
    "Peña",
)


def has_pharmacy(database: Database) -> bool:
    with database.uow(read_only=True) as uow:
        return bool(uow.session.scalar(select(func.count()).select_from(Pharmacy)))


def _dni(number: int) -> str:
    return f"{number:08d}" + "TRWAGMYFPDXBNJZSQVHLCKE"[number % 23]


def _article_values(article_id: int, row: ArticleRow, families: dict[str, int], labs: dict[str, int]) -> dict:
    return {
        "id": article_id, "code": row.code, "description": row.description, "search_key": search_key(row.description),
        "family_id": families[row.family_code], "laboratory_id": labs.get(row.laboratory_code or ""),
        "atc_code": row.atc_code, "presentation": row.presentation, "location": row.location, "price": row.price,
        "last_cost": row.last_cost, "average_cost": row.last_cost, "vat_rate": row.vat_rate,
        "min_stock": row.min_stock, "max_stock": max(row.max_stock, row.min_stock) if row.max_stock else row.max_stock,
        "max_discount_pct": None, "measure_unit": row.measure_unit, "measure_quantity": row.measure_quantity,
        "needs_prescription": row.needs_prescription, "psychotropic": row.psychotropic, "narcotic": row.narcotic,
        "special_control": False, "fridge": row.fridge, "generic": row.generic,
        "excluded_funding": row.excluded_funding, "advertised": row.advertised, "discontinued": row.discontinued,
        "unlimited": row.unlimited, "updated_at": datetime.now(UTC),
    }  # fmt: skip


def build_demo_pharmacy(database: Database, *, articles: int, days: int, seed: int, data_dir: Path) -> str:
    started = time.perf_counter()
    rng = random.Random(seed)
    create_pharmacy(
        database.uow(), legal_name="Farmacia Demo Ldo. García C.B.", trade_name="Farmacia Demo", nif="E12345674",
        address="Calle Mayor 1", postal_code="28013", city="Madrid", phone="910 000 000",
        ticket_footer="Gracias por su visita · Conserve el ticket para devoluciones",
    )  # fmt: skip
    for seller in SELLERS:
        add_seller(database.uow(), seller)
    today = date.today()
    with database.uow() as uow:
        session = uow.session
        workstation = session.scalar(select(Workstation))
        # The demo prints to a file and shows the customer display in memory: tickets without hardware
        # (`farmapos devices show-ticket` reads the file back).
        workstation.printer_uri = f"file://{(data_dir / 'tickets.escpos').as_posix()}"
        workstation.display_uri = "sim://"
        workstation.drawer_uri = "printer:2"
        for code, name, pct, cap, monthly, payer in COPAY_TABLE:
            session.add(CopayType(code=code, name=name, patient_pct=pct, cap_per_pack=cap, cap_per_month=monthly,
                                  payer=payer, valid_from=date(2026, 5, 1), admits_advertised=False,
                                  admits_excluded_funding=False, reduced_atc=True, block_size=25))  # fmt: skip
        session.add_all(Payer(code=code, name=name, kind=kind) for code, name, kind in PAYERS)
        session.add_all(ReducedAtcGroup(atc_prefix=prefix, patient_pct=Decimal(10), cap_per_pack=Decimal("4.98"),
                                        valid_from=date(2026, 5, 1)) for prefix in REDUCED_ATC)  # fmt: skip
        for i in range(300):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"
            session.add(Customer(
                code=f"C{i + 1:05d}", name=name, nif=_dni(rng.randrange(10_000_000, 99_999_999)),
                phone=f"6{rng.randrange(10_000_000, 99_999_999)}", health_card=f"BBBB{rng.randrange(10**11, 10**12)}",
                discount_pct=Decimal(rng.choice((0, 0, 0, 5, 10))),
                credit_limit=Decimal(rng.choice((0, 0, 50, 100, 300))),
            ))  # fmt: skip
        session.add_all(Family(code=f.code, name=f.name, vat_rate=f.vat_rate, max_discount_pct=f.max_discount_pct)
                        for f in FAMILIES)  # fmt: skip
        session.add_all(Laboratory(code=code, name=name) for code, name in LABORATORIES)
        session.flush()
        families = dict(session.execute(select(Family.code, Family.id)).all())
        labs = dict(session.execute(select(Laboratory.code, Laboratory.id)).all())
        warehouse_id = session.scalar(select(Warehouse.id))
        first_id = (session.scalar(select(func.max(Article.id))) or 0) + 1
        _bulk_catalogue(session, articles, seed, first_id, families, labs, warehouse_id, today, rng)
        if session.get_bind().dialect.name == "postgresql":
            for table in ("article", "lot"):
                session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                     f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"))  # fmt: skip
        uow.commit()
    from farmapos.domain.cash import CashService
    from farmapos.domain.counter import list_sellers, workstation_view

    cash = CashService(database, workstation_view(database).id)
    first_seller = list_sellers(database)[0].id
    if days > 0:
        from farmapos.demo.history import generate_history

        generate_history(database, days=days, seed=seed, cash=cash, seller_id=first_seller)
    orders = _demo_orders(database, first_seller, workstation_view(database))
    # The counter starts with an open drawer so a newcomer can sell at once.
    cash.open(first_seller, Decimal("150.00") if cash.current() is None and days == 0 else None)
    database.analyze()
    database.checkpoint(truncate=True)
    elapsed = time.perf_counter() - started
    return (
        f"Farmacia de demostración creada en {elapsed:.1f} s: {articles} artículos, {len(SELLERS)} vendedores "
        f"(Ana sin PIN; Luis 1111, Marta 2222, Javier 3333), 300 clientes, {len(WHOLESALERS)} almacenes "
        f"mayoristas y {orders} pedidos en camino" + (f", {days} días de ventas." if days else ".")
    )


def _bulk_catalogue(session, articles, seed, first_id, families, labs, warehouse_id, today, rng) -> None:
    article_rows: list[dict] = []
    code_rows: list[dict] = []
    lot_rows: list[dict] = []
    movement_rows: list[dict] = []
    level_rows: list[dict] = []
    lot_id = (session.scalar(select(func.max(Lot.id))) or 0) + 1
    now = datetime.now(UTC)

    def flush() -> None:
        for model, rows in ((Article, article_rows), (ArticleCode, code_rows), (Lot, lot_rows),
                            (StockMovement, movement_rows), (StockLevel, level_rows)):  # fmt: skip
            if rows:
                session.connection().execute(model.__table__.insert(), rows)
                rows.clear()

    for offset, row in enumerate(generate_articles(articles, seed=seed)):
        article_id = first_id + offset
        article_rows.append(_article_values(article_id, row, families, labs))
        kind = "cn" if row.code.isdigit() else "internal"
        code_rows.append({"code": row.code, "kind": kind, "article_id": article_id})
        code_rows.extend(
            {"code": b, "kind": {8: "ean8", 13: "ean13"}[len(b)], "article_id": article_id}
            for b in row.barcodes
        )
        if not row.unlimited and rng.random() < 0.6:
            total = Decimal(0)
            for _ in range(rng.choice((1, 1, 2, 3))):
                roll = rng.random()
                if roll < 0.03:
                    expiry = today - timedelta(days=rng.randint(1, 200))
                elif roll < 0.08:
                    expiry = today + timedelta(days=rng.randint(1, 30))
                else:
                    expiry = today + timedelta(days=rng.randint(60, 1100))
                quantity = Decimal(rng.randint(1, 12))
                lot_rows.append({"id": lot_id, "article_id": article_id, "warehouse_id": warehouse_id,
                                 "batch": f"L{rng.randrange(16**6):06X}", "expiry": expiry, "quantity": quantity,
                                 "needs_review": False, "created_at": now})  # fmt: skip
                movement_rows.append({"kind": "reception", "article_id": article_id, "warehouse_id": warehouse_id,
                                      "lot_id": lot_id, "quantity": quantity, "seller_id": None, "created_at": now,
                                      "reason": "Inventario inicial (demo)", "document_ref": "DEMO-INICIAL",
                                      "note": ""})  # fmt: skip
                total += quantity
                lot_id += 1
            point = row.min_stock if row.min_stock > 0 else Decimal(10)
            level_rows.append({"article_id": article_id, "warehouse_id": warehouse_id, "quantity": total,
                               "low_alerted": total <= point})  # fmt: skip
        if len(article_rows) >= BATCH:
            flush()
    flush()


def _demo_orders(database: Database, seller_id: int, workstation) -> int:
    """The wholesalers, and two orders on their way made from the reorder proposal, one of them partly
    received, so the counter shows units on order; returns the number of orders on the way."""
    from farmapos.domain.orders import create_order, lines_from_proposal, reorder_proposal, send_order
    from farmapos.domain.reception import ReceivedLine, receive_goods
    from farmapos.domain.suppliers import add_supplier

    suppliers = [add_supplier(database, code=code, name=name, nif=nif, phone=phone, email=email)
                 for code, name, nif, phone, email in WHOLESALERS]  # fmt: skip
    lines = lines_from_proposal(reorder_proposal(database, workstation.warehouse_id))
    step = max(1, len(lines) // 40)
    sample = lines[::step][:40]
    batches = [batch for batch in (sample[:25], sample[25:]) if batch]
    order_ids = []
    for supplier_id, batch in zip(suppliers, batches, strict=False):
        order = create_order(database, supplier_id, batch, seller_id, warehouse_id=workstation.warehouse_id,
                             note="Pedido de la propuesta (demo)")  # fmt: skip
        order_ids.append(send_order(database, order.id).id)
    if len(batches) > 1:  # the second wholesaler has delivered half of its first lines
        arrived = [
            ReceivedLine(line.article_id, max(line.quantity // 2, Decimal(1))) for line in batches[1][:5]
        ]
        receive_goods(database, workstation_id=workstation.id, seller_id=seller_id, document="ALB-DEMO-1",
                      lines=arrived, order_id=order_ids[1])  # fmt: skip
    return len(batches)
