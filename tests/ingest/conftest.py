"""Fixtures for the parser tests: the laws parsed once per session, and real excerpts of them."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.model import Law
from ingest.parse import parse_law
from ingest.pdf import pdf_to_text

Excerpt = Callable[[str, str], str]


@pytest.fixture(scope="session")
def lft_text(lft_md: Path) -> str:
    return lft_md.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def law(lft_text: str) -> Law:
    return parse_law(lft_text)


@pytest.fixture(scope="session")
def pdf_text(lft_pdf: Path) -> str:
    return pdf_to_text(lft_pdf.read_bytes())


@pytest.fixture(scope="session")
def pdf_law(pdf_text: str) -> Law:
    return parse_law(pdf_text)


@pytest.fixture(scope="session")
def excerpt(lft_text: str) -> Excerpt:
    """Raw lexmx lines from the one matching ``start`` up to (not including) ``stop``."""

    def cut(start: str, stop: str) -> str:
        lines = lft_text.splitlines()
        first = next(i for i, line in enumerate(lines) if re.search(start, line))
        last = next(i for i in range(first + 1, len(lines)) if re.search(stop, lines[i]))
        return "\n".join(lines[first:last])

    return cut


RELATED_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "related"
RELATED_PREFIXES = {
    "LSS": "lss_",
    "LINFONAVIT": "linfonavit_",
    "LFTSE": "lftse_",
    "CPEUM": "cpeum_",
}


@pytest.fixture(scope="session")
def related_dir() -> Path:
    """../shared/data/related (skipped where ../shared is absent, failed in CI)."""
    import os

    if not RELATED_DIR.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{RELATED_DIR} is missing; CI must run beside ../shared")
        pytest.skip(f"{RELATED_DIR} not found: the related laws are read from ../shared")
    return RELATED_DIR


@pytest.fixture(scope="session")
def related_text(related_dir: Path) -> Callable[[str], str]:
    """The lexmx text of a related law by code ("LSS"), read once per session."""
    texts: dict[str, str] = {}

    def read(code: str) -> str:
        if code not in texts:
            path = sorted(related_dir.glob(f"{RELATED_PREFIXES[code]}*.md"))[-1]
            texts[code] = path.read_text(encoding="utf-8")
        return texts[code]

    return read


@pytest.fixture(scope="session")
def related_law(related_text: Callable[[str], str]) -> Callable[[str], Law]:
    """A related law parsed once per session."""
    from ingest.related import parse_related

    laws: dict[str, Law] = {}

    def parse(code: str) -> Law:
        if code not in laws:
            laws[code] = parse_related(related_text(code), code=code)
        return laws[code]

    return parse
