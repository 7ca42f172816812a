"""Throwaway databases for benchmarks: a SQLite file and a PostgreSQL database, each with a demo pharmacy."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

from farmapos import migrate
from farmapos.demo.pharmacy import build_demo_pharmacy
from farmapos.domain.db import Database

PG_ADMIN = os.environ.get("FARMAPOS_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def engines() -> list[str]:
    wanted = os.environ.get("FARMAPOS_BENCH_ENGINES", "sqlite,postgresql").split(",")
    found = []
    for name in wanted:
        if name == "postgresql":
            try:
                with create_engine(PG_ADMIN).connect() as connection:
                    connection.execute(text("SELECT 1"))
            except Exception as exc:
                print(f"(PostgreSQL skipped: {exc.__class__.__name__})")
                continue
        found.append(name)
    return found


@contextmanager
def demo_database(engine: str, articles: int, days: int = 0, *, counter: bool = False) -> Iterator[Database]:
    """A migrated database with a demo pharmacy of `articles` articles, removed afterwards.

    `counter=True` opens it as the counter does: SQLite checkpoints its WAL only when told (when idle).
    """
    if engine == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            database = Database(f"sqlite:///{Path(folder) / 'bench.db'}", idle_checkpoints=counter)
            migrate.upgrade(database.engine)
            build_demo_pharmacy(database, articles=articles, days=days, seed=7, data_dir=Path(folder))
            try:
                yield database
            finally:
                database.dispose()
        return
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"farmapos_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    database = Database(admin.url.set(database=name).render_as_string(hide_password=False))
    try:
        migrate.upgrade(database.engine)
        with tempfile.TemporaryDirectory() as folder:
            build_demo_pharmacy(database, articles=articles, days=days, seed=7, data_dir=Path(folder))
        # Let the bulk load settle (visibility map, statistics) so autovacuum does not run inside a measurement.
        with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
        yield database
    finally:
        database.dispose()
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
