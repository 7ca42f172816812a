"""Schema versions through alembic: bring a database to head, and refuse to run on one behind it.

Checking the version is on every start of the counter and every command, so it reads the revision files
and the `alembic_version` row directly; alembic itself (a third of a second to import) loads only to
upgrade.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from farmapos.domain.errors import DatabaseBehindError
from farmapos.messages import msg

if TYPE_CHECKING:
    from alembic.config import Config

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
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*(?:['\"]([^'\"]+)['\"]|None)", re.M)


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest revision: the one no other revision names as its parent (the history is linear)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision:
            revisions.add(revision.group(1))
            if down and down.group(1):
                parents.add(down.group(1))
    heads = revisions - parents
    if len(heads) != 1:  # a packaging defect, not a user error
        raise RuntimeError(f"migrations/versions should have one head, found {sorted(heads)}")
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    with engine.connect().execution_options(farmapos_read_only=True) as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str]:
    """Bring the database to `revision`; returns (revision before, revision after)."""
    from alembic import command

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
            msg(
                "La base de datos está vacía o no es de farmapos. Créela con `farmapos db upgrade` "
                "(o `farmapos demo-data` para una farmacia de demostración)."
            )
        )
    raise DatabaseBehindError(
        msg(
            "La base de datos está en la versión {current} y esta versión de farmapos necesita la {head}. "
            "Actualícela con `farmapos db upgrade` (haga antes una copia de seguridad).",
            current=current,
            head=head,
        )
    )
