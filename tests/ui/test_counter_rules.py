"""The counter asks for register data on controlled medicines, and closes the drawer from the keyboard."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from farmapos.ui.cash_close import CashCloseDialog
from farmapos.ui.dialogs import PayDialog
from farmapos.ui.register_dialog import RegisterDialog
from tests.factories import make_article, seed_pharmacy
from tests.integration.test_sales import receive
from tests.ui.keys import scan, type_text


@pytest.fixture
def counter(counter_on):
    def prepare(db) -> None:
        seed = seed_pharmacy(db)
        receive(db, seed, make_article(db, code="721076", description="MORFINA 10 MG", price="8.00",
                                       needs_prescription=True, narcotic=True), 10)  # fmt: skip
        receive(db, seed, make_article(db, code="654766", price="2.50"), 10)

    return counter_on(prepare)[0]


def type_into(qtbot, field, text: str) -> None:
    type_text(qtbot, field, text, enter=True)


def pay_exact(qtbot, monkeypatch) -> None:
    def fake_exec(dialog: PayDialog) -> int:
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(PayDialog, "exec", fake_exec)


def test_a_narcotic_asks_for_the_register_and_cannot_be_paid_without_it(qtbot, counter, monkeypatch) -> None:
    sale = counter.current()
    monkeypatch.setattr(RegisterDialog, "exec", lambda dialog: 0)  # the seller presses Esc
    scan(qtbot, sale, "721076")
    assert "libro recetario" in sale.message.text()
    pay_exact(qtbot, monkeypatch)
    qtbot.keyClick(sale.code, Qt.Key.Key_F12)
    assert sale.sale.state == "open" and "libro recetario" in sale.message.text()

    def fill(dialog: RegisterDialog) -> int:
        for field, text in zip(dialog.fields, ("Ana Ruiz", "12345678Z", "Dr. López", "282800001", "RX-1",
                                               "12345678Z"), strict=True):  # fmt: skip
            type_into(qtbot, field, text)
        return dialog.result()

    monkeypatch.setattr(RegisterDialog, "exec", fill)
    assert sale.ask_register_data(sale.sale.lines[0].id)
    first_id = sale.sale.id
    qtbot.keyClick(sale.code, Qt.Key.Key_F12)
    assert sale.sale.id != first_id and "8,00" in sale.last.text()


def test_cash_close_dialog_counts_by_denomination_from_the_keyboard(qtbot, counter, monkeypatch) -> None:
    sale = counter.current()
    scan(qtbot, sale, "654766")
    pay_exact(qtbot, monkeypatch)
    qtbot.keyClick(sale.code, Qt.Key.Key_F12)  # 100 € float + 2,50 € cash = 102,50 € expected
    dialog = CashCloseDialog(counter.cash, sale.seller.id, counter)
    qtbot.addWidget(dialog)
    values = {Decimal("50"): "2", Decimal("2"): "1", Decimal("0.20"): "2"}
    for value, field in dialog.counts.items():
        type_into(qtbot, field, values.get(value, ""))
    assert dialog.total.text() == "102,40 €"
    dialog.leave.selectAll()
    type_into(qtbot, dialog.leave, "100")
    type_into(qtbot, dialog.note, "falta una moneda")
    assert dialog.result_view is not None
    assert (dialog.result_view.expected_cash, dialog.result_view.difference) == (
        Decimal("102.50"),
        Decimal("-0.10"),
    )
    assert counter.cash.current() is None


def test_paying_cash_with_the_drawer_closed_offers_to_open_it(qtbot, counter_on, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    def prepare(db) -> None:
        seed = seed_pharmacy(db, open_cash=False)
        receive(db, seed, make_article(db, code="654766", price="2.50"), 10)

    window, _db = counter_on(prepare)
    sale = window.current()
    scan(qtbot, sale, "654766")
    pay_exact(qtbot, monkeypatch)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("50,00", True))
    qtbot.keyClick(sale.code, Qt.Key.Key_F12)
    assert "2,50 €" in sale.last.text()
    assert window.cash.current().opening_float == Decimal("50.00")
    assert window.cash.current().expected_cash == Decimal("52.50")
