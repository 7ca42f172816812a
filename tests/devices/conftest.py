"""Shared pieces for the device tests: a realistic ticket, clean simulators, a pseudo-terminal pair."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from farmapos.devices.simulators import reset_simulators
from farmapos.domain.ticket import Ticket, TicketLine, TicketPayment, TicketVat

QR_URL = (
    "https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=B12345674&numserie=T1-2026-000007"
    "&fecha=23-11-2026&importe=13.61"
)


def make_ticket(**changes) -> Ticket:
    """A prescription line with co-payment and traceability, a discounted line, two VAT rates, cash."""
    fields = dict(
        pharmacy_name="Farmacia Peña", pharmacy_nif="B12345674", series="T1-2026", number=7,
        full_number="T1-2026-000007", issued_at=datetime(2026, 11, 23, 10, 30, tzinfo=UTC),
        seller_name="María José Fernández", workstation_name="Mostrador 1",
        lines=(
            TicketLine("ÁCIDO ACETILSALICÍLICO KERN 100 MG 30 COMPRIMIDOS DE LIBERACIÓN", Decimal(2),
                       Decimal("2.50"), Decimal("2.00"), Decimal(4), copay_label="TSI002 (40 %)",
                       pvp_amount=Decimal("5.00"), payer_amount=Decimal("3.00"), batch="L1", serial="S9"),
            TicketLine("CREMA NIÑOS SPF 50", Decimal(1), Decimal("12.90"), Decimal("11.61"), Decimal(21),
                       discount_amount=Decimal("1.29"), discount_pct=Decimal(10)),
        ),
        vat=(TicketVat(Decimal(4), Decimal("1.92"), Decimal("0.08")),
             TicketVat(Decimal(21), Decimal("9.60"), Decimal("2.01"))),
        total=Decimal("13.61"), payments=(TicketPayment("cash", "Efectivo", Decimal("13.60")),),
        cash_rounding=Decimal("-0.01"), tendered=Decimal("20.00"), change=Decimal("6.40"),
        total_discount=Decimal("1.29"), payer_total=Decimal("3.00"),
        footer="¡Gracias! ¿Dudas? Pregunte", qr_url=QR_URL, extra_lines=("Receta: bloque 12, hueco 3",),
    )  # fmt: skip
    fields.update(changes)
    return Ticket(**fields)


@pytest.fixture(autouse=True)
def clean_simulators() -> Iterator[None]:
    reset_simulators()
    yield
    reset_simulators()


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, str]]:
    """(controller fd, device path): the device side is a real serial port to pyserial."""
    if os.name == "nt":
        pytest.skip("pseudo-terminals are POSIX")
    import tty

    controller, device = os.openpty()
    tty.setraw(device)  # no echo, no CR/LF translation: bytes pass unchanged
    yield controller, os.ttyname(device)
    os.close(controller)
    os.close(device)
