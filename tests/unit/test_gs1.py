"""Pack DataMatrix reading, against 13 real separator-less scans of Spanish medicine packs."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from farmapos.domain.gs1 import AmbiguousPackScan, MalformedPackScan, candidate_readings, parse_pack_scan

FIXTURES = Path(
    os.environ.get("FARMAPOS_FIXTURES", Path(__file__).resolve().parents[3] / "shared" / "fixtures")
)
DATAMATRIX = FIXTURES / "datamatrix-es" if (FIXTURES / "datamatrix-es").exists() else FIXTURES
TODAY = date(2025, 1, 1)
# Truly ambiguous without separators: the serial may end in "10" or the batch start with it.
AMBIGUOUS = {"8470007210764"}


def _fixtures() -> list:
    codes_file, results_file = DATAMATRIX / "codes.csv", DATAMATRIX / "results.tsv"
    if not codes_file.exists():
        return [
            pytest.param(None, None, marks=pytest.mark.skip(reason=f"fixtures not found in {DATAMATRIX}"))
        ]
    codes = [line.strip() for line in codes_file.read_text().splitlines() if line.strip()]
    results = [line.split("\t") for line in results_file.read_text().splitlines() if line.strip()]
    return [pytest.param(code, result, id=result[0]) for code, result in zip(codes, results, strict=True)]


@pytest.mark.parametrize(("code", "expected"), _fixtures())
def test_real_scans_without_separators(code: str, expected: list[str]) -> None:
    gtin, serial, batch, month_year = expected
    if gtin in AMBIGUOUS:
        with pytest.raises(AmbiguousPackScan) as caught:
            parse_pack_scan(code, today=TODAY)
        readings = [(c.serial, c.batch, c.expiry.strftime("%b-%y")) for c in caught.value.candidates]
        assert (serial, batch, month_year) in readings and len(readings) >= 2
        return
    pack = parse_pack_scan(code, today=TODAY)
    assert (pack.ean13 or pack.gtin, pack.serial, pack.batch, pack.expiry.strftime("%b-%y")) == (
        gtin, serial, batch, month_year,
    )  # fmt: skip


def test_separators_aim_prefix_and_substitutes() -> None:
    for raw in (
        "]d2010847000654766321ANT7T3KA31\x1d17260331" + "10231853\r\n",
        "010847000654766321ANT7T3KA31<GS>1726033110231853",
    ):
        pack = parse_pack_scan(raw, today=TODAY)
        assert (pack.gtin, pack.serial, pack.batch, pack.expiry) == (
            "08470006547663", "ANT7T3KA31", "231853", date(2026, 3, 31),
        )  # fmt: skip
        assert pack.national_code == "6547663"


def test_day_zero_means_the_last_day_of_the_month_and_712_is_read() -> None:
    pack = parse_pack_scan("010847000654766321S1\x1d17270200" + "10L1\x1d7126547663", today=TODAY)
    assert pack.expiry == date(2027, 2, 28) and pack.national_code == "6547663"


def test_bad_gtin_check_digit_is_refused() -> None:
    with pytest.raises(MalformedPackScan, match="control"):
        parse_pack_scan("010847000654766421ABC\x1d17260331" + "10X", today=TODAY)


def test_readings_without_expiry_or_batch_are_not_guessed() -> None:
    assert candidate_readings("0108470006547663" + "21ABC", today=TODAY) == ()
    with pytest.raises(MalformedPackScan):
        parse_pack_scan("0108470006547663" + "21ABC1726", today=TODAY)
