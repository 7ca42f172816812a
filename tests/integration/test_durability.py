"""Durable commits where something is completed; open-sale drafts commit without waiting for the disk."""

from __future__ import annotations

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
    """The setting is sent when it changes, not per transaction; a rollback may have undone it (PostgreSQL
    rolls back a SET with its transaction), so the next transaction sends it again."""
    sent: list[str] = []

    def record(_conn, _cursor, statement: str, *_args) -> None:
        if "synchronous" in statement and ("=" in statement or " TO " in statement):
            sent.append(statement)

    draft = "normal" if db.dialect == "sqlite" else "off"
    durable = "full" if db.dialect == "sqlite" else "on"
    _durability(db)
    event.listen(db.engine, "before_cursor_execute", record)
    try:
        for _ in range(3):
            with db.uow(draft=True) as uow:
                uow.session.execute(text("SELECT 1"))
                uow.commit()
        assert len(sent) == 1
        with db.uow(draft=True) as uow:
            uow.session.execute(text("SELECT 1"))  # left without commit: rolled back
        assert _durability(db, draft=True) == draft
        assert _durability(db) == durable
        assert _durability(db, draft=True) == draft
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
