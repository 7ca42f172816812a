"""Table model of a sale's lines: cached plain rows, `data()` a switch on the role."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from farmapos.domain.sales.views import LineView
from farmapos.ui.i18n import money, quantity

COLUMNS = (
    QT_TRANSLATE_NOOP("SaleLinesModel", "Código"),
    QT_TRANSLATE_NOOP("SaleLinesModel", "Descripción"),
    QT_TRANSLATE_NOOP("SaleLinesModel", "Cant."),
    QT_TRANSLATE_NOOP("SaleLinesModel", "PVP"),
    QT_TRANSLATE_NOOP("SaleLinesModel", "Dto."),
    QT_TRANSLATE_NOOP("SaleLinesModel", "Importe"),
    QT_TRANSLATE_NOOP("SaleLinesModel", "Receta"),
)
"""Column titles in the source language; `headerData` translates them."""
Index = QModelIndex | QPersistentModelIndex


class SaleLinesModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: tuple[LineView, ...] = ()
        self._headers = tuple(self.tr(title) for title in COLUMNS)
        self._pending = self.tr("{0} pdte.")

    def set_lines(self, lines: tuple[LineView, ...]) -> None:
        self.beginResetModel()
        self._rows = lines
        self.endResetModel()

    def line(self, row: int) -> LineView:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                line.code,
                line.description,
                quantity(line.quantity),
                money(line.unit_price),
                money(line.discount_amount) if line.discount_amount else "",
                money(line.amount),
                self._pending.format(line.copay_code or "").strip()
                if line.pending_prescription
                else (line.copay_code or ""),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3, 4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
