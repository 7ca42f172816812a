"""DataMatrix packs at the counter, restarts, the fiscal chain from the command line, and concurrency."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from farmapos.cli import main
from farmapos.domain.db import Database
from farmapos.domain.errors import AmbiguousScan, ExpiredLot, ValidationError
from farmapos.domain.models import Lot, Sale, StockMovement
from farmapos.domain.sales.service import SaleService
from farmapos.domain.stock import ledger_mismatches, on_hand
from tests.factories import make_article
from tests.integration.test_sales import NOW, cash, receive

PACK = "]d2010847000654766321ANT7T3KA31\x1d17270331" + "10L23185\r\n"


def test_a_scanned_pack_sells_from_its_batch_and_records_the_serial(db: Database, seed, shop) -> None:
    service, ids = shop
    receive(db, seed, ids["paracetamol"], 3, "L23185", date(2027, 3, 31))
    sale = service.open_sale(seed.seller_id)
    added = service.add_code(sale.id, PACK)
    line = added.sale.lines[0]
    assert (line.batch, line.serial, line.expiry) == ("L23185", "ANT7T3KA31", date(2027, 3, 31))
    with pytest.raises(ValidationError, match="ya está en la venta"):
        service.add_code(sale.id, PACK)
    closed = service.close(sale.id, [cash("2.50")])
    assert closed.ticket.lines[0].serial == "ANT7T3KA31"
    with db.uow(read_only=True) as uow:
        lot = uow.session.scalar(select(Lot).where(Lot.batch == "L23185"))
        assert lot.quantity == Decimal(2) and not lot.needs_review


def test_an_unknown_batch_is_created_flagged_for_review(db: Database, seed, shop) -> None:
    service, _ids = shop
    sale = service.open_sale(seed.seller_id)
    added = service.add_code(sale.id, PACK.replace("L23185", "NEW1"))
    assert [e.kind for e in added.events] == ["lot_created"]
    with db.uow(read_only=True) as uow:
        assert uow.session.scalar(select(Lot.needs_review).where(Lot.batch == "NEW1")) is True


def test_expired_packs_and_lots_are_never_sold(db: Database, seed, shop) -> None:
    service, ids = shop
    sale = service.open_sale(seed.seller_id)
    with pytest.raises(ExpiredLot, match=r"caducado el 31/03/2025"):
        service.add_code(sale.id, PACK.replace("270331", "250331"))
    receive(db, seed, ids["paracetamol"], 1, "OLDLOT", date(2026, 1, 31))
    with pytest.raises(ExpiredLot, match="OLDLOT"):
        service.add_code(sale.id, "]d2010847000654766321SER2\x1d10OLDLOT")


def test_separator_less_ambiguous_scan_asks_the_seller(db: Database, seed, shop) -> None:
    service, _ids = shop
    make_article(db, code="721076", description="IBUPROFENO 600")
    sale = service.open_sale(seed.seller_id)
    with pytest.raises(AmbiguousScan) as caught:
        service.add_code(sale.id, "0108470007210764211002664707361010A59112B17260430")
    assert len(caught.value.candidates) == 2
    assert service.get(sale.id).lines == ()


def test_open_and_parked_sales_survive_a_restart(db: Database, seed, shop) -> None:
    service, _ids = shop
    open_sale = service.open_sale(seed.seller_id)
    service.add_code(open_sale.id, "654766", 2)
    parked = service.open_sale(seed.second_seller_id)
    service.add_code(parked.id, "654766")
    service.park(parked.id)
    restarted = SaleService(db, seed.workstation_id, clock=lambda: NOW)
    assert [(s.id, s.lines[0].quantity) for s in restarted.open_sales()] == [(open_sale.id, Decimal(2))]
    assert [s.id for s in restarted.parked_sales()] == [parked.id]


def test_verify_chain_command_finds_a_tampered_record(db: Database, seed, shop, capsys) -> None:
    service, _ids = shop
    for _ in range(3):
        sale = service.open_sale(seed.seller_id)
        service.add_code(sale.id, "654766")
        service.close(sale.id, [cash("2.50")])
    url = db.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "verify-chain"]) == 0
    assert "3 registros, cadena correcta" in capsys.readouterr().out
    with db.engine.begin() as connection:
        if db.dialect == "sqlite":
            connection.execute(text("DROP TRIGGER fiscal_record_no_update"))
        else:
            connection.execute(text("ALTER TABLE fiscal_record DISABLE TRIGGER fiscal_record_append_only"))
        connection.execute(text("UPDATE fiscal_record SET amount_total = 25 WHERE sequence = 2"))
    try:
        assert main(["--db", url, "verify-chain"]) == 1
        assert "ROTA en el registro 2 (T1-2026-000002)" in capsys.readouterr().out
    finally:
        if db.dialect == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("ALTER TABLE fiscal_record ENABLE TRIGGER fiscal_record_append_only"))


@pytest.mark.slow
def test_two_counters_closing_at_once_get_consecutive_numbers(db: Database, seed, shop) -> None:
    """Concurrent closes on one series: distinct, gapless numbers; the stock still equals the ledger."""
    _service, ids = shop
    receive(db, seed, ids["paracetamol"], 40, None, None)
    counters, each = 2, 10
    barrier = threading.Barrier(counters)
    numbers: list[str] = []
    errors: list[BaseException] = []

    def counter(seller_id: int) -> None:
        own = SaleService(db, seed.workstation_id, clock=lambda: NOW)
        try:
            sales = []
            for _ in range(each):
                sale = own.open_sale(seller_id)
                own.add_code(sale.id, "654766")
                sales.append(sale.id)
            barrier.wait()
            numbers.extend(own.close(sale_id, [cash("2.50")]).ticket.full_number for sale_id in sales)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=counter, args=(s,)) for s in (seed.seller_id, seed.second_seller_id)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(numbers) == [f"T1-2026-{n:06d}" for n in range(1, counters * each + 1)]
    with db.uow(read_only=True) as uow:
        assert on_hand(uow.session, ids["paracetamol"]) == Decimal(50 - counters * each)
        assert ledger_mismatches(uow.session) == []
        assert uow.session.scalar(select(Sale.id).where(Sale.state == "open")) is None


@pytest.mark.slow
def test_two_counters_selling_the_last_unit(db: Database, seed, shop) -> None:
    service, _ids = shop
    article_id = make_article(db, code="700681", description="ÚLTIMA UNIDAD", price="3.00")
    receive(db, seed, article_id, 1, "ONLY", date(2028, 1, 31))
    sales = [service.open_sale(s) for s in (seed.seller_id, seed.second_seller_id)]
    for sale in sales:
        service.add_code(sale.id, "700681")
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def close(sale_id: int) -> None:
        barrier.wait()
        try:
            SaleService(db, seed.workstation_id, clock=lambda: NOW).close(sale_id, [cash("3.00")])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=close, args=(sale.id,)) for sale in sales]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    with db.uow(read_only=True) as uow:
        assert on_hand(uow.session, article_id) == Decimal(-1)
        assert ledger_mismatches(uow.session) == []
        lot_moves = uow.session.scalars(
            select(StockMovement.lot_id).where(
                StockMovement.article_id == article_id, StockMovement.kind == "sale"
            )
        ).all()
        assert sorted(lot_moves, key=lambda x: x is None)[-1] is None and len(lot_moves) == 2


def test_the_seller_chooses_the_reading_of_an_ambiguous_scan(db: Database, seed, shop) -> None:
    _service, _ids = shop
    make_article(db, code="721076", description="IBUPROFENO 600")
    service = SaleService(db, seed.workstation_id, clock=lambda: datetime(2026, 3, 1, tzinfo=UTC))
    sale = service.open_sale(seed.seller_id)
    with pytest.raises(AmbiguousScan) as caught:
        service.add_code(sale.id, "0108470007210764211002664707361010A59112B17260430")
    chosen = next(c for c in caught.value.candidates if c.batch == "A59112B")
    line = service.add_pack(sale.id, chosen).sale.lines[0]
    assert (line.batch, line.serial, line.expiry) == ("A59112B", "10026647073610", date(2026, 4, 30))


def test_prices_without_vat_sell_at_price_plus_vat(db: Database, seed, shop) -> None:
    from farmapos.domain.models import Pharmacy

    service, _ids = shop
    with db.uow() as uow:
        uow.session.scalar(select(Pharmacy)).prices_include_vat = False
        uow.commit()
    sale = service.open_sale(seed.seller_id)
    view = service.add_code(sale.id, "4006381333931").sale  # 12.90 + 21 % = 15.609 → 15.61
    assert view.total == Decimal("15.61")
    assert [(v.base, v.quota) for v in view.vat] == [(Decimal("12.90"), Decimal("2.71"))]


def test_card_types_are_a_pharmacy_setting(db: Database, seed, shop) -> None:
    from farmapos.domain.errors import PaymentError
    from farmapos.domain.models import Pharmacy
    from farmapos.domain.sales.views import PaymentInput

    service, _ids = shop
    with db.uow() as uow:
        uow.session.scalar(select(Pharmacy)).card_types = "VISA, Bizum"
        uow.commit()
    assert service.card_types() == ["VISA", "Bizum"]
    sale = service.open_sale(seed.seller_id)
    service.add_code(sale.id, "654766")
    with pytest.raises(PaymentError, match="no admitida"):
        service.close(sale.id, [PaymentInput("card", Decimal("2.50"), card_type="Mastercard")])
    assert (
        service.close(sale.id, [PaymentInput("card", Decimal("2.50"), card_type="Bizum")]).sale.state
        == "closed"
    )


def test_any_past_ticket_again_from_the_command_line(
    db: Database, seed, shop, capsys, tmp_path, monkeypatch
) -> None:
    service, _ids = shop
    sale = service.open_sale(seed.seller_id)
    service.add_code(sale.id, "654766")
    number = service.close(sale.id, [cash("2.50")]).ticket.full_number
    url = db.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "ticket", "show", number]) == 0
    out = capsys.readouterr().out
    assert "(COPIA)" in out and number in out and "2,50 €" in out
    capture = tmp_path / "copy.escpos"
    monkeypatch.setenv("FARMAPOS_PRINTER", f"file://{capture}")
    assert main(["--db", url, "ticket", "print", number]) == 0
    assert number.encode() in capture.read_bytes()
    assert main(["--db", url, "ticket", "show", "T1-2026-999999"]) == 2


def test_fiscal_payload_names_the_previous_record_and_the_corrected_ticket(db: Database, seed, shop) -> None:
    import json

    from farmapos.domain.models import FiscalRecord

    service, _ids = shop
    sale = service.open_sale(seed.seller_id)
    line_id = service.add_code(sale.id, "654766").line_id
    closed = service.close(sale.id, [cash("2.50")])
    service.refund(closed.ticket.full_number, [(line_id, Decimal(1))], seed.seller_id)
    with db.uow(read_only=True) as uow:
        first, second = uow.session.scalars(select(FiscalRecord).order_by(FiscalRecord.sequence)).all()
        refund = json.loads(second.payload)
        assert refund["TipoFactura"] == "R5"
        assert (
            refund["FacturasRectificadas/IDFacturaRectificada/NumSerieFactura"] == closed.ticket.full_number
        )
        assert refund["Encadenamiento/RegistroAnterior/Huella"] == first.fingerprint
        assert refund["Encadenamiento/RegistroAnterior/NumSerieFactura"] == first.series_number
