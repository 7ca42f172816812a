"""Test databases: every `db` test runs on SQLite and on PostgreSQL.

SQLite tests copy a migrated template file; PostgreSQL tests share one database created (and dropped)
for the session and emptied before each test. Without a reachable PostgreSQL server the PostgreSQL
variants skip with the reason — unless FARMAPOS_REQUIRE_PG=1 (CI), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import create_engine, text

from farmapos import migrate
from farmapos.domain.db import Database
from farmapos.domain.models import Base

PG_ADMIN_URL = os.environ.get("FARMAPOS_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REQUIRE_PG = os.environ.get("FARMAPOS_REQUIRE_PG") == "1"
ENGINES = [e.strip() for e in os.environ.get("FARMAPOS_TEST_ENGINES", "sqlite,postgresql").split(",") if e]


def engine_params() -> list:
    params = []
    if "sqlite" in ENGINES:
        params.append(pytest.param("sqlite", id="sqlite"))
    if "postgresql" in ENGINES:
        params.append(pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres))
    return params


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    database = Database(f"sqlite:///{path}")
    migrate.upgrade(database.engine)
    database.engine.dispose()
    return path


class PostgresServer:
    """A throwaway database on the test server: created for the session, dropped at its end."""

    def __init__(self) -> None:
        self.admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        self.name = f"farmapos_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        base = self.admin.url
        self.urls: list[str] = []
        self.base_url = base

    def create(self, suffix: str = "") -> str:
        name = self.name + suffix
        with self.admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = self.base_url.set(database=name).render_as_string(hide_password=False)
        self.urls.append(name)
        return url

    def drop_all(self) -> None:
        with self.admin.connect() as connection:
            for name in self.urls:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin.dispose()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    try:
        server = PostgresServer()
        with server.admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:
        message = f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc.__class__.__name__}"
        if REQUIRE_PG:
            pytest.fail(message + " (FARMAPOS_REQUIRE_PG=1)")
        pytest.skip(message)
    yield server
    server.drop_all()


@pytest.fixture(scope="session")
def pg_database(pg_server: PostgresServer) -> Iterator[Database]:
    database = Database(pg_server.create())
    migrate.upgrade(database.engine)
    yield database
    database.dispose()


def _empty_postgres(database: Database) -> None:
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        connection.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


@pytest.fixture(params=engine_params())
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty farmapos database on each engine."""
    if request.param == "sqlite":
        path = tmp_path / "farmapos.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        database = Database(f"sqlite:///{path}")
        yield database
        database.dispose()
    else:
        database = request.getfixturevalue("pg_database")
        _empty_postgres(database)
        yield database
        database.engine.pool.dispose()


@pytest.fixture
def seed(db: Database):
    """A pharmacy with its VAT rates, warehouse, counter T1, two sellers and three families."""
    from tests.factories import seed_pharmacy

    return seed_pharmacy(db)
