"""The open sale as plain rows, read and written with a few Core statements: the counter's hot path.

Adding a line is what a pharmacist does hundreds of times a day, so it must cost little more than the
writes themselves. Instead of the ORM's unit of work (identity map, lazy loads, flush bookkeeping), a line
edit reads the sale with two cached Core queries (header with seller, customer and the pharmacy settings
it needs; lines with their article flags), the article with one, writes with one or two, and builds the
SaleView from the rows already in hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from farmapos.domain.codes import lookup_keys
from farmapos.domain.models import (
    Article,
    ArticleCode,
    CopayType,
    Customer,
    Family,
    Pharmacy,
    Sale,
    SaleLine,
    Seller,
    StockLevel,
    Workstation,
)
from farmapos.domain.money import ZERO
from farmapos.domain.sales.build import price_lines
from farmapos.domain.sales.pricing import SalePrice
from farmapos.domain.sales.views import LineView, SaleView, VatView


@dataclass
class LineRow:
    """A sale line as stored, with its article's flags and its co-payment type's code."""

    id: int
    position: int
    article_id: int
    code: str
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal
    discount_pct: Decimal
    discount_amount: Decimal | None
    copay_type_id: int | None
    copay_pct: Decimal | None
    copay_cap: Decimal | None
    pending_prescription: bool
    lot_id: int | None
    batch: str | None
    expiry: object
    serial: str | None
    amount: Decimal | None
    payer_amount: Decimal | None
    register_data: str | None = None
    refunded_line_id: int | None = None
    copay_code: str | None = None
    needs_prescription: bool = False
    psychotropic: bool = False
    narcotic: bool = False
    fridge: bool = False


@dataclass
class SaleRow:
    """A sale header as stored, with the names the counter shows and the pharmacy settings pricing needs."""

    id: int
    workstation_id: int
    seller_id: int
    customer_id: int | None
    state: str
    kind: str
    opened_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    total_discount_pct: Decimal
    total_discount_amount: Decimal | None
    full_number: str | None
    total: Decimal | None
    payer_total: Decimal | None
    seller_name: str
    customer_name: str | None
    prices_include_vat: bool
    oversell_policy: str
    prescription_discounts: bool
    lines: list[LineRow] = field(default_factory=list)
    # As stored; closing sets them (with the totals above) as it writes them.
    series: str | None = None
    number: int | None = None
    vat_total: Decimal | None = None
    discount_total: Decimal | None = None
    cash_rounding: Decimal = ZERO
    cash_session_id: int | None = None
    corrects_id: int | None = None
    invoice_customer_nif: str | None = None
    customer_nif: str | None = None
    customer_discount_pct: Decimal = ZERO
    """The customer's fixed discount, which each new line takes (up to the article's maximum)."""


@dataclass(frozen=True)
class ArticleRow:
    """What selling an article needs to know of it, with its stock in the workstation's warehouse."""

    id: int
    code: str
    description: str
    price: Decimal
    vat_rate: Decimal
    unlimited: bool
    needs_prescription: bool
    psychotropic: bool
    narcotic: bool
    fridge: bool
    on_hand: Decimal
    max_discount_pct: Decimal
    """The most a line of it may be discounted: the article's own limit, else its family's, else 100 %."""


# Statements on the tables rather than the ORM's attributes: the counter's first scan (and its start)
# never waits for the ORM's mappers to be configured.
_SALE_LINE = SaleLine.__table__
_SALE = Sale.__table__
_SELLER = Seller.__table__
_CUSTOMER = Customer.__table__
_PHARMACY = Pharmacy.__table__
_COPAY_TYPE = CopayType.__table__
_ARTICLE = Article.__table__
_ARTICLE_CODE = ArticleCode.__table__
_STOCK_LEVEL = StockLevel.__table__
_WORKSTATION = Workstation.__table__
_FAMILY = Family.__table__


def _pharmacy(column):
    # Not correlated: a query that extends SALE_QUERY may join the pharmacy row itself.
    return select(column).limit(1).correlate(None).scalar_subquery()


