"""Cash sessions and the Z report: every figure equals the sum of what happened, for any day."""

from __future__ import annotations

import contextlib
import shutil
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import func, select

from farmapos.domain.cash import CashError, CashService
from farmapos.domain.db import Database
from farmapos.domain.errors import SaleError, ValidationError
from farmapos.domain.models import CashMovement, Sale, SalePayment
from farmapos.domain.sales.service import SaleService
from farmapos.domain.sales.views import PaymentInput
from farmapos.domain.zreport import period_summary, z_report
from farmapos.reports.zreport_pdf import write_z_report_pdf
from tests.factories import make_article, seed_pharmacy
from tests.integration.test_sales import NOW, cash, receive


@pytest.fixture
def till(db: Database):
    seed = seed_pharmacy(db, open_cash=False)
    receive(db, seed, make_article(db, code="654766", price="2.50"), 100)
    receive(db, seed, make_article(db, code="P-1", description="CREMA", price="12.90", family="COS"), 100)
    return (
        seed,
        CashService(db, seed.workstation_id, clock=lambda: NOW),
        SaleService(db, seed.workstation_id, lambda: NOW),
    )


def test_cash_sales_need_an_open_session_but_card_sales_do_not(db: Database, till) -> None:
    seed, _drawer, sales = till
    sale = sales.open_sale(seed.seller_id)
    sales.add_code(sale.id, "654766")
    with pytest.raises(CashError, match="No hay caja abierta"):
        sales.close(sale.id, [cash("2.50")])
    assert (
        sales.close(sale.id, [PaymentInput("card", Decimal("2.50"), card_type="VISA")]).sale.state == "closed"
    )


def test_float_defaults_to_what_the_last_close_left(db: Database, till) -> None:
    seed, drawer, _sales = till
    drawer.open(seed.seller_id, Decimal("120"))
    drawer.move(seed.seller_id, "payment_in", Decimal("30"), "Cambio del banco")
    with pytest.raises(CashError, match="caja fuerte"):
        drawer.move(seed.seller_id, "payment_out", Decimal("500"), "Proveedor")
    closed = drawer.close(
        seed.seller_id, denominations={"50": 2, "20": 2, "5": 2}, left_in_drawer=Decimal("100")
    )
    assert (closed.expected_cash, closed.counted_cash, closed.difference) == (
        Decimal("150.00"),
        Decimal("150.00"),
        0,
    )
    with pytest.raises(CashError):
        drawer.move(seed.seller_id, "payment_in", Decimal("1"), "x")
    assert drawer.open(seed.seller_id).opening_float == Decimal("100.00")
    with pytest.raises(ValidationError, match="billete"):
        drawer.close(seed.seller_id, denominations={"3": 1})


def test_cash_refund_larger_than_the_drawer_is_refused(db: Database, till) -> None:
    seed, drawer, sales = till
    drawer.open(seed.seller_id, Decimal("0"))
    sale = sales.open_sale(seed.seller_id)
    sales.add_code(sale.id, "P-1")
    closed = sales.close(sale.id, [PaymentInput("card", Decimal("12.90"), card_type="VISA")])
    drawer.move(seed.seller_id, "payment_in", Decimal("5"), "cambio")
    # A card sale refunds to the card; a cash one would need cash in the drawer.
    assert sales.refund(closed.ticket.full_number, [(closed.sale.lines[0].id, Decimal(1))], seed.seller_id)


