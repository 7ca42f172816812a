"""The supplier order's states, on plain objects: what each state allows and where a reception leaves it."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from farmapos.domain.errors import OrderError
from farmapos.domain.models import SupplierOrder, SupplierOrderLine

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def order(state: str = "draft", **ordered: int) -> SupplierOrder:
    lines = [
        SupplierOrderLine(article_id=int(a[1:]), quantity=Decimal(q), received=Decimal(0))
        for a, q in ordered.items()
    ]
    return SupplierOrder(number=7, state=state, lines=lines)


def test_only_a_draft_with_lines_is_sent() -> None:
    empty = order()
    with pytest.raises(OrderError, match="no tiene líneas"):
        empty.send(NOW)
    draft = order(a1=3)
    draft.send(NOW)
    assert (draft.state, draft.sent_at) == ("sent", NOW)
    with pytest.raises(OrderError, match="El pedido 7 ya está enviado"):
        draft.send(NOW)


@pytest.mark.parametrize("state", ["draft", "sent", "partial"])
def test_cancel_what_has_not_all_arrived(state: str) -> None:
    cancelled = order(state, a1=3)
    cancelled.cancel()
    assert cancelled.state == "cancelled"


@pytest.mark.parametrize(("state", "name"), [("received", "recibido"), ("cancelled", "anulado")])
def test_received_and_cancelled_orders_are_final(state: str, name: str) -> None:
    final = order(state, a1=3)
    with pytest.raises(OrderError, match=f"ya está {name}; no se puede anular"):
        final.cancel()
    with pytest.raises(OrderError, match="no admite recepciones"):
        final.record_reception({1: Decimal(1)})


def test_receptions_make_an_order_partial_then_received_and_keep_any_excess() -> None:
    sent = order("sent", a1=3, a2=2)
    with pytest.raises(OrderError, match="borrador"):
        order(a1=1).record_reception({1: Decimal(1)})
    sent.record_reception({1: Decimal(2)})
    assert sent.state == "partial"
    assert [(line.received, line.pending) for line in sent.lines] == [(2, 1), (0, 2)]
    sent.record_reception({1: Decimal(4), 2: Decimal(2), 9: Decimal(1)})
    assert sent.state == "received"
    assert [(line.article_id, line.quantity, line.received, line.pending) for line in sent.lines] == [
        (1, 3, 6, 0),
        (2, 2, 2, 0),
        (9, 0, 1, 0),
    ]
    assert sent.reference == "Pedido 7"
