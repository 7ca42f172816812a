"""The counter window: one sale tab per seller, in the seller's colour, driven from the keyboard."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from farmapos.devices import Devices, DeviceSettings, open_devices
from farmapos.domain.article_card import article_card, article_data, update_article
from farmapos.domain.cash import CashError, CashService
from farmapos.domain.catalogue import create_article
from farmapos.domain.counter import (
    SellerView,
    WorkstationView,
    list_sellers,
    update_device_settings,
    verify_pin,
    workstation_view,
)
from farmapos.domain.customers import create_customer, search_customers
from farmapos.domain.db import Database
from farmapos.domain.errors import AmbiguousScan, FarmaposError
from farmapos.domain.gs1 import PackScan
from farmapos.domain.sales.service import SaleService
from farmapos.domain.sales.views import LineAdded, PaymentInput, SaleView
from farmapos.domain.search import CatalogueSearch
from farmapos.ui.article_panel import ArticlePanel
from farmapos.ui.background import LatestWins
from farmapos.ui.cash_close import CashCloseDialog
from farmapos.ui.counter_dialogs import (
    ArticleDialog,
    CustomerDialog,
    DiscountDialog,
    NewCustomerDialog,
    PrescriptionDialog,
    ReturnDialog,
)
from farmapos.ui.device_settings_dialog import DeviceSettingsDialog
from farmapos.ui.devices_bridge import DevicesBridge
from farmapos.ui.dialogs import PayDialog, SearchDialog
from farmapos.ui.i18n import day, money, parse_amount, quantity, tr_message
from farmapos.ui.labels import RoomyLabel
from farmapos.ui.operations import SaleOperations
from farmapos.ui.register_dialog import RegisterDialog
from farmapos.ui.sale_model import SaleLinesModel
from farmapos.ui.scan_burst import ScanBurstFilter
from farmapos.ui.text_size import TextSize, large_font


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
            if key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus) and plain and not self.code.text() and line_id is not None:
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


DEVICE_STATES = {
    "ok": QT_TRANSLATE_NOOP("CounterWindow", "ok"),
    "none": QT_TRANSLATE_NOOP("CounterWindow", "sin configurar"),
    "error": QT_TRANSLATE_NOOP("CounterWindow", "error"),
    "unknown": QT_TRANSLATE_NOOP("CounterWindow", "sin comprobar"),
    "online": QT_TRANSLATE_NOOP("CounterWindow", "conectado"),
    "offline": QT_TRANSLATE_NOOP("CounterWindow", "desconectado"),
    "keyboard": QT_TRANSLATE_NOOP("CounterWindow", "teclado"),
    "serial": QT_TRANSLATE_NOOP("CounterWindow", "serie"),
    "paper_out": QT_TRANSLATE_NOOP("CounterWindow", "sin papel"),
    "switched_off": QT_TRANSLATE_NOOP("CounterWindow", "apagada"),
}
"""The devices' state words (English identifiers in `farmapos.devices`) as the status line says them."""


