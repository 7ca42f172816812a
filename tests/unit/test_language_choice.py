"""Which language the counter speaks, and how the compiled translation is found or made at start."""

from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from farmapos.ui import i18n
from farmapos.ui.i18n import choose_language


@pytest.mark.parametrize(
    ("setting", "env", "system", "expected"),
    [
        ("en", {"FARMAPOS_LANG": "es"}, "es-ES", "en"),  # the setting wins over everything
        ("es", {"FARMAPOS_LANG": "en"}, "en-GB", "es"),
        (None, {"FARMAPOS_LANG": "en_US"}, "es-ES", "en"),  # then the environment
        (None, {"FARMAPOS_LANG": "es"}, "en-GB", "es"),
        ("", {"FARMAPOS_LANG": "en"}, "es-ES", "en"),  # an empty setting is no setting
        (None, {}, "en-GB", "en"),  # then the system's locale
        (None, {}, "en", "en"),
        (None, {}, "es-ES", "es"),
        (None, {}, "ca-ES", "es"),  # anything not English: Spanish, the source language
        (None, {}, "C", "es"),
        (None, {"FARMAPOS_LANG": "fr"}, "en-GB", "es"),
    ],
)
def test_setting_then_environment_then_system(setting, env, system, expected) -> None:
    assert choose_language(setting, env, system) == expected


@pytest.mark.parametrize(("ui_languages", "expected"), [(["en-GB", "es-ES"], "en"), (["es-ES", "en-US"], "es")])
def test_without_a_system_answer_qt_is_asked(monkeypatch, ui_languages: list[str], expected: str) -> None:
    class System:  # the first language the user reads, whatever the number formats are
        @staticmethod
        def uiLanguages() -> list[str]:  # Qt's name
            return ui_languages

    monkeypatch.setattr(i18n.QLocale, "system", staticmethod(System))
    assert choose_language(None, {}) == expected


def test_cli_lang_reaches_the_counter(monkeypatch, tmp_path: Path) -> None:
    from farmapos import cli
    from farmapos.ui import main

    seen = []
    monkeypatch.setenv("FARMAPOS_HOME", str(tmp_path))
    monkeypatch.setattr(main, "run_counter", lambda config: seen.append(config.language) or 0)
    (tmp_path / "config.toml").write_text('[counter]\nlanguage = "es"\n')
    assert cli.main(["counter", "--lang", "en"]) == 0  # the option overrides the file for this run
    assert cli.main(["--lang", "en"]) == 0  # counter is the default command
    assert cli.main(["counter"]) == 0
    assert seen == ["en", "en", "es"]


# -- the compiled translation ---------------------------------------------------------------------------
@pytest.fixture
def translations(tmp_path: Path) -> Path:
    folder = tmp_path / "translations"
    folder.mkdir()
    for name in ("farmapos_en.ts", "farmapos_en.qm"):
        shutil.copy2(i18n.TRANSLATIONS / name, folder / name)
    return folder


def _touch(path: Path, mtime: float) -> None:
    os.utime(path, (mtime, mtime))


def test_the_shipped_qm_is_used_when_current(translations: Path, tmp_path: Path, monkeypatch) -> None:
    _touch(translations / "farmapos_en.ts", 1_000)
    _touch(translations / "farmapos_en.qm", 2_000)
    monkeypatch.setattr(i18n, "_lrelease", lambda *a: pytest.fail("lrelease must not run"))
    assert i18n.compiled("en", tmp_path / "cache", translations) == translations / "farmapos_en.qm"


def test_a_newer_ts_is_compiled_once_into_the_cache(translations: Path, tmp_path: Path, monkeypatch) -> None:
    runs = []
    real = i18n._lrelease
    monkeypatch.setattr(i18n, "_lrelease", lambda ts, target: runs.append(ts) or real(ts, target))
    _touch(translations / "farmapos_en.qm", 1_000)
    cache = tmp_path / "cache"
    first = i18n.compiled("en", cache, translations)
    assert (
        first == cache / "farmapos_en.qm"
        and first.read_bytes() == (translations / "farmapos_en.qm").read_bytes()
    )
    assert i18n.compiled("en", cache, translations) == first and len(runs) == 1  # the next start: two stats
    _touch(translations / "farmapos_en.ts", first.stat().st_mtime + 10)  # edited again: compiled again
    assert i18n.compiled("en", cache, translations) == first and len(runs) == 2


def test_without_lrelease_the_shipped_qm_is_used(translations: Path, tmp_path: Path, monkeypatch) -> None:
    _touch(translations / "farmapos_en.qm", 1_000)
    monkeypatch.setattr(i18n, "tool", lambda name: None)
    assert i18n.compiled("en", tmp_path / "cache", translations) == translations / "farmapos_en.qm"
    (translations / "farmapos_en.qm").unlink()
    assert i18n.compiled("en", tmp_path / "cache", translations) is None
    assert i18n.compiled("fr", tmp_path / "cache", translations) is None


# -- amounts typed and shown -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "value"),
    [("2,50", "2.50"), ("2.50", "2.50"), ("1.234,50", "1234.50"), ("1,234.50", "1234.50"), ("€2.50", "2.50"),
     ("2,50 €", "2.50"), ("20", "20"), ("-3", "-3")],
)  # fmt: skip
def test_amounts_typed_either_way(typed: str, value: str) -> None:
    assert i18n.parse_amount(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["", "abc", "2,5,0x", "NaN", "inf"])
def test_what_is_not_an_amount_says_so(typed: str) -> None:
    with pytest.raises(ValueError, match="no es un importe"):
        i18n.parse_amount(typed)


def test_editable_numbers_read_back() -> None:
    for value in (Decimal("1234.5"), Decimal(1000), Decimal("0.125"), Decimal("2.50")):
        assert i18n.parse_amount(i18n.editable(value)) == value
    assert (i18n.editable(Decimal(1000)), i18n.editable(Decimal("2.5"), 2)) == ("1000", "2,50")
