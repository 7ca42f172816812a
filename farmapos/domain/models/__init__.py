"""All mapped classes, imported here so `Base.metadata` is complete for alembic and tests."""

from farmapos.domain.base import Base
from farmapos.domain.models.cash import CashMovement, CashSession, DrawerOpening
from farmapos.domain.models.catalogue import Article, ArticleCode, Family, Laboratory
from farmapos.domain.models.customers import Customer
from farmapos.domain.models.orders import Supplier, SupplierOrder, SupplierOrderLine
from farmapos.domain.models.pharmacy import Pharmacy, Seller, VatRate, Workstation
from farmapos.domain.models.prescriptions import (
    BillingMonth,
    Payer,
    PrescriptionBlock,
    PrescriptionSlot,
    ReducedAtcGroup,
    RegisterBook,
    RegisterEntry,
)
from farmapos.domain.models.sales import (
    CopayType,
    CustomerCredit,
    DocumentSeries,
    FiscalChain,
    FiscalRecord,
    Sale,
    SaleLine,
    SalePayment,
    SaleVat,
)
from farmapos.domain.models.stock import Lot, StockLevel, StockMovement, Warehouse

__all__ = [
    "Article",
    "ArticleCode",
    "Base",
    "BillingMonth",
    "CashMovement",
    "CashSession",
    "CopayType",
    "Customer",
    "CustomerCredit",
    "DocumentSeries",
    "DrawerOpening",
    "Family",
    "FiscalChain",
    "FiscalRecord",
    "Laboratory",
    "Lot",
    "Payer",
    "Pharmacy",
    "PrescriptionBlock",
    "PrescriptionSlot",
    "ReducedAtcGroup",
    "RegisterBook",
    "RegisterEntry",
    "Sale",
    "SaleLine",
    "SalePayment",
    "SaleVat",
    "Seller",
    "StockLevel",
    "StockMovement",
    "Supplier",
    "SupplierOrder",
    "SupplierOrderLine",
    "VatRate",
    "Warehouse",
    "Workstation",
]
