"""The counter driven from the keyboard as a pharmacist does, on a real SQLite database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from farmapos.domain.orders import OrderLineInput, create_order, send_order
from farmapos.domain.suppliers import add_supplier
from farmapos.ui.dialogs import PayDialog, SearchDialog
from farmapos.ui.sale_window import parse_multiplier
from tests.factories import make_article, seed_pharmacy
from tests.ui.keys import press, scan, settle, type_text


@pytest.fixture
def counter(counter_on):
    def prepare(db) -> None:
        seed_pharmacy(db)
        make_article(db, code="654766", price="2.50")
        make_article(
            db, code="700681", description="IBUPROFENO NORMON 600 MG 40 COMPRIMIDOS EFG", price="3.10"
        )

    return counter_on(prepare)[0]


def test_multiplier_prefix() -> None:
    assert parse_multiplier("3*654766") == (Decimal(3), "654766")
    assert parse_multiplier("654766") == (Decimal(1), "654766")


def test_scan_adds_lines_and_plus_minus_delete_edit_them(qtbot, counter) -> None:
    sale = counter.current()
    scan(qtbot, sale, "8470006547663")
    scan(qtbot, sale, "3*700681")
    assert [(line.code, line.quantity) for line in sale.sale.lines] == [("6547663", 1), ("7006817", 3)]
    assert sale.code.text() == "" and sale.code.hasFocus()
    press(qtbot, sale, Qt.Key.Key_Minus)
    assert sale.sale.lines[1].quantity == 2
    qtbot.keyClick(sale.code, Qt.Key.Key_Up)
    press(qtbot, sale, Qt.Key.Key_Plus)
    assert sale.sale.lines[0].quantity == 2
    press(qtbot, sale, Qt.Key.Key_Delete)
    assert [line.code for line in sale.sale.lines] == ["7006817"]
    assert "6,20" in sale.total.text()


def test_unknown_code_is_shown_inline_and_keeps_the_field(qtbot, counter) -> None:
    sale = counter.current()
    scan(qtbot, sale, "12345")
    assert "desconocido" in sale.message.text()
    assert sale.sale.lines == ()


def test_pay_cash_with_change_leaves_a_new_empty_sale(qtbot, counter, monkeypatch) -> None:
    sale = counter.current()
    scan(qtbot, sale, "654766")

    def fake_exec(dialog: PayDialog) -> int:
        qtbot.keyClicks(dialog.amount, "5")
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(PayDialog, "exec", fake_exec)
    first_id = sale.sale.id
    qtbot.keyClick(sale.code, Qt.Key.Key_F12)
    assert "cambio 2,50" in sale.last.text()
    assert sale.sale.id != first_id and sale.sale.lines == ()
    assert counter.tickets[0].full_number == "T1-2026-000001" or counter.tickets[0].full_number.startswith(
        "T1-"
    )


def test_search_dialog_finds_by_words_and_enter_adds(qtbot, counter, monkeypatch) -> None:
    sale = counter.current()

    def fake_exec(dialog: SearchDialog) -> int:
        qtbot.keyClicks(dialog.query, "600 ibu")
        qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(SearchDialog, "exec", fake_exec)
    qtbot.keyClick(sale.code, Qt.Key.Key_F2)
    assert [line.code for line in sale.sale.lines] == ["7006817"]


def test_alt_2_switches_to_a_seller_after_the_pin(qtbot, counter, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("9999", True))
    counter.switch_to(2)
    assert counter.tabs.count() == 1 and "PIN incorrecto" in counter.current().message.text()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("1234", True))
    counter.switch_to(2)
    assert counter.tabs.count() == 2 and counter.current().seller.name == "Luis"


def test_the_panel_shows_units_still_on_order(qtbot, counter_on) -> None:
    def prepare(db) -> None:
        seed = seed_pharmacy(db)
        ibuprofen = make_article(db, code="700681", description="IBUPROFENO NORMON 600 MG", price="3.10")
        make_article(db, code="654766", price="2.50")
        supplier = add_supplier(db, code="cofares", name="Cofares")
        order = create_order(db, supplier, [OrderLineInput(ibuprofen, Decimal(12))], seed.seller_id)
        send_order(db, order.id)

    window, _db = counter_on(prepare)
    sale = window.current()
    scan(qtbot, sale, "700681")
    qtbot.waitUntil(lambda: "pendientes de recibir: 12" in sale.panel.text())
    scan(qtbot, sale, "654766")
    qtbot.waitUntil(lambda: "sin pedidos pendientes" in sale.panel.text())


def test_each_seller_window_is_painted_in_the_sellers_colour(qtbot, counter, monkeypatch) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QInputDialog

    def background(widget) -> str:
        # The whole window as it is on screen, at a point of the seller's margin outside every child.
        point = widget.mapTo(counter, QPoint(2, 2))
        return counter.grab().toImage().pixelColor(point).name().upper()

    ana = counter.current()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("1234", True))
    qtbot.keyClick(ana.code, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    luis = counter.current()
    assert (ana.seller.name, luis.seller.name) == ("Ana", "Luis")
    assert background(luis) == QColor("#FFF3E0").name().upper()
    qtbot.keyClick(luis.code, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert background(ana) == QColor("#E3F2FD").name().upper()


def test_plus_or_delete_right_after_a_scan_acts_on_the_scanned_line(qtbot, counter) -> None:
    sale = counter.current()
    scan(qtbot, sale, "654766")
    # The second scan is still being added off the UI thread when + and Delete are pressed.
    type_text(qtbot, sale.code, "700681", enter=True)
    qtbot.keyClick(sale.code, Qt.Key.Key_Plus)
    settle(qtbot, sale)
    assert [(line.code, line.quantity) for line in sale.sale.lines] == [("6547663", 1), ("7006817", 2)]
    type_text(qtbot, sale.code, "3*654766", enter=True)  # merges into the first line and selects it
    qtbot.keyClick(sale.code, Qt.Key.Key_Delete)
    settle(qtbot, sale)
    assert [(line.code, line.quantity) for line in sale.sale.lines] == [("7006817", 2)]


def test_a_scan_while_paying_is_not_charged_unseen(qtbot, counter, monkeypatch) -> None:
    sale = counter.current()
    scan(qtbot, sale, "654766")

    def pay_while_a_scan_arrives(dialog: PayDialog) -> int:
        sale.add_scanned("700681")  # a burst from the scanner goes to the sale, as the dialog is open
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(PayDialog, "exec", pay_while_a_scan_arrives)
    qtbot.keyClick(sale.code, Qt.Key.Key_F12)
    assert "ha cambiado" in sale.message.text()
    assert [line.code for line in sale.sale.lines] == ["6547663", "7006817"]  # still open, both lines
    assert counter.tickets == []
