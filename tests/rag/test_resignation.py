"""A resignation's finiquito: what the worker who quits is owed, cited from fetched articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rag.answer import AnswerPipeline
from rag.grounding import check_grounding
from rag.resignation import (
    asks_resignation_indemnity,
    asks_resignation_pay,
    earlier_resignation,
    resignation_fact,
)
from tests.rag.answer_fakes import FakeRetrieval, read_articles


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("ya no quiero trabajar ahi, si renuncio me dan algo?", True),
        ("si renuncio me toca finiquito?", True),
        ("me sali de la empresa, que me corresponde?", True),
        ("si renuncio pierdo todo?", True),
        # What is owed, told in the singular: "no me va a pagar nada de lo q me debe".
        ("me quiero salir pero el patron dice q no me va a pagar lo q me debe, es cierto?", True),
        # Leaving for the employer's fault is paid otherwise (Art. 52).
        ("me quiero salir porque no me pagan, me dan algo?", False),
        ("quiero renunciar", False),
        # A waiver, not a resignation (Art. 33).
        ("firme mi renuncia a mi finiquito, ya no puedo reclamar nada?", False),
        ("me corrieron, que me corresponde?", False),
        # The dismissal's three months asked of a resignation: answered as a resignation.
        ("si renuncio me tienen q dar mi liquidacion con los 3 meses verdad?", True),
        # The final pay withheld after resigning: the finiquito, not Art. 51's fault.
        ("renuncie el viernes y no me quieren pagar la ultima semana, tengo derecho?", True),
        ("renuncie porque no me pagan la quincena, tengo derecho a algo?", False),
        # Vacations asked of with their pronoun are the vacations' question, not the finiquito's;
        # so is a record of the work.
        ("me voy a salir de la chamba y nunca tome vacaciones, me las tienen q pagar?", False),
        ("renuncie y pedi mi constancia de trabajo, en cuantos dias me la tienen q dar?", False),
    ],
)
def test_asks_resignation_pay(question: str, expected: bool) -> None:
    assert asks_resignation_pay(question) is expected


def test_the_fact_cites_only_what_was_retrieved() -> None:
    question = "si renuncio me dan algo?"
    assert resignation_fact(question, retrieved={"87"}) is None
    said = resignation_fact(question, retrieved={"87", "79"})
    assert said is not None
    assert said.startswith("Sí: aunque renuncies te deben pagar tu finiquito")
    assert "(Art. 162 LFT)" not in said
    full = resignation_fact(question, retrieved={"87", "79", "162"})
    assert full is not None
    assert full.endswith("si tienes 15 años o más de trabajo (Art. 162 LFT).")
    lose = resignation_fact("si renuncio en octubre pierdo el aguinaldo?", retrieved={"87", "79"})
    assert lose is not None
    assert lose.startswith("No: aunque renuncies te deben pagar tu finiquito")
    what = resignation_fact("me sali, que me corresponde?", retrieved={"87", "79"})
    assert what is not None
    assert what.startswith("Aunque renunciaste, te deben pagar")


def test_the_pipeline_fetches_the_finiquitos_articles_and_leads_with_it(lft_md: Path) -> None:
    # Retrieval ranked only the seniority premium; the aguinaldo and vacations are fetched.
    texts = read_articles(lft_md, ("162", "87", "79"))
    retrieval = FakeRetrieval(texts, ranking=["162"])
    answerer = AnswerPipeline(retrieval, None, today=date(2026, 12, 4))
    answer = answerer.answer("ya no quiero trabajar ahi, si renuncio me dan algo?")
    assert answer.text.startswith("Sí: aunque renuncies te deben pagar tu finiquito")
    assert {"87", "79", "162"} <= {p.article_id for p in answer.passages}
    assert check_grounding(answer.text, answer.passages).clean


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("voy a renunciar, llevo 10 años, me toca prima de antiguedad?", "No: con 10 años"),
        ("renuncie despues de 16 años en la empresa, me toca prima de antiguedad?", "Sí: con 16"),
        ("si renuncio me toca prima de antiguedad?", "Al renunciar, la prima de antigüedad"),
    ],
)
def test_the_seniority_premium_is_weighed_against_the_years_given(
    question: str, opening: str
) -> None:
    said = resignation_fact(question, retrieved={"87", "79", "162"})
    assert said is not None
    assert said.startswith(opening)
    assert "(Art. 162 LFT)" in said
    if opening.startswith("Sí"):
        assert "unos 192 días" in said  # 16 years × 12 days
    # Without Art. 162 retrieved the premium is not promised.
    plain = resignation_fact(question, retrieved={"87", "79"})
    assert plain is None or "prima de antigüedad" not in plain


def test_the_seniority_premium_of_a_resignation_in_pesos_for_the_pay_told() -> None:
    question = "renuncie despues de 16 años, ganaba 350 diarios. me toca prima de antiguedad?"
    said = resignation_fact(question, retrieved={"87", "79", "162"}, today=date(2026, 12, 6))
    assert said is not None
    # 16 × 12 = 192 days × $350 (under twice the minimum wage).
    assert "unos 192 días en tu caso: $67,200.00 de prima de antigüedad." in said
    days_only = resignation_fact(question, retrieved={"87", "79", "162"})
    assert days_only is not None
    assert "$" not in days_only


def test_asked_whether_it_is_lost_the_seniority_premium_answers_the_other_way_round() -> None:
    kept = resignation_fact(
        "llevo 16 años, si renuncio pierdo mi prima de antiguedad?", retrieved={"87", "79", "162"}
    )
    assert kept is not None
    assert kept.startswith("No la pierdes: con 16 años")
    early = resignation_fact(
        "llevo 10 años, si renuncio pierdo mi prima de antiguedad?", retrieved={"87", "79", "162"}
    )
    assert early is not None
    assert early.startswith("Con 10 años todavía no te toca")


QUIT = "trabajo de planta en una casa haciendo el aseo, ya me quiero salir"


@pytest.mark.parametrize(
    ("question", "history", "story", "expected"),
    [
        ("y me tienen q dar algo?", [("user", QUIT)], "", True),
        ("y me tienen q dar algo?", [], QUIT, True),
        # The question tells it all, or asks nothing owed.
        ("si renuncio me dan algo?", [("user", QUIT)], "", False),
        ("con cuantos dias tengo q avisar?", [("user", QUIT)], "", False),
        # The latest story is a dismissal or a fault: not a resignation's finiquito.
        ("y me tienen q dar algo?", [("user", QUIT), ("user", "ayer me corrieron")], "", False),
        ("y me toca algo?", [("user", "me quiero salir porque no me pagan")], "", False),
        # Only the worker's last three turns count.
        ("y me toca algo?", [("user", QUIT), *[("user", "ok")] * 3], "", False),
    ],
)
def test_a_resignation_told_before_is_what_a_pay_question_asks_about(
    question: str, history: list[tuple[str, str]], story: str, expected: bool
) -> None:
    assert earlier_resignation(question, history, story=story) is expected


def test_the_pipeline_answers_a_resignation_told_in_an_earlier_turn(lft_md: Path) -> None:
    texts = read_articles(lft_md, ("162", "87", "79", "336"))
    retrieval = FakeRetrieval(texts, ranking=["336"])
    answerer = AnswerPipeline(retrieval, None, today=date(2026, 12, 4))
    history = [("user", QUIT), ("assistant", "…")]
    answer = answerer.answer("y me tienen q dar algo? llevo 3 años", history=history)
    assert answer.text.startswith("Aunque renuncies te deben pagar tu finiquito"), answer.text
    assert check_grounding(answer.text, answer.passages).clean
    alone = answerer.answer("y me tienen q dar algo? llevo 3 años")
    assert "finiquito" not in alone.text.split("\n")[0]


def test_a_resignation_asked_to_pay_the_dismissals_three_months_is_told_no(lft_md: Path) -> None:
    question = (
        "llevo 6 años y me quiero salir. si renuncio me tienen q dar mi liquidacion con los 3 "
        "meses verdad?"
    )
    assert asks_resignation_indemnity(question)
    assert not asks_resignation_indemnity("me quiero salir porque no me pagan, me dan los 3 meses?")
    said = resignation_fact(question, retrieved={"87", "79", "48"})
    assert said is not None
    assert said.startswith(
        "No: los 3 meses de indemnización (la liquidación) te tocan si te despiden"
    )
    texts = read_articles(lft_md, ("162", "87", "79", "48", "518"))
    answerer = AnswerPipeline(FakeRetrieval(texts, ranking=["162"]), None, today=date(2026, 12, 4))
    answer = answerer.answer(question)
    assert answer.text.startswith("No: los 3 meses de indemnización"), answer.text
    # The law's words quoted are Art. 48's three months, and no dismissal deadline is given.
    assert (
        "“que se le reinstale en el trabajo que desempeñaba, o que se le indemnice con el importe "
        "de tres meses de salario”" in answer.text
    )
    assert "Art. 518" not in answer.text
    assert check_grounding(answer.text, answer.passages).clean


def test_fifteen_years_or_more_lead_with_the_seniority_premium() -> None:
    said = resignation_fact(
        "tengo 63 años y 35 trabajando en la misma fabrica, q me toca si me voy yo?",
        retrieved={"87", "79", "162"},
    )
    assert said is not None
    assert said.startswith(
        "Como llevas 35 años de trabajo, aunque renuncies te toca la prima de antigüedad: 12 días "
        "de salario por cada año, unos 420 días (Art. 162 LFT). Además te deben tu finiquito"
    )
    short = resignation_fact(
        "llevo 5 años, si renuncio me dan algo?", retrieved={"87", "79", "162"}
    )
    assert short is not None
    assert short.startswith("Sí: aunque renuncies")


def test_quitting_a_workplace_is_no_waiver_of_rights() -> None:
    question = (
        "voy a renunciar a la estetica donde trabajo, llevo 2 años y medio. mi prima dice q aunque "
        "renuncie me tienen q pagar lo proporcional de aguinaldo y vacaciones. es cierto?"
    )
    assert asks_resignation_pay(question)
    assert not asks_resignation_pay("firme que renuncio a mis prestaciones, me dan algo?")


def test_a_resignation_whose_last_week_is_withheld_gets_the_finiquito() -> None:
    # Found playing a chat: "renuncié el viernes y no me quieren pagar la última semana ni las
    # vacaciones" was told it could leave for the employer's fault, with 3 months' indemnity.
    question = (
        "renuncie el viernes y no me quieren pagar la ultima semana ni las vacaciones q no tome. "
        "tengo derecho?"
    )
    said = resignation_fact(question, retrieved={"87", "79", "162"})
    assert said is not None
    assert said.startswith("Sí: aunque renunciaste, te deben pagar tu finiquito")
