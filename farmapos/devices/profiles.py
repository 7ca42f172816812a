"""Printer capability profiles from python-escpos's database: which code pages and features a model has.

The code page is chosen per profile (its own ESC t number), never by python-escpos's automatic encoding;
features the model lacks are refused at configuration or printed another, visible way (a raster image).
"""

from __future__ import annotations

import os
import pickle
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import platformdirs

from farmapos.devices.errors import DeviceConfigError, UnsupportedFeature
from farmapos.messages import msg


@dataclass(frozen=True)
class PrinterProfile:
    name: str
    code_pages: dict[str, int]
    """Code page name (lower case, e.g. `cp858`) → the number ESC t selects it with on this model."""
    qr_code: bool
    barcode: bool
    cut: bool
    drawer_pulse: bool
    raster: bool = True
    """GS v 0 raster images: how barcodes and QR codes print on models without them built in."""

    def code_page_number(self, code_page: str) -> int:
        try:
            return self.code_pages[code_page.lower()]
        except KeyError:
            pages = ", ".join(sorted(p.upper() for p in self.code_pages if p.startswith("cp")))
            raise UnsupportedFeature(
                msg(
                    "La impresora {printer} no tiene la página de códigos {code_page} (tiene: {pages}).",
                    printer=self.name,
                    code_page=code_page.upper(),
                    pages=pages,
                )
            ) from None


_PICKLE_DIR = "ESCPOS_CAPABILITIES_PICKLE_DIR"


def _capabilities():
    """python-escpos's capability data. It parses its YAML (0.3 s) unless it finds its own pickle, which by
    default it writes to a new temporary folder on every run (never found again, never removed): it is
    given a lasting folder, so a counter starts from the pickle. A pickle left half-written by a crash is
    removed and the data parsed again."""
    if _PICKLE_DIR not in os.environ:
        home = os.environ.get("FARMAPOS_HOME")
        folder = Path(home) / "cache" if home else platformdirs.user_cache_path("farmapos", appauthor=False)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            os.environ[_PICKLE_DIR] = str(folder)
        except OSError:  # a read-only home: python-escpos's temporary folder, as before
            pass
    try:
        from escpos import capabilities
    except (pickle.UnpicklingError, EOFError, ValueError):
        for stale in Path(os.environ[_PICKLE_DIR]).glob("*.capabilities.pickle"):
            stale.unlink(missing_ok=True)
        sys.modules.pop("escpos.capabilities", None)
        from escpos import capabilities
    return capabilities


@lru_cache(maxsize=32)
def printer_profile(name: str) -> PrinterProfile:
    capabilities = _capabilities()  # loaded when a printer first needs it
    try:
        profile = capabilities.get_profile(name or "default")
    except Exception:
        raise DeviceConfigError(
            msg("Perfil de impresora desconocido: {name!r} (p. ej. default, TM-T20II, TM-T88V).", name=name)
        ) from None
    data = profile.profile_data
    pages = {str(label).lower().replace("_", "-"): int(number) for number, label in data.get("codePages", {}).items()
             if label and label != "Unknown"}  # fmt: skip
    features = data.get("features", {})
    return PrinterProfile(
        name=name or "default",
        code_pages=pages,
        qr_code=bool(features.get("qrCode")),
        barcode=bool(features.get("barcodeB")),
        cut=bool(features.get("paperFullCut") or features.get("paperPartCut")),
        drawer_pulse=bool(features.get("pulseStandard", True)),
        raster=bool(features.get("bitImageRaster", True)),
    )
