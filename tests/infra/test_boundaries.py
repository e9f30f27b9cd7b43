"""``infra`` names the runtime's entry points as strings and never imports the runtime."""

from __future__ import annotations

import ast
from pathlib import Path

RUNTIME = {"abogado", "bot", "db", "ingest", "rag", "webhooks"}
INFRA = Path(__file__).resolve().parents[2] / "infra"


def _imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_infra_imports_no_runtime_package() -> None:
    modules = sorted(INFRA.glob("*.py"))
    assert len(modules) > 10
    for module in modules:
        assert not (_imported_roots(module) & RUNTIME), module.name


def test_infra_modules_are_small_and_documented() -> None:
    for module in INFRA.glob("*.py"):
        text = module.read_text()
        assert len(text.splitlines()) < 300, module.name
        assert ast.get_docstring(ast.parse(text)), module.name
