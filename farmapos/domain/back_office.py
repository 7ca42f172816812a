"""Back-office use cases over prescriptions, each in its own transaction, for screens and commands alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from farmapos.domain import billing as billing_rules
from farmapos.domain.base import utcnow
from farmapos.domain.blocks import BlockView, block_lines, block_views, close_block
from farmapos.domain.db import Database
from farmapos.domain.models import Pharmacy, RegisterEntry
from farmapos.domain.register import entries


@dataclass(frozen=True)
class RegisterRow:
    number: int
    created_at: datetime
    kind: str
    code: str
    description: str
    quantity: str
    patient: str
    prescriber: str
    stock_after: str


def header(db: Database) -> str:
    with db.uow(read_only=True) as uow:
        pharmacy = uow.session.scalar(select(Pharmacy).limit(1))
        return (
            f"{pharmacy.display_name} · NIF {pharmacy.nif} · {pharmacy.address} {pharmacy.city}"
            if pharmacy
            else ""
        )


def list_blocks(db: Database) -> list[BlockView]:
    with db.uow(read_only=True) as uow:
        return block_views(uow.session)


def close_block_by_hand(db: Database, block_id: int) -> None:
    with db.uow() as uow:
        close_block(uow.session, block_id, utcnow())
        uow.commit()


def write_block_cover(db: Database, block_id: int, path: Path) -> Path:
    from farmapos.reports.prescriptions_pdf import write_block_cover as write

    with db.uow(read_only=True) as uow:
        view = next(v for v in block_views(uow.session) if v.id == block_id)
        return write(path, header(db), view, block_lines(uow.session, block_id))


def billing(db: Database, month: str, payer: str, *, final: bool = False) -> billing_rules.Billing:
    with db.uow() as uow:
        result = (billing_rules.finalize(uow.session, month, payer, utcnow()) if final
                  else billing_rules.billing(uow.session, month, payer))  # fmt: skip
        uow.commit()
        return result


def register_rows(db: Database, book: str, date_from: datetime, date_to: datetime) -> list[RegisterEntry]:
    with db.uow(read_only=True) as uow:
        rows = entries(uow.session, book, date_from, date_to)
        uow.session.expunge_all()
        return rows
