"""Prescription blocks: each dispensed prescription takes the first free slot of an open block of its type.

A block that fills up is complete (the sale is told); a return frees its slot and a full block reopens so
the next prescription of the type fills the gap. Blocks closed by hand or billed never reopen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from farmapos.domain.errors import NotFound, ValidationError
from farmapos.domain.models import CopayType, PrescriptionBlock, PrescriptionSlot, Sale, SaleLine
from farmapos.messages import msg


@dataclass(frozen=True)
class SlotPlaced:
    block_id: int
    block_number: int
    copay_code: str
    slot: int
    completed: bool


@dataclass(frozen=True)
class BlockView:
    id: int
    copay_code: str
    number: int
    capacity: int
    state: str
    count: int
    pvp_total: Decimal
    copay_total: Decimal
    opened_at: datetime
    closed_at: datetime | None


def scope_key(copay: CopayType, sale: Sale) -> str:
    """Which series of blocks a prescription goes to: its type's, or its seller's or workstation's within it."""
    if copay.block_scope == "seller":
        return f"S{sale.seller_id}"
    if copay.block_scope == "workstation":
        return f"W{sale.workstation_id}"
    return ""


def place(session: Session, sale: Sale, line: SaleLine, copay: CopayType, now: datetime) -> SlotPlaced:
    """Put a dispensed prescription line of `sale` in the first free slot of its type's oldest open block."""
    key = scope_key(copay, sale)
    blocks = session.scalars(
        select(PrescriptionBlock)
        .where(
            PrescriptionBlock.copay_code == copay.code,
            PrescriptionBlock.scope_key == key,
            PrescriptionBlock.state == "open",
        )
        .order_by(PrescriptionBlock.number)
        .with_for_update()
    ).all()
    for block in blocks:
        taken = set(
            session.scalars(
                select(PrescriptionSlot.slot).where(
                    PrescriptionSlot.block_id == block.id, PrescriptionSlot.freed_at.is_(None)
                )
            )
        )
        free = [slot for slot in range(1, block.capacity + 1) if slot not in taken]
        if free:
            return _fill(session, block, free[0], line, len(taken) + 1, now)
    last = session.scalar(
        select(func.max(PrescriptionBlock.number)).where(
            PrescriptionBlock.copay_code == copay.code, PrescriptionBlock.scope_key == key
        )
    )
    block = PrescriptionBlock(copay_code=copay.code, scope_key=key, number=(last or 0) + 1,
                              capacity=copay.block_size, state="open", opened_at=now)  # fmt: skip
    session.add(block)
    session.flush()
    return _fill(session, block, 1, line, 1, now)


def _fill(
    session: Session, block: PrescriptionBlock, slot: int, line: SaleLine, count: int, now: datetime
) -> SlotPlaced:
    session.add(PrescriptionSlot(block_id=block.id, slot=slot, sale_line_id=line.id, filled_at=now))
    completed = count >= block.capacity
    if completed:
        block.state, block.closed_at = "full", now
    session.flush()
    return SlotPlaced(block.id, block.number, block.copay_code, slot, completed)


def free_slot(session: Session, original_line_id: int, now: datetime) -> SlotPlaced | None:
    """A fully returned prescription gives its slot back; a full block reopens for it."""
    slot = session.scalar(
        select(PrescriptionSlot).where(
            PrescriptionSlot.sale_line_id == original_line_id, PrescriptionSlot.freed_at.is_(None)
        )
    )
    if slot is None:
        return None
    block = session.get(PrescriptionBlock, slot.block_id)
    if block.state in ("closed", "billed"):
        return None
    slot.freed_at = now
    if block.state == "full":
        block.state, block.closed_at = "open", None
    session.flush()
    return SlotPlaced(block.id, block.number, block.copay_code, slot.slot, False)


def close_block(session: Session, block_id: int, now: datetime) -> None:
    block = session.get(PrescriptionBlock, block_id)
    if block is None:
        raise NotFound(msg("No existe el bloque {block_id}.", block_id=block_id))
    if block.state in ("closed", "billed"):
        raise ValidationError(
            msg("El bloque {copay} {block} ya está cerrado.", copay=block.copay_code, block=block.number)
        )
    block.state, block.closed_at = "closed", block.closed_at or now


def block_views(session: Session, copay_code: str | None = None) -> list[BlockView]:
    active = PrescriptionSlot.freed_at.is_(None)
    query = (
        select(
            PrescriptionBlock,
            func.count(PrescriptionSlot.id),
            func.coalesce(func.sum(SaleLine.amount + SaleLine.payer_amount), 0),
            func.coalesce(func.sum(SaleLine.amount), 0),
        )
        .outerjoin(PrescriptionSlot, (PrescriptionSlot.block_id == PrescriptionBlock.id) & active)
        .outerjoin(SaleLine, SaleLine.id == PrescriptionSlot.sale_line_id)
        .group_by(PrescriptionBlock.id)
        .order_by(PrescriptionBlock.copay_code, PrescriptionBlock.number)
    )
    if copay_code:
        query = query.where(PrescriptionBlock.copay_code == copay_code)
    return [
        BlockView(
            b.id,
            b.copay_code,
            b.number,
            b.capacity,
            b.state,
            count,
            Decimal(pvp),
            Decimal(copay),
            b.opened_at,
            b.closed_at,
        )
        for b, count, pvp, copay in session.execute(query)
    ]


def block_lines(session: Session, block_id: int) -> list[tuple[int, SaleLine, str]]:
    """(slot, line, ticket number) of a block's active slots, for its cover."""
    rows = session.execute(
        select(PrescriptionSlot.slot, SaleLine, Sale.full_number)
        .join(SaleLine, SaleLine.id == PrescriptionSlot.sale_line_id)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(PrescriptionSlot.block_id == block_id, PrescriptionSlot.freed_at.is_(None))
        .order_by(PrescriptionSlot.slot)
    ).all()
    return [(slot, line, number) for slot, line, number in rows]
