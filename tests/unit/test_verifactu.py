"""VERI*FACTU records: AEAT's published fingerprint examples, every kind of chain break, the QR URL, the rules.

The three fingerprints below are the worked examples of AEAT's "Detalle de las especificaciones técnicas para
generación de la huella o hash de los registros de facturación" (v0.1.2, section 6): a first record, a second
one chained to it and a cancellation chained to that. They are literals, never computed by the code under test.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from farmapos.domain import verifactu
from farmapos.domain.verifactu import CancellationRecord, InvoiceRecord

CET = timezone(timedelta(hours=1))
AEAT_FIRST = "3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60"
AEAT_SECOND = "F7B94CFD8924EDFF273501B01EE5153E4CE8F259766F88CF6ACB8935802A2B97"
AEAT_CANCELLATION = "177547C0D57AC74748561D054A9CEC14B4C4EA23D1BEFD6F2E69E3A388F90C68"


def aeat_records() -> list[InvoiceRecord | CancellationRecord]:
    first = verifactu.build_invoice_record(
        issuer_nif="89890001K", series_number="12345678/G33", issue_date=date(2024, 1, 1), invoice_type="F1",
        vat_total=Decimal("12.35"), amount_total=Decimal("123.45"), previous_fingerprint="",
        generated_at=datetime(2024, 1, 1, 19, 20, 30, tzinfo=CET),
    )  # fmt: skip
    second = verifactu.build_invoice_record(
        issuer_nif="89890001K", series_number="12345679/G34", issue_date=date(2024, 1, 1), invoice_type="F1",
        vat_total=Decimal("12.35"), amount_total=Decimal("123.45"), previous_fingerprint=first.fingerprint,
        generated_at=datetime(2024, 1, 1, 19, 20, 35, tzinfo=CET),
    )  # fmt: skip
    cancellation = verifactu.build_cancellation_record(
        issuer_nif="89890001K", series_number="12345679/G34", issue_date=date(2024, 1, 1),
        previous_fingerprint=second.fingerprint, generated_at=datetime(2024, 1, 1, 19, 20, 40, tzinfo=CET),
    )  # fmt: skip
    return [first, second, cancellation]


def test_aeat_test_vector_first_record() -> None:
    first = aeat_records()[0]
    assert verifactu.fingerprint_input(first) == (
        "IDEmisorFactura=89890001K&NumSerieFactura=12345678/G33&FechaExpedicionFactura=01-01-2024"
        "&TipoFactura=F1&CuotaTotal=12.35&ImporteTotal=123.45&Huella="
        "&FechaHoraHusoGenRegistro=2024-01-01T19:20:30+01:00"
    )
    assert first.fingerprint == AEAT_FIRST


def test_aeat_examples_of_a_chained_record_and_a_cancellation() -> None:
    first, second, cancellation = aeat_records()
    assert second.fingerprint == AEAT_SECOND
    assert verifactu.fingerprint_input(cancellation) == (
        "IDEmisorFacturaAnulada=89890001K&NumSerieFacturaAnulada=12345679/G34"
        f"&FechaExpedicionFacturaAnulada=01-01-2024&Huella={AEAT_SECOND}"
        "&FechaHoraHusoGenRegistro=2024-01-01T19:20:40+01:00"
    )
    assert cancellation.fingerprint == AEAT_CANCELLATION
    assert verifactu.verify_chain([first, second, cancellation]) is None


def test_the_standalone_fingerprint_functions_agree_with_the_builders() -> None:
    assert verifactu.invoice_fingerprint(
        issuer_nif="89890001K", series_number="12345678/G33", issue_date=date(2024, 1, 1), invoice_type="F1",
        vat_total=Decimal("12.35"), amount_total=Decimal("123.45"), previous_fingerprint="",
        generated_at=datetime(2024, 1, 1, 19, 20, 30, tzinfo=CET),
    ) == AEAT_FIRST  # fmt: skip
    assert verifactu.cancellation_fingerprint(
        issuer_nif="89890001K", series_number="12345679/G34", issue_date=date(2024, 1, 1),
        previous_fingerprint=AEAT_SECOND, generated_at=datetime(2024, 1, 1, 19, 20, 40, tzinfo=CET),
    ) == AEAT_CANCELLATION  # fmt: skip


def test_values_are_trimmed_and_kept_as_they_were_hashed() -> None:
    record = verifactu.build_invoice_record(
        issuer_nif=" 89890001K ", series_number="   12345678/G33  ", issue_date=date(2024, 1, 1),
        invoice_type="F1", vat_total=Decimal("12.350"), amount_total=Decimal("123.45"), previous_fingerprint="",
        generated_at=datetime(2024, 1, 1, 19, 20, 30, 999_999, tzinfo=CET),
    )  # fmt: skip
    assert record.fingerprint == AEAT_FIRST
    assert (record.issuer_nif, record.series_number) == ("89890001K", "12345678/G33")
    assert str(record.vat_total) == "12.35" and record.generated_at.microsecond == 0


def invoice(**changes: object) -> InvoiceRecord:
    fields: dict[str, object] = dict(
        issuer_nif="B12345674", series_number="T1-2026-000001", issue_date=date(2026, 11, 23),
        invoice_type="F2", vat_total=Decimal("0.23"), amount_total=Decimal("2.50"), previous_fingerprint="",
        generated_at=datetime(2026, 11, 23, 10, 0, tzinfo=CET),
    )  # fmt: skip
    return verifactu.build_invoice_record(**{**fields, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "sent"),
    [(Decimal("123.4"), "123.40"), (Decimal("-12.35"), "-12.35"), (Decimal("-0.00"), "0.00"), (7, "7.00")],
)
def test_amounts_are_hashed_with_a_point_and_two_decimals(amount: Decimal, sent: str) -> None:
    assert f"&ImporteTotal={sent}&" in verifactu.fingerprint_input(invoice(amount_total=amount))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"invoice_type": "Z9"}, "TipoFactura desconocido"),
        ({"generated_at": datetime(2026, 11, 23, 10, 0)}, "zona horaria"),
        ({"issuer_nif": "  "}, "IDEmisorFactura está vacío"),
        ({"issuer_nif": "B1234567"}, "NIF de 9 caracteres"),
        ({"series_number": ""}, "NumSerieFactura está vacío"),
        ({"series_number": "T" * 61}, "como mucho 60"),
        ({"series_number": "TÑ-1"}, "ASCII"),
        ({"amount_total": Decimal("2.505")}, "más de dos decimales"),
        ({"amount_total": 2.5}, "nunca float"),
        ({"vat_total": Decimal("1E12")}, "12 cifras"),
        ({"previous_fingerprint": AEAT_FIRST.lower()}, "huella anterior"),
        ({"issue_date": datetime(2026, 11, 23, 10, 0, tzinfo=CET)}, "sin hora"),
        ({"corrected": "T1-2026-000001"}, "Solo una rectificativa"),
    ],
)
def test_invalid_values_are_refused_with_a_clear_message(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        invoice(**changes)


def test_a_series_of_exactly_sixty_characters_is_accepted() -> None:
    assert invoice(series_number="T" * 60).series_number == "T" * 60


def test_cancellations_are_validated_too() -> None:
    with pytest.raises(ValueError, match="NumSerieFacturaAnulada está vacío"):
        verifactu.build_cancellation_record(
            issuer_nif="B12345674", series_number=" ", issue_date=date(2026, 11, 23), previous_fingerprint="",
            generated_at=datetime(2026, 11, 23, 10, 0, tzinfo=CET),
        )  # fmt: skip


def chain(length: int = 5) -> list[InvoiceRecord | CancellationRecord]:
    """A ticket chain with a cancellation in the middle, as the sale engine would keep it."""
    records: list[InvoiceRecord | CancellationRecord] = []
    previous = ""
    for n in range(length):
        when = datetime(2026, 11, 23, 10, n, tzinfo=CET)
        if n == 3:
            record: InvoiceRecord | CancellationRecord = verifactu.build_cancellation_record(
                issuer_nif="B12345674", series_number="T1-2026-000002", issue_date=date(2026, 11, 23),
                previous_fingerprint=previous, generated_at=when,
            )  # fmt: skip
        else:
            record = invoice(
                series_number=f"T1-2026-{n + 1:06d}", amount_total=Decimal(f"{n + 2}.50"),
                previous_fingerprint=previous, generated_at=when,
            )  # fmt: skip
        records.append(record)
        previous = record.fingerprint
    return records


def test_a_sound_chain_of_five_verifies() -> None:
    records = chain()
    assert verifactu.verify_chain(records) is None
    assert verifactu.verify_chain([]) is None
    assert verifactu.verify_chain(records[2:], previous_fingerprint=records[1].fingerprint) is None


def altered_amount(records: list) -> list:
    return [*records[:2], replace(records[2], amount_total=Decimal("99.99")), *records[3:]]


def altered_and_refingerprinted(records: list) -> list:
    """A forger who also recomputes the altered record's fingerprint breaks the link to the next one."""
    forged = invoice(
        series_number=records[2].series_number, amount_total=Decimal("99.99"),
        previous_fingerprint=records[1].fingerprint, generated_at=records[2].generated_at,
    )  # fmt: skip
    return [*records[:2], forged, *records[3:]]


