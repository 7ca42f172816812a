"""The counter's language: Spanish source strings, English through Qt's translation system.

`choose_language` follows the setting (`--lang`, `[counter] language`), else `FARMAPOS_LANG`, else the
system locale; `install` loads `resources/translations/farmapos_<lang>.qm` with Qt's own `qtbase_<lang>.qm`
and makes money, quantities and dates on screen follow the same language. Printed tickets and reports are
Spanish documents and do not use this module.

The domain and the devices cannot use Qt, so their messages are `farmapos.messages.Message`s: Spanish text
that keeps its template. Their translations are a catalogue of their own, `farmapos_messages_<lang>.ts`
(context `messages`), which `install` loads too and `tr_message` reads.

Each `.qm` is committed beside its `.ts`; when the `.ts` is newer (a translation edited and not compiled),
the counter compiles it at start with `lrelease` into a cache folder. Maintainers refresh them with
`python -m farmapos.ui.translation_sources`.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from farmapos import formats
from farmapos.messages import Message, reason, written

logger = logging.getLogger(__name__)

SOURCE_LANGUAGE = "es"
LANGUAGES = ("es", "en")
UI_SOURCES = Path(__file__).resolve().parent
_PACKAGE = UI_SOURCES.parent
UI_CATALOGUE = "farmapos"
MESSAGES_CATALOGUE = "farmapos_messages"
"""The domain's and the devices' messages: `<catalogue>_<lang>.ts`, one context named `messages`."""
MESSAGES_CONTEXT = "messages"


def _find_translations() -> Path:
    """The source tree's `resources/translations` (checkout, editable install), else the `.qm` a wheel
    installs under `<prefix>/share/farmapos/translations` (pyproject's data-files)."""
    in_tree = _PACKAGE.parent / "resources" / "translations"
    for folder in (in_tree, Path(sys.prefix) / "share" / "farmapos" / "translations"):
        if (folder / "farmapos_en.ts").is_file() or (folder / "farmapos_en.qm").is_file():
            return folder
    return in_tree


TRANSLATIONS = _find_translations()


class _State:
    language = SOURCE_LANGUAGE
    translators: list[QTranslator] = []
    default_locale: QLocale | None = None


def choose_language(
    setting: str | None = None, environ: Mapping[str, str] = os.environ, system: str | None = None
) -> str:
    """`en…` gives English; anything else Spanish, the source language (the pharmacy is in Spain)."""
    wanted = (setting or "").strip() or environ.get("FARMAPOS_LANG", "").strip()
    if not wanted:
        if system is None:  # the language the user reads, which may differ from the number formats'
            ui_languages = QLocale.system().uiLanguages()
            system = ui_languages[0] if ui_languages else QLocale.system().name()
        wanted = system
    return "en" if wanted.lower().startswith("en") else SOURCE_LANGUAGE


def language() -> str:
    """The language in use on screen: `es` until `install` chose another."""
    return _State.language


def tool(name: str) -> str | None:
    """Qt's `lupdate`/`lrelease` as PySide6 installs them, else on the PATH."""
    import shutil

    import PySide6

    folder = Path(PySide6.__file__).parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "libexec" / name):
        if candidate.is_file():
            return str(candidate)
    return shutil.which(f"pyside6-{name}") or shutil.which(name)


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def compiled(
    lang: str, cache: Path | None = None, translations: Path | None = None, catalogue: str = UI_CATALOGUE
) -> Path | None:
    """The `.qm` of `catalogue` for `lang`: the shipped one when not older than its `.ts`, else one compiled
    into `cache`.

    Two `stat` calls in the usual case; `lrelease` runs only after the `.ts` changed, and once.
    """
    folder = translations or TRANSLATIONS
    ts, qm = folder / f"{catalogue}_{lang}.ts", folder / f"{catalogue}_{lang}.qm"
    ts_time, qm_time = _mtime(ts), _mtime(qm)
    if qm_time is not None and (ts_time is None or qm_time >= ts_time):
        return qm
    if ts_time is None:
        return None
    if cache is None:
        import tempfile

        cache = Path(tempfile.gettempdir()) / "farmapos-translations"
    target = cache / qm.name
    target_time = _mtime(target)
    if target_time is not None and target_time >= ts_time:
        return target
    built = _lrelease(ts, target)
    if built is not None:
        return built
    return qm if qm_time is not None else None


def _lrelease(ts: Path, target: Path) -> Path | None:
    import subprocess

    lrelease = tool("lrelease")
    if lrelease is None:
        logger.warning("%s is newer than its .qm and lrelease is not installed: using the shipped .qm", ts)
        return None
    partial = target.with_name(f"{target.stem}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        run = subprocess.run(
            [lrelease, "-silent", str(ts), "-qm", str(partial)], capture_output=True, text=True, timeout=60
        )
        if run.returncode != 0 or not partial.is_file():
            logger.warning("lrelease %s failed: %s", ts, run.stderr.strip())
            return None
        partial.replace(target)  # atomic: two counters starting together never read half a file
    except (OSError, subprocess.SubprocessError) as exc:
        logger.warning("lrelease %s failed: %s", ts, exc)
        return None
    return target


