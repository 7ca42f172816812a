"""Reading a medicine pack's DataMatrix (a GS1 element string) into GTIN, serial, batch, expiry and CN.

With group separators the string is unambiguous and `biip` parses it. Scanners that are not set up to
send the separator (ASCII 29) drop it, and then a serial (AI 21), batch (AI 10) or national code (AI 712)
has no visible end. Such a string is read by trying every way of splitting it into the AIs a pack
carries and keeping the readings that break no rule:

Hard rules (a reading that breaks one is impossible):
- the string begins with AI 01 and a GTIN-14 whose check digit is right; only AIs 01, 17, 10, 21 and
  712 follow, each at most once, fixed ones at their length, variable ones 1-20 characters of GS1's
  character set 82;
- AI 17 is a real date (day 00 is the last day of the month), no more than `EXPIRY_WINDOW_YEARS` from
  today: a pack at the counter did not expire decades ago nor will it in decades (this one is applied
  only to choose among splits; a date the pack states with separators is taken as it is);
- AI 712 is a national code with a right check digit, and the same one the GTIN carries when the GTIN
  is a CN-based one (`0847000`+CN): a pack cannot name two medicines.

Preferences, each backed by evidence rather than taste:
- a medicine pack under the EU Falsified Medicines Directive always carries the four fields of its
  unique identifier (Delegated Regulation (EU) 2016/161, art. 4: product code, serial, batch,
  expiry), so when some reading has all four, readings missing one are dropped — they exist only
  because a serial or batch could swallow the AIs after it;
- when AI 712 can be read as exactly the CN the GTIN already carries, readings in which those ten
  characters are instead the tail of a serial or batch are dropped: that redundancy is what Spain's
  coding rule puts there, while a random serial ending by chance in `712`+its own CN is a
  one-in-ten-billion coincidence.

One reading left is used. More than one raises `AmbiguousPackScan` with all of them so the seller
picks what the pack prints: a batch or expiry is never guessed.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from stdnum import ean

from farmapos.domain.codes import CN_PREFIX
from farmapos.messages import msg, reason
from farmapos.scancodes import GS, normalize_scan

GTIN, EXPIRY, BATCH, SERIAL, NATIONAL_CODE = "01", "17", "10", "21", "712"
FIXED_LENGTH_AIS = {GTIN: 14, EXPIRY: 6}
VARIABLE_LENGTH_AIS = {BATCH: 20, SERIAL: 20, NATIONAL_CODE: 20}
FMD_UNIQUE_IDENTIFIER = frozenset({GTIN, SERIAL, BATCH, EXPIRY})
EXPIRY_WINDOW_YEARS = 10

# GS1 character set 82 (General Specifications, figure 7.11-1): what AIs 10, 21 and 712 may contain.
_CSET82 = re.compile(r'[!"%-?A-Z_a-z]+')
_CN_GTIN_PREFIX = "0" + CN_PREFIX


class MalformedPackScan(ValueError):
    """The text is not a usable pack code: wrong check digit, no GTIN, impossible date, unknown data."""


class AmbiguousPackScan(ValueError):
    """A separator-less scan that admits several readings; `candidates` holds all of them, so the seller
    can pick the one whose batch and expiry are printed on the pack."""

    def __init__(self, message: str, candidates: tuple[PackScan, ...]) -> None:
        super().__init__(message)
        self.candidates = candidates


@dataclass(frozen=True)
class PackScan:
    """One reading of a pack's DataMatrix: what the sale line needs to sell from the right batch."""

    gtin: str
    """GTIN-14 as scanned (AI 01)."""
    serial: str | None
    """AI 21, recorded on the sale line for the medicines verification system."""
    batch: str | None
    """AI 10: the lot the pack is sold from."""
    expiry: date | None
    """AI 17; day 00 already turned into the last day of the month."""
    national_code: str | None
    """Spain's CN, seven digits with check digit: AI 712, else derived from a `0847000` GTIN."""
    raw: str
    """The text as the scanner sent it, for the audit trail and error messages."""

    @property
    def ean13(self) -> str | None:
        """The EAN-13 printed under the pack's barcode, when the GTIN-14 is one padded with a 0."""
        return self.gtin[1:] if self.gtin.startswith("0") else None


def is_gs1_element_string(text: str) -> bool:
    """Whether a scanned or typed code is a GS1 element string (AIM `]d2`…, a separator, or `01`+GTIN
    and more) rather than a plain CN or barcode — the same test the counter uses to route a scan."""
    return normalize_scan(text).is_gs1


