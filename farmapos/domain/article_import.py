"""Importing a catalogue from CSV: every row checked first, then all rows written in one transaction or none.

Columns (header names, any order, case-insensitive; `;` or `,` separated, decimal comma or point):
code, description, price, and optionally vat, family, laboratory, barcodes, synonyms (several separated by
`|` or spaces), atc, presentation, location, cost, min, max, max_discount, and the flags prescription,
psychotropic, narcotic, special_control, fridge, generic, excluded_funding, advertised, discontinued,
unlimited (1/0, si/no, true/false, x).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import insert, select

from farmapos.domain.catalogue import ArticleData, check_article, known_vat_rates
from farmapos.domain.codes import classify_barcode, equivalent_codes
from farmapos.domain.db import UnitOfWork
from farmapos.domain.errors import ValidationError
from farmapos.domain.models import Article, ArticleCode, Family, Laboratory
from farmapos.domain.text import search_key
from farmapos.messages import msg

REQUIRED = ("code", "description", "price")
FLAG_COLUMNS = {
    "prescription": "needs_prescription",
    "psychotropic": "psychotropic",
    "narcotic": "narcotic",
    "special_control": "special_control",
    "fridge": "fridge",
    "generic": "generic",
    "excluded_funding": "excluded_funding",
    "advertised": "advertised",
    "discontinued": "discontinued",
    "unlimited": "unlimited",
}
TRUE = {"1", "si", "sí", "s", "true", "yes", "y", "x"}
FALSE = {"", "0", "no", "n", "false"}
MAX_REPORTED = 50


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


class ImportRejected(ValidationError):
    """The file has bad rows; nothing was imported."""

    def __init__(self, errors: list[RowError], total_rows: int) -> None:
        report = msg(
            "No se ha importado nada: {failed} de {total} filas tienen errores.",
            failed=len(errors),
            total=total_rows,
        )
        for error in errors[:MAX_REPORTED]:
            report = msg(
                "{report}\n  línea {line}: {reason}", report=report, line=error.line, reason=error.message
            )
        if len(errors) > MAX_REPORTED:
            report = msg(
                "{report}\n  … y {count} errores más", report=report, count=len(errors) - MAX_REPORTED
            )
        super().__init__(report)
        self.errors = errors


def _decimal(text: str, label: str) -> Decimal:
    value = text.strip().replace("€", "").strip()
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    try:
        return Decimal(value)
    except InvalidOperation:
        raise ValidationError(msg("{label}: {text!r} no es un número", label=label, text=text)) from None


def _flag(text: str, label: str) -> bool:
    value = text.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ValidationError(msg("{label}: {text!r} no es sí/no", label=label, text=text))


def _codes(text: str) -> list[str]:
    return [c for c in text.replace("|", " ").split() if c]


def _row_data(row: dict[str, str]) -> ArticleData:
    def get(name: str) -> str:
        return (row.get(name) or "").strip()

    data = ArticleData(
        code=get("code"),
        description=get("description"),
        price=_decimal(get("price"), "price"),
        family_code=get("family") or None,
        vat_rate=_decimal(get("vat"), "vat") if get("vat") else None,
        laboratory=get("laboratory"),
        barcodes=_codes(get("barcodes")),
        synonyms=_codes(get("synonyms")),
        atc_code=get("atc"),
        presentation=get("presentation"),
        location=get("location"),
        last_cost=_decimal(get("cost"), "cost") if get("cost") else Decimal("0.00"),
        min_stock=_decimal(get("min"), "min") if get("min") else Decimal(0),
        max_stock=_decimal(get("max"), "max") if get("max") else Decimal(0),
        max_discount_pct=_decimal(get("max_discount"), "max_discount") if get("max_discount") else None,
    )
    for column, attribute in FLAG_COLUMNS.items():
        setattr(data, attribute, _flag(get(column), column))
    if not data.code:
        raise ValidationError(msg("falta el código"))
    return data


def read_rows(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and (line number, row) pairs; the delimiter is sniffed between `;` and `,`."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if reader.fieldnames is None:
        raise ValidationError(msg("El fichero está vacío."))
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames]
    missing = [c for c in REQUIRED if c not in reader.fieldnames]
    if missing:
        raise ValidationError(
            msg("Faltan columnas obligatorias en la cabecera: {columns}.", columns=", ".join(missing))
        )
    rows = [(reader.line_num, row) for row in reader if any((v or "").strip() for v in row.values())]
    return reader.fieldnames, rows


def import_articles(uow: UnitOfWork, path: Path) -> int:
    """Import every article of the file, or none; returns how many were imported."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_text(encoding="cp1252")
    except OSError as exc:
        raise ValidationError(
            msg("No se puede leer {path}: {reason}.", path=path, reason=exc.strerror)
        ) from None
    _header, rows = read_rows(text)
    with uow:
        session = uow.session
        rates = known_vat_rates(session)
        families = {f.code: f for f in session.scalars(select(Family))}
        taken = set(session.scalars(select(ArticleCode.code)))
        errors: list[RowError] = []
        checked: list[ArticleData] = []
        seen: dict[str, int] = {}
        for line, row in rows:
            try:
                data = _row_data(row)
                family = families.get(data.family_code) if data.family_code else None
                if data.family_code and family is None:
                    raise ValidationError(msg("familia desconocida {family!r}", family=data.family_code))
                data = check_article(data, rates, family.vat_rate if family else None)
                for code in [data.code, *data.barcodes, *data.synonyms]:
                    forms = equivalent_codes(code)
                    if any(form in taken for form in forms):
                        raise ValidationError(msg("el código {code} ya existe en el catálogo", code=code))
                    clash = next((seen[f] for f in forms if f in seen and seen[f] != line), None)
                    if clash is not None:
                        raise ValidationError(
                            msg("el código {code} se repite (línea {line})", code=code, line=clash)
                        )
                    seen.update(dict.fromkeys(forms, line))
                checked.append(data)
            except ValidationError as exc:
                errors.append(RowError(line, str(exc).rstrip(".")))
        if errors:
            raise ImportRejected(errors, len(rows))
        _write(uow, checked, families)
        uow.commit()
    return len(checked)


