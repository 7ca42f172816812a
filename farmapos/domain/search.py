"""Catalogue search for the counter: exact lookup by any code, and search as you type by words.

Search as you type runs in two tiers so that no plan ranks every row of a 200,000-article catalogue:
1. descriptions that *start* with the first word, read in key order from the btree index on
   `search_key`, filtered by the other words — the best matches, and enough to fill the list for
   short queries;
2. the engine's native text index (SQLite FTS5, PostgreSQL pg_trgm trigrams) for descriptions
   that contain every word anywhere, fetched up to the limit without ranking and then sorted.
Both tiers compare the folded `search_key`, so case and accents never matter. Statements are built once
and run in autocommit: each keystroke costs the query, not the SQL construction or a transaction.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, Engine, TextClause, text
from sqlalchemy.exc import DBAPIError

from farmapos.domain.codes import lookup_keys
from farmapos.domain.text import search_words

MAX_WORDS = 8
MAX_KEYS = 3

_COLUMNS = """a.id, a.code, a.description, a.price, a.vat_rate, a.location, a.needs_prescription, a.psychotropic,
    a.narcotic, a.fridge, a.unlimited, a.discontinued,
    (SELECT s.quantity FROM stock_level s WHERE s.article_id = a.id AND s.warehouse_id = :warehouse) AS stock"""


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
    """On hand in the searched warehouse; None when no warehouse was given or it has no stock row."""


def _hit(row) -> ArticleHit:
    (id_, code, description, price, vat, location, rx, psycho, narcotic, fridge, unlimited, discontinued,
     stock) = row  # fmt: skip
    return ArticleHit(
        id_, code, description, Decimal(price).quantize(Decimal("0.01")), Decimal(vat), location, bool(rx),
        bool(psycho), bool(narcotic), bool(fridge), bool(unlimited), bool(discontinued),
        Decimal(stock) if stock is not None else None,
    )  # fmt: skip


def _next_prefix(word: str) -> str:
    """The smallest string greater than every string starting with `word` (words are [0-9a-z])."""
    return word[:-1] + chr(ord(word[-1]) + 1)


class CatalogueSearch:
    """Read-only queries over the catalogue."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._postgres = engine.dialect.name == "postgresql"
        # SQLite connections are in driver autocommit already; skipping our BEGIN is enough there, while
        # SQLAlchemy's own AUTOCOMMIT level would reset a pragma on every pool checkout.
        self._engine = engine.execution_options(
            **({"isolation_level": "AUTOCOMMIT"} if self._postgres else {"sqlite_no_transaction": True})
        )
        keys = ", ".join(f":k{i}" for i in range(MAX_KEYS))
        self._lookup = text(
            f"SELECT {_COLUMNS} FROM article a WHERE a.id = "
            f"(SELECT c.article_id FROM article_code c WHERE c.code IN ({keys}) LIMIT 1)"
        )
        self._prefix: dict[int, TextClause] = {}
        self._local = threading.local()
        self._contains: dict[int, TextClause] = {}
        self._full_text = text("SELECT rowid FROM article_fts WHERE article_fts MATCH :query LIMIT :limit")

    def _connection(self, words: bool) -> Connection:
        """This thread's connection for word searches (`words`) or for exact lookups.

        On PostgreSQL they differ: statements are prepared after a few runs, and a generic plan cannot see that
        '%zq%' is rare, so word searches are planned for their own words; a lookup by code keeps its cheap
        generic plan.
        """
        name = "words" if words else "codes"
        connection = getattr(self._local, name, None)
        if connection is None or connection.closed or connection.invalidated:
            connection = self._engine.connect()
            if self._postgres and words:
                connection.exec_driver_sql("SET plan_cache_mode = force_custom_plan")
            setattr(self._local, name, connection)
        return connection

    def _rows(self, statement: TextClause, params: dict, *, words: bool = True) -> list:
        """Run on this thread's own autocommit connection: no pool checkout, ping or transaction per keystroke.

        A connection the server dropped is replaced once; a second failure is the caller's to report.
        """
        try:
            return self._connection(words).execute(statement, params).all()
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
            setattr(self._local, "words" if words else "codes", None)
            return self._connection(words).execute(statement, params).all()

    def _full_text_ids(self, words: list[str], limit: int) -> list:
        if not self._postgres:
            match = " ".join(f'"{word}"*' for word in words)
            return self._rows(self._full_text, {"query": match, "limit": limit})
        # PostgreSQL: each word must start the key or follow a space; both LIKE forms use the trigram index
        # (a space-prefixed pattern carries the word-start trigram), and a common word stops at the limit.
        statement = self._contains.get(len(words))
        if statement is None:
            conditions = " AND ".join(
                f"(search_key LIKE :s{i} OR search_key LIKE :w{i})" for i in range(len(words))
            )
            statement = text(f"SELECT id FROM article WHERE {conditions} LIMIT :limit")
            self._contains[len(words)] = statement
        params: dict[str, object] = {"limit": limit}
        for i, word in enumerate(words):
            params |= {f"s{i}": f"{word}%", f"w{i}": f"% {word}%"}
        return self._rows(statement, params)

    def close(self) -> None:
        """Close this thread's connections (the others close with their threads or the engine)."""
        for name in ("words", "codes"):
            connection = getattr(self._local, name, None)
            if connection is not None:
                connection.close()
                setattr(self._local, name, None)

    def lookup(self, code: str, warehouse_id: int | None = None) -> ArticleHit | None:
        """The article a typed or scanned code stands for, or None."""
        keys = lookup_keys(code)[:MAX_KEYS]
        if not keys or not keys[0]:
            return None
        params = {f"k{i}": keys[min(i, len(keys) - 1)] for i in range(MAX_KEYS)} | {"warehouse": warehouse_id}
        rows = self._rows(self._lookup, params, words=False)
        return _hit(rows[0]) if rows else None

    def _prefix_statement(self, others: int) -> TextClause:
        statement = self._prefix.get(others)
        if statement is None:
            if self._postgres:  # forms the trigram index serves, so the planner can combine it with the range
                conditions = "".join(
                    f" AND (a.search_key LIKE :s{i} OR a.search_key LIKE :w{i})" for i in range(others)
                )
            else:
                conditions = "".join(f" AND (' ' || a.search_key) LIKE :w{i}" for i in range(others))
            statement = text(
                f"SELECT {_COLUMNS} FROM article a WHERE a.search_key >= :low AND a.search_key < :high"
                f"{conditions} ORDER BY a.search_key LIMIT :limit"
            )
            self._prefix[others] = statement
        return statement

    def search(self, query: str, limit: int = 50, warehouse_id: int | None = None) -> list[ArticleHit]:
        """Articles whose description has words starting with each word typed, in any order."""
        words = list(dict.fromkeys(search_words(query)))[:MAX_WORDS]
        if not words or limit <= 0:
            return []
        first, others = words[0], words[1:]
        params = {"low": first, "high": _next_prefix(first), "limit": limit, "warehouse": warehouse_id}
        params |= {f"w{i}": f"% {word}%" for i, word in enumerate(others)}
        if self._postgres:
            params |= {f"s{i}": f"{word}%" for i, word in enumerate(others)}
        hits = [_hit(row) for row in self._rows(self._prefix_statement(len(others)), params)]
        if len(hits) >= limit:
            return hits
        seen = {hit.id for hit in hits}
        ids = [row[0] for row in self._full_text_ids(words, limit + len(hits))]
        extra = [i for i in ids if i not in seen][: limit - len(hits)]
        if extra:
            rows = self._rows(
                text(f"SELECT {_COLUMNS} FROM article a WHERE a.id IN ({', '.join(str(int(i)) for i in extra)}) "
                     "ORDER BY a.search_key"),
                {"warehouse": warehouse_id},
            )  # fmt: skip
            hits.extend(_hit(row) for row in rows)
        return hits
