"""Durable commits where something is completed; open-sale drafts commit without waiting for the disk."""

from __future__ import annotations

from sqlalchemy import text

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
