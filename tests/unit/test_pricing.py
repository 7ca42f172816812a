"""Money properties of a sale, for any mix of lines, quantities, discounts, co-payments and VAT rates."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from farmapos.domain.money import round_to_step, vat_breakdown
from farmapos.domain.sales.payments import settle_payments
from farmapos.domain.sales.pricing import LineInput, price_sale, spread
from farmapos.domain.sales.views import PaymentInput

cents = st.integers(min_value=0, max_value=50_000).map(lambda c: Decimal(c) / 100)
rates = st.sampled_from([Decimal(0), Decimal(4), Decimal(10), Decimal(21)])
lines = st.builds(
    LineInput,
    quantity=st.integers(min_value=1, max_value=20).map(Decimal),
    unit_price=cents,
    vat_rate=rates,
    discount_pct=st.integers(min_value=0, max_value=100).map(Decimal),
    discount_amount=st.one_of(st.none(), cents),
    copay_pct=st.one_of(st.none(), st.sampled_from([Decimal(0), Decimal(10), Decimal(40), Decimal(60)])),
    copay_cap=st.one_of(st.none(), st.just(Decimal("4.98"))),
    total_discount_allowed=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(lines, min_size=1, max_size=12),
    st.integers(min_value=0, max_value=100),
    st.one_of(st.none(), cents),
)
def test_vat_breakdown_and_lines_sum_exactly_to_the_total(items, total_pct, total_amount) -> None:
    price = price_sale(items, total_discount_pct=Decimal(total_pct), total_discount_amount=total_amount)
    assert sum((line.amount for line in price.lines), Decimal(0)) == price.total
    assert sum((share.base + share.quota for share in price.vat), Decimal(0)) == price.total
    assert all(share.quota == share.quota.quantize(Decimal("0.01")) for share in price.vat)
    assert price.total >= 0
    for line, result in zip(items, price.lines, strict=True):
        assert result.net == result.payer + result.patient
        assert result.amount >= 0
        if not line.total_discount_allowed:
            assert result.total_discount_share == 0
    assert sum((r.total_discount_share for r in price.lines), Decimal(0)) == price.total_discount


@settings(max_examples=300, deadline=None)
@given(cents, st.integers(min_value=0, max_value=100), st.sampled_from([Decimal(0), Decimal("0.05")]),
       st.integers(min_value=0, max_value=10_000).map(lambda c: Decimal(c) / 100))  # fmt: skip
def test_payments_minus_change_equal_the_total(total, card_share_pct, step, extra) -> None:
    card = (total * card_share_pct / 100).quantize(Decimal("0.01"))
    cash = total - card
    rounded = round_to_step(cash, step)
    payments = [PaymentInput("card", card, card_type="VISA"), PaymentInput("cash", cash, rounded + extra)]
    settled = settle_payments(total, payments, step)
    paid = sum((p.amount for p in settled.rows), Decimal(0))
    assert paid - settled.cash_rounding == total
    assert settled.tendered - settled.change == settled.cash_amount
    assert abs(settled.cash_rounding) <= step / 2


@given(cents, st.lists(cents, min_size=1, max_size=10))
def test_spread_parts_sum_exactly(amount, weights) -> None:
    parts = spread(amount, weights)
    if sum(weights) > 0:
        assert sum(parts, Decimal(0)) == amount
        assert all(part >= 0 for part in parts)


def test_quota_is_rounded_half_up_per_rate() -> None:
    [share] = vat_breakdown([(Decimal(21), Decimal("0.07"))])
    assert (share.base, share.quota) == (Decimal("0.06"), Decimal("0.01"))
