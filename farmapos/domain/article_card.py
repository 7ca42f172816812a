"""The article card the counter shows for the selected line, and its edition (F6)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import bindparam, func, select

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


_ARTICLE = Article.__table__
_CARD_FIELDS = ("id", "code", "description", "price", "vat_rate", "location", "min_stock", "max_stock",
                "needs_prescription", "psychotropic", "narcotic", "fridge", "generic", "unlimited")  # fmt: skip
# The card is read after every scan, on a background thread that shares the interpreter with the counter's
# paint: Core statements on the tables, the article with its nearest expiry and the warning days in one.
_CARD = select(
    *(_ARTICLE.c[name] for name in _CARD_FIELDS),
    select(func.min(Lot.__table__.c.expiry))
    .where(Lot.__table__.c.article_id == _ARTICLE.c.id, Lot.__table__.c.quantity > 0)
    .scalar_subquery(),
    select(Pharmacy.__table__.c.expiry_warning_days).order_by(Pharmacy.__table__.c.id).limit(1).scalar_subquery(),
).where(_ARTICLE.c.id == bindparam("article_id"))
_LEVELS = (
    select(Warehouse.__table__.c.name, func.coalesce(StockLevel.__table__.c.quantity, 0))
    .outerjoin(
        StockLevel.__table__,
        (StockLevel.__table__.c.warehouse_id == Warehouse.__table__.c.id)
        & (StockLevel.__table__.c.article_id == bindparam("article_id")),
    )
    .order_by(Warehouse.__table__.c.id)
)
_CODES = select(ArticleCode.__table__.c.code, ArticleCode.__table__.c.kind).where(
    ArticleCode.__table__.c.article_id == bindparam("article_id")
)


def article_card(db: Database, article_id: int, today: date | None = None) -> ArticleCard:
    today = today or date.today()
    with db.core(read_only=True) as work:
        connection = work.connection
        found = connection.execute(_CARD, {"article_id": article_id}).first()
        if found is None:
            raise NotFound(msg("No existe el artículo {article_id}.", article_id=article_id))
        article = dict(zip(_CARD_FIELDS, found, strict=False))
        nearest, warning = found[len(_CARD_FIELDS)], found[len(_CARD_FIELDS) + 1] or 30
        levels = connection.execute(_LEVELS, {"article_id": article_id}).all()
        codes = connection.execute(_CODES, {"article_id": article_id}).all()
        coming = on_order(connection, [article_id])[article_id]
    total = sum((Decimal(q) for _n, q in levels), Decimal(0))
    if nearest is None:
        state = "none"
    elif nearest < today:
        state = "expired"
    elif nearest <= today + timedelta(days=warning):
        state = "near"
    else:
        state = "ok"
    minimum = Decimal(article["min_stock"])
    return ArticleCard(
        article["id"], article["code"], article["description"], Decimal(article["price"]),
        Decimal(article["vat_rate"]), article["location"], minimum, Decimal(article["max_stock"]),
        tuple((name, Decimal(q)) for name, q in levels), total, nearest, state,
        not article["unlimited"] and minimum > 0 and total < minimum, article["needs_prescription"],
        article["psychotropic"], article["narcotic"], article["fridge"], article["generic"], article["unlimited"],
        tuple(c for c, k in codes if k in ("ean13", "ean8", "gtin14", "upc")),
        tuple(c for c, k in codes if k in ("synonym", "supplier")),
        coming,
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
