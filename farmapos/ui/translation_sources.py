"""Maintainers' tool: refresh the translation catalogues from the sources and compile them.

`python -m farmapos.ui.translation_sources` runs lupdate over the UI modules (`farmapos/ui`) into
`farmapos_<lang>.ts`, reads every `msg()` template of the other modules (the domain's and the devices'
messages) into `farmapos_messages_<lang>.ts`, keeps the translations already there, then lrelease. The
counter itself only loads the catalogues (`farmapos.ui.i18n`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from farmapos.ui.i18n import (
    LANGUAGES,
    MESSAGES_CATALOGUE,
    MESSAGES_CONTEXT,
    SOURCE_LANGUAGE,
    TRANSLATIONS,
    UI_CATALOGUE,
    UI_SOURCES,
    tool,
)

_PACKAGE = UI_SOURCES.parent


def update_sources(translations: Path | None = None) -> int:
    """lupdate every UI module into each language's `.ts`, and the `msg()` templates of the other modules
    into its messages `.ts` (translations kept, both); then lrelease them."""
    import subprocess

    folder = translations or TRANSLATIONS
    lupdate, lrelease = tool("lupdate"), tool("lrelease")
    if lupdate is None or lrelease is None:
        print("lupdate/lrelease not found (PySide6 installs them)", file=sys.stderr)
        return 1
    try:
        templates = message_templates()
    except UntranslatableMessage as exc:
        print(exc, file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        if lang == SOURCE_LANGUAGE:
            continue
        ts = folder / f"{UI_CATALOGUE}_{lang}.ts"
        subprocess.run([*lupdate_command(lupdate, lang), str(ts)], check=True)
        messages_ts = folder / f"{MESSAGES_CATALOGUE}_{lang}.ts"
        update_messages(messages_ts, lang, templates)
        for each in (ts, messages_ts):
            subprocess.run([lrelease, str(each), "-qm", str(each.with_suffix(".qm"))], check=True)
            unfinished = each.read_text(encoding="utf-8").count('type="unfinished"')
            if unfinished:
                print(
                    f"{each}: {unfinished} messages to translate (Qt Linguist, or edit the file)",
                    file=sys.stderr,
                )
    return 0


def lupdate_command(lupdate: str, lang: str) -> list[str]:
    """lupdate over the UI modules, without line numbers (so moving code does not touch the `.ts`);
    the caller appends the `.ts` path."""
    sources = sorted(str(p) for p in UI_SOURCES.glob("*.py"))
    return [lupdate, "-no-obsolete", "-locations", "none", "-source-language", SOURCE_LANGUAGE,
            "-target-language", lang, *sources, "-ts"]  # fmt: skip


class UntranslatableMessage(ValueError):
    """A `msg()` the extraction cannot put in the catalogue; the text says where it is and why."""


def message_sources() -> list[Path]:
    """The modules whose messages reach the screen without Qt: every one outside `farmapos/ui`."""
    return sorted(path for path in _PACKAGE.rglob("*.py") if UI_SOURCES not in path.parents)


def message_templates(sources: Iterable[Path] | None = None) -> dict[str, str]:
    """Template → where it is first used (`file:line`), for every `msg(...)` call in `sources`.

    Raises UntranslatableMessage for a template that is not a string literal (the catalogue could not
    hold it, so it would stay Spanish) or that has a positional field (`{}`, `{0}`: a translation must be
    able to put the parameters in another order).
    """
    import ast

    found: dict[str, str] = {}
    for path in sorted(message_sources() if sources is None else sources):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and _called(node) == "msg"]
        for call in sorted(calls, key=lambda node: (node.lineno, node.col_offset)):
            where = f"{_relative(path)}:{call.lineno}"
            template = call.args[0] if call.args else None
            if not (isinstance(template, ast.Constant) and isinstance(template.value, str)):
                raise UntranslatableMessage(f"{where}: the template of msg() must be a string literal")
            try:
                names = [name for name, _conversion, _spec in message_fields(template.value)]
            except ValueError as exc:
                raise UntranslatableMessage(f"{where}: {template.value!r}: {exc}") from None
            if any(not name or name[0].isdigit() for name in names):
                raise UntranslatableMessage(f"{where}: name every field of {template.value!r}")
            found.setdefault(template.value, where)
    return found


def message_fields(template: str) -> set[tuple[str, str | None, str]]:
    """The replacement fields of a template, as (name, conversion, format spec): a translation must have
    the same. ValueError for a malformed template."""
    from string import Formatter

    return {(name, conversion, spec) for _text, name, spec, conversion in Formatter().parse(template)
            if name is not None}  # fmt: skip


def _called(call) -> str | None:
    import ast

    if isinstance(call.func, ast.Name):
        return call.func.id
    return call.func.attr if isinstance(call.func, ast.Attribute) else None


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(_PACKAGE.parent))
    except ValueError:
        return str(path)


def update_messages(ts: Path, lang: str, templates: Iterable[str]) -> int:
    """Write the messages `.ts` for `templates`: translations already there kept, new templates unfinished,
    templates no longer in the code dropped. Sorted by source, without locations, so only a changed
    message changes the file (rewritten only then). Returns how many are left to translate."""
    import xml.etree.ElementTree as ET
    from xml.sax.saxutils import escape

    known: dict[str, tuple[str, bool]] = {}
    if ts.is_file():
        for message in ET.parse(ts).getroot().iter("message"):
            translation = message.find("translation")
            text = (translation.text or "") if translation is not None else ""
            finished = translation is not None and translation.get("type") is None and bool(text.strip())
            known[message.findtext("source") or ""] = (text, finished)
    entities = {'"': "&quot;", "'": "&apos;"}
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{lang}" sourcelanguage="{SOURCE_LANGUAGE}">', "<context>",
             f"    <name>{MESSAGES_CONTEXT}</name>"]  # fmt: skip
    unfinished = 0
    for source in sorted(set(templates)):
        text, finished = known.get(source, ("", False))
        unfinished += not finished
        mark = "" if finished else ' type="unfinished"'
        lines += ["    <message>", f"        <source>{escape(source, entities)}</source>",
                  f"        <translation{mark}>{escape(text, entities)}</translation>", "    </message>"]  # fmt: skip
    content = "\n".join([*lines, "</context>", "</TS>", ""])
    if not ts.is_file() or ts.read_text(encoding="utf-8") != content:
        ts.write_text(content, encoding="utf-8")
    return unfinished


if __name__ == "__main__":
    sys.exit(update_sources())
