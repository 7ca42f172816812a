"""The register book (libro recetario) of psychotropics and narcotics, and the narcotics ledger.

Entries are numbered per book without gaps (the numbering starts where the paper book left off) and
never change: a correction is a new entry that refers to the one it corrects.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from farmapos.domain.db import dialect_insert
from farmapos.domain.errors import NotFound, SaleError, ValidationError
from farmapos.domain.models import Article, RegisterBook, RegisterEntry
from farmapos.domain.models.prescriptions import BOOKS
from farmapos.messages import listing, msg

MAX_NARCOTIC_PACKS = 4


@dataclass(frozen=True)
class RegisterData:
    """What the counter asks for a controlled medicine."""

    patient_name: str
    patient_id_document: str
    prescriber_name: str
    prescriber_number: str
    prescription_number: str = ""
    collector_id_document: str = ""
    """Identity document of whoever collects a narcotic (may differ from the patient)."""
    on_prescription: bool = True

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> RegisterData:
        return cls(**json.loads(text))


def book_of(article: Article, marked: bool = False) -> str | None:
    """The book a dispensation goes to; a line the seller marked goes to the psychotropics book."""
    if article.narcotic:
        return "narcotics"
    if article.psychotropic or article.special_control or marked:
        return "psychotropics"
    return None


def check_register_data(article: Article, data: RegisterData | None, quantity: Decimal) -> None:
    """Refuse, naming what is missing, a dispensation the register cannot record or the law forbids."""
    if data is None:
        raise SaleError(
            msg(
                "{article}: faltan los datos del libro recetario (paciente, DNI, médico y colegiado).",
                article=article.description,
            )
        )
    missing = [label for label, value in (
        (msg("nombre del paciente"), data.patient_name), (msg("documento del paciente"), data.patient_id_document),
        (msg("médico"), data.prescriber_name), (msg("nº de colegiado"), data.prescriber_number),
    ) if not value.strip()]  # fmt: skip
    if missing:
        raise SaleError(
            msg(
                "{article}: falta {missing} para el libro recetario.",
                article=article.description,
                missing=listing(missing),
            )
        )
    if article.narcotic:
        if len(data.collector_id_document.strip()) < 5:
            raise SaleError(
                msg(
                    "{article} es un estupefaciente: anote el documento de quien lo recoge.",
                    article=article.description,
                )
            )
        if quantity > MAX_NARCOTIC_PACKS:
            raise SaleError(
                msg(
                    "{article}: como mucho {maximum} envases de estupefaciente por receta.",
                    article=article.description,
                    maximum=MAX_NARCOTIC_PACKS,
                )
            )
        if not data.prescription_number.strip():
            raise SaleError(
                msg(
                    "{article}: anote el número de receta oficial de estupefacientes.",
                    article=article.description,
                )
            )


def set_book_start(session: Session, book: str, first_number: int) -> None:
    """Continue the numbering of a paper book: the next entry gets `first_number`."""
    if book not in BOOKS:
        raise ValidationError(msg("Libro desconocido: {book!r}.", book=book))
    used = session.scalar(select(func.count()).where(RegisterEntry.book == book))
    if used:
        raise ValidationError(msg("El libro ya tiene asientos; su numeración no se puede cambiar."))
    row = session.get(RegisterBook, book)
    if row is None:
        session.add(RegisterBook(book=book, last_number=first_number - 1))
    else:
        row.last_number = first_number - 1


def _next_number(session: Session, book: str) -> int:
    session.execute(
        dialect_insert(session.get_bind().dialect.name, RegisterBook)
        .values(book=book, last_number=0)
        .on_conflict_do_nothing()
    )
    return session.execute(
        update(RegisterBook).where(RegisterBook.book == book)
        .values(last_number=RegisterBook.last_number + 1).returning(RegisterBook.last_number)
    ).scalar_one()  # fmt: skip


def add_entry(
    session: Session,
    *,
    article: Article,
    kind: str,
    quantity: Decimal,
    stock_after: Decimal | None,
    at: datetime,
    seller_id: int | None,
    data: RegisterData | None = None,
    sale_line_id: int | None = None,
    document: str = "",
    copay_code: str | None = None,
    counterpart: str = "",
    observations: str = "",
    corrects_id: int | None = None,
    book: str | None = None,
) -> RegisterEntry:
    book = book or book_of(article)
    if book is None:
        raise ValidationError(
            msg("{article} no es un medicamento del libro recetario.", article=article.description)
        )
    entry = RegisterEntry(
        book=book, number=_next_number(session, book), created_at=at, kind=kind, article_id=article.id,
        code=article.code, description=article.description, quantity=quantity, sale_line_id=sale_line_id,
        document=document or (data.prescription_number if data else ""),
        on_prescription=data.on_prescription if data else True, copay_code=copay_code,
        patient_name=data.patient_name if data else "", patient_id_document=data.patient_id_document if data else "",
        collector_id_document=data.collector_id_document if data else "",
        prescriber_name=data.prescriber_name if data else "", prescriber_number=data.prescriber_number if data else "",
        counterpart=counterpart or (data.prescriber_name if data else ""),
        stock_before=(stock_after - quantity) if (book == "narcotics" and stock_after is not None) else None,
        stock_after=stock_after if book == "narcotics" else None, observations=observations,
        corrects_id=corrects_id, seller_id=seller_id,
    )  # fmt: skip
    session.add(entry)
    session.flush()
    return entry


def correct_entry(
    session: Session, entry_id: int, observations: str, at: datetime, seller_id: int | None
) -> RegisterEntry:
    """A correcting entry: same article, no quantity, the explanation, and the entry it corrects."""
    original = session.get(RegisterEntry, entry_id)
    if original is None:
        raise NotFound(msg("No existe el asiento {entry_id}.", entry_id=entry_id))
    if not observations.strip():
        raise ValidationError(msg("Explique la corrección."))
    article = session.get(Article, original.article_id)
    return add_entry(session, article=article, kind="correction", quantity=Decimal(0), stock_after=None, at=at,
                     seller_id=seller_id, observations=observations.strip(), corrects_id=original.id,
                     book=original.book, document=original.document)  # fmt: skip


def entries(session: Session, book: str, date_from: datetime, date_to: datetime) -> list[RegisterEntry]:
    return list(
        session.scalars(
            select(RegisterEntry)
            .where(
                RegisterEntry.book == book,
                RegisterEntry.created_at >= date_from,
                RegisterEntry.created_at < date_to,
            )
            .order_by(RegisterEntry.number)
        )
    )


@dataclass(frozen=True)
class LedgerLine:
    entry: RegisterEntry
    balance: Decimal


def narcotics_ledger(session: Session, article_id: int) -> list[LedgerLine]:
    """Every movement in and out of one narcotic with its running balance."""
    rows = session.scalars(
        select(RegisterEntry)
        .where(RegisterEntry.book == "narcotics", RegisterEntry.article_id == article_id)
        .order_by(RegisterEntry.number)
    ).all()
    balance = None
    lines = []
    for row in rows:
        if row.stock_after is not None:
            balance = Decimal(row.stock_after)
        lines.append(LedgerLine(row, balance if balance is not None else Decimal(0)))
    return lines


@dataclass(frozen=True)
class YearSummary:
    article_id: int
    code: str
    description: str
    opening: Decimal
    received: Decimal
    dispensed: Decimal
    closing: Decimal


def narcotics_year_summary(session: Session, year: int) -> list[YearSummary]:
    """Per medicine: balance on 1 January, units in, units out, balance on 31 December (for the authority)."""
    start, end = datetime(year, 1, 1).astimezone(), datetime(year + 1, 1, 1).astimezone()
    rows = session.scalars(
        select(RegisterEntry).where(RegisterEntry.book == "narcotics", RegisterEntry.created_at < end)
        .order_by(RegisterEntry.number)
    ).all()  # fmt: skip
    figures: dict[int, list] = defaultdict(lambda: [None, Decimal(0), Decimal(0), None, "", ""])
    for row in rows:
        item = figures[row.article_id]
        item[4], item[5] = row.code, row.description
        if row.created_at < start:
            item[0] = Decimal(row.stock_after) if row.stock_after is not None else item[0]
            item[3] = item[0]
            continue
        if item[0] is None:
            item[0] = Decimal(row.stock_before) if row.stock_before is not None else Decimal(0)
        quantity = Decimal(row.quantity)
        if quantity > 0:
            item[1] += quantity
        else:
            item[2] += -quantity
        if row.stock_after is not None:
            item[3] = Decimal(row.stock_after)
    return [
        YearSummary(
            article_id, f[4], f[5], f[0] or Decimal(0), f[1], f[2], f[3] if f[3] is not None else f[0] or 0
        )
        for article_id, f in sorted(figures.items(), key=lambda item: item[1][5])
    ]
