"""Text size at the counter: Ctrl++ / Ctrl+− / Ctrl+0 scale every font, the choice kept per machine."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from farmapos.ui.text_size import LARGEST, SMALLEST, TextSize, nearest_step
from tests.factories import make_article, seed_pharmacy
from tests.ui.keys import press, scan


@pytest.fixture
def text_size(qapp):
    sizes: list[TextSize] = []

    def make(**kwargs) -> TextSize:
        sizes.append(TextSize(qapp, **kwargs))
        return sizes[-1]

    yield make
    TextSize(qapp)  # back to the system's size for the tests after this one


def point_size() -> float:
    return QApplication.font().pointSizeF()


def test_steps_scale_the_application_font_and_stop_at_the_ends(text_size) -> None:
    size = text_size()
    base = point_size()
    size.bigger()
    assert size.factor == 1.1 and point_size() == pytest.approx(base * 1.1)
    for _ in range(20):
        size.bigger()
    assert size.factor == LARGEST and point_size() == pytest.approx(base * LARGEST)
    for _ in range(20):
        size.smaller()
    assert size.factor == SMALLEST and point_size() == pytest.approx(base * SMALLEST)
    size.reset()
    assert size.factor == 1.0 and point_size() == pytest.approx(base)
    assert nearest_step(1.3) == 1.25 and nearest_step(7) == LARGEST


def test_the_choice_is_kept_and_the_configured_size_is_the_default(text_size, tmp_path) -> None:
    settings = tmp_path / "counter.ini"
    assert text_size(default=1.25, settings_file=settings).factor == 1.25  # nothing chosen yet
    chosen = text_size(default=1.25, settings_file=settings)
    chosen.bigger()
    assert chosen.factor == 1.4
    again = text_size(default=1.25, settings_file=settings)  # the next start
    assert again.factor == 1.4
    again.reset()  # Ctrl+0: the configured size
    assert again.factor == 1.25 and text_size(settings_file=settings).factor == 1.25
    settings.write_text("[counter]\ntext_size=huge\n")
    assert text_size(default=1.1, settings_file=settings).factor == 1.1


def test_ctrl_plus_minus_zero_at_the_counter(qtbot, counter_on, text_size) -> None:
    def prepare(db) -> None:
        seed_pharmacy(db)
        make_article(db, code="654766", price="2.50")

    size = text_size()
    window, _db = counter_on(prepare, text_size=size)
    sale = window.current()
    base, total, card = point_size(), sale.total.font().pointSizeF(), sale.panel.minimumHeight()
    scan(qtbot, sale, "654766")
    qtbot.keyClick(sale.code, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert size.factor == 1.1 and point_size() == pytest.approx(base * 1.1)
    assert sale.total.font().pointSizeF() == pytest.approx(total * 1.1)  # the large figures follow
    assert "110 %" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: sale.panel.minimumHeight() > card)  # room for the card's lines at the new size
    qtbot.keyClick(sale.code, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(sale.code, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert size.factor == 0.9 and sale.total.font().pointSizeF() == pytest.approx(total * 0.9)
    assert [line.quantity for line in sale.sale.lines] == [1]  # Ctrl+− is not − on the line
    qtbot.keyClick(sale.code, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert size.factor == 1.0 and point_size() == pytest.approx(base)
    press(qtbot, sale, Qt.Key.Key_Plus)  # + alone still adds a unit
    assert [line.quantity for line in sale.sale.lines] == [2]
