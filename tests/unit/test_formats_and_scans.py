from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from farmapos.formats import format_date, format_datetime, format_money, format_percent, format_quantity
from farmapos.scancodes import GS, normalize_scan


@pytest.mark.parametrize(
    ("value", "es", "en"),
    [(Decimal("1234.56"), "1.234,56 €", "€1,234.56"), (Decimal("0.005"), "0,01 €", "€0.01"),
     (Decimal("-2.5"), "-2,50 €", "-€2.50"), (Decimal("1000000"), "1.000.000,00 €", "€1,000,000.00")],
)  # fmt: skip
def test_money_in_spanish_and_english(value: Decimal, es: str, en: str) -> None:
    assert format_money(value) == es
    assert format_money(value, "en") == en


def test_quantities_percentages_and_dates() -> None:
    assert (format_quantity(Decimal(3)), format_quantity(Decimal("0.5")), format_quantity(Decimal("1.250"))) == (
        "3", "0,5", "1,25",
    )  # fmt: skip
    assert (format_percent(Decimal(21)), format_percent(Decimal("4.5"))) == ("21 %", "4,50 %")
    assert (format_percent(Decimal(21), "en"), format_quantity(Decimal("1234.5"), "en")) == ("21%", "1,234.5")
    assert (
        format_date(date(2026, 11, 23)) == "23/11/2026"
        and format_date(date(2026, 3, 5), "en") == "5 Mar 2026"  # never 11/23 or 3/5: no order to guess
    )
    assert format_datetime(datetime(2026, 11, 23, 9, 5)) == "23/11/2026 09:05"
    assert format_datetime(datetime(2026, 11, 23, 9, 5), "en") == "23 Nov 2026 09:05"


@pytest.mark.parametrize(
    ("raw", "text", "aim", "gs1"),
    [
        ("8470006547663\r\n", "8470006547663", None, False),
        ("]E08470006547663", "8470006547663", "]E0", False),
        ("]d2010847000654766321AB<GS>10L1\r", f"010847000654766321AB{GS}10L1", "]d2", True),
        (f"{GS}010847000654766321AB{{GS}}10L1{GS}", f"010847000654766321AB{GS}10L1", None, True),
        ("0108470006547663211726033110231853", "0108470006547663211726033110231853", None, True),
        ("  P-001 ", "P-001", None, False),
    ],
)
def test_scans_are_normalised(raw: str, text: str, aim: str | None, gs1: bool) -> None:
    scan = normalize_scan(raw)
    assert (scan.text, scan.aim, scan.is_gs1) == (text, aim, gs1)
