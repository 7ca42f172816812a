"""Printer capability profiles from python-escpos's database: which code pages and features a model has.

The code page is chosen per profile (its own ESC t number), never by python-escpos's automatic encoding;
features the model lacks are refused at configuration or printed another, visible way (a raster image).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

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


@lru_cache(maxsize=32)
def printer_profile(name: str) -> PrinterProfile:
    from escpos import capabilities  # 0.2 s of capability data: loaded when a printer first needs it

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
