"""Tickets on paper: layout per width, the print queue with a failing printer, serial devices, labels."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import serial
from pypdf import PdfReader
from stdnum import ean

from farmapos.devices.commands import devices_test, show_ticket
from farmapos.devices.config import DeviceSettings
from farmapos.devices.drawer import CashDrawer
from farmapos.devices.errors import DeviceError
from farmapos.devices.escpos_text import escpos_to_text
from farmapos.devices.labels import LAYOUTS, LabelData, labels_escpos, labels_pdf
from farmapos.devices.printer import PrintQueue, TicketPrinter
from farmapos.devices.scanner import SerialScanner
from farmapos.devices.ticket_render import render_report, render_ticket
from farmapos.devices.transports import MemoryTransport, SerialTransport
from farmapos.domain.ticket import Ticket, TicketLine, TicketPayment, TicketVat


def ticket() -> Ticket:
    return Ticket(
        pharmacy_name="Farmacia Peña", pharmacy_nif="B12345674", series="T1-2026", number=7,
        full_number="T1-2026-000007", issued_at=datetime(2026, 11, 23, 10, 30, tzinfo=UTC), seller_name="Ana",
        workstation_name="Mostrador 1",
        lines=(
            TicketLine("ÁCIDO ACETILSALICÍLICO KERN 100 MG 30 COMPRIMIDOS DE LIBERACIÓN", Decimal(2), Decimal("2.50"),
                       Decimal("2.00"), Decimal(4), copay_label="TSI002 (40 %)", pvp_amount=Decimal("5.00"),
                       payer_amount=Decimal("3.00"), batch="L1", serial="S9"),
            TicketLine("CREMA NIÑOS SPF 50", Decimal(1), Decimal("12.90"), Decimal("11.61"), Decimal(21),
                       discount_amount=Decimal("1.29")),
        ),
        vat=(TicketVat(Decimal(4), Decimal("1.92"), Decimal("0.08")), TicketVat(Decimal(21), Decimal("9.60"),
                                                                                Decimal("2.01"))),
        total=Decimal("13.61"), payments=(TicketPayment("cash", "Efectivo", Decimal("13.61")),),
        tendered=Decimal("20.00"), change=Decimal("6.39"), footer="¡Gracias! ¿Dudas? Pregunte",
        qr_url="https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=B12345674&numserie=T1-2026-000007",
    )  # fmt: skip


@pytest.mark.parametrize("columns", [32, 42, 48])
def test_ticket_fits_the_paper_and_reads_back(columns: int) -> None:
    settings = DeviceSettings(columns=columns, code_page="cp858")
    data = render_ticket(ticket(), settings)
    text = escpos_to_text(data, "cp858")
    plain_lines = [line for line in text.splitlines() if not line.startswith("[")]
    assert all(len(line) <= columns for line in plain_lines if "TOTAL" not in line and "✂" not in line)
    for expected in ("Farmacia Peña", "T1-2026-000007", "13,61 €", "Cambio", "6,39 €", "TSI002 (40 %)",
                     "¡Gracias! ¿Dudas? Pregunte", "QR tributario:", "[QR: https://prewww2.aeat.es",
                     "[CÓDIGO DE BARRAS CODE128: T1-2026-000007]", "NIÑOS", "Lote L1 · NS S9"):  # fmt: skip
        assert expected in text, expected
    assert "4 %" in text.replace("4  %", "4 %") or "4 " in text
    assert data.startswith(b"\x1b@\x1bt\x13") and data.endswith(b"\x1dV\x42\x00")


def test_cp1252_ticket_uses_its_euro_byte() -> None:
    data = render_ticket(ticket(), DeviceSettings(code_page="cp1252"))
    assert b"\x80" in data and b"\x1bt\x10" in data
    assert "13,61 €" in escpos_to_text(data, "cp1252")


def test_report_on_the_ticket_printer() -> None:
    text = escpos_to_text(
        render_report("Cierre de caja", [("Efectivo esperado", "150.00")], DeviceSettings())
    )
    assert "Cierre de caja" in text and "150.00" in text


def test_print_queue_keeps_failed_jobs_and_retries_them() -> None:
    printer_on = threading.Event()
    captured = MemoryTransport()

    def factory():
        if not printer_on.is_set():
            raise DeviceError("impresora apagada")
        return captured

    queue = PrintQueue(TicketPrinter(DeviceSettings(printer="sim://"), transport_factory=factory))
    seen: list[str] = []
    queue.listen(lambda job: seen.append(job.state))
    job = queue.submit("T1-2026-000007", b"ticket bytes")
    assert queue.wait_idle(5)
    assert queue.jobs()[0].state == "failed" and "apagada" in queue.jobs()[0].error
    assert queue.waiting() == 1 and seen[:3] == ["queued", "printing", "failed"]
    printer_on.set()
    queue.retry(job.id)
    assert queue.wait_idle(5)
    assert queue.jobs()[0].state == "done" and bytes(captured.data) == b"ticket bytes"
    assert queue.waiting() == 0
    queue.close()


def test_drawer_through_the_printer_and_on_a_serial_loop() -> None:
    captured = MemoryTransport()
    printer = TicketPrinter(DeviceSettings(printer="sim://"), transport_factory=lambda: captured)
    CashDrawer("printer:5", printer).open()
    assert bytes(captured.data) == b"\x1bp\x01\x32\x64"
    port = serial.serial_for_url("loop://", timeout=0.5)

    class LoopTransport(SerialTransport):
        def close(self) -> None:  # keep the loop open so the test can read what the drawer got
            return None

    drawer = CashDrawer("serial:///dev/ttyS9", transport_factory=lambda: LoopTransport("loop://", port=port))
    drawer.open()
    assert port.read(5) == b"\x1bp\x00\x32\x64" and drawer.opened == 1
    with pytest.raises(DeviceError, match="no hay impresora"):
        CashDrawer("printer:2", TicketPrinter(DeviceSettings(printer="none"))).open()


@pytest.mark.skipif(os.name == "nt", reason="pseudo-terminals are POSIX")
def test_serial_scanner_through_a_pseudo_terminal() -> None:
    controller, device = os.openpty()
    scans = []
    got = threading.Event()

    def on_scan(scan) -> None:
        scans.append(scan)
        if len(scans) == 2:
            got.set()

    port = serial.Serial(os.ttyname(device), timeout=0.1)
    scanner = SerialScanner("serial:///dev/pty", on_scan, transport=SerialTransport("", port=port)).start()
    os.write(controller, b"]E08470006547663\r\n]d2010847000654766321AB<GS>10L1\r")
    assert got.wait(5)
    scanner.stop()
    assert scans[0].text == "8470006547663" and scans[0].aim == "]E0"
    assert scans[1].text == "010847000654766321AB\x1d10L1" and scans[1].is_gs1
    os.close(controller)


def test_labels_pdf_layout_start_position_and_barcodes(tmp_path: Path) -> None:
    labels = [LabelData(f"CREMA HIDRATANTE {i} 50 ML", Decimal("12.90"), f"P{i}", "8470006547663",
                        "258,00 €/l") for i in range(5)]  # fmt: skip
    path = tmp_path / "labels.pdf"
    pages = labels_pdf(labels, path, "apli-1273", start=22)
    assert pages == 2
    reader = PdfReader(path)
    first, second = (page.extract_text() for page in reader.pages)
    assert first.count("CREMA HIDRATANTE") == 3 and second.count("CREMA HIDRATANTE") == 2
    assert "12,90 €" in first and "258,00 €/l" in first and "8470006547663"[:1] in first
    assert ean.is_valid(labels[0].barcode) and LAYOUTS["avery-l7651"].per_sheet == 65
    text = escpos_to_text(labels_escpos(labels[:1], DeviceSettings()))
    assert "12,90 €" in text and "CODE128: 8470006547663" in text


def test_devices_test_and_show_ticket_commands(tmp_path: Path) -> None:
    import io

    capture = tmp_path / "tickets.escpos"
    out = io.StringIO()
    ok = devices_test(DeviceSettings(printer=f"file://{capture}", drawer="printer:2", display="sim://"), out)
    report = out.getvalue()
    assert ok and "página de prueba enviada" in report and "Cajón (printer:2): abierto" in report
    assert "Visor (sim://)" in report
    text = io.StringIO()
    show_ticket(capture, "cp858", text)
    assert "farmapos · prueba de impresora" in text.getvalue() and "€" in text.getvalue()
    assert "[CAJÓN]" in text.getvalue()
    bad = io.StringIO()
    assert devices_test(DeviceSettings(printer="tcp://127.0.0.1:1"), bad) is False
    assert "ERROR" in bad.getvalue()


def test_config_file_devices_override_the_workstation_and_env_overrides_both(tmp_path: Path) -> None:
    from farmapos.app import device_settings
    from farmapos.config import load_config
    from farmapos.domain.counter import WorkstationView

    (tmp_path / "config.toml").write_text('[devices]\nprinter = "tcp://10.0.0.9:9100"\ncolumns = 32\n')
    config = load_config(None, {"FARMAPOS_HOME": str(tmp_path)})
    workstation = WorkstationView(1, "T1", "Mostrador", 1, "F", "usb://04b8:0202", "none", "printer:2", "keyboard",
                                  48, "cp858")  # fmt: skip
    settings = device_settings(workstation, config)
    assert (settings.printer, settings.columns, settings.drawer) == ("tcp://10.0.0.9:9100", 32, "printer:2")


def test_printer_status_from_a_printer_that_answers(tmp_path: Path) -> None:
    paper_out = MemoryTransport(replies=[bytes([0x12 | 0x60])])
    printer = TicketPrinter(
        DeviceSettings(printer="tcp://10.0.0.9:9100"), transport_factory=lambda: paper_out
    )
    assert printer.status().state == "paper_out" and bytes(paper_out.data) == b"\x10\x04\x04"
    online = TicketPrinter(DeviceSettings(printer="tcp://10.0.0.9:9100"),
                           transport_factory=lambda: MemoryTransport(replies=[b"\x12"]))  # fmt: skip
    assert online.status().state == "online"
    capture = tmp_path / "t.escpos"
    assert TicketPrinter(DeviceSettings(printer=f"file://{capture}")).status().state == "unknown"
    assert not capture.exists()  # asking a file for its status writes nothing into the capture

    def unplugged():
        raise DeviceError("sin conexión")

    offline = TicketPrinter(DeviceSettings(printer="tcp://10.0.0.9:9100"), transport_factory=unplugged)
    assert offline.status().state == "offline"
