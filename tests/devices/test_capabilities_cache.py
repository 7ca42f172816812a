"""python-escpos's capability data is read from a pickle kept in farmapos's cache, not parsed on every start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROFILE = "from farmapos.devices.profiles import printer_profile; print(printer_profile('TM-T20II').name)"


def start(home: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k != "ESCPOS_CAPABILITIES_PICKLE_DIR"} | {"FARMAPOS_HOME": str(home)}
    run = subprocess.run([sys.executable, "-c", PROFILE], env=env, capture_output=True, text=True, check=True)
    return run.stdout.strip()


def test_the_capabilities_pickle_is_kept_and_a_broken_one_replaced(tmp_path: Path) -> None:
    assert start(tmp_path) == "TM-T20II"
    [pickled] = (tmp_path / "cache").glob("*.capabilities.pickle")
    written = pickled.stat().st_mtime_ns
    assert start(tmp_path) == "TM-T20II"
    assert pickled.stat().st_mtime_ns == written  # read, not parsed and written again
    pickled.write_bytes(b"half a pickle")  # a start killed while writing it
    assert start(tmp_path) == "TM-T20II"
    assert pickled.stat().st_size > 1000
