"""Schema versions through alembic: bring a database to head, and refuse to run on one behind it."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from farmapos.domain.errors import DatabaseBehindError

MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations"

# Objects the database keeps for us outside the mapped metadata (full-text index and its shadow
# tables, expression indexes, triggers): created by migrations, ignored when comparing models.
NATIVE_TABLE_PREFIXES = ("article_fts",)
NATIVE_INDEXES = {"ix_article_search_tsv", "ix_article_search_trgm"}


def include_object(obj, name: str | None, type_: str, reflected: bool, compare_to) -> bool:
    if type_ == "table" and name and name.startswith(NATIVE_TABLE_PREFIXES):
        return False
    return not (type_ == "index" and name in NATIVE_INDEXES)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "migrations/versions is empty"  # a packaging defect, not a user error
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str]:
    """Bring the database to `revision`; returns (revision before, revision after)."""
    before = current_revision(engine)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return before, current_revision(engine) or ""


def ensure_at_head(engine: Engine) -> None:
    """Refuse to work on a database whose schema is not the one this version of farmapos expects."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is None:
        raise DatabaseBehindError(
            "La base de datos está vacía o no es de farmapos. Créela con `farmapos db upgrade` "
            "(o `farmapos demo-data` para una farmacia de demostración)."
        )
    raise DatabaseBehindError(
        f"La base de datos está en la versión {current} y esta versión de farmapos necesita la {head}. "
        "Actualícela con `farmapos db upgrade` (haga antes una copia de seguridad)."
    )
