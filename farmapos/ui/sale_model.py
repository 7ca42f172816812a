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
        self._cells: tuple[tuple[str, ...], ...] = ()
        self._headers = tuple(self.tr(title) for title in COLUMNS)
        self._pending = self.tr("{0} pdte.")

    def set_lines(self, lines: tuple[LineView, ...]) -> None:
        self.beginResetModel()
        self._rows = lines
        self._cells = tuple(self._display(line) for line in lines)  # formatted once, not per paint
        self.endResetModel()

    def _display(self, line: LineView) -> tuple[str, ...]:
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
        )

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
        # Called for every role of every visible cell on each paint: the cheapest answer first.
        if role == _DISPLAY:
            return self._cells[index.row()][index.column()]
        if role == _ALIGNMENT and index.column() in _NUMBERS:
            return _RIGHT
        return None


_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_NUMBERS = frozenset((2, 3, 4, 5))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
