from __future__ import annotations

import pytest

from farmapos.domain.codes import (
    classify_barcode,
    cn_to_ean13,
    complete_cn,
    lookup_keys,
    validate_code,
    validate_nif,
)
from farmapos.domain.errors import ValidationError


@pytest.mark.parametrize(
    ("six", "seven"), [("654766", "6547663"), ("700681", "7006817"), ("721076", "7210764")]
)
def test_cn_check_digit_is_ean13_check_of_847000_prefix(six: str, seven: str) -> None:
    assert complete_cn(six) == seven
    assert complete_cn(seven) == seven
    assert cn_to_ean13(six) == "847000" + seven


def test_cn_with_wrong_check_digit_is_refused_naming_the_right_one() -> None:
    with pytest.raises(ValidationError, match=r"654766\.3"):
        complete_cn("6547664")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("654766", "6547663"),
        ("6547663", "6547663"),
        ("8470006547663", "6547663"),
        ("08470006547663", "6547663"),
        (" 8470006547663\r\n", "6547663"),
    ],
)
def test_every_spanish_pack_code_leads_to_the_cn(typed: str, expected: str) -> None:
    assert expected in lookup_keys(typed)


def test_foreign_gtin14_maps_to_its_ean13_only() -> None:
    assert lookup_keys("04006381333931") == ["04006381333931", "4006381333931"]


def test_internal_codes_are_looked_up_in_upper_case() -> None:
    assert lookup_keys("p-001") == ["P-001"]


@pytest.mark.parametrize(
    ("code", "kind"), [("4006381333931", "ean13"), ("96385074", "ean8"), ("08470006547663", "gtin14")]
)
def test_barcodes_are_classified(code: str, kind: str) -> None:
    assert classify_barcode(code) == kind


@pytest.mark.parametrize("bad", ["4006381333932", "96385075", "12345", "ABC4567890123"])
def test_bad_barcodes_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        classify_barcode(bad)


def test_codes_with_spaces_are_refused() -> None:
    with pytest.raises(ValidationError, match="espacios"):
        validate_code("AB 12", "synonym")


def test_declared_kind_must_match_the_barcode() -> None:
    with pytest.raises(ValidationError, match="EAN8"):
        validate_code("96385074", "ean13")


@pytest.mark.parametrize("nif", ["12345678Z", "X1234567L", "B12345674"])
def test_valid_spanish_tax_ids(nif: str) -> None:
    assert validate_nif(nif) == nif


@pytest.mark.parametrize("nif", ["12345678A", "X1234567A", "B12345670", "hello"])
def test_invalid_spanish_tax_ids(nif: str) -> None:
    with pytest.raises(ValidationError, match="NIF"):
        validate_nif(nif)
