"""Locale formatting of money, quantities and dates, kept apart from arithmetic.

Used by the UI, the device layer (tickets, displays, labels) and reports. Only stdlib, so every layer may
import it; the domain never formats inside a calculation.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

_SEPARATORS = {"es": (".", ","), "en": (",", ".")}


def _group(digits: str, sep: str) -> str:
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return sep.join(parts)


def format_number(value: Decimal | int, places: int = 2, lang: str = "es") -> str:
    """`1234.5` → `1.234,50` (es) or `1,234.50` (en); rounds half-up to `places`."""
    thousands, decimal_sep = _SEPARATORS.get(lang[:2], _SEPARATORS["es"])
    q = Decimal(1).scaleb(-places) if places else Decimal(1)
    d = Decimal(value).quantize(q, rounding=ROUND_HALF_UP)
    sign = "-" if d < 0 else ""
    whole, _, frac = f"{abs(d):f}".partition(".")
    text = _group(whole, thousands)
    if places:
        text += decimal_sep + frac.ljust(places, "0")
    return sign + text


def format_money(value: Decimal | int, lang: str = "es", symbol: str = "€") -> str:
    """`1234.56` → `1.234,56 €` (es) or `€1,234.56` (en)."""
    number = format_number(value, 2, lang)
    if lang.startswith("en"):
        if number.startswith("-"):
            return f"-{symbol}{number[1:]}"
        return f"{symbol}{number}"
    return f"{number} {symbol}"


def format_quantity(value: Decimal | int, lang: str = "es") -> str:
    """Quantities print without decimals when whole: `3`, `0,5`."""
    d = Decimal(value)
    if d == d.to_integral_value():
        return format_number(d, 0, lang)
    places = max(0, -d.normalize().as_tuple().exponent)  # type: ignore[operator]
    return format_number(d, min(places, 3), lang)


def format_percent(value: Decimal | int, lang: str = "es") -> str:
    """`21 %` (Spanish spacing) or `21%`."""
    d = Decimal(value)
    places = 0 if d == d.to_integral_value() else 2
    return f"{format_number(d, places, lang)}{'' if lang.startswith('en') else ' '}%"


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(value: date, lang: str = "es") -> str:
    """`23/11/2026` (es) or `23 Nov 2026` (en: day, month and year cannot be mistaken for each other).

    The month names are fixed, not `%b`: Qt sets the C library's locale, which would change them.
    """
    if lang.startswith("en"):
        return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"
    return value.strftime("%d/%m/%Y")


def format_datetime(value: datetime, lang: str = "es") -> str:
    return f"{format_date(value, lang)} {value.strftime('%H:%M')}"
