"""Pack DataMatrix reading: 13 real separator-less scans of Spanish packs, the scanner variants, the rules
that decide ambiguity, and a property test over random element strings."""

from __future__ import annotations

import calendar
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import ean

from farmapos.domain.gs1 import (
    AmbiguousPackScan,
    MalformedPackScan,
    PackScan,
    candidate_readings,
    is_gs1_element_string,
    parse_pack_scan,
)

TODAY = date(2025, 1, 1)
GS = "\x1d"


def _fixture_dir() -> Path:
    """The copy in tests/fixtures (MIT, from ../shared/fixtures, so CI has it); `FARMAPOS_FIXTURES` may name
    another datamatrix-es folder or the fixtures folder above it."""
    configured = os.environ.get("FARMAPOS_FIXTURES")
    if configured is None:
        return Path(__file__).resolve().parents[1] / "fixtures" / "datamatrix-es"
    path = Path(configured)
    return path / "datamatrix-es" if (path / "datamatrix-es").is_dir() else path


# The one real scan no principled rule can settle: the serial may end in "10" or the batch begin with
# it (serial 10026647073610 + batch A59112B, or serial 100266470736 + batch 10A59112B).
TRULY_AMBIGUOUS = {"0108470007210764211002664707361010A59112B17260430"}


def _fixtures() -> list:
    folder = _fixture_dir()
    codes_file, results_file = folder / "codes.csv", folder / "results.tsv"
    if not (codes_file.is_file() and results_file.is_file()):
        reason = (
            f"DataMatrix fixtures not found in {folder} (set FARMAPOS_FIXTURES to the datamatrix-es folder)"
        )
        return [pytest.param(None, None, marks=pytest.mark.skip(reason=reason))]
    codes = [line.strip() for line in codes_file.read_text().splitlines() if line.strip()]
    results = [line.split("\t") for line in results_file.read_text().splitlines() if line.strip()]
    return [
        pytest.param(code, tuple(result), id=f"{number}-{result[0]}")
        for number, (code, result) in enumerate(zip(codes, results, strict=True), start=1)
    ]


def _as_fixture_row(pack: PackScan) -> tuple[str, str | None, str | None, str | None]:
    """A reading in results.tsv's terms: GTIN-13 when it is one, serial, batch, expiry as Mon-YY."""
    expiry = pack.expiry.strftime("%b-%y") if pack.expiry else None
    return (pack.ean13 or pack.gtin, pack.serial, pack.batch, expiry)


@pytest.mark.parametrize(("code", "expected"), _fixtures())
def test_real_scans_without_separators(code: str, expected: tuple[str, str, str, str]) -> None:
    readings = candidate_readings(code, today=TODAY)
    assert expected in [_as_fixture_row(pack) for pack in readings]
    if code in TRULY_AMBIGUOUS:
        with pytest.raises(AmbiguousPackScan) as caught:
            parse_pack_scan(code, today=TODAY)
        candidates = caught.value.candidates
        assert len(candidates) >= 2 and expected in [_as_fixture_row(pack) for pack in candidates]
        assert len({(pack.serial, pack.batch) for pack in candidates}) == len(candidates)
    else:
        pack = parse_pack_scan(code, today=TODAY)
        assert _as_fixture_row(pack) == expected
        assert pack.raw == code


def _assert_first_fixture_pack(pack: PackScan) -> None:
    assert (pack.gtin, pack.ean13, pack.serial, pack.batch, pack.expiry, pack.national_code) == (
        "08470006547663", "8470006547663", "ANT7T3KA31", "231853", date(2026, 3, 31), "6547663",
    )  # fmt: skip


@pytest.mark.parametrize(
    "raw",
    [
        "010847000654766321ANT7T3KA31\x1d1726033110231853",
        "]d2010847000654766321ANT7T3KA31\x1d1726033110231853",
        "]d2010847000654766321ANT7T3KA31\x1d1726033110231853\r\n",
        "010847000654766321ANT7T3KA31<GS>1726033110231853\r\n",
        "010847000654766321ANT7T3KA31{GS}1726033110231853\n",
        "010847000654766321ANT7T3KA31\u241d1726033110231853\r",
        "\x1d010847000654766321ANT7T3KA31\x1d17260331\x1d10231853\x1d",
        "01084700065476631726033110231853\x1d21ANT7T3KA31",
    ],
    ids=["gs", "aim", "aim-crlf", "<GS>-crlf", "{GS}-lf", "symbol-cr", "extra-gs", "other-order"],
)
def test_separators_aim_identifier_substitutes_and_line_ends(raw: str) -> None:
    _assert_first_fixture_pack(parse_pack_scan(raw, today=TODAY))
    assert is_gs1_element_string(raw)


def test_ai_712_gives_the_national_code_of_a_pack_whose_gtin_is_not_a_cn() -> None:
    pack = parse_pack_scan("0108435232300505" + "21TNCW7D02MD6A\x1d10V4TP1\x1d17250531" + "7128342594")
    assert (pack.ean13, pack.national_code, pack.batch) == ("8435232300505", "8342594", "V4TP1")
    indicator_1 = parse_pack_scan("011890107910633617261031" + "10HFZ022058\x1d7127035497")
    assert (indicator_1.gtin, indicator_1.ean13, indicator_1.national_code) == (
        "18901079106336",
        None,
        "7035497",
    )