def parse_pack_scan(raw: str, *, today: date | None = None) -> PackScan:
    """The pack a scanned DataMatrix describes.

    Raises `AmbiguousPackScan` when a separator-less scan admits several readings, rather than guess a
    batch or expiry, and `MalformedPackScan` when it admits none.
    """
    today = today or date.today()
    text = normalize_scan(raw).text
    if not text:
        raise MalformedPackScan(msg("No se ha leído ningún código."))
    if GS in text:
        return _parse_with_separators(text, raw, today)
    readings = _parse_without_separators(text, raw, today, prefer=True)
    if len(readings) == 1:
        return readings[0]
    raise AmbiguousPackScan(
        msg(
            "El DataMatrix se leyó sin separadores y admite {count} lecturas; elija la que coincide con el "
            "lote y la caducidad impresos en el envase.",
            count=len(readings),
        ),
        readings,
    )


def candidate_readings(raw: str, *, today: date | None = None) -> tuple[PackScan, ...]:
    """Every reading of a scan consistent with a pack, in the order they were found (never empty).

    With separators there is exactly one; without, one per split that breaks no hard rule — before the
    preferences `parse_pack_scan` applies, so the true reading is always among them.
    """
    today = today or date.today()
    text = normalize_scan(raw).text
    if not text:
        raise MalformedPackScan(msg("No se ha leído ningún código."))
    if GS in text:
        return (_parse_with_separators(text, raw, today),)
    return _parse_without_separators(text, raw, today, prefer=False)


def _parse_with_separators(text: str, raw: str, today: date) -> PackScan:
    """biip reads the element string; this adds the pack rules biip does not know."""
    from biip import ParseError  # 75 ms to import: paid by the first DataMatrix, not by start-up
    from biip.gs1_messages import GS1Message

    try:
        message = GS1Message.parse(text)
    except ParseError as exc:
        if "AI (17)" in str(exc):
            raise MalformedPackScan(
                msg("Fecha de caducidad imposible en el DataMatrix ({reason}).", reason=str(exc))
            ) from None
        raise MalformedPackScan(
            msg("El DataMatrix no es una cadena GS1 válida: {reason}", reason=str(exc))
        ) from None
    fields: dict[str, str] = {}
    for element in message.element_strings:
        ai = element.ai.ai
        if ai in fields:
            raise MalformedPackScan(msg("El DataMatrix repite el AI {ai}.", ai=ai))
        fields[ai] = element.value
    return _reading(fields, raw, today, plausible_years=None)


def _parse_without_separators(text: str, raw: str, today: date, *, prefer: bool) -> tuple[PackScan, ...]:
    """Every split of a separator-less string that breaks no hard rule, then (`prefer`) the two preferences."""
    if not (text.startswith(GTIN) and text[2:16].isdigit() and len(text) >= 16):
        raise MalformedPackScan(
            msg("El código {code!r} no empieza por el GTIN (AI 01 y 14 dígitos).", code=text)
        )
    gtin = text[2:16]
    _check_gtin(gtin)
    readings: list[tuple[frozenset[str], PackScan]] = []
    rejections: list[str] = []
    for rest in _splits(text[16:], frozenset({GTIN})):
        fields = {GTIN: gtin, **rest}
        try:
            pack = _reading(fields, raw, today, plausible_years=EXPIRY_WINDOW_YEARS)
            readings.append((frozenset(fields), pack))
        except MalformedPackScan as exc:
            rejections.append(reason(exc))
    if not readings:
        why = (
            rejections[0]
            if rejections
            else msg("contiene datos que no son los de un envase (AI 17, 10, 21, 712).")
        )
        raise MalformedPackScan(
            msg(
                "No se puede leer el DataMatrix sin separadores: {reason} Configure el lector para enviar el "
                "separador GS (ASCII 29) o teclee el código nacional.",
                reason=why,
            )
        )
    if not prefer:
        return tuple(pack for _, pack in readings)
    if any(ais >= FMD_UNIQUE_IDENTIFIER for ais, _ in readings):
        readings = [(ais, pack) for ais, pack in readings if ais >= FMD_UNIQUE_IDENTIFIER]
    if gtin.startswith(_CN_GTIN_PREFIX) and any(NATIONAL_CODE in ais for ais, _ in readings):
        readings = [(ais, pack) for ais, pack in readings if NATIONAL_CODE in ais]
    return tuple(pack for _, pack in readings)


