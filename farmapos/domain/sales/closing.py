"""Closing a sale: one transaction that numbers it, moves stock, records payments and the fiscal record.

Either all of it is committed or none of it: a crash in the middle leaves the sale open and the stock,
the numbering and the fiscal chain untouched.

Closing is on the counter's critical path (the customer waits for the ticket), so it reads what it needs
once and passes it down, and reads and writes with cached Core statements rather than the ORM: one query
reads the sale as rows (`rows.SaleRow`) with its lines, their articles' facts, the counter, its open cash
session and the pharmacy's settings (held, so the session never reads them again); the stock of all the
lines takes a handful of statements however many lines and lots there are (`StockPlan`,
`apply_movements`); the sale's own rows are one statement per table; the view and the ticket are built
from what is in hand. Refunds and invoices, off that path, hand `finish_document` ORM objects instead.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Literal

from sqlalchemy import Insert, bindparam, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import instance_state, set_committed_value
from sqlalchemy.orm.exc import NO_STATE

from farmapos.domain import settings, verifactu
from farmapos.domain.blocks import free_slot, place
from farmapos.domain.cash import (
    LAST_CLOSE,
    OPEN_SESSION_ID,
    CashError,
    OpenDrawer,
    expected_cash,
    open_drawer,
)
from farmapos.domain.db import dialect_insert
from farmapos.domain.errors import SaleError
from farmapos.domain.fiscal import append_fiscal_record
from farmapos.domain.models import (
    Article,
    CashMovement,
    CashSession,
    CopayType,
    CustomerCredit,
    DocumentSeries,
    Pharmacy,
    Sale,
    SaleLine,
    SalePayment,
    SaleVat,
    Workstation,
)
from farmapos.domain.money import ZERO, round_cents, vat_breakdown
from farmapos.domain.register import RegisterData, add_entry, book_of, check_register_data
from farmapos.domain.sales import rows
from farmapos.domain.sales.build import price_of, ticket_of
from farmapos.domain.sales.payments import SettledPayments, check_credit, settle_payments
from farmapos.domain.sales.pricing import SalePrice
from farmapos.domain.sales.views import ClosedSale, PaymentInput, SaleEvent
from farmapos.domain.settings import PharmacySettings
from farmapos.domain.stock import (
    ArticleFacts,
    Movement,
    StockPlan,
    add_to_levels,
    apply_movements,
    lots_for_update,
)
from farmapos.messages import Amount, Units, msg

if TYPE_CHECKING:
    from farmapos.domain.sales.service import SaleService

_SERIES = DocumentSeries.__table__
_SALE = Sale.__table__


@cache
def _next_in_series(dialect: str) -> Insert:
    """Create a series at number 1 or add 1 to it, returning the number: the row stays locked until commit."""
    statement = dialect_insert(dialect, _SERIES)
    return statement.on_conflict_do_update(
        index_elements=["workstation_id", "kind", "year"], set_={"last_number": _SERIES.c.last_number + 1}
    ).returning(_SERIES.c.last_number)


_LOCK_SALE = select(_SALE.c.id).where(_SALE.c.id == bindparam("sale_id")).with_for_update()
_STATION = Workstation.__table__
_DRAWER = CashSession.__table__
_ARTICLE = Article.__table__
_PHARMACY = Pharmacy.__table__
_ARTICLE_FACTS = ("code", "description", "unlimited", "min_stock", "needs_prescription", "psychotropic",
                  "narcotic", "special_control", "fridge")  # fmt: skip
_COUNTER = (_STATION.c.code, _STATION.c.name, _STATION.c.warehouse_id, _DRAWER.c.id, _DRAWER.c.opening_float,
            LAST_CLOSE)  # fmt: skip
# The sale to close (the counter's query for it, `rows.SALE_QUERY`) and everything closing reads with it,
# in one round trip: a row per line, the rest repeated.
_SALE_TO_CLOSE = (
    rows.SALE_QUERY.add_columns(*_COUNTER, *(_ARTICLE.c[name] for name in _ARTICLE_FACTS), *settings.COLUMNS)
    .join(_STATION, _STATION.c.id == bindparam("workstation"))
    .outerjoin(_DRAWER, _DRAWER.c.id == OPEN_SESSION_ID)  # one row at most: the lines are not repeated
    .outerjoin(_PHARMACY, _PHARMACY.c.id == settings.FIRST_PHARMACY)
)  # fmt: skip
_EXTRA = rows.COLUMNS
_FACTS = _EXTRA + len(_COUNTER)
_SETTINGS = _FACTS + len(_ARTICLE_FACTS)
_INSERT_VAT = insert(SaleVat.__table__)
_INSERT_PAYMENT = insert(SalePayment.__table__)
_INSERT_CASH_MOVEMENT = insert(CashMovement.__table__)
_INSERT_CREDIT = insert(CustomerCredit.__table__)
_CLOSE_SALE = update(_SALE).where(_SALE.c.id == bindparam("sale_id"))  # SET: the columns given
_SET_LINE_AMOUNTS = (
    update(SaleLine.__table__)
    .where(SaleLine.__table__.c.id == bindparam("line_id"))
    .values(amount=bindparam("amount"), payer_amount=bindparam("payer_amount"))
)


def next_number(session: Session, workstation: Workstation, kind: str, year: int) -> tuple[str, int]:
    """Take the next number of a gapless series under a row lock (concurrent counters wait, never skip).

    One upsert: the first document of a series creates it with number 1, later ones add 1 to the locked row.
    """
    prefix = {
        "ticket": workstation.code,
        "refund": f"{workstation.code}R",
        "invoice": f"F{workstation.code}",
    }[kind]
    parameters = {
        "workstation_id": workstation.id,
        "kind": kind,
        "year": year,
        "prefix": prefix,
        "last_number": 1,
    }
    connection = session.connection()
    number = connection.execute(_next_in_series(connection.dialect.name), parameters).scalar_one()
    return f"{prefix}-{year}", number


def load_articles(session: Session, sale: Sale) -> dict[int, Article]:
    """The sale's articles in one query, held by the caller so the session does not load them again."""
    ids = {line.article_id for line in sale.lines}
    return {article.id: article for article in session.scalars(select(Article).where(Article.id.in_(ids)))}


