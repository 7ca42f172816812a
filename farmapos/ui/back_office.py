"""Back office at the counter (Ctrl+B): prescription blocks, monthly billing and the register book."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from farmapos.domain import back_office
from farmapos.domain.db import Database
from farmapos.domain.errors import FarmaposError
from farmapos.ui.i18n import day, moment, money, quantity, tr_message
from farmapos.ui.rows_model import RowsModel

BLOCK_STATES = {
    "open": QT_TRANSLATE_NOOP("BackOfficeDialog", "abierto"),
    "full": QT_TRANSLATE_NOOP("BackOfficeDialog", "lleno"),
    "closed": QT_TRANSLATE_NOOP("BackOfficeDialog", "cerrado"),
    "billed": QT_TRANSLATE_NOOP("BackOfficeDialog", "facturado"),
}
REGISTER_KINDS = {
    "dispensation": QT_TRANSLATE_NOOP("BackOfficeDialog", "dispensación"),
    "return": QT_TRANSLATE_NOOP("BackOfficeDialog", "devolución"),
    "reception": QT_TRANSLATE_NOOP("BackOfficeDialog", "entrada"),
    "correction": QT_TRANSLATE_NOOP("BackOfficeDialog", "corrección"),
}
"""The domain's state and kind identifiers as the screen says them (unknown ones are shown as they are)."""


