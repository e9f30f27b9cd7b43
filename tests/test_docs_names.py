"""The docs name only code that exists: every dotted ``package.module.name`` in them resolves."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
_REFERENCE = re.compile(r"`((?:abogado|bot|calc|db|rag|webhooks|ingest)(?:\.\w+)+)")


def _module(parts: list[str]) -> tuple[ModuleType, list[str]] | None:
    """The longest importable prefix below the package and what is left to look up in it."""
    for end in range(len(parts), 1, -1):
        try:
            return importlib.import_module(".".join(parts[:end])), parts[end:]
        except ImportError:
            continue
    return None  # "db.t4g.micro", "abogado.tu": an instance type or a host, not our code


def _references() -> list[tuple[str, str]]:
    found = []
    for page in PAGES:
        for ref in _REFERENCE.findall(page.read_text(encoding="utf-8")):
            found.append((page.name, ref))
    return sorted(set(found))


@pytest.mark.parametrize(("page", "reference"), _references())
def test_a_dotted_name_in_the_docs_exists(page: str, reference: str) -> None:
    found = _module(reference.split("."))
    if found is None:
        return
    obj: object = found[0]
    for name in found[1]:
        assert hasattr(obj, name), f"{page} names {reference}, which does not exist"
        obj = getattr(obj, name)
