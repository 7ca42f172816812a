"""Reading a medicine pack's DataMatrix (GS1 element string) into GTIN, serial, batch, expiry and CN.

With group separators the string is parsed by `biip`. Scanners that drop the separators leave the
variable-length fields (serial 21, batch 10, national code 712) without an end; then every way of
splitting the string into known AIs is tried, keeping only readings a pack under the EU Falsified
Medicines Directive can carry (product code, serial, batch and expiry all present, a real date, an
expiry within ten years of today). One reading left is used; more than one is never guessed.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from biip.gs1_messages import GS1Message
from stdnum import ean

from farmapos.domain.codes import CN_PREFIX, cn_check_digit
from farmapos.scancodes import GS, normalize_scan

VARIABLE_AIS = {"10": 20, "21": 20, "712": 20}
FIXED_AIS = {"01": 14, "17": 6}
FMD_AIS = {"01", "21", "10", "17"}
PLAUSIBLE_YEARS = 10


class MalformedPackScan(ValueError):
    """The text is not a usable pack code (bad check digit, no GTIN, impossible date…)."""


class AmbiguousPackScan(ValueError):
    def __init__(self, message: str, candidates: tuple[PackScan, ...]) -> None:
        super().__init__(message)
        self.candidates = candidates


@dataclass(frozen=True)
class PackScan:
    gtin: str
    serial: str | None
    batch: str | None
    expiry: date | None
    national_code: str | None
    raw: str

    @property
    def ean13(self) -> str | None:
        return self.gtin[1:] if self.gtin.startswith("0") else None


def _expiry(yymmdd: str) -> date:
    if len(yymmdd) != 6 or not yymmdd.isdigit():
        raise MalformedPackScan(f"caducidad {yymmdd!r} no es AAMMDD")
    year, month, day = 2000 + int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    if not 1 <= month <= 12:
        raise MalformedPackScan(f"caducidad {yymmdd!r}: mes imposible")
    if day == 0:
        day = calendar.monthrange(year, month)[1]
    try:
        return date(year, month, day)
    except ValueError:
        raise MalformedPackScan(f"caducidad {yymmdd!r}: día imposible") from None


def _national_code(gtin: str, ai712: str | None) -> str | None:
    if ai712:
        return ai712
    if gtin.startswith("0" + CN_PREFIX):
        return gtin[7:13] + cn_check_digit(gtin[7:13])
    return None


def _pack(fields: dict[str, str], raw: str) -> PackScan:
    gtin = fields.get("01")
    if gtin is None:
        raise MalformedPackScan("falta el GTIN (AI 01)")
    if not (len(gtin) == 14 and gtin.isdigit() and ean.is_valid(gtin)):
        raise MalformedPackScan(f"GTIN {gtin} con dígito de control erróneo")
    return PackScan(
        gtin=gtin,
        serial=fields.get("21"),
        batch=fields.get("10"),
        expiry=_expiry(fields["17"]) if "17" in fields else None,
        national_code=_national_code(gtin, fields.get("712")),
        raw=raw,
    )


def is_gs1_element_string(text: str) -> bool:
    return normalize_scan(text).is_gs1


def _segmentations(text: str, used: frozenset[str]) -> list[dict[str, str]]:
    """Every split of `text` into known AIs, each AI at most once."""
    if not text:
        return [{}]
    readings: list[dict[str, str]] = []
    for ai, length in FIXED_AIS.items():
        if text.startswith(ai) and ai not in used:
            value = text[len(ai) : len(ai) + length]
            if len(value) == length and value.isdigit():
                readings += [
                    {ai: value, **rest} for rest in _segmentations(text[len(ai) + length :], used | {ai})
                ]
    for ai, longest in VARIABLE_AIS.items():
        if text.startswith(ai) and ai not in used:
            body = text[len(ai) :]
            for size in range(1, min(longest, len(body)) + 1):
                readings += [{ai: body[:size], **rest} for rest in _segmentations(body[size:], used | {ai})]
    return readings


def _plausible(fields: dict[str, str], today: date) -> bool:
    if not fields.keys() >= FMD_AIS:
        return False
    try:
        expiry = _expiry(fields["17"])
    except MalformedPackScan:
        return False
    if abs((expiry - today).days) > PLAUSIBLE_YEARS * 366:
        return False
    code = fields.get("712")
    return code is None or (len(code) == 7 and code.isdigit() and cn_check_digit(code[:6]) == code[6])


def candidate_readings(raw: str, *, today: date | None = None) -> tuple[PackScan, ...]:
    """Every reading of a separator-less string consistent with a medicine pack."""
    text = normalize_scan(raw).text.replace(GS, "")
    today = today or date.today()
    seen: dict[tuple, PackScan] = {}
    for fields in _segmentations(text, frozenset()):
        if _plausible(fields, today):
            try:
                pack = _pack(fields, raw)
            except MalformedPackScan:
                continue
            seen.setdefault((pack.gtin, pack.serial, pack.batch, pack.expiry, pack.national_code), pack)
    return _drop_swallowed_712(tuple(seen.values()))


def _drop_swallowed_712(readings: tuple[PackScan, ...]) -> tuple[PackScan, ...]:
    """Prefer AI 712 when it carries the pack's own CN (corroborated by the GTIN) over a reading that
    swallows `712` + that same CN into the end of the serial or batch."""
    corroborated = [
        r
        for r in readings
        if r.national_code
        and r.gtin.startswith("0" + CN_PREFIX)
        and r.national_code == _national_code(r.gtin, None)
    ]
    kept = []
    for reading in readings:
        swallowed = any(
            (reading.serial, reading.batch)
            in {
                (other.serial + "712" + other.national_code, other.batch),
                (other.serial, (other.batch or "") + "712" + other.national_code),
            }
            for other in corroborated
            if other is not reading and other.serial is not None
        )
        if not swallowed:
            kept.append(reading)
    return tuple(kept)


def parse_pack_scan(raw: str, *, today: date | None = None) -> PackScan:
    """The pack a scanned DataMatrix describes; raises rather than guess a batch or expiry."""
    text = normalize_scan(raw).text
    if not text.startswith("01"):
        raise MalformedPackScan("no empieza por el GTIN (AI 01)")
    if GS in text or len(text) == 16:
        try:
            message = GS1Message.parse(text)
        except Exception as exc:
            raise MalformedPackScan(str(exc)) from None
        fields = {element.ai.ai: element.value for element in message.element_strings}
        return _pack(fields, raw)
    readings = candidate_readings(raw, today=today)
    if len(readings) == 1:
        return readings[0]
    if not readings:
        raise MalformedPackScan("no se reconocen GTIN, número de serie, lote y caducidad")
    raise AmbiguousPackScan(f"{len(readings)} lecturas posibles sin separadores", readings)