def _table(model: RowsModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    return table


class BackOfficeDialog(QDialog):
    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Trastienda"))
        self.resize(1000, 600)
        self.db = db
        self.message = QLabel("")
        tabs = QTabWidget()
        tabs.addTab(self._blocks_tab(), self.tr("Bloques de recetas"))
        tabs.addTab(self._billing_tab(), self.tr("Facturación"))
        tabs.addTab(self._register_tab(), self.tr("Libro recetario"))
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.message)
        self.refresh_blocks()

    def _word(self, words: dict[str, str], key: str) -> str:
        source = words.get(key)
        return self.tr(source) if source else key

    def _run(self, action) -> None:
        try:
            action()
        except (FarmaposError, OSError) as exc:
            self.message.setText(tr_message(exc))

    # -- blocks ------------------------------------------------------------------------------------
    def _blocks_tab(self) -> QWidget:
        self.blocks_model = RowsModel((self.tr("Tipo"), self.tr("Nº"), self.tr("Estado"), self.tr("Recetas"),
                                       self.tr("PVP"), self.tr("Aportación"), self.tr("Abierto"),
                                       self.tr("Cerrado")))  # fmt: skip
        self.blocks = []
        self.blocks_table = _table(self.blocks_model)
        close = QPushButton(self.tr("Cerrar bloque"))
        cover = QPushButton(self.tr("Solapa PDF…"))
        close.clicked.connect(lambda: self._run(self.close_selected_block))
        cover.clicked.connect(lambda: self._run(self.cover_of_selected_block))
        return self._page(self.blocks_table, close, cover)

    def _page(self, table: QTableView, *controls: QWidget) -> QWidget:
        page = QWidget()
        bar = QHBoxLayout()
        for control in controls:
            bar.addWidget(control)
        layout = QVBoxLayout(page)
        layout.addLayout(bar)
        layout.addWidget(table)
        return page

    def refresh_blocks(self) -> None:
        self.blocks = back_office.list_blocks(self.db)
        self.blocks_model.set_rows([
            (b.copay_code, str(b.number), self._word(BLOCK_STATES, b.state), f"{b.count}/{b.capacity}",
             money(b.pvp_total), money(b.copay_total), day(b.opened_at.astimezone()),
             day(b.closed_at.astimezone()) if b.closed_at else "—")
            for b in self.blocks
        ])  # fmt: skip

    def _selected_block(self):
        row = self.blocks_table.currentIndex().row()
        if not 0 <= row < len(self.blocks):
            raise FarmaposError(self.tr("Elija un bloque."))
        return self.blocks[row]

    def close_selected_block(self) -> None:
        block = self._selected_block()
        back_office.close_block_by_hand(self.db, block.id)
        self.refresh_blocks()
        self.message.setText(self.tr("Bloque {0} {1} cerrado.").format(block.copay_code, block.number))

    def cover_of_selected_block(self, path: str | None = None) -> None:
        block = self._selected_block()
        path = (
            path
            or QFileDialog.getSaveFileName(
                self, self.tr("Solapa"), self.tr("solapa-{0}-{1}.pdf").format(block.copay_code, block.number)
            )[0]
        )
        if path:
            back_office.write_block_cover(self.db, block.id, Path(path))
            self.message.setText(self.tr("Solapa guardada en {0}").format(path))

    # -- billing -----------------------------------------------------------------------------------
    def _billing_tab(self) -> QWidget:
        self.month = QLineEdit(datetime.now().strftime("%Y-%m"))
        self.payer = QLineEdit("SNS")
        preview = QPushButton(self.tr("Vista previa"))
        final = QPushButton(self.tr("Facturación definitiva"))
        pdf = QPushButton(self.tr("PDF…"))
        self.billing_model = RowsModel((self.tr("Tipo"), self.tr("Descripción"), self.tr("Recetas"), self.tr("PVP"),
                                        self.tr("Aportación"), self.tr("A facturar")))  # fmt: skip
        self.billing_result = None
        preview.clicked.connect(lambda: self._run(self.preview_billing))
        final.clicked.connect(lambda: self._run(lambda: self.preview_billing(final=True)))
        pdf.clicked.connect(lambda: self._run(self.billing_pdf))
        return self._page(_table(self.billing_model), QLabel(self.tr("Mes")), self.month, QLabel(self.tr("Entidad")),
                          self.payer, preview, final, pdf)  # fmt: skip

    def preview_billing(self, final: bool = False) -> None:
        result = back_office.billing(
            self.db, self.month.text().strip(), self.payer.text().strip().upper(), final=final
        )
        self.billing_result = result
        rows = [(r.copay_code, r.copay_name, str(r.prescriptions), money(r.pvp_total),
                 money(r.copay_total), money(r.invoice_total))
                for r in (*result.rows, result.totals)]  # fmt: skip
        rows += [(self.tr("Discrepancia"), tr_message(text), "", "", "", "") for text in result.discrepancies]
        self.billing_model.set_rows(rows)
        self.message.setText(
            self.tr("Definitiva") if result.final else self.tr("Borrador: aún se puede corregir")
        )

    def billing_pdf(self, path: str | None = None) -> None:
        from farmapos.reports.prescriptions_pdf import write_billing_pdf

        if self.billing_result is None:
            self.preview_billing()
        path = (
            path or QFileDialog.getSaveFileName(self, self.tr("Facturación"), self.tr("facturacion.pdf"))[0]
        )
        if path:
            write_billing_pdf(Path(path), back_office.header(self.db), self.billing_result)
            self.message.setText(self.tr("Facturación guardada en {0}").format(path))

    # -- register ----------------------------------------------------------------------------------
    def _register_tab(self) -> QWidget:
        self.book = QComboBox()
        self.book.addItem(self.tr("Psicótropos"), "psychotropics")
        self.book.addItem(self.tr("Estupefacientes"), "narcotics")
        today = datetime.now()
        self.date_from = QLineEdit(today.replace(day=1).strftime("%Y-%m-%d"))
        self.date_to = QLineEdit(today.strftime("%Y-%m-%d"))
        show = QPushButton(self.tr("Ver"))
        pdf = QPushButton(self.tr("PDF…"))
        self.register_model = RowsModel((self.tr("Nº"), self.tr("Fecha"), self.tr("Tipo"), self.tr("CN"),
                                         self.tr("Medicamento"), self.tr("Uds."), self.tr("Paciente"),
                                         self.tr("Médico"), self.tr("Existencia")))  # fmt: skip
        self.register_entries = []
        show.clicked.connect(lambda: self._run(self.show_register))
        pdf.clicked.connect(lambda: self._run(self.register_pdf))
        return self._page(_table(self.register_model), self.book, QLabel(self.tr("Desde")), self.date_from,
                          QLabel(self.tr("Hasta")), self.date_to, show, pdf)  # fmt: skip

    def _range(self) -> tuple[datetime, datetime]:
        try:
            start = datetime.strptime(self.date_from.text().strip(), "%Y-%m-%d").astimezone()
            end = datetime.strptime(self.date_to.text().strip(), "%Y-%m-%d").astimezone() + timedelta(days=1)
        except ValueError:
            raise FarmaposError(self.tr("Fechas AAAA-MM-DD.")) from None
        return start, end

    def show_register(self) -> None:
        start, end = self._range()
        self.register_entries = back_office.register_rows(self.db, self.book.currentData(), start, end)
        self.register_model.set_rows([
            (str(e.number), moment(e.created_at.astimezone()), self._word(REGISTER_KINDS, e.kind), e.code,
             e.description, quantity(e.quantity), f"{e.patient_name} {e.patient_id_document}".strip(),
             f"{e.prescriber_name} {e.prescriber_number}".strip(),
             quantity(e.stock_after) if e.stock_after is not None else "")
            for e in self.register_entries
        ])  # fmt: skip

    def register_pdf(self, path: str | None = None) -> None:
        from farmapos.reports.prescriptions_pdf import write_register_pdf

        start, end = self._range()
        path = path or QFileDialog.getSaveFileName(self, self.tr("Libro"), self.tr("libro.pdf"))[0]
        if path:
            rows = back_office.register_rows(self.db, self.book.currentData(), start, end)
            write_register_pdf(
                Path(path), back_office.header(self.db), self.book.currentData(), rows, start, end
            )
            self.message.setText(self.tr("Libro guardado en {0}").format(path))
