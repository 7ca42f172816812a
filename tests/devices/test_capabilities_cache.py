"""Printer profiles are read once from python-escpos and kept in farmapos's cache: a counter starts without
importing the library's capability data, and that data comes from a pickle in the cache, not its YAML."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROFILE = """
import sys
from farmapos.devices.profiles import printer_profile
profile = printer_profile(sys.argv[1])
print(profile.name, profile.code_page_number("cp858"), "escpos.capabilities" in sys.modules)
"""


def start(home: Path, profile: str = "TM-T20II") -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "ESCPOS_CAPABILITIES_PICKLE_DIR"} | {
        "FARMAPOS_HOME": str(home)
    }
    run = subprocess.run(
        [sys.executable, "-c", PROFILE, profile], env=env, capture_output=True, text=True, check=True
    )
    return run.stdout.split()


def test_a_profile_read_once_is_kept_and_the_library_not_imported_again(tmp_path: Path) -> None:
    assert start(tmp_path) == ["TM-T20II", "19", "True"]
    assert start(tmp_path) == ["TM-T20II", "19", "False"]
    assert start(tmp_path, "default") == ["default", "19", "True"]  # another model: read, and kept beside
    kept = json.loads((tmp_path / "cache" / "printer-profiles.json").read_text())
    assert sorted(kept["profiles"]) == ["TM-T20II", "default"]


def test_profiles_kept_for_another_library_version_or_broken_are_read_again(tmp_path: Path) -> None:
    start(tmp_path)
    kept = tmp_path / "cache" / "printer-profiles.json"
    data = json.loads(kept.read_text())
    kept.write_text(json.dumps({**data, "escpos": "0.0-other"}))
    assert start(tmp_path) == ["TM-T20II", "19", "True"]
    assert json.loads(kept.read_text())["escpos"] == data["escpos"]
    kept.write_text(json.dumps({**data, "format": 0}))  # kept by a farmapos that derived them otherwise
    assert start(tmp_path) == ["TM-T20II", "19", "True"]
    kept.write_text('{"escpos": ')  # a crash in the middle of writing it (or a hand edit)
    assert start(tmp_path) == ["TM-T20II", "19", "True"]
    assert start(tmp_path) == ["TM-T20II", "19", "False"]


def test_the_capabilities_pickle_is_kept_and_a_broken_one_replaced(tmp_path: Path) -> None:
    kept = tmp_path / "cache" / "printer-profiles.json"
    start(tmp_path)
    [pickled] = (tmp_path / "cache").glob("*.capabilities.pickle")
    written = pickled.stat().st_mtime_ns
    kept.unlink()
    assert start(tmp_path) == ["TM-T20II", "19", "True"]
    assert pickled.stat().st_mtime_ns == written  # read, not parsed and written again
    pickled.write_bytes(b"half a pickle")  # a start killed while writing it
    kept.unlink()
    assert start(tmp_path) == ["TM-T20II", "19", "True"]
    assert pickled.stat().st_size > 1000
