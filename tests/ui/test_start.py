"""The counter's start: ready for the first scan with Core statements only, the ORM made ready just after."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from farmapos.domain.db import Database
from tests.factories import seed_pharmacy

START = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy.orm import Mapper
from farmapos.config import load_config
from farmapos.domain.models import Sale
from farmapos.ui.main import start_counter
window, database = start_counter(load_config(sys.argv[1]))
QApplication.instance().processEvents()
print(window.current().seller.name, Sale.__mapper__.configured)
loop = QEventLoop()
QTimer.singleShot(1500, loop.quit)
loop.exec()
print(window.current().seller.name, Sale.__mapper__.configured, flush=True)
window.shutdown()
database.dispose()
os._exit(0)
"""


def test_the_counter_starts_without_the_orm_and_configures_it_once_up(
    tmp_path: Path, sqlite_template
) -> None:
    path = tmp_path / "counter.db"
    shutil.copyfile(sqlite_template, path)
    database = Database(f"sqlite:///{path}")
    seed_pharmacy(database)
    database.dispose()
    env = {**os.environ, "FARMAPOS_HOME": str(tmp_path / "home")}
    run = subprocess.run(
        [sys.executable, "-c", START, f"sqlite:///{path}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[:2] == ["Ana False", "Ana True"]
