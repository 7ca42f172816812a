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
    head = migrate.head_revision()
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    try:
        with pytest.raises(DatabaseBehindError, match="farmapos db upgrade"):
            migrate.ensure_at_head(db.engine)
    finally:
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head})


def test_upgrading_a_database_with_sales_keeps_them(tmp_path) -> None:
    """Later migrations must not copy tables that sale lines cascade from (SQLite batch mode would)."""
    database = Database(f"sqlite:///{tmp_path / 'old.db'}")
    migrate.upgrade(database.engine, "0002")
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO pharmacy (id, legal_name, trade_name, nif, address, postal_code, city, phone, email, "
                "ticket_header, ticket_footer, currency, prices_include_vat, reorder_point_default, "
                "expiry_warning_days, cash_rounding_step, oversell_policy, discounts_on_prescriptions, language) "
                "VALUES (1, 'F', '', 'B12345674', '', '', '', '', '', '', '', 'EUR', 1, 10, 30, 0, 'allow', 1, 'es')"
            )
        )
        connection.execute(text("INSERT INTO warehouse (id, code, name) VALUES (1, 'P', 'P')"))
        connection.execute(
            text(
                "INSERT INTO workstation (id, code, name, warehouse_id, printer_uri, printer_columns, printer_profile, "
                "printer_code_page, display_uri, drawer_uri, scanner_uri, active) "
                "VALUES (1, 'T1', 'T1', 1, 'none', 42, 'default', 'cp858', 'none', 'none', 'keyboard', 1)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO seller (id, code, name, colour, role, can_open_drawer, active, created_at) "
                "VALUES (1, 'A', 'A', '#FFFFFF', 'assistant', 1, 1, '2026-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO article (id, code, description, search_key, atc_code, presentation, location, "
                "needs_prescription, psychotropic, narcotic, special_control, fridge, generic, excluded_funding, "
                "advertised, discontinued, unlimited, price, last_cost, average_cost, vat_rate, min_stock, max_stock, "
                "measure_unit, updated_at) VALUES (1, 'X', 'X', 'x', '', '', '', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "
                "1, 0, 0, 4, 0, 0, '', '2026-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO sale (id, workstation_id, seller_id, state, kind, opened_at, updated_at, "
                "total_discount_pct, cash_rounding) VALUES (1, 1, 1, 'open', 'ticket', '2026-01-01 00:00:00', "
                "'2026-01-01 00:00:00', 0, 0)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO sale_line (id, sale_id, position, article_id, code, description, quantity, unit_price, "
                "vat_rate, discount_pct, pending_prescription) VALUES (1, 1, 1, 1, 'X', 'X', 2, 1, 4, 0, 0)"
            )
        )
    migrate.upgrade(database.engine)
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM sale_line")).scalar() == 1
        assert connection.execute(text("SELECT cash_session_id FROM sale")).scalar() is None
    database.dispose()


def test_the_quick_head_reading_agrees_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    assert migrate.head_revision() == ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()
