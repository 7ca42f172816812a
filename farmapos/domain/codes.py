"""Article codes and tax ids: validation and the lookup keys a scanned or typed code stands for.

Spain's national code (CN, "código nacional") is six digits plus a check digit, the EAN-13 check digit of
`847000` followed by the six digits. Packs carry it as EAN-13 `847000`+CN and, in their DataMatrix, as
GTIN-14 `0847000`+CN; official catalogues often give it as six digits. All of those find the article.
"""

from __future__ import annotations

from stdnum import ean
from stdnum.es import nif as es_nif
from stdnum.exceptions import ValidationError as StdnumError

from farmapos.domain.errors import ValidationError
from farmapos.messages import msg

CN_PREFIX = "847000"
CODE_KINDS = ("cn", "ean13", "ean8", "gtin14", "upc", "synonym", "supplier", "internal")


def cn_check_digit(six_digits: str) -> str:
    """The CN check digit of six digits (654766 → 3)."""
    if len(six_digits) != 6 or not six_digits.isdigit():
        raise ValidationError(
            msg("Un código nacional tiene 6 dígitos más el de control: {code!r}.", code=six_digits)
        )
    return ean.calc_check_digit(CN_PREFIX + six_digits)


def complete_cn(code: str) -> str:
    """A CN with its check digit: six digits get one appended, seven are verified."""
    code = code.strip()
    if len(code) == 6 and code.isdigit():
        return code + cn_check_digit(code)
    if len(code) == 7 and code.isdigit():
        if cn_check_digit(code[:6]) != code[6]:
            expected = code[:6] + "." + cn_check_digit(code[:6])
            raise ValidationError(
                msg(
                    "CN {code}: dígito de control erróneo (correcto: {expected}).",
                    code=code,
                    expected=expected,
                )
            )
        return code
    raise ValidationError(
        msg("Código nacional no válido: {code!r} (6 dígitos, o 7 con el de control).", code=code)
    )


def cn_to_ean13(cn: str) -> str:
    """The EAN-13 printed on a Spanish pack for a CN: `847000` + the six digits + the same check digit."""
    return CN_PREFIX + complete_cn(cn)


def clean_code(code: str) -> str:
    """A code as stored: no surrounding spaces, upper case; inner spaces are refused, not silently removed."""
    text = code.strip().upper()
    if not text:
        raise ValidationError(msg("El código está vacío."))
    if any(c.isspace() for c in text):
        raise ValidationError(msg("Un código no puede contener espacios: {code!r}.", code=code))
    if len(text) > 40:
        raise ValidationError(msg("Código demasiado largo (máximo 40 caracteres): {code!r}.", code=code))
    return text


def classify_barcode(code: str) -> str:
    """The kind of a numeric barcode, after checking its check digit; raises on a wrong one."""
    kinds = {8: "ean8", 12: "upc", 13: "ean13", 14: "gtin14"}
    kind = kinds.get(len(code))
    if kind is None or not code.isdigit():
        raise ValidationError(
            msg("{code!r} no es un código de barras EAN/GTIN (8, 12, 13 o 14 dígitos).", code=code)
        )
    if not ean.is_valid(code):
        raise ValidationError(
            msg(
                "El dígito de control del código de barras {code} es erróneo (debería ser {expected}).",
                code=code,
                expected=code[:-1] + ean.calc_check_digit(code[:-1]),
            )
        )
    return kind


def validate_code(code: str, kind: str) -> str:
    """Check a code of a declared kind and return it as stored."""
    if kind not in CODE_KINDS:
        raise ValidationError(msg("Tipo de código desconocido: {kind!r}.", kind=kind))
    text = clean_code(code)
    if kind == "cn":
        return complete_cn(text)
    if kind in ("ean13", "ean8", "gtin14", "upc"):
        found = classify_barcode(text)
        if found != kind:
            raise ValidationError(
                msg("{code} es un {found}, no un {kind}.", code=text, found=found.upper(), kind=kind.upper())
            )
    return text


def lookup_keys(code: str) -> list[str]:
    """Every stored form the typed or scanned `code` may stand for, most specific first.

    `0847000` + CN (GTIN-14) → EAN-13 and CN; `847000` + CN (EAN-13) → CN; six digits → CN with its check
    digit. Unknown shapes are looked up as typed (upper case), so internal and supplier codes work too.
    """
    text = code.strip().upper()
    keys = [text]
    if text.isdigit():
        if len(text) == 14 and text.startswith("0"):
            keys.append(text[1:])
            text = text[1:]
        if len(text) == 13 and text.startswith(CN_PREFIX) and ean.is_valid(text):
            keys.append(text[6:])
        if len(text) == 6:
            keys.append(text + cn_check_digit(text))
    return list(dict.fromkeys(keys))


def validate_nif(value: str) -> str:
    """A Spanish NIF, NIE or DNI in compact form (`12345678Z`, `X1234567L`, `B12345674`)."""
    try:
        return es_nif.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            msg("NIF/NIE/DNI no válido: {value!r} ({reason}).", value=value, reason=str(exc))
        ) from None


def equivalent_codes(code: str) -> list[str]:
    """`code` and every other form of the same pack code, to keep codes unique across articles."""
    keys = lookup_keys(code)
    cn = next((k for k in keys if len(k) == 7 and k.isdigit()), None)
    if cn is not None and cn_check_digit(cn[:6]) == cn[6]:
        keys += [CN_PREFIX + cn, "0" + CN_PREFIX + cn]
    return list(dict.fromkeys(keys))
