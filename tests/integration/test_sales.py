"""The counter sale, headless, on both engines."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from farmapos.domain import verifactu
from farmapos.domain.db import Database
from farmapos.domain.errors import (
    CreditLimitExceeded,
    DiscountError,
    NotFound,
    PaymentError,
    ReturnError,
    SaleError,
    StockError,
    ValidationError,
)
from farmapos.domain.models import Article, CopayType, Customer, FiscalRecord, Lot, Pharmacy, StockMovement
from farmapos.domain.sales.service import SaleService
from farmapos.domain.sales.views import PaymentInput
from farmapos.domain.stock import find_or_create_lot, ledger_mismatches, move_stock, on_hand
from tests.factories import make_article

NOW = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)


def cash(amount: str, tendered: str | None = None) -> PaymentInput:
    return PaymentInput("cash", Decimal(amount), Decimal(tendered) if tendered else None)


def receive(
    db: Database, seed, article_id: int, quantity: int, batch: str | None = None, expiry: date | None = None
):
    with db.uow() as uow:
        article = uow.session.get(Article, article_id)
        lot_id = None
        if batch:
            lot_id = find_or_create_lot(
                uow.session,
                article_id=article_id,
                warehouse_id=seed.warehouse_id,
                batch=batch,
                expiry=expiry,
                needs_review=False,
            ).id
        move_stock(
            uow.session,
            kind="reception",
            article=article,
            warehouse_id=seed.warehouse_id,
            quantity=Decimal(quantity),
            seller_id=seed.seller_id,
            reason="Recepción",
            lot_id=lot_id,
        )
        uow.commit()


@pytest.fixture
def shop(db: Database, seed):
    paracetamol = make_article(db, code="654766", price="2.50")
    crema = make_article(
        db,
        code="P-1",
        description="CREMA HIDRATANTE 50 ML",
        price="12.90",
        family="COS",
        barcodes=["4006381333931"],
    )
    receive(db, seed, paracetamol, 10)
    receive(db, seed, crema, 5)
    with db.uow() as uow:
        uow.session.add_all(
            [
                CopayType(
                    code="TSI002", name="Activo 40 %", patient_pct=Decimal(40), valid_from=date(2026, 5, 1)
                ),
                CopayType(code="TSI001", name="Exento", patient_pct=Decimal(0), valid_from=date(2026, 5, 1)),
                CopayType(
                    code="OLD",
                    name="Derogado",
                    patient_pct=Decimal(50),
                    valid_from=date(2020, 1, 1),
                    valid_to=date(2026, 4, 30),
                ),
            ]
        )
        uow.session.add(
            Customer(
                code="C1",
                name="María Pérez",
                nif="12345678Z",
                credit_limit=Decimal("20.00"),
                discount_pct=Decimal(5),
            )
        )
        uow.commit()
    service = SaleService(db, seed.workstation_id, clock=lambda: NOW)
    return service, {"paracetamol": paracetamol, "crema": crema}


def test_scan_and_pay_cash_with_change(db: Database, seed, shop) -> None:
    service, ids = shop
    sale = service.open_sale(seed.seller_id)
    added = service.add_code(sale.id, "8470006547663")
    added = service.add_code(sale.id, "654766")
    assert [(line.code, line.quantity) for line in added.sale.lines] == [("6547663", Decimal(2))]
    service.add_code(sale.id, "4006381333931", quantity=2)
    view = service.get(sale.id)
    assert view.total == Decimal("30.80")
    closed = service.close(sale.id, [cash("30.80", "50")])
    assert closed.change == Decimal("19.20")
    assert closed.ticket.full_number == "T1-2026-000001"
    assert sum(v.base + v.quota for v in closed.ticket.vat) == closed.ticket.total == Decimal("30.80")
    assert closed.ticket.qr_url and "numserie=T1-2026-000001" in closed.ticket.qr_url
    with db.uow(read_only=True) as uow:
        assert on_hand(uow.session, ids["paracetamol"]) == Decimal(8)
        assert on_hand(uow.session, ids["crema"]) == Decimal(3)
        refs = uow.session.scalars(
            select(StockMovement.document_ref).where(StockMovement.kind == "sale")
        ).all()
        assert set(refs) == {"T1-2026-000001"}
        assert ledger_mismatches(uow.session) == []


def test_numbers_are_consecutive_per_series(db: Database, seed, shop) -> None:
    service, _ids = shop
    numbers = []
    for _ in range(3):
        sale = service.open_sale(seed.seller_id)
        service.add_code(sale.id, "654766")
        numbers.append(service.close(sale.id, [cash("2.50")]).ticket.full_number)
    assert numbers == ["T1-2026-000001", "T1-2026-000002", "T1-2026-000003"]


def test_unknown_code_and_bad_quantities_are_clear_errors(db: Database, seed, shop) -> None:
    service, _ids = shop
    sale = service.open_sale(seed.seller_id)
    with pytest.raises(NotFound, match="desconocido: 999"):
        service.add_code(sale.id, "999")
    with pytest.raises(ValidationError, match="positiva"):
        service.add_code(sale.id, "654766", quantity=-1)
    with pytest.raises(ValidationError, match="no válida"):
        service.add_code(sale.id, "654766", quantity="tres")
    assert service.get(sale.id).lines == ()


def test_payments_must_settle_the_total(db: Database, seed, shop) -> None:
    service, _ids = shop
    sale = service.open_sale(seed.seller_id)
    service.add_code(sale.id, "654766")
    with pytest.raises(PaymentError, match="suman"):
        service.close(sale.id, [cash("2.00")])
    with pytest.raises(PaymentError, match="faltan"):
        service.close(sale.id, [cash("2.50", "2.00")])
    with pytest.raises(PaymentError, match="tarjeta"):
        service.close(sale.id, [PaymentInput("card", Decimal("2.50"))])
    assert service.get(sale.id).state == "open"
    closed = service.close(
        sale.id, [PaymentInput("card", Decimal("1.00"), card_type="VISA"), cash("1.50", "2")]
    )
    assert closed.change == Decimal("0.50") and closed.cash_amount == Decimal("1.50")


def test_cash_rounding_to_five_cents(db: Database, seed, shop) -> None:
    service, _ids = shop
    with db.uow() as uow:
        uow.session.scalar(select(Pharmacy)).cash_rounding_step = Decimal("0.05")
        uow.commit()
    sale = service.open_sale(seed.seller_id)
    service.add_code(sale.id, "654766")
    service.set_line_discount(sale.id, service.get(sale.id).lines[0].id, amount=Decimal("0.02"))
    closed = service.close(sale.id, [cash("2.48", "5")])
    assert closed.cash_amount == Decimal("2.50") and closed.ticket.cash_rounding == Decimal("0.02")
    assert closed.change == Decimal("2.50")


def test_discount_over_the_family_maximum_is_refused(db: Database, seed, shop) -> None:
    service, _ids = shop
    sale = service.open_sale(seed.seller_id)
    line_id = service.add_code(sale.id, "4006381333931").line_id
    with pytest.raises(DiscountError, match="máximo permitido es 15 %"):
        service.set_line_discount(sale.id, line_id, pct=Decimal(20))
    view = service.set_line_discount(sale.id, line_id, pct=Decimal(10))
    assert view.total == Decimal("11.61")
    with pytest.raises(DiscountError, match="máximo"):
        service.set_total_discount(sale.id, pct=Decimal(10))
    assert service.get(sale.id).total == Decimal("11.61")


def test_prescription_copay_in_force_and_customer_discount(db: Database, seed, shop) -> None:
    service, _ids = shop
    assert {c.code for c in service.copay_types()} == {"TSI002", "TSI001"}
    sale = service.open_sale(seed.seller_id)
    line_id = service.add_code(sale.id, "654766", quantity=2).line_id
    view = service.set_prescription(sale.id, line_id, "TSI002")
    assert view.total == Decimal("2.00") and view.payer_total == Decimal("3.00")
    with pytest.raises(NotFound, match="OLD"):
        service.set_prescription(sale.id, line_id, "OLD")
    closed = service.close(sale.id, [cash("2.00")])
    line = closed.ticket.lines[0]
    assert (line.amount, line.payer_amount, line.pvp_amount) == (
        Decimal("2.00"),
        Decimal("3.00"),
        Decimal("5.00"),
    )
    sale = service.open_sale(seed.seller_id)
    customer_id = 1
    service.add_code(sale.id, "4006381333931")
    assert service.set_customer(sale.id, customer_id).total == Decimal("12.25")


def test_credit_sales_respect_the_limit(db: Database, seed, shop) -> None:
    service, _ids = shop
    sale = service.open_sale(seed.seller_id)
    service.add_code(sale.id, "4006381333931", quantity=2)
    credit = PaymentInput("credit", service.get(sale.id).total)
    with pytest.raises(CreditLimitExceeded, match="cliente"):
        service.close(sale.id, [credit])
    view = service.set_customer(sale.id, 1)
    with pytest.raises(CreditLimitExceeded, match=r"disponible es 20,00 €"):
        service.close(sale.id, [PaymentInput("credit", view.total)])
    closed = service.close(sale.id, [PaymentInput("credit", Decimal("20.00")), cash(str(view.total - 20))])
    assert closed.sale.state == "closed"


def test_block_policy_refuses_overselling(db: Database, seed, shop) -> None:
    service, _ids = shop
    with db.uow() as uow:
        uow.session.scalar(select(Pharmacy)).oversell_policy = "block"
        uow.commit()
    sale = service.open_sale(seed.seller_id)
    with pytest.raises(StockError, match="hay 5"):
        service.add_code(sale.id, "4006381333931", quantity=6)


def test_allow_policy_sells_below_zero_with_a_discrepancy(db: Database, seed, shop) -> None:
    service, ids = shop
    sale = service.open_sale(seed.seller_id)
    added = service.add_code(sale.id, "4006381333931", quantity=7)
    assert [e.kind for e in added.events] == ["oversold"]
    closed = service.close(sale.id, [cash(str(added.sale.total))])
    assert "oversold" in {e.kind for e in closed.events}
    with db.uow(read_only=True) as uow:
        assert on_hand(uow.session, ids["crema"]) == Decimal(-2)
        notes = uow.session.scalars(select(StockMovement.note).where(StockMovement.kind == "sale")).all()
        assert any("faltaban" in note for note in notes)
        assert ledger_mismatches(uow.session) == []


def test_fefo_skips_expired_lots(db: Database, seed, shop) -> None:
    service, _ids = shop
    article_id = make_article(db, code="700681", description="IBUPROFENO 600", price="3.00")
    receive(db, seed, article_id, 2, "OLD1", date(2026, 1, 31))
    receive(db, seed, article_id, 3, "LATE", date(2028, 1, 31))
    receive(db, seed, article_id, 2, "SOON", date(2027, 1, 31))
    sale = service.open_sale(seed.seller_id)
    service.add_code(sale.id, "700681", quantity=3)
    service.close(sale.id, [cash("9.00")])
    with db.uow(read_only=True) as uow:
        lots = {
            lot.batch: lot.quantity
            for lot in uow.session.scalars(select(Lot).where(Lot.article_id == article_id))
        }
    assert lots == {"OLD1": Decimal(2), "SOON": Decimal(0), "LATE": Decimal(2)}


def test_park_resume_and_cancel_leave_no_stock_trace(db: Database, seed, shop) -> None:
    service, ids = shop
    sale = service.open_sale(seed.seller_id)
    service.add_code(sale.id, "654766")
    service.park(sale.id)
    assert [s.id for s in service.parked_sales()] == [sale.id]
    with pytest.raises(SaleError, match="aparcada"):
        service.add_code(sale.id, "654766")
    resumed = service.resume(sale.id, seed.second_seller_id)
    assert resumed.seller_id == seed.second_seller_id and resumed.state == "open"
    service.cancel(sale.id)
    with db.uow(read_only=True) as uow:
        assert on_hand(uow.session, ids["paracetamol"]) == Decimal(10)


def test_returns_restore_stock_and_cannot_exceed_the_sale(db: Database, seed, shop) -> None:
    service, ids = shop
    sale = service.open_sale(seed.seller_id)
    service.add_code(sale.id, "654766", quantity=3)
    closed = service.close(sale.id, [cash("7.50")])
    line_id = closed.sale.lines[0].id
    refund = service.refund(closed.ticket.full_number, [(line_id, Decimal(2))], seed.seller_id)
    assert refund.ticket.full_number == "T1R-2026-000001" and refund.ticket.corrects == "T1-2026-000001"
    assert refund.ticket.total == Decimal("-5.00") and refund.cash_amount == Decimal("-5.00")
    with pytest.raises(ReturnError, match="quedan 1"):
        service.refund(closed.ticket.full_number, [(line_id, Decimal(2))], seed.seller_id)
    with db.uow(read_only=True) as uow:
        assert on_hand(uow.session, ids["paracetamol"]) == Decimal(9)
        assert ledger_mismatches(uow.session) == []


def test_fiscal_chain_verifies_and_invoice_from_ticket(db: Database, seed, shop) -> None:
    service, _ids = shop
    sale = service.open_sale(seed.seller_id)
    service.add_code(sale.id, "654766")
    closed = service.close(sale.id, [cash("2.50")])
    invoice = service.issue_invoice(closed.ticket.full_number, 1)
    assert invoice.full_number == "FT1-2026-000001" and invoice.customer_nif == "12345678Z"
    assert invoice.total == closed.ticket.total
    with db.uow(read_only=True) as uow:
        records = uow.session.scalars(select(FiscalRecord).order_by(FiscalRecord.sequence)).all()
        assert [r.invoice_type for r in records] == ["F2", "F3"]
        rebuilt = [
            verifactu.InvoiceRecord(
                r.issuer_nif,
                r.series_number,
                r.issue_date,
                r.invoice_type,
                r.vat_total,
                r.amount_total,
                r.previous_fingerprint,
                datetime.fromisoformat(r.generated_at),
                r.fingerprint,
            )
            for r in records
        ]
    assert verifactu.verify_chain(rebuilt) is None


def test_a_counter_with_two_open_cash_sessions_still_charges_each_line_once(db: Database, seed, shop) -> None:
    """Nothing in the schema stops a race from opening two cash sessions at one counter: closing a sale
    then goes to the first of them, and its lines, stock and VAT are not counted once per session."""
    from farmapos.domain.models import CashMovement, CashSession, SaleVat

    service, ids = shop
    sale = service.open_sale(seed.seller_id)
    view = service.add_code(sale.id, "654766").sale
    with db.uow() as uow:
        first = uow.session.scalar(select(func.min(CashSession.id)).where(CashSession.state == "open"))
        uow.session.add(CashSession(workstation_id=seed.workstation_id, opened_by=seed.seller_id,
                                    opening_float=Decimal(0), opened_at=NOW, state="open"))  # fmt: skip
        uow.commit()
    assert view.total == Decimal("2.50")
    closed = service.close(sale.id, [cash("2.50")])
    assert closed.sale.total == Decimal("2.50") and len(closed.ticket.lines) == 1
    with db.uow(read_only=True) as uow:
        assert on_hand(uow.session, ids["paracetamol"], seed.warehouse_id) == Decimal(9)
        assert [Decimal(v.base) + Decimal(v.quota) for v in uow.session.scalars(
            select(SaleVat).where(SaleVat.sale_id == sale.id))] == [Decimal("2.50")]  # fmt: skip
        assert uow.session.scalars(
            select(CashMovement.session_id).where(CashMovement.sale_id == sale.id)
        ).all() == [first]
        assert ledger_mismatches(uow.session) == []
