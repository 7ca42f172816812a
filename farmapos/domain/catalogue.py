"""Catalogue use cases: create and change articles with every rule checked before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from farmapos.domain.codes import (
    classify_barcode,
    clean_code,
    complete_cn,
    equivalent_codes,
    lookup_keys,
    validate_code,
)
from farmapos.domain.db import UnitOfWork
from farmapos.domain.errors import NotFound, ValidationError
from farmapos.domain.models import Article, ArticleCode, Family, Laboratory, VatRate
from farmapos.messages import Percent, listing, msg

FLAGS = (
    "needs_prescription",
    "psychotropic",
    "narcotic",
    "special_control",
    "fridge",
    "generic",
    "excluded_funding",
    "advertised",
    "discontinued",
    "unlimited",
)


@dataclass
class ArticleData:
    """What a user, an import file or the demo gives to create an article; checked by `check_article`."""

    code: str
    description: str
    price: Decimal
    family_code: str | None = None
    vat_rate: Decimal | None = None
    """None takes the family's default rate."""
    laboratory: str = ""
    barcodes: list[str] = field(default_factory=list)
    synonyms: list[str] = field(default_factory=list)
    atc_code: str = ""
    presentation: str = ""
    location: str = ""
    last_cost: Decimal = Decimal("0.00")
    average_cost: Decimal | None = None
    min_stock: Decimal = Decimal(0)
    max_stock: Decimal = Decimal(0)
    max_discount_pct: Decimal | None = None
    needs_prescription: bool = False
    psychotropic: bool = False
    narcotic: bool = False
    special_control: bool = False
    fridge: bool = False
    generic: bool = False
    excluded_funding: bool = False
    advertised: bool = False
    discontinued: bool = False
    unlimited: bool = False


def primary_code(code: str) -> tuple[str, str]:
    """(stored code, kind): six or seven digits are a CN (check digit added or verified), else internal."""
    text = clean_code(code)
    if text.isdigit() and len(text) in (6, 7):
        return complete_cn(text), "cn"
    return text, "internal"


def _decimal(value: object, label: str) -> Decimal:
    try:
        return Decimal(str(value).replace(",", ".")) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        raise ValidationError(msg("{label}: {value!r} no es un número.", label=label, value=value)) from None


def check_article(
    data: ArticleData, known_vat_rates: set[Decimal], family_vat: Decimal | None
) -> ArticleData:
    """Return a normalised copy of `data` or raise ValidationError naming the first problem."""
    code, _kind = primary_code(data.code)
    description = " ".join(data.description.split())
    if not description:
        raise ValidationError(msg("La descripción del artículo está vacía."))
    if len(description) > 200:
        raise ValidationError(msg("La descripción no puede pasar de 200 caracteres."))
    price = _decimal(data.price, msg("PVP"))
    if price < 0:
        raise ValidationError(msg("El PVP no puede ser negativo ({price}).", price=price))
    if price != price.quantize(Decimal("0.01")):
        raise ValidationError(msg("El PVP lleva como mucho dos decimales ({price}).", price=price))
    vat = _decimal(data.vat_rate, msg("IVA")) if data.vat_rate is not None else family_vat
    if vat is None:
        raise ValidationError(msg("Indique el tipo de IVA o una familia que lo tenga."))
    if vat.normalize() not in {rate.normalize() for rate in known_vat_rates}:
        raise ValidationError(
            msg(
                "Tipo de IVA desconocido: {rate} (válidos: {known}).",
                rate=Percent(vat),
                known=listing([Percent(rate) for rate in sorted(known_vat_rates)]),
            )
        )
    last_cost = _decimal(data.last_cost, msg("Coste"))
    average_cost = (
        _decimal(data.average_cost, msg("Coste medio")) if data.average_cost is not None else last_cost
    )
    if last_cost < 0 or average_cost < 0:
        raise ValidationError(msg("El coste no puede ser negativo."))
    min_stock, max_stock = _decimal(data.min_stock, msg("Mínimo")), _decimal(data.max_stock, msg("Máximo"))
    if min_stock < 0 or max_stock < 0:
        raise ValidationError(msg("El stock mínimo y el máximo no pueden ser negativos."))
    if max_stock and max_stock < min_stock:
        raise ValidationError(
            msg(
                "El stock máximo ({maximum}) es menor que el mínimo ({minimum}).",
                maximum=max_stock,
                minimum=min_stock,
            )
        )
    if (
        data.max_discount_pct is not None
        and not 0 <= _decimal(data.max_discount_pct, msg("Dto. máx.")) <= 100
    ):
        raise ValidationError(msg("El descuento máximo debe estar entre 0 y 100 %."))
    barcodes = [clean_code(b) for b in data.barcodes if b.strip()]
    for barcode in barcodes:
        if barcode.isdigit():
            classify_barcode(barcode)
    synonyms = [clean_code(s) for s in data.synonyms if s.strip()]
    all_codes = [code, *barcodes, *synonyms]
    if len(set(all_codes)) != len(all_codes):
        raise ValidationError(msg("Códigos repetidos en el artículo: {codes}.", codes=", ".join(all_codes)))
    if data.narcotic and not data.needs_prescription:
        raise ValidationError(msg("Un estupefaciente requiere receta."))
    values = {f.name: getattr(data, f.name) for f in fields(ArticleData)}
    values.update(
        code=code,
        description=description,
        price=price,
        vat_rate=vat,
        last_cost=last_cost,
        average_cost=average_cost,
        min_stock=min_stock,
        max_stock=max_stock,
        barcodes=barcodes,
        synonyms=synonyms,
    )
    return ArticleData(**values)


