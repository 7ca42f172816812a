"""Catalogue search for the counter: exact lookup by any code, and search as you type by words.

Search as you type runs in two tiers so that no plan ranks every row of a 200,000-article catalogue:
1. descriptions that *start* with the first word, read in key order from the btree index on
   `search_key`, filtered by the other words — the best matches, and enough to fill the list for
   short queries;
2. the engine's native full-text index (SQLite FTS5, PostgreSQL GIN over a tsvector) for descriptions
   that contain every word anywhere, fetched up to the limit without ranking and then sorted.
Both tiers compare the folded `search_key`, so case and accents never matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine, Select, literal, select, text

from farmapos.domain.codes import lookup_keys
from farmapos.domain.models import Article, ArticleCode, StockLevel
from farmapos.domain.text import search_words

MAX_WORDS = 8


@dataclass(frozen=True)
class ArticleHit:
    """A catalogue row as the counter shows it in a list or on a line being added."""

    id: int
    code: str
    description: str
    price: Decimal
    vat_rate: Decimal
    location: str
    needs_prescription: bool
    psychotropic: bool
    narcotic: bool
    fridge: bool
    unlimited: bool
    discontinued: bool
    stock: Decimal | None
    """On hand in the searched warehouse; None when no warehouse was given."""


def _columns(warehouse_id: int | None) -> list:
    columns = [
        Article.id,
        Article.code,
        Article.description,
        Article.price,
        Article.vat_rate,
        Article.location,
        Article.needs_prescription,
        Article.psychotropic,
        Article.narcotic,
        Article.fridge,
        Article.unlimited,
        Article.discontinued,
    ]
    if warehouse_id is None:
        columns.append(literal(None).label("stock"))
    else:
        columns.append(
            select(StockLevel.quantity)
            .where(StockLevel.article_id == Article.id, StockLevel.warehouse_id == warehouse_id)
            .scalar_subquery()
            .label("stock")
        )
    return columns


def _hit(row) -> ArticleHit:
    stock = row.stock
    return ArticleHit(*row[:-1], stock=Decimal(stock) if stock is not None else None)


def _next_prefix(word: str) -> str:
    """The smallest string greater than every string starting with `word` (words are [0-9a-z])."""
    return word[:-1] + chr(ord(word[-1]) + 1)


class CatalogueSearch:
    """Read-only queries over the catalogue; each call uses its own short read transaction."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._postgres = engine.dialect.name == "postgresql"

    def _run(self, query: Select) -> list:
        with self._engine.connect().execution_options(sqlite_read_only=True) as connection:
            return list(connection.execute(query))

    def lookup(self, code: str, warehouse_id: int | None = None) -> ArticleHit | None:
        """The article a typed or scanned code stands for, or None."""
        keys = lookup_keys(code)
        if not keys or not keys[0]:
            return None
        article_id = (
            select(ArticleCode.article_id).where(ArticleCode.code.in_(keys)).limit(1).scalar_subquery()
        )
        rows = self._run(select(*_columns(warehouse_id)).where(Article.id == article_id))
        return _hit(rows[0]) if rows else None

    def search(self, query: str, limit: int = 50, warehouse_id: int | None = None) -> list[ArticleHit]:
        """Articles whose description has words starting with each word typed, in any order."""
        words = list(dict.fromkeys(search_words(query)))[:MAX_WORDS]
        if not words or limit <= 0:
            return []
        first, others = words[0], words[1:]
        padded = literal(" ") + Article.search_key
        conditions = [padded.like(f"% {word}%") for word in others]
        tier1 = self._run(
            select(*_columns(warehouse_id))
            .where(Article.search_key >= first, Article.search_key < _next_prefix(first), *conditions)
            .order_by(Article.search_key)
            .limit(limit)
        )
        hits = [_hit(row) for row in tier1]
        if len(hits) >= limit:
            return hits
        seen = {hit.id for hit in hits}
        matching_ids = self._full_text_ids(words, limit + len(hits))
        extra_ids = [i for i in matching_ids if i not in seen][: limit - len(hits)]
        if extra_ids:
            rows = self._run(
                select(*_columns(warehouse_id)).where(Article.id.in_(extra_ids)).order_by(Article.search_key)
            )
            hits.extend(_hit(row) for row in rows)
        return hits

    def _full_text_ids(self, words: list[str], limit: int) -> list[int]:
        # Spelled exactly as the migration's expression index so the planner uses it.
        if self._postgres:
            query = " & ".join(f"{word}:*" for word in words)
            sql = text(
                "SELECT id FROM article WHERE to_tsvector('simple', search_key) @@ "
                "to_tsquery('simple', :query) LIMIT :limit"
            )
        else:
            query = " ".join(f'"{word}"*' for word in words)
            sql = text("SELECT rowid AS id FROM article_fts WHERE article_fts MATCH :query LIMIT :limit")
        with self._engine.connect().execution_options(sqlite_read_only=True) as connection:
            return [row.id for row in connection.execute(sql, {"query": query, "limit": limit})]
