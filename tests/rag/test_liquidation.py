"""A dismissal's pay in days: three months, twelve days a year, the finiquito; cited if fetched."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rag.answer import AnswerPipeline
from rag.grounding import check_grounding
from rag.liquidation import asks_liquidation, liquidation_fact
from tests.rag.answer_fakes import FakeRetrieval, read_articles

ALL = {"48", "162", "87", "79"}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("me corrieron sin razon despues de 5 años, cuanto me tienen q dar de liquidacion?", True),
        ("me corrieron ayer, cuanto me toca?", True),
        ("me despidieron, que me corresponde?", True),
        ("me corrieron, es legal?", False),
        ("si renuncio cuanto me toca?", False),
        ("cuanto me toca de aguinaldo?", False),
    ],
)
def test_asks_liquidation(question: str, expected: bool) -> None:
    assert asks_liquidation(question) is expected


def test_the_fact_counts_the_years_and_cites_only_what_was_retrieved() -> None:
    question = "me corrieron sin razon despues de 5 años, cuanto me tienen q dar de liquidacion?"
    assert liquidation_fact(question, retrieved={"48", "162", "87"}) is None
    said = liquidation_fact(question, retrieved=ALL)
    assert said is not None
    assert said.startswith("Si te despidieron sin causa justificada, te deben 3 meses de salario")
    assert "(con 5 años, 60 días)" in said
    plain = liquidation_fact("me corrieron ayer, cuanto me toca?", retrieved=ALL)
    assert plain is not None
    assert "(con " not in plain


def test_the_pipeline_fetches_the_articles_and_leads_with_the_days(lft_md: Path) -> None:
    texts = read_articles(lft_md, ("47", "48", "518", "162", "87", "79"))
    retrieval = FakeRetrieval(texts, ranking=["47"])
    answerer = AnswerPipeline(retrieval, None, today=date(2026, 12, 4))
    answer = answerer.answer("me corrieron sin razon despues de 5 años, cuanto me toca?")
    assert answer.text.startswith("Si te despidieron sin causa justificada, te deben 3 meses")
    assert {p.article_id for p in answer.passages} >= ALL
    assert check_grounding(answer.text, answer.passages).clean