def test_ai_712_that_is_no_cn_or_contradicts_the_gtin_is_refused() -> None:
    with pytest.raises(MalformedPackScan, match="712"):
        parse_pack_scan("0108435232300505" + "10V4TP1\x1d7128342595")  # wrong CN check digit
    with pytest.raises(MalformedPackScan, match="contradice"):
        parse_pack_scan("0108470006547663" + "10V4TP1\x1d7128342594")  # GTIN says CN 6547663


@pytest.mark.parametrize(
    ("ai17", "expiry"),
    [("270200", date(2027, 2, 28)), ("240200", date(2024, 2, 29)), ("261200", date(2026, 12, 31))],
)
def test_expiry_day_00_is_the_last_day_of_the_month(ai17: str, expiry: date) -> None:
    assert parse_pack_scan(f"010847000654766317{ai17}10L1", today=TODAY).expiry == expiry
    assert parse_pack_scan(f"010847000654766321S1\x1d17{ai17}10L1", today=TODAY).expiry == expiry


@pytest.mark.parametrize(
    "raw",
    ["010847000654766421ABC\x1d17260331" + "10X", "010847000654766421ABC1726033110X"],
    ids=["with-separators", "without"],
)
def test_a_wrong_gtin_check_digit_is_refused(raw: str) -> None:
    with pytest.raises(MalformedPackScan, match="control"):
        parse_pack_scan(raw, today=TODAY)


@pytest.mark.parametrize(
    ("raw", "match"),
    [
        ("21ABC\x1d10X", "GTIN"),
        ("21ABC10X", "GTIN"),
        ("", "ningún código"),
        ("0108470006547663" + "21A\x1d17261331\x1d10X", "caducidad"),
        ("0108470006547663" + "21A\x1d17260230\x1d10X", "caducidad"),
        ("0108470006547663" + "10AB\x1d10CD", "repite"),
        ("0108470006547663" + "1726133110X", "mes imposible"),
        ("0108470006547663" + "99ABC", "no son los de un envase"),
    ],
    ids=[
        "no-gtin",
        "no-gtin-no-gs",
        "empty",
        "month-13",
        "feb-30",
        "repeated-ai",
        "no-gs-bad-date",
        "unknown-ai",
    ],
)
def test_malformed_scans_say_what_is_wrong(raw: str, match: str) -> None:
    with pytest.raises(MalformedPackScan, match=match):
        parse_pack_scan(raw, today=TODAY)


def test_a_scan_that_splits_two_ways_asks_instead_of_guessing_the_batch() -> None:
    raw = "0108470006547663" + "21ABC10" + "10XYZ" + "17260331"
    with pytest.raises(AmbiguousPackScan, match="2 lecturas") as caught:
        parse_pack_scan(raw, today=TODAY)
    assert {(pack.serial, pack.batch) for pack in caught.value.candidates} == {
        ("ABC", "10XYZ"),
        ("ABC10", "XYZ"),
    }
    assert all(pack.expiry == date(2026, 3, 31) and pack.raw == raw for pack in caught.value.candidates)
    assert set(caught.value.candidates) <= set(candidate_readings(raw, today=TODAY))  # all hard-rule readings


def test_an_expiry_decades_away_is_not_a_reading_but_two_near_ones_stay_ambiguous() -> None:
    # Serial A + expiry ZZ + batch "B17YYMMDD", or serial "A17ZZ…" + batch B + expiry YYMMDD.
    far = "0108470006547663" + "21A" + "17450131" + "10B" + "17260331"
    assert parse_pack_scan(far, today=TODAY).expiry == date(2026, 3, 31)
    near = far.replace("450131", "270131")
    with pytest.raises(AmbiguousPackScan) as caught:
        parse_pack_scan(near, today=TODAY)
    assert {pack.expiry for pack in caught.value.candidates} == {date(2027, 1, 31), date(2026, 3, 31)}


def test_readings_missing_part_of_the_fmd_identifier_yield_to_complete_ones() -> None:
    # A 20-character batch "V00221SRK819FGA8FN1X" with no serial would be a pack outside the FMD.
    pack = parse_pack_scan("01084700069709041726053110V00221SRK819FGA8FN1X", today=TODAY)
    assert (pack.batch, pack.serial) == ("V002", "SRK819FGA8FN1X")


def test_a_code_without_the_fmd_fields_is_read_when_only_one_split_exists() -> None:
    assert candidate_readings("0108470006547663" + "1726033110ABC", today=TODAY) == (
        PackScan("08470006547663", None, "ABC", date(2026, 3, 31), "6547663", "0108470006547663" + "1726033110ABC"),
    )  # fmt: skip
    assert parse_pack_scan("0108470006547663", today=TODAY).serial is None
    with pytest.raises(AmbiguousPackScan):  # batch "AB17260331" without expiry, or batch AB + expiry
        parse_pack_scan("0108470006547663" + "10AB17260331", today=TODAY)


