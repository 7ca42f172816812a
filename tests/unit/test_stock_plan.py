"""First expiry first out, planned in memory: which lots a sale takes, and what it sells short."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from farmapos.domain.stock import LotStock, Movement, StockPlan

TODAY = date(2026, 11, 23)
ARTICLE = SimpleNamespace(id=1, description="IBUPROFENO 600", unlimited=False)


def sell(plan: StockPlan, units: int) -> Decimal:
    return plan.first_expiry_first_out(
        Movement("sale", ARTICLE, 1, Decimal(-units), 7, "Venta", "T1-2026-000001"), TODAY, "allow"
    )


def taken(plan: StockPlan) -> list[tuple[int | None, Decimal, str]]:
    return [(m.lot_id, m.quantity, m.note) for m in plan.movements]


def test_units_beyond_the_lots_are_sold_short_and_noted() -> None:
    plan = StockPlan({1: Decimal(5)}, {1: [LotStock(10, 1, date(2027, 1, 31), Decimal(5))]})
    assert sell(plan, 8) == 3
    assert taken(plan) == [(10, Decimal(-5), ""), (None, Decimal(-3), "Vendido sin existencias: faltaban 3 unidades")]
    assert plan.levels[1] == Decimal(-3)


def test_stock_outside_any_lot_is_sold_before_selling_short() -> None:
    # Level 6: 4 in a lot, 2 received without a lot; selling 7 takes the lot, the 2 lotless, 1 short.
    plan = StockPlan({1: Decimal(6)}, {1: [LotStock(10, 1, date(2027, 1, 31), Decimal(4))]})
    assert sell(plan, 7) == 1
    assert taken(plan) == [(10, Decimal(-4), ""), (None, Decimal(-3), "Vendido sin existencias: faltaban 1 unidades")]


def test_expired_units_are_never_sold_and_do_not_cover_a_sale() -> None:
    plan = StockPlan(
        {1: Decimal(5)},
        {1: [LotStock(9, 1, date(2026, 1, 31), Decimal(3)), LotStock(10, 1, date(2027, 1, 31), Decimal(2))]},
    )
    assert sell(plan, 2) == 0
    assert sell(plan, 2) == 2  # the level still says 3, but they are the expired lot's
    assert taken(plan) == [
        (10, Decimal(-2), ""), (None, Decimal(-2), "Vendido sin existencias: faltaban 2 unidades")
    ]
