"""Foundation: pharmacy, workstations, sellers, catalogue, stock ledger, customers.

Also the objects the database keeps by itself: the catalogue's full-text index (FTS5 on SQLite, a GIN
expression index on PostgreSQL) and the triggers that make the stock ledger append-only.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 05:33:06.604264
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("search_key", sa.String(length=200), nullable=False),
        sa.Column("nif", sa.String(length=16), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("email", sa.String(length=120), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("health_card", sa.String(length=30), nullable=True),
        sa.Column("discount_pct", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("credit_limit", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("blocked", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer")),
        sa.UniqueConstraint("code", name=op.f("uq_customer_code")),
    )
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_health_card"), ["health_card"], unique=False)
        batch_op.create_index(batch_op.f("ix_customer_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_customer_nif"), ["nif"], unique=False)
        batch_op.create_index(batch_op.f("ix_customer_phone"), ["phone"], unique=False)
        batch_op.create_index(batch_op.f("ix_customer_search_key"), ["search_key"], unique=False)

    op.create_table(
        "family",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("vat_rate", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("max_discount_pct", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family")),
        sa.UniqueConstraint("code", name=op.f("uq_family_code")),
    )
    op.create_table(
        "laboratory",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_laboratory")),
        sa.UniqueConstraint("code", name=op.f("uq_laboratory_code")),
    )
    op.create_table(
        "pharmacy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("legal_name", sa.String(length=120), nullable=False),
        sa.Column("trade_name", sa.String(length=120), nullable=False),
        sa.Column("nif", sa.String(length=16), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("postal_code", sa.String(length=10), nullable=False),
        sa.Column("city", sa.String(length=80), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("email", sa.String(length=120), nullable=False),
        sa.Column("ticket_header", sa.Text(), nullable=False),
        sa.Column("ticket_footer", sa.Text(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("prices_include_vat", sa.Boolean(), nullable=False),
        sa.Column("reorder_point_default", sa.Numeric(precision=12, scale=3), nullable=False),
        sa.Column("expiry_warning_days", sa.Integer(), nullable=False),
        sa.Column("cash_rounding_step", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("oversell_policy", sa.String(length=8), nullable=False),
        sa.Column("discounts_on_prescriptions", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pharmacy")),
    )
    op.create_table(
        "seller",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("colour", sa.String(length=9), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("can_open_drawer", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seller")),
        sa.UniqueConstraint("code", name=op.f("uq_seller_code")),
    )
    op.create_table(
        "vat_rate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rate", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vat_rate")),
        sa.UniqueConstraint("rate", name=op.f("uq_vat_rate_rate")),
    )
    op.create_table(
        "warehouse",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warehouse")),
        sa.UniqueConstraint("code", name=op.f("uq_warehouse_code")),
    )
    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column(
            "search_key",
            sa.String(length=300).with_variant(sa.String(length=300, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("family_id", sa.Integer(), nullable=True),
        sa.Column("laboratory_id", sa.Integer(), nullable=True),
        sa.Column("atc_code", sa.String(length=10), nullable=False),
        sa.Column("presentation", sa.String(length=120), nullable=False),
        sa.Column("location", sa.String(length=40), nullable=False),
        sa.Column("needs_prescription", sa.Boolean(), nullable=False),
        sa.Column("psychotropic", sa.Boolean(), nullable=False),
        sa.Column("narcotic", sa.Boolean(), nullable=False),
        sa.Column("special_control", sa.Boolean(), nullable=False),
        sa.Column("fridge", sa.Boolean(), nullable=False),
        sa.Column("generic", sa.Boolean(), nullable=False),
        sa.Column("excluded_funding", sa.Boolean(), nullable=False),
        sa.Column("advertised", sa.Boolean(), nullable=False),
        sa.Column("discontinued", sa.Boolean(), nullable=False),
        sa.Column("unlimited", sa.Boolean(), nullable=False),
        sa.Column("price", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("last_cost", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("average_cost", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("vat_rate", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("min_stock", sa.Numeric(precision=12, scale=3), nullable=False),
        sa.Column("max_stock", sa.Numeric(precision=12, scale=3), nullable=False),
        sa.Column("max_discount_pct", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("measure_unit", sa.String(length=8), nullable=False),
        sa.Column("measure_quantity", sa.Numeric(precision=12, scale=3), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("last_cost >= 0 AND average_cost >= 0", name=op.f("ck_article_cost_not_negative")),
        sa.CheckConstraint("min_stock >= 0 AND max_stock >= 0", name=op.f("ck_article_min_max_not_negative")),
        sa.CheckConstraint("price >= 0", name=op.f("ck_article_price_not_negative")),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"], name=op.f("fk_article_family_id_family")),
        sa.ForeignKeyConstraint(
            ["laboratory_id"], ["laboratory.id"], name=op.f("fk_article_laboratory_id_laboratory")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article")),
        sa.UniqueConstraint("code", name=op.f("uq_article_code")),
    )
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_family_id"), ["family_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_laboratory_id"), ["laboratory_id"], unique=False)
        batch_op.create_index("ix_article_search_key", ["search_key"], unique=False)

    op.create_table(
        "workstation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("printer_uri", sa.String(length=200), nullable=False),
        sa.Column("printer_columns", sa.Integer(), nullable=False),
        sa.Column("printer_profile", sa.String(length=40), nullable=False),
        sa.Column("printer_code_page", sa.String(length=10), nullable=False),
        sa.Column("display_uri", sa.String(length=200), nullable=False),
        sa.Column("drawer_uri", sa.String(length=200), nullable=False),
        sa.Column("scanner_uri", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouse.id"], name=op.f("fk_workstation_warehouse_id_warehouse")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workstation")),
        sa.UniqueConstraint("code", name=op.f("uq_workstation_code")),
    )
    op.create_table(
        "article_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.CheckConstraint(
            "kind IN ('cn', 'ean13', 'ean8', 'gtin14', 'upc', 'synonym', 'supplier', 'internal')",
            name=op.f("ck_article_code_kind_known"),
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_article_code_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_code")),
        sa.UniqueConstraint("code", name=op.f("uq_article_code_code")),
    )
    with op.batch_alter_table("article_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_code_article_id"), ["article_id"], unique=False)

    op.create_table(
        "lot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("batch", sa.String(length=20), nullable=False),
        sa.Column("expiry", sa.Date(), nullable=True),
        sa.Column("quantity", sa.Numeric(precision=12, scale=3), nullable=False),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_lot_article_id_article"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouse.id"], name=op.f("fk_lot_warehouse_id_warehouse")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lot")),
        sa.UniqueConstraint(
            "article_id", "warehouse_id", "batch", name=op.f("uq_lot_article_id_warehouse_id_batch")
        ),
    )
    with op.batch_alter_table("lot", schema=None) as batch_op:
        batch_op.create_index(
            "ix_lot_article_warehouse_expiry", ["article_id", "warehouse_id", "expiry"], unique=False
        )

    op.create_table(
        "stock_level",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=12, scale=3), nullable=False),
        sa.Column("low_alerted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_stock_level_article_id_article"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouse.id"], name=op.f("fk_stock_level_warehouse_id_warehouse")
        ),
        sa.PrimaryKeyConstraint("article_id", "warehouse_id", name=op.f("pk_stock_level")),
    )
    op.create_table(
        "stock_movement",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=True),
        sa.Column("quantity", sa.Numeric(precision=12, scale=3), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=120), nullable=False),
        sa.Column("document_ref", sa.String(length=60), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('sale', 'return', 'reception', 'adjustment', 'transfer', 'count')",
            name=op.f("ck_stock_movement_kind_known"),
        ),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_stock_movement_article_id_article")
        ),
        sa.ForeignKeyConstraint(["lot_id"], ["lot.id"], name=op.f("fk_stock_movement_lot_id_lot")),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["seller.id"], name=op.f("fk_stock_movement_seller_id_seller")
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouse.id"], name=op.f("fk_stock_movement_warehouse_id_warehouse")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_movement")),
    )
    with op.batch_alter_table("stock_movement", schema=None) as batch_op:
        batch_op.create_index("ix_stock_movement_article_created", ["article_id", "created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_stock_movement_document_ref"), ["document_ref"], unique=False)

    _create_native_objects()


SQLITE_NATIVE = [
    """CREATE VIRTUAL TABLE article_fts USING fts5(
        search_key, content='article', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')""",
    """CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN
        INSERT INTO article_fts(rowid, search_key) VALUES (new.id, new.search_key);
    END""",
    """CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN
        INSERT INTO article_fts(article_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
    END""",
    """CREATE TRIGGER article_fts_update AFTER UPDATE OF search_key ON article BEGIN
        INSERT INTO article_fts(article_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
        INSERT INTO article_fts(rowid, search_key) VALUES (new.id, new.search_key);
    END""",
    """CREATE TRIGGER stock_movement_no_update BEFORE UPDATE ON stock_movement BEGIN
        SELECT RAISE(ABORT, 'stock_movement is append-only: record a correcting movement instead');
    END""",
    """CREATE TRIGGER stock_movement_no_delete BEFORE DELETE ON stock_movement BEGIN
        SELECT RAISE(ABORT, 'stock_movement is append-only: record a correcting movement instead');
    END""",
]

