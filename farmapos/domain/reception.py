"""Goods reception: stock in by lot, costs updated, register entries for controlled medicines, and the
supplier order it fulfils when there is one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from farmapos.domain.base import utcnow
from farmapos.domain.db import Database
from farmapos.domain.errors import NotFound, OrderError, ValidationError
from farmapos.domain.models import Article, Workstation
from farmapos.domain.money import round_cents
from farmapos.domain.orders import lock_order
from farmapos.domain.register import add_entry, book_of
from farmapos.domain.stock import find_or_create_lot, move_stock, on_hand
from farmapos.messages import msg


@dataclass(frozen=True)
class ReceivedLine:
    article_id: int
    quantity: Decimal
    batch: str | None = None
    expiry: date | None = None
    unit_cost: Decimal | None = None


def receive_goods(
    db: Database,
    *,
    workstation_id: int,
    seller_id: int,
    supplier: str = "",
    document: str = "",
    lines: list[ReceivedLine] | None,
    order_id: int | None = None,
    clock: Callable[[], datetime] = utcnow,
) -> int:
    """Receive a delivery note in one transaction; returns the number of lines received.

    With `order_id` the delivery is against that supplier order (sent or partly received, for this
    counter's warehouse): what arrives is added to the order's lines, which sets it partial or received
    (more than ordered, or an article not ordered, is accepted and recorded on the order — see
    `SupplierOrder.record_reception`). The supplier then defaults to the order's, the document (the ledger's
    `document_ref` and the register book's) to the delivery note or else the order's reference, and every
    ledger row notes the order; a line without a cost takes the order line's cost. `lines=None` receives
    everything still pending on the order, read under the order's lock (so two receptions cannot both
    count the same units).
    """
    if lines is None and order_id is None:
        raise ValidationError(msg("Sin pedido hay que indicar lo recibido."))
    if lines is not None and not lines:
        raise ValidationError(msg("El albarán no tiene líneas."))
    delivery_note = document.strip()
    if order_id is None and not delivery_note:
        raise ValidationError(msg("Indique el número de albarán."))
    with db.uow() as uow:
        session = uow.session
        warehouse_id = session.scalar(
            select(Workstation.warehouse_id).where(Workstation.id == workstation_id)
        )
        now = clock()
        order, note, costs = None, "", {}
        if order_id is not None:
            order = lock_order(session, order_id)
            order.check_receivable()
            if order.warehouse_id != warehouse_id:
                raise OrderError(
                    msg(
                        "{order} es para otro almacén; recíbalo en un puesto de ese almacén.",
                        order=order.reference,
                    )
                )
            supplier = supplier.strip() or order.supplier.name
            document = document.strip() or order.reference
            note = order.reference
            costs = {line.article_id: line.unit_cost for line in order.lines if line.unit_cost is not None}
            if lines is None:
                lines = [ReceivedLine(line.article_id, line.pending) for line in order.lines if line.pending > 0]
                if not lines:
                    raise OrderError(msg("{order} no tiene nada pendiente de recibir.", order=order.reference))
        received: dict[int, Decimal] = defaultdict(Decimal)
        for line in lines:
            article = session.get(Article, line.article_id)
            if article is None:
                raise NotFound(msg("No existe el artículo {article_id}.", article_id=line.article_id))
            if line.quantity <= 0:
                raise ValidationError(
                    msg("{article}: la cantidad recibida debe ser positiva.", article=article.description)
                )
            lot_id = None
            if line.batch:
                lot_id = find_or_create_lot(session, article_id=article.id, warehouse_id=warehouse_id,
                                            batch=line.batch, expiry=line.expiry, needs_review=False).id  # fmt: skip
            before = on_hand(session, article.id, warehouse_id)
            move_stock(session, kind="reception", article=article, warehouse_id=warehouse_id, quantity=line.quantity,
                       seller_id=seller_id, reason=f"Recepción {supplier}"[:120], document_ref=document, lot_id=lot_id,
                       note=note, at=now)  # fmt: skip
            received[article.id] += line.quantity
            unit_cost = line.unit_cost if line.unit_cost is not None else costs.get(article.id)
            if unit_cost is not None:
                if unit_cost < 0:
                    raise ValidationError(
                        msg("{article}: el coste no puede ser negativo.", article=article.description)
                    )
                held = max(before, Decimal(0))
                total = held * Decimal(article.average_cost) + line.quantity * unit_cost
                article.average_cost = round_cents(total / (held + line.quantity))
                article.last_cost = unit_cost
            if book_of(article) is not None:
                if not delivery_note:  # the register book names the supplier's document, not our order
                    raise ValidationError(
                        msg("{article} va al libro registro: indique el número de albarán del proveedor.",
                            article=article.description)
                    )  # fmt: skip
                add_entry(session, article=article, kind="reception", quantity=line.quantity,
                          stock_after=on_hand(session, article.id, warehouse_id), at=now, seller_id=seller_id,
                          document=document, counterpart=supplier,
                          observations=f"Lote {line.batch}" if line.batch else "")  # fmt: skip
        if order is not None:
            order.record_reception(received)
        uow.commit()
    return len(lines)