@dataclass(frozen=True)
class ConsumedStock:
    events: list[list[SaleEvent]]
    """Each line's stock events, in line order."""
    stock_after: list[Decimal | None]
    """Each line's level after its movements (None for articles without stock)."""


def consume_stock(
    session: Session,
    sale: Sale,
    articles: dict[int, Article],
    *,
    warehouse_id: int,
    today: date,
    policy: str,
) -> ConsumedStock:
    """Take each line's units from its scanned lot, or first-expiry-first-out over unexpired lots.

    The levels take the whole sale at once (which locks them); the movements are planned on the levels
    before it and the lots read once, each line seeing the lines before it as if they were written one by
    one; then they are written at once.
    """
    stocked = [line for line in sale.lines if not articles[line.article_id].unlimited]
    fefo = {line.article_id for line in stocked if line.lot_id is None and Decimal(line.quantity) > 0}
    scanned = {line.lot_id for line in stocked if line.lot_id is not None and line.article_id in fefo}
    deltas: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for line in stocked:
        deltas[line.article_id, warehouse_id] -= Decimal(line.quantity)
    # The levels first: they lock the articles, so the lots read next are not moving under the plan.
    levels = add_to_levels(session, deltas)
    plan = StockPlan(
        {article: levels.before(article, warehouse_id) for article in fefo},
        lots_for_update(session, fefo, warehouse_id, also=scanned),
    )
    owners: list[int] = []  # the index of the line of each movement planned
    oversold: dict[int, SaleEvent] = {}
    for index, line in enumerate(sale.lines):
        article = articles[line.article_id]
        quantity = Decimal(line.quantity)
        if article.unlimited:
            continue
        kind, reason = ("sale", "Venta") if quantity > 0 else ("return", "Devolución")
        movement = Movement(kind, article, warehouse_id, -quantity, sale.seller_id, reason, sale.full_number or "",
                            line.lot_id)  # fmt: skip
        if quantity < 0 or line.lot_id is not None:
            plan.add(movement)
        elif missing := plan.first_expiry_first_out(movement, today, policy):
            sold_short = msg(
                "{article}: vendido sin existencias: faltaban {missing} unidades.",
                article=article.description,
                missing=Units(missing),
            )
            oversold[index] = SaleEvent("oversold", sold_short, article.id)
        owners += [index] * (len(plan.movements) - len(owners))
    changes = apply_movements(session, plan.movements, levels)
    events: list[list[SaleEvent]] = [[] for _ in sale.lines]
    stock_after: list[Decimal | None] = [None for _ in sale.lines]
    for index, movement, change in zip(owners, plan.movements, changes, strict=True):
        stock_after[index] = change.quantity_after
        if change.low_stock is not None:
            level = Units(change.quantity_after)
            events[index].append(
                SaleEvent(
                    "low_stock",
                    msg(
                        "{article}: stock bajo ({level}).", article=movement.article.description, level=level
                    ),
                    article_id=movement.article.id,
                )
            )
    for index, event in oversold.items():
        events[index].append(event)
    return ConsumedStock(events, stock_after)