def wrong_previous(records: list) -> list:
    misfit = invoice(
        series_number=records[3].series_number, previous_fingerprint=records[1].fingerprint,
        generated_at=records[3].generated_at,
    )  # fmt: skip
    return [*records[:3], misfit, records[4]]


@pytest.mark.parametrize(
    ("tamper", "index", "reason"),
    [
        (altered_amount, 2, "su huella no corresponde"),
        (altered_and_refingerprinted, 3, "no enlaza con el registro anterior"),
        (lambda r: [r[0], *r[2:]], 1, "no enlaza con el registro anterior"),
        (lambda r: r[1:], 0, "debería abrir la cadena"),
        (lambda r: [r[0], r[2], r[1], *r[3:]], 1, "no enlaza con el registro anterior"),
        (lambda r: [*r[:3], r[4], r[3]], 3, "no enlaza con el registro anterior"),
        (wrong_previous, 3, "no enlaza con el registro anterior"),
        (lambda r: [*r[:3], replace(r[3], series_number="T1-2026-000009"), r[4]], 3, "su huella no corresponde"),
        (lambda r: [*r[:4], replace(r[4], previous_fingerprint=r[2].fingerprint)], 4, "su huella no corresponde"),
        (lambda r: [*r[:4], replace(r[4], issuer_nif="A87654321")], 4, "cada emisor tiene su cadena"),
        (lambda r: [r[0], replace(r[1], generated_at=r[1].generated_at.replace(tzinfo=None)), *r[2:]], 1,
         "zona horaria"),
    ],
    ids=["amount", "refingerprinted", "deleted", "first-deleted", "swapped", "last-swapped", "wrong-previous",
         "cancellation", "previous-edited", "other-issuer", "naive-time"],
)  # fmt: skip
def test_each_kind_of_break_names_the_first_broken_record(tamper, index: int, reason: str) -> None:
    records = chain()
    broken = verifactu.verify_chain(tamper(records))
    assert broken is not None
    assert broken.index == index and reason in broken.reason
    assert broken.series_number == tamper(records)[index].series_number


