"""Engines and units of work for SQLite (embedded, WAL) and PostgreSQL (shared by several counters).

Nothing is created at import time: `Database(url)` is built once by the application or a test.
"""

from __future__ import annotations

import logging
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Callable
from types import TracebackType

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from farmapos.domain.errors import ConfigurationError, DatabaseUnavailable
from farmapos.messages import msg

SQLITE_BUSY_TIMEOUT_MS = 10_000
WAL_SIZE_LIMIT = 64 * 1024 * 1024
logger = logging.getLogger(__name__)


def dialect_insert(dialect: str, table):
    """The engine's own INSERT (with ON CONFLICT): imported on first use, so a SQLite counter never loads
    the PostgreSQL dialect and its drivers at start-up."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def configure_orm() -> None:
    """Configure the ORM's mappers now, once per process (a twentieth of a second), rather than in the first
    unit of work that needs them: the counter starts and scans with Core statements and has this done in
    the background once its window is up, before the first payment needs it."""
    from sqlalchemy.orm import configure_mappers

    import farmapos.domain.models  # noqa: F401  (every mapper registered)

    configure_mappers()


_DURABILITY = "farmapos_durability"
_SENT_IN_TRANSACTION = "farmapos_durability_sent"


def _set_once(connection, statement: str, durability: str) -> None:
    """Send the commit durability setting when the pooled connection's last one differs (remembered in the
    connection's info, which a reconnect clears)."""
    info = connection.connection.info
    if info.get(_DURABILITY) != durability:
        connection.exec_driver_sql(statement.format(durability))
        info[_DURABILITY] = durability
        info[_SENT_IN_TRANSACTION] = True


def _forget_durability(connection, *, always: bool) -> None:
    """PostgreSQL undoes a SET with the transaction that made it: after a rollback of one that sent the
    setting (`always`: after any error, commit included), the setting is unknown and is sent again."""
    if connection is None or connection.invalidated:  # a lost connection: its successor starts afresh
        return
    info = connection.connection.info
    if always or info.pop(_SENT_IN_TRANSACTION, False):
        info.pop(_DURABILITY, None)


def _sqlite_engine(url: str, echo: bool, idle_checkpoints: bool) -> Engine:
    # LIFO: the connection used last (its page and statement caches warm) serves the next transaction,
    # rather than the pool rotating through idle connections left by the counter's background readers.
    engine = create_engine(
        url, echo=echo, pool_use_lifo=True, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, record) -> None:
        # Let SQLAlchemy, not the driver, decide when a transaction begins (see `_on_begin`).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        # Durable commits: a closed sale survives a power cut.
        cursor.execute("PRAGMA synchronous=FULL")
        record.info[_DURABILITY] = "FULL"
        if idle_checkpoints:
            # The counter checkpoints the WAL when it is idle (Database.checkpoint), never inside a sale.
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        # The log file is reused, not shrunk, when it starts again after a checkpoint (no file growth on
        # the next write), unless a bulk job left it larger than this.
        cursor.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # Writers take the lock up front, so two writers wait on the busy timeout instead of failing
        # when a read transaction tries to upgrade to a write one.
        options = connection.get_execution_options()
        if options.get("sqlite_no_transaction"):
            return  # single read statements (catalogue search): each runs on its own snapshot
        if options.get("farmapos_read_only"):
            connection.exec_driver_sql("BEGIN")
            return
        # Each write transaction says how durable its commit is (the pooled connection may have served a
        # draft before): FULL syncs the WAL at commit; NORMAL leaves it to the next FULL commit or checkpoint.
        # The pragma is sent only when it changes: a counter's run of drafts pays for it once.
        _set_once(connection, "PRAGMA synchronous={}", "NORMAL" if options.get("farmapos_draft") else "FULL")
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def make_engine(url: str, *, echo: bool = False, idle_checkpoints: bool = False) -> Engine:
    """An engine for a farmapos database URL, refusing engines farmapos does not support."""
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise ConfigurationError(
            msg("URL de base de datos no válida: {url!r} ({reason}).", url=url, reason=str(exc))
        ) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, echo, idle_checkpoints)
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        engine = create_engine(parsed, echo=echo, pool_pre_ping=True)

        @event.listens_for(engine, "begin")
        def _on_begin(connection) -> None:
            # A draft's commit does not wait for the WAL flush; the next durable commit flushes it too. The
            # setting is the session's, sent only when it changes (a counter's run of scans pays for it once,
            # not a round trip each); reads commit nothing, so they leave it as it is.
            options = connection.get_execution_options()
            if options.get("isolation_level") == "AUTOCOMMIT":
                return
            connection.connection.info.pop(_SENT_IN_TRANSACTION, None)  # the one before ended without error
            if options.get("farmapos_read_only"):
                return
            _set_once(
                connection, "SET synchronous_commit TO {}", "off" if options.get("farmapos_draft") else "on"
            )

        @event.listens_for(engine, "rollback")
        def _on_rollback(connection) -> None:
            _forget_durability(connection, always=False)

        @event.listens_for(engine, "handle_error")
        def _on_error(context) -> None:
            _forget_durability(context.connection, always=True)

        return engine
    raise ConfigurationError(
        msg("Motor de base de datos no soportado: {backend!r} (use sqlite o postgresql).", backend=backend)
    )


