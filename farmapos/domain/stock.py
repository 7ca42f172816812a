"""The stock ledger: every change of stock is a movement, written with the level it explains.

`apply_movements` (and `move_stock`, one movement) is the only writer of `stock_level` and `lot`
quantities. It adds the delta in the database (`quantity = quantity + :delta`) rather than writing a value
read earlier, so concurrent counters on PostgreSQL never lose an update, and it appends the movements in
the same transaction. Any number of movements takes a few statements; a sale that must see the levels to
choose its lots plans them first (`add_to_levels`, `lots_for_update`, `StockPlan`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from sqlalchemy import Insert, bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session

from farmapos.domain.base import utcnow
from farmapos.domain.db import dialect_insert
from farmapos.domain.errors import StockError, ValidationError
from farmapos.domain.models import Article, Lot, StockLevel, StockMovement
from farmapos.domain.models.stock import MOVEMENT_KINDS
from farmapos.formats import format_quantity
from farmapos.messages import Units, msg

_LEVEL = StockLevel.__table__
_LOT = Lot.__table__
_MOVEMENT = StockMovement.__table__
# Cached constructs: executed many at a time (one round trip for any number of rows).
_ADD_TO_LOT = (
    update(_LOT).where(_LOT.c.id == bindparam("lot")).values(quantity=_LOT.c.quantity + bindparam("delta"))
)
_INSERT = insert(_MOVEMENT)
_LOTS = (
    select(_LOT.c.id, _LOT.c.article_id, _LOT.c.expiry, _LOT.c.quantity)
    .where(
        _LOT.c.article_id.in_(bindparam("articles", expanding=True)),
        _LOT.c.warehouse_id == bindparam("warehouse"),
    )
    .order_by(_LOT.c.article_id, _LOT.c.expiry.is_(None), _LOT.c.expiry, _LOT.c.id)
    .with_for_update()
)
_LOTS_FOR_UPDATE = _LOTS.where(_LOT.c.quantity > 0)
_LOTS_FOR_UPDATE_ALSO = _LOTS.where(
    or_(_LOT.c.quantity > 0, _LOT.c.id.in_(bindparam("also", expanding=True)))
)
_SET_LOW_ALERTED = (
    update(_LEVEL)
    .where(_LEVEL.c.article_id == bindparam("article"), _LEVEL.c.warehouse_id == bindparam("warehouse"))
    .values(low_alerted=bindparam("low"))
)


@dataclass(frozen=True)
class LowStock:
    """Domain event: an article's stock crossed its reorder point (raised once until restocked)."""

    article_id: int
    warehouse_id: int
    quantity: Decimal
    reorder_point: Decimal


@dataclass(frozen=True)
class StockChange:
    article_id: int
    warehouse_id: int
    quantity_after: Decimal
    low_stock: LowStock | None = None


@dataclass(frozen=True)
class ArticleFacts:
    """What the ledger and the sale rules read of an article, read with the rows that need it (closing a
    sale reads its articles in the same query as its lines) rather than as `Article` objects."""

    id: int
    code: str
    description: str
    unlimited: bool
    min_stock: Decimal | None
    needs_prescription: bool
    psychotropic: bool
    narcotic: bool
    special_control: bool
    fridge: bool

    @property
    def controlled(self) -> bool:
        """Sales need an entry in the register book (psychotropic, narcotic or special control)."""
        return self.psychotropic or self.narcotic or self.special_control


@dataclass(frozen=True)
class Movement:
    """One movement to append: who moved how much of what, where, why and by which document."""

    kind: str
    article: Article | ArticleFacts
    warehouse_id: int
    quantity: Decimal
    """Signed delta: negative leaves the warehouse."""
    seller_id: int | None
    reason: str
    document_ref: str = ""
    lot_id: int | None = None
    note: str = ""
    at: datetime | None = None


@dataclass
class LotStock:
    """A lot as first-expiry-first-out sees it: its quantity follows the movements planned so far."""

    id: int
    article_id: int
    expiry: date | None
    quantity: Decimal


def reorder_point(session: Session, article: Article | ArticleFacts) -> Decimal:
    """The article's minimum when set, else the pharmacy's default reorder point."""
    if article.min_stock and article.min_stock > 0:
        return Decimal(article.min_stock)
    from farmapos.domain import settings

    current = settings.pharmacy(session)
    return Decimal(current.reorder_point_default if current is not None else 10)


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
    movement = Movement(
        kind, article, warehouse_id, quantity, seller_id, reason, document_ref, lot_id, note, at
    )
    _check(movement)
    session.flush()  # the movement may refer to rows still pending in the session (a new lot)
    return apply_movements(session, [movement])[0]


