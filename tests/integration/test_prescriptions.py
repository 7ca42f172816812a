"""Co-payment rules, prescription blocks, monthly billing and the register book, on both engines."""

from __future__ import annotations

import csv
import itertools
from datetime import date, datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from farmapos.cli import main
from farmapos.domain.billing import billing, finalize
from farmapos.domain.blocks import block_views, close_block
from farmapos.domain.db import Database
from farmapos.domain.errors import SaleError, ValidationError
from farmapos.domain.models import CopayType, Customer, ReducedAtcGroup, RegisterEntry
from farmapos.domain.reception import ReceivedLine, receive_goods
from farmapos.domain.register import RegisterData, correct_entry, narcotics_ledger, set_book_start
from farmapos.domain.sales.service import SaleService
from tests.factories import make_article
from tests.integration.test_sales import NOW, cash, receive

DATA = RegisterData("Ana Ruiz", "12345678Z", "Dr. López", "282800001", "RX-1", "12345678Z")


@pytest.fixture
def rx(db: Database, seed):
    ids = {
        "para": make_article(db, code="654766", price="2.35", needs_prescription=True),
        "insulina": make_article(db, code="700681", description="INSULINA GLARGINA 100 UI/ML", price="60.00",
                                 needs_prescription=True, atc_code="A10AE04", fridge=True),
        "morfina": make_article(db, code="721076", description="MORFINA 10 MG", price="8.00",
                                needs_prescription=True, narcotic=True),
        "lorazepam": make_article(db, code="600001", description="LORAZEPAM 1 MG", price="1.50",
                                  needs_prescription=True, psychotropic=True),
        "efp": make_article(db, code="600002", description="ANTIGRIPAL EFP", price="6.00", advertised=True),
    }  # fmt: skip
    for article_id in ids.values():
        receive(db, seed, article_id, 20)
    with db.uow() as uow:
        uow.session.add_all([
            CopayType(code="TSI002", name="Activo 40 %", patient_pct=Decimal(40), valid_from=date(2026, 5, 1),
                      block_size=3),
            CopayType(code="TSI006", name="Pensionista", patient_pct=Decimal(10), valid_from=date(2026, 5, 1),
                      cap_per_month=Decimal("8.23"), block_size=3),
            CopayType(code="MUT", name="Mutualidad", patient_pct=Decimal(30), valid_from=date(2026, 5, 1),
                      payer="MUFACE"),
            ReducedAtcGroup(atc_prefix="A10", patient_pct=Decimal(10), cap_per_pack=Decimal("4.98"),
                            valid_from=date(2026, 5, 1)),
        ])  # fmt: skip
        uow.session.add(Customer(code="P1", name="Pensionista Uno"))
        uow.commit()
    return SaleService(db, seed.workstation_id, clock=lambda: NOW), ids


def sell(service: SaleService, seller_id: int, code: str, copay: str | None, quantity: int = 1, *,
         customer: int | None = None, data: RegisterData | None = None, pending: bool = False):  # fmt: skip
    sale = service.open_sale(seller_id)
    line = service.add_code(sale.id, code, quantity).line_id
    if customer:
        service.set_customer(sale.id, customer)
    if copay:
        service.set_prescription(sale.id, line, copay, pending=pending)
    if data:
        service.set_register_data(sale.id, line, data)
    total = service.get(sale.id).total
    return service.close(sale.id, [cash(str(total))])


def test_copay_is_rounded_half_up_and_reduced_atc_is_capped(db: Database, seed, rx) -> None:
    service, _ids = rx
    closed = sell(service, seed.seller_id, "654766", "TSI002")
    assert closed.ticket.total == Decimal("0.94")  # 40 % of 2.35 = 0.94
    closed = sell(service, seed.seller_id, "700681", "TSI002", 2)
    line = closed.ticket.lines[0]
    assert line.amount == Decimal("9.96") and line.payer_amount == Decimal("110.04")  # 10 %, 4.98 € a pack


def test_monthly_cap_needs_the_patient_and_spans_sales(db: Database, seed, rx) -> None:
    service, _ids = rx
    first = sell(service, seed.seller_id, "700681", "TSI006", 1, customer=1)
    assert first.ticket.total == Decimal("4.98")
    second = sell(service, seed.seller_id, "700681", "TSI006", 1, customer=1)
    assert second.ticket.total == Decimal("3.25")  # 8.23 − 4.98 left this month
    third = sell(service, seed.seller_id, "700681", "TSI006", 1, customer=1)
    assert third.ticket.total == Decimal("0.00")