# Each SaleRow and LineRow field and the expression it is read from, in the query's order.
_HEADER_FIELDS = {
    **{name: _SALE.c[name] for name in (
        "id", "workstation_id", "seller_id", "customer_id", "state", "kind", "opened_at", "updated_at", "closed_at",
        "total_discount_pct", "total_discount_amount", "full_number", "total", "payer_total", "series", "number",
        "vat_total", "discount_total", "cash_rounding", "cash_session_id", "corrects_id", "invoice_customer_nif",
    )},
    "seller_name": _SELLER.c.name, "customer_name": _CUSTOMER.c.name, "customer_nif": _CUSTOMER.c.nif,
    "customer_discount_pct": _CUSTOMER.c.discount_pct,
    "prices_include_vat": _pharmacy(_PHARMACY.c.prices_include_vat),
    "oversell_policy": _pharmacy(_PHARMACY.c.oversell_policy),
    "prescription_discounts": _pharmacy(_PHARMACY.c.discounts_on_prescriptions),
}  # fmt: skip
_LINE_FIELDS = {
    **{name: _SALE_LINE.c[name] for name in (
        "id", "position", "article_id", "code", "description", "quantity", "unit_price", "vat_rate", "discount_pct",
        "discount_amount", "copay_type_id", "copay_pct", "copay_cap", "pending_prescription", "lot_id", "batch",
        "expiry", "serial", "amount", "payer_amount", "register_data", "refunded_line_id",
    )},
    "copay_code": _COPAY_TYPE.c.code, "needs_prescription": _ARTICLE.c.needs_prescription,
    "psychotropic": _ARTICLE.c.psychotropic, "narcotic": _ARTICLE.c.narcotic, "fridge": _ARTICLE.c.fridge,
}  # fmt: skip
_FLAGS = ("needs_prescription", "psychotropic", "narcotic", "fridge")
# A line is built from its columns by position (a sale is read on every scan, a line per row): the
# columns must stay in the order of LineRow's fields.
if tuple(_LINE_FIELDS) != tuple(f.name for f in fields(LineRow)):
    raise RuntimeError("rows._LINE_FIELDS is not in the order of LineRow's fields")
SALE_QUERY = (
    select(*_HEADER_FIELDS.values(), *_LINE_FIELDS.values())
    .join(_SELLER, _SELLER.c.id == _SALE.c.seller_id)
    .outerjoin(_CUSTOMER, _CUSTOMER.c.id == _SALE.c.customer_id)
    .outerjoin(_SALE_LINE, _SALE_LINE.c.sale_id == _SALE.c.id)
    .outerjoin(_ARTICLE, _ARTICLE.c.id == _SALE_LINE.c.article_id)
    .outerjoin(_COPAY_TYPE, _COPAY_TYPE.c.id == _SALE_LINE.c.copay_type_id)
    .where(_SALE.c.id == bindparam("sale_id"))
    .order_by(_SALE_LINE.c.position, _SALE_LINE.c.id)
)
"""The header and its lines in one round trip: one row per line (the header repeated), or one row with
empty line columns for a sale without lines."""
_HEADER = len(_HEADER_FIELDS)
COLUMNS = len(_HEADER_FIELDS) + len(_LINE_FIELDS)
"""How many columns `sale_from_rows` reads: a query that extends `SALE_QUERY` adds its own after them."""
LINE_ID = _HEADER
"""The column of the line's id (None in the one row of a sale without lines)."""
LISTED = (
    select(_SALE.c.id)
    .where(_SALE.c.workstation_id == bindparam("workstation_id"), _SALE.c.state == bindparam("state"))
    .order_by(_SALE.c.opened_at, _SALE.c.id)
)
"""A counter's sales in a state (open: the windows to restore; parked: the list to resume from)."""


def load_sale(connection: Connection, sale_id: int) -> SaleRow | None:
    rows = connection.execute(SALE_QUERY, {"sale_id": sale_id}).all()
    return sale_from_rows(rows) if rows else None


def sale_from_rows(rows: Sequence[Sequence]) -> SaleRow:
    """The sale in the rows of `SALE_QUERY` (or of a query that extends it): one per line, at least one."""
    header = dict(zip(_HEADER_FIELDS, rows[0], strict=False))
    sale = SaleRow(**{
        **header, "prices_include_vat": header["prices_include_vat"] is None or bool(header["prices_include_vat"]),
        "oversell_policy": header["oversell_policy"] or "allow",
        "prescription_discounts": header["prescription_discounts"] is None or bool(header["prescription_discounts"]),
        "cash_rounding": header["cash_rounding"] if header["cash_rounding"] is not None else ZERO,
        "customer_discount_pct": Decimal(header["customer_discount_pct"] or 0),
    })  # fmt: skip
    for row in rows:
        if row[LINE_ID] is not None:
            line = LineRow(*row[LINE_ID:COLUMNS])  # in LineRow's field order (checked below)
            for flag in _FLAGS:
                setattr(line, flag, bool(getattr(line, flag)))
            sale.lines.append(line)
    return sale


