"""The counter's lean line path: the picture it returns is the picture the database holds."""

from __future__ import annotations

from decimal import Decimal

import pytest

from farmapos.domain.db import Database
from farmapos.domain.errors import NotFound, SaleError, StockError, ValidationError
from farmapos.domain.models import Pharmacy


def test_every_line_edit_returns_what_a_fresh_read_shows(db: Database, seed, shop) -> None:
    service, ids = shop
    sale = service.open_sale(seed.seller_id)
    assert sale == service.get(sale.id) and sale.lines == () and sale.seller_name

    steps = [
        lambda: service.add_code(sale.id, "654766").sale,
        lambda: service.add_code(sale.id, "8470006547663").sale,  # same article: merges into the line
        lambda: service.add_code(sale.id, "4006381333931", quantity=2).sale,
        lambda: service.add_article(sale.id, ids["paracetamol"], 3).sale,
        lambda: service.set_customer(sale.id, 1),  # customer discount 5 % on every line
        lambda: service.add_code(sale.id, "4006381333931").sale,
    ]
    for step in steps:
        assert step() == service.get(sale.id)
    view = service.get(sale.id)
    assert [(line.code, line.quantity) for line in view.lines] == [
        ("6547663", Decimal(5)),
        ("P-1", Decimal(3)),
    ]
    assert all(line.discount_pct == Decimal(5) for line in view.lines)

    first, second = view.lines
    assert service.set_quantity(sale.id, first.id, 2) == service.get(sale.id)
    assert service.remove_line(sale.id, second.id) == service.get(sale.id)
    assert [(line.code, line.quantity) for line in service.get(sale.id).lines] == [("6547663", Decimal(2))]
    added = service.add_code(sale.id, "4006381333931")
    assert added.sale.lines[-1].id == added.line_id and added.sale == service.get(
        sale.id
    )  # new lines go last


def test_the_stock_check_counts_what_the_sale_already_holds(db: Database, seed, shop) -> None:
    service, _ids = shop  # 10 paracetamol on hand
    with db.uow() as uow:
        uow.session.query(Pharmacy).update({Pharmacy.oversell_policy: "block"})
        uow.commit()
    sale = service.open_sale(seed.seller_id)
    line = service.add_code(sale.id, "654766", quantity=6).line_id
    with pytest.raises(StockError, match="hay 10 y se piden 11"):
        service.add_code(sale.id, "654766", quantity=5)
    with pytest.raises(StockError, match="hay 10 y se piden 12"):
        service.set_quantity(sale.id, line, 12)
    assert service.get(sale.id).lines[0].quantity == Decimal(6)  # refused edits leave the line as it was
    assert service.set_quantity(sale.id, line, 10).lines[0].quantity == Decimal(10)


def test_state_changes_check_the_state_and_keep_the_lines(db: Database, seed, shop) -> None:
    service, _ids = shop
    sale = service.open_sale(seed.seller_id)
    with pytest.raises(SaleError, match="vacía"):
        service.park(sale.id)
    service.add_code(sale.id, "654766", quantity=2)
    service.park(sale.id)
    with pytest.raises(SaleError, match="aparcada"):
        service.add_code(sale.id, "654766")
    assert [s.id for s in service.parked_sales()] == [sale.id]
    resumed = service.resume(sale.id, seed.seller_id)
    assert resumed == service.get(sale.id) and resumed.state == "open" and resumed.lines[0].quantity == 2
    service.cancel(sale.id)
    with pytest.raises(SaleError, match="anulada"):
        service.get(sale.id)
    with pytest.raises(NotFound):
        service.add_code(999_999, "654766")


def test_plus_and_minus_count_from_the_stored_quantity(db: Database, seed, shop) -> None:
    service, _ids = shop
    sale = service.open_sale(seed.seller_id)
    line = service.add_code(sale.id, "654766").line_id
    for _ in range(3):  # three quick "+" queued behind each other: each starts from what is stored
        service.change_quantity(sale.id, line, 1)
    assert service.get(sale.id).lines[0].quantity == Decimal(4)
    assert service.change_quantity(sale.id, line, -1).lines[0].quantity == Decimal(3)
    with pytest.raises(ValidationError, match=r"La línea ya tiene 3: para quitarla, bórrela\."):
        service.change_quantity(sale.id, line, -3)  # below one unit: removing the line, not a return
    assert service.get(sale.id).lines[0].quantity == Decimal(3)


def test_a_line_added_for_a_customer_takes_the_fixed_discount_up_to_the_articles_maximum(db, seed) -> None:
    """No maximum: the customer's discount; the family's maximum (Dermocosmética, 15 %) or the article's own
    one caps it; without a customer, none."""
    from farmapos.domain.customers import create_customer
    from farmapos.domain.models import Article, Customer
    from farmapos.domain.sales.service import SaleService
    from tests.factories import make_article

    make_article(db, "654766", "PARACETAMOL 1 G", price="2.50")
    make_article(db, "700001", "CREMA SOLAR 50", price="20.00", family="COS")
    gel_id = make_article(db, "700002", "GEL LIMPIADOR", price="8.00", family="COS")
    customer = create_customer(db, name="Marta Ruiz")
    with db.uow() as uow:
        uow.session.get(Customer, customer).discount_pct = Decimal("17.5")
        uow.session.get(Article, gel_id).max_discount_pct = Decimal("7.3")
        uow.commit()
    service = SaleService(db, seed.workstation_id)
    plain = service.open_sale(seed.seller_id)
    assert service.add_code(plain.id, "654766").sale.lines[0].discount_pct == 0
    sale = service.open_sale(seed.seller_id)
    service.set_customer(sale.id, customer)
    for code in ("654766", "700001", "700002"):
        view = service.add_code(sale.id, code).sale
    assert [line.discount_pct for line in view.lines] == [Decimal("17.5"), Decimal(15), Decimal("7.3")]
