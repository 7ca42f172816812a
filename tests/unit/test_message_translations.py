"""The English catalogue of the domain's and devices' messages is complete and current.

The `msg()` templates are read afresh from the code; every one must be in the committed
`farmapos_messages_en.ts`, translated, with the same named fields, and nothing stale (that the committed
`.qm` is what lrelease makes of it is checked with the UI's in `test_translations.py`). A template the
extraction cannot read fails it, naming where it is.
"""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from farmapos.ui import i18n, translation_sources

TS = i18n.TRANSLATIONS / f"{i18n.MESSAGES_CATALOGUE}_en.ts"
QM = TS.with_suffix(".qm")


def catalogue(path: Path) -> dict[str, ET.Element]:
    root = ET.parse(path).getroot()
    assert [context.findtext("name") for context in root.iter("context")] == [i18n.MESSAGES_CONTEXT]
    return {message.findtext("source") or "": message for message in root.iter("message")}


@pytest.fixture(scope="module")
def fresh() -> dict[str, str]:
    return translation_sources.message_templates()


def test_the_extraction_reads_the_domain_and_the_devices(fresh) -> None:
    assert len(fresh) > 150
    assert "Código desconocido: {code}." in fresh
    assert "sin papel" in fresh  # a printer's state, from farmapos/devices
    assert not any(where.startswith("farmapos/ui/") for where in fresh.values())


def test_every_message_is_in_the_catalogue_and_nothing_stale(fresh) -> None:
    committed = catalogue(TS)
    assert sorted(set(fresh) - set(committed)) == [], (
        "run `python -m farmapos.ui.translation_sources` and translate"
    )
    assert sorted(set(committed) - set(fresh)) == [], "messages no longer in the code: run the same"


def test_every_message_is_translated_with_the_same_fields() -> None:
    text = TS.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text and 'type="vanished"' not in text and 'type="obsolete"' not in text
    problems = []
    for source, message in catalogue(TS).items():
        translation = message.findtext("translation") or ""
        if not translation.strip():
            problems.append((source, "empty"))
        elif translation_sources.message_fields(translation) != translation_sources.message_fields(source):
            problems.append((source, translation))
    assert problems == []


@pytest.mark.parametrize(
    ("call", "why"),
    [
        ("msg(template, code=code)", "string literal"),
        ('msg(f"Código desconocido: {code}.")', "string literal"),
        ('messages.msg("Código " + code)', "string literal"),
        ('msg("Código desconocido: {}.", code)', "name every field"),
        ('msg("Línea {0} de {1}.")', "name every field"),
        ('msg("Código {code.")', "Código {code."),
    ],
)
def test_a_template_that_cannot_be_read_fails_the_extraction(tmp_path: Path, call: str, why: str) -> None:
    module = tmp_path / "shop.py"
    module.write_text(
        f'from farmapos.messages import msg\n\nOK = msg("Bien.")\n\n\ndef f(code):\n    {call}\n'
    )
    with pytest.raises(translation_sources.UntranslatableMessage, match=why) as raised:
        translation_sources.message_templates([module])
    assert str(raised.value).startswith(f"{module}:7: ")
    module.write_text('from farmapos.messages import msg\n\nOK = msg("Bien.")\nOTHER = text("{}", 1)\n')
    assert translation_sources.message_templates([module]) == {"Bien.": f"{module}:3"}


def test_the_catalogue_keeps_translations_marks_new_ones_and_drops_stale(tmp_path: Path) -> None:
    ts = tmp_path / "messages_en.ts"
    assert translation_sources.update_messages(ts, "en", ["Código desconocido: {code}.", "Hola."]) == 2
    text = ts.read_text(encoding="utf-8").replace(
        '<translation type="unfinished"></translation>', "<translation>Unknown code: {code}.</translation>", 1
    )
    ts.write_text(text, encoding="utf-8")
    before = os.stat(ts).st_mtime_ns
    assert translation_sources.update_messages(ts, "en", ["Código desconocido: {code}.", "Hola."]) == 1
    assert os.stat(ts).st_mtime_ns == before  # unchanged: not rewritten, so the .qm stays current
    assert (
        translation_sources.update_messages(ts, "en", ["Código desconocido: {code}.", "Adiós «{name}»."]) == 1
    )
    found = catalogue(ts)
    assert sorted(found) == ["Adiós «{name}».", "Código desconocido: {code}."]
    assert found["Código desconocido: {code}."].findtext("translation") == "Unknown code: {code}."
    assert found["Código desconocido: {code}."].find("translation").get("type") is None
    assert found["Adiós «{name}»."].find("translation").get("type") == "unfinished"


def test_the_maintainers_command_leaves_the_committed_catalogue_as_it_is(tmp_path: Path) -> None:
    for path in i18n.TRANSLATIONS.glob("*.ts"):
        shutil.copy(path, tmp_path / path.name)
    assert translation_sources.update_sources(tmp_path) == 0
    assert (tmp_path / TS.name).read_bytes() == TS.read_bytes()
    assert (tmp_path / QM.name).read_bytes() == QM.read_bytes()
    assert (tmp_path / f"{i18n.UI_CATALOGUE}_en.qm").is_file()


def test_an_edited_catalogue_is_compiled_at_start(tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    shutil.copy(QM, shipped / QM.name)
    shutil.copy(TS, shipped / TS.name)
    newer = os.stat(shipped / QM.name).st_mtime + 10  # the translation edited after the .qm was built
    os.utime(shipped / TS.name, (newer, newer))
    built = i18n.compiled("en", tmp_path / "cache", shipped, catalogue=i18n.MESSAGES_CATALOGUE)
    assert built == tmp_path / "cache" / QM.name
    assert built.read_bytes() == QM.read_bytes()
    os.utime(shipped / QM.name, (newer + 1, newer + 1))
    assert (
        i18n.compiled("en", tmp_path / "cache", shipped, catalogue=i18n.MESSAGES_CATALOGUE)
        == shipped / QM.name
    )
