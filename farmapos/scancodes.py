"""Normalisation of what a barcode scanner delivers, shared by the device layer and the domain.

Scanners prefix an AIM symbology identifier (`]d2` GS1 DataMatrix, `]C1` GS1-128, `]E0` EAN-13…), send
the GS1 group separator as ASCII 29 or as a printable substitute, and end with CR/LF. This module turns all
of that into one canonical form: no identifier, no line end, ASCII 29 as the only separator.
Only stdlib, so every layer may import it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GS = "\x1d"

# Printable stand-ins scanners and keyboard layouts send for the GS1 group separator (ASCII 29).
GS_SUBSTITUTES = ("<GS>", "{GS}", "[GS]", "<gs>", "{gs}", "[gs]", "\u241d", "^]")

_AIM = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
# AIM identifiers whose payload is a GS1 element string.
GS1_AIMS = {"]d2", "]C1", "]Q3", "]e0", "]J1"}


@dataclass(frozen=True)
class Scan:
    """A scanned code in canonical form."""

    text: str
    aim: str | None = None
    """The AIM symbology identifier the scanner sent, if any (`]d2`, `]E0`…)."""

    @property
    def is_gs1(self) -> bool:
        """True when the symbology says GS1, or the text is plainly a GS1 element string."""
        if self.aim in GS1_AIMS:
            return True
        if GS in self.text:
            return True
        return self.aim is None and looks_like_gs1(self.text)


def looks_like_gs1(text: str) -> bool:
    """A DataMatrix element string without identifier: starts with AI 01 + 14 digits and has more."""
    return len(text) > 16 and text.startswith("01") and text[2:16].isdigit()


def normalize_scan(raw: str) -> Scan:
    """Canonical form of a scanned or typed code: identifier split off, separators as ASCII 29."""
    text = raw.strip("\r\n")
    text = text.strip(" \t")
    aim = None
    match = _AIM.match(text)
    if match:
        aim = match.group(0)
        text = text[match.end() :]
    for substitute in GS_SUBSTITUTES:
        text = text.replace(substitute, GS)
    text = text.lstrip(GS).rstrip(GS)
    return Scan(text=text, aim=aim)