def _check(movement: Movement) -> None:
    if movement.kind not in MOVEMENT_KINDS:
        raise ValidationError(msg("Tipo de movimiento de stock desconocido: {kind!r}.", kind=movement.kind))
    if movement.article.unlimited:
        raise StockError(
            msg(
                "{article} no lleva stock (artículo sin control de existencias).",
                article=movement.article.description,
            )
        )
    if Decimal(movement.quantity) == 0:
        raise ValidationError(msg("Un movimiento de stock con cantidad cero no explica nada."))
    if not movement.reason.strip():
        raise ValidationError(msg("Todo movimiento de stock necesita un motivo."))


@dataclass(frozen=True)
class Levels:
    """Levels that `add_to_levels` has changed: by how much, and what they hold now (locked until commit)."""

    deltas: dict[tuple[int, int], Decimal]
    """(article, warehouse) → what was added."""
    after: dict[tuple[int, int], tuple[Decimal, bool]]
    """(article, warehouse) → (the level now, its low-stock flag as it was)."""

    def before(self, article_id: int, warehouse_id: int) -> Decimal:
        """The level before the change."""
        return self.after[article_id, warehouse_id][0] - self.deltas[article_id, warehouse_id]


@cache
def _level_upsert(dialect: str) -> Insert:
    """Add `quantity` to a level (creating it), returning the level and its low-stock flag: executed many."""
    statement = dialect_insert(dialect, _LEVEL)
    return statement.on_conflict_do_update(
        index_elements=["article_id", "warehouse_id"],
        set_={"quantity": _LEVEL.c.quantity + statement.excluded.quantity},
    ).returning(_LEVEL.c.article_id, _LEVEL.c.warehouse_id, _LEVEL.c.quantity, _LEVEL.c.low_alerted)


def add_to_levels(session: Session, deltas: Mapping[tuple[int, int], Decimal]) -> Levels:
    """Add each (article, warehouse) delta to its level in one upsert, which locks the levels until commit.

    The first half of `apply_movements`, for a caller that needs the locked levels to decide the movements
    (which lots): it then passes the result to `apply_movements`, whose movements must add up to `deltas`.
    """
    if not deltas:
        return Levels({}, {})
    rows = session.connection().execute(
        _level_upsert(session.get_bind().dialect.name),
        [
            {"article_id": article, "warehouse_id": warehouse, "quantity": delta, "low_alerted": False}
            for (article, warehouse), delta in sorted(deltas.items())
        ],
    )
    after = {
        (article, warehouse): (Decimal(quantity), bool(low)) for article, warehouse, quantity, low in rows
    }
    return Levels(dict(deltas), after)


def apply_movements(
    session: Session, movements: Sequence[Movement], levels: Levels | None = None
) -> list[StockChange]:
    """Append `movements` and apply their deltas to levels and lots, in a few statements whatever their number.

    One upsert adds each article's total to its level and returns the level (and its low-stock flag) under
    the row lock (or `levels`, when `add_to_levels` did it already); one statement moves the lots, one
    appends the ledger rows. The level after each movement, and the low-stock alert it raises, are those of
    applying the movements one by one in the given order. Written through the session's connection: rows
    the movements refer to must be in the database already.
    """
    if not movements:
        return []
    for movement in movements:
        _check(movement)
    deltas: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    lot_deltas: dict[int, Decimal] = defaultdict(Decimal)
    for movement in movements:
        deltas[movement.article.id, movement.warehouse_id] += Decimal(movement.quantity)
        if movement.lot_id is not None:
            lot_deltas[movement.lot_id] += Decimal(movement.quantity)
    if levels is None:
        levels = add_to_levels(session, deltas)
    elif levels.deltas != deltas:
        raise ValueError(f"movements add up to {dict(deltas)}, levels were changed by {levels.deltas}")
    connection = session.connection()
    if lot_deltas:
        connection.execute(_ADD_TO_LOT, [{"lot": lot, "delta": delta} for lot, delta in lot_deltas.items()])
    now = utcnow()
    rows = [
        {
            "kind": m.kind, "article_id": m.article.id, "warehouse_id": m.warehouse_id, "lot_id": m.lot_id,
            "quantity": Decimal(m.quantity), "seller_id": m.seller_id, "created_at": m.at or now,
            "reason": m.reason.strip(), "document_ref": m.document_ref, "note": m.note,
        }
        for m in movements
    ]  # fmt: skip
    connection.execute(_INSERT, rows)
    changes = _changes(session, movements, levels.after)
    _forget(session, deltas, lot_deltas)
    return changes


