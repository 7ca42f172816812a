"""Search keys: descriptions folded to lowercase ASCII words, the same way on every engine.

Both engines compare the stored key, never the description, so `ácido`, `ACIDO` and `Acido` meet
without relying on the database's collation or case folding (SQLite's LIKE folds ASCII only).
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


_SPANISH = str.maketrans(
    "áéíóúüñçàèìòùâêîôûäëïöÁÉÍÓÚÜÑÇÀÈÌÒÙÂÊÎÔÛÄËÏÖ", "aeiouuncaeiouaeiouaeioAEIOUUNCAEIOUAEIOUAEIO"
)


def fold(text: str) -> str:
    """Lowercase, accents removed (ñ → n, ü → u), everything else kept."""
    text = text.translate(_SPANISH)
    if text.isascii():  # the common case, without decomposing every character
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def search_words(text: str) -> list[str]:
    """The words of `text` as the search index sees them: folded, split on anything not a letter or digit."""
    return [word for word in _NON_WORD.split(fold(text)) if word]


def search_key(*parts: str) -> str:
    """The stored key for a row described by `parts` (description, laboratory…): words joined by spaces."""
    words: list[str] = []
    for part in parts:
        if part:
            words.extend(search_words(part))
    return " ".join(words)
