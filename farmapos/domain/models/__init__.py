"""All mapped classes, imported here so `Base.metadata` is complete for alembic and tests."""

from farmapos.domain.base import Base
from farmapos.domain.models.catalogue import Article, ArticleCode, Family, Laboratory
from farmapos.domain.models.customers import Customer
from farmapos.domain.models.pharmacy import Pharmacy, Seller, VatRate, Workstation
from farmapos.domain.models.sales import (
    CopayType,
    CustomerCredit,
    DocumentSeries,
    FiscalChain,
    FiscalRecord,
    Sale,
    SaleLine,
    SalePayment,
)
from farmapos.domain.models.stock import Lot, StockLevel, StockMovement, Warehouse

__all__ = [
    "Article",
    "ArticleCode",
    "Base",
    "CopayType",
    "Customer",
    "CustomerCredit",
    "DocumentSeries",
    "Family",
    "FiscalChain",
    "FiscalRecord",
    "Laboratory",
    "Lot",
    "Pharmacy",
    "Sale",
    "SaleLine",
    "SalePayment",
    "Seller",
    "StockLevel",
    "StockMovement",
    "VatRate",
    "Warehouse",
    "Workstation",
]
