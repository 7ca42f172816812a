"""VERI*FACTU fingerprints: the tax agency's test vector, the chain, the QR URL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from farmapos.domain import verifactu

MADRID = timezone(timedelta(hours=1))


def test_aeat_test_vector() -> None:
    record = verifactu.build_invoice_record(
        issuer_nif="89890001K", series_number="12345678/G33", issue_date=date(2024, 1, 1), invoice_type="F1",
        vat_total=Decimal("12.35"), amount_total=Decimal("123.45"), previous_fingerprint="",
        generated_at=datetime(2024, 1, 1, 19, 20, 30, tzinfo=MADRID),
    )  # fmt: skip
    assert record.fingerprint == "3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60"
    sent = verifactu.record_to_dict(record)
    assert (
        sent["FechaHoraHusoGenRegistro"] == "2024-01-01T19:20:30+01:00"
        and sent["Huella"] == record.fingerprint
    )


def chain(length: int) -> list:
    records, previous = [], ""
    for n in range(length):
        when = datetime(2026, 11, 23, 10, n, tzinfo=UTC)
        if n == 3:
            record = verifactu.build_cancellation_record(
                issuer_nif="B12345674", series_number="T1-2026-000002", issue_date=date(2026, 11, 23),
                previous_fingerprint=previous, generated_at=when,
            )  # fmt: skip
        else:
            record = verifactu.build_invoice_record(
                issuer_nif="B12345674", series_number=f"T1-2026-{n + 1:06d}", issue_date=date(2026, 11, 23),
                invoice_type="F2", vat_total=Decimal("0.10"), amount_total=Decimal(f"{n + 2}.50"),
                previous_fingerprint=previous, generated_at=when,
            )  # fmt: skip
        records.append(record)
        previous = record.fingerprint
    return records


def test_a_sound_chain_verifies_and_each_kind_of_break_is_named() -> None:
    records = chain(5)
    assert verifactu.verify_chain(records) is None
    altered = [*records[:2], replace(records[2], amount_total=Decimal("99.99")), *records[3:]]
    assert verifactu.verify_chain(altered).index == 2
    assert "huella" in verifactu.verify_chain(altered).reason
    missing = records[:1] + records[2:]
    assert verifactu.verify_chain(missing).index == 1
    swapped = [records[0], records[2], records[1], *records[3:]]
    assert verifactu.verify_chain(swapped).index == 1
    tampered_cancellation = [*records[:3], replace(records[3], series_number="T1-2026-000009"), records[4]]
    assert verifactu.verify_chain(tampered_cancellation).index == 3


def test_qr_url_and_validation() -> None:
    url = verifactu.qr_url(nif="B12345674", series_number="T1-2026-000001", issue_date=date(2026, 11, 23),
                           amount_total=Decimal("2.5"))  # fmt: skip
    assert url == ("https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=B12345674&numserie=T1-2026-000001"
                   "&fecha=23-11-2026&importe=2.50")  # fmt: skip
    with pytest.raises(ValueError, match="TipoFactura"):
        verifactu.build_invoice_record(issuer_nif="B1", series_number="X", issue_date=date(2026, 1, 1),
                                       invoice_type="Z9", vat_total=Decimal(0), amount_total=Decimal(0),
                                       previous_fingerprint="", generated_at=datetime.now(UTC))  # fmt: skip
    with pytest.raises(ValueError, match="zona horaria"):
        verifactu.build_invoice_record(issuer_nif="B1", series_number="X", issue_date=date(2026, 1, 1),
                                       invoice_type="F2", vat_total=Decimal(0), amount_total=Decimal(0),
                                       previous_fingerprint="", generated_at=datetime(2026, 1, 1))  # fmt: skip
