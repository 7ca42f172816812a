"""Customers: optional at a sale, required for credit."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from farmapos.domain.base import Base, Code, Money, Name, Percent, Timestamp, utcnow


class Customer(Base):
    __tablename__ = "customer"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[Code] = mapped_column(unique=True)
    name: Mapped[Name] = mapped_column(index=True)
    search_key: Mapped[str] = mapped_column(String(200), default="", index=True)
    nif: Mapped[str | None] = mapped_column(String(16), default=None, index=True)
    phone: Mapped[str] = mapped_column(String(30), default="", index=True)
    email: Mapped[str] = mapped_column(String(120), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    health_card: Mapped[str | None] = mapped_column(String(30), default=None, index=True)
    discount_pct: Mapped[Percent] = mapped_column(default=Decimal("0.00"))
    credit_limit: Mapped[Money] = mapped_column(default=Decimal("0.00"))
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