POSTGRESQL_NATIVE = [
    "CREATE INDEX ix_article_search_tsv ON article USING gin (to_tsvector('simple', search_key))",
    """CREATE FUNCTION farmapos_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '% is append-only: record a correcting entry instead', TG_TABLE_NAME;
    END $$""",
    """CREATE TRIGGER stock_movement_append_only BEFORE UPDATE OR DELETE ON stock_movement
        FOR EACH ROW EXECUTE FUNCTION farmapos_append_only()""",
]


def _create_native_objects() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_NATIVE if dialect == "sqlite" else POSTGRESQL_NATIVE:
        op.execute(statement)


def _drop_native_objects() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in (
            "article_fts_insert",
            "article_fts_delete",
            "article_fts_update",
            "stock_movement_no_update",
            "stock_movement_no_delete",
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS article_fts")
    else:
        op.execute("DROP TRIGGER IF EXISTS stock_movement_append_only ON stock_movement")
        op.execute("DROP FUNCTION IF EXISTS farmapos_append_only()")
        op.execute("DROP INDEX IF EXISTS ix_article_search_tsv")


def downgrade() -> None:
    _drop_native_objects()
    with op.batch_alter_table("stock_movement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_movement_document_ref"))
        batch_op.drop_index("ix_stock_movement_article_created")

    op.drop_table("stock_movement")
    op.drop_table("stock_level")
    with op.batch_alter_table("lot", schema=None) as batch_op:
        batch_op.drop_index("ix_lot_article_warehouse_expiry")

    op.drop_table("lot")
    with op.batch_alter_table("article_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_code_article_id"))

    op.drop_table("article_code")
    op.drop_table("workstation")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index("ix_article_search_key")
        batch_op.drop_index(batch_op.f("ix_article_laboratory_id"))
        batch_op.drop_index(batch_op.f("ix_article_family_id"))

    op.drop_table("article")
    op.drop_table("warehouse")
    op.drop_table("vat_rate")
    op.drop_table("seller")
    op.drop_table("pharmacy")
    op.drop_table("laboratory")
    op.drop_table("family")
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_search_key"))
        batch_op.drop_index(batch_op.f("ix_customer_phone"))
        batch_op.drop_index(batch_op.f("ix_customer_nif"))
        batch_op.drop_index(batch_op.f("ix_customer_name"))
        batch_op.drop_index(batch_op.f("ix_customer_health_card"))

    op.drop_table("customer")
