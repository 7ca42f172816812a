"""The sale lines model tells the view only what changed, and always holds exactly the sale's lines."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from farmapos.domain.sales.views import LineView
from farmapos.ui.sale_model import COLUMNS, SaleLinesModel


def line(line_id: int, quantity: int = 1) -> LineView:
    price = Decimal("2.50")
    return LineView(
        id=line_id, position=line_id, article_id=100 + line_id, code=f"{line_id:07d}",
        description=f"Artículo {line_id}", quantity=Decimal(quantity), unit_price=price, vat_rate=Decimal(4),
        discount_pct=Decimal(0), discount_amount=Decimal(0), gross=price * quantity, amount=price * quantity,
        payer_amount=Decimal(0), copay_code=None, copay_pct=None, pending_prescription=False, batch=None,
        expiry=None, serial=None, needs_prescription=False, psychotropic=False, narcotic=False, fridge=False,
    )  # fmt: skip


class Recorder:
    """The model's change signals, in order."""

    def __init__(self, model: SaleLinesModel) -> None:
        self.events: list[tuple] = []
        model.modelReset.connect(lambda: self.events.append(("reset",)))
        model.rowsInserted.connect(lambda _p, first, last: self.events.append(("inserted", first, last)))
        model.rowsRemoved.connect(lambda _p, first, last: self.events.append(("removed", first, last)))
        model.dataChanged.connect(
            lambda top, bottom, _roles: self.events.append(("changed", top.row(), bottom.row()))
        )

    def take(self) -> list[tuple]:
        events, self.events = self.events, []
        return events


@pytest.fixture
def model(qapp):
    model = SaleLinesModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    return model


def shown(model: SaleLinesModel) -> list[tuple[str, str]]:
    return [
        (model.data(model.index(row, 0)), model.data(model.index(row, 2))) for row in range(model.rowCount())
    ]


def test_each_change_is_told_as_the_smallest_change(model: SaleLinesModel) -> None:
    seen = Recorder(model)
    a, b, c = line(1), line(2), line(3)
    model.set_lines((a,))
    assert seen.take() == [("inserted", 0, 0)]
    model.set_lines((a, b))  # a scan appends a line
    assert seen.take() == [("inserted", 1, 1)]
    model.set_lines((a, b, c))
    assert seen.take() == [("inserted", 2, 2)]
    model.set_lines((a, replace(b, quantity=Decimal(3)), c))  # `+` on the middle line
    assert seen.take() == [("changed", 1, 1)]
    model.set_lines((a, replace(b, quantity=Decimal(3)), c))  # nothing changed: nothing told
    assert seen.take() == []
    model.set_lines((a, c))  # Delete on the middle line
    assert seen.take() == [("removed", 1, 1)]
    model.set_lines((replace(a, quantity=Decimal(2)), c, line(4)))  # a change and an append at once
    assert seen.take() == [("inserted", 2, 2), ("changed", 0, 0)]
    model.set_lines(())  # the sale closed: a new, empty one
    assert seen.take() == [("removed", 0, 2)]
    model.set_lines((a, b))
    model.set_lines((c,))  # another sale's lines: start again
    assert seen.take()[-1] == ("reset",)


@pytest.mark.parametrize(
    "steps",
    [
        [[1], [1, 2], [1, 2, 3], [1, 3], [3], []],
        [[1, 2, 3], [2, 3], [2], [2, 4, 5], [4, 5], [6]],
        [[1, 2, 3, 4], [1, 4], [1, 5, 4], [5, 4], [4, 5]],
    ],
)
def test_the_model_always_holds_the_lines_given(model: SaleLinesModel, steps: list[list[int]]) -> None:
    for number, ids in enumerate(steps):
        lines = tuple(line(i, quantity=i + number) for i in ids)
        model.set_lines(lines)
        assert model.rowCount() == len(ids) and model.columnCount() == len(COLUMNS)
        assert shown(model) == [(f"{i:07d}", str(i + number)) for i in ids]
        assert [model.line(row).id for row in range(model.rowCount())] == ids


def test_numbers_are_right_aligned_and_text_is_not(model: SaleLinesModel) -> None:
    model.set_lines((line(1),))
    alignment = Qt.ItemDataRole.TextAlignmentRole
    assert model.data(model.index(0, 1), alignment) is None
    assert model.data(model.index(0, 5), alignment) & int(Qt.AlignmentFlag.AlignRight)


def test_a_scan_formats_only_the_lines_that_changed(model: SaleLinesModel, monkeypatch) -> None:
    """A long sale's scan formats the new line only; a line whose amounts changed (a discount on the total)
    is formatted again and shows its new amount."""
    formatted: list[int] = []
    display = SaleLinesModel._display
    monkeypatch.setattr(
        SaleLinesModel, "_display", lambda self, row: formatted.append(row.id) or display(self, row)
    )
    lines = tuple(line(i) for i in range(1, 21))
    model.set_lines(lines)
    assert len(formatted) == 20
    formatted.clear()
    model.set_lines((*lines, line(21)))
    assert formatted == [21]
    formatted.clear()
    cheaper = replace(lines[4], amount=Decimal("2.25"))
    model.set_lines((*lines[:4], cheaper, *lines[5:], line(21)))
    assert formatted == [5] and model.data(model.index(4, 5)) == "2,25 €"
