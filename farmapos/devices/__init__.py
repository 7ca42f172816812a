"""Device layer: ticket printer, cash drawer, customer display, scanners, labels — with simulators.

Knows nothing of Qt or the database: receives plain objects (a ticket, a line to show) and reports status.
"""

from farmapos.devices.bundle import DEVICE_NAMES, Devices, DeviceState, open_devices
from farmapos.devices.config import DeviceSettings, apply_env_overrides
from farmapos.devices.errors import (
    DeviceConfigError,
    DeviceError,
    InvalidBarcode,
    PrinterNotReady,
    UnsupportedFeature,
)

__all__ = [
    "DEVICE_NAMES",
    "DeviceConfigError",
    "DeviceError",
    "DeviceSettings",
    "DeviceState",
    "Devices",
    "InvalidBarcode",
    "PrinterNotReady",
    "UnsupportedFeature",
    "apply_env_overrides",
    "open_devices",
]
