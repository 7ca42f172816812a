"""What the domain and the devices say reaches the counter in the counter's language (`i18n.tr_message`)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from farmapos.devices.config import parse_uri
from farmapos.devices.errors import DeviceConfigError
from farmapos.domain.errors import NotFound, SaleError
from farmapos.domain.sales.service import SaleService
from farmapos.messages import msg
from farmapos.ui import i18n


def test_domain_errors_read_in_english_and_back_in_spanish(db, seed, language) -> None:
    service = SaleService(db, seed.workstation_id)
    sale = service.open_sale(seed.seller_id)
    with pytest.raises(NotFound) as unknown:
        service.add_code(sale.id, "999999")
    service.cancel(sale.id)
    with pytest.raises(SaleError) as cancelled:
        service.park(sale.id)
    with pytest.raises(DeviceConfigError) as device:
        parse_uri("tcp://:9100", "printer")
    assert str(unknown.value) == i18n.tr_message(unknown.value) == "Código desconocido: 999999."

    assert language("en") == "en"
    assert i18n.tr_message(unknown.value) == "Unknown code: 999999."
    assert i18n.tr_message(cancelled.value) == f"Sale {sale.id} is cancelled."  # the state word as well
    assert i18n.tr_message(device.value) == "printer: 'tcp://:9100' does not give the host (tcp://host:9100)."
    assert str(unknown.value) == "Código desconocido: 999999."  # logs and the command line stay Spanish

    assert language("es") == "es"
    assert i18n.tr_message(unknown.value) == "Código desconocido: 999999."
    assert i18n.tr_message(cancelled.value) == f"La venta {sale.id} está anulada."
    assert i18n.tr_message(device.value) == str(device.value)


def test_uninstall_removes_the_messages_translation(qapp) -> None:
    message = msg("Código desconocido: {code}.", code="1")
    i18n.install("en", qapp)
    try:
        assert i18n.tr_message(message) == "Unknown code: 1."
    finally:
        i18n.uninstall(qapp)
    assert i18n.tr_message(message) == "Código desconocido: 1."


def test_tr_message_never_raises(monkeypatch) -> None:
    assert i18n.tr_message("Texto ya traducido") == "Texto ya traducido"
    assert i18n.tr_message(OSError("No such file")) == "No such file"
    message = msg("Código desconocido: {code}.", code="1")
    monkeypatch.setattr(QCoreApplication, "translate", staticmethod(lambda _context, _text: "Unknown {cod}."))
    assert i18n.tr_message(message) == "Código desconocido: 1."  # a broken translation: the Spanish text
    monkeypatch.setattr(
        QCoreApplication, "translate", staticmethod(lambda _context, _text: "Unknown {code:d}.")
    )
    assert i18n.tr_message(NotFound(message)) == "Código desconocido: 1."


def test_dates_in_messages_are_written_the_screens_way(qapp, language) -> None:
    from datetime import date

    from farmapos.domain.sales.service import _expired_lot

    expired = _expired_lot("L1", "IBUPROFENO 600", date(2026, 11, 23))
    assert str(expired) == "Lote L1 de IBUPROFENO 600 caducado el 23/11/2026: no se puede vender."
    assert language("en") == "en"
    assert i18n.tr_message(expired) == "Batch L1 of IBUPROFENO 600 expired on 23 Nov 2026: it cannot be sold."


def test_amounts_quantities_and_percentages_in_messages_are_written_the_screens_way(
    db, seed, language
) -> None:
    from decimal import Decimal

    from farmapos.domain.errors import DiscountError, PaymentError, ValidationError
    from farmapos.domain.sales.views import PaymentInput
    from tests.factories import make_article

    make_article(db, "700001", "CREMA SOLAR 50", price="1234.50", family="COS", unlimited=True)
    service = SaleService(db, seed.workstation_id)
    sale = service.open_sale(seed.seller_id)
    line = service.add_code(sale.id, "700001").sale.lines[0]
    with pytest.raises(PaymentError) as short:
        service.close(sale.id, [PaymentInput("cash", Decimal("1234.50"), Decimal("1233"))])
    service.set_quantity(sale.id, line.id, Decimal("0.5"))
    with pytest.raises(ValidationError) as below_one:
        service.change_quantity(sale.id, line.id, -1)
    with pytest.raises(DiscountError) as too_much:
        service.set_line_discount(sale.id, line.id, pct=Decimal("17.5"))
    assert str(short.value) == "Entregado 1.233,00 €: faltan 1,50 €."
    assert str(below_one.value) == "La línea ya tiene 0,5: para quitarla, bórrela."
    assert str(too_much.value) == "Descuento del 17,50 % sobre CREMA SOLAR 50: el máximo permitido es 15 %."

    assert language("en") == "en"
    assert i18n.tr_message(short.value) == "€1,233.00 tendered: €1.50 short."
    assert i18n.tr_message(below_one.value) == "The line already has 0.5: to take it off, delete it."
    assert (
        i18n.tr_message(too_much.value) == "A 17.50% discount on CREMA SOLAR 50: the maximum allowed is 15%."
    )
