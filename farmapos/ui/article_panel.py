"""The card of the selected line's article: stock per warehouse, min/max, location, expiry, flags, price."""

from __future__ import annotations

from html import escape

from farmapos.domain.article_card import ArticleCard
from farmapos.ui.i18n import day, money, percent, quantity
from farmapos.ui.labels import RoomyLabel

RED, AMBER = "#C62828", "#E69500"


class ArticlePanel(RoomyLabel):
    """Rich text built from an `ArticleCard`; below-minimum and expired in red, near expiry in amber."""

    def __init__(self) -> None:
        super().__init__(lines=3)  # a usual card
        self.setWordWrap(True)
        self.card: ArticleCard | None = None

    def show_card(self, card: ArticleCard | None) -> None:
        self.card = card
        if card is None:
            self.setText("")
            return
        stock_colour = RED if card.below_min else "inherit"
        per_warehouse = " · ".join(f"{escape(name)}: {quantity(q)}" for name, q in card.stock)
        if card.unlimited:
            stock = self.tr("sin control de stock")
        else:
            stock = self.tr("stock {0} (mín {1}, máx {2})").format(
                per_warehouse, quantity(card.min_stock), quantity(card.max_stock)
            )
        expiry = "—" if card.nearest_expiry is None else day(card.nearest_expiry)
        expiry_colour = {"expired": RED, "near": AMBER}.get(card.expiry_state, "inherit")
        flags = [
            label
            for flag, label in (
                (card.needs_prescription, self.tr("RECETA")),
                (card.psychotropic, self.tr("PSICÓTROPO")),
                (card.narcotic, self.tr("ESTUPEFACIENTE")),
                (card.fridge, self.tr("NEVERA")),
                (card.generic, self.tr("EFG")),
            )
            if flag
        ]
        ordered = (
            self.tr("pendientes de recibir: {0}").format(quantity(card.on_order))
            if card.on_order
            else self.tr("sin pedidos pendientes")
        )
        self.setText(
            f"<b>{escape(card.description)}</b> ({escape(card.code)})<br>"
            + self.tr("PVP {0} · IVA {1}").format(money(card.price), percent(card.vat_rate))
            + f" · <span style='color:{stock_colour}'>{stock}</span> · "
            + ordered
            + "<br>"
            + self.tr("Ubicación {0}").format(escape(card.location) or "—")
            + f" · <span style='color:{expiry_colour}'>"
            + self.tr("caducidad más próxima {0}").format(expiry)
            + "</span>"
            + (" · <b>" + " · ".join(flags) + "</b>" if flags else "")
        )