def known_vat_rates(session: Session) -> set[Decimal]:
    return {Decimal(r) for r in session.scalars(select(VatRate.rate).where(VatRate.active.is_(True)))}


def find_article(session: Session, code: str) -> Article | None:
    """The article a typed or scanned code stands for (CN, 6-digit CN, EAN-13, GTIN-14, synonym)."""
    keys = lookup_keys(code)
    return session.scalar(
        select(Article)
        .join(ArticleCode, ArticleCode.article_id == Article.id)
        .where(ArticleCode.code.in_(keys))
    )


def _code_rows(data: ArticleData) -> list[tuple[str, str]]:
    code, kind = primary_code(data.code)
    rows = [(code, kind)]
    rows += [(b, classify_barcode(b) if b.isdigit() else "supplier") for b in data.barcodes]
    rows += [(s, "synonym") for s in data.synonyms]
    return rows


def _ensure_codes_free(session: Session, codes: list[str], article_id: int | None = None) -> None:
    codes = list(dict.fromkeys(form for code in codes for form in equivalent_codes(code)))
    taken = session.execute(
        select(ArticleCode.code, Article.code, Article.description)
        .join(Article, Article.id == ArticleCode.article_id)
        .where(ArticleCode.code.in_(codes))
        .where(Article.id != (article_id or -1))
    ).first()
    if taken is not None:
        raise ValidationError(
            msg(
                "El código {code} ya es del artículo {article_code} {article}.",
                code=taken[0],
                article_code=taken[1],
                article=taken[2],
            )
        )


def create_article(uow: UnitOfWork, data: ArticleData) -> int:
    with uow:
        session = uow.session
        family = None
        if data.family_code:
            family = session.scalar(select(Family).where(Family.code == data.family_code))
            if family is None:
                raise NotFound(msg("No existe la familia {family!r}.", family=data.family_code))
        checked = check_article(data, known_vat_rates(session), family.vat_rate if family else None)
        codes = _code_rows(checked)
        _ensure_codes_free(session, [c for c, _ in codes])
        laboratory = _laboratory(session, checked.laboratory)
        article = Article(
            code=checked.code,
            description=checked.description,
            family=family,
            laboratory=laboratory,
            atc_code=checked.atc_code,
            presentation=checked.presentation,
            location=checked.location,
            price=checked.price,
            last_cost=checked.last_cost,
            average_cost=checked.average_cost,
            vat_rate=checked.vat_rate,
            min_stock=checked.min_stock,
            max_stock=checked.max_stock,
            max_discount_pct=checked.max_discount_pct,
            **{flag: getattr(checked, flag) for flag in FLAGS},
        )
        article.codes = [ArticleCode(code=c, kind=k) for c, k in codes]
        session.add(article)
        session.flush()
        article_id = article.id
        uow.commit()
    return article_id


def _laboratory(session: Session, name: str) -> Laboratory | None:
    name = " ".join(name.split()).upper()
    if not name:
        return None
    laboratory = session.scalar(select(Laboratory).where(Laboratory.name == name))
    if laboratory is None:
        laboratory = Laboratory(code=name[:40], name=name)
        session.add(laboratory)
    return laboratory


def add_code(uow: UnitOfWork, article_id: int, code: str, kind: str) -> None:
    with uow:
        text = validate_code(code, kind)
        _ensure_codes_free(uow.session, [text])
        if uow.session.get(Article, article_id) is None:
            raise NotFound(msg("No existe el artículo {article_id}.", article_id=article_id))
        uow.session.add(ArticleCode(article_id=article_id, code=text, kind=kind))
        uow.commit()
