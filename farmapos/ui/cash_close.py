"""The end-of-shift close: a blind count by denomination typed from the keyboard."""

from __future__ import annotations

import itertools
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit

from farmapos.domain.cash import DENOMINATIONS, CashService, CashSessionView, count_total
from farmapos.domain.errors import FarmaposError
from farmapos.ui.i18n import money, parse_amount, tr_message


class CashCloseDialog(QDialog):
    """Type how many of each note and coin (Enter moves on), then what stays in the drawer; Ctrl+Enter closes.

    The expected cash is shown only after the close, so the count stays blind.
    """

    def __init__(self, drawer: CashService, seller_id: int, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cierre de caja"))
        self.drawer, self.seller_id = drawer, seller_id
        self.result_view: CashSessionView | None = None
        self.counts: dict[Decimal, QLineEdit] = {}
        layout = QFormLayout(self)
        for value in DENOMINATIONS:
            field = QLineEdit()
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.counts[value] = field
            layout.addRow(money(value), field)
            field.textChanged.connect(self._update_total)
        self.leave = QLineEdit("0")
        self.note = QLineEdit()
        self.total = QLabel(money(Decimal(0)))
        self.message = QLabel("")
        layout.addRow(self.tr("Contado"), self.total)
        layout.addRow(self.tr("Se deja en caja"), self.leave)
        layout.addRow(self.tr("Nota"), self.note)
        layout.addRow(self.message)
        chain = [*self.counts.values(), self.leave, self.note]
        for current, following in itertools.pairwise(chain):
            current.returnPressed.connect(following.setFocus)
        self.note.returnPressed.connect(self.confirm)
        chain[0].setFocus()

    def _quantities(self) -> dict[Decimal, int]:
        return {
            value: int(field.text()) for value, field in self.counts.items() if field.text().strip().isdigit()
        }

    def _update_total(self) -> None:
        self.total.setText(money(count_total(self._quantities())))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.confirm()
            return
        super().keyPressEvent(event)

    def confirm(self) -> None:
        try:
            leave = parse_amount(self.leave.text()) if self.leave.text().strip() else Decimal(0)
            self.result_view = self.drawer.close(self.seller_id, denominations=self._quantities(),
                                                 left_in_drawer=leave, note=self.note.text())  # fmt: skip
        except (FarmaposError, ArithmeticError, ValueError) as exc:
            self.message.setText(tr_message(exc))
            return
        view = self.result_view
        self.message.setText(
            self.tr("Esperado {0} · contado {1} · diferencia {2}").format(
                money(view.expected_cash),
                money(view.counted_cash),
                money(view.difference),
            )
        )
        self.accept()