class _Work(ABC):
    """Leaving a unit of work: what was not committed is rolled back, and a lost database is said so."""

    @abstractmethod
    def _end(self) -> None:
        """Roll back what was not committed and give the connection back."""

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            self._end()
        except DBAPIError:
            logger.warning("rollback after a database failure failed", exc_info=True)
        _raise_if_unavailable(exc)


class UnitOfWork(_Work):
    """One business transaction: commit explicitly, anything else rolls back on leaving the block."""

    session: Session

    def __init__(
        self, session_factory: Callable[[], Session], *, read_only: bool = False, draft: bool = False
    ) -> None:
        self._session_factory = session_factory
        self._read_only = read_only
        self._draft = draft

    def __enter__(self) -> UnitOfWork:
        self.session = self._session_factory()
        try:
            if self._read_only:
                self.session.connection(execution_options={"farmapos_read_only": True})
            elif self._draft:
                self.session.connection(execution_options={"farmapos_draft": True})
        except DBAPIError as exc:  # no database to begin on: the block never runs
            self.session.close()
            _raise_if_unavailable(exc)
            raise
        return self

    def _end(self) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


def _raise_if_unavailable(exc: BaseException | None) -> None:
    """A transaction that failed because the database went away says so, and that nothing was saved."""
    if isinstance(exc, DBAPIError) and (
        exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError)
    ):
        cause = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseUnavailable(
            msg(
                "No hay conexión con la base de datos ({reason}). No se ha guardado nada de esta operación; "
                "inténtelo de nuevo cuando vuelva.",
                reason=cause,
            )
        ) from exc


class CoreWork(_Work):
    """One business transaction on a Core connection, without an ORM session: the counter's hot paths (a
    scan, + and −), which read and write rows with cached statements and need none of the session's
    bookkeeping (a tenth of a millisecond a transaction). Same contract as `UnitOfWork`: commit
    explicitly, anything else rolls back on leaving the block."""

    connection: Connection

    def __init__(self, engine: Engine, options: dict[str, bool]) -> None:
        self._engine = engine
        self._options = options

    def __enter__(self) -> CoreWork:
        try:
            self.connection = self._engine.connect().execution_options(**self._options)
        except DBAPIError as exc:  # no database to begin on: the block never runs
            _raise_if_unavailable(exc)
            raise
        try:
            self._transaction = self.connection.begin()
        except DBAPIError as exc:
            self.connection.close()
            _raise_if_unavailable(exc)
            raise
        return self

    def _end(self) -> None:
        if self._transaction.is_active:
            self._transaction.rollback()
        self.connection.close()

    def commit(self) -> None:
        self._transaction.commit()


