"""Prescriptions: payers, reduced-contribution ATC groups, monthly caps, blocks and slots, billing months,
the register book; sale lines keep the cap applied, the prescription number and register data.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 06:02:50.703793
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "billing_month",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("payer", sa.String(length=40), nullable=False),
        sa.Column("frozen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("prescriptions", sa.Integer(), nullable=False),
        sa.Column("pvp_total", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("copay_total", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("invoice_total", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_billing_month")),
        sa.UniqueConstraint("month", "payer", name=op.f("uq_billing_month_month_payer")),
    )
    op.create_table(
        "payer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payer")),
        sa.UniqueConstraint("code", name=op.f("uq_payer_code")),
    )
    op.create_table(
        "prescription_block",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("copay_code", sa.String(length=40), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("billed_month", sa.String(length=7), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prescription_block")),
    )
    with op.batch_alter_table("prescription_block", schema=None) as batch_op:
        batch_op.create_index("ix_prescription_block_open", ["copay_code", "state"], unique=False)

    op.create_table(
        "reduced_atc_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("atc_prefix", sa.String(length=10), nullable=False),
        sa.Column("patient_pct", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("cap_per_pack", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reduced_atc_group")),
    )
    op.create_table(
        "register_book",
        sa.Column("book", sa.String(length=16), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("book", name=op.f("pk_register_book")),
    )
    op.create_table(
        "prescription_slot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("block_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("sale_line_id", sa.Integer(), nullable=False),
        sa.Column("filled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("freed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["block_id"],
            ["prescription_block.id"],
            name=op.f("fk_prescription_slot_block_id_prescription_block"),
        ),
        sa.ForeignKeyConstraint(
            ["sale_line_id"], ["sale_line.id"], name=op.f("fk_prescription_slot_sale_line_id_sale_line")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prescription_slot")),
        sa.UniqueConstraint("sale_line_id", name=op.f("uq_prescription_slot_sale_line_id")),
    )
    with op.batch_alter_table("prescription_slot", schema=None) as batch_op:
        batch_op.create_index("ix_prescription_slot_block", ["block_id", "slot"], unique=False)

    op.create_table(
        "register_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("book", sa.String(length=16), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=14), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=12, scale=3), nullable=False),
        sa.Column("sale_line_id", sa.Integer(), nullable=True),
        sa.Column("document", sa.String(length=60), nullable=False),
        sa.Column("on_prescription", sa.Boolean(), nullable=False),
        sa.Column("copay_code", sa.String(length=40), nullable=True),
        sa.Column("patient_name", sa.String(length=120), nullable=False),
        sa.Column("patient_id_document", sa.String(length=20), nullable=False),
        sa.Column("collector_id_document", sa.String(length=20), nullable=False),
        sa.Column("prescriber_name", sa.String(length=120), nullable=False),
        sa.Column("prescriber_number", sa.String(length=20), nullable=False),
        sa.Column("counterpart", sa.String(length=120), nullable=False),
        sa.Column("stock_before", sa.Numeric(precision=12, scale=3), nullable=True),
        sa.Column("stock_after", sa.Numeric(precision=12, scale=3), nullable=True),
        sa.Column("observations", sa.Text(), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("seller_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "book IN ('psychotropics', 'narcotics')", name=op.f("ck_register_entry_book_known")
        ),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_register_entry_article_id_article")
        ),
        sa.ForeignKeyConstraint(
            ["corrects_id"], ["register_entry.id"], name=op.f("fk_register_entry_corrects_id_register_entry")
        ),
        sa.ForeignKeyConstraint(
            ["sale_line_id"], ["sale_line.id"], name=op.f("fk_register_entry_sale_line_id_sale_line")
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["seller.id"], name=op.f("fk_register_entry_seller_id_seller")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_register_entry")),
        sa.UniqueConstraint("book", "number", name=op.f("uq_register_entry_book_number")),
    )
    with op.batch_alter_table("register_entry", schema=None) as batch_op:
        batch_op.create_index("ix_register_entry_article", ["article_id", "created_at"], unique=False)

    with op.batch_alter_table("copay_type", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cap_per_month", sa.Numeric(precision=12, scale=2), nullable=True))
        batch_op.add_column(sa.Column("reduced_atc", sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column("block_size", sa.Integer(), nullable=False, server_default="25"))

    with op.batch_alter_table("sale_line", schema=None) as batch_op:
        batch_op.add_column(sa.Column("copay_cap", sa.Numeric(precision=12, scale=2), nullable=True))
        batch_op.add_column(sa.Column("prescription_number", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("register_data", sa.Text(), nullable=True))

    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER register_entry_no_{event.lower()} BEFORE {event} ON register_entry BEGIN "
                "SELECT RAISE(ABORT, 'register_entry is append-only'); END"
            )
    else:
        op.execute(
            "CREATE TRIGGER register_entry_append_only BEFORE UPDATE OR DELETE ON register_entry "
            "FOR EACH ROW EXECUTE FUNCTION farmapos_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS register_entry_no_update")
        op.execute("DROP TRIGGER IF EXISTS register_entry_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS register_entry_append_only ON register_entry")
    with op.batch_alter_table("sale_line", schema=None) as batch_op:
        batch_op.drop_column("register_data")
        batch_op.drop_column("completed_at")
        batch_op.drop_column("prescription_number")
        batch_op.drop_column("copay_cap")

    with op.batch_alter_table("copay_type", schema=None) as batch_op:
        batch_op.drop_column("block_size")
        batch_op.drop_column("reduced_atc")
        batch_op.drop_column("cap_per_month")

    with op.batch_alter_table("register_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_register_entry_article")

    op.drop_table("register_entry")
    with op.batch_alter_table("prescription_slot", schema=None) as batch_op:
        batch_op.drop_index("ix_prescription_slot_block")

    op.drop_table("prescription_slot")
    op.drop_table("register_book")
    op.drop_table("reduced_atc_group")
    with op.batch_alter_table("prescription_block", schema=None) as batch_op:
        batch_op.drop_index("ix_prescription_block_open")

    op.drop_table("prescription_block")
    op.drop_table("payer")
    op.drop_table("billing_month")
