"""The stock ledger: append-only, and the quantity on hand always equals the sum of its movements."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError

from farmapos.domain.db import Database
from farmapos.domain.errors import StockError, ValidationError
from farmapos.domain.models import Article, Lot, StockMovement
from farmapos.domain.stock import find_or_create_lot, ledger_mismatches, ledger_sum, move_stock, on_hand
from tests.factories import make_article


def _move(db: Database, seed, article_id: int, quantity: str, kind: str = "adjustment", lot_id=None):
    with db.uow() as uow:
        article = uow.session.get(Article, article_id)
        change = move_stock(
            uow.session,
            kind=kind,
            article=article,
            warehouse_id=seed.warehouse_id,
            quantity=Decimal(quantity),
            seller_id=seed.seller_id,
            reason="test",
            document_ref="DOC-1",
            lot_id=lot_id,
        )
        uow.commit()
    return change


def test_movements_update_level_and_ledger_together(db: Database, seed) -> None:
    article_id = make_article(db)
    assert _move(db, seed, article_id, "12", "reception").quantity_after == Decimal(12)
    assert _move(db, seed, article_id, "-5", "sale").quantity_after == Decimal(7)
    with db.uow(read_only=True) as uow:
        assert on_hand(uow.session, article_id) == ledger_sum(uow.session, article_id) == Decimal(7)
        movement = uow.session.scalars(select(StockMovement).order_by(StockMovement.id)).all()[-1]
        assert (movement.kind, movement.seller_id, movement.document_ref, movement.reason) == (
            "sale",
            seed.seller_id,
            "DOC-1",
            "test",
        )
        assert movement.created_at.tzinfo is not None
        assert ledger_mismatches(uow.session) == []


def test_a_movement_rolled_back_leaves_no_trace(db: Database, seed) -> None:
    article_id = make_article(db)
    with db.uow() as uow:
        move_stock(
            uow.session,
            kind="reception",
            article=uow.session.get(Article, article_id),
            warehouse_id=seed.warehouse_id,
            quantity=Decimal(3),
            seller_id=None,
            reason="x",
        )
    with db.uow(read_only=True) as uow:
        assert on_hand(uow.session, article_id) == 0
        assert uow.session.scalars(select(StockMovement)).all() == []


@pytest.mark.parametrize("statement", ["update", "delete"])
def test_ledger_refuses_updates_and_deletes(db: Database, seed, statement: str) -> None:
    article_id = make_article(db)
    _move(db, seed, article_id, "4", "reception")
    sql = (
        update(StockMovement).values(quantity=Decimal(40)) if statement == "update" else delete(StockMovement)
    )
    with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as connection:
        connection.execute(sql)
    with db.uow(read_only=True) as uow:
        assert ledger_sum(uow.session, article_id) == Decimal(4)


def test_unlimited_articles_have_no_stock_and_zero_moves_are_refused(db: Database, seed) -> None:
    service = make_article(db, code="S-1", description="TOMA DE TENSIÓN", family="SAN", unlimited=True)
    with pytest.raises(StockError, match="sin control"):
        _move(db, seed, service, "1")
    article_id = make_article(db)
    with pytest.raises(ValidationError, match="cero"):
        _move(db, seed, article_id, "0")


def test_low_stock_alert_is_raised_once_and_rearmed_after_restocking(db: Database, seed) -> None:
    article_id = make_article(db, min_stock=Decimal(3))
    assert _move(db, seed, article_id, "10", "reception").low_stock is None
    assert _move(db, seed, article_id, "-6", "sale").low_stock is None
    alert = _move(db, seed, article_id, "-1", "sale").low_stock
    assert alert is not None and alert.quantity == Decimal(3) and alert.reorder_point == Decimal(3)
    assert _move(db, seed, article_id, "-1", "sale").low_stock is None
    _move(db, seed, article_id, "20", "reception")
    assert _move(db, seed, article_id, "-20", "sale").low_stock is not None


def test_pharmacy_default_reorder_point_applies_without_a_minimum(db: Database, seed) -> None:
    article_id = make_article(db)
    _move(db, seed, article_id, "11", "reception")
    assert _move(db, seed, article_id, "-1", "sale").low_stock.reorder_point == Decimal(10)


def test_lot_quantities_follow_their_movements(db: Database, seed) -> None:
    from datetime import date

    article_id = make_article(db)
    with db.uow() as uow:
        lot = find_or_create_lot(
            uow.session,
            article_id=article_id,
            warehouse_id=seed.warehouse_id,
            batch="ab12",
            expiry=date(2027, 3, 31),
            needs_review=False,
        )
        lot_id = lot.id
        uow.commit()
    _move(db, seed, article_id, "5", "reception", lot_id=lot_id)
    _move(db, seed, article_id, "-2", "sale", lot_id=lot_id)
    with db.uow() as uow:
        assert uow.session.get(Lot, lot_id).quantity == Decimal(3)
        assert uow.session.get(Lot, lot_id).batch == "AB12"
        with pytest.raises(ValidationError, match="caducidad"):
            find_or_create_lot(
                uow.session,
                article_id=article_id,
                warehouse_id=seed.warehouse_id,
                batch="AB12",
                expiry=date(2027, 4, 30),
                needs_review=False,
            )


@pytest.mark.slow
def test_concurrent_counters_never_lose_a_stock_update(db: Database, seed) -> None:
    """Several writers selling the same article at once: the level still equals the ledger."""
    article_id = make_article(db)
    _move(db, seed, article_id, "100", "reception")
    writers, moves_each = 4, 15
    barrier = threading.Barrier(writers)
    errors: list[BaseException] = []

    def sell() -> None:
        try:
            barrier.wait()
            for _ in range(moves_each):
                _move(db, seed, article_id, "-1", "sale")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=sell) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with db.uow(read_only=True) as uow:
        assert on_hand(uow.session, article_id) == Decimal(100 - writers * moves_each)
        assert ledger_sum(uow.session, article_id) == on_hand(uow.session, article_id)
        assert ledger_mismatches(uow.session) == []
