"""The English translation is complete and current: a new UI string without its translation fails here.

lupdate reads `farmapos/ui` afresh into a temporary `.ts`; every message it finds must be in the committed
`.ts`, translated, with the same `{n}` placeholders, and the committed `.qm` must be what lrelease makes of it
(of the domain's messages catalogue too, whose other checks are in `test_message_translations.py`).
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from farmapos.ui import i18n, translation_sources

TS = i18n.TRANSLATIONS / "farmapos_en.ts"
QM = TS.with_suffix(".qm")
CATALOGUES = [TS, i18n.TRANSLATIONS / f"{i18n.MESSAGES_CATALOGUE}_en.ts"]
PLACEHOLDER = re.compile(r"\{\d+\}")


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            found[(context.findtext("name") or "", message.findtext("source") or "")] = message
    return found


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], ET.Element]:
    lupdate = i18n.tool("lupdate")
    assert lupdate, "lupdate not found: PySide6 installs it beside the Qt libraries"
    target = tmp_path_factory.mktemp("lupdate") / "fresh_en.ts"
    subprocess.run(
        [*translation_sources.lupdate_command(lupdate, "en"), str(target)], check=True, capture_output=True
    )
    return messages(target)


def test_translations_live_in_resources() -> None:
    assert Path(__file__).resolve().parents[2] / "resources" / "translations" == i18n.TRANSLATIONS
    assert all(ts.is_file() and ts.with_suffix(".qm").is_file() for ts in CATALOGUES)


def test_every_ui_string_is_in_the_ts(fresh) -> None:
    committed = messages(TS)
    assert len(fresh) > 150  # the extraction really ran over the UI
    assert sorted(set(fresh) - set(committed)) == [], (
        "run `python -m farmapos.ui.translation_sources` and translate"
    )
    assert sorted(set(committed) - set(fresh)) == [], (
        "strings no longer in the UI: run `python -m farmapos.ui.translation_sources`"
    )


def test_every_message_is_translated_with_its_placeholders() -> None:
    text = TS.read_text(encoding="utf-8")
    assert (
        text.count('type="unfinished"') == 0
        and 'type="vanished"' not in text
        and 'type="obsolete"' not in text
    )
    problems = []
    for (context, source), message in messages(TS).items():
        translation = message.findtext("translation") or ""
        if not translation.strip():
            problems.append((context, source, "empty"))
        elif sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
            problems.append((context, source, translation))
    assert problems == []


@pytest.mark.parametrize("ts", CATALOGUES, ids=lambda path: path.stem)
def test_the_committed_qm_is_compiled_from_the_ts(tmp_path: Path, ts: Path) -> None:
    lrelease = i18n.tool("lrelease")
    assert lrelease, "lrelease not found: PySide6 installs it beside the Qt libraries"
    built = tmp_path / f"{ts.stem}.qm"
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(built)], check=True)
    qm = ts.with_suffix(".qm")
    assert built.read_bytes() == qm.read_bytes(), (
        "run `python -m farmapos.ui.translation_sources` to recompile the .qm"
    )


@pytest.mark.parametrize("ts", CATALOGUES, ids=lambda path: path.stem)
def test_the_qm_answers_every_message(ts: Path) -> None:
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(ts.with_suffix(".qm")))
    wrong = [
        (context, source)
        for (context, source), message in messages(ts).items()
        if translator.translate(context, source) != message.findtext("translation")
    ]
    assert wrong == []
