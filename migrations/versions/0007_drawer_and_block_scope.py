"""Drawer openings without a sale are logged; prescription blocks may be split per seller or workstation.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drawer_opening",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workstation_id", sa.Integer(), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"], ["cash_session.id"], name=op.f("fk_drawer_opening_session_id_cash_session")
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["seller.id"], name=op.f("fk_drawer_opening_seller_id_seller")
        ),
        sa.ForeignKeyConstraint(
            ["workstation_id"], ["workstation.id"], name=op.f("fk_drawer_opening_workstation_id_workstation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drawer_opening")),
    )
    with op.batch_alter_table("copay_type") as batch_op:
        batch_op.add_column(
            sa.Column("block_scope", sa.String(length=12), nullable=False, server_default="type")
        )
    with op.batch_alter_table("prescription_block") as batch_op:
        batch_op.add_column(sa.Column("scope_key", sa.String(length=40), nullable=False, server_default=""))
        batch_op.drop_index("ix_prescription_block_open")
        batch_op.create_index(
            "ix_prescription_block_open", ["copay_code", "scope_key", "state"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("prescription_block") as batch_op:
        batch_op.drop_index("ix_prescription_block_open")
        batch_op.create_index("ix_prescription_block_open", ["copay_code", "state"], unique=False)
        batch_op.drop_column("scope_key")
    with op.batch_alter_table("copay_type") as batch_op:
        batch_op.drop_column("block_scope")
    op.drop_table("drawer_opening")