@settings(max_examples=50, deadline=None)
@given(
    cents=st.lists(st.integers(min_value=-(10**6), max_value=10**6), min_size=1, max_size=12),
    data=st.data(),
)
def test_any_chain_verifies_and_any_altered_amount_is_caught_where_it_is(cents: list[int], data) -> None:
    records: list[InvoiceRecord | CancellationRecord] = []
    for n, amount in enumerate(cents):
        records.append(invoice(
            series_number=f"T1-2026-{n + 1:06d}", amount_total=Decimal(amount) / 100,
            previous_fingerprint=records[-1].fingerprint if records else "",
        ))  # fmt: skip
    assert verifactu.verify_chain(records) is None
    victim = data.draw(st.integers(min_value=0, max_value=len(records) - 1))
    altered = replace(records[victim], amount_total=records[victim].amount_total + Decimal("0.01"))
    broken = verifactu.verify_chain([*records[:victim], altered, *records[victim + 1 :]])
    assert broken is not None and broken.index == victim


def test_qr_url_follows_aeat_example_with_an_encoded_ampersand() -> None:
    url = verifactu.qr_url(
        nif="89890001K",
        series_number="12345678&G33",
        issue_date=date(2024, 1, 1),
        amount_total=Decimal("241.4"),
    )
    assert url == (
        "https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=12345678%26G33"
        "&fecha=01-01-2024&importe=241.40"
    )


