"""Sales and their documents: open and parked sales, lines, payments, numbering series, the fiscal chain."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
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

from farmapos.domain.base import Base, Code, Money, Name, Percent, Quantity, Timestamp, utcnow

SALE_STATES = ("open", "parked", "closed", "cancelled")
DOCUMENT_KINDS = ("ticket", "refund", "invoice")
PAYMENT_METHODS = ("cash", "card", "transfer", "credit")


class CopayType(Base):
    """A co-payment rule: the patient pays `patient_pct` % of the PVP (capped per pack where set).

    Rules are data with validity dates, because the law changes; a sale uses the rule in force on its date.
    """

    __tablename__ = "copay_type"
    __table_args__ = (UniqueConstraint("code", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[Code]
    name: Mapped[Name]
    patient_pct: Mapped[Percent]
    cap_per_pack: Mapped[Money | None] = mapped_column(default=None)
    payer: Mapped[str] = mapped_column(String(60), default="SNS")
    """Code of the payer that owes the rest (see `Payer`)."""
    cap_per_month: Mapped[Money | None] = mapped_column(default=None)
    """Most a patient pays in a calendar month under this type (pensioners); needs the patient at the sale."""
    reduced_atc: Mapped[bool] = mapped_column(Boolean, default=True)
    """Whether medicines of the reduced-contribution ATC groups pay the reduced percentage and cap."""
    block_size: Mapped[int] = mapped_column(Integer, default=25)
    block_scope: Mapped[str] = mapped_column(String(12), default="type")
    """Blocks per co-payment type only (`type`), or also per `seller` or per `workstation`."""
    admits_advertised: Mapped[bool] = mapped_column(Boolean, default=False)
    admits_excluded_funding: Mapped[bool] = mapped_column(Boolean, default=False)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date, default=None)


class DocumentSeries(Base):
    """Gapless numbering: one counter per workstation, document kind and year, taken under a row lock."""

    __tablename__ = "document_series"
    __table_args__ = (UniqueConstraint("workstation_id", "kind", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workstation_id: Mapped[int] = mapped_column(ForeignKey("workstation.id"))
    kind: Mapped[str] = mapped_column(String(10))
    year: Mapped[int] = mapped_column(Integer)
    prefix: Mapped[str] = mapped_column(String(20))
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class Sale(Base):
    __tablename__ = "sale"
    __table_args__ = (
        CheckConstraint(f"state IN {SALE_STATES!r}", name="state_known"),
        CheckConstraint(f"kind IN {DOCUMENT_KINDS!r}", name="kind_known"),
        UniqueConstraint("series", "number"),
        Index("ix_sale_workstation_state", "workstation_id", "state"),
        Index("ix_sale_closed_at", "closed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workstation_id: Mapped[int] = mapped_column(ForeignKey("workstation.id"))
    seller_id: Mapped[int] = mapped_column(ForeignKey("seller.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), default=None, index=True)
    state: Mapped[str] = mapped_column(String(10), default="open")
    kind: Mapped[str] = mapped_column(String(10), default="ticket")
    opened_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    updated_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    total_discount_pct: Mapped[Percent] = mapped_column(default=Decimal(0))
    total_discount_amount: Mapped[Money | None] = mapped_column(default=None)
    """A discount on the total typed in euros; when None the percentage applies."""
    series: Mapped[str | None] = mapped_column(String(20), default=None)
    number: Mapped[int | None] = mapped_column(Integer, default=None)
    full_number: Mapped[str | None] = mapped_column(String(40), default=None, unique=True)
    total: Mapped[Money | None] = mapped_column(default=None)
    vat_total: Mapped[Money | None] = mapped_column(default=None)
    payer_total: Mapped[Money | None] = mapped_column(default=None)
    discount_total: Mapped[Money | None] = mapped_column(default=None)
    cash_rounding: Mapped[Money] = mapped_column(default=Decimal(0))
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"), default=None, index=True)
    """A refund or a full invoice points at the ticket it corrects or replaces."""
    invoice_customer_nif: Mapped[str | None] = mapped_column(String(16), default=None)
    cash_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("cash_session.id"), default=None, index=True
    )
    """The drawer session open when the sale closed: its Z report counts it."""

    lines: Mapped[list[SaleLine]] = relationship(
        back_populates="sale", cascade="all, delete-orphan", order_by="SaleLine.position", lazy="selectin"
    )
    payments: Mapped[list[SalePayment]] = relationship(cascade="all, delete-orphan", lazy="select")
    vat: Mapped[list[SaleVat]] = relationship(cascade="all, delete-orphan", lazy="select")


class SaleLine(Base):
    __tablename__ = "sale_line"
    __table_args__ = (CheckConstraint("quantity != 0", name="quantity_not_zero"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id"), index=True)
    code: Mapped[Code]
    description: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[Quantity]
    unit_price: Mapped[Money]
    vat_rate: Mapped[Percent]
    discount_pct: Mapped[Percent] = mapped_column(default=Decimal(0))
    discount_amount: Mapped[Money | None] = mapped_column(default=None)
    copay_type_id: Mapped[int | None] = mapped_column(ForeignKey("copay_type.id"), default=None)
    copay_pct: Mapped[Percent | None] = mapped_column(default=None)
    pending_prescription: Mapped[bool] = mapped_column(Boolean, default=False)
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lot.id"), default=None)
    batch: Mapped[str | None] = mapped_column(String(20), default=None)
    expiry: Mapped[date | None] = mapped_column(Date, default=None)
    serial: Mapped[str | None] = mapped_column(String(20), default=None)
    amount: Mapped[Money | None] = mapped_column(default=None)
    """Set when the sale closes: what the customer paid for this line (after all discounts)."""
    payer_amount: Mapped[Money | None] = mapped_column(default=None)
    refunded_line_id: Mapped[int | None] = mapped_column(ForeignKey("sale_line.id"), default=None, index=True)
    copay_cap: Mapped[Money | None] = mapped_column(default=None)
    """Patient's cap for this line when the sale was priced: per pack, or what was left of a monthly cap."""
    prescription_number: Mapped[str | None] = mapped_column(String(40), default=None)
    completed_at: Mapped[datetime | None] = mapped_column(default=None)
    """When a pending prescription was completed (paper or electronic prescription received)."""
    register_data: Mapped[str | None] = mapped_column(Text, default=None)
    """Register-book data typed at the counter for a controlled medicine (JSON), until the sale closes."""

    sale: Mapped[Sale] = relationship(back_populates="lines")


