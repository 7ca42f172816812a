"""Where farmapos finds its database: `--db`, else `FARMAPOS_DB`, else the config file, else a SQLite file.

The config file and the default SQLite database live in the platform's user data folder
(`~/.local/share/farmapos` on Linux, `%LOCALAPPDATA%\\farmapos` on Windows); `FARMAPOS_HOME` moves that
folder, which tests and demos use to keep away from a real installation. Nothing runs at import time.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from farmapos.domain.errors import ConfigurationError
from farmapos.messages import msg

CONFIG_FILE = "config.toml"
DEFAULT_DB_FILE = "farmapos.db"


@dataclass(frozen=True)
class AppConfig:
    database_url: str
    source: str
    """Where the URL came from: `--db`, `FARMAPOS_DB`, the config file's path, or `default`."""
    data_dir: Path
    workstation: str | None = None
    """Code of this counter; the first active workstation when not set."""
    devices: dict = field(default_factory=dict)
    """`[devices]` of the config file: printer, display, drawer, scanner, columns, profile, code_page."""
    language: str | None = None
    """The counter's language (`es`, `en`) from `[counter] language`; None follows FARMAPOS_LANG, else
    the system's locale (`farmapos.ui.i18n.choose_language`)."""
    text_size: float = 1.0
    """`[counter] text_size`: the counter's text size as a factor of the system's (0.8–2.5) until the
    pharmacist chooses one with Ctrl++ / Ctrl+− (kept per machine); Ctrl+0 returns to it."""


def data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    home = environ.get("FARMAPOS_HOME")
    return Path(home) if home else platformdirs.user_data_path("farmapos", appauthor=False)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve().as_posix()}"


def read_config_file(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, OSError) as exc:
        raise ConfigurationError(
            msg("No se puede leer el fichero de configuración {path}: {reason}.", path=path, reason=str(exc))
        ) from None


def load_config(cli_db: str | None = None, environ: Mapping[str, str] = os.environ) -> AppConfig:
    """Resolve the database URL and counter settings in the documented order."""
    folder = data_dir(environ)
    config_path = folder / CONFIG_FILE
    settings = read_config_file(config_path)
    database = settings.get("database", {})
    counter = settings.get("counter", {})
    if not isinstance(database, dict) or not isinstance(counter, dict):
        raise ConfigurationError(msg("{path}: [database] y [counter] deben ser secciones.", path=config_path))
    workstation = environ.get("FARMAPOS_WORKSTATION") or counter.get("workstation")
    language = counter.get("language")
    if language is not None and str(language).strip().lower()[:2] not in ("es", "en"):
        raise ConfigurationError(
            msg('{path}: [counter] language debe ser "es" (español) o "en" (inglés).', path=config_path)
        )
    text_size = counter.get("text_size", 1.0)
    if isinstance(text_size, bool) or not isinstance(text_size, int | float) or not 0.8 <= text_size <= 2.5:
        raise ConfigurationError(
            msg("{path}: [counter] text_size debe ser un número entre 0.8 y 2.5 (1 = tamaño del sistema).",
                path=config_path)
        )  # fmt: skip
    if cli_db:
        url, source = cli_db, "--db"
    elif environ.get("FARMAPOS_DB"):
        url, source = environ["FARMAPOS_DB"], "FARMAPOS_DB"
    elif database.get("url"):
        url, source = str(database["url"]), str(config_path)
    else:
        url, source = sqlite_url(folder / DEFAULT_DB_FILE), "default"
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    devices = settings.get("devices", {})
    allowed = {"printer", "display", "drawer", "scanner", "columns", "profile", "code_page"}
    if not isinstance(devices, dict) or set(devices) - allowed:
        raise ConfigurationError(
            msg("{path}: [devices] admite {keys}.", path=config_path, keys=", ".join(sorted(allowed)))
        )
    return AppConfig(
        database_url=url, source=source, data_dir=folder, workstation=workstation, devices=devices,
        language=None if language is None else str(language).strip(), text_size=float(text_size),
    )  # fmt: skip
