"""The schema comes only from migrations, and the migrations agree with the models on both engines."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from farmapos import migrate
from farmapos.domain.db import Database
from farmapos.domain.errors import DatabaseBehindError
from farmapos.domain.models import Base


def test_migrations_match_models(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": migrate.include_object, "compare_type": True}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_database_is_at_head(db: Database) -> None:
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    migrate.ensure_at_head(db.engine)


def test_empty_database_is_refused_and_upgrade_brings_it_to_head(tmp_path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(DatabaseBehindError, match="farmapos db upgrade"):
        migrate.ensure_at_head(database.engine)
    before, after = migrate.upgrade(database.engine)
    assert (before, after) == (None, migrate.head_revision())
    migrate.ensure_at_head(database.engine)


def test_database_behind_head_is_refused(db: Database) -> None:
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    with pytest.raises(DatabaseBehindError, match="farmapos db upgrade"):
        migrate.ensure_at_head(db.engine)
