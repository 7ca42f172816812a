"""The arithmetic of a sale, pure: line amounts, discounts, co-payment, total discount, VAT breakdown.

Rounding points (half-up to cents): the line gross, the line discount, the patient's co-payment share,
the total discount, and each line's share of it. The total discount is spread over the lines in
proportion to their amounts with the remainder cents placed largest-first, so every line has an exact
final amount and the VAT breakdown of those amounts sums exactly to the total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from farmapos.domain.money import CENT, ZERO, VatShare, percent_of, round_cents, vat_breakdown


@dataclass(frozen=True)
class LineInput:
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal
    discount_pct: Decimal = ZERO
    discount_amount: Decimal | None = None
    copay_pct: Decimal | None = None
    """Patient's percentage on a prescription line; None for a free sale."""
    copay_cap: Decimal | None = None
    """Maximum the patient pays per pack, where the co-payment rule sets one."""
    total_discount_allowed: bool = True
    monthly_key: str | None = None
    """Co-payment type whose monthly cap this line counts against (the patient's pensioner cap)."""


@dataclass(frozen=True)
class LinePrice:
    gross: Decimal
    discount: Decimal
    net: Decimal
    """Gross minus line discount: the retail amount of the line."""
    payer: Decimal
    """The part owed by the payer of a prescription (zero on free sales)."""
    patient: Decimal
    """Net minus payer: what the customer owes before the total discount."""
    total_discount_share: Decimal
    amount: Decimal
    """What the customer pays for the line."""


@dataclass(frozen=True)
class SalePrice:
    lines: tuple[LinePrice, ...]
    gross: Decimal
    line_discounts: Decimal
    total_discount: Decimal
    payer_total: Decimal
    total: Decimal
    vat: tuple[VatShare, ...]


def price_line(line: LineInput) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal]:
    """(gross, discount, net, payer, patient) of one line before the total discount."""
    gross = round_cents(line.quantity * line.unit_price)
    if line.discount_amount is not None:
        discount = round_cents(line.discount_amount)
    else:
        discount = percent_of(gross, line.discount_pct)
    if abs(discount) > abs(gross):
        discount = gross
    net = gross - discount
    if line.copay_pct is None:
        return gross, discount, net, ZERO, net
    patient = percent_of(net, line.copay_pct)
    if line.copay_cap is not None:
        cap = round_cents(line.copay_cap * abs(line.quantity))
        if abs(patient) > cap:
            patient = cap if patient >= 0 else -cap
    return gross, discount, net, net - patient, patient


def spread(amount: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """Split `amount` in cents across `weights` proportionally; the parts sum exactly to `amount`."""
    total = sum(weights, ZERO)
    if amount == 0 or total == 0:
        return [ZERO for _ in weights]
    raw = [amount * w / total for w in weights]
    parts = [r.quantize(CENT, rounding="ROUND_DOWN") for r in raw]
    left = int((amount - sum(parts, ZERO)) / CENT)
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - parts[i], weights[i]), reverse=True)
    step = CENT if left > 0 else -CENT
    for i in order[: abs(left)]:
        parts[i] += step
    return parts


def price_sale(
    lines: Sequence[LineInput],
    *,
    total_discount_pct: Decimal = ZERO,
    total_discount_amount: Decimal | None = None,
    monthly_remaining: dict[str, Decimal] | None = None,
) -> SalePrice:
    """Price every line, cap the patient's shares by what is left of monthly caps, spread the total discount."""
    remaining = dict(monthly_remaining or {})
    priced = []
    for line in lines:
        gross, discount, net, payer, patient = price_line(line)
        if line.monthly_key is not None and line.monthly_key in remaining and patient > 0:
            patient = min(patient, max(ZERO, remaining[line.monthly_key]))
            remaining[line.monthly_key] -= patient
            payer = net - patient
        priced.append((gross, discount, net, payer, patient))
    eligible = [p[4] if line.total_discount_allowed else ZERO for line, p in zip(lines, priced, strict=True)]
    base = sum(eligible, ZERO)
    if total_discount_amount is not None:
        total_discount = round_cents(total_discount_amount)
    else:
        total_discount = percent_of(base, total_discount_pct)
    if base >= 0:
        total_discount = max(ZERO, min(total_discount, base))
    shares = spread(total_discount, eligible)
    results = []
    for (gross, discount, net, payer, patient), share in zip(priced, shares, strict=True):
        results.append(LinePrice(gross, discount, net, payer, patient, share, patient - share))
    amounts = [(line.vat_rate, result.amount) for line, result in zip(lines, results, strict=True)]
    return SalePrice(
        lines=tuple(results),
        gross=sum((r.gross for r in results), ZERO),
        line_discounts=sum((r.discount for r in results), ZERO),
        total_discount=total_discount,
        payer_total=sum((r.payer for r in results), ZERO),
        total=sum((r.amount for r in results), ZERO),
        vat=tuple(vat_breakdown(amounts)),
    )
