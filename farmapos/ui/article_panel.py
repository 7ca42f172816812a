"""The card of the selected line's article: stock per warehouse, min/max, location, expiry, flags, price."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from farmapos.domain.article_card import ArticleCard
from farmapos.formats import format_date, format_money, format_quantity

RED, AMBER = "#C62828", "#E69500"


class ArticlePanel(QLabel):
    """Rich text built from an `ArticleCard`; below-minimum and expired in red, near expiry in amber."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.card: ArticleCard | None = None

    def show_card(self, card: ArticleCard | None) -> None:
        self.card = card
        if card is None:
            self.setText("")
            return
        stock_colour = RED if card.below_min else "inherit"
        stock = " · ".join(f"{name}: {format_quantity(q)}" for name, q in card.stock)
        expiry = "—" if card.nearest_expiry is None else format_date(card.nearest_expiry)
        expiry_colour = {"expired": RED, "near": AMBER}.get(card.expiry_state, "inherit")
        flags = [label for flag, label in ((card.needs_prescription, "RECETA"), (card.psychotropic, "PSICÓTROPO"),
                                           (card.narcotic, "ESTUPEFACIENTE"), (card.fridge, "NEVERA"),
                                           (card.generic, "EFG")) if flag]  # fmt: skip
        self.setText(
            f"<b>{card.description}</b> ({card.code})<br>"
            f"PVP {format_money(card.price)} · IVA {format_quantity(card.vat_rate)} % · "
            f"<span style='color:{stock_colour}'>"
            + ("sin control de stock" if card.unlimited else f"stock {stock} (mín {format_quantity(card.min_stock)}, "
               f"máx {format_quantity(card.max_stock)})") + "</span> · pedido: sin pedidos pendientes<br>"
            f"Ubicación {card.location or '—'} · "
            f"<span style='color:{expiry_colour}'>caducidad más próxima {expiry}</span>"
            + (" · <b>" + " · ".join(flags) + "</b>" if flags else "")
        )  # fmt: skip
