"""Counter dialogs behind F3 (customer), F4 (prescription), F5/F6 (article card), F7 (discount), F10 (return).

Each returns plain values to the counter, which calls the domain; Esc closes any of them with no effect.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableView,
    QVBoxLayout,
)

from farmapos.domain.catalogue import ArticleData
from farmapos.domain.customers import CustomerView
from farmapos.ui.i18n import editable, money, parse_amount, percent, quantity, tr_message
from farmapos.ui.rows_model import RowsModel


class CustomerDialog(QDialog):
    """F3: type a name, phone, NIF or health card; Up/Down and Enter choose; F5 creates a customer."""

    def __init__(self, search, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cliente"))
        self.resize(700, 400)
        self._search = search
        self.customers: list[CustomerView] = []
        self.chosen: CustomerView | None = None
        self.create_requested = False
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Nombre, teléfono, NIF o tarjeta sanitaria · F5 nuevo cliente"))
        self.model = RowsModel((self.tr("Código"), self.tr("Nombre"), self.tr("NIF"), self.tr("Teléfono"),
                                self.tr("Debe")))  # fmt: skip
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.table)
        self.query.textChanged.connect(self._refresh)
        self.query.returnPressed.connect(self._choose)

    def _refresh(self, text: str) -> None:
        self.customers = self._search(text)
        self.model.set_rows(
            [(c.code, c.name, c.nif or "", c.phone, money(c.balance)) for c in self.customers]
        )
        if self.customers:
            self.table.selectRow(0)

    def _choose(self) -> None:
        row = self.table.currentIndex().row()
        if 0 <= row < len(self.customers):
            self.chosen = self.customers[row]
            self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.table.currentIndex().row()
        if event.key() == Qt.Key.Key_Down and row + 1 < len(self.customers):
            self.table.selectRow(row + 1)
        elif event.key() == Qt.Key.Key_Up and row > 0:
            self.table.selectRow(row - 1)
        elif event.key() == Qt.Key.Key_F5:
            self.create_requested = True
            self.accept()
        else:
            super().keyPressEvent(event)


class NewCustomerDialog(QDialog):
    def __init__(self, name: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nuevo cliente"))
        self.name, self.nif, self.phone, self.card = QLineEdit(name), QLineEdit(), QLineEdit(), QLineEdit()
        layout = QFormLayout(self)
        for label, field in ((self.tr("Nombre"), self.name), (self.tr("NIF"), self.nif),
                             (self.tr("Teléfono"), self.phone), (self.tr("Tarjeta sanitaria"), self.card)):  # fmt: skip
            layout.addRow(label, field)
        chain = [self.name, self.nif, self.phone, self.card]
        for current, following in itertools.pairwise(chain):
            current.returnPressed.connect(following.setFocus)
        self.card.returnPressed.connect(self.accept)


class PrescriptionDialog(QDialog):
    """F4: the co-payment type for the selected line; Enter chooses, P marks it pending, Delete makes it free."""

    def __init__(self, types: list, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Receta"))
        self.types = types
        self.code: str | None = None
        self.pending = False
        self.free_sale = False
        self.list = QListWidget()
        for copay in types:
            self.list.addItem(f"{copay.code} · {copay.name} · {percent(copay.patient_pct)}")
        self.list.setCurrentRow(0)
        self.pending_box = QCheckBox(self.tr("Receta pendiente (P)"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Enter elige · P pendiente · Supr venta libre · Esc cancela")))
        layout.addWidget(self.list)
        layout.addWidget(self.pending_box)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.types:
            self.code = self.types[self.list.currentRow()].code
            self.pending = self.pending_box.isChecked()
            self.accept()
        elif event.key() == Qt.Key.Key_P:
            self.pending_box.setChecked(not self.pending_box.isChecked())
        elif event.key() == Qt.Key.Key_Delete:
            self.free_sale = True
            self.accept()
        else:
            super().keyPressEvent(event)


class DiscountDialog(QDialog):
    """F7 / Shift+F7: `10%` is a percentage, `2,50` an amount in euros."""

    def __init__(self, title: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.pct: Decimal | None = None
        self.amount: Decimal | None = None
        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("10% o 2,50"))
        self.error = QLabel("")
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        self.field.returnPressed.connect(self._accept)

    def _accept(self) -> None:
        text = self.field.text().strip()
        try:
            if text.endswith("%"):
                self.pct = parse_amount(text[:-1])
            else:
                self.amount = parse_amount(text)
        except ValueError as exc:
            self.error.setText(tr_message(exc))
            return
        self.accept()


class ArticleDialog(QDialog):
    """F5 new article / F6 the selected article's card: prices, codes, flags, min/max, location."""

    FLAGS = (
        ("needs_prescription", QT_TRANSLATE_NOOP("ArticleDialog", "Receta")),
        ("psychotropic", QT_TRANSLATE_NOOP("ArticleDialog", "Psicótropo")),
        ("narcotic", QT_TRANSLATE_NOOP("ArticleDialog", "Estupefaciente")),
        ("fridge", QT_TRANSLATE_NOOP("ArticleDialog", "Nevera")),
        ("generic", QT_TRANSLATE_NOOP("ArticleDialog", "EFG")),
        ("unlimited", QT_TRANSLATE_NOOP("ArticleDialog", "Sin stock (servicio)")),
        ("discontinued", QT_TRANSLATE_NOOP("ArticleDialog", "Baja")),
    )
    """Flag and check-box label in the source language (translated when the dialog is built)."""

    def __init__(self, data: ArticleData | None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ficha de artículo") if data else self.tr("Nuevo artículo"))
        data = data or ArticleData(code="", description="", price=Decimal("0.00"))
        self.original = data
        self.code = QLineEdit(data.code)
        self.code.setReadOnly(bool(data.code))
        self.description = QLineEdit(data.description)
        self.price = QLineEdit(editable(data.price, 2))
        self.vat = QLineEdit("" if data.vat_rate is None else editable(data.vat_rate))
        self.family = QLineEdit(data.family_code or "")
        self.barcodes = QLineEdit(" ".join(data.barcodes))
        self.synonyms = QLineEdit(" ".join(data.synonyms))
        self.location = QLineEdit(data.location)
        self.min_stock = QLineEdit(editable(data.min_stock))
        self.max_stock = QLineEdit(editable(data.max_stock))
        self.flags = {name: QCheckBox(self.tr(label)) for name, label in self.FLAGS}
        for name, box in self.flags.items():
            box.setChecked(bool(getattr(data, name)))
        self.error = QLabel("")
        layout = QFormLayout(self)
        rows = ((self.tr("Código (CN o interno)"), self.code), (self.tr("Descripción"), self.description),
                (self.tr("PVP"), self.price), (self.tr("IVA %"), self.vat), (self.tr("Familia"), self.family),
                (self.tr("Códigos de barras"), self.barcodes), (self.tr("Sinónimos"), self.synonyms),
                (self.tr("Ubicación"), self.location), (self.tr("Mínimo"), self.min_stock),
                (self.tr("Máximo"), self.max_stock))  # fmt: skip
        for label, field in rows:
            layout.addRow(label, field)
        for box in self.flags.values():
            layout.addRow(box)
        layout.addRow(self.error)
        fields_ = [field for _label, field in rows if not field.isReadOnly()]
        for current, following in itertools.pairwise(fields_):
            current.returnPressed.connect(following.setFocus)
        fields_[-1].returnPressed.connect(self._accept)
        self.result_data: ArticleData | None = None

    def _accept(self) -> None:
        try:
            values = {
                "code": self.code.text().strip(), "description": self.description.text(),
                "price": parse_amount(self.price.text()),
                "vat_rate": parse_amount(self.vat.text()) if self.vat.text().strip() else None,
                "family_code": self.family.text().strip().upper() or None,
                "barcodes": self.barcodes.text().split(), "synonyms": self.synonyms.text().split(),
                "location": self.location.text().strip(), "min_stock": parse_amount(self.min_stock.text() or "0"),
                "max_stock": parse_amount(self.max_stock.text() or "0"),
            }  # fmt: skip
        except ValueError as exc:
            self.error.setText(tr_message(exc))
            return
        values |= {name: box.isChecked() for name, box in self.flags.items()}
        kept = {k: v for k, v in self.original.__dict__.items() if k not in values}
        self.result_data = ArticleData(**(kept | values))
        self.accept()

    def show_error(self, text: str) -> None:
        self.error.setText(text)


class ReturnDialog(QDialog):
    """F10: scan or type the ticket number, Enter; then a quantity per line (empty = none); Enter confirms."""

    def __init__(self, find, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Devolución"))
        self.resize(700, 400)
        self._find = find
        self.ticket = None
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("Número de ticket (escanee el código de barras del ticket)"))
        self.info = QLabel("")
        self.quantities: list[tuple[int, QLineEdit]] = []
        self.lines_box = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.number)
        layout.addWidget(self.info)
        layout.addLayout(self.lines_box)
        self.number.returnPressed.connect(self._load)
        self.chosen: list[tuple[int, Decimal]] = []

    def _load(self) -> None:
        from farmapos.domain.errors import FarmaposError

        try:
            self.ticket = self._find(self.number.text())
        except FarmaposError as exc:
            self.info.setText(tr_message(exc))
            return
        self.info.setText(
            self.tr("Ticket {0}: {1}").format(self.ticket.full_number, money(self.ticket.total))
        )
        for line in self.ticket.lines:
            field = QLineEdit()
            field.setPlaceholderText(
                self.tr("{0} · vendido {1}").format(line.description, quantity(line.quantity))
            )
            self.lines_box.addWidget(field)
            self.quantities.append((line.id, field))
        for (_id, current), (_id2, following) in zip(self.quantities, self.quantities[1:], strict=False):
            current.returnPressed.connect(following.setFocus)
        if self.quantities:
            self.quantities[-1][1].returnPressed.connect(self._confirm)
            self.quantities[0][1].setFocus()

    def _confirm(self) -> None:
        chosen = []
        for line_id, field in self.quantities:
            if field.text().strip():
                try:
                    chosen.append((line_id, parse_amount(field.text())))
                except ValueError as exc:
                    self.info.setText(tr_message(exc))
                    return
        if not chosen:
            self.info.setText(self.tr("Indique qué se devuelve."))
            return
        self.chosen = chosen
        self.accept()