class SaleVat(Base):
    """The VAT breakdown of a closed document exactly as printed, so reports sum it without recomputing."""

    __tablename__ = "sale_vat"

    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id", ondelete="CASCADE"), primary_key=True)
    rate: Mapped[Percent] = mapped_column(primary_key=True)
    base: Mapped[Money]
    quota: Mapped[Money]


class SalePayment(Base):
    __tablename__ = "sale_payment"
    __table_args__ = (CheckConstraint(f"method IN {PAYMENT_METHODS!r}", name="method_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(10))
    card_type: Mapped[str | None] = mapped_column(String(30), default=None)
    amount: Mapped[Money]
    tendered: Mapped[Money | None] = mapped_column(default=None)
    change: Mapped[Money] = mapped_column(default=Decimal(0))


class CustomerCredit(Base):
    """Customer account movements: a credit sale adds debt, a payment or refund reduces it."""

    __tablename__ = "customer_credit"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"), default=None)
    amount: Mapped[Money]
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(String(120), default="")


class FiscalChain(Base):
    """The head of an issuer's VERI*FACTU chain, locked while a record is appended."""

    __tablename__ = "fiscal_chain"

    issuer_nif: Mapped[str] = mapped_column(String(16), primary_key=True)
    last_fingerprint: Mapped[str] = mapped_column(String(64), default="")
    records: Mapped[int] = mapped_column(Integer, default=0)


class FiscalRecord(Base):
    """An invoice registration record (VERI*FACTU), append-only, stored exactly as fingerprinted."""

    __tablename__ = "fiscal_record"
    __table_args__ = (UniqueConstraint("issuer_nif", "sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issuer_nif: Mapped[str] = mapped_column(String(16))
    sequence: Mapped[int] = mapped_column(Integer)
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"), default=None, index=True)
    record_type: Mapped[str] = mapped_column(String(12))
    """alta (invoice registration) or anulacion (cancellation)."""
    invoice_type: Mapped[str] = mapped_column(String(4))
    series_number: Mapped[str] = mapped_column(String(60))
    issue_date: Mapped[date] = mapped_column(Date)
    vat_total: Mapped[Money]
    amount_total: Mapped[Money]
    previous_fingerprint: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    generated_at: Mapped[str] = mapped_column(String(40))
    """FechaHoraHusoGenRegistro exactly as hashed (ISO 8601 with the local offset)."""
    payload: Mapped[str] = mapped_column(Text)
    """The record as JSON with the tax agency's field names, ready to be sent."""
