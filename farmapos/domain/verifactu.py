"""VERI*FACTU registration records (Spain, RD 1007/2023): chained fingerprints, the tax QR, chain checks.

Every issued ticket or invoice gets a *registro de alta* and every cancellation a *registro de anulación*.
Each record's fingerprint (huella) is the SHA-256 of a few of its fields *and of the previous record's
fingerprint*, so altering, removing, inserting or reordering any record breaks the chain right there.
The rules are those of the tax agency (AEAT), "Detalle de las especificaciones técnicas para generación de
la huella o hash de los registros de facturación" (v0.1.2) and "Características del QR y especificaciones
del servicio de cotejo":

- fields as ``Name=value`` joined by ``&`` in a fixed order, each value trimmed; an empty value is still
  written (``Huella=`` on the first record);
- values exactly as they are sent: dates dd-mm-yyyy, amounts with a ``.`` and two decimals, the generation
  time in ISO 8601 with its UTC offset;
- SHA-256 of the UTF-8 text, in upper-case hexadecimal.

Pure: no database and no clock. The sale engine keeps the records (append-only), gives each new one the
fingerprint of the issuer's last record, and stores what ``record_to_dict`` returns.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from urllib.parse import quote_plus

# AEAT's list L2 (TipoFactura). F3 is the full invoice issued in place of tickets; R5 corrects a ticket.
INVOICE_TYPES: dict[str, str] = {
    "F1": "factura completa",
    "F2": "factura simplificada (ticket)",
    "F3": "factura emitida en sustitución de facturas simplificadas",
    "R1": "rectificativa (error fundado en derecho y art. 80 Uno, Dos y Seis LIVA)",
    "R2": "rectificativa (art. 80.3 LIVA)",
    "R3": "rectificativa (art. 80.4 LIVA)",
    "R4": "rectificativa (resto)",
    "R5": "rectificativa de facturas simplificadas",
}
CORRECTIVE_TYPES = frozenset({"R1", "R2", "R3", "R4", "R5"})
QR_TEST_URL = "https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR"
QR_PRODUCTION_URL = "https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR"
NIF_LENGTH = 9  # the schema's NIFType
MAX_SERIES_LENGTH = 60  # the schema's NumSerieFactura
FINGERPRINT_TYPE = "01"  # TipoHuella: SHA-256, the only one AEAT defines

_FINGERPRINT = re.compile(r"[0-9A-F]{64}")
_CENT = Decimal("0.01")
_AMOUNT_LIMIT = Decimal(10) ** 12  # twelve integer digits at most


@dataclass(frozen=True)
class InvoiceRecord:
    """Registro de alta: one issued ticket or invoice.

    Build new ones with ``build_invoice_record``, which validates and computes the fingerprint; construct
    one directly only to load a stored record, which ``verify_chain`` then checks.
    """

    issuer_nif: str  # IDEmisorFactura
    series_number: str  # NumSerieFactura
    issue_date: date  # FechaExpedicionFactura
    invoice_type: str  # TipoFactura
    vat_total: Decimal  # CuotaTotal
    amount_total: Decimal  # ImporteTotal
    previous_fingerprint: str  # Huella of the issuer's previous record, "" for the first
    generated_at: datetime  # FechaHoraHusoGenRegistro
    fingerprint: str  # Huella of this record
    corrected: str | None = None  # NumSerieFactura of the invoice an R-type one corrects (not hashed)


@dataclass(frozen=True)
class CancellationRecord:
    """Registro de anulación: it names the cancelled invoice and takes its own place in the issuer's chain."""

    issuer_nif: str  # IDEmisorFacturaAnulada
    series_number: str  # NumSerieFacturaAnulada
    issue_date: date  # FechaExpedicionFacturaAnulada
    previous_fingerprint: str  # Huella of the issuer's previous record, "" for the first
    generated_at: datetime  # FechaHoraHusoGenRegistro
    fingerprint: str  # Huella of this record


Record = InvoiceRecord | CancellationRecord


@dataclass(frozen=True)
class ChainBreak:
    """The first record of a chain that does not verify, with why, for ``farmapos verify-chain`` to show."""

    index: int
    series_number: str
    reason: str


# --- values as AEAT wants them; each check raises ValueError naming the schema field -------------------


def _text(field: str, value: str) -> str:
    # The QR may only carry printable ASCII (codes 32 to 126), and these values go into it.
    text = value.strip()
    if not text:
        raise ValueError(f"{field} está vacío.")
    if not all(" " <= char <= "~" for char in text):
        raise ValueError(f"{field} solo admite caracteres ASCII imprimibles (sin acentos ni ñ): {text!r}.")
    return text