def _changes(
    session: Session,
    movements: Sequence[Movement],
    levels: dict[tuple[int, int], tuple[Decimal, bool]],
) -> list[StockChange]:
    """Replay the movements on each level: the level after each, and the alert when one crosses the reorder
    point (raised once; re-armed above it). The flag is written back once, when it ends up changed."""
    later: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    afters: list[Decimal] = [Decimal(0)] * len(movements)
    for index in range(len(movements) - 1, -1, -1):
        movement = movements[index]
        key = (movement.article.id, movement.warehouse_id)
        afters[index] = levels[key][0] - later[key]
        later[key] += Decimal(movement.quantity)
    alerted = {key: low for key, (_after, low) in levels.items()}
    points: dict[int, Decimal] = {}
    changes = []
    for movement, after in zip(movements, afters, strict=True):
        article = movement.article
        key = (article.id, movement.warehouse_id)
        if article.id not in points:
            points[article.id] = reorder_point(session, article)
        low = after <= points[article.id]
        alert = None
        if low != alerted[key]:
            alerted[key] = low
            if low:
                alert = LowStock(article.id, movement.warehouse_id, after, points[article.id])
        changes.append(StockChange(article.id, movement.warehouse_id, after, alert))
    flipped = [
        {"article": article, "warehouse": warehouse, "low": low}
        for (article, warehouse), low in alerted.items()
        if low != levels[article, warehouse][1]
    ]
    if flipped:
        session.connection().execute(_SET_LOW_ALERTED, flipped)
    return changes


def _forget(session: Session, levels: Iterable[tuple[int, int]], lots: Iterable[int]) -> None:
    """Expire the quantities of levels and lots loaded in the session, so they are read again when used."""
    identity_map = session.identity_map
    for key in levels:
        row = identity_map.get(StockLevel.__mapper__.identity_key_from_primary_key(list(key)))
        if row is not None:
            session.expire(row, ["quantity", "low_alerted"])
    for lot_id in lots:
        row = identity_map.get(Lot.__mapper__.identity_key_from_primary_key([lot_id]))
        if row is not None:
            session.expire(row, ["quantity"])


def lots_for_update(
    session: Session, article_ids: Collection[int], warehouse_id: int, also: Collection[int] = ()
) -> dict[int, list[LotStock]]:
    """Each article's lots with stock (and the lots `also`), first expiry first, locked: FEFO's candidates."""
    if not article_ids:
        return {}
    lots: dict[int, list[LotStock]] = {article: [] for article in article_ids}
    statement = _LOTS_FOR_UPDATE_ALSO if also else _LOTS_FOR_UPDATE
    parameters = {"articles": sorted(article_ids), "warehouse": warehouse_id, "also": sorted(also)}
    for lot_id, article, expiry, quantity in session.connection().execute(statement, parameters):
        lots[article].append(LotStock(lot_id, article, expiry, Decimal(quantity)))
    return lots


@dataclass
class StockPlan:
    """Movements decided one after another on levels and lots that follow them, as if each were written
    before the next is decided; `apply_movements` then writes them all at once."""

    levels: dict[int, Decimal]
    """Article → its level, for the articles taken first-expiry-first-out."""
    lots: dict[int, list[LotStock]]
    """Article → its lots, first expiry first (`lots_for_update`)."""
    movements: list[Movement] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lots_by_id = {lot.id: lot for article_lots in self.lots.values() for lot in article_lots}

    def add(self, movement: Movement) -> None:
        self.movements.append(movement)
        if movement.article.id in self.levels:
            self.levels[movement.article.id] += Decimal(movement.quantity)
        if movement.lot_id in self._lots_by_id:
            self._lots_by_id[movement.lot_id].quantity += Decimal(movement.quantity)

    def first_expiry_first_out(self, movement: Movement, today: date, policy: str) -> Decimal:
        """Take the units `movement` takes out from the article's unexpired lots, soonest expiry first, then
        from its stock without a lot; beyond that, sell what is missing (noted in the ledger, and returned
        so the seller is told) or, under the `block` oversell policy, refuse."""
        article = movement.article
        available = self.levels[article.id]
        remaining = -Decimal(movement.quantity)
        if remaining > available and policy == "block":
            raise StockError(
                msg(
                    "Sin stock suficiente de {article} (hay {available}).",
                    article=article.description,
                    available=Units(available),
                )
            )
        candidates = [lot for lot in self.lots[article.id] if lot.quantity > 0]
        # What the level holds outside any lot, counted before the takes below lower the lots (expired
        # lots count as held: their units are on the shelf, not for sale).
        lotless = max(Decimal(0), available - sum((lot.quantity for lot in candidates), Decimal(0)))
        for lot in candidates:
            if remaining <= 0:
                break
            if lot.expiry is not None and lot.expiry < today:
                continue
            take = min(remaining, lot.quantity)
            self.add(replace(movement, quantity=-take, lot_id=lot.id))
            remaining -= take
        if remaining <= 0:
            return Decimal(0)
        missing = max(Decimal(0), remaining - lotless)
        # The ledger's note is data, kept in Spanish; the seller is told by the caller, in their language.
        note = f"Vendido sin existencias: faltaban {format_quantity(missing)} unidades" if missing else ""
        self.add(replace(movement, quantity=-remaining, lot_id=None, note=note))
        return missing


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
        raise ValidationError(msg("El lote está vacío."))
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
            msg(
                "El lote {batch} ya existe con caducidad {expiry}, no {other}; revise el lote.",
                batch=batch,
                expiry=lot.expiry,
                other=expiry,
            )
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
