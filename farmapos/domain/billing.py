"""Monthly prescription billing to each payer, with the reconciliation that must be clean before it is final."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from farmapos.domain.errors import ValidationError
from farmapos.domain.models import (
    BillingMonth,
    CopayType,
    PrescriptionBlock,
    PrescriptionSlot,
    Sale,
    SaleLine,
)
from farmapos.domain.money import ZERO
from farmapos.messages import msg


@dataclass(frozen=True)
class BillingRow:
    copay_code: str
    copay_name: str
    prescriptions: int
    pvp_total: Decimal
    copay_total: Decimal
    invoice_total: Decimal


@dataclass(frozen=True)
class Billing:
    month: str
    payer: str
    rows: tuple[BillingRow, ...]
    discrepancies: tuple[str, ...]
    final: bool

    @property
    def totals(self) -> BillingRow:
        return BillingRow(
            "TOTAL", "", sum(r.prescriptions for r in self.rows), sum((r.pvp_total for r in self.rows), ZERO),
            sum((r.copay_total for r in self.rows), ZERO), sum((r.invoice_total for r in self.rows), ZERO),
        )  # fmt: skip


def month_bounds(month: str) -> tuple[datetime, datetime]:
    try:
        year, number = (int(part) for part in month.split("-"))
        start = datetime(year, number, 1).astimezone()
    except ValueError:
        raise ValidationError(msg("Mes no válido: {month!r} (use AAAA-MM).", month=month)) from None
    end = datetime(year + (number == 12), number % 12 + 1, 1).astimezone()
    return start, end


def billing(session: Session, month: str, payer: str = "SNS") -> Billing:
    """Prescriptions dispensed in the month per co-payment type of `payer` (returns subtract)."""
    start, end = month_bounds(month)
    frozen = session.scalar(
        select(BillingMonth).where(BillingMonth.month == month, BillingMonth.payer == payer)
    )
    in_month = (Sale.state == "closed") & (Sale.kind.in_(("ticket", "refund"))) & (Sale.closed_at >= start) & (
        Sale.closed_at < end
    )  # fmt: skip
    counted = func.sum(func.sign(SaleLine.quantity))
    rows = session.execute(
        select(CopayType.code, func.min(CopayType.name), counted, func.sum(SaleLine.amount + SaleLine.payer_amount),
               func.sum(SaleLine.amount), func.sum(SaleLine.payer_amount))
        .join(SaleLine, SaleLine.copay_type_id == CopayType.id)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(in_month, CopayType.payer == payer, SaleLine.pending_prescription.is_(False))
        .group_by(CopayType.code).order_by(CopayType.code)
    ).all()  # fmt: skip
    result = tuple(
        BillingRow(code, name, int(count), Decimal(pvp), Decimal(copay), Decimal(owed))
        for code, name, count, pvp, copay, owed in rows
    )
    return Billing(month, payer, result, tuple(reconcile(session, start, end, payer)), frozen is not None)


def reconcile(session: Session, start: datetime, end: datetime, payer: str) -> list[str]:
    """Every disagreement between the month's prescription sales and the blocks."""
    problems = []
    dispensed = session.execute(
        select(SaleLine.id, Sale.full_number, SaleLine.description, PrescriptionSlot.id)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .join(CopayType, CopayType.id == SaleLine.copay_type_id)
        .outerjoin(PrescriptionSlot, (PrescriptionSlot.sale_line_id == SaleLine.id))
        .where(Sale.state == "closed", Sale.kind == "ticket", Sale.closed_at >= start, Sale.closed_at < end,
               CopayType.payer == payer, SaleLine.pending_prescription.is_(False))
    ).all()  # fmt: skip
    for _line_id, number, description, slot_id in dispensed:
        if slot_id is None:
            problems.append(
                msg(
                    "{number} {article}: receta sin hueco en ningún bloque",
                    number=number,
                    article=description,
                )
            )
    pending = session.execute(
        select(Sale.full_number, SaleLine.description)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .join(CopayType, CopayType.id == SaleLine.copay_type_id)
        .where(Sale.state == "closed", Sale.closed_at >= start, Sale.closed_at < end, CopayType.payer == payer,
               SaleLine.pending_prescription.is_(True))
    ).all()  # fmt: skip
    problems += [
        msg("{number} {article}: receta pendiente sin completar", number=number, article=description)
        for number, description in pending
    ]
    return problems


def finalize(session: Session, month: str, payer: str, now: datetime) -> Billing:
    """Freeze the month for the payer: only when reconciliation is clean, and only once."""
    result = billing(session, month, payer)
    if result.final:
        raise ValidationError(
            msg("La facturación de {month} a {payer} ya es definitiva.", month=month, payer=payer)
        )
    if result.discrepancies:
        raise ValidationError(
            msg("Hay {count} discrepancias; corríjalas antes de facturar.", count=len(result.discrepancies))
        )
    totals = result.totals
    session.add(BillingMonth(month=month, payer=payer, frozen_at=now, prescriptions=totals.prescriptions,
                             pvp_total=totals.pvp_total, copay_total=totals.copay_total,
                             invoice_total=totals.invoice_total))  # fmt: skip
    _start, end = month_bounds(month)
    codes = select(CopayType.code).where(CopayType.payer == payer)
    for block in session.scalars(
        select(PrescriptionBlock).where(PrescriptionBlock.copay_code.in_(codes), PrescriptionBlock.opened_at < end,
                                        PrescriptionBlock.state.in_(("full", "closed")))
    ):  # fmt: skip
        block.state, block.billed_month = "billed", month
    return Billing(result.month, payer, result.rows, (), True)


def write_billing_csv(result: Billing, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\n")
        writer.writerow(
            ["month", "payer", "copay_type", "name", "prescriptions", "pvp", "copay", "to_invoice"]
        )
        for row in (*result.rows, result.totals):
            writer.writerow([result.month, result.payer, row.copay_code, row.copay_name, row.prescriptions,
                             row.pvp_total, row.copay_total, row.invoice_total])  # fmt: skip
