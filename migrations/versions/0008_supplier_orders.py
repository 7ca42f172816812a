"""Suppliers (wholesalers), supplier orders and their lines: reorder proposals and the stock on order.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "supplier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("nif", sa.String(length=16), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("email", sa.String(length=120), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier")),
        sa.UniqueConstraint("code", name=op.f("uq_supplier_code")),
    )
    op.create_table(
        "supplier_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "state IN ('draft', 'sent', 'partial', 'received', 'cancelled')",
            name=op.f("ck_supplier_order_state_known"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["seller.id"], name=op.f("fk_supplier_order_created_by_seller")
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["supplier.id"], name=op.f("fk_supplier_order_supplier_id_supplier")
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouse.id"], name=op.f("fk_supplier_order_warehouse_id_warehouse")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_order")),
        sa.UniqueConstraint("number", name=op.f("uq_supplier_order_number")),
    )
    with op.batch_alter_table("supplier_order", schema=None) as batch_op:
        batch_op.create_index("ix_supplier_order_state", ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_supplier_order_supplier_id"), ["supplier_id"], unique=False)

    op.create_table(
        "supplier_order_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=12, scale=3), nullable=False),
        sa.Column("received", sa.Numeric(precision=12, scale=3), nullable=False),
        sa.Column("unit_cost", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.CheckConstraint(
            "quantity >= 0 AND received >= 0", name=op.f("ck_supplier_order_line_quantities_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_supplier_order_line_article_id_article")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["supplier_order.id"],
            name=op.f("fk_supplier_order_line_order_id_supplier_order"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_order_line")),
        sa.UniqueConstraint(
            "order_id", "article_id", name=op.f("uq_supplier_order_line_order_id_article_id")
        ),
    )
    with op.batch_alter_table("supplier_order_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_supplier_order_line_article_id"), ["article_id"], unique=False)


def downgrade() -> None:
    op.drop_table("supplier_order_line")
    op.drop_table("supplier_order")
    op.drop_table("supplier")
