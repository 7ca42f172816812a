"""Money arithmetic on Decimal with named rounding points (ROUND_HALF_UP, never float)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


def money(value: Decimal | int | str) -> Decimal:
    """Build a money amount; floats are refused because they carry binary error."""
    if isinstance(value, float):
        raise TypeError("money amounts are never built from float; pass a str or Decimal")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def round_cents(value: Decimal) -> Decimal:
    """The one rounding rule for amounts: half-up to cents."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def percent_of(amount: Decimal, pct: Decimal) -> Decimal:
    """`pct` % of `amount`, rounded half-up to cents."""
    return round_cents(amount * pct / HUNDRED)


def round_to_step(amount: Decimal, step: Decimal) -> Decimal:
    """Round to the nearest multiple of `step` (e.g. 0.05 € cash rounding), half-up."""
    if step <= 0:
        return round_cents(amount)
    units = (amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return round_cents(units * step)


@dataclass(frozen=True)
class VatShare:
    """The part of a VAT-inclusive total that falls under one rate."""

    rate: Decimal
    base: Decimal
    quota: Decimal

    @property
    def total(self) -> Decimal:
        return self.base + self.quota


def vat_breakdown(gross_by_rate: Iterable[tuple[Decimal, Decimal]]) -> list[VatShare]:
    """Split VAT-inclusive gross amounts per rate into base and quota.

    The quota is rounded half-up per rate and the base is the gross minus the quota, so that base + quota
    equals the gross of each rate to the cent and the breakdown sums exactly to the ticket total.
    """
    totals: dict[Decimal, Decimal] = {}
    for rate, gross in gross_by_rate:
        key = Decimal(rate).normalize() if rate else Decimal(0)
        totals[key] = totals.get(key, ZERO) + gross
    shares = []
    for rate in sorted(totals):
        gross = round_cents(totals[rate])
        quota = round_cents(gross * rate / (HUNDRED + rate))
        shares.append(VatShare(rate=rate, base=gross - quota, quota=quota))
    return shares