def test_qr_url_in_production_encodes_as_aeat_reference_encoder() -> None:
    url = verifactu.qr_url(
        nif="B12345674", series_number="R1/2026 000003*~", issue_date=date(2026, 11, 23),
        amount_total=Decimal("-12.35"), production=True,
    )  # fmt: skip
    assert url == (
        "https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR?nif=B12345674"
        "&numserie=R1%2F2026+000003*%7E&fecha=23-11-2026&importe=-12.35"
    )
    with pytest.raises(ValueError, match="ASCII"):
        verifactu.qr_url(
            nif="B12345674", series_number="Nº1", issue_date=date(2026, 1, 1), amount_total=Decimal(1)
        )


def test_record_to_dict_uses_aeat_schema_names_and_links_the_previous_record() -> None:
    first, second, cancellation = aeat_records()
    assert verifactu.record_to_dict(first) == {
        "IDEmisorFactura": "89890001K",
        "NumSerieFactura": "12345678/G33",
        "FechaExpedicionFactura": "01-01-2024",
        "TipoFactura": "F1",
        "CuotaTotal": "12.35",
        "ImporteTotal": "123.45",
        "Encadenamiento/PrimerRegistro": "S",
        "FechaHoraHusoGenRegistro": "2024-01-01T19:20:30+01:00",
        "TipoHuella": "01",
        "Huella": AEAT_FIRST,
    }
    assert verifactu.record_to_dict(cancellation, previous=second) == {
        "IDEmisorFacturaAnulada": "89890001K",
        "NumSerieFacturaAnulada": "12345679/G34",
        "FechaExpedicionFacturaAnulada": "01-01-2024",
        "Encadenamiento/RegistroAnterior/IDEmisorFactura": "89890001K",
        "Encadenamiento/RegistroAnterior/NumSerieFactura": "12345679/G34",
        "Encadenamiento/RegistroAnterior/FechaExpedicionFactura": "01-01-2024",
        "Encadenamiento/RegistroAnterior/Huella": AEAT_SECOND,
        "FechaHoraHusoGenRegistro": "2024-01-01T19:20:40+01:00",
        "TipoHuella": "01",
        "Huella": AEAT_CANCELLATION,
    }
    with pytest.raises(ValueError, match="no es aquel al que se encadena"):
        verifactu.record_to_dict(cancellation, previous=first)


def test_a_corrective_invoice_names_the_invoice_it_corrects() -> None:
    refund = invoice(
        series_number="R1-2026-000001", invoice_type="R5", amount_total=Decimal("-2.50"),
        vat_total=Decimal("-0.23"), corrected=" T1-2026-000001 ",
    )  # fmt: skip
    sent = verifactu.record_to_dict(refund)
    assert refund.corrected == "T1-2026-000001"
    assert sent["FacturasRectificadas/IDFacturaRectificada/NumSerieFactura"] == "T1-2026-000001"
    assert sent["ImporteTotal"] == "-2.50" and sent["CuotaTotal"] == "-0.23"
    assert list(sent)[3:6] == [
        "TipoFactura",
        "FacturasRectificadas/IDFacturaRectificada/IDEmisorFactura",
        "FacturasRectificadas/IDFacturaRectificada/NumSerieFactura",
    ]