def test_advertised_medicines_are_not_admitted(db: Database, seed, rx) -> None:
    service, _ids = rx
    sale = service.open_sale(seed.seller_id)
    line = service.add_code(sale.id, "600002").line_id
    with pytest.raises(ValidationError, match="publicitario: no admitido en Activo 40 %"):
        service.set_prescription(sale.id, line, "TSI002")


def test_blocks_fill_complete_and_a_return_frees_the_slot(db: Database, seed, rx) -> None:
    service, _ids = rx
    tickets = [sell(service, seed.seller_id, "654766", "TSI002") for _ in range(3)]
    messages = [
        [e.message for e in t.events if e.kind.startswith(("prescription", "block"))] for t in tickets
    ]
    assert messages[0] == ["Receta: bloque TSI002 1, hueco 1."]
    assert messages[2] == ["Receta: bloque TSI002 1, hueco 3.", "Bloque TSI002 1 completo."]
    second = tickets[1]
    service.refund(second.ticket.full_number, [(second.sale.lines[0].id, Decimal(1))], seed.seller_id)
    refill = sell(service, seed.seller_id, "654766", "TSI002")
    assert "Receta: bloque TSI002 1, hueco 2." in [e.message for e in refill.events]
    fourth = sell(service, seed.seller_id, "654766", "TSI002")
    assert "Receta: bloque TSI002 2, hueco 1." in [e.message for e in fourth.events]
    with db.uow() as uow:
        views = {v.number: v for v in block_views(uow.session, "TSI002")}
        assert (views[1].count, views[1].state, views[1].copay_total) == (3, "full", Decimal("2.82"))
        close_block(uow.session, views[2].id, NOW)
        uow.commit()
    fifth = sell(service, seed.seller_id, "654766", "TSI002")
    assert "Receta: bloque TSI002 3, hueco 1." in [e.message for e in fifth.events]


def test_billing_equals_the_sales_and_final_needs_a_clean_month(db: Database, seed, rx, tmp_path) -> None:
    service, _ids = rx
    sold = [sell(service, seed.seller_id, "654766", "TSI002") for _ in range(2)]
    sold.append(sell(service, seed.seller_id, "700681", "TSI002"))
    mutual = sell(service, seed.seller_id, "654766", "MUT")
    pending = sell(service, seed.seller_id, "654766", "TSI002", pending=True)
    with db.uow() as uow:
        result = billing(uow.session, "2026-11", "SNS")
        [row] = result.rows
        assert row.prescriptions == 3
        assert row.copay_total == sum((t.ticket.total for t in sold), Decimal(0))
        assert row.invoice_total == sum((t.ticket.payer_total for t in sold), Decimal(0))
        assert row.pvp_total == row.copay_total + row.invoice_total
        assert len(result.discrepancies) == 1 and "pendiente" in result.discrepancies[0]
        assert billing(uow.session, "2026-11", "MUFACE").rows[0].copay_total == mutual.ticket.total
        with pytest.raises(ValidationError, match="discrepancias"):
            finalize(uow.session, "2026-11", "SNS", NOW)
    event = service.complete_prescription(pending.sale.lines[0].id, "RX-99")
    assert "bloque TSI002" in event.message
    url = db.engine.url.render_as_string(hide_password=False)
    out = tmp_path / "b.csv"
    assert main(["--db", url, "billing", "--month", "2026-11", "--csv", str(out), "--final"]) == 0
    total = list(csv.DictReader(out.open(encoding="utf-8"), delimiter=";"))[-1]
    assert total["prescriptions"] == "4"
    assert main(["--db", url, "billing", "--month", "2026-11", "--csv", str(out), "--final"]) == 2


def test_controlled_medicines_need_register_data_and_narcotic_rules(db: Database, seed, rx) -> None:
    service, _ids = rx
    sale = service.open_sale(seed.seller_id)
    line = service.add_code(sale.id, "721076", 5).line_id
    with pytest.raises(SaleError, match="faltan los datos del libro recetario"):
        service.close(sale.id, [cash("40.00")])
    with pytest.raises(SaleError, match="como mucho 4 envases"):
        service.set_register_data(sale.id, line, DATA)
    service.set_quantity(sale.id, line, 2)
    with pytest.raises(SaleError, match="quien lo recoge"):
        service.set_register_data(sale.id, line, RegisterData("Ana", "1", "Dr", "2", "RX-1", ""))
    service.set_register_data(sale.id, line, DATA)
    assert service.close(sale.id, [cash("16.00")]).sale.state == "closed"


