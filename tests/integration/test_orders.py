"""Supplier orders on both engines: the min/max proposal, the order's life, receptions against it, on order."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from farmapos.cli import main
from farmapos.domain.article_card import article_card
from farmapos.domain.db import Database
from farmapos.domain.errors import NotFound, OrderError, ValidationError
from farmapos.domain.models import Article, RegisterEntry, StockMovement, Warehouse
from farmapos.domain.orders import (
    OrderLineInput,
    cancel_order,
    create_order,
    find_order,
    lines_from_proposal,
    list_orders,
    on_order,
    order_view,
    reorder_proposal,
    send_order,
)
from farmapos.domain.reception import ReceivedLine, receive_goods
from farmapos.domain.stock import ledger_mismatches, move_stock, on_hand
from farmapos.domain.suppliers import add_supplier, find_supplier, list_suppliers, set_supplier_active
from tests.factories import make_article

NOW = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)


def article(db: Database, code: str, minimum: int | str = 0, maximum: int | str = 0, **extra) -> int:
    return make_article(db, code=code, description=f"ARTICULO {code}", family="SAN",
                        min_stock=Decimal(minimum), max_stock=Decimal(maximum), **extra)  # fmt: skip


def stock(db: Database, seed, article_id: int, quantity: str, warehouse_id: int | None = None) -> None:
    with db.uow() as uow:
        move_stock(uow.session, kind="adjustment", article=uow.session.get(Article, article_id),
                   warehouse_id=warehouse_id or seed.warehouse_id, quantity=Decimal(quantity),
                   seller_id=seed.seller_id, reason="Inventario")  # fmt: skip
        uow.commit()


def lines(*pairs) -> list[OrderLineInput]:
    return [OrderLineInput(article_id, Decimal(quantity)) for article_id, quantity in pairs]


def pending(db: Database, *article_ids: int) -> dict[int, Decimal]:
    with db.uow(read_only=True) as uow:
        return on_order(uow.session, article_ids)


def receive(db: Database, seed, order_id: int, *received, document: str = "") -> None:
    received_lines = [ReceivedLine(article_id, Decimal(quantity)) for article_id, quantity in received]
    receive_goods(db, workstation_id=seed.workstation_id, seller_id=seed.seller_id, document=document,
                  lines=received_lines, order_id=order_id, clock=lambda: NOW)  # fmt: skip


@pytest.fixture
def cofares(db: Database, seed) -> int:
    return add_supplier(db, code="cofares", name="Cofares S.C.F.", nif="F28000065", phone="913 000 000")


def sent_order(db: Database, seed, supplier_id: int, *pairs, warehouse_id: int | None = None) -> int:
    view = create_order(db, supplier_id, lines(*pairs), seed.seller_id, warehouse_id=warehouse_id)
    return send_order(db, view.id, clock=lambda: NOW).id


# --- the proposal -----------------------------------------------------------------------------------------


def test_proposal_orders_up_to_max_counting_stock_and_orders_on_the_way(db: Database, seed, cofares) -> None:
    below = article(db, "A-BELOW", 2, 10)
    at_min = article(db, "A-ATMIN", 2, 10)
    above = article(db, "A-ABOVE", 2, 10)
    covered = article(db, "A-COVERED", 2, 10)
    short = article(db, "A-SHORT", 5, 10)
    article(db, "A-NOMIN", 0, 6)  # no minimum: ordered when out of stock
    no_min_held = article(db, "A-NOMINHELD", 0, 6)
    negative = article(db, "A-NEG", 1, 4)
    fraction = article(db, "A-HALF", 1, 5)
    drafted = article(db, "A-DRAFT", 2, 10)
    discontinued = article(db, "A-OLD", 2, 10, discontinued=True)
    without_max = article(db, "A-NOMAX", 3, 0)
    service = article(db, "A-SERVICE", 2, 10, unlimited=True)
    for article_id, quantity in ((below, "1"), (at_min, "2"), (above, "3"), (covered, "1"), (short, "1"),
                                 (no_min_held, "1"), (negative, "-2"), (fraction, "0.5"), (drafted, "1")):  # fmt: skip
        stock(db, seed, article_id, quantity)
    sent_order(db, seed, cofares, (covered, 3), (short, 2))
    create_order(db, cofares, lines((drafted, 9)), seed.seller_id)  # a draft is not on order
    rows = {row.code: row for row in reorder_proposal(db, seed.warehouse_id)}
    assert {code: row.proposed for code, row in rows.items()} == {
        "A-BELOW": Decimal(9),
        "A-ATMIN": Decimal(8),
        "A-SHORT": Decimal(7),
        "A-NOMIN": Decimal(6),
        "A-NEG": Decimal(6),
        "A-HALF": Decimal(5),
        "A-DRAFT": Decimal(9),
    }
    short_row = rows["A-SHORT"]
    assert (short_row.article_id, short_row.on_hand, short_row.on_order, short_row.min_stock, short_row.max_stock) == (
        short, Decimal(1), Decimal(2), Decimal(5), Decimal(10))  # fmt: skip
    assert rows["A-NEG"].on_hand == Decimal(-2) and rows["A-BELOW"].description == "ARTICULO A-BELOW"
    assert [row.code for row in reorder_proposal(db, seed.warehouse_id)] == sorted(rows)  # by description
    for excluded in (above, covered, no_min_held, discontinued, without_max, service):
        assert excluded not in {row.article_id for row in rows.values()}


def test_proposal_and_on_order_are_per_warehouse(db: Database, seed, cofares) -> None:
    with db.uow() as uow:
        second = Warehouse(code="ALMACEN2", name="Trastienda")
        uow.session.add(second)
        uow.session.flush()
        second_id = second.id
        uow.commit()
    article_id = article(db, "A-1", 2, 10)
    sent_order(db, seed, cofares, (article_id, 10), warehouse_id=second_id)
    stock(db, seed, article_id, "4", second_id)
    assert [row.proposed for row in reorder_proposal(db, seed.warehouse_id)] == [Decimal(10)]
    assert reorder_proposal(db, second_id) == []
    with db.uow(read_only=True) as uow:
        assert on_order(uow.session, [article_id], seed.warehouse_id) == {article_id: Decimal(0)}
        assert on_order(uow.session, [article_id], second_id) == {article_id: Decimal(10)}
        assert on_order(uow.session.connection(), [article_id]) == {article_id: Decimal(10)}
    with pytest.raises(OrderError, match="otro almacén"):
        receive(db, seed, find_order(db, 1), (article_id, 1))


def test_an_order_from_the_proposal_takes_the_articles_off_the_next_one(db: Database, seed, cofares) -> None:
    first, second = article(db, "A-1", 2, 10), article(db, "A-2", 1, 3)
    proposal = reorder_proposal(db, seed.warehouse_id)
    view = create_order(db, cofares, lines_from_proposal(proposal), seed.seller_id)
    assert [(line.article_id, line.quantity) for line in view.lines] == [
        (first, Decimal(10)),
        (second, Decimal(3)),
    ]
    assert len(reorder_proposal(db, seed.warehouse_id)) == 2  # still a draft
    send_order(db, view.id)
    assert reorder_proposal(db, seed.warehouse_id) == []


# --- the order's life ---------------------------------------------------------------------------------------


def test_create_order_checks_supplier_seller_articles_and_quantities(db: Database, seed, cofares) -> None:
    stocked = article(db, "A-1", 2, 10)
    service = article(db, "A-SRV", unlimited=True)
    old = article(db, "A-OLD", discontinued=True)
    with pytest.raises(ValidationError, match="no tiene líneas"):
        create_order(db, cofares, [], seed.seller_id)
    with pytest.raises(ValidationError, match="ARTICULO A-1: la cantidad pedida debe ser positiva"):
        create_order(db, cofares, lines((stocked, 0)), seed.seller_id)
    with pytest.raises(ValidationError, match="positiva"):
        create_order(db, cofares, lines((stocked, -2)), seed.seller_id)
    with pytest.raises(NotFound, match="No existe el artículo 999"):
        create_order(db, cofares, lines((999, 1)), seed.seller_id)
    with pytest.raises(ValidationError, match="no lleva stock"):
        create_order(db, cofares, lines((service, 1)), seed.seller_id)
    with pytest.raises(ValidationError, match="dado de baja"):
        create_order(db, cofares, lines((old, 1)), seed.seller_id)
    with pytest.raises(ValidationError, match="coste no puede ser negativo"):
        create_order(db, cofares, [OrderLineInput(stocked, Decimal(1), Decimal("-1"))], seed.seller_id)
    with pytest.raises(NotFound, match="No existe el proveedor 999"):
        create_order(db, 999, lines((stocked, 1)), seed.seller_id)
    with pytest.raises(NotFound, match="No existe el vendedor"):
        create_order(db, cofares, lines((stocked, 1)), 999)
    set_supplier_active(db, cofares, False)
    with pytest.raises(ValidationError, match="COFARES está dado de baja"):
        create_order(db, cofares, lines((stocked, 1)), seed.seller_id)
    set_supplier_active(db, cofares, True)
    assert list_orders(db) == []
    twice = [OrderLineInput(stocked, Decimal(2), Decimal("1.10")), OrderLineInput(stocked, Decimal(3))]
    first = create_order(db, cofares, twice, seed.seller_id, note=" urgente ")
    assert (first.number, first.state, first.supplier_code, first.created_by, first.note) == (
        1, "draft", "COFARES", "Ana", "urgente")  # fmt: skip
    assert [(line.quantity, line.unit_cost) for line in first.lines] == [(Decimal(5), Decimal("1.10"))]
    assert create_order(db, cofares, lines((stocked, 1)), seed.seller_id).number == 2


def test_send_and_cancel_follow_the_order_state(db: Database, seed, cofares) -> None:
    article_id = article(db, "A-1", 2, 10)
    view = create_order(db, cofares, lines((article_id, 4)), seed.seller_id)
    with pytest.raises(OrderError, match="borrador"):
        receive(db, seed, view.id, (article_id, 1))
    sent = send_order(db, view.id, clock=lambda: NOW)
    assert (sent.state, sent.sent_at) == ("sent", NOW)
    with pytest.raises(OrderError, match="ya está enviado"):
        send_order(db, view.id)
    assert cancel_order(db, view.id).state == "cancelled"
    with pytest.raises(OrderError, match="ya está anulado"):
        cancel_order(db, view.id)
    with pytest.raises(OrderError, match="anulado; no admite recepciones"):
        receive(db, seed, view.id, (article_id, 1))
    assert pending(db, article_id) == {article_id: Decimal(0)}
    draft = create_order(db, cofares, lines((article_id, 4)), seed.seller_id)
    assert cancel_order(db, draft.id).state == "cancelled"
    with pytest.raises(NotFound, match="No existe el pedido 999"):
        send_order(db, 999)
    assert [(o.number, o.state) for o in list_orders(db)] == [(2, "cancelled"), (1, "cancelled")]


def test_on_order_counts_only_sent_and_partial_orders_and_never_below_zero(
    db: Database, seed, cofares
) -> None:
    a, b, c = article(db, "A-1", 2, 10), article(db, "A-2", 2, 10), article(db, "A-3", 2, 10)
    create_order(db, cofares, lines((a, 50)), seed.seller_id)  # draft
    cancelled = sent_order(db, seed, cofares, (a, 40))
    cancel_order(db, cancelled)
    assert pending(db, a, b, c) == {a: Decimal(0), b: Decimal(0), c: Decimal(0)}
    first = sent_order(db, seed, cofares, (a, 5), (b, 2))
    second = sent_order(db, seed, cofares, (a, 3))
    assert pending(db, a, b, c) == {a: Decimal(8), b: Decimal(2), c: Decimal(0)}
    receive(db, seed, first, (a, 9), document="ALB-1")  # 4 more than ordered: the line counts 0, not -4
    assert order_view(db, first).state == "partial"
    assert pending(db, a, b) == {a: Decimal(3), b: Decimal(2)}
    receive(db, seed, second, (a, 1))
    assert pending(db, a, b) == {a: Decimal(2), b: Decimal(2)}
    assert [(o.number, o.state, o.ordered, o.received) for o in list_orders(db, states=["partial"])] == [
        (4, "partial", Decimal(3), Decimal(1)),
        (3, "partial", Decimal(7), Decimal(9)),
    ]
    assert cancel_order(db, second).state == "cancelled"  # the rest will not come; what came stays
    assert order_view(db, second).lines[0].received == Decimal(1)
    assert pending(db, a) == {a: Decimal(0)}
    assert pending(db) == {}


# --- receptions against an order ------------------------------------------------------------------------------


def test_partial_then_full_reception_moves_stock_and_completes_the_order(db: Database, seed, cofares) -> None:
    a = article(db, "A-1", 2, 10)
    b = article(db, "A-2", 1, 5)
    view = create_order(db, cofares, [OrderLineInput(a, Decimal(10), Decimal("1.20")), OrderLineInput(b, Decimal(4))],
                        seed.seller_id)  # fmt: skip
    send_order(db, view.id)
    receive_goods(db, workstation_id=seed.workstation_id, seller_id=seed.second_seller_id, document="ALB-77",
                  lines=[ReceivedLine(a, Decimal(4), "l-1", date(2028, 3, 31)), ReceivedLine(a, Decimal(2), "L-2")],
                  order_id=view.id, clock=lambda: NOW)  # fmt: skip
    partial = order_view(db, view.id)
    assert partial.state == "partial" and partial.state_name == "recibido en parte"
    assert [(line.received, line.pending) for line in partial.lines] == [(Decimal(6), Decimal(4)),
                                                                         (Decimal(0), Decimal(4))]  # fmt: skip
    assert pending(db, a, b) == {a: Decimal(4), b: Decimal(4)}
    with db.uow(read_only=True) as uow:
        assert on_hand(uow.session, a, seed.warehouse_id) == Decimal(6)
        rows = uow.session.scalars(select(StockMovement).where(StockMovement.article_id == a)).all()
        assert [(m.kind, m.quantity, m.seller_id, m.document_ref, m.reason, m.note, m.created_at) for m in rows] == [
            ("reception", Decimal(4), seed.second_seller_id, "ALB-77", "Recepción Cofares S.C.F.", "Pedido 1", NOW),
            ("reception", Decimal(2), seed.second_seller_id, "ALB-77", "Recepción Cofares S.C.F.", "Pedido 1", NOW),
        ]  # fmt: skip
        assert rows[0].lot_id is not None
        stocked = uow.session.get(Article, a)
        assert stocked.last_cost == Decimal("1.20")  # the order's cost, the delivery note gave none
    receive(db, seed, view.id, (a, 4), (b, 4))  # no delivery note: the order names the movements
    done = order_view(db, view.id)
    assert done.state == "received" and done.pending == 0
    assert pending(db, a, b) == {a: Decimal(0), b: Decimal(0)}
    with db.uow(read_only=True) as uow:
        assert on_hand(uow.session, a) == Decimal(10) and on_hand(uow.session, b) == Decimal(4)
        last = uow.session.scalars(select(StockMovement).order_by(StockMovement.id.desc())).first()
        assert (last.article_id, last.document_ref, last.seller_id) == (b, "Pedido 1", seed.seller_id)
        assert ledger_mismatches(uow.session) == []
    with pytest.raises(OrderError, match="recibido; no admite recepciones"):
        receive(db, seed, view.id, (a, 1))


def test_more_than_ordered_and_unordered_articles_are_received_and_recorded(
    db: Database, seed, cofares
) -> None:
    """The goods are on the shelf and on the delivery note: refusing them would leave the stock wrong."""
    a, extra = article(db, "A-1", 2, 10), article(db, "A-EXTRA", 1, 3)
    order_id = sent_order(db, seed, cofares, (a, 5))
    receive(db, seed, order_id, (a, 7), (extra, 2), document="ALB-9")
    view = order_view(db, order_id)
    assert view.state == "received"
    assert [(line.code, line.quantity, line.received, line.pending, line.excess) for line in view.lines] == [
        ("A-1", Decimal(5), Decimal(7), Decimal(0), Decimal(2)),
        ("A-EXTRA", Decimal(0), Decimal(2), Decimal(0), Decimal(2)),
    ]
    assert pending(db, a, extra) == {a: Decimal(0), extra: Decimal(0)}
    with db.uow(read_only=True) as uow:
        assert on_hand(uow.session, a) == Decimal(7) and on_hand(uow.session, extra) == Decimal(2)


def test_a_failed_reception_leaves_the_order_as_it_was(db: Database, seed, cofares) -> None:
    a = article(db, "A-1", 2, 10)
    order_id = sent_order(db, seed, cofares, (a, 5))
    with pytest.raises(ValidationError, match="positiva"):
        receive(db, seed, order_id, (a, 2), (a, 0))
    with pytest.raises(NotFound, match="No existe el pedido 999"):
        receive(db, seed, 999, (a, 1))
    view = order_view(db, order_id)
    assert (view.state, view.lines[0].received) == ("sent", Decimal(0))
    with db.uow(read_only=True) as uow:
        assert on_hand(uow.session, a) == 0


def test_reception_without_an_order_still_needs_its_delivery_note(db: Database, seed) -> None:
    a = article(db, "A-1", 2, 10)
    with pytest.raises(ValidationError, match="número de albarán"):
        receive_goods(db, workstation_id=seed.workstation_id, seller_id=seed.seller_id, supplier="Hefame",
                      document=" ", lines=[ReceivedLine(a, Decimal(1))])  # fmt: skip
    receive_goods(db, workstation_id=seed.workstation_id, seller_id=seed.seller_id, supplier="Hefame",
                  document="H-1", lines=[ReceivedLine(a, Decimal(3))])  # fmt: skip
    with db.uow(read_only=True) as uow:
        movement = uow.session.scalars(select(StockMovement)).one()
        assert (movement.document_ref, movement.reason, movement.note) == ("H-1", "Recepción Hefame", "")


def test_receiving_all_pending_reads_the_order_under_its_lock(db: Database, seed, cofares) -> None:
    a, b = article(db, "A-1", 2, 10), article(db, "B-1", 2, 10)
    order_id = sent_order(db, seed, cofares, (a, 5), (b, 3))
    receive(db, seed, order_id, (a, 2), document="ALB-1")

    def receive_all() -> int:
        return receive_goods(db, workstation_id=seed.workstation_id, seller_id=seed.seller_id,
                             document="ALB-2", lines=None, order_id=order_id, clock=lambda: NOW)  # fmt: skip

    assert receive_all() == 2  # the 3 of A still pending and the 3 of B
    assert order_view(db, order_id).state == "received"
    with pytest.raises(OrderError):  # nothing left: a second "all" counts nothing twice
        receive_all()
    with db.uow(read_only=True) as uow:
        assert (on_hand(uow.session, a), on_hand(uow.session, b)) == (Decimal(5), Decimal(3))
    with pytest.raises(ValidationError, match="Sin pedido"):
        receive_goods(
            db, workstation_id=seed.workstation_id, seller_id=seed.seller_id, document="X", lines=None
        )


def test_a_controlled_medicine_is_received_only_with_the_suppliers_delivery_note(
    db: Database, seed, cofares
) -> None:
    a = article(db, "P-1", 0, 5, psychotropic=True, needs_prescription=True)
    order_id = sent_order(db, seed, cofares, (a, 2))
    with pytest.raises(ValidationError, match="libro registro: indique el número de albarán"):
        receive(db, seed, order_id, (a, 2))  # the order's own reference is no document for the book
    assert order_view(db, order_id).state == "sent"
    receive(db, seed, order_id, (a, 2), document="ALB-77")
    with db.uow(read_only=True) as uow:
        assert uow.session.scalars(select(RegisterEntry.document)).all() == ["ALB-77"]


# --- the counter's card and the suppliers -----------------------------------------------------------------


def test_article_card_shows_the_units_on_order(db: Database, seed, cofares) -> None:
    a = article(db, "A-1", 2, 10)
    assert article_card(db, a).on_order == Decimal(0)
    order_id = sent_order(db, seed, cofares, (a, 6))
    assert article_card(db, a).on_order == Decimal(6)
    receive(db, seed, order_id, (a, 2))
    card = article_card(db, a)
    assert (card.on_order, card.total_stock) == (Decimal(4), Decimal(2))


def test_suppliers_are_checked_and_listed(db: Database, seed, cofares) -> None:
    with pytest.raises(ValidationError, match="Ya existe el proveedor COFARES"):
        add_supplier(db, code="COFARES", name="Otra")
    with pytest.raises(ValidationError, match="NIF/NIE/DNI no válido"):
        add_supplier(db, code="HEFAME", name="Hefame", nif="B1234")
    with pytest.raises(ValidationError, match="necesita un nombre"):
        add_supplier(db, code="HEFAME", name="  ")
    with pytest.raises(ValidationError, match="espacios"):
        add_supplier(db, code="HE FAME", name="Hefame")
    hefame = add_supplier(db, code="hefame", name="Hefame  S.C.L.", email="pedidos@hefame.example")
    assert [(s.code, s.name, s.nif) for s in list_suppliers(db)] == [
        ("COFARES", "Cofares S.C.F.", "F28000065"),
        ("HEFAME", "Hefame S.C.L.", None),
    ]
    set_supplier_active(db, hefame, False)
    assert [s.code for s in list_suppliers(db)] == ["COFARES"]
    assert [s.active for s in list_suppliers(db, include_inactive=True)] == [True, False]
    assert find_supplier(db, " hefame ").id == hefame
    with pytest.raises(NotFound, match="No existe el proveedor 'BIDAFARMA'"):
        find_supplier(db, "bidafarma")


# --- the command line -------------------------------------------------------------------------------------


def test_orders_from_the_command_line(db: Database, seed, tmp_path: Path, capsys) -> None:
    url = db.engine.url.render_as_string(hide_password=False)
    run = lambda *argv: main(["--db", url, *argv])  # noqa: E731
    paracetamol = make_article(db, code="654766", min_stock=Decimal(2), max_stock=Decimal(12),
                               barcodes=["8470006547663"])  # fmt: skip
    crema = article(db, "P-1", 1, 4)
    stock(db, seed, paracetamol, "1")
    assert run("suppliers", "add", "--code", "cofares", "--name", "Cofares", "--nif", "F28000065") == 0
    assert run("suppliers", "add", "--code", "cofares", "--name", "Otra") == 2
    assert "Ya existe el proveedor COFARES" in capsys.readouterr().err
    assert run("suppliers", "list") == 0
    assert "COFARES" in capsys.readouterr().out
    assert run("suppliers", "withdraw", "--code", "cofares") == 0
    assert "COFARES (Cofares) dado de baja" in capsys.readouterr().out
    assert run("suppliers", "list") == 0
    assert "COFARES" not in capsys.readouterr().out
    assert run("suppliers", "list", "--all") == 0
    assert "(de baja)" in capsys.readouterr().out
    assert run("orders", "create", "--supplier", "cofares", "--line", "654766:2") == 2
    assert "de baja" in capsys.readouterr().err
    assert run("suppliers", "restore", "--code", "cofares") == 0 and run("suppliers", "withdraw") == 2
    assert "--code" in capsys.readouterr().err
    assert run("suppliers", "withdraw", "--code", "nadie") == 2
    assert "No existe el proveedor 'NADIE'" in capsys.readouterr().err

    assert run("orders", "propose") == 0
    out = capsys.readouterr().out
    assert "6547663" in out and "P-1" in out and "2 artículos, 15 unidades propuestas." in out
    proposal = tmp_path / "propuesta.csv"
    assert run("orders", "propose", "--csv", str(proposal)) == 0
    rows = list(csv.DictReader(proposal.open(encoding="utf-8"), delimiter=";"))
    assert [(r["code"], r["on_hand"], r["proposed"]) for r in rows] == [
        ("P-1", "0", "4"),
        ("6547663", "1", "11"),
    ]
    capsys.readouterr()
    assert run("orders", "propose", "--csv") == 0
    assert capsys.readouterr().out == proposal.read_text(encoding="utf-8")

    assert run("orders", "create", "--supplier", "COFARES", "--from-proposal") == 0
    assert "Pedido 1 a Cofares (borrador): 2 líneas, 15 unidades" in capsys.readouterr().out
    assert (
        run("orders", "create", "--supplier", "COFARES", "--line", "8470006547663:3:1,25", "--line", "P-1:2")
        == 0
    )
    assert "Pedido 2" in capsys.readouterr().out
    assert run("orders", "send", "1") == 0
    assert "Pedido 1 enviado a Cofares: 15 unidades pedidas." in capsys.readouterr().out
    assert run("orders", "cancel", "2") == 0
    assert article_card(db, paracetamol).on_order == Decimal(11)

    assert run("orders", "receive", "1", "--line", "654766:5:LT1:2028-01-31", "--delivery-note", "ALB-5") == 0
    assert (
        "Pedido 1: 1 líneas recibidas, recibido en parte; quedan 10 unidades pendientes."
        in capsys.readouterr().out
    )
    assert run("orders", "show", "1") == 0
    shown = capsys.readouterr().out
    assert "recibido en parte" in shown and "PARACETAMOL" in shown
    assert run("orders", "receive", "1", "--all") == 0
    assert "recibido." in capsys.readouterr().out
    assert run("orders", "list") == 0
    listed = capsys.readouterr().out
    assert "recibido " in listed and "anulado" in listed and "2 pedidos." in listed
    assert run("orders", "list", "--state", "cancelled") == 0
    assert "1 pedidos." in capsys.readouterr().out
    with db.uow(read_only=True) as uow:
        assert on_hand(uow.session, paracetamol) == Decimal(12) and on_hand(uow.session, crema) == Decimal(4)
        documents = uow.session.scalars(
            select(StockMovement.document_ref)
            .where(StockMovement.kind == "reception")
            .order_by(StockMovement.id)
        ).all()
        assert documents == ["ALB-5", "Pedido 1", "Pedido 1"]

    for argv, message in (
        (("orders", "send", "1"), "ya está recibido"),
        (("orders", "show", "9"), "No existe el pedido 9"),
        (("orders", "send"), "Indique el número del pedido"),
        (("orders", "create", "--supplier", "NADIE", "--line", "P-1:1"), "No existe el proveedor 'NADIE'"),
        (("orders", "create", "--supplier", "COFARES"), "--from-proposal"),
        (("orders", "create", "--supplier", "COFARES", "--line", "P-1"), "CÓDIGO:CANTIDAD"),
        (("orders", "create", "--supplier", "COFARES", "--line", "NOPE:1"), "no existe el artículo 'NOPE'"),
        (("orders", "create", "--supplier", "COFARES", "--line", "P-1:x"), "no es una cantidad"),
        (("orders", "create", "--supplier", "COFARES", "--line", "P-1:0"), "debe ser positiva"),
        (("orders", "propose", "--warehouse", "NINGUNO"), "No existe el almacén"),
    ):
        assert run(*argv) == 2, argv
        err = capsys.readouterr().err
        assert err.startswith("farmapos: ") and err.count("\n") == 1 and message in err, err


def test_the_demo_pharmacy_has_wholesalers_and_units_on_order(db: Database, tmp_path: Path) -> None:
    from farmapos.demo.pharmacy import WHOLESALERS, build_demo_pharmacy

    summary = build_demo_pharmacy(db, articles=400, days=0, seed=7, data_dir=tmp_path)
    assert "2 pedidos en camino" in summary
    assert [s.code for s in list_suppliers(db)] == sorted(code for code, *_ in WHOLESALERS)
    assert [(o.number, o.state) for o in list_orders(db)] == [(2, "partial"), (1, "sent")]
    ordered = [line.article_id for line in order_view(db, find_order(db, 1)).lines]
    assert all(article_card(db, article_id).on_order > 0 for article_id in ordered)
    with db.uow(read_only=True) as uow:
        assert ledger_mismatches(uow.session) == []


def test_the_article_card_shows_stock_expiry_minimum_flags_and_codes(db: Database, seed) -> None:
    """What the counter's card says of an article: stock per warehouse, the nearest expiry among lots with
    stock (expired, near within the pharmacy's warning days, ok), below its minimum, flags and codes."""
    from datetime import timedelta

    from farmapos.domain.stock import find_or_create_lot

    today = date(2026, 11, 23)
    article_id = make_article(
        db, "654766", "INSULINA RAPIDA 100 UI/ML", price="30.00", min_stock=Decimal(5), location="NEVERA-2",
        fridge=True, needs_prescription=True, barcodes=["8470006547663"], synonyms=["INSRAP"],
    )  # fmt: skip
    assert article_card(db, article_id, today).expiry_state == "none"
    with db.uow() as uow:
        session, article = uow.session, uow.session.get(Article, article_id)
        lots = {
            batch: find_or_create_lot(session, article_id=article_id, warehouse_id=seed.warehouse_id, batch=batch,
                                      expiry=today + timedelta(days=days), needs_review=False)
            for batch, days in (("OLD", -40), ("SOON", 20))
        }  # fmt: skip
        for batch, quantity in (("OLD", 2), ("SOON", 3), ("OLD", -2)):
            move_stock(session, kind="adjustment", article=article, warehouse_id=seed.warehouse_id,
                       quantity=Decimal(quantity), seller_id=seed.seller_id, reason="Inventario",
                       lot_id=lots[batch].id)  # fmt: skip
        uow.commit()
    card = article_card(db, article_id, today)
    assert (card.code, card.description, card.price, card.location) == (
        "6547663", "INSULINA RAPIDA 100 UI/ML", Decimal("30.00"), "NEVERA-2"
    )  # fmt: skip
    assert card.total_stock == Decimal(3) and (card.min_stock, card.below_min) == (Decimal(5), True)
    assert dict(card.stock)[next(name for name, _q in card.stock)] == Decimal(3)
    assert (card.nearest_expiry, card.expiry_state) == (
        today + timedelta(days=20),
        "near",
    )  # the spent lot left
    assert article_card(db, article_id, today - timedelta(days=30)).expiry_state == "ok"
    assert article_card(db, article_id, today + timedelta(days=21)).expiry_state == "expired"
    assert (card.fridge, card.needs_prescription, card.psychotropic, card.unlimited) == (
        True,
        True,
        False,
        False,
    )
    assert card.barcodes == ("8470006547663",) and card.synonyms == ("INSRAP",)
    with pytest.raises(NotFound):
        article_card(db, 999_999, today)