def _article_query():
    warehouse = (
        select(_WORKSTATION.c.warehouse_id)
        .where(_WORKSTATION.c.id == bindparam("workstation_id"))
        .scalar_subquery()
    )
    stock = (
        select(func.coalesce(func.sum(_STOCK_LEVEL.c.quantity), 0))
        .where(_STOCK_LEVEL.c.article_id == _ARTICLE.c.id, _STOCK_LEVEL.c.warehouse_id == warehouse)
        .scalar_subquery()
    )
    family_limit = (
        select(_FAMILY.c.max_discount_pct).where(_FAMILY.c.id == _ARTICLE.c.family_id).scalar_subquery()
    )
    columns = ("id", "code", "description", "price", "vat_rate", "unlimited", "needs_prescription", "psychotropic",
               "narcotic", "fridge")  # fmt: skip
    limit = func.coalesce(
        _ARTICLE.c.max_discount_pct, family_limit, 100, type_=_ARTICLE.c.max_discount_pct.type
    )
    return select(*(_ARTICLE.c[name] for name in columns), stock, limit)


# `lookup_keys` gives at most three forms of a code: three fixed parameters (the last repeated when there
# are fewer) keep the SQL fixed, where an expanding IN would be rewritten on every scan.
_CODE_KEYS = ("key0", "key1", "key2")
_ARTICLE_BY_CODE = (
    _article_query()
    .join(_ARTICLE_CODE, _ARTICLE_CODE.c.article_id == _ARTICLE.c.id)
    .where(_ARTICLE_CODE.c.code.in_([bindparam(key) for key in _CODE_KEYS]))
    .limit(1)
)
_ARTICLE_BY_ID = _article_query().where(_ARTICLE.c.id == bindparam("article_id"))


def _article_row(row) -> ArticleRow:
    return ArticleRow(*row[:10], on_hand=Decimal(row[10]), max_discount_pct=Decimal(row[11]))


def article_by_code(connection: Connection, code: str, workstation_id: int) -> ArticleRow | None:
    """The article a code stands for (any of its forms), with its stock in this workstation's warehouse."""
    keys = lookup_keys(code)
    keys += keys[-1:] * (len(_CODE_KEYS) - len(keys))
    row = connection.execute(
        _ARTICLE_BY_CODE, {"workstation_id": workstation_id, **dict(zip(_CODE_KEYS, keys, strict=True))}
    ).first()
    return None if row is None else _article_row(row)


def article_by_id(connection: Connection, article_id: int, workstation_id: int) -> ArticleRow | None:
    row = connection.execute(
        _ARTICLE_BY_ID, {"article_id": article_id, "workstation_id": workstation_id}
    ).first()
    return None if row is None else _article_row(row)


def insert_line(connection: Connection, sale: SaleRow, line: LineRow) -> int:
    values = {name: getattr(line, name) for name in _LINE_COLUMNS}
    return connection.execute(_INSERT_LINE, {"sale_id": sale.id, **values}).scalar_one()


_LINE_COLUMNS = (
    "position", "article_id", "code", "description", "quantity", "unit_price", "vat_rate", "discount_pct",
    "discount_amount", "copay_type_id", "copay_pct", "copay_cap", "pending_prescription", "lot_id", "batch",
    "expiry", "serial",
)  # fmt: skip


_INSERT_LINE = insert(_SALE_LINE).returning(_SALE_LINE.c.id)
_SET_QUANTITY = (
    update(_SALE_LINE).where(_SALE_LINE.c.id == bindparam("line_id")).values(quantity=bindparam("quantity"))
)
_TOUCH = update(_SALE).where(_SALE.c.id == bindparam("sale_id")).values(updated_at=bindparam("now"))
_DELETE_LINE = delete(_SALE_LINE).where(_SALE_LINE.c.id == bindparam("line_id"))