def install(lang: str, app: QCoreApplication | None = None, cache: Path | None = None) -> str:
    """Use `lang` from now on (Qt translators, default QLocale, formats); returns the language in use.

    Call it before building any window: widgets translate their texts when they are built.
    """
    app = app or QCoreApplication.instance()
    if app is None:
        raise RuntimeError("i18n.install needs the QApplication first")
    _remove_translators(app)
    lang = lang if lang in LANGUAGES else SOURCE_LANGUAGE
    files: list[Path] = []
    qt_own = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / f"qtbase_{lang}.qm"
    if qt_own.is_file():  # Qt's own texts: the Yes/No of a question, Cancel, the text field's menu
        files.append(qt_own)
    if lang != SOURCE_LANGUAGE:
        ours = compiled(lang, cache)
        if ours is None:
            logger.warning("no translation for %s in %s: the counter stays in Spanish", lang, TRANSLATIONS)
            return install(SOURCE_LANGUAGE, app, cache)
        files.append(ours)
        messages = compiled(lang, cache, catalogue=MESSAGES_CATALOGUE)
        if messages is None:  # the screens are translated; the domain's messages stay in Spanish
            logger.warning("no %s translation of the messages in %s", lang, TRANSLATIONS)
        else:
            files.append(messages)
    for path in files:
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _State.translators.append(translator)
        else:
            logger.warning("cannot load translation %s", path)
    if _State.default_locale is None:
        _State.default_locale = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English if lang == "en" else QLocale.Language.Spanish,
                               QLocale.Country.Spain))  # fmt: skip
    _State.language = lang
    return lang


def uninstall(app: QCoreApplication | None = None) -> None:
    """Back to the untranslated source language (tests, so one test's language never leaks)."""
    app = app or QCoreApplication.instance()
    if app is not None:
        _remove_translators(app)
    if _State.default_locale is not None:
        QLocale.setDefault(_State.default_locale)
        _State.default_locale = None
    _State.language = SOURCE_LANGUAGE


def _remove_translators(app: QCoreApplication) -> None:
    for translator in _State.translators:
        app.removeTranslator(translator)
        translator.deleteLater()
    _State.translators.clear()


def tr_message(value: BaseException | str) -> str:
    """What the domain or a device said, in the language on screen; never raises.

    An exception speaks through its Message (else its text); a Message is looked up by its template in
    the `messages` context and filled with its parameters, themselves translated when they are Messages.
    A template without translation is used as it is (Spanish); a translation that cannot be filled in
    (a placeholder mistyped in the `.ts`) gives the Spanish text. Any other text is returned as it is.
    """
    try:
        text = reason(value) if isinstance(value, BaseException) else value
        return _translated(text) if isinstance(text, Message) else text
    except Exception:  # the counter shows something rather than lose the error it was showing
        logger.exception("cannot translate %r", value)
        return str(value)


def _translated(message: Message) -> str:
    params = {name: _translated(value) if isinstance(value, Message) else written(value, _State.language)
              for name, value in message.params.items()}  # fmt: skip
    template = QCoreApplication.translate(MESSAGES_CONTEXT, message.template)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        logger.warning("translation of %r cannot be filled in: %r", message.template, template)
        return str(message)


# -- money, quantities and dates in the screen's language --------------------------------------------
def money(value: Decimal | int) -> str:
    """`1.234,56 €` or `€1,234.56`."""
    return formats.format_money(value, _State.language)


def quantity(value: Decimal | int) -> str:
    return formats.format_quantity(value, _State.language)


def percent(value: Decimal | int) -> str:
    """`21 %` or `21%`."""
    return formats.format_percent(value, _State.language)


def day(value: date) -> str:
    """`23/11/2026` or `23 Nov 2026` (no month/day order to guess)."""
    return formats.format_date(value, _State.language)


def moment(value: datetime) -> str:
    return formats.format_datetime(value, _State.language)


def editable(value: Decimal | int, places: int | None = None) -> str:
    """A number to put in a field the seller edits: no thousands separator, so `parse_amount` reads it back."""
    d = Decimal(value)
    if places is not None:
        d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    elif d == d.to_integral_value():
        d = d.to_integral_value()
    else:
        d = d.normalize()
    text = f"{d:f}"
    return text.replace(".", ",") if _State.language == "es" else text


def parse_amount(text: str) -> Decimal:
    """What a seller types: `2,50`, `2.50`, `1.234,50`, `1,234.50`, `€2.50` → Decimal.

    The last separator followed by other digits is the decimal one when both appear; a lone comma is
    decimal (nobody types `1,234` for a thousand at a counter). Raises ValueError with a message to show.
    """
    value = text.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
    comma, dot = value.rfind(","), value.rfind(".")
    if comma > dot:  # 1.234,50 or 2,50
        value = value.replace(".", "").replace(",", ".")
    elif comma >= 0:  # 1,234.50
        value = value.replace(",", "")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        raise ValueError(QCoreApplication.translate("i18n", "«{0}» no es un importe.").format(text.strip()))
    return amount
