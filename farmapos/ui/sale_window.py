"""One seller's sale window in the counter: the code field, the lines, the article card, the totals and the
last operation, and the keys that act on the sale (the counter window holds the tabs and the shared keys)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from farmapos.domain.article_card import article_data, update_article
from farmapos.domain.cash import CashError
from farmapos.domain.catalogue import create_article
from farmapos.domain.counter import (
    SellerView,
)
from farmapos.domain.customers import create_customer, search_customers
from farmapos.domain.errors import AmbiguousScan, FarmaposError
from farmapos.domain.gs1 import PackScan
from farmapos.domain.sales.service import SaleService
from farmapos.domain.sales.views import LineAdded, PaymentInput, SaleView
from farmapos.ui.article_panel import ArticlePanel
from farmapos.ui.counter_dialogs import (
    ArticleDialog,
    CustomerDialog,
    DiscountDialog,
    NewCustomerDialog,
    PrescriptionDialog,
    ReturnDialog,
)
from farmapos.ui.dialogs import PayDialog, SearchDialog
from farmapos.ui.i18n import money, quantity, tr_message
from farmapos.ui.labels import RoomyLabel
from farmapos.ui.register_dialog import RegisterDialog
from farmapos.ui.sale_model import SaleLinesModel
from farmapos.ui.text_size import large_font

if TYPE_CHECKING:
    from farmapos.ui.counter import CounterWindow


def parse_multiplier(text: str) -> tuple[Decimal, str]:
    """`3*847000…` → (3, code): the quantity typed before the code."""
    if "*" in text:
        count, code = text.split("*", 1)
        if count.strip().isdigit():
            return Decimal(count.strip()), code.strip()
    return Decimal(1), text.strip()


class SaleWidget(QWidget):
    """One seller's window: the code field, the lines, the total and the last operation."""

    def __init__(self, counter: CounterWindow, seller: SellerView, sale: SaleView) -> None:
        super().__init__()
        # attributes
        self.counter, self.seller, self.sale = counter, seller, sale
        # widgets
        self.title = QLabel(seller.name)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("Código o escaneo · F2 buscar · F12 cobrar"))
        self.model = SaleLinesModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setColumnWidth(1, 420)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.total = QLabel()
        self.totals = QLabel()
        self.panel = ArticlePanel()
        self.last = QLabel("")
        self.message = RoomyLabel()
        self.message.setStyleSheet("color: #b00020; font-weight: bold")
        self._scale_fonts()
        # layout
        layout = QVBoxLayout(self)
        for widget in (self.title, self.code, self.table, self.panel, self.totals, self.total, self.last,
                       self.message):  # fmt: skip
            layout.addWidget(widget)
        # The seller's colour through the palette, not a style sheet: a style sheet on the window would
        # route the painting of every child (the lines table on each scan) through Qt's slower
        # style-sheet style.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(seller.colour))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        # signals
        self.code.returnPressed.connect(self._enter)
        self.code.installEventFilter(self)
        # The card waits for the line to be painted (its read would compete with the paint for the
        # interpreter) and for Up/Down to rest; 15 ms is below what a person notices.
        self._card_timer = QTimer(self)
        self._card_timer.setSingleShot(True)
        self._card_timer.setInterval(15)
        self._card_timer.timeout.connect(self._request_card)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_card())
        counter.text_size.sig_changed.connect(self._scale_fonts)
        self.show_sale(sale)

    def _scale_fonts(self, _factor: float = 1.0) -> None:
        """The total and the last operation in large figures, at three times the text size."""
        for label in (self.total, self.last):
            label.setFont(large_font(3.0))

    # -- state -------------------------------------------------------------------------------------
    @property
    def service(self) -> SaleService:
        return self.counter.sales

    def show_sale(self, sale: SaleView, select_line: int | None = None) -> None:
        self.sale = sale
        self.model.set_lines(sale.lines)
        self.total.setText(self.tr("Total: {0}").format(money(sale.total)))
        self.totals.setText(
            self.tr("Líneas: {0} · unidades: {1} · descuento: {2}").format(
                len(sale.lines),
                quantity(sale.units),
                money(sale.line_discounts + sale.total_discount),
            )
        )
        if sale.lines:
            row = len(sale.lines) - 1
            if select_line is not None:
                row = next((i for i, line in enumerate(sale.lines) if line.id == select_line), row)
            self.table.selectRow(row)
        self.code.setFocus()

    def _show_card(self) -> None:
        line_id = self.selected_line()
        if line_id is None:
            self.panel.show_card(None)
            return
        self._card_timer.start()  # read off the UI thread once the line is painted (see `_request_card`)

    def _request_card(self) -> None:
        line_id = self.selected_line()
        if line_id is not None:
            self.counter.cards.request(self.sale.line(line_id).article_id)

    def _changed(self, sale: SaleView, select_line: int | None = None) -> None:
        self.message.setText("")
        self.show_sale(sale, select_line)

    def selected_line(self) -> int | None:
        row = self.table.currentIndex().row()
        return self.model.line(row).id if 0 <= row < len(self.sale.lines) else None

    def error(self, text: str) -> None:
        self.message.setText(text)
        QApplication.beep()

    def run(self, action) -> bool:
        """Run a domain action; a domain error is shown in the window, never in a modal box."""
        try:
            action()
        except FarmaposError as exc:
            self.error(tr_message(exc))
            return False
        self.message.setText("")
        return True

    # -- keys --------------------------------------------------------------------------------------
    def add_scanned(self, code: str) -> None:
        """A code from a serial scanner: sold as if typed in the code field."""
        self.code.setText(code)
        self._enter()

    def _enter(self) -> None:
        text = self.code.text()
        if not text.strip():
            return
        quantity, code = parse_multiplier(text)
        self.code.clear()  # free for the next scan while this one is added off the UI thread
        sale_id = self.sale.id
        self.counter.ops.submit(lambda: self.service.add_code(sale_id, code, quantity), self._added,
                                self._add_failed)  # fmt: skip

    def _add_failed(self, exc: Exception) -> None:
        if isinstance(exc, AmbiguousScan):
            pack = self.choose_reading(exc)
            if pack is not None:
                sale_id = self.sale.id
                self.counter.ops.submit(lambda: self.service.add_pack(sale_id, pack), self._added, self.fail)
            return
        self.fail(exc)

    def fail(self, exc: Exception) -> None:
        """An operation's error, in the window: the domain's message, or a short note for a bug (logged)."""
        if isinstance(exc, FarmaposError):
            self.error(tr_message(exc))
        else:
            self.error(self.tr("Error interno ({0}): la operación no se hizo; consulte el registro.").format(
                type(exc).__name__))  # fmt: skip

    def _added(self, added: LineAdded) -> None:
        self.show_sale(added.sale, added.line_id)
        self.message.setText(" · ".join(tr_message(event.message) for event in added.events))
        line = added.sale.line(added.line_id)
        self.counter.bridge.show_line(line.description, line.amount)
        if line.psychotropic or line.narcotic:
            self.ask_register_data(line.id)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.code and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            key, line_id, rows = event.key(), self.selected_line(), len(self.sale.lines)
            row = self.table.currentIndex().row()
            if key == Qt.Key.Key_Up and row > 0:
                self.table.selectRow(row - 1)
                return True
            if key == Qt.Key.Key_Down and row + 1 < rows:
                self.table.selectRow(row + 1)
                return True
            plain = not event.modifiers() & Qt.KeyboardModifier.ControlModifier  # Ctrl++/Ctrl+−: text size
            edits = (Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_Delete)
            if key in edits and plain and not self.code.text() and not self.counter.ops.idle():
                # The line a key means is the one on screen once the scans typed before it are in.
                self.counter.ops.drain()
                line_id = self.selected_line()
            if (
                key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus)
                and plain
                and not self.code.text()
                and line_id is not None
            ):
                step, sale_id = (1 if key == Qt.Key.Key_Plus else -1), self.sale.id
                self.counter.ops.submit(lambda: self.service.change_quantity(sale_id, line_id, step),
                                        lambda view: self._changed(view, line_id), self.fail)  # fmt: skip
                return True
            if key == Qt.Key.Key_Delete and plain and not self.code.text() and line_id is not None:
                sale_id = self.sale.id
                self.counter.ops.submit(lambda: self.service.remove_line(sale_id, line_id), self._changed,
                                        self.fail)  # fmt: skip
                return True
        return super().eventFilter(watched, event)

    # -- actions -----------------------------------------------------------------------------------
    def choose_reading(self, ambiguous: AmbiguousScan) -> PackScan | None:
        """A DataMatrix read without separators: the seller picks the reading printed on the pack."""
        labels = [
            self.tr("Serie {0} · lote {1} · caduca {2}").format(
                pack.serial or "—", pack.batch or "—", pack.expiry.strftime("%m/%Y") if pack.expiry else "—"
            )
            for pack in ambiguous.candidates
        ]
        choice, ok = QInputDialog.getItem(
            self, self.tr("Confirme lote y caducidad"), str(ambiguous), labels, 0, False
        )
        if not ok:
            self.error(self.tr("Envase no añadido: confirme el lote y la caducidad."))
            return None
        return ambiguous.candidates[labels.index(choice)]

    def ask_register_data(self, line_id: int) -> bool:
        """The register book needs patient, ID and prescriber for a controlled medicine."""
        line = self.sale.line(line_id)
        dialog = RegisterDialog(line.description, line.narcotic, self)
        if not dialog.exec():
            self.error(
                self.tr("Faltan los datos del libro recetario: la venta no se podrá cobrar sin ellos.")
            )
            return False
        return self.run(
            lambda: self.show_sale(self.service.set_register_data(self.sale.id, line_id, dialog.data()))
        )

    def choose_customer(self) -> None:
        dialog = CustomerDialog(lambda text: search_customers(self.counter.db, text), self)
        if not self.counter.run_dialog(dialog):
            self.code.setFocus()
            return
        customer_id = dialog.chosen.id if dialog.chosen else None
        if dialog.create_requested:
            new = NewCustomerDialog(dialog.query.text(), self)
            if not self.counter.run_dialog(new):
                self.code.setFocus()
                return
            result: list = []
            if not self.run(lambda: result.append(create_customer(
                    self.counter.db, name=new.name.text(), nif=new.nif.text(), phone=new.phone.text(),
                    health_card=new.card.text()))):  # fmt: skip
                return
            customer_id = result[0]
        self.run(lambda: self.show_sale(self.service.set_customer(self.sale.id, customer_id)))

    def prescription(self) -> None:
        line_id = self.selected_line()
        if line_id is None:
            self.error(self.tr("Elija una línea."))
            return
        dialog = PrescriptionDialog(self.service.copay_types(), self)
        if self.counter.run_dialog(dialog):
            code = None if dialog.free_sale else dialog.code
            pending = dialog.pending
            self.run(lambda: self.show_sale(
                self.service.set_prescription(self.sale.id, line_id, code, pending=pending), line_id))  # fmt: skip
        self.code.setFocus()

    def prescription_all(self) -> None:
        """Shift+F4: one co-payment type for every line that needs a prescription."""
        dialog = PrescriptionDialog(self.service.copay_types(), self)
        if self.counter.run_dialog(dialog) and dialog.code:
            result: list = []
            if self.run(lambda: result.append(self.service.set_prescription_all(self.sale.id, dialog.code))):
                view, refused = result[0]
                self.show_sale(view)
                if refused:
                    self.error(" · ".join(tr_message(text) for text in refused))
        self.code.setFocus()

    def mark_register(self) -> None:
        """Ctrl+L: the selected line goes to the register book (any medicine the pharmacist decides)."""
        line_id = self.selected_line()
        if line_id is None:
            self.error(self.tr("Elija una línea."))
            return
        self.ask_register_data(line_id)
        self.code.setFocus()

    def discount(self, *, total: bool = False) -> None:
        line_id = self.selected_line()
        if not total and line_id is None:
            self.error(self.tr("Elija una línea."))
            return
        dialog = DiscountDialog(
            self.tr("Descuento en el total") if total else self.tr("Descuento en la línea"), self
        )
        if self.counter.run_dialog(dialog):
            if total:
                self.run(lambda: self.show_sale(self.service.set_total_discount(
                    self.sale.id, pct=dialog.pct, amount=dialog.amount)))  # fmt: skip
            else:
                self.run(lambda: self.show_sale(self.service.set_line_discount(
                    self.sale.id, line_id, pct=dialog.pct, amount=dialog.amount), line_id))  # fmt: skip
        self.code.setFocus()

    def article(self, *, edit: bool) -> None:
        line_id = self.selected_line()
        if edit and line_id is None:
            self.error(self.tr("Elija una línea."))
            return
        article_id = self.sale.line(line_id).article_id if edit else None
        dialog = ArticleDialog(article_data(self.counter.db, article_id) if edit else None, self)
        while self.counter.run_dialog(dialog):
            try:
                if edit:
                    update_article(self.counter.db, article_id, dialog.result_data)
                else:
                    create_article(self.counter.db.uow(), dialog.result_data)
            except FarmaposError as exc:
                dialog.show_error(tr_message(exc))
                continue
            self.message.setText(self.tr("Artículo guardado."))
            self._show_card()
            break
        self.code.setFocus()

    def return_ticket(self) -> None:
        dialog = ReturnDialog(self.service.find_ticket, self)
        if self.counter.run_dialog(dialog):
            result: list = []
            if self.run(lambda: result.append(self.service.refund(dialog.ticket.full_number, dialog.chosen,
                                                                  self.seller.id))):  # fmt: skip
                refund = result[0]
                self.counter.ticket_closed(refund)
                self.counter.bridge.print_ticket(refund.ticket)
                if refund.cash_amount:
                    self.counter.bridge.open_drawer()
                self.last.setText(self.tr("Devolución {0}: {1}").format(
                    refund.ticket.full_number, money(refund.ticket.total)))  # fmt: skip
        self.code.setFocus()

    def search(self) -> None:
        dialog = SearchDialog(self.counter.search, self.counter.workstation.warehouse_id, self)
        if self.counter.run_dialog(dialog) and dialog.chosen is not None:
            hit = dialog.chosen
            self.run(lambda: self.show_sale(self.service.add_article(self.sale.id, hit.id).sale))
        self.code.setFocus()

    def pay(self) -> None:
        if not self.sale.lines:
            self.error(self.tr("La venta está vacía."))
            return
        self.counter.bridge.show_total(self.sale.total)
        dialog = PayDialog(self.sale.total, self)
        if not self.counter.run_dialog(dialog):
            self.code.setFocus()
            return
        # A scan while the dialog was open went to the sale: charge only what the seller was shown.
        self.counter.ops.drain()
        if self.sale.total != dialog.total:
            self.error(self.tr("La venta ha cambiado mientras se cobraba: cobre de nuevo (F12)."))
            return
        total = self.sale.total
        if dialog.method == "cash":
            payments = [PaymentInput("cash", total, dialog.tendered)]
        elif dialog.method == "card":
            payments = [PaymentInput("card", total, card_type="VISA")]
        else:
            payments = [PaymentInput("credit", total)]
        result: list = []
        try:
            result.append(self.service.close(self.sale.id, payments))
        except CashError as exc:
            if not self.counter.offer_cash_session(tr_message(exc)):
                self.error(tr_message(exc))
                return
            self.run(lambda: result.append(self.service.close(self.sale.id, payments)))
        except FarmaposError as exc:
            self.error(tr_message(exc))
        if result:
            closed = result[0]
            self.counter.ticket_closed(closed)
            bridge = self.counter.bridge
            bridge.print_ticket(closed.ticket)
            if closed.cash_amount:
                bridge.open_drawer()
            bridge.show_change(closed.ticket.total, closed.tendered, closed.change)
            self.last.setText(
                self.tr("Último: {0} · entregado {1} · cambio {2}").format(
                    money(closed.ticket.total),
                    money(closed.tendered),
                    money(closed.change),
                )
            )
            self.show_sale(self.service.open_sale(self.seller.id))
            # Prescription slots ("block B, slot S"), completed blocks, low stock, clock warnings.
            self.message.setText(" · ".join(tr_message(event.message) for event in closed.events))

    def park(self) -> None:
        if self.run(lambda: self.service.park(self.sale.id)):
            self.show_sale(self.service.open_sale(self.seller.id))

    def resume_parked(self) -> None:
        parked = self.service.parked_sales()
        if not parked:
            self.error(self.tr("No hay ventas aparcadas."))
            return
        labels = [f"{s.id} · {s.seller_name} · {money(s.total)}" for s in parked]
        choice, ok = QInputDialog.getItem(
            self, self.tr("Ventas aparcadas"), self.tr("Recuperar:"), labels, 0, False
        )
        if ok:
            chosen = parked[labels.index(choice)]
            if self.sale.lines:
                self.service.park(self.sale.id)
            else:
                self.service.cancel(self.sale.id)
            self.run(lambda: self.show_sale(self.service.resume(chosen.id, self.seller.id)))

    def cancel_sale(self) -> None:
        answer = QMessageBox.question(self, self.tr("Anular venta"), self.tr("¿Anular la venta entera?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.service.cancel(self.sale.id)
            self.show_sale(self.service.open_sale(self.seller.id))