def _splits(text: str, used: frozenset[str]) -> Iterator[dict[str, str]]:
    """Every way of cutting `text` into pack AIs not yet in `used`, respecting lengths and character set."""
    if not text:
        yield {}
        return
    for ai, length in FIXED_LENGTH_AIS.items():
        if ai not in used and text.startswith(ai):
            value = text[len(ai) : len(ai) + length]
            if len(value) == length and value.isdigit():
                for rest in _splits(text[len(ai) + length :], used | {ai}):
                    yield {ai: value, **rest}
    for ai, longest in VARIABLE_LENGTH_AIS.items():
        if ai not in used and text.startswith(ai):
            body = text[len(ai) :]
            for size in range(1, min(longest, len(body)) + 1):
                if not _CSET82.fullmatch(body[size - 1]):
                    break  # a character outside the set ends this value and every longer one
                for rest in _splits(body[size:], used | {ai}):
                    yield {ai: body[:size], **rest}


def _reading(fields: dict[str, str], raw: str, today: date, *, plausible_years: int | None) -> PackScan:
    """A `PackScan` from AI values, or `MalformedPackScan` naming the rule they break; an expiry further
    than `plausible_years` from today breaks one too when given."""
    gtin = fields.get(GTIN)
    if gtin is None:
        raise MalformedPackScan(msg("El DataMatrix no lleva GTIN (AI 01)."))
    _check_gtin(gtin)
    return PackScan(
        gtin=gtin,
        serial=fields.get(SERIAL),
        batch=fields.get(BATCH),
        expiry=_expiry(fields[EXPIRY], today, plausible_years) if EXPIRY in fields else None,
        national_code=_national_code(gtin, fields.get(NATIONAL_CODE)),
        raw=raw,
    )


def _check_gtin(gtin: str) -> None:
    if not (len(gtin) == 14 and gtin.isdigit() and ean.is_valid(gtin)):
        raise MalformedPackScan(
            msg("El GTIN {gtin} tiene el dígito de control erróneo: vuelva a escanear.", gtin=gtin)
        )


def _expiry(yymmdd: str, today: date, plausible_years: int | None) -> date:
    """AI 17 as a date: GS1's century rule (General Specifications 7.12) and day 00 = end of month."""
    if len(yymmdd) != 6 or not yymmdd.isdigit():
        raise MalformedPackScan(msg("La caducidad {expiry!r} no es una fecha AAMMDD.", expiry=yymmdd))
    yy, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    difference = yy - today.year % 100
    century = today.year - today.year % 100 + (-100 if difference >= 51 else 100 if difference <= -50 else 0)
    year = century + yy
    if not 1 <= month <= 12:
        raise MalformedPackScan(msg("La caducidad {expiry!r} tiene un mes imposible.", expiry=yymmdd))
    if day == 0:
        day = calendar.monthrange(year, month)[1]
    try:
        expiry = date(year, month, day)
    except ValueError:
        raise MalformedPackScan(
            msg("La caducidad {expiry!r} tiene un día imposible.", expiry=yymmdd)
        ) from None
    if plausible_years is not None and abs(expiry.year - today.year) > plausible_years:
        raise MalformedPackScan(
            msg(
                "La caducidad {expiry} está a más de {years} años de hoy.",
                expiry=expiry,
                years=plausible_years,
            )
        )
    return expiry


def _national_code(gtin: str, ai712: str | None) -> str | None:
    """The CN from AI 712 (checked, and matching a CN-based GTIN), else the one inside the GTIN.

    A `0847000`+CN GTIN ends with the EAN-13 check digit of `847000`+CN's six digits, which is the CN's
    own check digit, so its last seven digits are the CN.
    """
    from_gtin = gtin[7:] if gtin.startswith(_CN_GTIN_PREFIX) else None
    if ai712 is None:
        return from_gtin
    if not (len(ai712) == 7 and ai712.isdigit() and ean.is_valid(CN_PREFIX + ai712)):
        raise MalformedPackScan(
            msg("El código nacional {code!r} del DataMatrix (AI 712) no es válido.", code=ai712)
        )
    if from_gtin is not None and ai712 != from_gtin:
        raise MalformedPackScan(
            msg(
                "El DataMatrix contradice su código nacional: GTIN {gtin} y AI 712 {code}.",
                gtin=gtin,
                code=ai712,
            )
        )
    return ai712
