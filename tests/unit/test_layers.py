"""Who may import whom: domain knows nothing of Qt or devices; devices nothing of Qt or the database; the UI
no SQL and no device protocol. Read from the source, so a forbidden import fails here first."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "farmapos"
FORBIDDEN = {
    "domain": ("PySide6", "farmapos.devices", "farmapos.ui", "escpos", "serial", "reportlab"),
    "devices": ("PySide6", "sqlalchemy", "alembic", "farmapos.domain", "farmapos.ui"),
    "ui": ("sqlalchemy", "alembic", "escpos", "serial"),
}


def imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layers_import_only_what_they_may(layer: str) -> None:
    offenders = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in imports(path):
            if any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN[layer]):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []
