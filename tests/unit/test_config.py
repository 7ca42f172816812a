from __future__ import annotations

from pathlib import Path

import pytest

from farmapos.config import load_config
from farmapos.domain.errors import ConfigurationError


def test_resolution_order(tmp_path: Path) -> None:
    env = {"FARMAPOS_HOME": str(tmp_path)}
    default = load_config(None, env)
    assert (
        default.source == "default" and default.database_url == f"sqlite:///{tmp_path.resolve()}/farmapos.db"
    )
    (tmp_path / "config.toml").write_text(
        '[database]\nurl = "sqlite:///from-file.db"\n[counter]\nworkstation = "T2"\n'
    )
    from_file = load_config(None, env)
    assert from_file.database_url == "sqlite:///from-file.db" and from_file.workstation == "T2"
    from_env = load_config(None, env | {"FARMAPOS_DB": "sqlite:///from-env.db"})
    assert (from_env.database_url, from_env.source) == ("sqlite:///from-env.db", "FARMAPOS_DB")
    from_option = load_config("sqlite:///from-option.db", env | {"FARMAPOS_DB": "sqlite:///from-env.db"})
    assert (from_option.database_url, from_option.source) == ("sqlite:///from-option.db", "--db")


def test_counter_language_from_the_config_file(tmp_path: Path) -> None:
    env = {"FARMAPOS_HOME": str(tmp_path)}
    assert load_config(None, env).language is None  # then FARMAPOS_LANG, then the system's locale
    (tmp_path / "config.toml").write_text('[counter]\nworkstation = "T2"\nlanguage = "en"\n')
    assert (
        load_config(None, env | {"FARMAPOS_LANG": "es"}).language == "en"
    )  # the file's setting is kept as is
    (tmp_path / "config.toml").write_text('[counter]\nlanguage = " en_GB "\n')
    assert load_config(None, env).language == "en_GB"
    for wrong in ('"fr"', "1", '""'):
        (tmp_path / "config.toml").write_text(f"[counter]\nlanguage = {wrong}\n")
        with pytest.raises(ConfigurationError, match=r"language"):
            load_config(None, env)


def test_counter_text_size_from_the_config_file(tmp_path: Path) -> None:
    env = {"FARMAPOS_HOME": str(tmp_path)}
    assert load_config(None, env).text_size == 1.0
    for given, read in (("1.25", 1.25), ("2", 2.0), ("0.8", 0.8)):
        (tmp_path / "config.toml").write_text(f"[counter]\ntext_size = {given}\n")
        assert load_config(None, env).text_size == read
    for wrong in ("0.5", "3", '"big"', "true"):
        (tmp_path / "config.toml").write_text(f"[counter]\ntext_size = {wrong}\n")
        with pytest.raises(ConfigurationError, match=r"text_size debe ser un número entre 0.8 y 2.5"):
            load_config(None, env)


def test_broken_config_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("[database\nurl=")
    with pytest.raises(ConfigurationError, match=r"config\.toml"):
        load_config(None, {"FARMAPOS_HOME": str(tmp_path)})


def test_a_database_that_went_away_is_a_clear_error_not_a_crash() -> None:
    from sqlalchemy import text

    from farmapos.domain.db import Database
    from farmapos.domain.errors import DatabaseUnavailable

    database = Database("postgresql://nobody@127.0.0.1:1/none")
    with pytest.raises(DatabaseUnavailable, match="No se ha guardado nada"), database.uow() as uow:
        uow.session.execute(text("SELECT 1"))
    # Units of work that begin on entering (drafts, reads, Core ones) say the same, not the driver's error.
    for work in (database.uow(draft=True), database.uow(read_only=True), database.core(draft=True),
                 database.core()):  # fmt: skip
        with pytest.raises(DatabaseUnavailable, match="No se ha guardado nada"), work:
            pytest.fail("the block ran without a database")
    from farmapos.domain.sales.service import SaleService

    with pytest.raises(DatabaseUnavailable, match="No hay conexión con la base de datos"):
        SaleService(database, 1).add_code(1, "8470006547663")
    database.dispose()
