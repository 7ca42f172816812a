"""The counter's SQLite log is folded into the database file when the counter is idle, and only then."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from farmapos.domain.db import Database
from tests.factories import make_article, seed_pharmacy


def articles_in_the_file_alone(path: Path, tmp_path: Path) -> int:
    """What a reader of the database file without its log would find: what checkpoints have moved there."""
    alone = tmp_path / "alone.db"
    shutil.copyfile(path, alone)
    with sqlite3.connect(alone) as connection:
        return connection.execute("SELECT count(*) FROM article").fetchone()[0]


def test_writes_stay_in_the_log_until_the_idle_checkpoint(tmp_path: Path, sqlite_template: Path) -> None:
    path = tmp_path / "counter.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}", idle_checkpoints=True)
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0  # never inside a sale
    seed_pharmacy(db)
    for number in range(40):
        make_article(db, code=f"{600000 + number}", price="2.50")
    assert articles_in_the_file_alone(path, tmp_path) == 0
    assert db.checkpoint() is True
    assert articles_in_the_file_alone(path, tmp_path) == 40
    log = path.with_name(path.name + "-wal")
    size = log.stat().st_size
    assert size > 0  # kept for the next writes, not truncated
    make_article(db, code="700681", price="3.10")
    assert log.stat().st_size <= size  # the log started again from its beginning
    assert articles_in_the_file_alone(path, tmp_path) == 40
    assert db.checkpoint() is True
    assert articles_in_the_file_alone(path, tmp_path) == 41
    assert db.checkpoint(truncate=True) is True  # after a bulk job: the log file emptied as well
    assert log.stat().st_size == 0 and articles_in_the_file_alone(path, tmp_path) == 41
    db.dispose()


def test_other_connections_checkpoint_automatically(tmp_path: Path, sqlite_template: Path) -> None:
    path = tmp_path / "tool.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
        assert connection.exec_driver_sql("PRAGMA journal_size_limit").scalar() == 64 * 1024 * 1024
    db.dispose()