def _nif(field: str, value: str) -> str:
    text = _text(field, value)
    if len(text) != NIF_LENGTH:
        raise ValueError(f"{field} debe ser un NIF de {NIF_LENGTH} caracteres: {text!r}.")
    return text


def _series(field: str, value: str) -> str:
    text = _text(field, value)
    if len(text) > MAX_SERIES_LENGTH:
        raise ValueError(
            f"{field} admite como mucho {MAX_SERIES_LENGTH} caracteres; tiene {len(text)}: {text!r}."
        )
    return text


def _amount(field: str, value: Decimal) -> Decimal:
    # Money arrives already rounded to the cent at the ticket's named points; a third decimal here is a bug
    # upstream, so it is refused rather than silently rounded into the fiscal record.
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise ValueError(f"{field} debe ser un Decimal (nunca float): {value!r}.")
    amount = Decimal(value)
    if not amount.is_finite() or abs(amount) >= _AMOUNT_LIMIT:
        raise ValueError(f"{field} fuera de rango (máximo 12 cifras enteras): {amount}.")
    cents = amount.quantize(_CENT)
    if cents != amount:
        raise ValueError(f"{field} tiene más de dos decimales: {amount}; redondee al céntimo antes.")
    return cents.copy_abs() if cents == 0 else cents  # never "-0.00"


def _amount_text(field: str, value: Decimal) -> str:
    return f"{_amount(field, value):f}"


def _date(field: str, value: date) -> str:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValueError(f"{field} debe ser una fecha (date), sin hora: {value!r}.")
    return value.strftime("%d-%m-%Y")


def _timestamp(value: datetime) -> str:
    if not isinstance(value, datetime):
        raise ValueError(f"FechaHoraHusoGenRegistro debe ser fecha y hora (datetime): {value!r}.")
    offset = value.utcoffset()
    if offset is None:
        raise ValueError("FechaHoraHusoGenRegistro necesita la zona horaria (un datetime con tzinfo).")
    if offset % timedelta(minutes=1):
        raise ValueError(f"FechaHoraHusoGenRegistro: la zona horaria debe ir en minutos enteros: {offset}.")
    return value.isoformat(timespec="seconds")


def _previous(value: str) -> str:
    text = value.strip()
    if text and not _FINGERPRINT.fullmatch(text):
        raise ValueError(
            "La huella anterior debe ir vacía (primer registro) o ser 64 caracteres hexadecimales en "
            f"mayúsculas: {value!r}."
        )
    return text


def _invoice_type(value: str) -> str:
    if value not in INVOICE_TYPES:
        raise ValueError(f"TipoFactura desconocido: {value!r}; use uno de {', '.join(INVOICE_TYPES)}.")
    return value


# --- fingerprints -------------------------------------------------------------------------------------


def _invoice_pairs(
    issuer_nif: str,
    series_number: str,
    issue_date: date,
    invoice_type: str,
    vat_total: Decimal,
    amount_total: Decimal,
    previous_fingerprint: str,
    generated_at: datetime,
) -> list[tuple[str, str]]:
    return [
        ("IDEmisorFactura", _nif("IDEmisorFactura", issuer_nif)),
        ("NumSerieFactura", _series("NumSerieFactura", series_number)),
        ("FechaExpedicionFactura", _date("FechaExpedicionFactura", issue_date)),
        ("TipoFactura", _invoice_type(invoice_type)),
        ("CuotaTotal", _amount_text("CuotaTotal", vat_total)),
        ("ImporteTotal", _amount_text("ImporteTotal", amount_total)),
        ("Huella", _previous(previous_fingerprint)),
        ("FechaHoraHusoGenRegistro", _timestamp(generated_at)),
    ]


def _cancellation_pairs(
    issuer_nif: str, series_number: str, issue_date: date, previous_fingerprint: str, generated_at: datetime
) -> list[tuple[str, str]]:
    return [
        ("IDEmisorFacturaAnulada", _nif("IDEmisorFacturaAnulada", issuer_nif)),
        ("NumSerieFacturaAnulada", _series("NumSerieFacturaAnulada", series_number)),
        ("FechaExpedicionFacturaAnulada", _date("FechaExpedicionFacturaAnulada", issue_date)),
        ("Huella", _previous(previous_fingerprint)),
        ("FechaHoraHusoGenRegistro", _timestamp(generated_at)),
    ]


def _joined(pairs: Sequence[tuple[str, str]]) -> str:
    return "&".join(f"{name}={value}" for name, value in pairs)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest().upper()


