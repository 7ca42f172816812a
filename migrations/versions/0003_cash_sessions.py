"""Cash sessions of each drawer and their movements; sales remember the session they closed in and keep
their VAT breakdown as printed.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 05:54:38.363190
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sale_vat",
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("rate", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("base", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("quota", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["sale_id"], ["sale.id"], name=op.f("fk_sale_vat_sale_id_sale"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("sale_id", "rate", name=op.f("pk_sale_vat")),
    )
    op.create_table(
        "cash_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workstation_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.Integer(), nullable=False),
        sa.Column("opening_float", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("expected_cash", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("counted_cash", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("difference", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("left_in_drawer", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("taken_out", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("count_detail", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("verified_by", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "state IN ('open', 'closed', 'verified')", name=op.f("ck_cash_session_state_known")
        ),
        sa.ForeignKeyConstraint(["closed_by"], ["seller.id"], name=op.f("fk_cash_session_closed_by_seller")),
        sa.ForeignKeyConstraint(["opened_by"], ["seller.id"], name=op.f("fk_cash_session_opened_by_seller")),
        sa.ForeignKeyConstraint(
            ["verified_by"], ["seller.id"], name=op.f("fk_cash_session_verified_by_seller")
        ),
        sa.ForeignKeyConstraint(
            ["workstation_id"], ["workstation.id"], name=op.f("fk_cash_session_workstation_id_workstation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_session")),
    )
    with op.batch_alter_table("cash_session", schema=None) as batch_op:
        batch_op.create_index("ix_cash_session_workstation_state", ["workstation_id", "state"], unique=False)

    op.create_table(
        "cash_movement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("card_type", sa.String(length=30), nullable=True),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=True),
        sa.Column("seller_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('sale', 'refund', 'payment_in', 'payment_out', 'withdrawal', 'credit_collection', 'correction')",
            name=op.f("ck_cash_movement_kind_known"),
        ),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], name=op.f("fk_cash_movement_sale_id_sale")),
        sa.ForeignKeyConstraint(["seller_id"], ["seller.id"], name=op.f("fk_cash_movement_seller_id_seller")),
        sa.ForeignKeyConstraint(
            ["session_id"], ["cash_session.id"], name=op.f("fk_cash_movement_session_id_cash_session")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_movement")),
    )
    with op.batch_alter_table("cash_movement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cash_movement_sale_id"), ["sale_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cash_movement_session_id"), ["session_id"], unique=False)

    # A plain ADD COLUMN with its reference, never a batch table copy: on SQLite, copying `sale` would drop
    # the table its lines and payments cascade from.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE sale ADD COLUMN cash_session_id INTEGER "
            "CONSTRAINT fk_sale_cash_session_id_cash_session REFERENCES cash_session (id)"
        )
    else:
        op.add_column("sale", sa.Column("cash_session_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_sale_cash_session_id_cash_session", "sale", "cash_session", ["cash_session_id"], ["id"]
        )
    op.create_index(op.f("ix_sale_cash_session_id"), "sale", ["cash_session_id"], unique=False)


def downgrade() -> None:
    op.drop_table("sale_vat")
    op.drop_index(op.f("ix_sale_cash_session_id"), table_name="sale")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint("fk_sale_cash_session_id_cash_session", "sale", type_="foreignkey")
    op.drop_column("sale", "cash_session_id")

    with op.batch_alter_table("cash_movement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cash_movement_session_id"))
        batch_op.drop_index(batch_op.f("ix_cash_movement_sale_id"))

    op.drop_table("cash_movement")
    with op.batch_alter_table("cash_session", schema=None) as batch_op:
        batch_op.drop_index("ix_cash_session_workstation_state")

    op.drop_table("cash_session")
