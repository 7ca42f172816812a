"""Starting the counter: open the configured database (refusing one behind head) and show the window."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from farmapos.config import AppConfig
from farmapos.domain.errors import FarmaposError

if TYPE_CHECKING:
    from farmapos.domain.db import Database
    from farmapos.ui.counter import CounterWindow


def run_counter(config: AppConfig) -> int:
    from PySide6.QtWidgets import QApplication

    window, database = start_counter(config)
    code = QApplication.instance().exec()
    window.shutdown()
    database.dispose()
    return code


def start_counter(config: AppConfig) -> tuple[CounterWindow, Database]:
    """Everything up to the counter shown and ready for the first scan (what the cold-start benchmark
    times): translations, database, devices, text size, the window and its idle work."""
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from farmapos.app import device_settings, open_database
    from farmapos.devices import DeviceError, open_devices
    from farmapos.domain.counter import workstation_view
    from farmapos.domain.db import configure_orm
    from farmapos.ui import i18n
    from farmapos.ui.background import share_the_interpreter
    from farmapos.ui.counter import build_counter_window
    from farmapos.ui.text_size import TextSize

    share_the_interpreter()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("farmapos")
    # Before any window: widgets translate their texts when they are built.
    i18n.install(i18n.choose_language(config.language), app, cache=config.data_dir / "cache")
    try:
        database = open_database(config, counter=True)
        workstation = workstation_view(database, config.workstation)
    except FarmaposError as exc:
        QMessageBox.critical(None, "farmapos", i18n.tr_message(exc))
        raise
    devices = None
    try:
        devices = open_devices(device_settings(workstation, config))
    except DeviceError as exc:  # the counter sells without devices rather than not at all
        QMessageBox.warning(
            None,
            "farmapos",
            QCoreApplication.translate("run_counter", "Dispositivos desactivados: {0}").format(
                i18n.tr_message(exc)
            ),
        )
    text_size = TextSize(app, default=config.text_size, settings_file=config.data_dir / "counter.ini")
    window = build_counter_window(database, config.workstation, devices, text_size)
    window.resize(1200, 800)
    window.show()
    idle = QTimer(window)  # WAL checkpoints between sales, when the counter is idle
    idle.setInterval(30_000)
    idle.timeout.connect(database.checkpoint)
    idle.timeout.connect(window.bridge.refresh_printer)
    idle.start()
    # The start and the first scan need only Core statements; the ORM (payments, dialogs) is made ready a
    # moment later, when a pharmacist has not yet reached the keyboard (in a thread it would slow the paint).
    QTimer.singleShot(1000, configure_orm)
    window.bridge.idle()
    window.bridge.refresh_printer()
    return window, database
