"""Dialogs of the counter: search as you type (F2) and payment (F12)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QTableView, QVBoxLayout

from farmapos.domain.search import ArticleHit, CatalogueSearch
from farmapos.ui.i18n import money, parse_amount, quantity
from farmapos.ui.rows_model import RowsModel
from farmapos.ui.search_worker import SearchWorker
from farmapos.ui.text_size import large_font

Index = QModelIndex | QPersistentModelIndex


class HitsModel(RowsModel):
    """Search results: the hits themselves for choosing, their formatted rows for showing."""

    def __init__(self) -> None:
        super().__init__()
        self.columns = (
            self.tr("Código"),
            self.tr("Descripción"),
            self.tr("PVP"),
            self.tr("Stock"),
            self.tr("Ubic."),
        )
        self.hits: list[ArticleHit] = []

    def set_hits(self, hits: list[ArticleHit]) -> None:
        self.hits = hits
        self.set_rows([
            (hit.code, hit.description, money(hit.price),
             "∞" if hit.unlimited else quantity(hit.stock or Decimal(0)), hit.location)
            for hit in hits
        ])  # fmt: skip


class SearchDialog(QDialog):
    """F2: words in any order, accents ignored; Up/Down move, Enter chooses, Esc closes."""

    def __init__(self, search: CatalogueSearch, warehouse_id: int, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Buscar artículo"))
        self.resize(900, 500)
        self.chosen: ArticleHit | None = None
        self._search, self._warehouse_id = search, warehouse_id
        self._shown_query = ""
        self.worker = SearchWorker(CatalogueSearch(search.engine), warehouse_id)
        self.worker.sig_results.connect(self._show_results)
        self.worker.sig_failed.connect(self._show_failure)
        self.finished.connect(lambda _result: self.worker.close())
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Escriba parte de la descripción…"))
        self.model = HitsModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setColumnWidth(1, 520)
        self.failure = QLabel("")
        self.failure.setStyleSheet("color: #b00020")
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.table)
        layout.addWidget(self.failure)
        self.query.textChanged.connect(self._refresh)
        self.query.installEventFilter(self)

    def _refresh(self, text: str) -> None:
        self.worker.request(text)

    def _show_results(self, query: str, hits: list) -> None:
        if query != self.query.text():
            return  # typing moved on; the next answer is on its way
        self._shown_query = query
        self.failure.setText("")
        self.model.set_hits(hits)
        if self.model.hits:
            self.table.selectRow(0)

    def _show_failure(self, query: str, text: str) -> None:
        """A search that failed (the database gone): said under the results, which stay as they were."""
        if query == self.query.text():
            self.failure.setText(text)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.query and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            row = self.table.currentIndex().row()
            if event.key() == Qt.Key.Key_Down and row + 1 < len(self.model.hits):
                self.table.selectRow(row + 1)
                return True
            if event.key() == Qt.Key.Key_Up and row > 0:
                self.table.selectRow(row - 1)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._shown_query != self.query.text():
                    # Enter came before the answer to the last keystroke: fetch it now, it takes milliseconds.
                    text = self.query.text()
                    self._show_results(
                        text, self._search.search(text, limit=50, warehouse_id=self._warehouse_id)
                    )
                    row = self.table.currentIndex().row()
                if 0 <= row < len(self.model.hits):
                    self.chosen = self.model.hits[row]
                    self.accept()
                return True
        return super().eventFilter(watched, event)


class PayDialog(QDialog):
    """F12: the total in large figures; type the amount tendered and Enter (Enter alone: exact cash).

    F5 pays by card, F6 on the customer's account.
    """

    def __init__(self, total: Decimal, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cobrar"))
        self.total = total
        self.method = "cash"
        self.tendered: Decimal | None = None
        self.total_label = QLabel(money(total))
        self.total_label.setFont(large_font(4.0))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(
            self.tr("Entregado (Intro: importe exacto) · F5 tarjeta · F6 a cuenta")
        )
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020")
        layout = QVBoxLayout(self)
        for widget in (self.total_label, self.amount, self.error):
            layout.addWidget(widget)
        self.amount.returnPressed.connect(self._pay_cash)

    def _pay_cash(self) -> None:
        text = self.amount.text().strip()
        try:
            tendered = parse_amount(text) if text else self.total
        except ValueError:
            self.error.setText(self.tr("Importe no válido"))
            return
        if tendered < self.total:
            self.error.setText(self.tr("Faltan {0}").format(money(self.total - tendered)))
            return
        self.method, self.tendered = "cash", tendered
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F5:
            self.method = "card"
            self.accept()
        elif event.key() == Qt.Key.Key_F6:
            self.method = "credit"
            self.accept()
        else:
            super().keyPressEvent(event)
