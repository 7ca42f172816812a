"""What the counter needs to start: this workstation, its sellers, and PIN checks."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from farmapos.domain.db import Database
from farmapos.domain.errors import ConfigurationError, NotFound
from farmapos.domain.models import Pharmacy, Seller, Workstation
from farmapos.domain.security import verify_pin as _verify
from farmapos.messages import msg


@dataclass(frozen=True)
class SellerView:
    id: int
    code: str
    name: str
    colour: str
    has_pin: bool


@dataclass(frozen=True)
class WorkstationView:
    id: int
    code: str
    name: str
    warehouse_id: int
    pharmacy_name: str
    printer_uri: str
    display_uri: str
    drawer_uri: str
    scanner_uri: str
    columns: int
    code_page: str
    profile: str = "default"


def list_sellers(db: Database) -> list[SellerView]:
    with db.uow(read_only=True) as uow:
        sellers = uow.session.scalars(select(Seller).where(Seller.active.is_(True)).order_by(Seller.id))
        return [SellerView(s.id, s.code, s.name, s.colour, s.has_pin) for s in sellers]


def verify_pin(db: Database, seller_id: int, pin: str) -> bool:
    with db.uow(read_only=True) as uow:
        seller = uow.session.get(Seller, seller_id)
        if seller is None:
            raise NotFound(msg("No existe el vendedor {seller_id}.", seller_id=seller_id))
        return seller.pin_hash is None or _verify(pin, seller.pin_hash)


def workstation_view(db: Database, code: str | None = None) -> WorkstationView:
    with db.uow(read_only=True) as uow:
        query = select(Workstation).where(Workstation.active.is_(True)).order_by(Workstation.id)
        if code:
            query = query.where(Workstation.code == code.upper())
        workstation = uow.session.scalars(query).first()
        pharmacy = uow.session.scalar(select(Pharmacy).limit(1))
        if workstation is None or pharmacy is None:
            raise ConfigurationError(
                msg(
                    "Esta base de datos no tiene farmacia ni mostradores: cree la demo con `farmapos demo-data` "
                    "o revise el mostrador {code!r}.",
                    code=code,
                )
                if code
                else msg(
                    "Esta base de datos no tiene farmacia ni mostradores: cree la demo con "
                    "`farmapos demo-data` o configure la farmacia."
                )
            )
        return WorkstationView(
            workstation.id, workstation.code, workstation.name, workstation.warehouse_id, pharmacy.display_name,
            workstation.printer_uri, workstation.display_uri, workstation.drawer_uri, workstation.scanner_uri,
            workstation.printer_columns, workstation.printer_code_page, workstation.printer_profile,
        )  # fmt: skip


def update_device_settings(db: Database, workstation_id: int, **settings: object) -> None:
    """Store a workstation's device settings (validated by the caller against the device layer)."""
    allowed = {"printer_uri", "display_uri", "drawer_uri", "scanner_uri", "printer_columns", "printer_code_page",
               "printer_profile"}  # fmt: skip
    unknown = set(settings) - allowed
    if unknown:
        raise ConfigurationError(
            msg("Ajustes de dispositivos desconocidos: {names}.", names=", ".join(sorted(unknown)))
        )
    with db.uow() as uow:
        workstation = uow.session.get(Workstation, workstation_id)
        if workstation is None:
            raise NotFound(msg("No existe el mostrador {workstation_id}.", workstation_id=workstation_id))
        for name, value in settings.items():
            setattr(workstation, name, value)
        uow.commit()
