"""Render the counter on a small demo pharmacy, offscreen, to docs/counter.png (the README's screenshot).

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from farmapos import migrate
from farmapos.demo.pharmacy import build_demo_pharmacy
from farmapos.devices import DeviceSettings, open_devices
from farmapos.domain.db import Database
from farmapos.domain.search import CatalogueSearch
from farmapos.ui.counter import build_counter_window

OUT = Path(__file__).resolve().parent / "counter.png"


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        database = Database(f"sqlite:///{Path(folder) / 'demo.db'}")
        migrate.upgrade(database.engine)
        build_demo_pharmacy(database, articles=3000, days=0, seed=7, data_dir=Path(folder))
        devices = open_devices(DeviceSettings(printer=f"file://{Path(folder) / 't.escpos'}", drawer="printer:2",
                                              display="sim://"))  # fmt: skip
        window = build_counter_window(database, devices=devices)
        window.resize(1200, 720)
        window.show()
        search = CatalogueSearch(database.engine)
        sale = window.current()
        for query in ("paracetamol 1 g", "ibuprofeno 600", "crema"):
            hits = [h for h in search.search(query, limit=20) if not (h.psychotropic or h.narcotic)]
            if hits:
                sale.show_sale(window.sales.add_article(sale.sale.id, hits[0].id, Decimal(1)).sale)
        for seller in window.sellers[1:3]:  # other sellers' windows, each in its colour
            window._add_tab(seller, window.sales.open_sale(seller.id))
        window.tabs.setCurrentIndex(0)
        sale.last.setText("Último: 12,40 € · entregado 20,00 € · cambio 7,60 €")
        deadline = time.monotonic() + 5  # the article card is read off the UI thread: wait for it
        while not sale.panel.text() and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        app.processEvents()
        window.grab().save(str(OUT))
        window.shutdown()
        database.dispose()
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