def invoice_fingerprint(
    *,
    issuer_nif: str,
    series_number: str,
    issue_date: date,
    invoice_type: str,
    vat_total: Decimal,
    amount_total: Decimal,
    previous_fingerprint: str,
    generated_at: datetime,
) -> str:
    """Huella of a registro de alta, from its eight hashed fields in AEAT's order."""
    return _sha256(_joined(_invoice_pairs(
        issuer_nif, series_number, issue_date, invoice_type, vat_total, amount_total, previous_fingerprint,
        generated_at,
    )))  # fmt: skip


def cancellation_fingerprint(
    *,
    issuer_nif: str,
    series_number: str,
    issue_date: date,
    previous_fingerprint: str,
    generated_at: datetime,
) -> str:
    """Huella of a registro de anulación, from its five hashed fields in AEAT's order."""
    return _sha256(_joined(_cancellation_pairs(
        issuer_nif, series_number, issue_date, previous_fingerprint, generated_at
    )))  # fmt: skip


def fingerprint_input(record: Record) -> str:
    """The exact text a record's fingerprint is the SHA-256 of, so an auditor can recompute it by hand."""
    if isinstance(record, InvoiceRecord):
        return _joined(_invoice_pairs(
            record.issuer_nif, record.series_number, record.issue_date, record.invoice_type, record.vat_total,
            record.amount_total, record.previous_fingerprint, record.generated_at,
        ))  # fmt: skip
    return _joined(_cancellation_pairs(
        record.issuer_nif, record.series_number, record.issue_date, record.previous_fingerprint,
        record.generated_at,
    ))  # fmt: skip


def build_invoice_record(
    *,
    issuer_nif: str,
    series_number: str,
    issue_date: date,
    invoice_type: str,
    vat_total: Decimal,
    amount_total: Decimal,
    previous_fingerprint: str,
    generated_at: datetime,
    corrected: str | None = None,
) -> InvoiceRecord:
    """A validated registro de alta chained to ``previous_fingerprint``.

    The record keeps the values exactly as hashed (trimmed text, amounts to the cent, time to the second),
    so what is stored, sent and verified later is what was fingerprinted.
    """
    if corrected is not None:
        if invoice_type not in CORRECTIVE_TYPES:
            raise ValueError(f"Solo una rectificativa (R1 a R5) corrige otra factura, no {invoice_type!r}.")
        corrected = _series("NumSerieFactura rectificada", corrected)
    pairs = dict(_invoice_pairs(
        issuer_nif, series_number, issue_date, invoice_type, vat_total, amount_total, previous_fingerprint,
        generated_at,
    ))  # fmt: skip
    return InvoiceRecord(
        issuer_nif=pairs["IDEmisorFactura"],
        series_number=pairs["NumSerieFactura"],
        issue_date=issue_date,
        invoice_type=invoice_type,
        vat_total=_amount("CuotaTotal", vat_total),
        amount_total=_amount("ImporteTotal", amount_total),
        previous_fingerprint=pairs["Huella"],
        generated_at=generated_at.replace(microsecond=0),
        fingerprint=_sha256(_joined(list(pairs.items()))),
        corrected=corrected,
    )


def build_cancellation_record(
    *,
    issuer_nif: str,
    series_number: str,
    issue_date: date,
    previous_fingerprint: str,
    generated_at: datetime,
) -> CancellationRecord:
    """A validated registro de anulación of the invoice ``series_number``, chained to ``previous_fingerprint``."""
    pairs = dict(
        _cancellation_pairs(issuer_nif, series_number, issue_date, previous_fingerprint, generated_at)
    )
    return CancellationRecord(
        issuer_nif=pairs["IDEmisorFacturaAnulada"],
        series_number=pairs["NumSerieFacturaAnulada"],
        issue_date=issue_date,
        previous_fingerprint=pairs["Huella"],
        generated_at=generated_at.replace(microsecond=0),
        fingerprint=_sha256(_joined(list(pairs.items()))),
    )


# --- the record as it will be sent --------------------------------------------------------------------


