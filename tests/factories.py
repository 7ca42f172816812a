"""Builders for test data through the domain's own use cases (so tests exercise the real rules)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from farmapos.domain.cash import CashService
from farmapos.domain.catalogue import ArticleData, create_article
from farmapos.domain.db import Database
from farmapos.domain.models import Family, Seller, Warehouse, Workstation
from farmapos.domain.setup import SellerData, add_seller, create_pharmacy


@dataclass(frozen=True)
class Seed:
    warehouse_id: int
    workstation_id: int
    seller_id: int
    second_seller_id: int


def seed_pharmacy(db: Database, *, open_cash: bool = True) -> Seed:
    create_pharmacy(db.uow(), legal_name="Farmacia Pruebas C.B.", nif="B12345674", city="Madrid")
    seller_id = add_seller(db.uow(), SellerData("ANA", "Ana", "#E3F2FD"))
    second = add_seller(db.uow(), SellerData("LUIS", "Luis", "#FFF3E0", pin="1234"))
    with db.uow() as uow:
        uow.session.add_all(
            [
                Family(code="MED", name="Medicamentos", vat_rate=Decimal("4.00")),
                Family(code="SAN", name="Productos sanitarios", vat_rate=Decimal("10.00")),
                Family(
                    code="COS", name="Dermocosmética", vat_rate=Decimal("21.00"), max_discount_pct=Decimal(15)
                ),
            ]
        )
        uow.commit()
    with db.uow(read_only=True) as uow:
        warehouse_id = uow.session.scalar(select(Warehouse.id))
        workstation_id = uow.session.scalar(select(Workstation.id))
        assert uow.session.get(Seller, seller_id) is not None
    if open_cash:
        CashService(db, workstation_id).open(seller_id, Decimal("100.00"))
    return Seed(warehouse_id, workstation_id, seller_id, second)


def make_article(
    db: Database,
    code: str = "654766",
    description: str = "PARACETAMOL CINFA 1 G 40 COMPRIMIDOS EFG",
    price: str = "2.50",
    family: str = "MED",
    **extra,
) -> int:
    return create_article(
        db.uow(),
        ArticleData(code=code, description=description, price=Decimal(price), family_code=family, **extra),
    )
