"""Domain layer: mapped classes, money, errors and use cases. Knows nothing of Qt or devices."""
