"""The Z report of a cash session, and a period summary, computed with aggregate queries.

Every figure is a sum of stored documents and movements (what was printed), never re-priced.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from farmapos.domain.cash import expected_cash
from farmapos.domain.errors import NotFound
from farmapos.domain.models import (
    CashMovement,
    CashSession,
    Pharmacy,
    Sale,
    SaleLine,
    SaleVat,
    Seller,
    Workstation,
)
from farmapos.domain.money import ZERO
from farmapos.messages import msg


@dataclass(frozen=True)
class SellerFigures:
    name: str
    operations: int
    lines: int
    units: Decimal
    gross: Decimal
    discounts: Decimal
    net: Decimal

    @property
    def average_ticket(self) -> Decimal:
        return (self.net / self.operations).quantize(Decimal("0.01")) if self.operations else ZERO


@dataclass(frozen=True)
class ZReport:
    session_id: int
    pharmacy_name: str
    pharmacy_nif: str
    workstation_name: str
    state: str
    opened_at: datetime
    closed_at: datetime | None
    opening_float: Decimal
    cash_sales: Decimal
    cash_refunds: Decimal
    payments_in: Decimal
    payments_out: Decimal
    withdrawals: Decimal
    credit_collections: Decimal
    corrections: Decimal
    expected_cash: Decimal
    counted_cash: Decimal | None
    difference: Decimal | None
    left_in_drawer: Decimal | None
    taken_out: Decimal | None
    by_method: dict[str, Decimal]
    """Sales minus refunds per payment method (`card VISA`, `cash`…)."""
    gross_sales: Decimal
    discounts: Decimal
    payer_share: Decimal
    returns: Decimal
    net_sales: Decimal
    free_operations: int
    prescription_operations: int
    mixed_operations: int
    copay_collected: Decimal
    pending_from_payers: Decimal
    sellers: tuple[SellerFigures, ...]
    vat: dict[Decimal, tuple[Decimal, Decimal]]
    """Rate → (base, quota), summed from each document's printed breakdown."""
    series: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Series → (first number, last number) of the documents in the session."""

    def rows(self) -> list[tuple[str, str]]:
        """The report as label/value rows for printers and PDF writers (amounts as plain strings)."""

        def m(value: Decimal | None) -> str:
            return "—" if value is None else f"{value:.2f}"

        def plain(value: Decimal) -> str:
            return format(value.normalize(), "f")

        rows = [
            ("Fondo inicial", m(self.opening_float)), ("Ventas en efectivo", m(self.cash_sales)),
            ("Devoluciones en efectivo", m(self.cash_refunds)), ("Entradas (pagos varios)", m(self.payments_in)),
            ("Salidas (pagos varios)", m(self.payments_out)), ("Retiradas a caja fuerte", m(self.withdrawals)),
            ("Cobros de deudas", m(self.credit_collections)), ("Correcciones", m(self.corrections)),
            ("Efectivo esperado", m(self.expected_cash)), ("Efectivo contado", m(self.counted_cash)),
            ("Diferencia", m(self.difference)), ("Queda en caja", m(self.left_in_drawer)),
            ("Retirado al cierre", m(self.taken_out)),
        ]  # fmt: skip
        labels = {"cash": "efectivo", "card": "tarjeta", "transfer": "transferencia", "credit": "a cuenta"}
        for method, amount in sorted(self.by_method.items()):
            kind, _, card = method.partition(" ")
            rows.append((f"Cobrado: {labels.get(kind, kind)}{' ' + card if card else ''}", m(amount)))
        rows += [
            ("Ventas brutas (PVP)", m(self.gross_sales)), ("Descuentos", m(self.discounts)),
            ("Aportación de entidades", m(self.payer_share)), ("Devoluciones", m(self.returns)),
            ("Ventas netas", m(self.net_sales)), ("Operaciones venta libre", str(self.free_operations)),
            ("Operaciones con receta", str(self.prescription_operations)),
            ("Operaciones mixtas", str(self.mixed_operations)), ("Aportación cobrada", m(self.copay_collected)),
            ("Pendiente de entidades", m(self.pending_from_payers)),
        ]  # fmt: skip
        for seller in self.sellers:
            rows.append((f"{seller.name}: operaciones / líneas / unidades",
                         f"{seller.operations} / {seller.lines} / {plain(seller.units)}"))  # fmt: skip
            amounts = " / ".join(
                m(v) for v in (seller.gross, seller.discounts, seller.net, seller.average_ticket)
            )
            rows.append((f"{seller.name}: bruto / descuentos / neto / ticket medio", amounts))
        for rate, (base, quota) in sorted(self.vat.items()):
            rows.append((f"IVA {plain(rate)} %: base / cuota", f"{m(base)} / {m(quota)}"))
        for series, (first, last) in sorted(self.series.items()):
            rows.append((f"Serie {series}", f"{first} – {last}"))
        return rows


def _movement_sums(session: Session, session_id: int) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    cash: dict[str, Decimal] = defaultdict(lambda: ZERO)
    by_method: dict[str, Decimal] = defaultdict(lambda: ZERO)
    rows = session.execute(
        select(CashMovement.kind, CashMovement.method, CashMovement.card_type, func.sum(CashMovement.amount))
        .where(CashMovement.session_id == session_id)
        .group_by(CashMovement.kind, CashMovement.method, CashMovement.card_type)
    )
    for kind, method, card_type, amount in rows:
        amount = Decimal(amount)
        if method == "cash":
            key = "cash_refunds" if kind == "refund" else kind
            cash[key] += amount
        if kind in ("sale", "refund"):
            label = f"{method} {card_type}" if card_type else method
            by_method[label] += amount
    return cash, dict(by_method)


def z_report(session: Session, session_id: int | None = None, workstation_id: int | None = None) -> ZReport:
    if session_id is not None:
        cash_session = session.get(CashSession, session_id)
    else:
        cash_session = session.scalar(
            select(CashSession)
            .where(CashSession.workstation_id == workstation_id)
            .order_by(CashSession.id.desc())
        )
    if cash_session is None:
        raise NotFound(msg("No existe esa sesión de caja."))
    cash, by_method = _movement_sums(session, cash_session.id)
    documents = _document_figures(session, Sale.cash_session_id == cash_session.id)
    pharmacy = session.scalar(select(Pharmacy).limit(1))
    workstation = session.get(Workstation, cash_session.workstation_id)
    return ZReport(
        session_id=cash_session.id, pharmacy_name=pharmacy.display_name if pharmacy else "",
        pharmacy_nif=pharmacy.nif if pharmacy else "", workstation_name=workstation.name, state=cash_session.state,
        opened_at=cash_session.opened_at, closed_at=cash_session.closed_at,
        opening_float=Decimal(cash_session.opening_float), cash_sales=cash["sale"],
        cash_refunds=cash["cash_refunds"], payments_in=cash["payment_in"], payments_out=cash["payment_out"],
        withdrawals=cash["withdrawal"], credit_collections=cash["credit_collection"], corrections=cash["correction"],
        expected_cash=Decimal(cash_session.expected_cash) if cash_session.expected_cash is not None
        else expected_cash(session, cash_session),
        counted_cash=cash_session.counted_cash, difference=cash_session.difference,
        left_in_drawer=cash_session.left_in_drawer, taken_out=cash_session.taken_out, by_method=by_method,
        **documents,
    )  # fmt: skip


def _document_figures(session: Session, where) -> dict:
    """Sales figures of the closed documents matching `where` (a session, a period)."""
    closed = (Sale.state == "closed") & (Sale.kind != "invoice") & where
    line_totals = session.execute(
        select(
            Sale.id, Sale.kind, Sale.seller_id, Sale.total, Sale.discount_total, Sale.payer_total,
            func.count(SaleLine.id), func.sum(SaleLine.quantity),
            func.sum(SaleLine.quantity * SaleLine.unit_price),
            func.sum(case((SaleLine.copay_type_id.is_not(None), 1), else_=0)),
            func.sum(case((SaleLine.copay_type_id.is_not(None), SaleLine.amount), else_=0)),
        )
        .join(SaleLine, SaleLine.sale_id == Sale.id)
        .where(closed)
        .group_by(Sale.id, Sale.kind, Sale.seller_id, Sale.total, Sale.discount_total, Sale.payer_total)
    ).all()  # fmt: skip
    names = dict(session.execute(select(Seller.id, Seller.name)).all())
    per_seller: dict[int, list] = defaultdict(lambda: [0, 0, ZERO, ZERO, ZERO, ZERO])
    gross = discounts = payer = returns = net = copay = ZERO
    free = prescription = mixed = 0
    for (
        _id,
        kind,
        seller_id,
        total,
        discount,
        payer_total,
        lines,
        units,
        line_gross,
        rx_lines,
        rx_amount,
    ) in line_totals:
        total, discount = Decimal(total), Decimal(discount or 0)
        payer_total, line_gross = Decimal(payer_total or 0), Decimal(line_gross).quantize(Decimal("0.01"))
        net += total
        copay += Decimal(rx_amount or 0)
        if kind == "refund":
            returns += total
            payer += payer_total
            continue
        gross += line_gross
        discounts += discount
        payer += payer_total
        if rx_lines == 0:
            free += 1
        elif rx_lines == lines:
            prescription += 1
        else:
            mixed += 1
        figures = per_seller[seller_id]
        figures[0] += 1
        figures[1] += int(lines)
        figures[2] += Decimal(units)
        figures[3] += line_gross
        figures[4] += discount
        figures[5] += total
    vat: dict[Decimal, tuple[Decimal, Decimal]] = {}
    for rate, base, quota in session.execute(
        select(SaleVat.rate, func.sum(SaleVat.base), func.sum(SaleVat.quota))
        .join(Sale, Sale.id == SaleVat.sale_id).where(closed).group_by(SaleVat.rate)
    ):  # fmt: skip
        vat[Decimal(rate).normalize()] = (Decimal(base), Decimal(quota))
    series = {
        name: (first, last)
        for name, first, last in session.execute(
            select(Sale.series, func.min(Sale.number), func.max(Sale.number))
            .where(closed)
            .group_by(Sale.series)
        )
    }
    sellers = tuple(
        SellerFigures(names.get(sid, str(sid)), f[0], f[1], f[2], f[3], f[4], f[5])
        for sid, f in sorted(per_seller.items(), key=lambda item: names.get(item[0], ""))
    )
    return {
        "gross_sales": gross, "discounts": discounts, "payer_share": payer, "returns": returns, "net_sales": net,
        "free_operations": free, "prescription_operations": prescription, "mixed_operations": mixed,
        "copay_collected": copay, "pending_from_payers": payer, "sellers": sellers, "vat": vat, "series": series,
    }  # fmt: skip


@dataclass(frozen=True)
class PeriodSummary:
    date_from: date
    date_to: date
    documents: int
    net_sales: Decimal
    vat: dict[Decimal, tuple[Decimal, Decimal]]
    by_method: dict[str, Decimal]


def period_summary(session: Session, date_from: datetime, date_to: datetime) -> PeriodSummary:
    """Sales between two instants (e.g. year to date): totals, VAT per rate and payment methods."""
    from farmapos.domain.models import SalePayment

    closed = (Sale.state == "closed") & (Sale.kind != "invoice") & (Sale.closed_at >= date_from) & (
        Sale.closed_at < date_to
    )  # fmt: skip
    documents, net = session.execute(
        select(func.count(Sale.id), func.coalesce(func.sum(Sale.total), 0)).where(closed)
    ).one()
    vat = {
        Decimal(rate).normalize(): (Decimal(base), Decimal(quota))
        for rate, base, quota in session.execute(
            select(SaleVat.rate, func.sum(SaleVat.base), func.sum(SaleVat.quota))
            .join(Sale, Sale.id == SaleVat.sale_id).where(closed).group_by(SaleVat.rate)
        )
    }  # fmt: skip
    by_method = {
        method: Decimal(amount)
        for method, amount in session.execute(
            select(SalePayment.method, func.sum(SalePayment.amount))
            .join(Sale, Sale.id == SalePayment.sale_id).where(closed).group_by(SalePayment.method)
        )
    }  # fmt: skip
    return PeriodSummary(date_from.date(), date_to.date(), int(documents), Decimal(net), vat, by_method)
