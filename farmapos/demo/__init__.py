"""The demo pharmacy: a realistic catalogue, stock with lots, sellers and customers, for newcomers and tests."""
