"""Checking the stored VERI*FACTU chains: every fingerprint recomputed from the stored fields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from farmapos.domain import verifactu
from farmapos.domain.models import FiscalRecord


@dataclass(frozen=True)
class ChainReport:
    issuer_nif: str
    records: int
    broken: verifactu.ChainBreak | None


def as_record(row: FiscalRecord) -> verifactu.InvoiceRecord:
    return verifactu.InvoiceRecord(
        issuer_nif=row.issuer_nif,
        series_number=row.series_number,
        issue_date=row.issue_date,
        invoice_type=row.invoice_type,
        vat_total=row.vat_total,
        amount_total=row.amount_total,
        previous_fingerprint=row.previous_fingerprint,
        generated_at=datetime.fromisoformat(row.generated_at),
        fingerprint=row.fingerprint,
    )


def verify_chains(session: Session) -> list[ChainReport]:
    reports = []
    issuers = session.scalars(
        select(FiscalRecord.issuer_nif).distinct().order_by(FiscalRecord.issuer_nif)
    ).all()
    for issuer in issuers:
        rows = session.scalars(
            select(FiscalRecord).where(FiscalRecord.issuer_nif == issuer).order_by(FiscalRecord.sequence)
        ).all()
        broken = verifactu.verify_chain([as_record(row) for row in rows])
        if broken is None:
            gaps = [i for i, row in enumerate(rows) if row.sequence != i + 1]
            if gaps:
                row = rows[gaps[0]]
                broken = verifactu.ChainBreak(
                    gaps[0], row.series_number, "falta un registro anterior en la secuencia"
                )
        reports.append(ChainReport(issuer, len(rows), broken))
    return reports
