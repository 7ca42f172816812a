"""The VERI*FACTU chains as stored: appending a document's record to its issuer's chain, and checking every
fingerprint recomputed from the stored fields."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import Insert, Row, bindparam, insert, select, update
from sqlalchemy.orm import Session

from farmapos.domain import settings, verifactu
from farmapos.domain.db import dialect_insert
from farmapos.domain.errors import SaleError
from farmapos.domain.models import FiscalChain, FiscalRecord, Sale
from farmapos.messages import msg

INVOICE_TYPES = {"ticket": "F2", "invoice": "F3", "refund": "R5"}
_CHAIN = FiscalChain.__table__
_RECORD = FiscalRecord.__table__
# What `as_record` reads of a stored record.
_RECORD_FIELDS = tuple(
    _RECORD.c[name]
    for name in ("issuer_nif", "series_number", "issue_date", "invoice_type", "vat_total", "amount_total",
                 "previous_fingerprint", "generated_at", "fingerprint")
)  # fmt: skip
# The chain head, locked, with the record it points at. On PostgreSQL a statement that waited for the lock
# joins the row as it was before the wait: the record is then read again on its own.
_CHAIN_HEAD = (
    select(_CHAIN.c.last_fingerprint.label("head_fingerprint"), _CHAIN.c.records.label("head_records"),
           *_RECORD_FIELDS)
    .outerjoin(_RECORD, (_RECORD.c.issuer_nif == _CHAIN.c.issuer_nif) & (_RECORD.c.sequence == _CHAIN.c.records))
    .where(_CHAIN.c.issuer_nif == bindparam("nif"))
    .with_for_update(of=_CHAIN)
)  # fmt: skip
_PREVIOUS_RECORD = select(*_RECORD_FIELDS).where(
    _RECORD.c.issuer_nif == bindparam("nif"), _RECORD.c.sequence == bindparam("sequence")
)
_INSERT_RECORD = insert(_RECORD)
_SET_CHAIN_HEAD = (
    update(_CHAIN)
    .where(_CHAIN.c.issuer_nif == bindparam("nif"))
    .values(last_fingerprint=bindparam("new_fingerprint"), records=bindparam("new_records"))
)


@cache
def _new_chain(dialect: str) -> Insert:
    return dialect_insert(dialect, _CHAIN).on_conflict_do_nothing(index_elements=["issuer_nif"])


@dataclass(frozen=True)
class ChainReport:
    issuer_nif: str
    records: int
    broken: verifactu.ChainBreak | None


def as_record(row: FiscalRecord | Row) -> verifactu.InvoiceRecord:
    """A stored record (an ORM object or a row of `fiscal_record`) as the record it was fingerprinted from."""
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


def append_fiscal_record(session: Session, sale: Sale, issued_at: datetime) -> verifactu.InvoiceRecord:
    """Chain the sale's registration record to the issuer's last one, under a lock on the chain head.

    The sale's row must be written (its number and amounts) before: the record refers to it.
    """
    pharmacy = settings.pharmacy(session)
    if pharmacy is None:
        raise SaleError(msg("Falta configurar la farmacia (NIF) antes de vender."))
    connection = session.connection()
    head = connection.execute(_CHAIN_HEAD, {"nif": pharmacy.nif}).first()
    if (
        head is None
    ):  # the issuer's first record (or a head moved while we waited): create it if missing, lock it
        connection.execute(
            _new_chain(connection.dialect.name),
            {"issuer_nif": pharmacy.nif, "last_fingerprint": "", "records": 0},
        )
        head = connection.execute(_CHAIN_HEAD, {"nif": pharmacy.nif}).one()
    last_fingerprint, records = head.head_fingerprint, head.head_records
    previous_row = head if records and head.fingerprint == last_fingerprint else None
    if records and previous_row is None:  # the joined record was read before the wait for the lock
        previous_row = connection.execute(
            _PREVIOUS_RECORD, {"nif": pharmacy.nif, "sequence": records}
        ).first()
    local = issued_at.astimezone()
    corrected = None
    if sale.kind == "refund" and sale.corrects_id is not None:
        corrected = session.scalar(select(Sale.full_number).where(Sale.id == sale.corrects_id))
    record = verifactu.build_invoice_record(
        corrected=corrected,
        issuer_nif=pharmacy.nif,
        series_number=sale.full_number,
        issue_date=local.date(),
        invoice_type=INVOICE_TYPES[sale.kind],
        vat_total=sale.vat_total,
        amount_total=sale.total,
        previous_fingerprint=last_fingerprint,
        generated_at=local.replace(microsecond=0),
    )
    fields = verifactu.record_to_dict(record, as_record(previous_row) if previous_row is not None else None)
    connection.execute(
        _INSERT_RECORD,
        {
            "issuer_nif": pharmacy.nif, "sequence": records + 1, "sale_id": sale.id, "record_type": "alta",
            "invoice_type": record.invoice_type, "series_number": record.series_number,
            "issue_date": record.issue_date, "vat_total": record.vat_total, "amount_total": record.amount_total,
            "previous_fingerprint": record.previous_fingerprint, "fingerprint": record.fingerprint,
            "generated_at": fields["FechaHoraHusoGenRegistro"],
            # As it will be sent: the schema wants the previous record's identity beside its fingerprint.
            "payload": json.dumps(fields, ensure_ascii=False),
        },
    )  # fmt: skip
    connection.execute(
        _SET_CHAIN_HEAD,
        {"nif": pharmacy.nif, "new_fingerprint": record.fingerprint, "new_records": records + 1},
    )
    return record
