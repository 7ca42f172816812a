"""Discounts on a sale: per line and on the total, as a percentage or an amount, within each article's (or
its family's) maximum; and the customer, whose fixed discount the lines take."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from farmapos.domain.errors import DiscountError, NotFound, ValidationError
from farmapos.domain.models import Customer
from farmapos.domain.money import HUNDRED, ZERO
from farmapos.domain.sales import rows
from farmapos.domain.sales.build import discounts_on_prescriptions, price_of
from farmapos.domain.sales.views import SaleView
from farmapos.messages import Percent, msg


def _either(pct: Decimal | None, amount: Decimal | None) -> None:
    if (pct is None) == (amount is None):
        raise ValidationError(msg("Indique el descuento como porcentaje o como importe, no ambos."))


class DiscountUseCases:
    """`SaleService`'s discount and customer use cases (a part of it: they use its helpers)."""

    def _max_discount(self, session: Session, article_id: int) -> Decimal:
        """The article's own maximum discount, else its family's, else 100 % (read as a scan reads it)."""
        article = rows.article_by_id(session.connection(), article_id, self.workstation_id)
        if article is None:
            raise NotFound(msg("No existe el artículo {article_id}.", article_id=article_id))
        return article.max_discount_pct

    def _customer_discount(self, session: Session, customer_id: int | None, article_id: int) -> Decimal:
        if customer_id is None:
            return ZERO
        pct = Decimal(session.scalar(select(Customer.discount_pct).where(Customer.id == customer_id)) or 0)
        return min(pct, self._max_discount(session, article_id)) if pct else ZERO

    def set_line_discount(
        self, sale_id: int, line_id: int, *, pct: Decimal | None = None, amount: Decimal | None = None
    ) -> SaleView:
        _either(pct, amount)
        with self.db.uow(draft=True) as uow:
            session = uow.session
            sale = self._sale(session, sale_id)
            line = self._line(sale, line_id)
            if line.copay_type_id is not None and not discounts_on_prescriptions(session):
                raise DiscountError(msg("La farmacia no aplica descuentos en líneas de receta."))
            gross = Decimal(line.quantity) * Decimal(line.unit_price)
            effective = (
                Decimal(pct) if pct is not None else (Decimal(amount) * HUNDRED / gross if gross else ZERO)
            )
            if effective < 0 or (amount is not None and Decimal(amount) < 0):
                raise DiscountError(msg("Un descuento no puede ser negativo."))
            limit = self._max_discount(session, line.article_id)
            if effective > limit:
                raise DiscountError(
                    msg("Descuento del {pct} sobre {article}: el máximo permitido es {maximum}.",
                        pct=Percent(effective.quantize(Decimal("0.01"))), article=line.description,
                        maximum=Percent(limit))
                )  # fmt: skip
            line.discount_pct = Decimal(pct) if pct is not None else ZERO
            line.discount_amount = Decimal(amount) if amount is not None else None
            view = self._save(session, sale)
            uow.commit()
        return view

    def set_total_discount(
        self, sale_id: int, *, pct: Decimal | None = None, amount: Decimal | None = None
    ) -> SaleView:
        _either(pct, amount)
        with self.db.uow(draft=True) as uow:
            session = uow.session
            sale = self._sale(session, sale_id)
            before = (sale.total_discount_pct, sale.total_discount_amount)
            sale.total_discount_pct = Decimal(pct) if pct is not None else ZERO
            sale.total_discount_amount = Decimal(amount) if amount is not None else None
            if (pct is not None and not ZERO <= Decimal(pct) <= HUNDRED) or (
                amount is not None and Decimal(amount) < 0
            ):
                raise DiscountError(msg("El descuento debe estar entre 0 y 100 % y no ser negativo."))
            price = price_of(session, sale)
            for line, priced in zip(sale.lines, price.lines, strict=True):
                if priced.patient == 0 and priced.total_discount_share == 0:
                    continue
                limit = self._max_discount(session, line.article_id)
                total_pct = (
                    (priced.discount + priced.total_discount_share) * HUNDRED / priced.gross
                    if priced.gross
                    else ZERO
                )
                if total_pct > limit:
                    sale.total_discount_pct, sale.total_discount_amount = before
                    raise DiscountError(
                        msg(
                            "Con ese descuento, {article} quedaría con un {pct}: el máximo permitido es {maximum}.",
                            article=line.description,
                            pct=Percent(total_pct.quantize(Decimal("0.01"))),
                            maximum=Percent(limit),
                        )
                    )
            view = self._save(session, sale)
            uow.commit()
        return view

    def set_customer(self, sale_id: int, customer_id: int | None) -> SaleView:
        with self.db.uow(draft=True) as uow:
            session = uow.session
            sale = self._sale(session, sale_id)
            if customer_id is not None and session.get(Customer, customer_id) is None:
                raise NotFound(msg("No existe el cliente {customer_id}.", customer_id=customer_id))
            sale.customer_id = customer_id
            for line in sale.lines:
                if line.discount_amount is None and (
                    line.copay_type_id is None or discounts_on_prescriptions(session)
                ):
                    line.discount_pct = self._customer_discount(session, sale.customer_id, line.article_id)
            view = self._save(session, sale)
            uow.commit()
        return view
