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


# The counter's start reads with Core statements on the tables (ORM attributes would configure every
# mapper first, a twentieth of a second): the first unit of work that needs the mappers configures them.
_PHARMACY = Pharmacy.__table__.c
_SELLER = Seller.__table__.c
_STATION = Workstation.__table__.c


def _first_pharmacy(column):
    return select(column).order_by(_PHARMACY.id).limit(1).scalar_subquery()


_SELLERS = (
    select(_SELLER.id, _SELLER.code, _SELLER.name, _SELLER.colour, _SELLER.pin_hash.is_not(None))
    .where(_SELLER.active.is_(True))
    .order_by(_SELLER.id)
)
_WORKSTATION = (
    select(
        _STATION.id, _STATION.code, _STATION.name, _STATION.warehouse_id, _first_pharmacy(_PHARMACY.trade_name),
        _first_pharmacy(_PHARMACY.legal_name), _STATION.printer_uri, _STATION.display_uri, _STATION.drawer_uri,
        _STATION.scanner_uri, _STATION.printer_columns, _STATION.printer_code_page, _STATION.printer_profile,
    )
    .where(_STATION.active.is_(True))
    .order_by(_STATION.id)
)  # fmt: skip


def list_sellers(db: Database) -> list[SellerView]:
    with db.uow(read_only=True) as uow:
        rows = uow.session.connection().execute(_SELLERS)
        return [
            SellerView(id_, code, name, colour, bool(has_pin)) for id_, code, name, colour, has_pin in rows
        ]


def verify_pin(db: Database, seller_id: int, pin: str) -> bool:
    with db.uow(read_only=True) as uow:
        seller = uow.session.get(Seller, seller_id)
        if seller is None:
            raise NotFound(msg("No existe el vendedor {seller_id}.", seller_id=seller_id))
        return seller.pin_hash is None or _verify(pin, seller.pin_hash)


def workstation_view(db: Database, code: str | None = None) -> WorkstationView:
    """This counter (`code`, or the first active one) with the pharmacy's name; a database without either
    is not set up for selling."""
    query = _WORKSTATION.where(_STATION.code == code.upper()) if code else _WORKSTATION
    with db.uow(read_only=True) as uow:
        row = uow.session.connection().execute(query.limit(1)).first()
    if row is None or (row[4] is None and row[5] is None):
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
    id_, code_, name, warehouse_id, trade_name, legal_name, *devices = row
    return WorkstationView(id_, code_, name, warehouse_id, trade_name or legal_name, *devices)


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
