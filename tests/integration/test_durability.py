"""Durable commits where something is completed; open-sale drafts commit without waiting for the disk."""

from __future__ import annotations

import pytest
from sqlalchemy import event, text

from farmapos.domain.db import Database


def _durability(db: Database, **options) -> str:
    with db.uow(**options) as uow:
        if db.dialect == "sqlite":
            level = {1: "normal", 2: "full"}[uow.session.execute(text("PRAGMA synchronous")).scalar_one()]
        else:
            level = uow.session.execute(text("SHOW synchronous_commit")).scalar_one()
        uow.commit()
    return level


def test_drafts_skip_the_disk_wait_and_every_other_write_is_durable(db: Database) -> None:
    durable, draft = ("full", "normal") if db.dialect == "sqlite" else ("on", "off")
    assert _durability(db) == durable
    assert _durability(db, draft=True) == draft
    assert _durability(db) == durable  # the pooled connection does not keep the draft's setting
    assert _durability(db, draft=True) == draft
    assert _durability(db) == durable


def test_a_run_of_drafts_sets_durability_once_and_a_rollback_forgets_it(db: Database) -> None:
    """The setting is sent when it changes, not per transaction, and reads between drafts leave it alone
    (the article card is read after every scan). PostgreSQL rolls back a SET with the transaction that
    made it, so after such a rollback the setting is sent again."""
    sent: list[str] = []

    def record(_conn, _cursor, statement: str, *_args) -> None:
        if "synchronous" in statement and ("=" in statement or " TO " in statement):
            sent.append(statement)

    draft = "normal" if db.dialect == "sqlite" else "off"
    durable = "full" if db.dialect == "sqlite" else "on"
    _durability(db)
    event.listen(db.engine, "before_cursor_execute", record)
    try:
        for work in (db.uow, db.core):
            for _ in range(3):
                with work(draft=True) as unit:
                    (unit.session if work == db.uow else unit.connection).execute(text("SELECT 1"))
                    unit.commit()
                with work(read_only=True) as unit:
                    (unit.session if work == db.uow else unit.connection).execute(text("SELECT 1"))
        assert len(sent) == 1
        # A durable transaction, then a draft that sends the setting and rolls back: the next draft must
        # not trust the setting the rollback undid.
        _durability(db)
        with db.uow(draft=True) as uow:
            uow.session.execute(text("SELECT 1"))  # left without commit: rolled back
        assert _durability(db, draft=True) == draft
        assert _durability(db) == durable
        with db.core(draft=True) as work:
            work.connection.execute(text("SELECT 1"))
        assert _durability(db, draft=True) == draft
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def test_a_failed_statement_leaves_the_setting_unknown(db: Database) -> None:
    """After an error (which may have ended the transaction that sent the setting) it is sent again."""
    from sqlalchemy.exc import IntegrityError

    draft = "normal" if db.dialect == "sqlite" else "off"
    _durability(db)
    with pytest.raises(IntegrityError), db.core(draft=True) as work:
        work.connection.execute(text("INSERT INTO seller (code) VALUES (NULL)"))  # NOT NULL
    assert _durability(db, draft=True) == draft
    assert _durability(db) == ("full" if db.dialect == "sqlite" else "on")


def test_a_connection_lost_inside_a_transaction_is_reported_as_such(db: Database) -> None:
    """The server ends the connection in the middle of a unit of work (a restart, a network cut): the seller
    reads that the database went away and nothing was saved, whatever the unit of work, and the pool keeps
    no broken connection checked out."""
    if db.dialect != "postgresql":
        pytest.skip("a SQLite file does not go away between two statements")
    from sqlalchemy import create_engine

    from farmapos.domain.errors import DatabaseUnavailable

    admin = create_engine(db.engine.url, isolation_level="AUTOCOMMIT")
    try:
        for work in (db.core(draft=True), db.core(), db.uow(draft=True), db.uow()):
            with pytest.raises(DatabaseUnavailable, match="No se ha guardado nada"), work:
                connection = work.connection if hasattr(work, "connection") else work.session.connection()
                pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
                with admin.connect() as other:
                    other.exec_driver_sql(f"SELECT pg_terminate_backend({int(pid)})")
                connection.exec_driver_sql("SELECT 1")
            assert db.engine.pool.checkedout() == 0
        assert _durability(db, draft=True) == "off" and _durability(db) == "on"  # and it works again
    finally:
        admin.dispose()
