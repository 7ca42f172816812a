"""Sales: open and parked sales, lines, payments, gapless series, co-payment types, customer credit,
the VERI*FACTU chain and its append-only records.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 05:43:28.305107
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "copay_type",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("patient_pct", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("cap_per_pack", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("payer", sa.String(length=60), nullable=False),
        sa.Column("admits_advertised", sa.Boolean(), nullable=False),
        sa.Column("admits_excluded_funding", sa.Boolean(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_copay_type")),
        sa.UniqueConstraint("code", "valid_from", name=op.f("uq_copay_type_code_valid_from")),
    )
    op.create_table(
        "fiscal_chain",
        sa.Column("issuer_nif", sa.String(length=16), nullable=False),
        sa.Column("last_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("issuer_nif", name=op.f("pk_fiscal_chain")),
    )
    op.create_table(
        "document_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workstation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.String(length=20), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workstation_id"], ["workstation.id"], name=op.f("fk_document_series_workstation_id_workstation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_series")),
        sa.UniqueConstraint(
            "workstation_id", "kind", "year", name=op.f("uq_document_series_workstation_id_kind_year")
        ),
    )
    op.create_table(
        "sale",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workstation_id", sa.Integer(), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("total_discount_pct", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("total_discount_amount", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("series", sa.String(length=20), nullable=True),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("full_number", sa.String(length=40), nullable=True),
        sa.Column("total", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("vat_total", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("payer_total", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("discount_total", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("cash_rounding", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("invoice_customer_nif", sa.String(length=16), nullable=True),
        sa.CheckConstraint("kind IN ('ticket', 'refund', 'invoice')", name=op.f("ck_sale_kind_known")),
        sa.CheckConstraint(
            "state IN ('open', 'parked', 'closed', 'cancelled')", name=op.f("ck_sale_state_known")
        ),
        sa.ForeignKeyConstraint(["corrects_id"], ["sale.id"], name=op.f("fk_sale_corrects_id_sale")),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], name=op.f("fk_sale_customer_id_customer")),
        sa.ForeignKeyConstraint(["seller_id"], ["seller.id"], name=op.f("fk_sale_seller_id_seller")),
        sa.ForeignKeyConstraint(
            ["workstation_id"], ["workstation.id"], name=op.f("fk_sale_workstation_id_workstation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sale")),
        sa.UniqueConstraint("full_number", name=op.f("uq_sale_full_number")),
        sa.UniqueConstraint("series", "number", name=op.f("uq_sale_series_number")),
    )
    with op.batch_alter_table("sale", schema=None) as batch_op:
        batch_op.create_index("ix_sale_closed_at", ["closed_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_sale_corrects_id"), ["corrects_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sale_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index("ix_sale_workstation_state", ["workstation_id", "state"], unique=False)

    op.create_table(
        "customer_credit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=True),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.id"], name=op.f("fk_customer_credit_customer_id_customer")
        ),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], name=op.f("fk_customer_credit_sale_id_sale")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_credit")),
    )
    with op.batch_alter_table("customer_credit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_credit_customer_id"), ["customer_id"], unique=False)

    op.create_table(
        "fiscal_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issuer_nif", sa.String(length=16), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=True),
        sa.Column("record_type", sa.String(length=12), nullable=False),
        sa.Column("invoice_type", sa.String(length=4), nullable=False),
        sa.Column("series_number", sa.String(length=60), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("vat_total", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("amount_total", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("previous_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("generated_at", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], name=op.f("fk_fiscal_record_sale_id_sale")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fiscal_record")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_fiscal_record_fingerprint")),
        sa.UniqueConstraint("issuer_nif", "sequence", name=op.f("uq_fiscal_record_issuer_nif_sequence")),
    )
    with op.batch_alter_table("fiscal_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fiscal_record_sale_id"), ["sale_id"], unique=False)

    op.create_table(
        "sale_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=12, scale=3), nullable=False),
        sa.Column("unit_price", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("vat_rate", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("discount_pct", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("discount_amount", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("copay_type_id", sa.Integer(), nullable=True),
        sa.Column("copay_pct", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("pending_prescription", sa.Boolean(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=True),
        sa.Column("batch", sa.String(length=20), nullable=True),
        sa.Column("expiry", sa.Date(), nullable=True),
        sa.Column("serial", sa.String(length=20), nullable=True),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("payer_amount", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("refunded_line_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("quantity != 0", name=op.f("ck_sale_line_quantity_not_zero")),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], name=op.f("fk_sale_line_article_id_article")),
        sa.ForeignKeyConstraint(
            ["copay_type_id"], ["copay_type.id"], name=op.f("fk_sale_line_copay_type_id_copay_type")
        ),
        sa.ForeignKeyConstraint(["lot_id"], ["lot.id"], name=op.f("fk_sale_line_lot_id_lot")),
        sa.ForeignKeyConstraint(
            ["refunded_line_id"], ["sale_line.id"], name=op.f("fk_sale_line_refunded_line_id_sale_line")
        ),
        sa.ForeignKeyConstraint(
            ["sale_id"], ["sale.id"], name=op.f("fk_sale_line_sale_id_sale"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sale_line")),
    )
    with op.batch_alter_table("sale_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sale_line_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sale_line_refunded_line_id"), ["refunded_line_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sale_line_sale_id"), ["sale_id"], unique=False)

    op.create_table(
        "sale_payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("card_type", sa.String(length=30), nullable=True),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("tendered", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("change", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.CheckConstraint(
            "method IN ('cash', 'card', 'transfer', 'credit')", name=op.f("ck_sale_payment_method_known")
        ),
        sa.ForeignKeyConstraint(
            ["sale_id"], ["sale.id"], name=op.f("fk_sale_payment_sale_id_sale"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sale_payment")),
    )
    with op.batch_alter_table("sale_payment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sale_payment_sale_id"), ["sale_id"], unique=False)

    _fiscal_records_append_only()


def _fiscal_records_append_only() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER fiscal_record_no_{event.lower()} BEFORE {event} ON fiscal_record BEGIN "
                "SELECT RAISE(ABORT, 'fiscal_record is append-only'); END"
            )
    else:
        op.execute(
            "CREATE TRIGGER fiscal_record_append_only BEFORE UPDATE OR DELETE ON fiscal_record "
            "FOR EACH ROW EXECUTE FUNCTION farmapos_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS fiscal_record_no_update")
        op.execute("DROP TRIGGER IF EXISTS fiscal_record_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS fiscal_record_append_only ON fiscal_record")
    with op.batch_alter_table("sale_payment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sale_payment_sale_id"))

    op.drop_table("sale_payment")
    with op.batch_alter_table("sale_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sale_line_sale_id"))
        batch_op.drop_index(batch_op.f("ix_sale_line_refunded_line_id"))
        batch_op.drop_index(batch_op.f("ix_sale_line_article_id"))

    op.drop_table("sale_line")
    with op.batch_alter_table("fiscal_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fiscal_record_sale_id"))

    op.drop_table("fiscal_record")
    with op.batch_alter_table("customer_credit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_credit_customer_id"))

    op.drop_table("customer_credit")
    with op.batch_alter_table("sale", schema=None) as batch_op:
        batch_op.drop_index("ix_sale_workstation_state")
        batch_op.drop_index(batch_op.f("ix_sale_customer_id"))
        batch_op.drop_index(batch_op.f("ix_sale_corrects_id"))
        batch_op.drop_index("ix_sale_closed_at")

    op.drop_table("sale")
    op.drop_table("document_series")
    op.drop_table("fiscal_chain")
    op.drop_table("copay_type")