def qr_for(sale: Sale, nif: str) -> str:
    return verifactu.qr_url(
        nif=nif,
        series_number=sale.full_number,
        issue_date=sale.closed_at.astimezone().date(),
        amount_total=sale.total,
    )


def finish_document(
    service: SaleService,
    session: Session,
    sale: Sale | rows.SaleRow,
    settled: SettledPayments,
    amounts: list[tuple[Decimal, Decimal]] | None = None,
    *,
    price: SalePrice | None = None,
    articles: dict[int, Article | ArticleFacts] | None = None,
    drawer: OpenDrawer | Literal["unread"] | None = "unread",
    workstation: Workstation | Counter | None = None,
) -> list[SaleEvent]:
    """Number, stock, amounts, credit and fiscal record of a sale or refund whose lines are final.

    `amounts` gives each line's (customer amount, payer amount) when they are fixed already (a refund
    gives back exactly what was paid); otherwise the sale is priced now (or `price` is its price, worked
    out by the caller in this transaction). `articles` are the lines' articles, `drawer` the counter's open
    cash session (None: there is none) and `workstation` the counter when the caller has read them.

    The document's rows are written with a few Core statements rather than the ORM's flush (the customer
    waits for the ticket); the sale and its lines (ORM objects or rows) are told what is stored, so they
    read without SQL.
    """
    now = service.clock()
    connection = session.connection()
    workstation = workstation or session.get(Workstation, service.workstation_id)
    pharmacy = settings.pharmacy(session)
    policy = (pharmacy.oversell_policy if pharmacy is not None else None) or "allow"
    if articles is None:
        articles = load_articles(session, sale)
    if amounts is None:
        price = price or price_of(session, sale)
        amounts = [(p.amount, p.payer) for p in price.lines]
        discount_total = price.line_discounts + price.total_discount
    else:
        discount_total = sum(
            (
                Decimal(line.quantity) * Decimal(line.unit_price) - a - p
                for line, (a, p) in zip(sale.lines, amounts, strict=True)
            ),
            ZERO,
        )
    series, number = next_number(session, workstation, sale.kind, now.astimezone().year)
    stored = _stored(sale, series=series, number=number, full_number=f"{series}-{number:06d}")
    stock = consume_stock(
        session, sale, articles, warehouse_id=workstation.warehouse_id, today=now.astimezone().date(),
        policy=policy,
    )  # fmt: skip
    events: list[SaleEvent] = []
    for index, line in enumerate(sale.lines):
        events += stock.events[index]
        events += _prescription_records(
            session, sale, line, articles[line.article_id], stock.stock_after[index], now
        )
    connection.execute(
        _SET_LINE_AMOUNTS,
        [
            {"line_id": line.id, **_stored(line, amount=amount, payer_amount=payer)}
            for line, (amount, payer) in zip(sale.lines, amounts, strict=True)
        ],
    )
    vat = vat_breakdown((Decimal(line.vat_rate), Decimal(line.amount)) for line in sale.lines)
    connection.execute(
        _INSERT_VAT,
        [{"sale_id": sale.id, "rate": v.rate, "base": v.base, "quota": v.quota} for v in vat],
    )
    stored |= _stored(
        sale, total=sum((a for a, _p in amounts), ZERO), vat_total=sum((v.quota for v in vat), ZERO),
        payer_total=sum((p for _a, p in amounts), ZERO), discount_total=round_cents(discount_total),
        cash_rounding=settled.cash_rounding, state="closed", closed_at=now, updated_at=now,
    )  # fmt: skip
    connection.execute(
        _INSERT_PAYMENT,
        [
            {"sale_id": sale.id, "method": p.method, "card_type": p.card_type, "amount": p.amount,
             "tendered": p.tendered, "change": p.change if p.change is not None else ZERO}
            for p in settled.rows
        ],
    )  # fmt: skip
    if drawer == "unread":
        drawer = open_drawer(session, service.workstation_id)
    cash_session_id, cash_events = _record_cash(session, drawer, sale, settled, now)
    events += cash_events
    if cash_session_id is not None:
        stored |= _stored(sale, cash_session_id=cash_session_id)
    connection.execute(_CLOSE_SALE, {"sale_id": sale.id, **stored})
    if _mapped(sale):
        session.expire(sale, ["payments", "vat"])  # written above: read again if asked for
    credit = sum((Decimal(p.amount) for p in settled.rows if p.method == "credit"), ZERO)
    if credit:
        connection.execute(
            _INSERT_CREDIT,
            {"customer_id": sale.customer_id, "sale_id": sale.id, "amount": credit, "created_at": now,
             "note": sale.full_number},
        )  # fmt: skip
    append_fiscal_record(session, sale, now)
    return events


