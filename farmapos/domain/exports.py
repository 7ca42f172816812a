"""CSV exports of the catalogue, the stock and the movement ledger, streamed (a catalogue may be large).

Files use `;` as separator (what spreadsheet programs in Spain expect) and a decimal point, so they
read back with `farmapos import articles`.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from farmapos.domain.models import (
    Article,
    ArticleCode,
    Family,
    Lot,
    Seller,
    StockLevel,
    StockMovement,
    Warehouse,
)

BATCH = 5000
BARCODE_KINDS = ("ean13", "ean8", "gtin14", "upc")
COLUMNS = (
    Article.id, Article.code, Article.description, Article.vat_rate, Article.price, Article.last_cost,
    Article.average_cost, Article.min_stock, Article.max_stock, Article.needs_prescription, Article.psychotropic,
    Article.narcotic, Article.fridge, Article.unlimited,
)  # fmt: skip


def _writer(handle: TextIO) -> csv.writer:
    return csv.writer(handle, delimiter=";", lineterminator="\n")


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f") if value == value.to_integral() else str(value)


def export_articles(session: Session, handle: TextIO) -> int:
    warehouses = session.execute(select(Warehouse.id, Warehouse.code).order_by(Warehouse.code)).all()
    barcodes: dict[int, list[str]] = defaultdict(list)
    synonyms: dict[int, list[str]] = defaultdict(list)
    for article_id, code, kind in session.execute(
        select(ArticleCode.article_id, ArticleCode.code, ArticleCode.kind)
        .where(ArticleCode.kind.not_in(("cn", "internal")))
        .order_by(ArticleCode.id)
    ):
        (barcodes if kind in BARCODE_KINDS else synonyms)[article_id].append(code)
    stock: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for article_id, warehouse_id, quantity in session.execute(
        select(StockLevel.article_id, StockLevel.warehouse_id, StockLevel.quantity)
    ):
        stock[article_id][warehouse_id] = Decimal(quantity)
    expiry = dict(
        session.execute(
            select(Lot.article_id, func.min(Lot.expiry)).where(Lot.quantity > 0).group_by(Lot.article_id)
        ).all()
    )
    sold_units = func.sum(
        case((StockMovement.kind.in_(("sale", "return")), -StockMovement.quantity), else_=0)
    )
    sold = dict(
        session.execute(select(StockMovement.article_id, sold_units).group_by(StockMovement.article_id)).all()
    )
    writer = _writer(handle)
    writer.writerow(
        [
            "code", "description", "barcodes", "synonyms", "family", "vat", "price", "cost", "average_cost",
            "min", "max",
            *(f"stock_{code}" for _id, code in warehouses), "stock_total", "nearest_expiry", "units_sold",
            "prescription", "psychotropic", "narcotic", "fridge", "unlimited",
        ]
    )  # fmt: skip
    query = (
        select(*COLUMNS, Family.code.label("family_code"))
        .outerjoin(Family, Family.id == Article.family_id)
        .order_by(Article.code)
        .execution_options(yield_per=BATCH)
    )
    count = 0
    for article in session.execute(query):
        family_code = article.family_code
        levels = stock.get(article.id, {})
        nearest: date | None = expiry.get(article.id)
        writer.writerow(
            [
                article.code, article.description, "|".join(barcodes.get(article.id, ())),
                "|".join(synonyms.get(article.id, ())), family_code or "",
                _number(article.vat_rate), article.price, article.last_cost, article.average_cost,
                _number(article.min_stock), _number(article.max_stock),
                *(_number(levels.get(wid, Decimal(0))) for wid, _code in warehouses),
                _number(sum(levels.values(), Decimal(0))),
                nearest.isoformat() if nearest else "", _number(Decimal(sold.get(article.id) or 0)),
                *(int(flag) for flag in (article.needs_prescription, article.psychotropic, article.narcotic,
                                         article.fridge, article.unlimited)),
            ]
        )  # fmt: skip
        count += 1
    return count


def export_stock(session: Session, handle: TextIO) -> int:
    lots: dict[tuple[int, int], list[str]] = defaultdict(list)
    nearest: dict[tuple[int, int], date] = {}
    for lot in session.scalars(select(Lot).where(Lot.quantity != 0).order_by(Lot.expiry)):
        key = (lot.article_id, lot.warehouse_id)
        expiry = lot.expiry.isoformat() if lot.expiry else "?"
        lots[key].append(f"{lot.batch}@{expiry}x{_number(lot.quantity)}")
        if lot.expiry and lot.quantity > 0 and key not in nearest:
            nearest[key] = lot.expiry
    writer = _writer(handle)
    writer.writerow(["code", "description", "warehouse", "quantity", "min", "max", "nearest_expiry", "lots"])
    rows = session.execute(
        select(Article.id, Article.code, Article.description, Warehouse.id, Warehouse.code,
               StockLevel.quantity, Article.min_stock, Article.max_stock)
        .join(StockLevel, StockLevel.article_id == Article.id)
        .join(Warehouse, Warehouse.id == StockLevel.warehouse_id)
        .order_by(Article.code, Warehouse.code)
        .execution_options(yield_per=BATCH)
    )  # fmt: skip
    count = 0
    for article_id, code, description, warehouse_id, warehouse, quantity, minimum, maximum in rows:
        key = (article_id, warehouse_id)
        expiry = nearest.get(key)
        writer.writerow(
            [code, description, warehouse, _number(quantity), _number(minimum), _number(maximum),
             expiry.isoformat() if expiry else "", "|".join(lots.get(key, ()))]
        )  # fmt: skip
        count += 1
    return count


def export_movements(session: Session, handle: TextIO) -> int:
    writer = _writer(handle)
    writer.writerow(
        ["id", "created_at", "kind", "code", "description", "warehouse", "batch", "quantity", "seller",
         "reason", "document", "note"]
    )  # fmt: skip
    rows = session.execute(
        select(StockMovement.id, StockMovement.created_at, StockMovement.kind, Article.code,
               Article.description, Warehouse.code, Lot.batch, StockMovement.quantity, Seller.code,
               StockMovement.reason, StockMovement.document_ref, StockMovement.note)
        .join(Article, Article.id == StockMovement.article_id)
        .join(Warehouse, Warehouse.id == StockMovement.warehouse_id)
        .outerjoin(Lot, Lot.id == StockMovement.lot_id)
        .outerjoin(Seller, Seller.id == StockMovement.seller_id)
        .order_by(StockMovement.id)
        .execution_options(yield_per=BATCH)
    )  # fmt: skip
    count = 0
    for row in rows:
        values: Iterable = (
            row[0], row[1].isoformat(timespec="seconds"), row[2], row[3], row[4], row[5], row[6] or "",
            _number(row[7]), row[8] or "", row[9], row[10], row[11],
        )  # fmt: skip
        writer.writerow(values)
        count += 1
    return count


EXPORTS = {"articles": export_articles, "stock": export_stock, "movements": export_movements}


def export_csv(session: Session, what: str, path: Path) -> int:
    with path.open("w", encoding="utf-8", newline="") as handle:
        return EXPORTS[what](session, handle)