class CounterWindow(QMainWindow):
    def __init__(
        self,
        db: Database,
        workstation: WorkstationView,
        devices: Devices | None = None,
        text_size: TextSize | None = None,
    ) -> None:
        super().__init__()
        self.text_size = text_size or TextSize(QApplication.instance())
        self.bridge = DevicesBridge(devices)
        self.bridge.sig_status.connect(lambda _status: self._status())
        self.bridge.sig_problem.connect(lambda text: self.current().error(text))
        self.bridge.sig_scan.connect(lambda code: self.current().add_scanned(code))
        self.db, self.workstation = db, workstation
        # The article card is read off the UI thread: the sale line paints first, the card follows.
        self.cards = LatestWins(lambda article_id: article_card(db, article_id), name="farmapos-card")
        self.cards.sig_done.connect(self._card_read)
        self.cards.sig_failed.connect(lambda _article_id, text: self.current().error(text))
        self.ops = SaleOperations()  # scans, +, −, Delete: in order, off the UI thread
        self.sales = SaleService(db, workstation.id)
        self.cash = CashService(db, workstation.id)
        self.search = CatalogueSearch(db.engine)
        self.sellers = list_sellers(db)
        self.tickets: list = []
        self.setWindowTitle(f"farmapos · {workstation.pharmacy_name} · {workstation.name}")
        self.tabs = QTabWidget()
        self.setCentralWidget(self.tabs)
        self._restore_windows()
        self._install_shortcuts()
        self._status()

    def _card_read(self, article_id: int, card) -> None:
        """Show a card read in the background in every window that still has that article selected."""
        for index in range(self.tabs.count()):
            window = self.tabs.widget(index)
            line_id = window.selected_line()
            if line_id is not None and window.sale.line(line_id).article_id == article_id:
                window.panel.show_card(card)

    def shutdown(self) -> None:
        """Stop the background readers and the devices (the app is closing)."""
        self.ops.close()
        self.cards.close()
        self.bridge.close()

    def _restore_windows(self) -> None:
        open_sales = {sale.seller_id: sale for sale in self.sales.open_sales()}
        for seller in self.sellers:
            if seller.id in open_sales:
                self._add_tab(seller, open_sales[seller.id])
        if self.tabs.count() == 0 and self.sellers:
            self._add_tab(self.sellers[0], self.sales.open_sale(self.sellers[0].id))

    def _add_tab(self, seller: SellerView, sale: SaleView) -> SaleWidget:
        widget = SaleWidget(self, seller, sale)
        self.tabs.addTab(widget, seller.name)
        return widget

    def current(self) -> SaleWidget:
        return self.tabs.currentWidget()

    def _install_shortcuts(self) -> None:
        table = [
            ("search", "F2", lambda: self.current().search()),
            ("customer", "F3", lambda: self.current().choose_customer()),
            ("prescription", "F4", lambda: self.current().prescription()),
            ("prescription_all", "Shift+F4", lambda: self.current().prescription_all()),
            ("register_line", "Ctrl+L", lambda: self.current().mark_register()),
            ("new_article", "F5", lambda: self.current().article(edit=False)),
            ("edit_article", "F6", lambda: self.current().article(edit=True)),
            ("line_discount", "F7", lambda: self.current().discount()),
            ("total_discount", "Shift+F7", lambda: self.current().discount(total=True)),
            ("return", "F10", lambda: self.current().return_ticket()),
            ("park", "F8", lambda: self.current().park()),
            ("parked", "F9", lambda: self.current().resume_parked()),
            ("pay", "F12", lambda: self.current().pay()),
            ("cancel", "Ctrl+Delete", lambda: self.current().cancel_sale()),
            ("new_seller", "Ctrl+N", self.choose_seller),
            ("cash_close", "F11", self.close_cash),
            ("reprint", "Ctrl+P", self.bridge.reprint_last),
            ("open_drawer", "Ctrl+O", self.open_drawer),
            ("device_settings", "Ctrl+Alt+D", self.edit_devices),
            ("back_office", "Ctrl+B", self.back_office),
            ("retry_printing", "Ctrl+R", self.bridge.retry_printing),
            *(
                (f"seller_{n}", f"Alt+{n}", lambda _checked=False, n=n: self.switch_to(n))
                for n in range(1, 10)
            ),
        ]
        for name, key, handler in table:
            action = QAction(name, self)
            action.setShortcut(QKeySequence(key))
            action.setAutoRepeat(False)
            action.triggered.connect(lambda _checked=False, handler=handler: self._when_settled(handler))
            self.addAction(action)
        # Text size: no sale involved, so no need to wait for pending operations; Ctrl+= is Ctrl++ on
        # keyboards where + needs Shift.
        for name, keys, handler in (
            ("text_bigger", ("Ctrl++", "Ctrl+="), self.text_size.bigger),
            ("text_smaller", ("Ctrl+-",), self.text_size.smaller),
            ("text_reset", ("Ctrl+0",), self.text_size.reset),
        ):
            action = QAction(name, self)
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.triggered.connect(
                lambda _checked=False, handler=handler: (handler(), self._text_size_shown())
            )
            self.addAction(action)

    def _text_size_shown(self) -> None:
        self.statusBar().showMessage(self.tr("Tamaño del texto: {0} %").format(self.text_size.percent), 3000)

    def _when_settled(self, handler) -> None:
        """Every action sees the sale as the scans typed before it left it: pending operations finish first."""
        if not self.ops.drain():
            self.current().error(self.tr("La base de datos no responde: la acción no se ha hecho, repítala."))
            return
        handler()

    def switch_to(self, number: int) -> None:
        """Alt+N: the window of seller N (in seller order), asking their PIN if they have one."""
        if number > len(self.sellers):
            return
        seller = self.sellers[number - 1]
        if seller.has_pin:
            pin, ok = QInputDialog.getText(self, self.tr("PIN"), self.tr("PIN de {0}:").format(seller.name),
                                           QLineEdit.EchoMode.Password)  # fmt: skip
            if not ok:
                return
            if not verify_pin(self.db, seller.id, pin):
                self.current().error(self.tr("PIN incorrecto."))
                return
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).seller.id == seller.id:
                self.tabs.setCurrentIndex(index)
                break
        else:
            self.tabs.setCurrentWidget(self._add_tab(seller, self.sales.open_sale(seller.id)))
        self.current().code.setFocus()
        self._status()

    def choose_seller(self) -> None:
        names = [s.name for s in self.sellers]
        name, ok = QInputDialog.getItem(
            self, self.tr("Vendedor"), self.tr("Abrir ventana de:"), names, 0, False
        )
        if ok:
            self.switch_to(names.index(name) + 1)

    def run_dialog(self, dialog) -> bool:
        """Show a dialog; a scanner burst while it is open goes to the sale, not into the dialog."""
        burst = ScanBurstFilter(lambda code: self.current().add_scanned(code))
        app = QApplication.instance()
        app.installEventFilter(burst)
        try:
            return bool(dialog.exec())
        finally:
            app.removeEventFilter(burst)

    def offer_cash_session(self, reason: str) -> bool:
        """No drawer open: offer to open one with a counted float (empty: what the last close left)."""
        text, ok = QInputDialog.getText(
            self, self.tr("Abrir caja"), self.tr("{0}\nFondo de caja:").format(reason)
        )
        if not ok:
            return False
        try:
            amount = parse_amount(text) if text.strip() else None
            self.cash.open(self.current().seller.id, amount)
        except (FarmaposError, ValueError) as exc:
            self.current().error(tr_message(exc))
            return False
        return True

    def back_office(self) -> None:
        from farmapos.ui.back_office import BackOfficeDialog

        self.run_dialog(BackOfficeDialog(self.db, self))
        self.current().code.setFocus()

    def edit_devices(self) -> None:
        """Edit and store this workstation's devices, then use them at once."""
        current = self.bridge.devices.settings if self.bridge.devices else DeviceSettings(
            printer=self.workstation.printer_uri, display=self.workstation.display_uri,
            drawer=self.workstation.drawer_uri, scanner=self.workstation.scanner_uri,
            columns=self.workstation.columns, code_page=self.workstation.code_page, profile=self.workstation.profile,
        )  # fmt: skip
        dialog = DeviceSettingsDialog(current, self)
        if not self.run_dialog(dialog) or dialog.settings is None:
            return
        new = dialog.settings
        update_device_settings(
            self.db, self.workstation.id, printer_uri=new.printer, display_uri=new.display, drawer_uri=new.drawer,
            scanner_uri=new.scanner, printer_columns=new.columns, printer_profile=new.profile,
            printer_code_page=new.code_page,
        )  # fmt: skip
        self.bridge.replace(open_devices(new))
        self.current().message.setText(self.tr("Dispositivos guardados y en uso."))

    def open_drawer(self) -> None:
        """Open the drawer without a sale: a permitted seller, a reason, and it is logged."""
        reason, ok = QInputDialog.getText(self, self.tr("Abrir cajón"), self.tr("Motivo:"))
        if not ok:
            return
        try:
            self.cash.log_drawer_opening(self.current().seller.id, reason)
        except FarmaposError as exc:
            self.current().error(tr_message(exc))
            return
        self.bridge.open_drawer()

    def close_cash(self) -> None:
        dialog = CashCloseDialog(self.cash, self.current().seller.id, self)
        if dialog.exec() and dialog.result_view is not None:
            self.current().message.setText(dialog.message.text())
            rows = self.cash_report_rows(dialog.result_view.id)
            # Printed: a Spanish document whatever the screen's language, like the Z report's rows.
            self.bridge.print_report(f"Cierre de caja {dialog.result_view.id}", rows)
        self.current().code.setFocus()

    def cash_report_rows(self, session_id: int) -> list[tuple[str, str]]:
        from farmapos.domain.zreport import z_report

        with self.db.uow(read_only=True) as uow:
            return z_report(uow.session, session_id).rows()

    def ticket_closed(self, closed) -> None:
        self.tickets.append(closed.ticket)
        self._status()

    def _status(self) -> None:
        seller = self.current().seller.name if self.tabs.count() else ""
        devices = {name: self._device_state(state) for name, state in self.bridge.status().items()}
        self.statusBar().showMessage(
            self.tr("{0} · {1} · {2} · impresora {3} · visor {4} · cajón {5} · lector {6}").format(
                self.workstation.name,
                seller,
                day(datetime.now()),
                devices["printer"],
                devices["display"],
                devices["drawer"],
                devices["scanner"],
            )
        )

    def _device_state(self, state: str) -> str:
        """A device's one-word state in the screen's language; the print queue's `(n)` kept after it."""
        word, space, rest = state.partition(" ")
        source = DEVICE_STATES.get(word)
        return (self.tr(source) if source else word) + space + rest


def build_counter_window(
    db: Database,
    workstation_code: str | None = None,
    devices: Devices | None = None,
    text_size: TextSize | None = None,
) -> CounterWindow:
    return CounterWindow(db, workstation_view(db, workstation_code), devices, text_size)
