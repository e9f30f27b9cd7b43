"""The ingest pipeline with the related laws beside the LFT (a real parser, embedded Qdrant)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from qdrant_client import QdrantClient

from ingest.index import ingest_law
from ingest.store import load_law
from rag.backends.qdrant_index import QdrantVectorIndex
from rag.backends.registry import open_qdrant
from rag.glosses import Gloss
from rag.sparse import SpanishBM25
from tests.ingest.conftest import RELATED_PREFIXES
from tests.ingest.stub_law import stub_law_text
from tests.ingest.test_index import HashEmbedder


@pytest.fixture(scope="module")
def stub(lft_md: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("source") / "lft_stub.md"
    path.write_text(stub_law_text(lft_md), encoding="utf-8")
    return path


@pytest.fixture
def client(tmp_path: Path) -> Iterator[QdrantClient]:
    client = open_qdrant(path=tmp_path / "qdrant")
    yield client
    client.close()


def _index(client: QdrantClient, embedder: HashEmbedder) -> QdrantVectorIndex:
    return QdrantVectorIndex(client, alias="lft", embedder=embedder, sparse=SpanishBM25())


def test_related_laws_are_indexed_beside_the_lft_and_a_missing_one_is_a_warning(
    stub: Path, related_dir: Path, client: QdrantClient, tmp_path: Path
) -> None:
    cpeum = sorted(related_dir.glob(f"{RELATED_PREFIXES['CPEUM']}*.md"))[-1]
    related = {"CPEUM": cpeum, "LSS": tmp_path / "lss_missing.md"}
    glosses = [Gloss("123 CPEUM", "la constitucion dice algo del trabajo"), Gloss("76", "vacas")]
    index = _index(client, HashEmbedder())
    summary = ingest_law(stub, index=index, data_dir=tmp_path, glosses=glosses, related=related)
    assert [(r.code, r.version, r.articles) for r in summary.related] == [
        ("CPEUM", "2026-06-02", 1)
    ]
    assert len(summary.warnings) == 1
    assert summary.warnings[0].startswith("LSS left out of the index:")
    assert summary.articles == 1265
    assert (summary.glosses, summary.glosses_skipped) == (2, 0)
    chunks = index.get_article("123 CPEUM")
    assert len(chunks) > 10
    assert chunks[0].text.startswith("Artículo 123 CPEUM (Constitución Política")
    assert index.get_article("76")[0].text.startswith("Artículo 76 LFT")
    payloads = [
        r.payload or {} for r in client.scroll(index.live_collection() or "", limit=10_000)[0]
    ]
    laws = {(p["kind"], p["law"]) for p in payloads}
    assert ("article", "CPEUM") in laws
    assert ("gloss", "CPEUM") in laws
    assert ("article", "LFT") in laws
    assert load_law(data_dir=tmp_path, code="CPEUM") is not None
    assert load_law(data_dir=tmp_path) is not None  # the LFT's cache is where it was

    again = HashEmbedder()
    unchanged = ingest_law(stub, index=_index(client, again), glosses=glosses, related=related)
    assert again.embedded == unchanged.embedded == 0


def test_without_related_laws_the_index_is_the_lft_alone(
    stub: Path, related_dir: Path, client: QdrantClient
) -> None:
    index = _index(client, HashEmbedder())
    summary = ingest_law(stub, index=index, glosses=(), related={})
    assert summary.related == ()
    assert summary.warnings == ()
    assert index.get_article("123 CPEUM") == []
