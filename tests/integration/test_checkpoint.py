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


def test_the_idle_checkpoint_starts_the_log_again_and_never_waits_for_a_writer(
    tmp_path: Path, sqlite_template: Path
) -> None:
    """Starting the log again syncs its header: the idle checkpoint does it, so the next scan does not. It
    leaves the data as it was, and skips it (without waiting) while another connection is writing."""
    import time

    path = tmp_path / "counter.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}", idle_checkpoints=True)
    seed_pharmacy(db)
    for number in range(10):
        make_article(db, code=f"{600000 + number}", price="2.50")

    def log_frames() -> int:
        with sqlite3.connect(path) as reader:
            return reader.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]

    with db.engine.connect() as connection:
        version = connection.exec_driver_sql("PRAGMA user_version").scalar()
    assert log_frames() >= 10
    assert db.checkpoint() is True
    assert 0 < log_frames() <= 2  # started again: only the restart's own frame
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA user_version").scalar() == version
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
    assert articles_in_the_file_alone(path, tmp_path) == 10
    log = path.with_name(path.name + "-wal")

    def salt() -> bytes:  # changes each time the log starts again
        return log.read_bytes()[16:24]

    started = salt()
    for _ in range(3):  # an idle counter: its timer checkpoints, nothing was written
        assert db.checkpoint() is True
    assert salt() == started and log_frames() <= 1
    make_article(db, code="700680", price="3.10")
    assert db.checkpoint() is True and salt() != started  # new writes: started again
    make_article(db, code="700681", price="3.10")
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    try:
        started = time.monotonic()
        db.checkpoint()
        assert time.monotonic() - started < 2  # not the 10 s busy timeout
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
    db.dispose()
