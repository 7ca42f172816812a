"""The demo catalogue looks like a Spanish pharmacy's: valid and unique codes, legal VAT, usual proportions.

Demos, benchmarks and searches are only as telling as the catalogue behind them, so its realism is tested.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from stdnum import ean

from farmapos.demo.catalogue import FAMILIES, LABORATORIES, ArticleRow, generate_articles
from farmapos.domain.codes import cn_to_ean13, complete_cn, lookup_keys
from farmapos.domain.models.catalogue import Article

N = 20_000
KINDS = {family.code: family.kind for family in FAMILIES}


@pytest.fixture(scope="module")
def rows() -> list[ArticleRow]:
    return list(generate_articles(N))


@pytest.fixture(scope="module")
def medicines(rows: list[ArticleRow]) -> list[ArticleRow]:
    return [row for row in rows if KINDS[row.family_code] == "medicine"]


def share(rows: list[ArticleRow], flag: str) -> float:
    return sum(getattr(row, flag) for row in rows) / len(rows)


def test_every_cn_has_its_check_digit_and_medicines_carry_it_as_ean13(rows: list[ArticleRow]) -> None:
    cns = [row for row in rows if row.code.isdigit()]
    assert len(cns) > N * 0.9
    for row in cns:
        assert len(row.code) == 7 and complete_cn(row.code) == row.code
    for row in rows:
        if row.family_code in ("MED", "EFG", "EFP", "HOM"):
            assert row.barcodes == (cn_to_ean13(row.code),)


def test_every_barcode_is_a_valid_ean13_or_ean8(rows: list[ArticleRow]) -> None:
    barcodes = [barcode for row in rows for barcode in row.barcodes]
    assert all(len(barcode) in (8, 13) and ean.is_valid(barcode) for barcode in barcodes)
    assert any(len(barcode) == 8 for barcode in barcodes)
    assert any(barcode[:2] in ("30", "33", "34", "35", "40") for barcode in barcodes)  # imported brands


def test_codes_barcodes_and_synonyms_are_unique_and_no_scan_finds_another_article(
    rows: list[ArticleRow],
) -> None:
    codes = [code for row in rows for code in (row.code, *row.barcodes, *row.synonyms)]
    assert len(codes) == len(set(codes))
    owner = {row.code: row for row in rows}
    for row in rows:
        for barcode in row.barcodes:
            assert all(owner.get(key, row) is row for key in lookup_keys(barcode))


def test_descriptions_are_unique_almost_always(rows: list[ArticleRow]) -> None:
    repeated = sum(count - 1 for count in Counter(row.description for row in rows).values())
    assert repeated < N * 0.005


def test_vat_rates_are_spanish_ones_medicines_4_services_21(rows: list[ArticleRow]) -> None:
    vat = {family.code: family.vat_rate for family in FAMILIES}
    assert {row.vat_rate for row in rows} == {Decimal(4), Decimal(10), Decimal(21)}
    for row in rows:
        assert row.vat_rate == vat[row.family_code]
        if KINDS[row.family_code] == "medicine":
            assert row.vat_rate == 4
    services = [row for row in rows if KINDS[row.family_code] == "service"]
    assert len(services) >= 10
    assert all(row.unlimited and row.vat_rate == 21 and row.synonyms for row in services)
    assert not any(row.unlimited for row in rows if KINDS[row.family_code] != "service")


@pytest.mark.parametrize(
    ("flag", "low", "high"),
    [
        ("needs_prescription", 0.62, 0.78),
        ("psychotropic", 0.025, 0.06),
        ("narcotic", 0.001, 0.02),
        ("fridge", 0.015, 0.05),
        ("generic", 0.32, 0.48),
        ("excluded_funding", 0.06, 0.17),
        ("advertised", 0.05, 0.11),
        ("discontinued", 0.01, 0.035),
    ],
)
def test_medicine_flags_come_in_realistic_proportions(
    medicines: list[ArticleRow], flag: str, low: float, high: float
) -> None:
    assert N * 0.5 < len(medicines) < N * 0.75
    assert low < share(medicines, flag) < high


def test_controlled_medicines_need_a_prescription_and_advertised_ones_do_not(
    medicines: list[ArticleRow],
) -> None:
    for row in medicines:
        if row.narcotic or row.psychotropic or row.special_control:
            assert row.needs_prescription
        if row.advertised:
            assert not row.needs_prescription and row.excluded_funding and row.family_code == "EFP"
    assert any(row.narcotic and row.location == "CAJA FUERTE" for row in medicines)
    assert all(row.location.startswith("NEVERA") for row in medicines if row.fridge)


def test_generics_say_efg_and_search_meets_many_rows_sharing_first_words(rows: list[ArticleRow]) -> None:
    for row in rows:
        assert row.generic == row.description.endswith(" EFG")
        assert row.generic == (row.family_code == "EFG")
        assert row.description == row.description.upper()
    first_words = Counter(row.description.split()[0] for row in rows)
    for word in ("PARACETAMOL", "IBUPROFENO", "OMEPRAZOL", "ISDIN"):
        assert first_words[word] >= 15, word


def test_descriptions_have_spanish_accents_and_eñe(rows: list[ArticleRow]) -> None:
    text = " ".join(row.description for row in rows)
    for word in ("ÁCIDO", "SOLUCIÓN", "INYECCIÓN", "CÁPSULAS", "SUSPENSIÓN", "PEDIÁTRICA", "NIÑOS", "PAÑAL"):
        assert word in text, word


def test_prices_have_two_decimals_and_costs_stay_below(rows: list[ArticleRow]) -> None:
    for row in rows:
        for amount in (row.price, row.last_cost, row.average_cost):
            assert amount >= 0 and amount.as_tuple().exponent == -2
        assert row.last_cost <= row.price and row.average_cost <= row.price
        assert row.max_stock >= row.min_stock >= 0
    prices = sorted(row.price for row in rows if KINDS[row.family_code] == "medicine")
    assert Decimal(1) < prices[len(prices) // 2] < Decimal(20)  # the median medicine is cheap, as in Spain
    assert prices[-1] > Decimal(100)  # and a few (vaccines, biologicals) are not


def test_rows_fit_the_article_table(rows: list[ArticleRow]) -> None:
    labs = {code for code, _name in LABORATORIES}
    columns = {column.name for column in Article.__table__.columns}
    assert set(rows[0].columns()) <= columns
    for row in rows:
        assert len(row.code) <= 40 and len(row.description) <= 200 and len(row.presentation) <= 120
        assert len(row.location) <= 40 and len(row.atc_code) <= 10 and len(row.measure_unit) <= 8
        assert row.laboratory_code is None or row.laboratory_code in labs
        assert (row.measure_quantity is None) == (row.measure_unit == "")
    assert any(row.measure_unit == "ml" for row in rows) and any(row.measure_unit == "g" for row in rows)
    assert any(row.code.startswith("P") for row in rows) and any(row.code.startswith("FM") for row in rows)


def test_same_seed_same_rows_and_a_small_catalogue_is_the_start_of_a_large_one(
    rows: list[ArticleRow],
) -> None:
    assert list(generate_articles(100)) == rows[:100]
    assert list(generate_articles(100, seed=8)) != rows[:100]


@pytest.mark.parametrize("n", [-1, 500_001])
def test_refuses_sizes_the_code_blocks_cannot_hold(n: int) -> None:
    with pytest.raises(ValueError, match="0 to 500000"):
        next(generate_articles(n))
