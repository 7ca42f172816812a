"""The stock ledger: every change of stock is a movement, written with the level it explains.

`move_stock` is the only writer of `stock_level` and `lot` quantities. It adds the delta in the database
(`quantity = quantity + :delta`) rather than writing a value read earlier, so concurrent counters on
PostgreSQL never lose an update, and it appends the movement in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from farmapos.domain.base import utcnow
from farmapos.domain.errors import StockError, ValidationError
from farmapos.domain.models import Article, Lot, StockLevel, StockMovement
from farmapos.domain.models.stock import MOVEMENT_KINDS


@dataclass(frozen=True)
class LowStock:
    """Domain event: an article's stock crossed its reorder point (raised once until restocked)."""

    article_id: int
    warehouse_id: int
    quantity: Decimal
    reorder_point: Decimal


@dataclass(frozen=True)
class StockChange:
    movement_id: int
    article_id: int
    warehouse_id: int
    quantity_after: Decimal
    low_stock: LowStock | None = None


def reorder_point(session: Session, article: Article) -> Decimal:
    """The article's minimum when set, else the pharmacy's default reorder point."""
    if article.min_stock and article.min_stock > 0:
        return Decimal(article.min_stock)
    from farmapos.domain import settings

    current = settings.pharmacy(session)
    return Decimal(current.reorder_point_default if current is not None else 10)


def _add_to_level(session: Session, article_id: int, warehouse_id: int, delta: Decimal) -> Decimal:
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(StockLevel).values(
        article_id=article_id, warehouse_id=warehouse_id, quantity=delta, low_alerted=False
    )
    statement = statement.on_conflict_do_update(
        index_elements=["article_id", "warehouse_id"],
        set_={"quantity": StockLevel.quantity + statement.excluded.quantity},
    ).returning(StockLevel.quantity)
    return Decimal(session.execute(statement).scalar_one())


def move_stock(
    session: Session,
    *,
    kind: str,
    article: Article,
    warehouse_id: int,
    quantity: Decimal,
    seller_id: int | None,
    reason: str,
    document_ref: str = "",
    lot_id: int | None = None,
    note: str = "",
    at: datetime | None = None,
) -> StockChange:
    """Append one movement and apply its delta to the level (and lot); the caller commits."""
    if kind not in MOVEMENT_KINDS:
        raise ValidationError(f"Tipo de movimiento de stock desconocido: {kind!r}.")
    if article.unlimited:
        raise StockError(f"{article.description} no lleva stock (artículo sin control de existencias).")
    delta = Decimal(quantity)
    if delta == 0:
        raise ValidationError("Un movimiento de stock con cantidad cero no explica nada.")
    if not reason.strip():
        raise ValidationError("Todo movimiento de stock necesita un motivo.")
    after = _add_to_level(session, article.id, warehouse_id, delta)
    if lot_id is not None:
        session.execute(update(Lot).where(Lot.id == lot_id).values(quantity=Lot.quantity + delta))
    movement = StockMovement(
        kind=kind,
        article_id=article.id,
        warehouse_id=warehouse_id,
        lot_id=lot_id,
        quantity=delta,
        seller_id=seller_id,
        created_at=at or utcnow(),
        reason=reason.strip(),
        document_ref=document_ref,
        note=note,
    )
    session.add(movement)
    session.flush()
    return StockChange(
        movement_id=movement.id,
        article_id=article.id,
        warehouse_id=warehouse_id,
        quantity_after=after,
        low_stock=_check_reorder_point(session, article, warehouse_id, after),
    )


def _check_reorder_point(
    session: Session, article: Article, warehouse_id: int, after: Decimal
) -> LowStock | None:
    """Raise the low-stock alert once when the level falls to the reorder point; re-arm it above."""
    point = reorder_point(session, article)
    low = after <= point
    flipped = session.execute(
        update(StockLevel)
        .where(
            StockLevel.article_id == article.id,
            StockLevel.warehouse_id == warehouse_id,
            StockLevel.low_alerted.is_not(low),
        )
        .values(low_alerted=low)
    ).rowcount
    if low and flipped:
        return LowStock(article.id, warehouse_id, after, point)
    return None


def find_or_create_lot(
    session: Session,
    *,
    article_id: int,
    warehouse_id: int,
    batch: str,
    expiry: date | None,
    needs_review: bool,
) -> Lot:
    batch = batch.strip().upper()
    if not batch:
        raise ValidationError("El lote está vacío.")
    lot = session.scalar(
        select(Lot).where(Lot.article_id == article_id, Lot.warehouse_id == warehouse_id, Lot.batch == batch)
    )
    if lot is None:
        lot = Lot(
            article_id=article_id,
            warehouse_id=warehouse_id,
            batch=batch,
            expiry=expiry,
            quantity=Decimal(0),
            needs_review=needs_review,
        )
        session.add(lot)
        session.flush()
    elif expiry is not None and lot.expiry is not None and lot.expiry != expiry:
        raise ValidationError(
            f"El lote {batch} ya existe con caducidad {lot.expiry:%d/%m/%Y}, no {expiry:%d/%m/%Y}; "
            "revise el lote."
        )
    return lot


def on_hand(session: Session, article_id: int, warehouse_id: int | None = None) -> Decimal:
    query = select(func.coalesce(func.sum(StockLevel.quantity), 0)).where(StockLevel.article_id == article_id)
    if warehouse_id is not None:
        query = query.where(StockLevel.warehouse_id == warehouse_id)
    return Decimal(session.scalar(query))


def ledger_sum(session: Session, article_id: int, warehouse_id: int | None = None) -> Decimal:
    query = select(func.coalesce(func.sum(StockMovement.quantity), 0)).where(
        StockMovement.article_id == article_id
    )
    if warehouse_id is not None:
        query = query.where(StockMovement.warehouse_id == warehouse_id)
    return Decimal(session.scalar(query))


def ledger_mismatches(session: Session) -> list[tuple[int, int, Decimal, Decimal]]:
    """(article, warehouse, on hand, ledger sum) wherever the two disagree: empty on a sound database."""
    ledger = (
        select(
            StockMovement.article_id,
            StockMovement.warehouse_id,
            func.sum(StockMovement.quantity).label("total"),
        )
        .group_by(StockMovement.article_id, StockMovement.warehouse_id)
        .subquery()
    )
    rows = session.execute(
        select(StockLevel.article_id, StockLevel.warehouse_id, StockLevel.quantity, ledger.c.total)
        .outerjoin(
            ledger,
            (ledger.c.article_id == StockLevel.article_id)
            & (ledger.c.warehouse_id == StockLevel.warehouse_id),
        )
        .where(StockLevel.quantity != func.coalesce(ledger.c.total, 0))
    ).all()
    return [(a, w, Decimal(q), Decimal(t or 0)) for a, w, q, t in rows]
