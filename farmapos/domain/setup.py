"""Creating a pharmacy from nothing: the rows every other use case expects to exist."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from farmapos.domain.codes import validate_nif
from farmapos.domain.db import UnitOfWork
from farmapos.domain.errors import ValidationError
from farmapos.domain.models import Pharmacy, Seller, VatRate, Warehouse, Workstation
from farmapos.domain.security import hash_pin
from farmapos.messages import msg

# Spain's VAT rates: 4 % medicines for human use, 10 % sanitary products, 21 % general; 0 % exempt services.
SPANISH_VAT_RATES = (
    (Decimal("0.00"), "Exento"),
    (Decimal("4.00"), "Superreducido"),
    (Decimal("10.00"), "Reducido"),
    (Decimal("21.00"), "General"),
)


@dataclass(frozen=True)
class SellerData:
    code: str
    name: str
    colour: str
    pin: str | None = None
    role: str = "assistant"


def create_pharmacy(
    uow: UnitOfWork,
    *,
    legal_name: str,
    nif: str,
    trade_name: str = "",
    address: str = "",
    city: str = "",
    postal_code: str = "",
    phone: str = "",
    ticket_footer: str = "Gracias por su visita",
    warehouse_name: str = "Principal",
    workstation_name: str = "Mostrador 1",
    vat_rates: tuple[tuple[Decimal, str], ...] = SPANISH_VAT_RATES,
) -> None:
    """The pharmacy row, its VAT rates, a main warehouse and the first counter (code T1)."""
    with uow:
        session = uow.session
        if session.scalar(select(func.count()).select_from(Pharmacy)):
            raise ValidationError(msg("Esta base de datos ya tiene una farmacia."))
        session.add(
            Pharmacy(
                legal_name=legal_name,
                trade_name=trade_name,
                nif=validate_nif(nif),
                address=address,
                city=city,
                postal_code=postal_code,
                phone=phone,
                ticket_footer=ticket_footer,
            )
        )
        session.add_all(VatRate(rate=rate, name=name) for rate, name in vat_rates)
        warehouse = Warehouse(code="PRINCIPAL", name=warehouse_name)
        session.add(warehouse)
        session.flush()
        session.add(Workstation(code="T1", name=workstation_name, warehouse_id=warehouse.id))
        uow.commit()


def add_seller(uow: UnitOfWork, data: SellerData) -> int:
    with uow:
        code = data.code.strip().upper()
        if not code or not data.name.strip():
            raise ValidationError(msg("El vendedor necesita código y nombre."))
        if uow.session.scalar(select(Seller.id).where(Seller.code == code)) is not None:
            raise ValidationError(msg("Ya existe el vendedor {code}.", code=code))
        seller = Seller(
            code=code,
            name=data.name.strip(),
            colour=data.colour,
            pin_hash=hash_pin(data.pin) if data.pin else None,
            role=data.role,
        )
        uow.session.add(seller)
        uow.session.flush()
        seller_id = seller.id
        uow.commit()
    return seller_id
