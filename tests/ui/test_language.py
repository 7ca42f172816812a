"""The counter in English and in Spanish: texts through Qt's translators, money and dates for the language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from farmapos.formats import format_date
from farmapos.ui.back_office import BackOfficeDialog
from farmapos.ui.dialogs import PayDialog
from tests.factories import make_article, seed_pharmacy
from tests.ui.keys import settle, type_text

EXPECTED = {
    "en": {
        "placeholder": "Code or scan · F2 search · F12 pay",
        "headers": ["Code", "Description", "Qty", "Price", "Disc.", "Amount", "Rx"],
        "total": "Total: €1,234.50",
        "totals": "Lines: 1 · units: 1 · discount: €0.00",
        "price": "€1,234.50",
        "panel": "Price €1,234.50 · VAT 4%",
        "status": "printer not set up · display not set up · drawer not set up · scanner keyboard",
        "pay": ("Payment", "€1,234.50", "Amount tendered (Enter: exact amount) · F5 card · F6 on account"),
        "short": "€234.50 short",
        "unknown": "Unknown code: 999999.",
        "last": "Last sale: €1,234.50 · tendered €2,000.00 · change €765.50",
        "yes": "&Yes",
        "back_office": ("Back office", ["Type", "No.", "Status"]),
    },
    "es": {
        "placeholder": "Código o escaneo · F2 buscar · F12 cobrar",
        "headers": ["Código", "Descripción", "Cant.", "PVP", "Dto.", "Importe", "Receta"],
        "total": "Total: 1.234,50 €",
        "totals": "Líneas: 1 · unidades: 1 · descuento: 0,00 €",
        "price": "1.234,50 €",
        "panel": "PVP 1.234,50 € · IVA 4 %",
        "status": "impresora sin configurar · visor sin configurar · cajón sin configurar · lector teclado",
        "pay": ("Cobrar", "1.234,50 €", "Entregado (Intro: importe exacto) · F5 tarjeta · F6 a cuenta"),
        "short": "Faltan 234,50 €",
        "unknown": "Código desconocido: 999999.",
        "last": "Último: 1.234,50 € · entregado 2.000,00 € · cambio 765,50 €",
        "yes": "&Sí",
        "back_office": ("Trastienda", ["Tipo", "Nº", "Estado"]),
    },
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_counter_speaks_the_chosen_language(qtbot, counter_on, language, monkeypatch, lang: str) -> None:
    expected = EXPECTED[lang]
    assert language(lang) == lang  # before the window, as run_counter does

    def prepare(db) -> None:
        seed_pharmacy(db)
        make_article(db, code="654766", description="TENSIÓMETRO DE BRAZO", price="1234.50")

    window, _db = counter_on(prepare)
    sale = window.current()
    model = sale.model
    assert sale.code.placeholderText() == expected["placeholder"]
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())] == expected[
        "headers"
    ]
    assert expected["status"] in window.statusBar().currentMessage()
    assert format_date(date.today(), lang) in window.statusBar().currentMessage()

    type_text(qtbot, sale.code, "999999", enter=True)  # a business rule's message, in the same language
    settle(qtbot, sale)
    assert sale.message.text() == expected["unknown"]
    type_text(qtbot, sale.code, "654766", enter=True)
    settle(qtbot, sale)
    assert sale.total.text() == expected["total"] and sale.totals.text() == expected["totals"]
    assert model.data(model.index(0, 3)) == expected["price"] == model.data(model.index(0, 5))
    qtbot.waitUntil(lambda: expected["panel"] in sale.panel.text())

    seen = {}

    def pay(dialog: PayDialog) -> int:
        seen["caption"] = (dialog.windowTitle(), dialog.total_label.text(), dialog.amount.placeholderText())
        type_text(qtbot, dialog.amount, "1000", enter=True)
        seen["short"] = dialog.error.text()
        dialog.amount.clear()
        type_text(qtbot, dialog.amount, "2000", enter=True)
        return dialog.result()

    monkeypatch.setattr(PayDialog, "exec", pay)
    qtbot.keyClick(sale.code, Qt.Key.Key_F12)
    assert seen == {"caption": expected["pay"], "short": expected["short"]}
    assert sale.last.text() == expected["last"]
    assert QCoreApplication.translate("QPlatformTheme", "&Yes") == expected["yes"]  # Qt's own buttons too

    dialog = BackOfficeDialog(window.db, window)
    qtbot.addWidget(dialog)
    title, headers = expected["back_office"]
    assert dialog.windowTitle() == title
    assert [dialog.blocks_model.headerData(i, Qt.Orientation.Horizontal) for i in range(3)] == headers


def test_english_amounts_are_typed_the_english_way(qtbot, counter_on, language, monkeypatch) -> None:
    """`2.50` is two euros fifty in both languages; `1,234.50` in English, `1.234,50` in Spanish."""
    language("en")

    def prepare(db) -> None:
        seed_pharmacy(db)
        make_article(db, code="654766", price="1234.50")

    window, _db = counter_on(prepare)
    sale = window.current()
    type_text(qtbot, sale.code, "654766", enter=True)
    settle(qtbot, sale)

    def pay(dialog: PayDialog) -> int:
        type_text(qtbot, dialog.amount, "1,300.00", enter=True)
        return dialog.result()

    monkeypatch.setattr(PayDialog, "exec", pay)
    qtbot.keyClick(sale.code, Qt.Key.Key_F12)
    assert sale.last.text().endswith("change €65.50")


def test_a_subclass_finds_its_base_class_translations(qtbot, language) -> None:
    """lupdate files `self.tr` under the class it is written in; PySide looks there for a subclass too."""
    language("en")

    class QuickPay(PayDialog):
        pass

    dialog = QuickPay(Decimal("2.50"))
    qtbot.addWidget(dialog)
    assert (dialog.windowTitle(), dialog.total_label.text()) == ("Payment", "€2.50")
