"""Exact bytes of the ESC/POS commands we claim, and what a captured stream reads back as."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from farmapos.devices import escpos
from farmapos.devices.errors import InvalidBarcode
from farmapos.devices.escpos_text import escpos_to_text
from farmapos.devices.symbols import barcode_kind, ean13_check_digit, is_valid_ean13, qr_modules


def test_drawer_kick_bytes_for_both_pins() -> None:
    assert escpos.drawer_kick(2) == b"\x1b\x70\x00\x32\x64"
    assert escpos.drawer_kick(5) == b"\x1b\x70\x01\x32\x64"
    with pytest.raises(ValueError):
        escpos.drawer_kick(3)


def test_cut_init_and_code_page_switch_bytes() -> None:
    assert escpos.CUT == b"\x1d\x56\x42\x00"
    assert escpos.INIT == b"\x1b\x40"
    assert escpos.select_code_page("cp858") == b"\x1b\x74\x13"  # ESC t 19
    assert escpos.select_code_page("CP1252") == b"\x1b\x74\x10"  # ESC t 16
    assert escpos.select_code_page("cp858", 53) == b"\x1b\x74\x35"  # a model's own number wins
    with pytest.raises(ValueError):
        escpos.select_code_page("cp1250")


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("cp858", {"€": b"\xd5", "ñ": b"\xa4", "Ñ": b"\xa5", "á": b"\xa0", "é": b"\x82", "í": b"\xa1",
                   "ó": b"\xa2", "ú": b"\xa3", "ü": b"\x81", "¿": b"\xa8", "¡": b"\xad"}),
        ("cp1252", {"€": b"\x80", "ñ": b"\xf1", "Ñ": b"\xd1", "á": b"\xe1", "é": b"\xe9", "í": b"\xed",
                    "ó": b"\xf3", "ú": b"\xfa", "ü": b"\xfc", "¿": b"\xbf", "¡": b"\xa1"}),
    ],
)  # fmt: skip
def test_spanish_characters_and_euro_in_each_code_page(page: str, expected: dict[str, bytes]) -> None:
    for char, byte in expected.items():
        assert escpos.encode(char, page) == byte, char
    assert escpos.encode("n\u0303", page) == expected["ñ"]  # decomposed input is composed first
    assert escpos.encode("Ω", page) == b"?"  # never garbage: a visible question mark


def test_code128_uses_code_set_c_for_digit_runs() -> None:
    assert escpos.code128_payload("T1-2026-000007") == b"{BT1-{C\x14\x1a{B-{C\x00\x00\x07"
    assert escpos.code128_payload("12345") == b"{B1{C\x17\x2d"
    assert escpos.code128_payload("A{B") == b"{BA{{B"
    command = escpos.barcode_code128("AB", module_width=2, height=80)
    assert command == b"\x1dh\x50\x1dw\x02\x1dH\x02\x1dk\x49\x04{BAB"
    with pytest.raises(InvalidBarcode):
        escpos.code128_payload("NIÑO")


@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=40))
def test_code128_payload_round_trips_and_is_never_longer_than_code_set_b(data: str) -> None:
    payload = escpos.code128_payload(data)
    assert escpos.decode_code128_payload(payload) == data
    assert escpos.code128_symbols(payload) <= len(data) + 1


def test_ean13_and_qr_commands() -> None:
    assert escpos.barcode_ean13("8470006547663", 3, 60).endswith(b"\x1dk\x43\x0d8470006547663")
    qr = escpos.qr_code("ABC", module_size=6)
    assert qr == (
        b"\x1d(k\x04\x00\x31\x41\x32\x00" + b"\x1d(k\x03\x00\x31\x43\x06" + b"\x1d(k\x03\x00\x31\x45\x31"
        + b"\x1d(k\x06\x00\x31\x50\x30ABC" + b"\x1d(k\x03\x00\x31\x51\x30"
    )  # fmt: skip


def test_raster_image_packs_dots_eight_to_a_byte() -> None:
    image = escpos.raster_image([[True] + [False] * 8, [False] * 8 + [True]])
    assert image == b"\x1dv0\x00\x02\x00\x02\x00" + b"\x80\x00" + b"\x00\x80"


def test_ean13_check_digit_is_verified_not_replaced() -> None:
    assert ean13_check_digit("847000654766") == "3" and is_valid_ean13("8470006547663")
    assert barcode_kind("8470006547663") == "EAN13"
    assert barcode_kind("847000654766") == "Code128"  # 12 digits is not an EAN-13
    with pytest.raises(InvalidBarcode, match="debería ser 3"):
        barcode_kind("8470006547664")


def test_qr_matrix_has_the_size_of_its_version() -> None:
    matrix = qr_modules("https://www.agenciatributaria.gob.es")
    assert len(matrix) in (25, 29, 33) and all(len(row) == len(matrix) for row in matrix)
    assert matrix[0][:7] == [True] * 7  # finder pattern


def test_escpos_to_text_names_what_paper_shows_and_text_cannot() -> None:
    stream = (
        escpos.INIT + escpos.select_code_page("cp858") + escpos.encode("Año 1,50 €\n", "cp858")
        + escpos.select_code_page("cp1252") + escpos.encode("Niño 2,00 €\n", "cp1252")
        + escpos.DOUBLE + b"TOTAL\n" + escpos.NORMAL
        + escpos.barcode_code128("T1-2026-000007") + escpos.barcode_ean13("8470006547663")
        + escpos.qr_code("https://example.org/?a=1&b=ñ") + escpos.raster_image([[True] * 16] * 3)
        + escpos.drawer_kick(2) + escpos.STATUS_PAPER + escpos.CUT
    )  # fmt: skip
    text = escpos_to_text(stream, "cp858")
    assert text.splitlines() == [
        "Año 1,50 €", "Niño 2,00 €", "TOTAL", "[CÓDIGO DE BARRAS CODE128: T1-2026-000007]",
        "[CÓDIGO DE BARRAS EAN13: 8470006547663]", "[QR: https://example.org/?a=1&b=ñ]", "[IMAGEN 16×3 puntos]",
        "[CAJÓN]", "", "✂------------------------------",
    ]  # fmt: skip
