"""Device errors: a device problem is reported as a status, never a lost sale."""

from __future__ import annotations


class DeviceError(Exception):
    """A device could not do what was asked (off, unplugged, out of paper…)."""


class DeviceConfigError(DeviceError):
    """A device setting that cannot be used as written."""


class UnsupportedFeature(DeviceError):
    """The device or its profile does not have the feature asked for (never a silent no-op)."""


class PrinterNotReady(DeviceError):
    """The printer answered that it cannot print now (paper out, cover open): the job stays in the queue."""


class InvalidBarcode(DeviceError):
    """A code that cannot be printed as the barcode asked for (bad EAN-13 check digit, non-ASCII Code 128)."""
