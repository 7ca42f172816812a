"""The counter sale: every change is its own committed transaction, so a crash loses nothing typed.

Stock is only touched when a sale closes (see `closing.py`): an open, parked or cancelled sale leaves no
trace in the ledger.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from farmapos.domain.base import utcnow
from farmapos.domain.db import Database
from farmapos.domain.errors import (
    AmbiguousScan,
    ExpiredLot,
    NotFound,
    SaleError,
    StockError,
    ValidationError,
)
from farmapos.domain.gs1 import PackScan
from farmapos.domain.models import (
    Lot,
    Pharmacy,
    Sale,
    Workstation,
)
from farmapos.domain.money import HUNDRED, round_cents
from farmapos.domain.sales import rows
from farmapos.domain.sales.discounts import DiscountUseCases
from farmapos.domain.sales.prescription_lines import PrescriptionUseCases
from farmapos.domain.sales.views import ClosedSale, LineAdded, PaymentInput, SaleEvent, SaleView
from farmapos.domain.stock import find_or_create_lot
from farmapos.domain.ticket import Ticket
from farmapos.messages import Message, Units, msg, reason
from farmapos.scancodes import normalize_scan

MAX_QUANTITY = Decimal(9999)


def as_quantity(value: Decimal | int | str) -> Decimal:
    try:
        quantity = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise ValidationError(msg("Cantidad no válida: {value!r}.", value=value)) from None
    if quantity <= 0:
        raise ValidationError(
            msg("La cantidad debe ser positiva ({quantity}); para devolver use F10.", quantity=quantity)
        )
    if quantity > MAX_QUANTITY:
        raise ValidationError(
            msg(
                "Cantidad excesiva ({quantity}); el máximo por línea es {maximum}.",
                quantity=quantity,
                maximum=MAX_QUANTITY,
            )
        )
    if quantity != quantity.to_integral_value() and quantity.as_tuple().exponent < -3:
        raise ValidationError(msg("Cantidad con demasiados decimales ({quantity}).", quantity=quantity))
    return quantity


def _expired_lot(batch: str, article: str, expiry: date) -> Message:
    return msg(
        "Lote {batch} de {article} caducado el {expiry}: no se puede vender.",
        batch=batch,
        article=article,
        expiry=expiry,
    )


def retail_price(price: Decimal, vat_rate: Decimal, prices_include_vat: bool) -> Decimal:
    """The unit price the customer sees: the PVP, or, where catalogue prices exclude VAT, PVP plus VAT
    rounded half-up to cents — so every amount downstream is VAT-inclusive and the breakdown exact."""
    if not prices_include_vat:
        return round_cents(Decimal(price) * (HUNDRED + Decimal(vat_rate)) / HUNDRED)
    return Decimal(price)


def _stepped(current: Decimal, delta: Decimal) -> Decimal:
    """`current + delta`, where going below one unit means removing the line rather than returning units."""
    if current + delta <= 0 < current:
        raise ValidationError(
            msg("La línea ya tiene {quantity}: para quitarla, bórrela.", quantity=Units(current))
        )
    return as_quantity(current + delta)


def _check_state(sale_id: int, state: str, states: tuple[str, ...]) -> None:
    if state not in states:
        names = {
            "open": msg("abierta"),
            "parked": msg("aparcada"),
            "closed": msg("cerrada"),
            "cancelled": msg("anulada"),
        }
        raise SaleError(msg("La venta {sale_id} está {state}.", sale_id=sale_id, state=names[state]))


class SaleService(DiscountUseCases, PrescriptionUseCases):
    """Use cases of the sales of one workstation (discounts and prescription lines in their own modules)."""

    def __init__(self, db: Database, workstation_id: int, clock: Callable[[], datetime] = utcnow) -> None:
        self.db = db
        self.workstation_id = workstation_id
        self.clock = clock

    # -- helpers -----------------------------------------------------------------------------------
    def today(self) -> date:
        return self.clock().astimezone().date()

    def _sale(self, session: Session, sale_id: int, *, states: tuple[str, ...] = ("open",)) -> Sale:
        sale = session.get(Sale, sale_id)
        if sale is None or sale.workstation_id != self.workstation_id:
            raise NotFound(msg("No existe la venta {sale_id} en este mostrador.", sale_id=sale_id))
        _check_state(sale_id, sale.state, states)
        return sale

    def _sale_row(
        self, connection: Connection, sale_id: int, *, states: tuple[str, ...] = ("open",)
    ) -> rows.SaleRow:
        sale = rows.load_sale(connection, sale_id)
        if sale is None or sale.workstation_id != self.workstation_id:
            raise NotFound(msg("No existe la venta {sale_id} en este mostrador.", sale_id=sale_id))
        _check_state(sale_id, sale.state, states)
        return sale

    def _line(self, sale: Sale | rows.SaleRow, line_id: int):
        line = next((line for line in sale.lines if line.id == line_id), None)
        if line is None:
            raise NotFound(
                msg("La línea {line_id} no está en la venta {sale_id}.", line_id=line_id, sale_id=sale.id)
            )
        return line

    def _save(self, session: Session, sale: Sale) -> SaleView:
        """Flush an ORM-edited sale and picture it from the stored rows."""
        sale.updated_at = self.clock()
        session.flush()
        return rows.view(session, self._sale_row(session.connection(), sale.id, states=(sale.state,)))

    def _touched(self, connection: Connection, sale: rows.SaleRow) -> SaleView:
        rows.touch(connection, sale, self.clock())
        return rows.view(connection, sale)

    def _warehouse_id(self, session: Session) -> int:
        return session.scalar(select(Workstation.warehouse_id).where(Workstation.id == self.workstation_id))

    # -- sales -------------------------------------------------------------------------------------
    # The open sale's own use cases run on a Core connection (`Database.core`): the counter's hot path.
    def open_sale(self, seller_id: int) -> SaleView:
        with self.db.core(draft=True) as work:
            connection = work.connection
            sale_id = rows.insert_sale(connection, self.workstation_id, seller_id, self.clock())
            view = rows.view(connection, self._sale_row(connection, sale_id))
            work.commit()
        return view

    def get(self, sale_id: int) -> SaleView:
        with self.db.core(read_only=True) as work:
            connection = work.connection
            return rows.view(
                connection, self._sale_row(connection, sale_id, states=("open", "parked", "closed"))
            )

    def _listed(self, state: str) -> list[SaleView]:
        with self.db.core(read_only=True) as work:
            connection = work.connection
            listed = {"workstation_id": self.workstation_id, "state": state}
            ids = connection.execute(rows.LISTED, listed).scalars().all()
            return [
                rows.view(connection, self._sale_row(connection, sale_id, states=(state,))) for sale_id in ids
            ]

    def open_sales(self) -> list[SaleView]:
        """The open sales of this workstation: the counter restores its windows from them after a restart."""
        return self._listed("open")

    def parked_sales(self) -> list[SaleView]:
        return self._listed("parked")

    def park(self, sale_id: int) -> None:
        with self.db.core(draft=True) as work:
            sale = self._sale_row(work.connection, sale_id)
            if not sale.lines:
                raise SaleError(msg("No se aparca una venta vacía."))
            rows.set_state(work.connection, sale, "parked", self.clock())
            work.commit()

    def resume(self, sale_id: int, seller_id: int) -> SaleView:
        with self.db.core(draft=True) as work:
            connection = work.connection
            sale = self._sale_row(connection, sale_id, states=("parked",))
            rows.set_state(connection, sale, "open", self.clock(), seller_id=seller_id)
            view = rows.view(connection, self._sale_row(connection, sale_id))
            work.commit()
        return view

    def cancel(self, sale_id: int) -> None:
        with self.db.core(draft=True) as work:
            sale = self._sale_row(work.connection, sale_id, states=("open", "parked"))
            rows.set_state(work.connection, sale, "cancelled", self.clock())
            work.commit()

    # -- lines -------------------------------------------------------------------------------------
    def add_code(self, sale_id: int, code: str, quantity: Decimal | int | str = 1) -> LineAdded:
        """Add the article a typed or scanned code stands for; a pack's DataMatrix sells from its batch."""
        scan = normalize_scan(code)
        if not scan.text:
            raise ValidationError(msg("No se ha leído ningún código."))
        if scan.is_gs1:
            return self._add_pack(sale_id, scan.text, as_quantity(quantity))
        with self.db.core(draft=True) as work:
            article = rows.article_by_code(work.connection, scan.text, self.workstation_id)
            if article is None:
                raise NotFound(msg("Código desconocido: {code}.", code=scan.text))
            result = self._add(work.connection, sale_id, article, as_quantity(quantity))
            work.commit()
        return result

    def add_article(self, sale_id: int, article_id: int, quantity: Decimal | int | str = 1) -> LineAdded:
        with self.db.core(draft=True) as work:
            article = rows.article_by_id(work.connection, article_id, self.workstation_id)
            if article is None:
                raise NotFound(msg("No existe el artículo {article_id}.", article_id=article_id))
            result = self._add(work.connection, sale_id, article, as_quantity(quantity))
            work.commit()
        return result

    def _add_pack(self, sale_id: int, text: str, quantity: Decimal) -> LineAdded:
        from farmapos.domain import gs1

        try:
            pack = gs1.parse_pack_scan(text, today=self.today())
        except gs1.AmbiguousPackScan as exc:
            raise AmbiguousScan(
                msg(
                    "El código del envase se leyó sin separadores y admite varias lecturas; confirme lote y caducidad."
                ),
                list(exc.candidates),
            ) from None
        except gs1.MalformedPackScan as exc:
            raise ValidationError(msg("Código DataMatrix no válido: {reason}", reason=reason(exc))) from None
        return self.add_pack(sale_id, pack, quantity)

    def add_pack(self, sale_id: int, pack: PackScan, quantity: Decimal = Decimal(1)) -> LineAdded:
        """Add a pack reading: parsed from a scan, or chosen by the seller among the candidates of an
        ambiguous one (`AmbiguousScan.candidates`)."""
        if quantity != 1:
            raise ValidationError(msg("Un DataMatrix identifica un solo envase: escanee cada envase."))
        with self.db.uow(draft=True) as uow:
            session = uow.session
            connection = session.connection()
            article = rows.article_by_code(connection, pack.gtin, self.workstation_id)
            if article is None and pack.national_code:
                article = rows.article_by_code(connection, pack.national_code, self.workstation_id)
            if article is None:
                raise NotFound(msg("Envase desconocido: GTIN {gtin} no está en el catálogo.", gtin=pack.gtin))
            sale = self._sale_row(connection, sale_id)
            if pack.serial and any(
                line.serial == pack.serial and line.article_id == article.id for line in sale.lines
            ):
                raise ValidationError(
                    msg("Este envase (número de serie {serial}) ya está en la venta.", serial=pack.serial)
                )
            events: list[SaleEvent] = []
            if pack.expiry is not None and pack.expiry < self.today():
                raise ExpiredLot(_expired_lot(pack.batch or "?", article.description, pack.expiry))
            lot = None
            if pack.batch:
                warehouse_id = self._warehouse_id(session)
                existing = session.scalar(
                    select(Lot.id).where(
                        Lot.article_id == article.id,
                        Lot.warehouse_id == warehouse_id,
                        Lot.batch == pack.batch.upper(),
                    )
                )
                lot = find_or_create_lot(
                    session, article_id=article.id, warehouse_id=warehouse_id, batch=pack.batch,
                    expiry=pack.expiry, needs_review=True,
                )  # fmt: skip
                if lot.expiry is not None and lot.expiry < self.today():
                    raise ExpiredLot(_expired_lot(lot.batch, article.description, lot.expiry))
                if existing is None:
                    events.append(
                        SaleEvent(
                            "lot_created",
                            msg("Lote {batch} nuevo: queda marcado para revisar.", batch=lot.batch),
                            article.id,
                        )
                    )
            result = self._add(
                connection, sale, article, Decimal(1), lot=lot, serial=pack.serial,
                expiry=pack.expiry, batch=pack.batch, extra_events=events,
            )  # fmt: skip
            uow.commit()
        return result

    def _add(
        self,
        connection: Connection,
        sale: int | rows.SaleRow,
        article: rows.ArticleRow,
        quantity: Decimal,
        *,
        lot: Lot | None = None,
        serial: str | None = None,
        expiry: date | None = None,
        batch: str | None = None,
        extra_events: list[SaleEvent] | None = None,
    ) -> LineAdded:
        if isinstance(sale, int):
            sale = self._sale_row(connection, sale)
        events = list(extra_events or [])
        mergeable = lot is None and serial is None
        line = next(
            (
                line for line in sale.lines
                if mergeable and line.article_id == article.id and line.lot_id is None and line.serial is None
                and line.copay_type_id is None and not line.pending_prescription
            ),
            None,
        )  # fmt: skip
        events += self._stock_events(sale, article, quantity)
        if line is not None:
            line.quantity = Decimal(line.quantity) + quantity
            rows.set_line_quantity(connection, line.id, line.quantity)
        else:
            line = rows.LineRow(
                id=0,
                position=max((existing.position for existing in sale.lines), default=0) + 1,
                article_id=article.id,
                code=article.code,
                description=article.description,
                quantity=quantity,
                unit_price=retail_price(article.price, article.vat_rate, sale.prices_include_vat),
                vat_rate=article.vat_rate,
                discount_pct=min(sale.customer_discount_pct, article.max_discount_pct),
                discount_amount=None,
                copay_type_id=None,
                copay_pct=None,
                copay_cap=None,
                pending_prescription=False,
                lot_id=lot.id if lot else None,
                batch=lot.batch if lot else batch,
                expiry=(lot.expiry if lot and lot.expiry else expiry),
                serial=serial,
                amount=None,
                payer_amount=None,
                needs_prescription=article.needs_prescription,
                psychotropic=article.psychotropic,
                narcotic=article.narcotic,
                fridge=article.fridge,
            )
            line.id = rows.insert_line(connection, sale, line)
            sale.lines.append(line)
        return LineAdded(sale=self._touched(connection, sale), line_id=line.id, events=tuple(events))

    def _stock_events(self, sale: rows.SaleRow, article: rows.ArticleRow, adding: Decimal) -> list[SaleEvent]:
        """Refuse (block policy) or warn (allow policy) when the sale would take more than is on hand."""
        if article.unlimited:
            return []
        wanted = rows.in_sale(sale, article.id) + adding
        available = article.on_hand
        if wanted <= available:
            return []
        if sale.oversell_policy == "block":
            raise StockError(
                msg("Sin stock suficiente de {article}: hay {available} y se piden {wanted}.",
                    article=article.description, available=Units(available), wanted=Units(wanted))
            )  # fmt: skip
        return [
            SaleEvent(
                "oversold",
                msg(
                    "Stock insuficiente de {article} (hay {available}): se venderá y quedará registrada la "
                    "diferencia.",
                    article=article.description,
                    available=Units(available),
                ),
                article.id,
            )
        ]

    def set_quantity(self, sale_id: int, line_id: int, quantity: Decimal | int | str) -> SaleView:
        return self._requantify(sale_id, line_id, lambda _current: as_quantity(quantity))

    def change_quantity(self, sale_id: int, line_id: int, delta: Decimal | int) -> SaleView:
        """`+`/`−` at the counter: the stored quantity plus `delta`, read in the same transaction, so quick
        presses queued behind each other all count."""
        return self._requantify(sale_id, line_id, lambda current: _stepped(current, Decimal(delta)))

    def _requantify(
        self, sale_id: int, line_id: int, quantity_from: Callable[[Decimal], Decimal]
    ) -> SaleView:
        with self.db.core(draft=True) as work:
            connection = work.connection
            sale = self._sale_row(connection, sale_id)
            line = self._line(sale, line_id)
            new = quantity_from(Decimal(line.quantity))
            if line.serial and new != 1:
                raise ValidationError(
                    msg("Una línea escaneada por DataMatrix es un solo envase; escanee cada envase.")
                )
            if new > Decimal(line.quantity):
                article = rows.article_by_id(connection, line.article_id, self.workstation_id)
                self._stock_events(sale, article, new - Decimal(line.quantity))
            line.quantity = new
            rows.set_line_quantity(connection, line.id, new)
            view = self._touched(connection, sale)
            work.commit()
        return view

    def remove_line(self, sale_id: int, line_id: int) -> SaleView:
        with self.db.core(draft=True) as work:
            connection = work.connection
            sale = self._sale_row(connection, sale_id)
            sale.lines.remove(self._line(sale, line_id))
            rows.delete_line(connection, line_id)
            view = self._touched(connection, sale)
            work.commit()
        return view

    def card_types(self) -> list[str]:
        with self.db.uow(read_only=True) as uow:
            pharmacy = uow.session.scalar(select(Pharmacy).limit(1))
            return pharmacy.card_type_list if pharmacy else []

    # -- closing, returns, invoices (own modules) ---------------------------------------------------
    def close(self, sale_id: int, payments: list[PaymentInput]) -> ClosedSale:
        from farmapos.domain.sales.closing import close_sale

        return close_sale(self, sale_id, payments)

    def ticket(self, full_number: str) -> Ticket:
        from farmapos.domain.sales.returns import ticket_by_number

        return ticket_by_number(self, full_number)

    def find_ticket(self, full_number: str) -> SaleView:
        from farmapos.domain.sales.returns import find_ticket

        return find_ticket(self, full_number)

    def refund(self, full_number: str, lines: list[tuple[int, Decimal]], seller_id: int) -> ClosedSale:
        from farmapos.domain.sales.returns import refund

        return refund(self, full_number, lines, seller_id)

    def issue_invoice(self, full_number: str, customer_id: int) -> Ticket:
        from farmapos.domain.sales.returns import issue_invoice

        return issue_invoice(self, full_number, customer_id)
