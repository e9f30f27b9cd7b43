"""Fixtures for the parser tests: the law parsed once per session, and real excerpts of it."""

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
