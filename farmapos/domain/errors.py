"""Domain errors: every rule a user can break raises one of these with a message that says what to do."""

from __future__ import annotations


class FarmaposError(Exception):
    """Base of every error the user can cause; its message is shown as is."""


class ValidationError(FarmaposError):
    """Bad input: a malformed code, a negative price, an unknown VAT rate."""


class NotFound(FarmaposError):
    """Unknown code, ticket, customer…"""


class ConfigurationError(FarmaposError):
    """A setting or database that cannot be used as it is."""


class DatabaseBehindError(ConfigurationError):
    """The database schema is older than this version of farmapos."""


class StockError(FarmaposError):
    """Not enough stock where the pharmacy blocks it, or a ledger rule."""


class ExpiredLot(StockError):
    """A lot past its expiry date cannot be sold."""


class OrderError(FarmaposError):
    """A supplier order operation not allowed in the order's current state."""


class SaleError(FarmaposError):
    """A sale operation that is not allowed in the sale's current state."""


class DiscountError(SaleError):
    """A discount above the maximum allowed for the article or family."""


class CreditLimitExceeded(SaleError):
    """A credit sale beyond the customer's credit limit, or for a blocked customer."""


class PaymentError(SaleError):
    """Payments that do not cover the total, or a method that is not allowed."""


class ReturnError(SaleError):
    """A return of more than was sold, or of an unknown ticket."""


class AmbiguousScan(ValidationError):
    """A GS1 scan whose fields cannot be recovered without guessing; the seller must confirm them."""

    def __init__(self, message: str, candidates: list | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


class DatabaseUnavailable(FarmaposError):
    """The database cannot be reached (server down, network, file gone): nothing was written."""
