"""The catalogue: articles, their codes, families (with a default VAT rate) and laboratories."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from farmapos.domain.base import Base, Code, Money, Name, Percent, Quantity, Timestamp, utcnow
from farmapos.domain.codes import CODE_KINDS
from farmapos.domain.errors import ValidationError
from farmapos.domain.text import search_key
from farmapos.messages import msg

# The search key is compared byte-wise on PostgreSQL (collation "C") so a btree index serves prefix ranges
# in key order whatever the database's locale.
SearchKey = String(300).with_variant(String(300, collation="C"), "postgresql")


class Family(Base):
    __tablename__ = "family"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[Code] = mapped_column(unique=True)
    name: Mapped[Name]
    vat_rate: Mapped[Percent]
    """Default VAT rate of new articles of this family."""
    max_discount_pct: Mapped[Percent | None] = mapped_column(default=None)


class Laboratory(Base):
    __tablename__ = "laboratory"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[Code] = mapped_column(unique=True)
    name: Mapped[Name]


class Article(Base):
    """A product sold at the counter: a medicine with its CN, a parapharmacy item, or an unlimited service."""

    __tablename__ = "article"
    __table_args__ = (
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint("last_cost >= 0 AND average_cost >= 0", name="cost_not_negative"),
        CheckConstraint("min_stock >= 0 AND max_stock >= 0", name="min_max_not_negative"),
        Index("ix_article_search_key", "search_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[Code] = mapped_column(unique=True)
    """The primary code: the CN with its check digit for medicines, an internal code otherwise."""
    description: Mapped[str] = mapped_column(String(200))
    search_key: Mapped[str] = mapped_column(SearchKey, default="")
    family_id: Mapped[int | None] = mapped_column(ForeignKey("family.id"), index=True, default=None)
    laboratory_id: Mapped[int | None] = mapped_column(ForeignKey("laboratory.id"), index=True, default=None)
    atc_code: Mapped[str] = mapped_column(String(10), default="")
    presentation: Mapped[str] = mapped_column(String(120), default="")
    location: Mapped[str] = mapped_column(String(40), default="")
    needs_prescription: Mapped[bool] = mapped_column(Boolean, default=False)
    psychotropic: Mapped[bool] = mapped_column(Boolean, default=False)
    narcotic: Mapped[bool] = mapped_column(Boolean, default=False)
    special_control: Mapped[bool] = mapped_column(Boolean, default=False)
    fridge: Mapped[bool] = mapped_column(Boolean, default=False)
    generic: Mapped[bool] = mapped_column(Boolean, default=False)
    excluded_funding: Mapped[bool] = mapped_column(Boolean, default=False)
    advertised: Mapped[bool] = mapped_column(Boolean, default=False)
    discontinued: Mapped[bool] = mapped_column(Boolean, default=False)
    unlimited: Mapped[bool] = mapped_column(Boolean, default=False)
    """Services and fees: sold without stock."""
    price: Mapped[Money] = mapped_column(default=Decimal("0.00"))
    """Retail price (PVP), VAT included unless the pharmacy says otherwise."""
    last_cost: Mapped[Money] = mapped_column(default=Decimal("0.00"))
    average_cost: Mapped[Money] = mapped_column(default=Decimal("0.00"))
    vat_rate: Mapped[Percent]
    min_stock: Mapped[Quantity] = mapped_column(default=Decimal(0))
    max_stock: Mapped[Quantity] = mapped_column(default=Decimal(0))
    max_discount_pct: Mapped[Percent | None] = mapped_column(default=None)
    measure_unit: Mapped[str] = mapped_column(String(8), default="")
    """Unit for the price per measure on labels (`ml`, `g`, `ud`); empty when not applicable."""
    measure_quantity: Mapped[Quantity | None] = mapped_column(default=None)
    updated_at: Mapped[Timestamp] = mapped_column(default=utcnow, onupdate=utcnow)

    # Loaded only when used: selling a line needs none of them.
    family: Mapped[Family | None] = relationship(lazy="select")
    laboratory: Mapped[Laboratory | None] = relationship(lazy="select")
    codes: Mapped[list[ArticleCode]] = relationship(back_populates="article", cascade="all, delete-orphan")

    @validates("description")
    def _keep_search_key(self, _key: str, value: str) -> str:
        text = " ".join(value.split())
        if not text:
            raise ValidationError(msg("La descripción del artículo está vacía."))
        self.search_key = search_key(text)
        return text

    @validates("price", "last_cost", "average_cost")
    def _not_negative(self, key: str, value: Decimal) -> Decimal:
        if value is not None and Decimal(value) < 0:
            raise ValidationError(
                msg("El importe {key} no puede ser negativo ({value}).", key=key, value=value)
            )
        return value

    @property
    def is_medicine(self) -> bool:
        return self.code.isdigit() and len(self.code) == 7

    @property
    def controlled(self) -> bool:
        """Sales need an entry in the register book (psychotropic, narcotic or special control)."""
        return self.psychotropic or self.narcotic or self.special_control


class ArticleCode(Base):
    """Every code that finds an article (its CN too): barcodes, synonyms, supplier codes. Unique."""

    __tablename__ = "article_code"
    __table_args__ = (CheckConstraint(f"kind IN {CODE_KINDS!r}", name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[Code] = mapped_column(unique=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))

    article: Mapped[Article] = relationship(back_populates="codes")
