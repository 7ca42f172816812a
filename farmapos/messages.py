"""Messages for the seller written where the rule lives (domain, devices) and read in the counter's language.

The domain and the devices do not know Qt, so they cannot translate; they cannot hand the UI a bare key
either, because logs, the command line and the tests read their messages as Spanish text. A `Message`
is both: it *is* the Spanish text (a `str`), and it keeps the template and the parameters it was made
from, so the UI (`farmapos.ui.i18n.tr_message`) can look the template up in the `messages` translation
context and fill in the same parameters.

Templates are string literals with named fields, `msg("Código desconocido: {code}.", code=text)`, so
`python -m farmapos.ui.translation_sources` finds them in the source. A parameter may itself be a Message (a reason
inside a sentence), which is translated with it. Anything that builds a new string from a Message
(`+`, an f-string, `.lower()`) gives plain Spanish text: compose with another `msg` instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from farmapos.formats import format_date, format_money, format_percent, format_quantity


class Amount(Decimal):
    """A sum of money as a message parameter: each language writes it its way (`1.234,56 €`, `€1,234.56`),
    so the template carries no currency sign."""

    __slots__ = ()


class Percent(Decimal):
    """A percentage as a message parameter, sign included: `15 %`, `17,50 %` in Spanish; `15%`, `17.50%` in
    English."""

    __slots__ = ()


class Units(Decimal):
    """A number of units as a message parameter: `3`, `0,5` in Spanish, `0.5` in English."""

    __slots__ = ()


class Message(str):
    """Spanish text that remembers its template and parameters."""

    __slots__ = ("params", "template")
    template: str
    params: Mapping[str, Any]

    def __new__(cls, template: str, params: Mapping[str, Any]) -> Message:
        # Formatting here makes a missing or misnamed parameter fail where the message is made, in tests,
        # rather than on the counter's screen.
        self = super().__new__(
            cls, template.format(**{name: _spanish(value) for name, value in params.items()})
        )
        self.template = template
        self.params = MappingProxyType(dict(params))
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # str's own pickling would rebuild the text alone (`Message(text)`), losing the template.
        return (Message, (self.template, dict(self.params)))


def written(value: Any, language: str) -> Any:
    """A parameter as a reader of `language` writes it (dates, amounts, units); anything else as given."""
    if isinstance(value, Amount):
        return format_money(value, language)
    if isinstance(value, Units):
        return format_quantity(value, language)
    if isinstance(value, Percent):
        return format_percent(value, language)
    if isinstance(value, date) and not isinstance(value, datetime):
        return format_date(value, language)
    return value


def _spanish(value: Any) -> Any:
    return written(value, "es")


def msg(template: str, /, **params: Any) -> Message:
    """A message for the seller: `template` is a Spanish string literal with `{named}` fields; pass dates
    as dates, money as `Amount` and quantities as `Units`, so each language writes them its way."""
    return Message(template, params)


def reason(exc: BaseException) -> str:
    """What an exception says, as a parameter of another message: its Message when it carries one (so
    the enclosing message is translated with it), else its text (a library's, an operating system's)."""
    first = exc.args[0] if exc.args else None
    return first if isinstance(first, Message) else str(exc)


def listing(items: Sequence[Any]) -> Any:
    """`a, b, c` that stays translatable when the items are Messages (names of fields, of states) or are
    written per language (amounts, percentages): a parameter for another message."""
    text = items[0] if items else ""
    for item in items[1:]:
        text = msg("{items}, {item}", items=text, item=item)
    return text