days = st.lists(
    st.tuples(
        st.sampled_from(["sale", "sale", "sale", "payment_in", "payment_out", "withdrawal", "refund"]),
        st.integers(min_value=1, max_value=3),
        st.sampled_from(["cash", "card", "mixed"]),
        st.booleans(),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=days, counted_delta=st.integers(min_value=-300, max_value=300))
def test_z_report_equals_the_sums_of_the_day(tmp_path_factory, sqlite_template, day, counted_delta) -> None:
    path = tmp_path_factory.mktemp("z") / "z.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    seed = seed_pharmacy(db, open_cash=False)
    receive(db, seed, make_article(db, code="654766", price="2.50"), 100)
    receive(db, seed, make_article(db, code="P-1", description="CREMA", price="12.95", family="COS"), 100)
    with db.uow() as uow:
        from farmapos.domain.models import CopayType

        uow.session.add(CopayType(code="TSI002", name="40 %", patient_pct=Decimal(40), valid_from=NOW.date()))
        uow.commit()
    drawer = CashService(db, seed.workstation_id, clock=lambda: NOW)
    sales = SaleService(db, seed.workstation_id, clock=lambda: NOW)
    drawer.open(seed.seller_id, Decimal("200"))
    tickets = []
    for kind, quantity, method, prescription in day:
        if kind == "sale":
            sale = sales.open_sale(seed.seller_id if quantity != 2 else seed.second_seller_id)
            line = sales.add_code(sale.id, "654766", quantity).line_id
            if prescription:
                sales.set_prescription(sale.id, line, "TSI002")
            total = sales.add_code(sale.id, "P-1").sale.total
            if method == "cash":
                payments = [PaymentInput("cash", total, total + 10)]
            elif method == "card":
                payments = [PaymentInput("card", total, card_type="VISA")]
            else:
                payments = [
                    PaymentInput("card", Decimal("1.00"), card_type="VISA"),
                    PaymentInput("cash", total - 1),
                ]
            closed = sales.close(sale.id, payments)
            tickets.append(closed)
        elif kind == "refund" and tickets:
            ticket = tickets.pop()
            sales.refund(ticket.ticket.full_number, [(ticket.sale.lines[-1].id, Decimal(1))], seed.seller_id)
        elif kind in ("payment_in", "payment_out", "withdrawal"):
            with contextlib.suppress(CashError):
                drawer.move(seed.seller_id, kind, Decimal(quantity * 7), "prueba")
    expected = drawer.current().expected_cash
    counted = max(Decimal(0), expected + Decimal(counted_delta) / 100)
    drawer.close(seed.seller_id, counted=counted, left_in_drawer=min(counted, Decimal(50)))
    with db.uow(read_only=True) as uow:
        session = uow.session
        report = z_report(session, workstation_id=seed.workstation_id)
        closed_sales = session.scalars(select(Sale).where(Sale.state == "closed")).all()
        cash_moves = session.scalars(select(CashMovement).where(CashMovement.method == "cash")).all()
        assert report.expected_cash == Decimal(200) + sum((m.amount for m in cash_moves), Decimal(0))
        assert report.expected_cash == (report.opening_float + report.cash_sales + report.cash_refunds
                                        + report.payments_in + report.payments_out + report.withdrawals)  # fmt: skip
        assert report.counted_cash == counted and report.difference == counted - report.expected_cash
        assert report.net_sales == sum((s.total for s in closed_sales), Decimal(0))
        assert report.returns == sum((s.total for s in closed_sales if s.kind == "refund"), Decimal(0))
        assert (
            report.gross_sales
            - report.discounts
            - sum((s.payer_total for s in closed_sales if s.kind == "ticket"), Decimal(0))
            + report.returns
            == report.net_sales
        )
        assert sum(report.by_method.values(), Decimal(0)) == session.scalar(
            select(func.coalesce(func.sum(SalePayment.amount), 0))
        )
        assert sum((quota + base for base, quota in report.vat.values()), Decimal(0)) == report.net_sales
        tickets_count = sum(1 for s in closed_sales if s.kind == "ticket")
        assert (
            report.free_operations + report.prescription_operations + report.mixed_operations == tickets_count
        )
        assert sum(s.operations for s in report.sellers) == tickets_count
        if tickets_count:
            numbers = sorted(s.number for s in closed_sales if s.kind == "ticket")
            assert report.series["T1-2026"] == (numbers[0], numbers[-1])
        summary = period_summary(session, datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
        assert summary.net_sales == report.net_sales and summary.vat == report.vat
    pdf = write_z_report_pdf(report, path.with_suffix(".pdf"))
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    for label, value in report.rows():
        assert value in text, (label, value)
    assert f"{report.expected_cash:.2f}" in text and "Cierre de caja" in text
    db.dispose()


def test_cash_report_command_writes_the_pdf(db: Database, till, tmp_path, capsys) -> None:
    from farmapos.cli import main

    seed, _drawer, sales = till
    url = db.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "cash", "open", "--float", "50"]) == 0
    sale = sales.open_sale(seed.seller_id)
    sales.add_code(sale.id, "654766")
    sales.close(sale.id, [cash("2.50", "5")])
    assert (
        main(["--db", url, "cash", "move", "--kind", "withdrawal", "--amount", "20", "--reason", "Banco"])
        == 0
    )
    assert main(["--db", url, "cash", "close", "--counted", "32.50", "--leave", "30"]) == 0
    assert "diferencia 0,00 €" in capsys.readouterr().out
    pdf = tmp_path / "z.pdf"
    assert main(["--db", url, "cash", "report", "--pdf", str(pdf)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "32.50" in text and "Farmacia Pruebas" in text
    with pytest.raises(SaleError):
        sales.park(sale.id)


def test_drawer_opens_on_demand_only_for_permitted_sellers_and_is_logged(db: Database, till) -> None:
    from farmapos.domain.models import DrawerOpening, Seller

    seed, drawer, _sales = till
    drawer.open(seed.seller_id, Decimal("10"))
    drawer.log_drawer_opening(seed.seller_id, "Cambio para un cliente")
    with db.uow() as uow:
        uow.session.get(Seller, seed.second_seller_id).can_open_drawer = False
        uow.commit()
    with pytest.raises(CashError, match="no tiene permiso"):
        drawer.log_drawer_opening(seed.second_seller_id, "curiosidad")
    with pytest.raises(ValidationError, match="por qué"):
        drawer.log_drawer_opening(seed.seller_id, " ")
    with db.uow(read_only=True) as uow:
        logged = uow.session.scalars(select(DrawerOpening)).all()
        assert [(row.seller_id, row.reason, row.session_id is not None) for row in logged] == [
            (seed.seller_id, "Cambio para un cliente", True)
        ]


def test_cash_report_on_the_ticket_printer_and_verification(
    db: Database, till, tmp_path, capsys, monkeypatch
) -> None:
    from farmapos.cli import main
    from farmapos.devices.escpos_text import escpos_to_text

    seed, drawer, _sales = till
    url = db.engine.url.render_as_string(hide_password=False)
    drawer.open(seed.seller_id, Decimal("40"))
    drawer.close(seed.seller_id, counted=Decimal("40"))
    capture = tmp_path / "z.escpos"
    monkeypatch.setenv("FARMAPOS_PRINTER", f"file://{capture}")
    assert main(["--db", url, "cash", "report", "--print"]) == 0
    text = escpos_to_text(capture.read_bytes())
    assert "Cierre de caja" in text and "Efectivo esperado" in text and "40.00" in text
    session_id = drawer.get(1).id
    assert main(["--db", url, "cash", "verify", "--session", str(session_id)]) == 0
    assert drawer.get(session_id).state == "verified"


def test_cash_refund_larger_than_the_drawer_holds_is_refused(db: Database, till) -> None:
    seed, drawer, sales = till
    drawer.open(seed.seller_id, Decimal("50"))
    sale = sales.open_sale(seed.seller_id)
    sales.add_code(sale.id, "P-1", 3)
    closed = sales.close(sale.id, [PaymentInput("cash", Decimal("38.70"), Decimal("40"))])
    drawer.move(seed.seller_id, "withdrawal", Decimal("80"), "A caja fuerte")  # 88.70 − 80 = 8.70 left
    with pytest.raises(CashError, match=r"debería haber 8,70 €"):
        sales.refund(closed.ticket.full_number, [(closed.sale.lines[0].id, Decimal(1))], seed.seller_id)
    assert drawer.current().expected_cash == Decimal("8.70")


def test_a_sale_dated_before_the_last_close_warns_about_the_clock(db: Database, till) -> None:
    seed, drawer, _sales = till
    drawer.open(seed.seller_id, Decimal("0"))
    drawer.close(seed.seller_id, counted=Decimal("0"))
    drawer.open(seed.seller_id, Decimal("0"))
    earlier = SaleService(db, seed.workstation_id, clock=lambda: datetime(2026, 11, 20, 9, 0, tzinfo=UTC))
    sale = earlier.open_sale(seed.seller_id)
    earlier.add_code(sale.id, "654766")
    closed = earlier.close(sale.id, [cash("2.50")])
    assert any(e.kind == "clock" and "reloj" in e.message for e in closed.events)


def test_credit_collection_reduces_the_debt_and_enters_the_drawer(db: Database, till, capsys) -> None:
    from farmapos.cli import main
    from farmapos.domain.models import Customer

    seed, drawer, sales = till
    with db.uow() as uow:
        uow.session.add(Customer(code="D1", name="Deudor", credit_limit=Decimal("100")))
        uow.commit()
    drawer.open(seed.seller_id, Decimal("0"))
    sale = sales.open_sale(seed.seller_id)
    sales.add_code(sale.id, "P-1")
    sales.set_customer(sale.id, 1)
    sales.close(sale.id, [PaymentInput("credit", Decimal("12.90"))])
    url = db.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "cash", "collect", "--customer", "D1", "--amount", "10"]) == 0
    assert "debe 2,90 €" in capsys.readouterr().out
    assert drawer.current().expected_cash == Decimal("10.00")
    assert main(["--db", url, "cash", "collect", "--customer", "D1", "--amount", "5"]) == 2


def test_two_opens_at_once_open_one_cash_session(db: Database, till) -> None:
    """Two windows (or a double press) opening the drawer at the same instant: one opens it, the other is
    told it is open already; never two open sessions at one counter."""
    import threading
    import time

    from farmapos.domain.models import CashSession

    seed, _drawer, _sales = till

    def slow_clock() -> datetime:  # read between the check and the insert: widens the race
        time.sleep(0.2)
        return NOW

    def open_drawer(barrier: threading.Barrier, outcomes: list[str]) -> None:
        service = CashService(db, seed.workstation_id, clock=slow_clock)
        barrier.wait()
        try:
            outcomes.append(service.open(seed.seller_id, Decimal("50.00")).state)
        except CashError as exc:
            outcomes.append(str(exc))

    for _attempt in range(2):
        barrier, outcomes = threading.Barrier(2), []
        threads = [threading.Thread(target=open_drawer, args=(barrier, outcomes)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sorted(outcomes) == ["La caja ya está abierta.", "open"]
        with db.uow() as uow:
            opened = uow.session.scalars(select(CashSession).where(CashSession.state == "open")).all()
            assert len(opened) == 1
            opened[0].state = "verified"  # out of the way for the next attempt
            uow.commit()
