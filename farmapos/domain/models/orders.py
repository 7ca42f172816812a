"""Supplier orders: the wholesalers the pharmacy buys from (almacenes, distribuidoras), its orders and their lines.

An order is a draft until it is sent; receptions against it add to each line's `received`, and it is
`partial` until every line has arrived (`received`). What is still expected from sent and partial orders
is the stock "on order" (see `farmapos.domain.orders.on_order`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from farmapos.domain.base import Base, Code, Money, Name, Quantity, Timestamp, utcnow
from farmapos.domain.errors import OrderError
from farmapos.messages import msg

ORDER_STATES = ("draft", "sent", "partial", "received", "cancelled")
OPEN_STATES = ("sent", "partial")
"""States whose pending quantities are on their way: what "on order" counts."""
STATE_NAMES = {
    "draft": msg("borrador"),
    "sent": msg("enviado"),
    "partial": msg("recibido en parte"),
    "received": msg("recibido"),
    "cancelled": msg("anulado"),
}


class Supplier(Base):
    """A wholesaler or laboratory the pharmacy orders from (Cofares, Hefame, Bidafarma…)."""

    __tablename__ = "supplier"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[Code] = mapped_column(unique=True)
    name: Mapped[Name]
    nif: Mapped[str | None] = mapped_column(String(16), default=None)
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class SupplierOrder(Base):
    """An order to a supplier, for one warehouse: draft → sent → partial → received, or cancelled."""

    __tablename__ = "supplier_order"
    __table_args__ = (
        CheckConstraint(f"state IN {ORDER_STATES!r}", name="state_known"),
        Index("ix_supplier_order_state", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    """The pharmacy's order number (1, 2, 3…), what people and the command line use."""
    supplier_id: Mapped[int] = mapped_column(ForeignKey("supplier.id"), index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id"))
    """Where the goods go: receptions against the order move stock into this warehouse."""
    state: Mapped[str] = mapped_column(String(10), default="draft")
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    created_by: Mapped[int] = mapped_column(ForeignKey("seller.id"))
    note: Mapped[str] = mapped_column(Text, default="")

    supplier: Mapped[Supplier] = relationship(lazy="joined", innerjoin=True)
    lines: Mapped[list[SupplierOrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="SupplierOrderLine.id", lazy="selectin"
    )

    @property
    def reference(self) -> str:
        """How the order is named on documents and in the stock ledger."""
        return f"Pedido {self.number}"

    def send(self, at: datetime) -> None:
        if self.state != "draft":
            raise OrderError(
                msg(
                    "El pedido {number} ya está {state}; solo se envía un borrador.",
                    number=self.number,
                    state=STATE_NAMES[self.state],
                )
            )
        if not self.lines:
            raise OrderError(msg("El pedido {number} no tiene líneas.", number=self.number))
        self.state = "sent"
        self.sent_at = at

    def cancel(self) -> None:
        """A draft, a sent order or the rest of a partial one (what has arrived stays received)."""
        if self.state in ("received", "cancelled"):
            raise OrderError(
                msg(
                    "El pedido {number} ya está {state}; no se puede anular.",
                    number=self.number,
                    state=STATE_NAMES[self.state],
                )
            )
        self.state = "cancelled"

    def check_receivable(self) -> None:
        if self.state == "draft":
            raise OrderError(
                msg(
                    "El pedido {number} es un borrador: márquelo como enviado antes de recibirlo.",
                    number=self.number,
                )
            )
        if self.state not in OPEN_STATES:
            raise OrderError(
                msg(
                    "El pedido {number} está {state}; no admite recepciones.",
                    number=self.number,
                    state=STATE_NAMES[self.state],
                )
            )

    def record_reception(self, quantities: Mapping[int, Decimal]) -> None:
        """Add what arrived (article id → units) to the lines, then set partial or received.

        More than ordered is accepted and kept as it is (`received` above `quantity`): the goods are on the
        shelf and on the delivery note, and the order view shows the excess for a claim or a return. An
        article that was not ordered gets a line with nothing ordered, for the same reason.
        """
        self.check_receivable()
        lines = {line.article_id: line for line in self.lines}
        for article_id, quantity in quantities.items():
            line = lines.get(article_id)
            if line is None:
                line = SupplierOrderLine(article_id=article_id, quantity=Decimal(0), received=Decimal(0))
                self.lines.append(line)
                lines[article_id] = line
            line.received = Decimal(line.received) + Decimal(quantity)
        complete = all(Decimal(line.received) >= Decimal(line.quantity) for line in self.lines)
        self.state = "received" if complete else "partial"


class SupplierOrderLine(Base):
    """An article of an order: units ordered and units received so far (which may end above the order)."""

    __tablename__ = "supplier_order_line"
    __table_args__ = (
        CheckConstraint("quantity >= 0 AND received >= 0", name="quantities_not_negative"),
        UniqueConstraint("order_id", "article_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("supplier_order.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id"), index=True)
    """Indexed: the counter's "on order" reads an article's open lines on every card."""
    quantity: Mapped[Quantity]
    """Units ordered; 0 on a line added by a reception of an article that was not ordered."""
    received: Mapped[Quantity] = mapped_column(default=Decimal(0))
    unit_cost: Mapped[Money | None] = mapped_column(default=None)

    order: Mapped[SupplierOrder] = relationship(back_populates="lines")

    @property
    def pending(self) -> Decimal:
        """Units still expected: never negative, whatever arrived in excess."""
        return max(Decimal(self.quantity) - Decimal(self.received), Decimal(0))