def _mapped(row: object) -> bool:
    try:
        instance_state(row)
    except NO_STATE:
        return False
    return True


def _stored(row: object, **values: object) -> dict[str, object]:
    """Set attributes of a loaded object (ORM object or row) to what the caller writes with Core: no flush
    writes them again."""
    assign = set_committed_value if _mapped(row) else setattr
    for name, value in values.items():
        assign(row, name, value)
    return values


def _record_cash(
    session: Session, cash_session: OpenDrawer | None, sale: Sale, settled: SettledPayments, now: datetime
) -> tuple[int | None, list[SaleEvent]]:
    """Put the sale's payments in the open cash session; cash needs one, and cash out needs cash in the drawer.

    Returns the cash session the sale belongs to (None without one) and a warning when the clock is behind.
    """
    cash = sum((Decimal(p.amount) for p in settled.rows if p.method == "cash"), ZERO)
    if cash_session is None:
        if cash:
            raise CashError(
                msg("No hay caja abierta en este mostrador: ábrala para cobrar o devolver en efectivo.")
            )
        return None, []
    if cash < 0 and -cash > (in_drawer := expected_cash(session, cash_session)):
        raise CashError(
            msg(
                "En el cajón debería haber {in_drawer} y la devolución es de {refund}: devuélvalo de otra "
                "forma o desde la caja fuerte.",
                in_drawer=Amount(in_drawer),
                refund=Amount(-cash),
            )
        )
    kind = "refund" if sale.kind == "refund" else "sale"
    session.connection().execute(
        _INSERT_CASH_MOVEMENT,
        [
            {"session_id": cash_session.id, "kind": kind, "method": p.method, "card_type": p.card_type,
             "amount": p.amount, "sale_id": sale.id, "seller_id": sale.seller_id, "reason": sale.full_number or "",
             "created_at": now}
            for p in settled.rows
        ],
    )  # fmt: skip
    if cash_session.last_close is not None and now < cash_session.last_close:
        return cash_session.id, [
            SaleEvent(
                "clock",
                msg("La venta tiene fecha anterior al último cierre de caja: revise el reloj del equipo."),
            )
        ]
    return cash_session.id, []


def check_controlled(sale: Sale | rows.SaleRow, articles: dict[int, Article | ArticleFacts]) -> None:
    """Controlled medicines need their register data before the sale can close (and narcotics their rules)."""
    for line in sale.lines:
        article = articles[line.article_id]
        if article.controlled:
            data = RegisterData.from_json(line.register_data) if line.register_data else None
            check_register_data(article, data, Decimal(line.quantity))


def _prescription_records(
    session: Session,
    sale: Sale | rows.SaleRow,
    line: SaleLine | rows.LineRow,
    article: Article | ArticleFacts,
    stock_after: Decimal | None,
    now: datetime,
) -> list[SaleEvent]:
    """Blocks and the register book for one line of a closed ticket or refund."""
    events: list[SaleEvent] = []
    refund = sale.kind == "refund"
    if line.copay_type_id is not None and sale.kind == "ticket" and not line.pending_prescription:
        placed = place(session, sale, line, session.get(CopayType, line.copay_type_id), now)
        slot = msg(
            "Receta: bloque {copay} {block}, hueco {slot}.",
            copay=placed.copay_code,
            block=placed.block_number,
            slot=placed.slot,
        )
        events.append(SaleEvent("prescription_slot", slot, article.id))
        if placed.completed:
            completed = msg(
                "Bloque {copay} {block} completo.", copay=placed.copay_code, block=placed.block_number
            )
            events.append(SaleEvent("block_completed", completed, article.id))
    if refund and line.refunded_line_id is not None and line.copay_type_id is not None:
        original = session.get(SaleLine, line.refunded_line_id)
        returned = -Decimal(session.scalar(
            select(func.coalesce(func.sum(SaleLine.quantity), 0)).where(SaleLine.refunded_line_id == original.id)
        ))  # fmt: skip
        if returned >= Decimal(original.quantity):
            free_slot(session, original.id, now)
    source = session.get(SaleLine, line.refunded_line_id) if refund and line.refunded_line_id else line
    book = book_of(article, marked=bool(source.register_data))
    if book is not None:
        data = RegisterData.from_json(source.register_data) if source.register_data else None
        copay_code = session.scalar(select(CopayType.code).where(CopayType.id == line.copay_type_id))
        add_entry(
            session, article=article, kind="return" if refund else "dispensation", quantity=-Decimal(line.quantity),
            stock_after=stock_after, at=now, seller_id=sale.seller_id, data=data, sale_line_id=line.id,
            copay_code=copay_code, observations=f"Ticket {sale.full_number}", book=book,
        )  # fmt: skip
    return events


