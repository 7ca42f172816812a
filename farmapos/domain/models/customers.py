"""Customers: optional at a sale, required for credit."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column, validates

from farmapos.domain.base import Base, Code, Money, Name, Percent, Timestamp, utcnow
from farmapos.domain.codes import validate_nif
from farmapos.domain.errors import ValidationError
from farmapos.domain.text import search_key
from farmapos.messages import msg


class Customer(Base):
    """A patient or client; found at the counter by name, phone, NIF or health card."""

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

    @validates("name")
    def _keep_search_key(self, _key: str, value: str) -> str:
        text = " ".join(value.split())
        if not text:
            raise ValidationError(msg("El nombre del cliente está vacío."))
        self.search_key = search_key(text)
        return text

    @validates("nif")
    def _check_nif(self, _key: str, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return validate_nif(value)

    @validates("discount_pct")
    def _check_discount(self, _key: str, value: Decimal) -> Decimal:
        if not Decimal(0) <= Decimal(value) <= Decimal(100):
            raise ValidationError(
                msg("El descuento del cliente debe estar entre 0 y 100 % ({value}).", value=value)
            )
        return value

    @validates("credit_limit")
    def _check_credit(self, _key: str, value: Decimal) -> Decimal:
        if Decimal(value) < 0:
            raise ValidationError(msg("El límite de crédito no puede ser negativo ({value}).", value=value))
        return value
