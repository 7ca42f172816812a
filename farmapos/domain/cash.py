"""Cash sessions: open with a float, record every money movement, close with a count, report (Z).

Expected cash = opening float + cash in − cash out, always computed from the movements; a closed session
never changes (a correction is a movement of the next session).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from farmapos.domain.base import utcnow
from farmapos.domain.db import Database
from farmapos.domain.errors import FarmaposError, NotFound, ValidationError
from farmapos.domain.models import (
    CashMovement,
    CashSession,
    Customer,
    CustomerCredit,
    DrawerOpening,
    Seller,
    Workstation,
)
from farmapos.domain.money import ZERO, money
from farmapos.messages import Amount, msg

# Euro notes and coins, for the blind count by denomination.
DENOMINATIONS = tuple(
    Decimal(d) for d in ("500", "200", "100", "50", "20", "10", "5", "2", "1", "0.50", "0.20", "0.10", "0.05",
                         "0.02", "0.01")
)  # fmt: skip
MANUAL_KINDS = {"payment_in": 1, "payment_out": -1, "withdrawal": -1, "correction": 1}
_SESSION = CashSession.__table__
_CLOSED = _SESSION.alias("closed")
LAST_CLOSE = (
    select(func.max(_CLOSED.c.closed_at))
    .where(_CLOSED.c.workstation_id == bindparam("workstation"))
    .scalar_subquery()
)
"""When the counter `:workstation` last closed a cash session, for queries that read it with other rows."""
_OPEN = _SESSION.alias("open_session")
OPEN_SESSION_ID = (
    select(_OPEN.c.id)
    .where(_OPEN.c.workstation_id == bindparam("workstation"), _OPEN.c.state == "open")
    .order_by(_OPEN.c.id)
    .limit(1)
    .scalar_subquery()
)
"""The open cash session of the counter `:workstation` (the first, should a race have opened two): one
row at most, for queries that join it with other rows."""
_OPEN_DRAWER = select(_SESSION.c.id, _SESSION.c.opening_float, LAST_CLOSE).where(
    _SESSION.c.id == OPEN_SESSION_ID
)


class CashError(FarmaposError):
    """A cash operation that is not allowed: no open session, more cash out than in the drawer…"""


@dataclass(frozen=True)
class CashSessionView:
    id: int
    workstation_id: int
    state: str
    opened_at: datetime
    opening_float: Decimal
    expected_cash: Decimal
    closed_at: datetime | None
    counted_cash: Decimal | None
    difference: Decimal | None


def open_session(session: Session, workstation_id: int) -> CashSession | None:
    """The counter's open cash session: the first, as sales find it (`OPEN_SESSION_ID`)."""
    return session.scalar(
        select(CashSession).where(CashSession.id == OPEN_SESSION_ID), {"workstation": workstation_id}
    )


def expected_cash(session: Session, cash_session: CashSession | OpenDrawer) -> Decimal:
    moved = session.scalar(
        select(func.coalesce(func.sum(CashMovement.amount), 0)).where(
            CashMovement.session_id == cash_session.id, CashMovement.method == "cash"
        )
    )
    return Decimal(cash_session.opening_float) + Decimal(moved)


@dataclass(frozen=True)
class OpenDrawer:
    """What a sale needs of its counter's open cash session, and when the counter's last one closed."""

    id: int
    opening_float: Decimal
    last_close: datetime | None


def open_drawer(session: Session, workstation_id: int) -> OpenDrawer | None:
    """The open cash session of a counter, with its last close, in one query (closing a sale needs both)."""
    row = session.connection().execute(_OPEN_DRAWER, {"workstation": workstation_id}).first()
    return OpenDrawer(row[0], Decimal(row[1]), row[2]) if row is not None else None


def count_total(denominations: Mapping[Decimal | str, int]) -> Decimal:
    total = ZERO
    for value, quantity in denominations.items():
        denomination = Decimal(str(value))
        if denomination not in DENOMINATIONS:
            raise ValidationError(msg("{value} no es un billete ni una moneda de euro.", value=value))
        if int(quantity) < 0:
            raise ValidationError(msg("Las cantidades contadas no pueden ser negativas."))
        total += denomination * int(quantity)
    return money(total)


