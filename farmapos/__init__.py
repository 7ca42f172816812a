"""farmapos: point of sale for community pharmacies."""

__version__ = "0.1.0"
