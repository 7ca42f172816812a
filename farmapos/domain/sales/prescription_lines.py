"""Prescription lines: the co-payment type of a line (in force today, reduced ATC groups, what it admits),
pending prescriptions completed later, and the register-book data of controlled medicines."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from farmapos.domain.errors import NotFound, SaleError, ValidationError
from farmapos.domain.models import Article, CopayType, ReducedAtcGroup, Sale, SaleLine
from farmapos.domain.money import ZERO
from farmapos.domain.register import RegisterData, check_register_data
from farmapos.domain.sales.build import discounts_on_prescriptions
from farmapos.domain.sales.views import SaleEvent, SaleView
from farmapos.messages import msg, reason


@dataclass(frozen=True)
class CopayTypeView:
    code: str
    name: str
    patient_pct: Decimal
    payer: str
    cap_per_pack: Decimal | None


class PrescriptionUseCases:
    """`SaleService`'s prescription use cases (a part of it: they use its helpers)."""

    def copay_types(self) -> list[CopayTypeView]:
        with self.db.uow(read_only=True) as uow:
            return [
                CopayTypeView(c.code, c.name, Decimal(c.patient_pct), c.payer, c.cap_per_pack)
                for c in self._copays_in_force(uow.session)
            ]

    def _copays_in_force(self, session: Session) -> list[CopayType]:
        today = self.today()
        rows = session.scalars(
            select(CopayType)
            .where(CopayType.valid_from <= today)
            .where((CopayType.valid_to.is_(None)) | (CopayType.valid_to >= today))
            .order_by(CopayType.code, CopayType.valid_from.desc())
        ).all()
        seen: dict[str, CopayType] = {}
        for row in rows:
            seen.setdefault(row.code, row)
        return list(seen.values())

    def set_prescription(
        self, sale_id: int, line_id: int, copay_code: str | None, *, pending: bool = False
    ) -> SaleView:
        """Make a line a prescription sale with a co-payment type (or a free sale again with None)."""
        with self.db.uow(draft=True) as uow:
            session = uow.session
            sale = self._sale(session, sale_id)
            line = self._line(sale, line_id)
            if copay_code is None:
                line.copay_type_id, line.copay_pct, line.copay_cap, line.pending_prescription = (
                    None,
                    None,
                    None,
                    False,
                )
            else:
                copay = next((c for c in self._copays_in_force(session) if c.code == copay_code), None)
                if copay is None:
                    raise NotFound(msg("No hay tipo de aportación {code!r} en vigor hoy.", code=copay_code))
                article = session.get(Article, line.article_id)
                names = {"article": article.description, "copay": copay.name}
                if article.advertised and not copay.admits_advertised:
                    raise ValidationError(
                        msg("{article} es un medicamento publicitario: no admitido en {copay}.", **names)
                    )
                if article.excluded_funding and not copay.admits_excluded_funding:
                    raise ValidationError(
                        msg("{article} está excluido de la financiación: no admitido en {copay}.", **names)
                    )
                line.copay_type_id, line.pending_prescription = copay.id, pending
                line.copay_pct, line.copay_cap = self._copay_terms(session, copay, article)
                if not discounts_on_prescriptions(session):
                    line.discount_pct, line.discount_amount = ZERO, None
            view = self._save(session, sale)
            uow.commit()
        return view

    def _copay_terms(
        self, session: Session, copay: CopayType, article: Article
    ) -> tuple[Decimal, Decimal | None]:
        """The patient's percentage and per-pack cap: the type's, or the reduced ATC group's when lower."""
        pct, cap = Decimal(copay.patient_pct), copay.cap_per_pack
        if copay.reduced_atc and article.atc_code:
            today = self.today()
            groups = session.scalars(
                select(ReducedAtcGroup).where(
                    ReducedAtcGroup.valid_from <= today,
                    (ReducedAtcGroup.valid_to.is_(None)) | (ReducedAtcGroup.valid_to >= today),
                )
            ).all()
            group = next(
                (g for g in groups if article.atc_code.upper().startswith(g.atc_prefix.upper())), None
            )
            if group is not None and Decimal(group.patient_pct) <= pct:
                pct = Decimal(group.patient_pct)
                cap = (
                    min(Decimal(group.cap_per_pack), Decimal(cap)) if cap is not None else group.cap_per_pack
                )
        return pct, cap

    def set_register_data(self, sale_id: int, line_id: int, data: RegisterData) -> SaleView:
        """Register-book data for a controlled medicine, kept on the line until the sale closes."""
        with self.db.uow(draft=True) as uow:
            sale = self._sale(uow.session, sale_id)
            line = self._line(sale, line_id)
            article = uow.session.get(Article, line.article_id)
            # Controlled medicines have their rules; any other line the seller marks needs the basic data.
            check_register_data(article, data, Decimal(line.quantity))
            line.register_data = data.to_json()
            if data.prescription_number:
                line.prescription_number = data.prescription_number
            view = self._save(uow.session, sale)
            uow.commit()
        return view

    def complete_prescription(self, line_id: int, prescription_number: str = "") -> SaleEvent:
        """A pending prescription received later: it now takes its slot in a block."""
        from farmapos.domain.blocks import place

        with self.db.uow() as uow:
            session = uow.session
            line = session.get(SaleLine, line_id)
            if line is None or not line.pending_prescription or line.completed_at is not None:
                raise NotFound(msg("No hay una receta pendiente en esa línea."))
            sale = session.get(Sale, line.sale_id)
            if sale.state != "closed":
                raise SaleError(msg("La venta de esa receta pendiente aún no está cerrada."))
            line.completed_at = self.clock()
            line.pending_prescription = False
            if prescription_number:
                line.prescription_number = prescription_number
            placed = place(session, sale, line, session.get(CopayType, line.copay_type_id), self.clock())
            uow.commit()
        completed = msg(
            "Receta completada: bloque {copay} {block}, hueco {slot}.",
            copay=placed.copay_code,
            block=placed.block_number,
            slot=placed.slot,
        )
        return SaleEvent("prescription_slot", completed, line.article_id)

    def set_prescription_all(self, sale_id: int, copay_code: str) -> tuple[SaleView, list[str]]:
        """The same co-payment type for every line that needs a prescription; returns the lines it could not
        take, each with the reason (not admitted), so the seller sees them and the rest is done."""
        view = self.get(sale_id)
        refused = []
        for line in view.lines:
            if line.needs_prescription and line.copay_code != copay_code:
                try:
                    view = self.set_prescription(sale_id, line.id, copay_code)
                except (ValidationError, NotFound) as exc:
                    refused.append(reason(exc))
        return self.get(sale_id), refused

    def pending_prescriptions(self) -> list[tuple[int, str, str, Decimal]]:
        """(line id, ticket, description, quantity) of dispensed prescriptions still waiting for their paper."""
        with self.db.uow(read_only=True) as uow:
            rows = uow.session.execute(
                select(SaleLine.id, Sale.full_number, SaleLine.description, SaleLine.quantity)
                .join(Sale, Sale.id == SaleLine.sale_id)
                .where(SaleLine.pending_prescription.is_(True), Sale.state == "closed", Sale.kind == "ticket")
                .order_by(Sale.closed_at)
            ).all()
            return [(r[0], r[1], r[2], Decimal(r[3])) for r in rows]
