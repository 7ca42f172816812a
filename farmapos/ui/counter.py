"""The counter window: one sale tab per seller, in the seller's colour, driven from the keyboard."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QTabWidget,
)

from farmapos.devices import Devices, DeviceSettings, DeviceState, open_devices
from farmapos.domain.article_card import article_card
from farmapos.domain.cash import CashService
from farmapos.domain.counter import (
    SellerView,
    WorkstationView,
    list_sellers,
    update_device_settings,
    verify_pin,
    workstation_view,
)
from farmapos.domain.db import Database
from farmapos.domain.errors import FarmaposError
from farmapos.domain.sales.service import SaleService
from farmapos.domain.sales.views import SaleView
from farmapos.domain.search import CatalogueSearch
from farmapos.ui.background import LatestWins
from farmapos.ui.cash_close import CashCloseDialog
from farmapos.ui.device_settings_dialog import DeviceSettingsDialog
from farmapos.ui.devices_bridge import DevicesBridge
from farmapos.ui.i18n import day, parse_amount, tr_message
from farmapos.ui.operations import SaleOperations
from farmapos.ui.sale_window import SaleWidget
from farmapos.ui.scan_burst import ScanBurstFilter
from farmapos.ui.text_size import TextSize

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

    def _device_state(self, state: DeviceState) -> str:
        """A device's state in the screen's language, with the tickets waiting to print after it."""
        source = DEVICE_STATES.get(state.word)
        word = self.tr(source) if source else state.word  # a scanner's scheme (`loop`) as it is
        return f"{word} ({state.waiting})" if state.waiting else word


def build_counter_window(
    db: Database,
    workstation_code: str | None = None,
    devices: Devices | None = None,
    text_size: TextSize | None = None,
) -> CounterWindow:
    return CounterWindow(db, workstation_view(db, workstation_code), devices, text_size)