def test_register_numbering_and_narcotics_stock_continuity(db: Database, seed, rx) -> None:
    service, ids = rx
    with db.uow() as uow:
        set_book_start(uow.session, "narcotics", 101)
        uow.commit()
    receive_goods(db, workstation_id=seed.workstation_id, seller_id=seed.seller_id, supplier="Cofares",
                  document="ALB-7", lines=[ReceivedLine(ids["morfina"], Decimal(10), "M1", date(2028, 1, 31),
                                                        Decimal("5.00"))])  # fmt: skip
    sold = sell(service, seed.seller_id, "721076", "TSI002", 3, data=DATA)
    sell(service, seed.seller_id, "600001", None, 1, data=DATA)
    service.refund(sold.ticket.full_number, [(sold.sale.lines[0].id, Decimal(1))], seed.seller_id)
    with db.uow() as uow:
        ledger = narcotics_ledger(uow.session, ids["morfina"])
        assert [
            (line.entry.number, line.entry.kind, line.entry.quantity, line.balance) for line in ledger
        ] == [
            (101, "reception", Decimal(10), Decimal(30)),
            (102, "dispensation", Decimal(-3), Decimal(27)),
            (103, "return", Decimal(1), Decimal(28)),
        ]
        for previous, current in itertools.pairwise(ledger):
            assert current.entry.stock_before == previous.entry.stock_after
        psycho = uow.session.scalars(select(RegisterEntry).where(RegisterEntry.book == "psychotropics")).all()
        assert [(e.number, e.patient_name, e.prescriber_number) for e in psycho] == [
            (1, "Ana Ruiz", "282800001")
        ]
        fix = correct_entry(uow.session, ledger[1].entry.id, "DNI mal anotado", NOW, seed.seller_id)
        assert (fix.number, fix.corrects_id, fix.kind) == (104, ledger[1].entry.id, "correction")
        uow.commit()
    with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as connection:
        connection.execute(text("UPDATE register_entry SET quantity = 0"))


def test_register_and_cover_pdfs_from_the_command_line(db: Database, seed, rx, tmp_path) -> None:
    service, _ids = rx
    sell(service, seed.seller_id, "721076", "TSI002", 1, data=DATA)
    url = db.engine.url.render_as_string(hide_password=False)
    register = tmp_path / "r.pdf"
    assert main(["--db", url, "register", "--book", "narcotics", "--from", "2026-11-01", "--to", "2026-11-30",
                 "--pdf", str(register)]) == 0  # fmt: skip
    text_ = "".join(page.extract_text() for page in PdfReader(register).pages)
    assert "MORFINA 10 MG" in text_ and "Dr. López" in text_
    summary = tmp_path / "s.pdf"
    assert (
        main(
            ["--db", url, "register", "--book", "narcotics", "--year-summary", "2026", "--pdf", str(summary)]
        )
        == 0
    )
    assert "MORFINA" in "".join(page.extract_text() for page in PdfReader(summary).pages)
    cover = tmp_path / "c.pdf"
    with db.uow(read_only=True) as uow:
        block_id = block_views(uow.session, "TSI002")[0].id
    assert main(["--db", url, "blocks", "--cover", str(block_id), "--pdf", str(cover)]) == 0
    assert "MORFINA" in "".join(page.extract_text() for page in PdfReader(cover).pages)
    assert datetime  # the module's dates are tz-aware through the service clock


def test_blocks_can_be_split_per_seller(db: Database, seed, rx) -> None:
    service, _ids = rx
    with db.uow() as uow:
        uow.session.scalar(select(CopayType).where(CopayType.code == "TSI002")).block_scope = "seller"
        uow.commit()
    first = sell(service, seed.seller_id, "654766", "TSI002")
    other = sell(service, seed.second_seller_id, "654766", "TSI002")
    again = sell(service, seed.seller_id, "654766", "TSI002")
    slots = [
        next(e.message for e in t.events if e.kind == "prescription_slot") for t in (first, other, again)
    ]
    assert slots == ["Receta: bloque TSI002 1, hueco 1.", "Receta: bloque TSI002 1, hueco 1.",
                     "Receta: bloque TSI002 1, hueco 2."]  # fmt: skip
    with db.uow(read_only=True) as uow:
        assert len(block_views(uow.session, "TSI002")) == 2


