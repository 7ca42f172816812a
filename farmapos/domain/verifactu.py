"""VERI*FACTU registration records: the chained SHA-256 fingerprint and the tax QR code's URL.

Per the tax agency's (AEAT) specification of the fingerprint ("huella"): the fields are joined as
`name=value` pairs with `&`, values trimmed, amounts as sent, dates dd-mm-yyyy, the previous record's
fingerprint in `Huella` (empty for the first record), and the SHA-256 of the UTF-8 text in upper-case hex.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

INVOICE_TYPES = ("F1", "F2", "F3", "R1", "R2", "R3", "R4", "R5")
QR_TEST_URL = "https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR"
QR_PRODUCTION_URL = "https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR"


def _amount(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _date(value: date) -> str:
    return value.strftime("%d-%m-%Y")


def _timestamp(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("FechaHoraHusoGenRegistro necesita la zona horaria")
    return value.isoformat(timespec="seconds")


def _fingerprint(pairs: Sequence[tuple[str, str]]) -> str:
    text = "&".join(f"{name}={value.strip()}" for name, value in pairs)
    return hashlib.sha256(text.encode("utf-8")).hexdigest().upper()


@dataclass(frozen=True)
class InvoiceRecord:
    """Registro de alta."""

    issuer_nif: str
    series_number: str
    issue_date: date
    invoice_type: str
    vat_total: Decimal
    amount_total: Decimal
    previous_fingerprint: str
    generated_at: datetime
    fingerprint: str

    def fields(self) -> list[tuple[str, str]]:
        return [
            ("IDEmisorFactura", self.issuer_nif),
            ("NumSerieFactura", self.series_number),
            ("FechaExpedicionFactura", _date(self.issue_date)),
            ("TipoFactura", self.invoice_type),
            ("CuotaTotal", _amount(self.vat_total)),
            ("ImporteTotal", _amount(self.amount_total)),
            ("Huella", self.previous_fingerprint),
            ("FechaHoraHusoGenRegistro", _timestamp(self.generated_at)),
        ]


@dataclass(frozen=True)
class CancellationRecord:
    """Registro de anulación."""

    issuer_nif: str
    series_number: str
    issue_date: date
    previous_fingerprint: str
    generated_at: datetime
    fingerprint: str

    def fields(self) -> list[tuple[str, str]]:
        return [
            ("IDEmisorFacturaAnulada", self.issuer_nif),
            ("NumSerieFacturaAnulada", self.series_number),
            ("FechaExpedicionFacturaAnulada", _date(self.issue_date)),
            ("Huella", self.previous_fingerprint),
            ("FechaHoraHusoGenRegistro", _timestamp(self.generated_at)),
        ]


def _check_ids(issuer_nif: str, series_number: str) -> None:
    if not issuer_nif.strip():
        raise ValueError("falta el NIF del emisor")
    if not series_number.strip():
        raise ValueError("falta la serie y número de la factura")
    if len(series_number) > 60:
        raise ValueError("NumSerieFactura admite como mucho 60 caracteres")


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
) -> InvoiceRecord:
    _check_ids(issuer_nif, series_number)
    if invoice_type not in INVOICE_TYPES:
        raise ValueError(f"TipoFactura desconocido: {invoice_type!r}")
    _timestamp(generated_at)
    draft = InvoiceRecord(
        issuer_nif.strip(), series_number.strip(), issue_date, invoice_type, Decimal(vat_total),
        Decimal(amount_total), previous_fingerprint, generated_at, "",
    )  # fmt: skip
    return InvoiceRecord(**{**draft.__dict__, "fingerprint": _fingerprint(draft.fields())})


def build_cancellation_record(
    *,
    issuer_nif: str,
    series_number: str,
    issue_date: date,
    previous_fingerprint: str,
    generated_at: datetime,
) -> CancellationRecord:
    _check_ids(issuer_nif, series_number)
    _timestamp(generated_at)
    draft = CancellationRecord(
        issuer_nif.strip(), series_number.strip(), issue_date, previous_fingerprint, generated_at, ""
    )
    return CancellationRecord(**{**draft.__dict__, "fingerprint": _fingerprint(draft.fields())})


def record_to_dict(record: InvoiceRecord | CancellationRecord) -> dict[str, str]:
    """The record with the agency's field names, as it will be sent; includes its own fingerprint."""
    values = dict(record.fields())
    values["HuellaAnterior"] = values.pop("Huella")
    values["Huella"] = record.fingerprint
    return values


def qr_url(
    *, nif: str, series_number: str, issue_date: date, amount_total: Decimal, production: bool = False
) -> str:
    """The tax agency's validation URL printed as the ticket's QR code."""
    query = urlencode(
        {"nif": nif, "numserie": series_number, "fecha": _date(issue_date), "importe": _amount(amount_total)}
    )
    return f"{QR_PRODUCTION_URL if production else QR_TEST_URL}?{query}"


@dataclass(frozen=True)
class ChainBreak:
    index: int
    series_number: str
    reason: str


def verify_chain(records: Sequence[InvoiceRecord | CancellationRecord]) -> ChainBreak | None:
    """Recompute every fingerprint and link; the first record that does not verify, or None."""
    previous = ""
    for index, record in enumerate(records):
        if record.previous_fingerprint != previous:
            return ChainBreak(index, record.series_number, "no enlaza con la huella del registro anterior")
        if _fingerprint(record.fields()) != record.fingerprint:
            return ChainBreak(index, record.series_number, "su huella no corresponde a sus datos")
        previous = record.fingerprint
    return None
