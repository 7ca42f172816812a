"""The article card the counter shows for the selected line, and its edition (F6)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from farmapos.domain.catalogue import (
    ArticleData,
    _code_rows,
    _ensure_codes_free,
    check_article,
    known_vat_rates,
)
from farmapos.domain.db import Database
from farmapos.domain.errors import NotFound
from farmapos.domain.models import Article, ArticleCode, Lot, Pharmacy, StockLevel, Warehouse
from farmapos.domain.orders import on_order
from farmapos.messages import msg


@dataclass(frozen=True)
class ArticleCard:
    id: int
    code: str
    description: str
    price: Decimal
    vat_rate: Decimal
    location: str
    min_stock: Decimal
    max_stock: Decimal
    stock: tuple[tuple[str, Decimal], ...]
    """(warehouse name, on hand) for every warehouse holding or missing it."""
    total_stock: Decimal
    nearest_expiry: date | None
    expiry_state: str
    """expired, near (within the pharmacy's warning days), ok, or none (no lot with stock)."""
    below_min: bool
    needs_prescription: bool
    psychotropic: bool
    narcotic: bool
    fridge: bool
    generic: bool
    unlimited: bool
    barcodes: tuple[str, ...]
    synonyms: tuple[str, ...]
    on_order: Decimal = Decimal(0)
    """Units still expected from sent and partly received supplier orders (all warehouses); 0 when none."""


def article_card(db: Database, article_id: int, today: date | None = None) -> ArticleCard:
    today = today or date.today()
    with db.uow(read_only=True) as uow:
        session = uow.session
        article = session.get(Article, article_id)
        if article is None:
            raise NotFound(msg("No existe el artículo {article_id}.", article_id=article_id))
        levels = session.execute(
            select(Warehouse.name, func.coalesce(StockLevel.quantity, 0))
            .outerjoin(
                StockLevel, (StockLevel.warehouse_id == Warehouse.id) & (StockLevel.article_id == article_id)
            )
            .order_by(Warehouse.id)
        ).all()
        nearest = session.scalar(
            select(func.min(Lot.expiry)).where(Lot.article_id == article_id, Lot.quantity > 0)
        )
        warning = session.scalar(select(Pharmacy.expiry_warning_days).limit(1)) or 30
        total = sum((Decimal(q) for _n, q in levels), Decimal(0))
        if nearest is None:
            state = "none"
        elif nearest < today:
            state = "expired"
        elif nearest <= today + timedelta(days=warning):
            state = "near"
        else:
            state = "ok"
        codes = session.execute(
            select(ArticleCode.code, ArticleCode.kind).where(ArticleCode.article_id == article_id)
        ).all()
        return ArticleCard(
            article.id, article.code, article.description, Decimal(article.price), Decimal(article.vat_rate),
            article.location, Decimal(article.min_stock), Decimal(article.max_stock),
            tuple((name, Decimal(q)) for name, q in levels), total, nearest, state,
            not article.unlimited and article.min_stock > 0 and total < article.min_stock,
            article.needs_prescription, article.psychotropic, article.narcotic, article.fridge, article.generic,
            article.unlimited,
            tuple(c for c, k in codes if k in ("ean13", "ean8", "gtin14", "upc")),
            tuple(c for c, k in codes if k in ("synonym", "supplier")),
            on_order(session, [article_id])[article_id],
        )  # fmt: skip


def article_data(db: Database, article_id: int) -> ArticleData:
    """The article as editable data (what F6 opens)."""
    with db.uow(read_only=True) as uow:
        article = uow.session.get(Article, article_id)
        if article is None:
            raise NotFound(msg("No existe el artículo {article_id}.", article_id=article_id))
        codes = uow.session.execute(
            select(ArticleCode.code, ArticleCode.kind).where(ArticleCode.article_id == article_id)
        ).all()
        values = {f.name: getattr(article, f.name) for f in fields(ArticleData) if hasattr(Article, f.name)}
        values |= {
            "family_code": article.family.code if article.family else None,
            "laboratory": article.laboratory.name if article.laboratory else "",
            "barcodes": [c for c, k in codes if k in ("ean13", "ean8", "gtin14", "upc")],
            "synonyms": [c for c, k in codes if k in ("synonym", "supplier")],
        }
        return ArticleData(**values)


def update_article(db: Database, article_id: int, data: ArticleData) -> None:
    """Save an edited card: the same rules as a new article, codes kept unique across the catalogue."""
    with db.uow() as uow:
        session = uow.session
        article = session.get(Article, article_id)
        if article is None:
            raise NotFound(msg("No existe el artículo {article_id}.", article_id=article_id))
        checked = check_article(replace(data, code=article.code), known_vat_rates(session), article.vat_rate)
        rows = _code_rows(checked)
        _ensure_codes_free(session, [c for c, _k in rows], article_id)
        for name in ("description", "price", "vat_rate", "location", "min_stock", "max_stock", "max_discount_pct",
                     "last_cost", "atc_code", "presentation", "needs_prescription", "psychotropic", "narcotic",
                     "special_control", "fridge", "generic", "excluded_funding", "advertised", "discontinued",
                     "unlimited"):  # fmt: skip
            setattr(article, name, getattr(checked, name))
        wanted = dict(rows)
        for code in list(article.codes):
            if code.code not in wanted:
                article.codes.remove(code)
        present = {c.code for c in article.codes}
        article.codes.extend(ArticleCode(code=c, kind=k) for c, k in rows if c not in present)
        uow.commit()