def _restart_log(driver_connection) -> bool:
    """Make the next write start the log from its beginning now: a write transaction that rewrites a
    header field with its own value (one frame in the log). It does not wait for a writer that holds the
    database (that writer starts the log itself). True when it was done; a failure is logged, never
    raised into the counter's idle timer."""
    try:
        driver_connection.execute("PRAGMA busy_timeout=0")
        try:
            driver_connection.execute("BEGIN IMMEDIATE")
            try:
                version = int(driver_connection.execute("PRAGMA user_version").fetchone()[0])
                driver_connection.execute(f"PRAGMA user_version={version}")
                driver_connection.execute("COMMIT")
            except BaseException:
                driver_connection.execute("ROLLBACK")
                raise
        finally:
            driver_connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    except sqlite3.Error as exc:  # busy: a writer is at work; anything else: the next idle moment
        logger.info("WAL restart postponed: %s", exc)
        return False
    return True


class Database:
    """An engine, its session factory, and units of work over it."""

    def __init__(self, url: str, *, echo: bool = False, idle_checkpoints: bool = False) -> None:
        self.url = url
        self.engine = make_engine(url, echo=echo, idle_checkpoints=idle_checkpoints)
        self.session_factory = sessionmaker(self.engine, expire_on_commit=False)
        self._log_restarted = False
        """The last idle checkpoint started the log again itself (its one frame is all the log holds)."""

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def uow(self, *, read_only: bool = False, draft: bool = False) -> UnitOfWork:
        """A unit of work; `draft=True` for edits of an open sale, whose commit need not wait for the disk.

        A draft is atomic and survives the application crashing; only a power cut or an operating-system
        crash may take the last drafts back — the customer is still at the counter. Everything that
        completes something (closing a sale, a refund, cash, stock, fiscal records) commits durably, and
        that commit makes the drafts before it durable too (one write-ahead log, flushed in order).
        """
        return UnitOfWork(self.session_factory, read_only=read_only, draft=draft)

    def core(self, *, read_only: bool = False, draft: bool = False) -> CoreWork:
        """A unit of work on a Core connection (`CoreWork`), with the same options as `uow`."""
        options = {"farmapos_read_only": True} if read_only else {"farmapos_draft": True} if draft else {}
        return CoreWork(self.engine, options)

    def analyze(self) -> None:
        """Refresh the planner's statistics after a bulk load (the demo, an import)."""
        options = (
            {"isolation_level": "AUTOCOMMIT"}
            if self.dialect == "postgresql"
            else {"sqlite_no_transaction": True}
        )
        with self.engine.connect().execution_options(**options) as connection:
            connection.exec_driver_sql("ANALYZE")

    def checkpoint(self, *, truncate: bool = False) -> bool:
        """Fold the SQLite write-ahead log into the database file; the counter calls it when idle.

        Passive by default: it neither waits for nor blocks another counter's transaction, and the log then
        starts again from its beginning, in the file as it is (truncating it would make the next write grow
        the file again). Starting the log again syncs its header (a fifth of a millisecond here, more on
        slow disks): that is done now, while idle, rather than by the next scan. `truncate=True` after a
        bulk job (the demo, an import) also empties the file, so the next connections do not open behind a
        log of many megabytes. True when the whole log is in the database file (always on PostgreSQL).
        """
        if self.dialect != "sqlite":
            return True
        mode = "TRUNCATE" if truncate else "PASSIVE"
        try:
            with self.engine.connect().execution_options(sqlite_no_transaction=True) as connection:
                busy, logged, moved = connection.exec_driver_sql(f"PRAGMA wal_checkpoint({mode})").one()
                done = not busy and logged == moved
                # Only after new writes: an idle counter's checkpoints then write nothing at all.
                written = logged > (1 if self._log_restarted else 0)
                if done and not truncate and written:
                    self._log_restarted = _restart_log(connection.connection.driver_connection)
                elif truncate:
                    self._log_restarted = False
        except OperationalError as exc:  # another process is writing: the next idle moment will do it
            logger.info("WAL checkpoint postponed: %s", exc.orig)
            return False
        return done

    def dispose(self) -> None:
        self.engine.dispose()
