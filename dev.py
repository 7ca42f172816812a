#!/usr/bin/env python3
"""Set-up in one command, on Linux, macOS or Windows, with only Python 3.11+ installed.

    python3 dev.py demo    create .venv, install farmapos, create the demo pharmacy (SQLite), open the counter
    python3 dev.py test    create .venv, install farmapos with its test tools, run ruff and the whole test suite

Extra arguments after `test` go to pytest (e.g. `python3 dev.py test -k sales`).
Environment: FARMAPOS_TEST_ENGINES=sqlite (skip PostgreSQL), FARMAPOS_TEST_PG=URL (another server),
FARMAPOS_REQUIRE_PG=1 (fail instead of skipping when PostgreSQL is unreachable, as CI does).
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".farmapos-installed"


def run(*args: str | Path) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT)


def ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs before the project is installed
        sys.exit("farmapos needs Python 3.11 or newer.")
    if not PYTHON.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = f"{extras}:{(ROOT / 'pyproject.toml').stat().st_mtime_ns}"
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", f".{extras}" if extras else ".")
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("demo", "test"):
        print(__doc__)
        return 2
    if argv[0] == "demo":
        ensure_venv("")
        farmapos = BIN / ("farmapos.exe" if os.name == "nt" else "farmapos")
        run(farmapos, "demo-data", "--articles", "20000", "--days", "14", "--if-missing")
        run(farmapos)
        return 0
    ensure_venv("[test]")
    run(PYTHON, "-m", "ruff", "check", ".")
    run(PYTHON, "-m", "pytest", *argv[1:])
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)
