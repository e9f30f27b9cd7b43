"""A dismissal's pay in days: three months, twelve days a year, the finiquito; cited if fetched."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rag.answer import AnswerPipeline
from rag.grounding import check_grounding
from rag.liquidation import (
    ARTICLES,
    asks_liquidation,
    denies_liquidation,
    liquidation_fact,
    needed_articles,
)
from tests.rag.answer_fakes import FakeRetrieval, read_articles

ALL = {"48", "162", "87", "79"}
TODAY = date(2026, 12, 5)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("me corrieron sin razon despues de 5 años, cuanto me tienen q dar de liquidacion?", True),
        ("me corrieron ayer, cuanto me toca?", True),
        ("me despidieron, que me corresponde?", True),
        # Let go "sin causa" or "de baja", asked what must be paid.
        ("la app me dio de baja sin causa. q me tienen q pagar?", True),
        ("la app me dio de baja sin causa, es legal?", False),
        ("me corrieron, es legal?", False),
        ("gano 9000 al mes y llevo 5 años, si me corren cuanto me toca?", True),
        ("si me despiden cuanto me tienen q dar?", True),
        ("si me corren es legal?", False),
        ("si renuncio cuanto me toca?", False),
        ("cuanto me toca de aguinaldo?", False),
        # How long, not how much: "¿cuánto tiempo me dan sin pagar el crédito?".
        ("me corrieron y tengo credito infonavit, cuanto tiempo me dan sin pagar?", False),
        ("me corrieron, cuantos dias tengo para demandar?", False),
        # What it comes to in money, after the case form says the dismissal.
        ("me despidieron. y lo de los 3 meses cuanto seria en dinero?", True),
        ("me corrieron, cuanto es eso en pesos?", True),
        ("me corrieron sin causa. y lo de los 3 meses de cuanto me sale?", True),
        ("me corrieron del restaurant, ganaba 400 diarios. cuanto es lo de los 3 meses?", True),
        # Nothing paid, told: what is owed.
        (
            "me corrieron la semana pasada y no me quisieron dar nada, ni lo q ya habia trabajado",
            True,
        ),
        ("renuncie y no me quisieron dar nada", False),
        # "q" for "que", as typed; what to do is no payment.
        ("me corrieron sin avisarme, y ahora q me toca o q?", True),
        ("me corrieron, q me toca hacer?", False),
    ],
)
def test_asks_liquidation(question: str, expected: bool) -> None:
    assert asks_liquidation(question) is expected


def test_the_fact_counts_the_years_and_cites_only_what_was_retrieved() -> None:
    question = "me corrieron sin razon despues de 5 años, cuanto me tienen q dar de liquidacion?"
    assert liquidation_fact(question, retrieved={"48", "162", "87"}, today=TODAY) is None
    said = liquidation_fact(question, retrieved=ALL, today=TODAY)
    assert said is not None
    assert said.startswith("Si el despido es sin causa justificada, te deben 3 meses de salario")
    assert "(con 5 años, 60 días)" in said
    plain = liquidation_fact("me corrieron ayer, cuanto me toca?", retrieved=ALL, today=TODAY)
    assert plain is not None
    assert "(con " not in plain


def test_the_salary_turns_the_days_into_pesos_with_the_primas_cap() -> None:
    question = (
        "me corrieron despues de 3 años, ganaba 12 mil al mes, cuanto me toca de liquidacion?"
    )
    said = liquidation_fact(question, retrieved=ALL, today=TODAY)
    assert said is not None
    # 12,000 / 30 = $400 a day: 90 days and 36 days of prima (under twice the minimum wage).
    assert said.startswith(
        "Con $400.00 al día, si el despido es sin causa justificada te deben unos $36,000.00 por "
        "los 3 meses de indemnización (Art. 48 LFT) y $14,400.00 de prima de antigüedad."
    )
    assert "(con 3 años, 36 días)" in said
    rich = "me corrieron despues de 2 años, ganaba 1500 al dia, cuanto me toca de liquidacion?"
    capped = liquidation_fact(rich, retrieved=ALL, today=TODAY)
    assert capped is not None
    # The prima is paid on at most twice the 2026 minimum wage: 24 × $630.08.
    assert (
        "unos $135,000.00 por los 3 meses de indemnización (Art. 48 LFT) y $15,121.92 de prima de "
        "antigüedad (con el tope" in capped
    )


def test_a_domestic_worker_is_owed_twenty_days_a_year_more() -> None:
    """Her employer need not take her back (Art. 49-IV) and pays Art. 50's indemnity instead
    (Art. 343): 20 days a year on top of the 3 months."""
    question = (
        "soy trabajadora del hogar, me corrieron despues de 5 años, gano 400 al dia, cuanto me "
        "toca de liquidacion?"
    )
    assert "50" in needed_articles(question)
    said = liquidation_fact(question, retrieved=ALL | {"50"}, today=TODAY)
    assert said is not None
    # 3 months ($36,000), 20 × 5 days ($40,000), and the prima's 60 days ($24,000).
    assert "$36,000.00 por los 3 meses" in said
    assert "$40,000.00 por 20 días de salario por cada año trabajado" in said
    assert "(Art. 50 LFT)" in said
    assert "$24,000.00 de prima de antigüedad" in said
    # Without Art. 50 fetched the extra is not cited; a shop clerk is not told it at all.
    assert "Art. 50" not in (liquidation_fact(question, retrieved=ALL, today=TODAY) or "")
    clerk = question.replace("trabajadora del hogar", "cajera de una tienda")
    assert "50" not in needed_articles(clerk)
    assert "Art. 50" not in (liquidation_fact(clerk, retrieved=ALL | {"50"}, today=TODAY) or "")


def test_the_pipeline_fetches_the_articles_and_leads_with_the_days(lft_md: Path) -> None:
    texts = read_articles(lft_md, ("47", "48", "518", "162", "87", "79"))
    retrieval = FakeRetrieval(texts, ranking=["47"])
    answerer = AnswerPipeline(retrieval, None, today=date(2026, 12, 4))
    answer = answerer.answer("me corrieron sin razon despues de 5 años, cuanto me toca?")
    assert answer.text.startswith("Si el despido es sin causa justificada, te deben 3 meses")
    assert {p.article_id for p in answer.passages} >= ALL
    assert check_grounding(answer.text, answer.passages).clean


def test_a_dismissal_said_to_be_owed_nothing_is_corrected_first() -> None:
    told = "el encargado dice q si me corren no me toca nada porq no llevo el año. es cierto?"
    said = liquidation_fact(told, retrieved=ALL, today=TODAY)
    assert said is not None
    assert said.startswith("No: si te despiden sin causa justificada, te deben 3 meses de salario")
    # A resignation's "nothing" is not a dismissal's.
    quit_ = "si renuncio no me toca nada verdad?"
    assert liquidation_fact(quit_, retrieved=ALL, today=TODAY) is None


def test_nothing_owed_for_another_reason_is_not_the_little_time_served() -> None:
    other = "me corrieron y me dicen q como soy de honorarios no me toca nada, es cierto?"
    assert liquidation_fact(other, retrieved=ALL, today=TODAY) is None


def test_a_dismissal_said_to_be_owed_nothing_for_lack_of_a_contract_is_corrected() -> None:
    told = (
        "nunca me hicieron firmar contrato y el patron dice q si me corre no me toca nada x no "
        "tener papel"
    )
    assert needed_articles(told) == ("48", "162", "87", "79", "26")
    said = liquidation_fact(told, retrieved={*ALL, "26"}, today=TODAY)
    assert said is not None
    assert said.startswith("No: si te despiden sin causa justificada")
    assert "aunque no tengas contrato por escrito" in said
    assert "(Art. 26 LFT)" in said


def test_a_liquidation_denied_for_less_than_a_year_is_corrected() -> None:
    told = (
        "el patron dice q como tengo menos de un año no me toca liquidacion si me corre, es cierto?"
    )
    assert denies_liquidation(told)
    fact = liquidation_fact(told, retrieved=ARTICLES, today=date(2026, 12, 6))
    assert fact is not None
    assert fact.startswith("No: si te despiden sin causa justificada, te deben 3 meses")
    assert not denies_liquidation("tengo menos de un año y me corrieron, cuanto me toca?")
