"""Cash sessions of a drawer and every movement of money at the counter."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from farmapos.domain.base import Base, Money, Timestamp, utcnow

SESSION_STATES = ("open", "closed", "verified")
CASH_MOVEMENT_KINDS = (
    "sale", "refund", "payment_in", "payment_out", "withdrawal", "credit_collection", "correction",
)  # fmt: skip


class CashSession(Base):
    """A drawer's shift: opened with a counted float, closed with a count; immutable once closed."""

    __tablename__ = "cash_session"
    __table_args__ = (
        CheckConstraint(f"state IN {SESSION_STATES!r}", name="state_known"),
        Index("ix_cash_session_workstation_state", "workstation_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workstation_id: Mapped[int] = mapped_column(ForeignKey("workstation.id"))
    state: Mapped[str] = mapped_column(String(10), default="open")
    opened_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    opened_by: Mapped[int] = mapped_column(ForeignKey("seller.id"))
    opening_float: Mapped[Money]
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("seller.id"), default=None)
    expected_cash: Mapped[Money | None] = mapped_column(default=None)
    counted_cash: Mapped[Money | None] = mapped_column(default=None)
    difference: Mapped[Money | None] = mapped_column(default=None)
    left_in_drawer: Mapped[Money | None] = mapped_column(default=None)
    taken_out: Mapped[Money | None] = mapped_column(default=None)
    count_detail: Mapped[str] = mapped_column(Text, default="")
    """The blind count by denomination as JSON (`{"50": 2, "0.20": 7}`), empty when a total was typed."""
    note: Mapped[str] = mapped_column(Text, default="")
    verified_at: Mapped[datetime | None] = mapped_column(default=None)
    verified_by: Mapped[int | None] = mapped_column(ForeignKey("seller.id"), default=None)

    movements: Mapped[list[CashMovement]] = relationship(back_populates="session", order_by="CashMovement.id")


class CashMovement(Base):
    """Money in a session: signed amount (+ into the drawer for cash), by method and card type."""

    __tablename__ = "cash_movement"
    __table_args__ = (CheckConstraint(f"kind IN {CASH_MOVEMENT_KINDS!r}", name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("cash_session.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    method: Mapped[str] = mapped_column(String(10), default="cash")
    card_type: Mapped[str | None] = mapped_column(String(30), default=None)
    amount: Mapped[Money] = mapped_column(default=Decimal(0))
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"), default=None, index=True)
    seller_id: Mapped[int | None] = mapped_column(ForeignKey("seller.id"), default=None)
    reason: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)

    session: Mapped[CashSession] = relationship(back_populates="movements")


class DrawerOpening(Base):
    """The drawer opened without a sale (change for a customer, a check): who, when, why."""

    __tablename__ = "drawer_opening"

    id: Mapped[int] = mapped_column(primary_key=True)
    workstation_id: Mapped[int] = mapped_column(ForeignKey("workstation.id"))
    seller_id: Mapped[int] = mapped_column(ForeignKey("seller.id"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("cash_session.id"), default=None)
    reason: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
