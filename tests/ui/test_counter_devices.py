"""A cash sale at the counter prints the ticket, opens the drawer and shows the change — off the UI thread."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from farmapos.devices import DeviceSettings, open_devices
from farmapos.devices.escpos_text import escpos_to_text
from farmapos.domain.db import Database
from farmapos.ui.counter import build_counter_window
from farmapos.ui.dialogs import PayDialog
from tests.factories import make_article, seed_pharmacy
from tests.ui.keys import settle, type_text


def counter_with(qtbot, tmp_path, sqlite_template, settings: DeviceSettings, **article):
    """A counter on a fresh SQLite copy with one article and the given devices, shown and active."""
    path = tmp_path / "counter.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    seed_pharmacy(db)
    make_article(db, code="654766", price="2.50", **article)
    devices = open_devices(settings)
    window = build_counter_window(db, devices=devices)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, db, devices


def test_cash_sale_prints_opens_the_drawer_and_shows_the_change(
    qtbot, tmp_path, sqlite_template, monkeypatch
):
    capture = tmp_path / "tickets.escpos"
    window, db, devices = counter_with(
        qtbot, tmp_path, sqlite_template,
        DeviceSettings(printer=f"file://{capture}", drawer="printer:2", display="sim://"),
        description="PARACETAMOL NIÑOS 100 MG/ML",
    )  # fmt: skip
    sale = window.current()
    type_text(qtbot, sale.code, "654766", enter=True)
    settle(qtbot, sale)

    def pay(dialog: PayDialog) -> int:
        type_text(qtbot, dialog.amount, "5", enter=True)
        return dialog.result()

    monkeypatch.setattr(PayDialog, "exec", pay)
    qtbot.keyClick(sale.code, Qt.Key.Key_F12)
    window.bridge.wait()
    text = escpos_to_text(capture.read_bytes())
    assert "PARACETAMOL NIÑOS" in text and "2,50 €" in text and "Cambio" in text and "[CAJÓN]" in text
    assert devices.display.lines == ("Entregado   5,00 EUR", "Cambio      2,50 EUR")
    qtbot.waitUntil(lambda: "impresora ok" in window.statusBar().currentMessage())
    window.shutdown()
    db.dispose()


def test_a_serial_scan_goes_to_the_current_sale(qtbot, tmp_path, sqlite_template) -> None:
    path = tmp_path / "counter.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    seed_pharmacy(db)
    make_article(db, code="654766", price="2.50")
    window = build_counter_window(db)
    qtbot.addWidget(window)
    window.bridge.sig_scan.emit("]E08470006547663")
    settle(qtbot, window.current())
    assert [line.code for line in window.current().sale.lines] == ["6547663"]
    window.shutdown()
    db.dispose()


def test_device_settings_are_checked_saved_and_used(qtbot, tmp_path, sqlite_template, monkeypatch) -> None:
    from farmapos.domain.counter import workstation_view
    from farmapos.ui.device_settings_dialog import DeviceSettingsDialog

    path = tmp_path / "counter.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    seed_pharmacy(db)
    window = build_counter_window(db)
    qtbot.addWidget(window)
    capture = tmp_path / "t.escpos"

    def fill(dialog: DeviceSettingsDialog) -> int:
        dialog.drawer.setText("printer:7")
        dialog._accept()
        assert "printer:2 o printer:5" in dialog.error.text() and dialog.result() == 0
        dialog.printer.setText(f"file://{capture}")
        dialog.drawer.setText("printer:5")
        dialog.display.setText("sim://")
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(DeviceSettingsDialog, "exec", fill)
    window.edit_devices()
    stored = workstation_view(db)
    assert (stored.printer_uri, stored.drawer_uri, stored.display_uri) == (
        f"file://{capture}",
        "printer:5",
        "sim://",
    )
    assert window.bridge.devices.drawer.pin == 5
    window.shutdown()
    db.dispose()


def test_a_printer_failure_is_told_in_the_counters_language(
    qtbot, tmp_path, sqlite_template, monkeypatch, language
) -> None:
    assert language("en") == "en"
    printer = DeviceSettings(printer=f"file://{tmp_path}/missing-folder/tickets.escpos")
    window, db, _devices = counter_with(qtbot, tmp_path, sqlite_template, printer)
    sale = window.current()
    type_text(qtbot, sale.code, "654766", enter=True)
    settle(qtbot, sale)
    monkeypatch.setattr(PayDialog, "exec", lambda dialog: (type_text(qtbot, dialog.amount, "5", enter=True),
                                                           dialog.result())[1])  # fmt: skip
    qtbot.keyClick(sale.code, Qt.Key.Key_F12)
    window.bridge.wait()
    qtbot.waitUntil(lambda: sale.message.text().startswith("Printer: "))
    shown = sale.message.text()
    assert "The ticket stays in the queue (Ctrl+R retries)." in shown
    assert "Cannot write to" in shown and "missing-folder" in shown  # the device's own words translated too
    assert sale.sale.lines == ()  # the sale closed all the same
    window.shutdown()
    db.dispose()


def test_the_status_line_says_the_printers_state_and_its_queue_in_the_counters_language(
    qtbot, tmp_path, sqlite_template, language
) -> None:
    """A printer out of paper holds the ticket: the status line says so, with the tickets waiting, in the
    counter's language (the devices give a state word and a count, not a sentence)."""
    from farmapos.devices.simulators import simulator

    assert language("en") == "en"
    target = str(tmp_path / "printer")
    simulator("printer", target).paper = False
    window, db, devices = counter_with(
        qtbot, tmp_path, sqlite_template, DeviceSettings(printer=f"sim://{target}")
    )
    devices.queue.submit("T1", b"ticket")
    assert devices.queue.wait_idle(5)
    window.bridge.refresh_printer()
    window.bridge.wait()
    qtbot.waitUntil(lambda: "printer out of paper (1)" in window.statusBar().currentMessage())
    assert "display not set up" in window.statusBar().currentMessage()
    window.shutdown()
    db.dispose()
