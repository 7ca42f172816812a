"""The one place that builds things: configuration, database, services, devices and the Qt application."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError

from farmapos import migrate
from farmapos.config import AppConfig
from farmapos.domain.db import Database
from farmapos.domain.errors import ConfigurationError
from farmapos.messages import msg

if TYPE_CHECKING:
    from farmapos.devices import DeviceSettings


def describe_url(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


def open_database(config: AppConfig, *, require_head: bool = True, counter: bool = False) -> Database:
    """Connect, and refuse a database whose schema is not this version's (unless upgrading it).

    The counter checkpoints SQLite's log itself when idle, so no checkpoint ever lands inside a sale.
    """
    database = Database(config.database_url, idle_checkpoints=counter)
    try:
        if require_head:
            migrate.ensure_at_head(database.engine)
        else:
            with database.engine.connect():
                pass
    except OperationalError as exc:
        database.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise ConfigurationError(
            msg(
                "No se puede abrir la base de datos {database}: {reason}",
                database=describe_url(config.database_url),
                reason=reason,
            )
        ) from None
    except BaseException:
        database.dispose()
        raise
    return database


def device_settings(workstation, config: AppConfig | None = None) -> DeviceSettings:
    """This machine's devices: the workstation's stored settings, then the config file's `[devices]` section
    (per machine), then the FARMAPOS_PRINTER/DISPLAY/DRAWER/SCANNER environment of this run."""
    from dataclasses import replace

    from farmapos.devices import DeviceSettings, apply_env_overrides

    stored = DeviceSettings(
        printer=workstation.printer_uri, display=workstation.display_uri, drawer=workstation.drawer_uri,
        scanner=workstation.scanner_uri, columns=workstation.columns, code_page=workstation.code_page,
        profile=workstation.profile,
    )  # fmt: skip
    if config is not None and config.devices:
        stored = replace(stored, **config.devices)
    return apply_env_overrides(stored)
