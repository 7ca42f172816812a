"""Suppliers: the wholesalers (almacenes, distribuidoras: Cofares, Hefame, Bidafarma…) and laboratories the
pharmacy orders from. A supplier is withdrawn, never deleted: its orders keep naming it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from farmapos.domain.codes import clean_code, validate_nif
from farmapos.domain.db import Database
from farmapos.domain.errors import NotFound, ValidationError
from farmapos.domain.models import Supplier
from farmapos.messages import msg


@dataclass(frozen=True)
class SupplierView:
    id: int
    code: str
    name: str
    nif: str | None
    phone: str
    email: str
    active: bool


def add_supplier(
    db: Database, *, code: str, name: str, nif: str = "", phone: str = "", email: str = ""
) -> int:
    """A new supplier; the code is how orders name it (`COFARES`), the NIF is checked when given."""
    code = clean_code(code)
    name = " ".join(name.split())
    if not name:
        raise ValidationError(msg("El proveedor necesita un nombre."))
    checked_nif = validate_nif(nif) if nif.strip() else None
    email = email.strip()
    if email and "@" not in email:
        raise ValidationError(msg("Correo electrónico no válido: {email!r}.", email=email))
    with db.uow() as uow:
        if uow.session.scalar(select(Supplier.id).where(Supplier.code == code)) is not None:
            raise ValidationError(msg("Ya existe el proveedor {code}.", code=code))
        supplier = Supplier(code=code, name=name, nif=checked_nif, phone=phone.strip(), email=email)
        uow.session.add(supplier)
        uow.session.flush()
        supplier_id = supplier.id
        uow.commit()
    return supplier_id


def set_supplier_active(db: Database, supplier_id: int, active: bool) -> None:
    """Withdraw a supplier (no new orders; its orders stay) or bring it back."""
    with db.uow() as uow:
        supplier = uow.session.get(Supplier, supplier_id)
        if supplier is None:
            raise NotFound(msg("No existe el proveedor {supplier_id}.", supplier_id=supplier_id))
        supplier.active = active
        uow.commit()


def _supplier_view(s: Supplier) -> SupplierView:
    return SupplierView(s.id, s.code, s.name, s.nif, s.phone, s.email, s.active)


def list_suppliers(db: Database, *, include_inactive: bool = False) -> list[SupplierView]:
    with db.uow(read_only=True) as uow:
        query = select(Supplier).order_by(Supplier.code)
        if not include_inactive:
            query = query.where(Supplier.active.is_(True))
        return [_supplier_view(s) for s in uow.session.scalars(query)]


def find_supplier(db: Database, code: str) -> SupplierView:
    with db.uow(read_only=True) as uow:
        supplier = uow.session.scalar(select(Supplier).where(Supplier.code == code.strip().upper()))
        if supplier is None:
            raise NotFound(
                msg("No existe el proveedor {code!r}; añádalo antes de pedirle.", code=code.strip().upper())
            )
        return _supplier_view(supplier)
