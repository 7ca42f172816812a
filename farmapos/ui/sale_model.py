"""Table model of a sale's lines: cached plain rows, `data()` a switch on the role."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from farmapos.domain.sales.views import LineView
from farmapos.formats import format_money, format_quantity

COLUMNS = ("Código", "Descripción", "Cant.", "PVP", "Dto.", "Importe", "Receta")
Index = QModelIndex | QPersistentModelIndex


class SaleLinesModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: tuple[LineView, ...] = ()

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
            return COLUMNS[section]
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
                format_quantity(line.quantity),
                format_money(line.unit_price),
                format_money(line.discount_amount) if line.discount_amount else "",
                format_money(line.amount),
                (line.copay_code or "") + (" pdte." if line.pending_prescription else ""),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3, 4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
