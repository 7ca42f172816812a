"""The pharmacy's settings as a value, read once per transaction rather than once per rule that needs one.

Rules read settings, they never change them (the back office edits the `Pharmacy` row itself), so they get
a plain frozen value read with one Core statement, not the ORM row: closing a sale reads it in the same
round trip as the sale (`COLUMNS`, `from_row`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from farmapos.domain.models import Pharmacy

_KEY = "farmapos.pharmacy"
_TABLE = Pharmacy.__table__
FIRST_PHARMACY = select(func.min(_TABLE.c.id)).correlate(None).scalar_subquery()
"""The id of the settings row (there is one), for queries that read it along with something else."""


@dataclass(frozen=True)
class PharmacySettings:
    """What the rules and the documents read of the pharmacy."""

    id: int
    legal_name: str
    trade_name: str
    nif: str
    address: str
    postal_code: str
    city: str
    phone: str
    ticket_header: str
    ticket_footer: str
    prices_include_vat: bool
    reorder_point_default: Decimal
    cash_rounding_step: Decimal
    oversell_policy: str
    discounts_on_prescriptions: bool
    card_types: str

    @property
    def display_name(self) -> str:
        return self.trade_name or self.legal_name

    @property
    def card_type_list(self) -> list[str]:
        return [name.strip() for name in self.card_types.split(",") if name.strip()]


COLUMNS = tuple(_TABLE.c[name] for name in PharmacySettings.__dataclass_fields__)
"""The settings' columns, in the order `from_row` reads them."""
_READ = select(*COLUMNS).order_by(_TABLE.c.id).limit(1)


def from_row(values: Sequence[object]) -> PharmacySettings | None:
    """The settings from `COLUMNS` read with other columns (all None: there is no pharmacy yet)."""
    return PharmacySettings(*values) if values[0] is not None else None


def pharmacy(session: Session) -> PharmacySettings | None:
    """The pharmacy's settings, cached in the session for the rest of its transaction."""
    if _KEY not in session.info:
        row = session.connection().execute(_READ).first()
        session.info[_KEY] = from_row(row) if row is not None else None
    return session.info[_KEY]


def remember(session: Session, value: PharmacySettings | None) -> None:
    """Cache the settings a query read along with other rows (`COLUMNS`), as `pharmacy` would."""
    session.info[_KEY] = value
