"""Supplier orders: min/max reorder proposals, orders to wholesalers, and the stock on order.

The reorder rule, per warehouse: an article is proposed when it is stocked (not unlimited), not
discontinued, has a maximum (`max_stock > 0`), and what the pharmacy has or has been promised — its stock
in the warehouse plus what sent and partly received orders for that warehouse still bring — is at or below
its minimum (`on hand + on order <= min_stock`; with no minimum, when that is zero or less). The proposal
orders up to the maximum: `max_stock - (on hand + on order)`, rounded up to whole units (packs are not
ordered by halves). Draft orders are not on order: they have not been sent.

Receptions against an order are in `farmapos.domain.reception.receive_goods` (its `order_id`); more than
ordered is accepted and kept on the order as an excess (see `SupplierOrder.record_reception`). Suppliers
are in `farmapos.domain.suppliers`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_CEILING, Decimal

from sqlalchemy import Connection, bindparam, case, func, select
from sqlalchemy.orm import Session

from farmapos.domain.base import utcnow
from farmapos.domain.db import Database
from farmapos.domain.errors import NotFound, ValidationError
from farmapos.domain.models import (
    Article,
    Pharmacy,
    Seller,
    StockLevel,
    Supplier,
    SupplierOrder,
    SupplierOrderLine,
    Warehouse,
)
from farmapos.domain.models.orders import OPEN_STATES, ORDER_STATES, STATE_NAMES
from farmapos.messages import msg

_LINE = SupplierOrderLine.__table__
_ORDER = SupplierOrder.__table__
_PENDING = func.sum(case((_LINE.c.quantity > _LINE.c.received, _LINE.c.quantity - _LINE.c.received), else_=0))
"""Units still expected over a set of lines: a line received in excess counts zero, never less."""
# Cached constructs: the counter reads "on order" with every article card.
_ON_ORDER = (
    select(_LINE.c.article_id, _PENDING)
    .join(_ORDER, _ORDER.c.id == _LINE.c.order_id)
    .where(_LINE.c.article_id.in_(bindparam("articles", expanding=True)), _ORDER.c.state.in_(OPEN_STATES))
    .group_by(_LINE.c.article_id)
)
_ON_ORDER_IN_WAREHOUSE = _ON_ORDER.where(_ORDER.c.warehouse_id == bindparam("warehouse"))


def _proposal_query():
    pending = (
        select(_LINE.c.article_id, _PENDING.label("quantity"))
        .join(_ORDER, _ORDER.c.id == _LINE.c.order_id)
        .where(_ORDER.c.state.in_(OPEN_STATES), _ORDER.c.warehouse_id == bindparam("warehouse"))
        .group_by(_LINE.c.article_id)
        .subquery("pending")
    )
    held = func.coalesce(StockLevel.quantity, 0)
    coming = func.coalesce(pending.c.quantity, 0)
    return (
        select(
            Article.id, Article.code, Article.description, held, coming, Article.min_stock, Article.max_stock
        )
        .outerjoin(
            StockLevel,
            (StockLevel.article_id == Article.id) & (StockLevel.warehouse_id == bindparam("warehouse")),
        )
        .outerjoin(pending, pending.c.article_id == Article.id)
        .where(
            Article.max_stock > 0,
            Article.discontinued.is_(False),
            Article.unlimited.is_(False),
            held + coming <= Article.min_stock,
            held + coming < Article.max_stock,
        )
        .order_by(Article.description, Article.code)
    )


_PROPOSAL = _proposal_query()


def _quantity(value: object) -> Decimal:
    """A quantity read back from either engine: Decimal as typed, anything else (a bare 0) made one."""
    return value if isinstance(value, Decimal) else Decimal(str(value or 0)).quantize(Decimal("0.001"))


# --- views -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalRow:
    """An article to reorder: what is on hand and on order, its min/max, and the units proposed."""

    article_id: int
    code: str
    description: str
    on_hand: Decimal
    on_order: Decimal
    min_stock: Decimal
    max_stock: Decimal
    proposed: Decimal


@dataclass(frozen=True)
class OrderLineInput:
    article_id: int
    quantity: Decimal
    unit_cost: Decimal | None = None


@dataclass(frozen=True)
class OrderLineView:
    article_id: int
    code: str
    description: str
    quantity: Decimal
    received: Decimal
    pending: Decimal
    """Still expected: never negative."""
    excess: Decimal
    """Received beyond the order (kept, for a claim or a return to the supplier)."""
    unit_cost: Decimal | None


@dataclass(frozen=True)
class OrderView:
    id: int
    number: int
    reference: str
    supplier_id: int
    supplier_code: str
    supplier_name: str
    warehouse_id: int
    state: str
    state_name: str
    created_at: datetime
    sent_at: datetime | None
    created_by: str
    note: str
    lines: tuple[OrderLineView, ...]

    @property
    def pending(self) -> Decimal:
        return sum((line.pending for line in self.lines), Decimal(0))


@dataclass(frozen=True)
class OrderSummary:
    id: int
    number: int
    supplier_code: str
    supplier_name: str
    state: str
    state_name: str
    created_at: datetime
    sent_at: datetime | None
    lines: int
    ordered: Decimal
    received: Decimal


# --- warehouses ---------------------------------------------------------------------------------------------


def resolve_warehouse(db: Database, code: str) -> int:
    """The warehouse of that code."""
    with db.uow(read_only=True) as uow:
        warehouse_id = uow.session.scalar(select(Warehouse.id).where(Warehouse.code == code.strip().upper()))
    if warehouse_id is None:
        raise NotFound(msg("No existe el almacén {code!r}.", code=code))
    return warehouse_id


# --- on order and the proposal -----------------------------------------------------------------------------


def on_order(
    bind: Session | Connection, article_ids: Collection[int], warehouse_id: int | None = None
) -> dict[int, Decimal]:
    """Units still expected for each article (0 where none): sent and partly received orders only,
    each line counting what was ordered minus what arrived, never less than zero. One indexed query."""
    if not article_ids:
        return {}
    parameters: dict[str, object] = {"articles": sorted(set(article_ids))}
    statement = _ON_ORDER
    if warehouse_id is not None:
        statement, parameters["warehouse"] = _ON_ORDER_IN_WAREHOUSE, warehouse_id
    found = {article: _quantity(quantity) for article, quantity in bind.execute(statement, parameters)}
    return {article: found.get(article, Decimal("0.000")) for article in article_ids}


def reorder_proposal(db: Database, warehouse_id: int) -> list[ProposalRow]:
    """The articles to reorder in a warehouse and how many units of each (the rule is in the module's doc).

    One set-based query over the catalogue (stock levels and open order lines joined, nothing per article),
    ordered by description.
    """
    with db.uow(read_only=True) as uow:
        rows = uow.session.execute(_PROPOSAL, {"warehouse": warehouse_id}).all()
    proposal = []
    for article_id, code, description, held, coming, minimum, maximum in rows:
        held, coming, maximum = _quantity(held), _quantity(coming), _quantity(maximum)
        proposed = (maximum - held - coming).to_integral_value(rounding=ROUND_CEILING)
        proposal.append(ProposalRow(article_id, code, description, held, coming, _quantity(minimum), maximum,
                                    proposed))  # fmt: skip
    return proposal


def lines_from_proposal(rows: Iterable[ProposalRow]) -> list[OrderLineInput]:
    return [OrderLineInput(row.article_id, row.proposed) for row in rows if row.proposed > 0]


# --- orders ------------------------------------------------------------------------------------------------


def _check_lines(session: Session, lines: Iterable[OrderLineInput]) -> dict[int, OrderLineInput]:
    """The lines merged by article (quantities added), after checking every article and quantity."""
    lines = list(lines)
    if not lines:
        raise ValidationError(msg("El pedido no tiene líneas."))
    ids = {line.article_id for line in lines}
    articles = {a.id: a for a in session.scalars(select(Article).where(Article.id.in_(ids)))}
    merged: dict[int, OrderLineInput] = {}
    for line in lines:
        article = articles.get(line.article_id)
        if article is None:
            raise NotFound(msg("No existe el artículo {article_id}.", article_id=line.article_id))
        quantity = Decimal(line.quantity)
        if not quantity.is_finite() or quantity <= 0:
            raise ValidationError(
                msg("{article}: la cantidad pedida debe ser positiva.", article=article.description)
            )
        cost = None if line.unit_cost is None else Decimal(line.unit_cost)
        if cost is not None and (not cost.is_finite() or cost < 0):
            raise ValidationError(
                msg("{article}: el coste no puede ser negativo.", article=article.description)
            )
        if article.unlimited:
            raise ValidationError(
                msg("{article} no lleva stock: no se pide a un proveedor.", article=article.description)
            )
        if article.discontinued:
            raise ValidationError(
                msg("{article} está dado de baja: no se puede pedir.", article=article.description)
            )
        previous = merged.get(article.id)
        if previous is not None:
            quantity += previous.quantity
            cost = cost if cost is not None else previous.unit_cost
        merged[article.id] = OrderLineInput(article.id, quantity, cost)
    return merged


def _next_number(session: Session) -> int:
    """The next order number, taken under the pharmacy row's lock so two back offices never share one."""
    session.execute(select(Pharmacy.id).with_for_update())
    return (session.scalar(select(func.max(SupplierOrder.number))) or 0) + 1


def create_order(
    db: Database,
    supplier_id: int,
    lines: Iterable[OrderLineInput],
    seller_id: int,
    *,
    warehouse_id: int | None = None,
    note: str = "",
    clock: Callable[[], datetime] = utcnow,
) -> OrderView:
    """A draft order to an active supplier (by hand, or from `lines_from_proposal`); the same article twice is
    one line with the quantities added. Goods go to `warehouse_id` (the main warehouse by default)."""
    with db.uow() as uow:
        session = uow.session
        supplier = session.get(Supplier, supplier_id)
        if supplier is None:
            raise NotFound(msg("No existe el proveedor {supplier_id}.", supplier_id=supplier_id))
        if not supplier.active:
            raise ValidationError(
                msg("El proveedor {code} está dado de baja; no admite pedidos.", code=supplier.code)
            )
        if session.get(Seller, seller_id) is None:
            raise NotFound(msg("No existe el vendedor {seller_id}.", seller_id=seller_id))
        if warehouse_id is None:
            warehouse_id = session.scalar(select(Warehouse.id).order_by(Warehouse.id).limit(1))
        if warehouse_id is None or session.get(Warehouse, warehouse_id) is None:
            raise NotFound(msg("No existe el almacén {warehouse_id}.", warehouse_id=warehouse_id))
        checked = _check_lines(session, lines)
        order = SupplierOrder(
            number=_next_number(session), supplier=supplier, warehouse_id=warehouse_id, state="draft",
            created_at=clock(), created_by=seller_id, note=note.strip(),
            lines=[SupplierOrderLine(article_id=line.article_id, quantity=line.quantity, received=Decimal(0),
                                     unit_cost=line.unit_cost) for line in checked.values()],
        )  # fmt: skip
        session.add(order)
        session.flush()
        view = _view(session, order)
        uow.commit()
    return view


def lock_order(session: Session, order_id: int) -> SupplierOrder:
    """The order, locked until the transaction ends (receptions and state changes wait for each other)."""
    order = session.scalar(
        select(SupplierOrder).where(SupplierOrder.id == order_id).with_for_update(of=SupplierOrder)
    )
    if order is None:
        raise NotFound(msg("No existe el pedido {order_id}.", order_id=order_id))
    return order


def send_order(db: Database, order_id: int, clock: Callable[[], datetime] = utcnow) -> OrderView:
    """Mark a draft as sent to the supplier: from now on its lines are on order."""
    with db.uow() as uow:
        order = lock_order(uow.session, order_id)
        order.send(clock())
        uow.session.flush()
        view = _view(uow.session, order)
        uow.commit()
    return view


def cancel_order(db: Database, order_id: int) -> OrderView:
    """Cancel a draft, a sent order, or what is left of a partly received one (its receptions stay)."""
    with db.uow() as uow:
        order = lock_order(uow.session, order_id)
        order.cancel()
        uow.session.flush()
        view = _view(uow.session, order)
        uow.commit()
    return view


def find_order(db: Database, number: int) -> int:
    """The id of the order with that number."""
    with db.uow(read_only=True) as uow:
        order_id = uow.session.scalar(select(SupplierOrder.id).where(SupplierOrder.number == number))
    if order_id is None:
        raise NotFound(msg("No existe el pedido {number}.", number=number))
    return order_id


def order_view(db: Database, order_id: int) -> OrderView:
    with db.uow(read_only=True) as uow:
        order = uow.session.get(SupplierOrder, order_id)
        if order is None:
            raise NotFound(msg("No existe el pedido {order_id}.", order_id=order_id))
        return _view(uow.session, order)


def _view(session: Session, order: SupplierOrder) -> OrderView:
    articles = dict(
        (row[0], row[1:])
        for row in session.execute(
            select(Article.id, Article.code, Article.description).where(
                Article.id.in_([line.article_id for line in order.lines])
            )
        )
    )
    seller = session.scalar(select(Seller.name).where(Seller.id == order.created_by)) or ""
    lines = []
    for line in order.lines:
        code, description = articles[line.article_id]
        quantity, received = Decimal(line.quantity), Decimal(line.received)
        lines.append(OrderLineView(line.article_id, code, description, quantity, received, line.pending,
                                   max(received - quantity, Decimal(0)),
                                   Decimal(line.unit_cost) if line.unit_cost is not None else None))  # fmt: skip
    supplier = order.supplier
    return OrderView(
        order.id, order.number, order.reference, supplier.id, supplier.code, supplier.name, order.warehouse_id,
        order.state, STATE_NAMES[order.state], order.created_at, order.sent_at, seller, order.note, tuple(lines),
    )  # fmt: skip


def list_orders(
    db: Database, *, states: Collection[str] | None = None, supplier_id: int | None = None, limit: int = 200
) -> list[OrderSummary]:
    """The latest orders first, with their line count and units ordered and received."""
    unknown = set(states or ()) - set(ORDER_STATES)
    if unknown:
        raise ValidationError(
            msg("Estado de pedido desconocido: {states}.", states=", ".join(sorted(unknown)))
        )
    query = (
        select(
            SupplierOrder.id,
            SupplierOrder.number,
            Supplier.code,
            Supplier.name,
            SupplierOrder.state,
            SupplierOrder.created_at,
            SupplierOrder.sent_at,
            func.count(SupplierOrderLine.id),
            func.coalesce(func.sum(SupplierOrderLine.quantity), 0),
            func.coalesce(func.sum(SupplierOrderLine.received), 0),
        )
        .join(Supplier, Supplier.id == SupplierOrder.supplier_id)
        .outerjoin(SupplierOrderLine, SupplierOrderLine.order_id == SupplierOrder.id)
        .group_by(SupplierOrder.id, Supplier.code, Supplier.name)
        .order_by(SupplierOrder.number.desc())
        .limit(limit)
    )
    if states:
        query = query.where(SupplierOrder.state.in_(sorted(states)))
    if supplier_id is not None:
        query = query.where(SupplierOrder.supplier_id == supplier_id)
    with db.uow(read_only=True) as uow:
        rows = uow.session.execute(query).all()
    return [
        OrderSummary(i, n, code, name, state, STATE_NAMES[state], created, sent, count, _quantity(ordered),
                     _quantity(received))
        for i, n, code, name, state, created, sent, count, ordered, received in rows
    ]  # fmt: skip