def test_one_copay_type_for_the_whole_sale_names_what_is_not_admitted(db: Database, seed, rx) -> None:
    service, _ids = rx
    sale = service.open_sale(seed.seller_id)
    service.add_code(sale.id, "654766")
    service.add_code(sale.id, "700681")
    service.add_code(sale.id, "600002")  # an advertised medicine without prescription: left as a free sale
    view, refused = service.set_prescription_all(sale.id, "TSI002")
    assert [line.copay_code for line in view.lines] == ["TSI002", "TSI002", None]
    assert refused == []


def test_pending_prescriptions_are_listed_and_completed_from_the_command_line(db: Database, seed, rx, capsys):
    service, _ids = rx
    pending = sell(service, seed.seller_id, "654766", "TSI002", pending=True)
    url = db.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "prescriptions", "pending"]) == 0
    out = capsys.readouterr().out
    assert pending.ticket.full_number in out and "1 recetas pendientes" in out
    line_id = pending.sale.lines[0].id
    assert main(["--db", url, "prescriptions", "complete", "--line", str(line_id), "--number", "RX-7"]) == 0
    assert "bloque TSI002 1, hueco 1" in capsys.readouterr().out
    assert main(["--db", url, "prescriptions", "complete", "--line", str(line_id)]) == 2


def test_a_line_the_seller_marks_goes_to_the_register(db: Database, seed, rx) -> None:
    service, _ids = rx
    closed = sell(service, seed.seller_id, "654766", None, data=DATA)
    with db.uow(read_only=True) as uow:
        entry = uow.session.scalar(select(RegisterEntry))
        assert (entry.book, entry.code, entry.patient_name) == ("psychotropics", "6547663", "Ana Ruiz")
        assert closed.ticket.full_number in entry.observations


def test_copay_rules_are_dated_data_and_payers_are_added(db: Database, seed, rx, capsys) -> None:
    url = db.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "copay", "add", "--code", "TSI002", "--name", "Activo 42 %", "--pct", "42",
                 "--payer", "ADESLAS", "--from", "2027-01-01"]) == 2  # fmt: skip
    assert "add-payer" in capsys.readouterr().err
    assert main(["--db", url, "copay", "add-payer", "--code", "ADESLAS", "--name", "Adeslas", "--kind",
                 "private"]) == 0  # fmt: skip
    assert main(["--db", url, "copay", "add", "--code", "TSI002", "--name", "Activo 42 %", "--pct", "42",
                 "--payer", "ADESLAS", "--from", "2027-01-01"]) == 0  # fmt: skip
    with db.uow(read_only=True) as uow:
        rules = uow.session.scalars(select(CopayType).where(CopayType.code == "TSI002")
                                    .order_by(CopayType.valid_from)).all()  # fmt: skip
        assert [(r.patient_pct, r.valid_to) for r in rules] == [(Decimal(40), date(2026, 12, 31)),
                                                                (Decimal(42), None)]  # fmt: skip
    later = SaleService(db, seed.workstation_id, clock=lambda: datetime(2027, 2, 1, 10, tzinfo=NOW.tzinfo))
    assert {c.code: c.patient_pct for c in later.copay_types()}["TSI002"] == Decimal(42)
    service, _ids = rx
    assert {c.code: c.patient_pct for c in service.copay_types()}["TSI002"] == Decimal(40)
    assert main(["--db", url, "register", "--book", "narcotics", "--start", "501"]) == 0


def test_register_corrections_and_block_list_from_the_command_line(db: Database, seed, rx, capsys) -> None:
    service, _ids = rx
    sell(service, seed.seller_id, "721076", "TSI002", 1, data=DATA)
    url = db.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "register", "--book", "narcotics", "--correct", "1", "--note", "DNI mal"]) == 0
    assert "Asiento 2 corrige el asiento 1" in capsys.readouterr().out
    assert main(["--db", url, "register", "--book", "narcotics", "--correct", "9", "--note", "x"]) == 2
    assert main(["--db", url, "blocks"]) == 0
    assert "TSI002" in capsys.readouterr().out
