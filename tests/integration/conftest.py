"""Fixtures shared by the integration tests."""

from tests.integration.test_sales import shop  # noqa: F401 - the pharmacy with articles and co-payment types
