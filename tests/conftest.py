"""Fixtures every test package shares: where the law lives, and the MariaDB server CI starts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
LFT_MD = SHARED / "data" / "lft" / "lft_2026-05-01_lexmx.md"
LFT_PDF = SHARED / "data" / "lft" / "lft_2025-02-21_diputados.pdf"
DEV_EVAL = SHARED / "eval" / "dev.jsonl"


def _shared_file(path: Path) -> Path:
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing; CI must run beside ../shared")
        pytest.skip(f"{path} not found: the law is read from ../shared, which is absent here")
    return path


@pytest.fixture(scope="session")
def lft_md() -> Path:
    return _shared_file(LFT_MD)


@pytest.fixture(scope="session")
def lft_pdf() -> Path:
    return _shared_file(LFT_PDF)


@pytest.fixture(scope="session")
def dev_eval() -> Path:
    return _shared_file(DEV_EVAL)


@pytest.fixture(scope="session")
def mysql_url() -> str:
    """The MariaDB that .ci/run starts; CI fails rather than skips when it is missing."""
    url = os.environ.get("ABOGADO_TEST_MYSQL_URL", "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("ABOGADO_TEST_MYSQL_URL is not set: .ci/run must start MariaDB")
        pytest.skip("no MariaDB: set ABOGADO_TEST_MYSQL_URL or run bash .ci/run")
    return url
