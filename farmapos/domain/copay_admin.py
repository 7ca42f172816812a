"""Co-payment rules and payers as data: the law changes, so a new rule is a new dated row, never code."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from farmapos.domain.db import Database
from farmapos.domain.errors import NotFound, ValidationError
from farmapos.domain.models import CopayType, Payer
from farmapos.messages import msg


def add_payer(db: Database, *, code: str, name: str, kind: str = "private") -> None:
    code = code.strip().upper()
    if not code or not name.strip():
        raise ValidationError(msg("La entidad necesita código y nombre."))
    if kind not in ("public", "mutual", "private"):
        raise ValidationError(msg("Tipo de entidad: public, mutual o private."))
    with db.uow() as uow:
        if uow.session.scalar(select(Payer.id).where(Payer.code == code)):
            raise ValidationError(msg("Ya existe la entidad {code}.", code=code))
        uow.session.add(Payer(code=code, name=name.strip(), kind=kind))
        uow.commit()


def add_copay_type(
    db: Database,
    *,
    code: str,
    name: str,
    patient_pct: Decimal | None,
    payer: str,
    valid_from: date,
    valid_to: date | None = None,
    cap_per_pack: Decimal | None = None,
    cap_per_month: Decimal | None = None,
) -> None:
    """A rule in force from `valid_from`; the rule of the same code in force before it ends the day before."""
    code = code.strip().upper()
    if not code or not name.strip():
        raise ValidationError(msg("El tipo de aportación necesita código y nombre."))
    if patient_pct is None or not Decimal(0) <= patient_pct <= Decimal(100):
        raise ValidationError(msg("El porcentaje del paciente debe estar entre 0 y 100."))
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError(msg("La fecha final es anterior a la inicial."))
    for cap in (cap_per_pack, cap_per_month):
        if cap is not None and cap < 0:
            raise ValidationError(msg("Los topes no pueden ser negativos."))
    with db.uow() as uow:
        session = uow.session
        if session.scalar(select(Payer.id).where(Payer.code == payer.upper())) is None:
            raise NotFound(
                msg("No existe la entidad {payer!r}; añádala con `farmapos copay add-payer`.", payer=payer)
            )
        previous = session.scalars(
            select(CopayType).where(CopayType.code == code, CopayType.valid_from < valid_from,
                                    (CopayType.valid_to.is_(None)) | (CopayType.valid_to >= valid_from))
        ).all()  # fmt: skip
        for rule in previous:
            rule.valid_to = valid_from - timedelta(days=1)
        session.add(CopayType(code=code, name=name.strip(), patient_pct=patient_pct, payer=payer.upper(),
                              valid_from=valid_from, valid_to=valid_to, cap_per_pack=cap_per_pack,
                              cap_per_month=cap_per_month))  # fmt: skip
        uow.commit()


def copay_table(db: Database) -> list[str]:
    with db.uow(read_only=True) as uow:
        rules = uow.session.scalars(select(CopayType).order_by(CopayType.code, CopayType.valid_from)).all()
        return [
            f"{r.code:<8} {r.name:<40} {format(Decimal(r.patient_pct).normalize(), 'f'):>5} %  {r.payer:<8} "
            f"{r.valid_from} – {r.valid_to or '…'}"
            + (f"  tope envase {r.cap_per_pack}" if r.cap_per_pack is not None else "")
            + (f"  tope mes {r.cap_per_month}" if r.cap_per_month is not None else "")
            for r in rules
        ]
