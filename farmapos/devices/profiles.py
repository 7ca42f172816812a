"""Printer capability profiles from python-escpos's database: which code pages and features a model has.

The code page is chosen per profile (its own ESC t number), never by python-escpos's automatic encoding;
features the model lacks are refused at configuration or printed another, visible way (a raster image).
"""

from __future__ import annotations

import json
import os
import pickle
import sys
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import metadata
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
_KNOWN_PROFILES = "printer-profiles.json"
_KNOWN_FORMAT = 1
"""Raised when farmapos changes what it derives from python-escpos's data: the kept profiles are read again."""


def _cache_folder() -> Path | None:
    """farmapos's cache folder (in FARMAPOS_HOME, else the user's cache), or None where it cannot be made."""
    home = os.environ.get("FARMAPOS_HOME")
    folder = Path(home) / "cache" if home else platformdirs.user_cache_path("farmapos", appauthor=False)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only home
        return None
    return folder


def _capabilities():
    """python-escpos's capability data. It parses its YAML (0.3 s) unless it finds its own pickle, which by
    default it writes to a new temporary folder on every run (never found again, never removed): it is
    given a lasting folder, so it is parsed once. A pickle left half-written by a crash is removed and the
    data parsed again."""
    if _PICKLE_DIR not in os.environ and (folder := _cache_folder()) is not None:
        os.environ[_PICKLE_DIR] = str(folder)
    try:
        from escpos import capabilities
    except (pickle.UnpicklingError, EOFError, ValueError):
        for stale in Path(os.environ[_PICKLE_DIR]).glob("*.capabilities.pickle"):
            stale.unlink(missing_ok=True)
        sys.modules.pop("escpos.capabilities", None)
        from escpos import capabilities
    return capabilities


def _escpos_version() -> str:
    try:
        return metadata.version("python-escpos")
    except metadata.PackageNotFoundError:
        return ""


def _known_profiles(folder: Path | None) -> dict[str, dict]:
    """The profiles read before, as kept in the cache for this python-escpos (empty when absent or stale)."""
    if folder is None:
        return {}
    try:
        kept = json.loads((folder / _KNOWN_PROFILES).read_text(encoding="utf-8"))
        fresh = kept.get("escpos") == _escpos_version() and kept.get("format") == _KNOWN_FORMAT
        return kept["profiles"] if fresh else {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _keep_profile(folder: Path | None, profile: PrinterProfile) -> None:
    """Add a profile to the cache (written whole, then renamed: a crash leaves the old file or the new)."""
    if folder is None:
        return
    profiles = _known_profiles(folder) | {profile.name: asdict(profile)}
    target = folder / _KNOWN_PROFILES
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        kept = {"escpos": _escpos_version(), "format": _KNOWN_FORMAT, "profiles": profiles}
        partial.write_text(json.dumps(kept), encoding="utf-8")
        os.replace(partial, target)
    except OSError:
        partial.unlink(missing_ok=True)


@lru_cache(maxsize=32)
def printer_profile(name: str) -> PrinterProfile:
    """The capabilities of a printer model. A counter starts without importing python-escpos (and its YAML
    parser, a twentieth of a second): the profiles it used are kept in the cache folder, per library version."""
    name = name or "default"
    folder = _cache_folder()
    kept = _known_profiles(folder).get(name)
    if kept is not None:
        try:
            return PrinterProfile(**kept)
        except TypeError:  # written by another farmapos version: read it again from python-escpos
            pass
    profile = _read_profile(name)
    _keep_profile(folder, profile)
    return profile


def _read_profile(name: str) -> PrinterProfile:
    capabilities = _capabilities()
    try:
        profile = capabilities.get_profile(name)
    except Exception:
        raise DeviceConfigError(
            msg("Perfil de impresora desconocido: {name!r} (p. ej. default, TM-T20II, TM-T88V).", name=name)
        ) from None
    data = profile.profile_data
    pages = {str(label).lower().replace("_", "-"): int(number) for number, label in data.get("codePages", {}).items()
             if label and label != "Unknown"}  # fmt: skip
    features = data.get("features", {})
    return PrinterProfile(
        name=name,
        code_pages=pages,
        qr_code=bool(features.get("qrCode")),
        barcode=bool(features.get("barcodeB")),
        cut=bool(features.get("paperFullCut") or features.get("paperPartCut")),
        drawer_pulse=bool(features.get("pulseStandard", True)),
        raster=bool(features.get("bitImageRaster", True)),
    )
