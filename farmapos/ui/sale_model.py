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
        """Show `lines`, telling the view only what changed: a scan appends a row, `+` changes one, Delete
        removes one, so the view repaints those rows instead of the whole table (a reset re-lays out and
        repaints every cell, several milliseconds with a long sale)."""
        # Formatted once, not per paint; a line that did not change keeps its text (a long sale's scan
        # formats only the new line).
        shown = dict(zip(self._rows, self._cells, strict=True))
        cells = tuple(shown.get(line) or self._display(line) for line in lines)
        old = [row.id for row in self._rows]
        new = [line.id for line in lines]
        start = 0  # the rows before `start` and the last `end` rows are the same lines as before
        while start < min(len(old), len(new)) and old[start] == new[start]:
            start += 1
        end = 0
        while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
            end += 1
        removed, inserted = len(old) - start - end, len(new) - start - end
        if removed and inserted:  # lines replaced or reordered: start again
            self.beginResetModel()
            self._rows, self._cells = lines, cells
            self.endResetModel()
            return
        before = self._cells
        if inserted:
            self.beginInsertRows(QModelIndex(), start, start + inserted - 1)
        elif removed:
            self.beginRemoveRows(QModelIndex(), start, start + removed - 1)
        self._rows, self._cells = lines, cells
        if inserted:
            self.endInsertRows()
        elif removed:
            self.endRemoveRows()
        kept = [(row, row if row < start else row - inserted + removed) for row in range(len(new))
                if row < start or row >= start + inserted]  # fmt: skip
        changed = [row for row, was in kept if cells[row] != before[was]]
        if changed:
            last = len(COLUMNS) - 1
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], last), [_DISPLAY])

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
