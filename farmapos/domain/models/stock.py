"""Stock: warehouses, quantity on hand per article and warehouse, lots, and the append-only movement ledger.

The quantity on hand is a cache of the ledger: it only ever changes in the same transaction as the
movement that explains it (see `farmapos.domain.stock`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from farmapos.domain.base import Base, Code, Name, Quantity, Timestamp, utcnow

MOVEMENT_KINDS = ("sale", "return", "reception", "adjustment", "transfer", "count")

# SQLite autoincrements only INTEGER PRIMARY KEY; PostgreSQL gets 64 bits for a ledger that never shrinks.
LedgerId = BigInteger().with_variant(Integer(), "sqlite")


class Warehouse(Base):
    __tablename__ = "warehouse"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[Code] = mapped_column(unique=True)
    name: Mapped[Name]


class StockLevel(Base):
    __tablename__ = "stock_level"

    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id"), primary_key=True)
    quantity: Mapped[Quantity] = mapped_column(default=Decimal(0))
    low_alerted: Mapped[bool] = mapped_column(Boolean, default=False)
    """Set when the level crossed the reorder point, so the low-stock alert is raised once."""


class Lot(Base):
    __tablename__ = "lot"
    __table_args__ = (
        Index("ix_lot_article_warehouse_expiry", "article_id", "warehouse_id", "expiry"),
        UniqueConstraint("article_id", "warehouse_id", "batch"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id"))
    batch: Mapped[str] = mapped_column(String(20))
    expiry: Mapped[date | None] = mapped_column(Date, default=None)
    quantity: Mapped[Quantity] = mapped_column(default=Decimal(0))
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    """Created on the fly from a scanned pack: the batch was not known from a reception."""
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)


class StockMovement(Base):
    """One line of the ledger: who moved how much of what, where, when, why and by which document."""

    __tablename__ = "stock_movement"
    __table_args__ = (
        CheckConstraint(f"kind IN {MOVEMENT_KINDS!r}", name="kind_known"),
        Index("ix_stock_movement_article_created", "article_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(LedgerId, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(12))
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id"))
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lot.id"), default=None)
    quantity: Mapped[Quantity]
    """Signed delta: negative leaves the warehouse."""
    seller_id: Mapped[int | None] = mapped_column(ForeignKey("seller.id"), default=None)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    reason: Mapped[str] = mapped_column(String(120), default="")
    document_ref: Mapped[str] = mapped_column(String(60), default="", index=True)
    note: Mapped[str] = mapped_column(Text, default="")

    lot: Mapped[Lot | None] = relationship(lazy="raise")
