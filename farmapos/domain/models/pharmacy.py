"""The pharmacy itself, its counters (workstations), sellers and the VAT rates it may use."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, validates

from farmapos.domain.base import Base, Code, Money, Name, Percent, Quantity, Timestamp, utcnow
from farmapos.domain.errors import ValidationError
from farmapos.messages import msg

OVERSELL_POLICIES = ("allow", "block")


class Pharmacy(Base):
    """One row: the pharmacy's legal data and the settings every counter shares."""

    __tablename__ = "pharmacy"

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_name: Mapped[Name]
    trade_name: Mapped[Name] = mapped_column(default="")
    nif: Mapped[str] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(80), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    ticket_header: Mapped[str] = mapped_column(Text, default="")
    ticket_footer: Mapped[str] = mapped_column(Text, default="")
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    prices_include_vat: Mapped[bool] = mapped_column(Boolean, default=True)
    reorder_point_default: Mapped[Quantity] = mapped_column(default=Decimal(10))
    expiry_warning_days: Mapped[int] = mapped_column(Integer, default=30)
    cash_rounding_step: Mapped[Money] = mapped_column(default=Decimal("0.00"))
    """0 means no cash rounding; 0.05 rounds cash payments to five cents."""
    oversell_policy: Mapped[str] = mapped_column(String(8), default="allow")
    """`allow`: sell below zero with a recorded discrepancy; `block`: refuse."""
    discounts_on_prescriptions: Mapped[bool] = mapped_column(Boolean, default=True)
    language: Mapped[str] = mapped_column(String(5), default="es")
    card_types: Mapped[str] = mapped_column(String(200), default="VISA,Mastercard,Maestro,American Express")
    """The card types the counter offers, comma-separated; a card payment must use one of them."""

    @validates("oversell_policy")
    def _check_policy(self, _key: str, value: str) -> str:
        if value not in OVERSELL_POLICIES:
            raise ValidationError(
                msg("Política de venta sin stock desconocida: {value!r} (allow o block).", value=value)
            )
        return value

    @property
    def card_type_list(self) -> list[str]:
        return [name.strip() for name in self.card_types.split(",") if name.strip()]

    @property
    def display_name(self) -> str:
        return self.trade_name or self.legal_name


class Workstation(Base):
    """A counter: it sells from one warehouse and has its own devices."""

    __tablename__ = "workstation"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[Code] = mapped_column(unique=True)
    name: Mapped[Name]
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id"))
    printer_uri: Mapped[str] = mapped_column(String(200), default="none")
    printer_columns: Mapped[int] = mapped_column(Integer, default=42)
    printer_profile: Mapped[str] = mapped_column(String(40), default="default")
    printer_code_page: Mapped[str] = mapped_column(String(10), default="cp858")
    display_uri: Mapped[str] = mapped_column(String(200), default="none")
    drawer_uri: Mapped[str] = mapped_column(String(200), default="none")
    scanner_uri: Mapped[str] = mapped_column(String(200), default="keyboard")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Seller(Base):
    """A person who sells at the counter; the PIN is kept only as a salted slow hash."""

    __tablename__ = "seller"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[Code] = mapped_column(unique=True)
    name: Mapped[Name]
    colour: Mapped[str] = mapped_column(String(9), default="#FFFFFF")
    pin_hash: Mapped[str | None] = mapped_column(String(200), default=None)
    role: Mapped[str] = mapped_column(String(16), default="assistant")
    can_open_drawer: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)

    @validates("colour")
    def _check_colour(self, _key: str, value: str) -> str:
        text = value.strip()
        hexdigits = text[1:]
        if not (text.startswith("#") and len(hexdigits) in (6, 8)) or any(
            c not in "0123456789abcdefABCDEF" for c in hexdigits
        ):
            raise ValidationError(msg("Color no válido: {value!r}; use el formato #RRGGBB.", value=value))
        return text.upper()

    @property
    def has_pin(self) -> bool:
        return self.pin_hash is not None


class VatRate(Base):
    """The VAT rates an article may carry; anything else is refused."""

    __tablename__ = "vat_rate"

    id: Mapped[int] = mapped_column(primary_key=True)
    rate: Mapped[Percent] = mapped_column(Numeric(5, 2), unique=True)
    name: Mapped[Name]
    active: Mapped[bool] = mapped_column(Boolean, default=True)


__all__ = ["OVERSELL_POLICIES", "Pharmacy", "Seller", "VatRate", "Workstation"]
