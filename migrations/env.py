"""Alembic environment: metadata from the domain models; batch mode on SQLite.

farmapos passes an open connection in `config.attributes["connection"]`; the plain `alembic` command
resolves the database the same way the application does.
"""

from __future__ import annotations

from alembic import context

from farmapos.domain.models import Base
from farmapos.migrate import include_object

config = context.config
target_metadata = Base.metadata


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
        compare_type=True,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    from farmapos.config import load_config
    from farmapos.domain.db import make_engine

    engine = make_engine(load_config().database_url)
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("farmapos migrations run online only: `farmapos db upgrade`.")
run_migrations_online()
