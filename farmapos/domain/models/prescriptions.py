"""Prescription data: payers, reduced-contribution ATC groups, blocks and slots, billing months,
and the register book (libro recetario) of psychotropics and narcotics."""

from __future__ import annotations

from datetime import date, datetime

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
from sqlalchemy.orm import Mapped, mapped_column

from farmapos.domain.base import Base, Code, Money, Name, Percent, Quantity, Timestamp, utcnow

BOOKS = ("psychotropics", "narcotics")


class Payer(Base):
    """Who owes the rest of a prescription: the public health service, a mutual insurer, a private one."""

    __tablename__ = "payer"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[Code] = mapped_column(unique=True)
    name: Mapped[Name]
    kind: Mapped[str] = mapped_column(String(10), default="public")


class ReducedAtcGroup(Base):
    """ATC groups with a reduced contribution (e.g. 10 % capped at 4.98 € per pack), dated like the law."""

    __tablename__ = "reduced_atc_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    atc_prefix: Mapped[str] = mapped_column(String(10))
    patient_pct: Mapped[Percent]
    cap_per_pack: Mapped[Money]
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date, default=None)


class PrescriptionBlock(Base):
    __tablename__ = "prescription_block"
    __table_args__ = (Index("ix_prescription_block_open", "copay_code", "scope_key", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    copay_code: Mapped[Code]
    scope_key: Mapped[str] = mapped_column(String(40), default="")
    """Empty for blocks per type; `S<seller id>` or `W<workstation id>` when the type's blocks are split."""
    number: Mapped[int] = mapped_column(Integer)
    """Consecutive per co-payment type."""
    capacity: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(10), default="open")
    opened_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    billed_month: Mapped[str | None] = mapped_column(String(7), default=None)


class PrescriptionSlot(Base):
    """A prescription placed in a block; a return frees the slot for the next prescription of the type."""

    __tablename__ = "prescription_slot"
    __table_args__ = (Index("ix_prescription_slot_block", "block_id", "slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("prescription_block.id"))
    slot: Mapped[int] = mapped_column(Integer)
    sale_line_id: Mapped[int] = mapped_column(ForeignKey("sale_line.id"), unique=True)
    filled_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    freed_at: Mapped[datetime | None] = mapped_column(default=None)


class BillingMonth(Base):
    """A month invoiced to a payer in final mode: frozen, its figures kept as they were sent."""

    __tablename__ = "billing_month"
    __table_args__ = (UniqueConstraint("month", "payer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(String(7))
    payer: Mapped[Code]
    frozen_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    prescriptions: Mapped[int] = mapped_column(Integer)
    pvp_total: Mapped[Money]
    copay_total: Mapped[Money]
    invoice_total: Mapped[Money]


class RegisterBook(Base):
    """Numbering of a register book: it starts where the pharmacy's paper book left off."""

    __tablename__ = "register_book"

    book: Mapped[str] = mapped_column(String(16), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class RegisterEntry(Base):
    """A numbered, append-only entry of the libro recetario; a correction is a new entry pointing back."""

    __tablename__ = "register_entry"
    __table_args__ = (
        UniqueConstraint("book", "number"),
        CheckConstraint(f"book IN {BOOKS!r}", name="book_known"),
        Index("ix_register_entry_article", "article_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    book: Mapped[str] = mapped_column(String(16))
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(14))
    """dispensation, return, reception or correction."""
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id"))
    code: Mapped[Code]
    description: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[Quantity]
    """Signed: out of the pharmacy is negative."""
    sale_line_id: Mapped[int | None] = mapped_column(ForeignKey("sale_line.id"), default=None)
    document: Mapped[str] = mapped_column(String(60), default="")
    """Prescription number, order or purchase voucher."""
    on_prescription: Mapped[bool] = mapped_column(Boolean, default=True)
    copay_code: Mapped[str | None] = mapped_column(String(40), default=None)
    patient_name: Mapped[str] = mapped_column(String(120), default="")
    patient_id_document: Mapped[str] = mapped_column(String(20), default="")
    collector_id_document: Mapped[str] = mapped_column(String(20), default="")
    prescriber_name: Mapped[str] = mapped_column(String(120), default="")
    prescriber_number: Mapped[str] = mapped_column(String(20), default="")
    counterpart: Mapped[str] = mapped_column(String(120), default="")
    """Supplier of a reception, or prescriber of a dispensation, as the narcotics ledger shows it."""
    stock_before: Mapped[Quantity | None] = mapped_column(default=None)
    stock_after: Mapped[Quantity | None] = mapped_column(default=None)
    observations: Mapped[str] = mapped_column(Text, default="")
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("register_entry.id"), default=None)
    seller_id: Mapped[int | None] = mapped_column(ForeignKey("seller.id"), default=None)
