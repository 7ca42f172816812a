"""A counter killed (SIGKILL) while closing sales: every sale is whole or absent, chain and ledger sound."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from farmapos.domain.db import Database
from farmapos.domain.fiscal import verify_chains
from farmapos.domain.models import FiscalRecord, Sale, StockMovement
from farmapos.domain.stock import ledger_mismatches
from tests.factories import make_article, seed_pharmacy
from tests.integration.test_sales import receive

ROOT = Path(__file__).resolve().parents[2]


def check_database(db: Database) -> int:
    with db.uow(read_only=True) as uow:
        session = uow.session
        assert ledger_mismatches(session) == []
        assert all(report.broken is None for report in verify_chains(session))
        closed = session.scalars(select(Sale).where(Sale.state == "closed").order_by(Sale.number)).all()
        assert [sale.number for sale in closed] == list(range(1, len(closed) + 1))
        for sale in closed:
            assert sale.total == sum((line.amount for line in sale.lines), Decimal(0))
            paid = sum((p.amount for p in sale.payments), Decimal(0))
            assert paid - sale.cash_rounding == sale.total
            moved = session.scalar(
                select(func.count())
                .select_from(StockMovement)
                .where(StockMovement.document_ref == sale.full_number)
            )
            assert moved == len(sale.lines)
        assert session.scalar(select(func.count()).select_from(FiscalRecord)) == len(closed)
        assert (
            session.scalar(
                select(func.count()).select_from(StockMovement).where(StockMovement.kind == "sale")
            )
            == len(closed) * 2
        )
        return len(closed)


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_sigkill_while_closing_sales(tmp_path: Path, sqlite_template: Path) -> None:
    path = tmp_path / "crash.db"
    shutil.copyfile(sqlite_template, path)
    url = f"sqlite:///{path}"
    db = Database(url)
    seed = seed_pharmacy(db)
    receive(db, seed, make_article(db, code="654766", price="2.50"), 500)
    receive(db, seed, make_article(db, code="P-1", description="CREMA", price="9.95", family="COS",
                                   barcodes=["4006381333931"]), 500)  # fmt: skip
    rng = random.Random(1)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    closed_before = 0
    for _ in range(12):
        child = subprocess.Popen([sys.executable, "-m", "tests.integration.crash_child", url], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
        # Let it close a random number of sales, then kill it wherever it happens to be.
        for _ in range(rng.randint(1, 6)):
            line = child.stdout.readline()
            assert line == "closed\n", child.stderr.read()
        time.sleep(rng.uniform(0, 0.03))  # a random point inside the next sale, not a timing assertion
        child.send_signal(signal.SIGKILL)
        child.wait()
        closed = check_database(db)
        assert closed >= closed_before
        closed_before = closed
    assert closed_before >= 12
    db.dispose()
