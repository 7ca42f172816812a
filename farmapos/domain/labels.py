"""What a shelf label shows for an article: description, price, price per unit of measure, a barcode."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from farmapos.domain.catalogue import find_article
from farmapos.domain.codes import cn_to_ean13
from farmapos.domain.errors import NotFound
from farmapos.domain.money import round_cents
from farmapos.messages import msg

UNIT_NAMES = {"ml": ("l", Decimal(1000)), "g": ("kg", Decimal(1000)), "l": ("l", Decimal(1)),
              "kg": ("kg", Decimal(1)), "ud": ("ud", Decimal(1))}  # fmt: skip


@dataclass(frozen=True)
class LabelInfo:
    description: str
    price: Decimal
    code: str
    barcode: str
    unit_price: Decimal | None
    unit: str


def label_info(session: Session, code: str) -> LabelInfo:
    article = find_article(session, code)
    if article is None:
        raise NotFound(msg("Código desconocido: {code}.", code=code))
    barcodes = [c.code for c in article.codes if c.kind == "ean13"]
    barcode = (
        barcodes[0] if barcodes else (cn_to_ean13(article.code) if article.is_medicine else article.code)
    )
    unit_price, unit = None, ""
    if article.measure_unit and article.measure_quantity:
        name, factor = UNIT_NAMES.get(article.measure_unit.lower(), (article.measure_unit, Decimal(1)))
        unit_price = round_cents(Decimal(article.price) * factor / Decimal(article.measure_quantity))
        unit = name
    return LabelInfo(article.description, Decimal(article.price), article.code, barcode, unit_price, unit)
