"""The card types each pharmacy accepts, as a setting.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pharmacy") as batch_op:
        batch_op.add_column(
            sa.Column(
                "card_types",
                sa.String(length=200),
                nullable=False,
                server_default="VISA,Mastercard,Maestro,American Express",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("pharmacy") as batch_op:
        batch_op.drop_column("card_types")