def _write(uow: UnitOfWork, articles: list[ArticleData], families: dict[str, Family]) -> None:
    session = uow.session
    labs = {lab.name: lab.id for lab in session.scalars(select(Laboratory))}
    for name in {" ".join(a.laboratory.split()).upper() for a in articles} - {""} - labs.keys():
        labs[name] = session.execute(
            insert(Laboratory).values(code=name[:40], name=name).returning(Laboratory.id)
        ).scalar_one()
    for data in articles:
        values = {
            "code": data.code,
            "description": data.description,
            "search_key": search_key(data.description),
            "family_id": families[data.family_code].id if data.family_code else None,
            "laboratory_id": labs.get(" ".join(data.laboratory.split()).upper()),
            "atc_code": data.atc_code,
            "presentation": data.presentation,
            "location": data.location,
            "price": data.price,
            "last_cost": data.last_cost,
            "average_cost": data.average_cost,
            "vat_rate": data.vat_rate,
            "min_stock": data.min_stock,
            "max_stock": data.max_stock,
            "max_discount_pct": data.max_discount_pct,
            **{attribute: getattr(data, attribute) for attribute in FLAG_COLUMNS.values()},
        }
        article_id = session.execute(insert(Article).values(**values).returning(Article.id)).scalar_one()
        kind = "cn" if data.code.isdigit() and len(data.code) == 7 else "internal"
        codes = [{"code": data.code, "kind": kind, "article_id": article_id}]
        codes += [
            {"code": b, "kind": classify_barcode(b) if b.isdigit() else "supplier", "article_id": article_id}
            for b in data.barcodes
        ]
        codes += [{"code": s, "kind": "synonym", "article_id": article_id} for s in data.synonyms]
        session.execute(insert(ArticleCode), codes)
