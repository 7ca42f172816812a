"""PostgreSQL: search descriptions with a trigram index instead of a tsvector one.

A GIN tsvector index must build the whole bitmap for a common prefix (`cap:*`) and, when the planner
prefers a sequential scan, computes `to_tsvector` on every row. A trigram index serves rare words, and a
plain LIKE filter stops at the first matches of common ones. Needs the standard `pg_trgm` extension.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute("CREATE INDEX ix_article_search_trgm ON article USING gin (search_key gin_trgm_ops)")
    op.execute("DROP INDEX IF EXISTS ix_article_search_tsv")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE INDEX ix_article_search_tsv ON article USING gin (to_tsvector('simple', search_key))")
    op.execute("DROP INDEX IF EXISTS ix_article_search_trgm")