def test_the_cn_in_ai_712_is_preferred_to_a_serial_that_would_end_in_it() -> None:
    raw = "0108470006547663" + "21SER" + "7126547663" + "17260331" + "10LOT"
    pack = parse_pack_scan(raw, today=TODAY)
    assert (pack.serial, pack.batch, pack.national_code) == ("SER", "LOT", "6547663")
    # Not when the GTIN does not corroborate it: then "712…" may as well be the serial's tail.
    other = "0108435232300505" + "21SER" + "7128342594" + "17260331" + "10LOT"
    assert {pack.serial for pack in candidate_readings(other, today=TODAY)} == {"SER", "SER7128342594"}


def test_is_gs1_element_string_tells_pack_codes_from_plain_codes() -> None:
    assert is_gs1_element_string("]d20108470006547663")
    assert is_gs1_element_string("010847000654766321ANT7T3KA311726033110231853")
    assert not is_gs1_element_string("6547663")
    assert not is_gs1_element_string("8470006547663\r\n")


# -- property: any valid element string reads back ----------------------------------------------------

CSET82 = "".join(chr(c) for c in range(0x21, 0x80) if chr(c) not in "#$@[\\]^`{|}~\x7f")
WRAPPINGS = [("", GS, ""), ("]d2", GS, "\r\n"), ("", "<GS>", "\r\n"), ("]d2", "{GS}", "\n")]


@st.composite
def _pack_fields(draw: st.DrawFn, *, complete: bool) -> dict[str, str]:
    """AI → value for a plausible pack, 01 first; serial, batch, expiry and 712 optional unless `complete`."""
    if draw(st.booleans()):
        cn6 = draw(st.text("0123456789", min_size=6, max_size=6))
        gtin13 = "847000" + cn6 + ean.calc_check_digit("847000" + cn6)
        national = gtin13[6:]
    else:
        body = draw(st.text("0123456789", min_size=12, max_size=12))
        gtin13 = body + ean.calc_check_digit(body)
        cn6 = draw(st.text("0123456789", min_size=6, max_size=6))
        national = cn6 + ean.calc_check_digit("847000" + cn6)
    indicator = draw(st.sampled_from("0012345678"))
    gtin = indicator + gtin13[:-1] + ean.calc_check_digit(indicator + gtin13[:-1])
    free = st.text(CSET82, min_size=1, max_size=20).filter(lambda v: "<gs>" not in v.lower())
    expiry = draw(st.dates(date(2015, 1, 1), date(2035, 12, 31)))
    day = "00" if draw(st.booleans()) else f"{expiry.day:02d}"
    optional = {"21": draw(free), "10": draw(free), "17": f"{expiry:%y%m}{day}", "712": national}
    keep = {ai for ai in optional if (complete and ai != "712") or draw(st.booleans())}
    order = draw(st.permutations([ai for ai in optional if ai in keep]))
    return {"01": gtin, **{ai: optional[ai] for ai in order}}


def _expected(fields: dict[str, str]) -> tuple:
    expiry = None
    if "17" in fields:
        year, month, day = 2000 + int(fields["17"][:2]), int(fields["17"][2:4]), int(fields["17"][4:])
        expiry = date(year, month, day or calendar.monthrange(year, month)[1])
    national = fields.get("712") or (fields["01"][7:] if fields["01"].startswith("0847000") else None)
    return (fields["01"], fields.get("21"), fields.get("10"), expiry, national)


def _read(pack: PackScan) -> tuple:
    return (pack.gtin, pack.serial, pack.batch, pack.expiry, pack.national_code)


@given(fields=_pack_fields(complete=False), wrapping=st.sampled_from(WRAPPINGS))
def test_any_element_string_with_separators_reads_back(fields: dict[str, str], wrapping: tuple) -> None:
    prefix, separator, suffix = wrapping
    ais = list(fields)
    # GS1 puts a separator after each variable-length field but the last.
    text = "".join(
        ai + fields[ai] + (separator if ai not in ("01", "17") and ai != ais[-1] else "") for ai in ais
    )
    if separator in text:
        assert _read(parse_pack_scan(prefix + text + suffix, today=TODAY)) == _expected(fields)
    else:
        # Nothing shows the scanner kept its separators (at most one variable field, at the end), so the
        # string is read like a separator-less one: the true reading is among the candidates.
        readings = candidate_readings(prefix + text + suffix, today=TODAY)
        assert _expected(fields) in [_read(pack) for pack in readings]


@given(fields=_pack_fields(complete=True))
def test_without_separators_the_true_reading_is_never_lost(fields: dict[str, str]) -> None:
    raw = "".join(ai + value for ai, value in fields.items())
    readings = [_read(pack) for pack in candidate_readings(raw, today=TODAY)]
    assert _expected(fields) in readings  # so a unique reading is the true one; otherwise the seller picks
