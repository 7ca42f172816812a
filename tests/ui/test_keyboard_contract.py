"""The keyboard contract end to end, as a pharmacist drives it (dialogs are driven by their keys too)."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select

from farmapos.domain.db import Database
from farmapos.domain.models import CopayType, Customer, Sale
from farmapos.ui.counter import build_counter_window
from farmapos.ui.counter_dialogs import (
    ArticleDialog,
    CustomerDialog,
    DiscountDialog,
    PrescriptionDialog,
    ReturnDialog,
)
from farmapos.ui.dialogs import PayDialog, SearchDialog
from farmapos.ui.scan_burst import ScanBurstFilter
from tests.factories import make_article, seed_pharmacy
from tests.integration.test_sales import receive
from tests.ui.keys import press, scan, settle, type_text


@pytest.fixture
def counter(qtbot, tmp_path, sqlite_template):
    path = tmp_path / "counter.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    seed = seed_pharmacy(db)
    for code, description, price in (("654766", "PARACETAMOL CINFA 1 G 40 COMPRIMIDOS EFG", "2.50"),
                                     ("700681", "IBUPROFENO NORMON 600 MG 40 COMPRIMIDOS EFG", "3.10"),
                                     ("721076", "OMEPRAZOL KERN 20 MG 28 CÁPSULAS", "4.20")):  # fmt: skip
        receive(db, seed, make_article(db, code=code, description=description, price=price, min_stock=Decimal(50)),
                10, "L1", date(2027, 1, 31))  # fmt: skip
    with db.uow() as uow:
        uow.session.add(CopayType(code="TSI002", name="Activo 40 %", patient_pct=Decimal(40),
                                  valid_from=date(2026, 1, 1)))  # fmt: skip
        uow.session.add(Customer(code="C1", name="María Peña", nif="12345678Z", phone="600111222"))
        uow.commit()
    window = build_counter_window(db)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield window, db
    window.shutdown()
    db.dispose()


def drive(monkeypatch, cls, steps) -> None:
    """When `cls` opens, run `steps(dialog)` (keys into its widgets) and return what the dialog returned."""

    def fake_exec(dialog) -> int:
        steps(dialog)
        return dialog.result()

    monkeypatch.setattr(cls, "exec", fake_exec)


def test_a_whole_sale_from_the_keyboard(qtbot, counter, monkeypatch) -> None:
    window, db = counter
    sale = window.current()
    scan(qtbot, sale, "8470006547663")
    scan(qtbot, sale, "700681")
    scan(qtbot, sale, "721076")
    press(qtbot, sale, Qt.Key.Key_Plus)  # 2 omeprazol
    assert [line.quantity for line in sale.sale.lines] == [1, 1, 2]
    qtbot.waitUntil(lambda: "OMEPRAZOL" in sale.panel.text())  # the card is read off the UI thread
    assert "ESTUPEFACIENTE" not in sale.panel.text()
    assert "color:#C62828" in sale.panel.text()  # below its minimum of 50
    drive(monkeypatch, SearchDialog, lambda d: (type_text(qtbot, d.query, "cinf parac"),
                                                qtbot.keyClick(d.query, Qt.Key.Key_Return)))  # fmt: skip
    qtbot.keyClick(sale.code, Qt.Key.Key_F2)
    assert sale.sale.lines[0].quantity == 2  # the search added a second paracetamol
    qtbot.keyClick(sale.code, Qt.Key.Key_Up)
    qtbot.keyClick(sale.code, Qt.Key.Key_Up)  # the paracetamol line
    drive(monkeypatch, PrescriptionDialog, lambda d: qtbot.keyClick(d, Qt.Key.Key_Return))
    qtbot.keyClick(sale.code, Qt.Key.Key_F4)
    assert sale.sale.lines[0].copay_code == "TSI002" and sale.sale.lines[0].amount == Decimal("2.00")
    qtbot.keyClick(sale.code, Qt.Key.Key_Down)
    drive(monkeypatch, DiscountDialog, lambda d: type_text(qtbot, d.field, "10%", enter=True))
    qtbot.keyClick(sale.code, Qt.Key.Key_F7)
    assert sale.sale.lines[1].discount_amount == Decimal("0.31")
    drive(monkeypatch, CustomerDialog, lambda d: (type_text(qtbot, d.query, "peña"),
                                                  qtbot.keyClick(d.query, Qt.Key.Key_Return)))  # fmt: skip
    qtbot.keyClick(sale.code, Qt.Key.Key_F3)
    assert sale.sale.customer_name == "María Peña"
    total = sale.sale.total
    drive(monkeypatch, PayDialog, lambda d: type_text(qtbot, d.amount, "20", enter=True))
    qtbot.keyClick(sale.code, Qt.Key.Key_F12)
    assert f"cambio {str(Decimal(20) - total).replace('.', ',')}" in sale.last.text()
    assert sale.sale.lines == () and sale.code.hasFocus()
    with db.uow(read_only=True) as uow:
        closed = uow.session.scalar(select(Sale).where(Sale.state == "closed"))
        assert closed.total == total and closed.customer_id is not None and len(closed.lines) == 3
        assert window.tickets[-1].full_number == closed.full_number


def test_park_resume_switch_sellers_and_return(qtbot, counter, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    window, _db = counter
    sale = window.current()
    scan(qtbot, sale, "654766")
    qtbot.keyClick(sale.code, Qt.Key.Key_F8)
    assert sale.sale.lines == ()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (a[3][0], True))
    qtbot.keyClick(sale.code, Qt.Key.Key_F9)
    assert [line.code for line in sale.sale.lines] == ["6547663"]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("1234", True))
    qtbot.keyClick(sale.code, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.current().seller.name == "Luis" and window.tabs.count() == 2
    qtbot.waitUntil(window.current().code.hasFocus)
    qtbot.keyClick(window.current().code, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.current() is sale
    drive(monkeypatch, PayDialog, lambda d: qtbot.keyClick(d.amount, Qt.Key.Key_Return))
    qtbot.keyClick(sale.code, Qt.Key.Key_F12)
    number = window.tickets[-1].full_number

    def return_one(dialog: ReturnDialog) -> None:
        type_text(qtbot, dialog.number, number, enter=True)
        type_text(qtbot, dialog.quantities[0][1], "1", enter=True)

    drive(monkeypatch, ReturnDialog, return_one)
    qtbot.keyClick(sale.code, Qt.Key.Key_F10)
    assert window.tickets[-1].corrects == number and window.tickets[-1].total == Decimal("-2.50")


def test_f6_edits_the_article_card_and_esc_leaves_no_trace(qtbot, counter, monkeypatch) -> None:
    window, _db = counter
    sale = window.current()
    scan(qtbot, sale, "654766")

    def edit(dialog: ArticleDialog) -> None:
        dialog.location.setText("")
        type_text(qtbot, dialog.location, "CAJ-01-1")
        dialog._accept()

    drive(monkeypatch, ArticleDialog, edit)
    qtbot.keyClick(sale.code, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: "CAJ-01-1" in sale.panel.text())
    drive(monkeypatch, DiscountDialog, lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))
    qtbot.keyClick(sale.code, Qt.Key.Key_F7)
    assert sale.sale.lines[0].discount_amount == 0


def test_a_scanner_burst_in_a_dialog_goes_to_the_sale(qtbot, counter) -> None:
    window, _db = counter
    sale = window.current()
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    ticks = iter(i * 0.008 for i in range(100))
    codes: list[str] = []
    burst = ScanBurstFilter(codes.append, clock=lambda: next(ticks))
    from PySide6.QtWidgets import QApplication

    QApplication.instance().installEventFilter(burst)
    try:
        type_text(qtbot, field, "8470006547663", enter=True)
    finally:
        QApplication.instance().removeEventFilter(burst)
    assert codes == ["8470006547663"] and field.text() == ""
    slow = iter(i * 0.2 for i in range(100))
    typed = ScanBurstFilter(codes.append, clock=lambda: next(slow))
    QApplication.instance().installEventFilter(typed)
    try:
        type_text(qtbot, field, "peña", enter=True)
    finally:
        QApplication.instance().removeEventFilter(typed)
    assert codes == ["8470006547663"] and field.text() == "peña"
    window.current().add_scanned(codes[0])
    settle(qtbot, sale)
    assert [line.code for line in sale.sale.lines] == ["6547663"]


def test_shift_f4_sets_the_whole_sale_and_ctrl_l_marks_a_line_for_the_register(qtbot, counter, monkeypatch):
    from farmapos.ui.register_dialog import RegisterDialog

    window, _db = counter
    sale = window.current()
    with _db.uow() as uow:
        from farmapos.domain.models import Article

        for article in uow.session.scalars(select(Article)):
            article.needs_prescription = True
        uow.commit()
    scan(qtbot, sale, "654766")
    scan(qtbot, sale, "700681")
    drive(monkeypatch, PrescriptionDialog, lambda d: qtbot.keyClick(d, Qt.Key.Key_Return))
    qtbot.keyClick(sale.code, Qt.Key.Key_F4, Qt.KeyboardModifier.ShiftModifier)
    assert [line.copay_code for line in sale.sale.lines] == ["TSI002", "TSI002"]
    seen: list[str] = []

    def fill(dialog: RegisterDialog) -> int:
        seen.append("asked")
        for field, text in zip(dialog.fields, ("Ana", "12345678Z", "Dr. X", "2828", "RX-1"), strict=True):
            type_text(qtbot, field, text, enter=True)
        return dialog.result()

    monkeypatch.setattr(RegisterDialog, "exec", fill)
    qtbot.keyClick(sale.code, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["asked"] and sale.message.text() == ""
