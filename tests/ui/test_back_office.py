"""The back-office screens: blocks, billing and the register book, beside their commands."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pypdf import PdfReader

from farmapos.domain.models import CopayType
from farmapos.domain.sales.service import SaleService
from farmapos.domain.sales.views import PaymentInput
from farmapos.ui.back_office import BackOfficeDialog
from tests.factories import make_article, seed_pharmacy
from tests.integration.test_prescriptions import DATA
from tests.integration.test_sales import receive


def test_blocks_billing_and_register_screens(qtbot, counter_on, tmp_path) -> None:
    def prepare(db) -> None:
        seed = seed_pharmacy(db)
        receive(db, seed, make_article(db, code="721076", description="MORFINA 10 MG", price="8.00",
                                       needs_prescription=True, narcotic=True), 10)  # fmt: skip
        with db.uow() as uow:
            uow.session.add(CopayType(code="TSI002", name="Activo 40 %", patient_pct=Decimal(40),
                                      valid_from=date(2026, 1, 1), block_size=5))  # fmt: skip
            uow.commit()
        service = SaleService(db, seed.workstation_id)
        sale = service.open_sale(seed.seller_id)
        line = service.add_code(sale.id, "721076").line_id
        service.set_prescription(sale.id, line, "TSI002")
        service.set_register_data(sale.id, line, DATA)
        service.close(sale.id, [PaymentInput("cash", Decimal("3.20"))])

    window, db = counter_on(prepare)
    dialog = BackOfficeDialog(db, window)
    qtbot.addWidget(dialog)
    assert dialog.blocks_model.rows[0][:4] == ("TSI002", "1", "abierto", "1/5")
    dialog.blocks_table.selectRow(0)
    cover = tmp_path / "cover.pdf"
    dialog.cover_of_selected_block(str(cover))
    assert "MORFINA" in "".join(page.extract_text() for page in PdfReader(cover).pages)
    dialog.close_selected_block()
    assert dialog.blocks_model.rows[0][2] == "cerrado"
    dialog.month.setText(date.today().strftime("%Y-%m"))
    dialog.preview_billing()
    assert dialog.billing_model.rows[0][:3] == ("TSI002", "Activo 40 %", "1")
    assert dialog.billing_model.rows[0][5] == "4,80 €"
    dialog.book.setCurrentIndex(1)
    dialog.show_register()
    assert dialog.register_model.rows[0][4] == "MORFINA 10 MG" and dialog.register_model.rows[0][8] == "9"
    book = tmp_path / "book.pdf"
    dialog.register_pdf(str(book))
    assert "Ana Ruiz" in "".join(page.extract_text() for page in PdfReader(book).pages)