@dataclass(frozen=True)
class Counter:
    """What closing reads of the counter that closes the sale."""

    id: int
    code: str
    name: str
    warehouse_id: int


@dataclass(frozen=True)
class _SaleToClose:
    """The sale as rows with everything closing it reads, loaded at once."""

    sale: rows.SaleRow
    workstation: Counter
    pharmacy: PharmacySettings | None
    articles: dict[int, ArticleFacts]
    drawer: OpenDrawer | None
    """The counter's open cash session."""


def _sale_to_close(session: Session, sale_id: int, workstation_id: int) -> _SaleToClose | None:
    """Lock the sale, then read it with its lines, their articles, the counter, its open cash session and
    the pharmacy's settings in one query (after the lock, so it sees what the last writer of the sale
    committed)."""
    connection = session.connection()
    # SQLite: the transaction began with the database's write lock (BEGIN IMMEDIATE); no row locks.
    if (
        connection.dialect.name == "postgresql"
        and connection.execute(_LOCK_SALE, {"sale_id": sale_id}).first() is None
    ):
        return None
    found = connection.execute(_SALE_TO_CLOSE, {"sale_id": sale_id, "workstation": workstation_id}).all()
    if not found:
        return None
    sale = rows.sale_from_rows(found)
    head = found[0]
    code, name, warehouse_id, drawer_id, opening_float, last_close = head[_EXTRA:_FACTS]
    pharmacy = settings.from_row(head[_SETTINGS:])
    settings.remember(session, pharmacy)
    articles = {
        line.article_id: ArticleFacts(line.article_id, *row[_FACTS:_SETTINGS])
        for line, row in zip(sale.lines, (row for row in found if row[rows.LINE_ID] is not None), strict=True)
    }
    drawer = OpenDrawer(drawer_id, Decimal(opening_float), last_close) if drawer_id is not None else None
    return _SaleToClose(sale, Counter(workstation_id, code, name, warehouse_id), pharmacy, articles, drawer)


def close_sale(service: SaleService, sale_id: int, payments: list[PaymentInput]) -> ClosedSale:
    with service.db.uow() as uow:
        session = uow.session
        loaded = _sale_to_close(session, sale_id, service.workstation_id)
        sale = loaded.sale if loaded is not None else None
        if sale is None or sale.workstation_id != service.workstation_id:
            raise SaleError(msg("No existe la venta {sale_id} en este mostrador.", sale_id=sale_id))
        if sale.state != "open":
            raise SaleError(msg("La venta {sale_id} no está abierta; no se puede cobrar.", sale_id=sale_id))
        if not sale.lines:
            raise SaleError(msg("La venta no tiene líneas."))
        pharmacy = loaded.pharmacy
        price = rows.price(session, sale)
        step = Decimal(pharmacy.cash_rounding_step or 0) if pharmacy else Decimal(0)
        settled = settle_payments(price.total, payments, step, pharmacy.card_type_list if pharmacy else None)
        check_credit(session, sale, payments)
        check_controlled(sale, loaded.articles)
        events = finish_document(
            service, session, sale, settled, price=price, articles=loaded.articles, drawer=loaded.drawer,
            workstation=loaded.workstation,
        )  # fmt: skip
        view = rows.view(session, sale, price)
        ticket = ticket_of(
            sale, pharmacy, settled.rows, workstation_name=loaded.workstation.name, seller_name=sale.seller_name,
            customer_name=sale.customer_name, customer_nif=sale.invoice_customer_nif or sale.customer_nif,
            copay_codes={line.copay_type_id: line.copay_code for line in sale.lines if line.copay_code},
            corrects=None, qr_url=qr_for(sale, pharmacy.nif),
        )  # fmt: skip
        uow.commit()
    return ClosedSale(view, ticket, settled.tendered, settled.change, settled.cash_amount, tuple(events))