def record_to_dict(record: Record, previous: Record | None = None) -> dict[str, str]:
    """The record's fields under the names of AEAT's schema (SuministroInformacion.xsd), in schema order.

    Elements are keyed by their own name; those inside a group whose names repeat the record's own (the
    chaining block, the corrected invoice) are keyed by their path, e.g. ``Encadenamiento/RegistroAnterior/
    Huella``. The schema wants the previous record's identity as well as its fingerprint: pass ``previous``
    to include it. Sending adds what is not fingerprinted (issuer name, VAT breakdown, software id).
    """
    values: dict[str, str] = {}
    if isinstance(record, InvoiceRecord):
        values["IDEmisorFactura"] = _nif("IDEmisorFactura", record.issuer_nif)
        values["NumSerieFactura"] = _series("NumSerieFactura", record.series_number)
        values["FechaExpedicionFactura"] = _date("FechaExpedicionFactura", record.issue_date)
        values["TipoFactura"] = _invoice_type(record.invoice_type)
        if record.corrected is not None:
            corrected = "FacturasRectificadas/IDFacturaRectificada/"
            values[corrected + "IDEmisorFactura"] = values["IDEmisorFactura"]
            values[corrected + "NumSerieFactura"] = _series("NumSerieFactura rectificada", record.corrected)
        values["CuotaTotal"] = _amount_text("CuotaTotal", record.vat_total)
        values["ImporteTotal"] = _amount_text("ImporteTotal", record.amount_total)
    else:
        values["IDEmisorFacturaAnulada"] = _nif("IDEmisorFacturaAnulada", record.issuer_nif)
        values["NumSerieFacturaAnulada"] = _series("NumSerieFacturaAnulada", record.series_number)
        values["FechaExpedicionFacturaAnulada"] = _date("FechaExpedicionFacturaAnulada", record.issue_date)
    previous_fingerprint = _previous(record.previous_fingerprint)
    if not previous_fingerprint:
        values["Encadenamiento/PrimerRegistro"] = "S"
    else:
        link = "Encadenamiento/RegistroAnterior/"
        if previous is not None:
            if previous.fingerprint != previous_fingerprint:
                raise ValueError(
                    f"El registro anterior dado ({previous.series_number}) no es aquel al que se encadena "
                    f"{record.series_number}."
                )
            values[link + "IDEmisorFactura"] = previous.issuer_nif
            values[link + "NumSerieFactura"] = previous.series_number
            values[link + "FechaExpedicionFactura"] = _date("FechaExpedicionFactura", previous.issue_date)
        values[link + "Huella"] = previous_fingerprint
    values["FechaHoraHusoGenRegistro"] = _timestamp(record.generated_at)
    values["TipoHuella"] = FINGERPRINT_TYPE
    values["Huella"] = record.fingerprint
    return values


# --- the ticket's QR ----------------------------------------------------------------------------------


def _url_encode(value: str) -> str:
    # As java.net.URLEncoder, the encoder of AEAT's own example: space as "+", "*" kept, "~" escaped.
    return quote_plus(value, safe="*").replace("~", "%7E")


def qr_url(
    *, nif: str, series_number: str, issue_date: date, amount_total: Decimal, production: bool = False
) -> str:
    """The AEAT validation URL printed as the ticket's QR code, so a customer can check the ticket was
    registered. The test host is the default: production is a deliberate switch, like the certificate."""
    params = (
        ("nif", _nif("nif", nif)),
        ("numserie", _series("numserie", series_number)),
        ("fecha", _date("fecha", issue_date)),
        ("importe", _amount_text("importe", amount_total)),
    )
    query = "&".join(f"{name}={_url_encode(value)}" for name, value in params)
    return f"{QR_PRODUCTION_URL if production else QR_TEST_URL}?{query}"


# --- checking a stored chain --------------------------------------------------------------------------


def _break_reason(record: Record, issuer: str, expected_previous: str) -> str | None:
    if record.issuer_nif != issuer:
        return f"es del emisor {record.issuer_nif}, no de {issuer}: cada emisor tiene su cadena"
    try:
        recomputed = _sha256(fingerprint_input(record))
    except ValueError as error:
        return f"tiene datos no válidos: {error}"
    if recomputed != record.fingerprint:
        return "su huella no corresponde a sus datos: el registro se modificó después de generarse"
    if record.previous_fingerprint != expected_previous:
        if not expected_previous:
            return "debería abrir la cadena pero enlaza con otro registro: faltan los anteriores"
        return "no enlaza con el registro anterior: falta un registro, sobra uno o están desordenados"
    return None


def verify_chain(records: Sequence[Record], *, previous_fingerprint: str = "") -> ChainBreak | None:
    """Recompute every fingerprint and every link of one issuer's chain; the first record that fails, or None.

    ``records`` are in generation order. ``previous_fingerprint`` is what the first one must chain to:
    empty when checking from the start, or a trusted fingerprint to check only the newer part. Bad stored
    data is reported as a break, never raised, so one damaged row cannot stop the report.
    """
    expected_previous = previous_fingerprint
    issuer = records[0].issuer_nif if records else ""
    for index, record in enumerate(records):
        reason = _break_reason(record, issuer, expected_previous)
        if reason is not None:
            return ChainBreak(index, record.series_number, reason)
        expected_previous = record.fingerprint
    return None