def _view(session: Session, row: CashSession) -> CashSessionView:
    expected = Decimal(row.expected_cash) if row.expected_cash is not None else expected_cash(session, row)
    return CashSessionView(
        row.id, row.workstation_id, row.state, row.opened_at, Decimal(row.opening_float), expected, row.closed_at,
        row.counted_cash, row.difference,
    )  # fmt: skip


class CashService:
    """The drawer of one workstation."""

    def __init__(self, db: Database, workstation_id: int, clock: Callable[[], datetime] = utcnow) -> None:
        self.db, self.workstation_id, self.clock = db, workstation_id, clock

    def current(self) -> CashSessionView | None:
        with self.db.uow(read_only=True) as uow:
            row = open_session(uow.session, self.workstation_id)
            return _view(uow.session, row) if row else None

    def get(self, session_id: int) -> CashSessionView:
        with self.db.uow(read_only=True) as uow:
            return _view(uow.session, self._session(uow.session, session_id))

    def _session(self, session: Session, session_id: int | None) -> CashSession:
        if session_id is None:
            row = session.scalar(
                select(CashSession).where(CashSession.workstation_id == self.workstation_id)
                .order_by(CashSession.id.desc()).limit(1)
            )  # fmt: skip
        else:
            row = session.get(CashSession, session_id)
        if row is None:
            raise NotFound(
                msg("No hay ninguna sesión de caja {session_id}.", session_id=session_id)
                if session_id
                else msg("No hay ninguna sesión de caja en este mostrador.")
            )
        return row

    def open(self, seller_id: int, opening_float: Decimal | None = None) -> CashSessionView:
        """Open the drawer; the float defaults to the cash the previous close left in it."""
        with self.db.uow() as uow:
            session = uow.session
            # The counter's row, locked: two opens at once (two windows, a double press) wait for each
            # other, so the second sees the first's session (SQLite's writers are serialized already).
            # FOR NO KEY UPDATE: sales inserted meanwhile, which only refer to the row, do not wait.
            session.execute(
                select(Workstation.id)
                .where(Workstation.id == self.workstation_id)
                .with_for_update(key_share=True)
            )
            if open_session(session, self.workstation_id) is not None:
                raise CashError(msg("La caja ya está abierta."))
            if opening_float is None:
                previous = session.scalar(
                    select(CashSession.left_in_drawer).where(CashSession.workstation_id == self.workstation_id)
                    .order_by(CashSession.id.desc()).limit(1)
                )  # fmt: skip
                opening_float = Decimal(previous or 0)
            if opening_float < 0:
                raise ValidationError(msg("El fondo de caja no puede ser negativo."))
            row = CashSession(
                workstation_id=self.workstation_id, opened_by=seller_id, opening_float=money(opening_float),
                opened_at=self.clock(), state="open",
            )  # fmt: skip
            session.add(row)
            session.flush()
            view = _view(session, row)
            uow.commit()
        return view

    def move(self, seller_id: int, kind: str, amount: Decimal, reason: str) -> CashSessionView:
        """A payment in or out ("pagos varios"), a withdrawal to the safe, or a correction."""
        if kind not in MANUAL_KINDS:
            raise ValidationError(msg("Movimiento de caja desconocido: {kind!r}.", kind=kind))
        amount = money(amount)
        if amount <= 0 and kind != "correction":
            raise ValidationError(msg("El importe debe ser positivo."))
        if not reason.strip():
            raise ValidationError(msg("Indique el motivo del movimiento de caja."))
        with self.db.uow() as uow:
            session = uow.session
            row = self._require_open(session)
            signed = amount * MANUAL_KINDS[kind]
            self._check_cash_out(session, row, signed)
            session.add(CashMovement(session_id=row.id, kind=kind, method="cash", amount=signed, seller_id=seller_id,
                                     reason=reason.strip(), created_at=self.clock()))  # fmt: skip
            session.flush()
            view = _view(session, row)
            uow.commit()
        return view

    def collect_credit(
        self, seller_id: int, customer_id: int, amount: Decimal, method: str = "cash"
    ) -> Decimal:
        """A customer pays off part of their account; returns what they still owe."""
        amount = money(amount)
        if amount <= 0:
            raise ValidationError(msg("El importe debe ser positivo."))
        if method not in ("cash", "card", "transfer"):
            raise ValidationError(
                msg("Forma de pago no válida para cobrar una deuda: {method!r}.", method=method)
            )
        with self.db.uow() as uow:
            session = uow.session
            row = self._require_open(session)
            customer = session.get(Customer, customer_id)
            if customer is None:
                raise NotFound(msg("No existe el cliente {customer_id}.", customer_id=customer_id))
            owed = Decimal(session.scalar(select(func.coalesce(func.sum(CustomerCredit.amount), 0))
                                          .where(CustomerCredit.customer_id == customer_id)))  # fmt: skip
            if amount > owed:
                raise ValidationError(
                    msg(
                        "{customer} debe {owed}; no se puede cobrar {amount}.",
                        customer=customer.name,
                        owed=Amount(owed),
                        amount=Amount(amount),
                    )
                )
            now = self.clock()
            session.add(
                CustomerCredit(customer_id=customer_id, amount=-amount, created_at=now, note="Cobro de deuda")
            )
            session.add(CashMovement(session_id=row.id, kind="credit_collection", method=method, amount=amount,
                                     seller_id=seller_id, reason=customer.name, created_at=now))  # fmt: skip
            uow.commit()
        return owed - amount

    def _require_open(self, session: Session) -> CashSession:
        row = open_session(session, self.workstation_id)
        if row is None:
            raise CashError(msg("No hay caja abierta en este mostrador: ábrala primero."))
        return row

    def _check_cash_out(self, session: Session, row: CashSession, signed: Decimal) -> None:
        if signed < 0 and -signed > expected_cash(session, row):
            raise CashError(
                msg(
                    "En el cajón debería haber {in_drawer} y se quieren sacar {amount}: páguelo de otra forma o "
                    "desde la caja fuerte.",
                    in_drawer=Amount(expected_cash(session, row)),
                    amount=Amount(-signed),
                )
            )

    def close(
        self,
        seller_id: int,
        *,
        counted: Decimal | None = None,
        denominations: Mapping[Decimal | str, int] | None = None,
        left_in_drawer: Decimal = ZERO,
        note: str = "",
    ) -> CashSessionView:
        """Close with a blind count (by denomination or a total); the difference is recorded, not hidden."""
        if (counted is None) == (denominations is None):
            raise ValidationError(
                msg("Indique el efectivo contado: por billetes y monedas o como importe total.")
            )
        total = count_total(denominations) if denominations is not None else money(counted)
        if total < 0 or left_in_drawer < 0:
            raise ValidationError(msg("El efectivo contado y el que se deja no pueden ser negativos."))
        if left_in_drawer > total:
            raise ValidationError(
                msg(
                    "No se pueden dejar {left} si se han contado {counted}.",
                    left=Amount(left_in_drawer),
                    counted=Amount(total),
                )
            )
        with self.db.uow() as uow:
            session = uow.session
            row = self._require_open(session)
            expected = expected_cash(session, row)
            row.state = "closed"
            row.closed_at, row.closed_by = self.clock(), seller_id
            row.expected_cash, row.counted_cash = expected, total
            row.difference = total - expected
            row.left_in_drawer = money(left_in_drawer)
            row.taken_out = total - money(left_in_drawer)
            row.count_detail = json.dumps({str(k): int(v) for k, v in (denominations or {}).items()})
            row.note = note
            session.flush()
            view = _view(session, row)
            uow.commit()
        return view

    def log_drawer_opening(self, seller_id: int, reason: str) -> None:
        """The drawer opened on demand (no sale): only by a seller allowed to, and always logged."""
        with self.db.uow() as uow:
            seller = uow.session.get(Seller, seller_id)
            if seller is None or not seller.can_open_drawer:
                raise CashError(
                    msg("{seller} no tiene permiso para abrir el cajón.", seller=seller.name)
                    if seller
                    else msg("Este vendedor no tiene permiso para abrir el cajón.")
                )
            if not reason.strip():
                raise ValidationError(msg("Indique por qué se abre el cajón."))
            current = open_session(uow.session, self.workstation_id)
            uow.session.add(DrawerOpening(workstation_id=self.workstation_id, seller_id=seller_id,
                                          session_id=current.id if current else None, reason=reason.strip(),
                                          created_at=self.clock()))  # fmt: skip
            uow.commit()

    def verify(self, session_id: int, seller_id: int) -> None:
        with self.db.uow() as uow:
            row = self._session(uow.session, session_id)
            if row.state != "closed":
                raise CashError(msg("Solo se verifica una sesión cerrada."))
            row.state, row.verified_at, row.verified_by = "verified", self.clock(), seller_id
            uow.commit()