_INSERT_SALE = insert(_SALE).returning(_SALE.c.id)
_SET_STATE = (
    update(_SALE)
    .where(_SALE.c.id == bindparam("sale_id"))
    .values(state=bindparam("state"), updated_at=bindparam("now"), seller_id=bindparam("seller_id"))
)


def insert_sale(connection: Connection, workstation_id: int, seller_id: int, now: datetime) -> int:
    """A new, empty open sale (defaults for the rest from the table definition)."""
    return connection.execute(
        _INSERT_SALE,
        {"workstation_id": workstation_id, "seller_id": seller_id, "opened_at": now, "updated_at": now,
         "state": "open", "kind": "ticket", "total_discount_pct": ZERO, "cash_rounding": ZERO},
    ).scalar_one()  # fmt: skip


def set_state(
    connection: Connection, sale: SaleRow, state: str, now: datetime, *, seller_id: int | None = None
) -> None:
    """Park, resume (by `seller_id`) or cancel: the state and who holds the sale."""
    seller = sale.seller_id if seller_id is None else seller_id
    connection.execute(_SET_STATE, {"sale_id": sale.id, "state": state, "now": now, "seller_id": seller})
    sale.state, sale.seller_id, sale.updated_at = state, seller, now


def set_line_quantity(connection: Connection, line_id: int, quantity: Decimal) -> None:
    connection.execute(_SET_QUANTITY, {"line_id": line_id, "quantity": quantity})


def touch(connection: Connection, sale: SaleRow, now: datetime) -> None:
    connection.execute(_TOUCH, {"sale_id": sale.id, "now": now})
    sale.updated_at = now


def price(reader: Session | Connection, sale: SaleRow) -> SalePrice:
    """The sale priced from its rows, with the pharmacy's setting read with the header."""
    return price_lines(reader, sale, sale.prescription_discounts)


def view(reader: Session | Connection, sale: SaleRow, priced: SalePrice | None = None) -> SaleView:
    """What the counter shows; a closed sale shows its stored amounts, an open one its current price."""
    from farmapos.domain.money import vat_breakdown

    if priced is None:  # a caller that priced these lines already passes its price
        priced = price(reader, sale)
    closed = sale.state == "closed"
    lines = tuple(
        LineView(
            id=line.id, position=line.position, article_id=line.article_id, code=line.code,
            description=line.description, quantity=Decimal(line.quantity), unit_price=Decimal(line.unit_price),
            vat_rate=Decimal(line.vat_rate), discount_pct=Decimal(line.discount_pct),
            discount_amount=p.discount, gross=p.gross,
            amount=Decimal(line.amount) if closed else p.amount,
            payer_amount=Decimal(line.payer_amount or 0) if closed else p.payer,
            copay_code=line.copay_code, copay_pct=line.copay_pct, pending_prescription=line.pending_prescription,
            batch=line.batch, expiry=line.expiry, serial=line.serial,
            needs_prescription=line.needs_prescription, psychotropic=line.psychotropic, narcotic=line.narcotic,
            fridge=line.fridge,
        )
        for line, p in zip(sale.lines, priced.lines, strict=True)
    )  # fmt: skip
    total, payer_total, vat = priced.total, priced.payer_total, priced.vat
    if closed:
        total, payer_total = Decimal(sale.total), Decimal(sale.payer_total or 0)
        vat = tuple(vat_breakdown((line.vat_rate, line.amount) for line in lines))
    return SaleView(
        id=sale.id, state=sale.state, seller_id=sale.seller_id, seller_name=sale.seller_name,
        workstation_id=sale.workstation_id, customer_id=sale.customer_id, customer_name=sale.customer_name,
        lines=lines, gross=priced.gross, line_discounts=priced.line_discounts,
        total_discount_pct=Decimal(sale.total_discount_pct), total_discount=priced.total_discount,
        payer_total=payer_total, total=total, vat=tuple(VatView(v.rate, v.base, v.quota) for v in vat),
        opened_at=sale.opened_at, full_number=sale.full_number, kind=sale.kind,
    )  # fmt: skip


def in_sale(sale: SaleRow, article_id: int) -> Decimal:
    """Units of an article already in the sale, over all its lines."""
    return sum((Decimal(line.quantity) for line in sale.lines if line.article_id == article_id), ZERO)


def delete_line(connection: Connection, line_id: int) -> None:
    connection.execute(_DELETE_LINE, {"line_id": line_id})
