"""The term of what the question claims: two years for a work risk, one month to leave for the
employer's fault, with the time gone by weighed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rag.answer import AnswerPipeline
from rag.grounding import check_grounding
from rag.terms import needed_articles, term_fact
from tests.rag.answer_fakes import FakeRetrieval, read_articles

ALL = {"516", "517", "518", "519"}


def test_a_work_risk_has_two_years_from_the_incapacitys_grading() -> None:
    question = (
        "me accidente en la obra y me quedo una incapacidad permanente, hasta cuando puedo "
        "reclamar la indemnizacion?"
    )
    assert term_fact(question, retrieved=ALL) == (
        "Tienes 2 años para reclamar la indemnización por un accidente o una enfermedad de "
        "trabajo, contados desde que se determina el grado de tu incapacidad (Art. 519 LFT)."
    )
    death = term_fact(
        "mi hijo murio en un accidente en la mina, hasta cuando podemos reclamar?", retrieved=ALL
    )
    assert death is not None
    assert "contados desde la muerte del trabajador" in death
    # A death's two years weighed against the time gone by.
    recent = term_fact(
        "mi hermano murio en la mina hace 14 meses y no hemos reclamado, todavia estamos a tiempo?",
        retrieved=ALL,
    )
    assert recent is not None
    assert recent.startswith("Sí, todavía hay tiempo si fue hace 14 meses: tienes 2 años")
    # Overtime owed at a warehouse is no work risk: the general year is the rules'.
    assert (
        term_fact(
            "me deben horas extra en la bodega, hasta cuando las puedo reclamar?", retrieved=ALL
        )
        is None
    )
    # Not from work, not a question of time, or the article not retrieved: no term.
    assert (
        term_fact(
            "me accidente jugando, no fue por el trabajo, hasta cuando puedo reclamar?",
            retrieved=ALL,
        )
        is None
    )
    assert (
        term_fact("me accidente en la obra, cuanto me toca de indemnizacion?", retrieved=ALL)
        is None
    )
    assert term_fact(question, retrieved={"516"}) is None


def test_leaving_for_the_employers_fault_has_one_month_weighed_against_the_time_gone() -> None:
    plain = term_fact("si me quiero ir por su culpa, cuanto tiempo tengo?", retrieved=ALL)
    assert plain is not None
    assert plain.startswith("Tienes 1 mes para dejar el trabajo por culpa de tu patrón")
    recent = term_fact(
        "mi jefe me grito hace 2 semanas, si me quiero ir por su culpa todavia puedo?",
        retrieved=ALL,
    )
    assert recent is not None
    assert recent.startswith("Sí, todavía estás a tiempo: tienes 1 mes")
    assert recent.endswith("si fue hace 2 semanas, te quedan unos 16 días.")
    late = term_fact(
        "mi jefe me grito hace 3 meses, si me quiero ir por su culpa todavia puedo?", retrieved=ALL
    )
    assert late is not None
    assert late.startswith("Ese plazo ya pasó si la falta fue hace 3 meses")


def test_pay_owed_to_a_worker_who_already_left_is_no_question_of_leaving() -> None:
    # The term of the pay owed (a year, Art. 516) answers it, not the month to leave.
    left = "no me pagaron 3 semanas de sueldo y luego me sali. hasta cuando lo puedo reclamar?"
    assert term_fact(left, retrieved=ALL) is None
    assert needed_articles(left) == ()
    # Still deciding to leave for the same fault: the month to leave.
    staying = "no me pagaron 3 semanas de sueldo, si me salgo hasta cuando tengo para hacerlo?"
    assert needed_articles(staying) == ("517",)


def test_the_terms_article_is_named_to_fetch() -> None:
    assert needed_articles("me cai en la obra, hasta cuando puedo demandar?") == ("519",)
    assert needed_articles("si me voy por culpa del patron, que plazo tengo?") == ("517",)
    assert needed_articles("me corrieron, hasta cuando puedo demandar?") == ()


def test_the_pipeline_fetches_the_terms_article_and_leads_with_it(lft_md: Path) -> None:
    texts = read_articles(lft_md, ("491", "516", "519"))
    retrieval = FakeRetrieval(texts, ranking=["491", "516"])
    answer = AnswerPipeline(retrieval, None, today=date(2026, 12, 5)).answer(
        "me machuque la mano en la fabrica, hasta cuando puedo reclamar la indemnizacion?"
    )
    assert answer.text.startswith("Tienes 2 años para reclamar la indemnización")
    assert "519" in {p.article_id for p in answer.passages}
    assert "(Art. 519 LFT)" in answer.text.split("Lo que dice la ley")[1]
    assert check_grounding(answer.text, answer.passages).clean


def test_a_dismissal_on_a_named_day_is_weighed_against_its_two_months(lft_md: Path) -> None:
    # Without the slang table here, the worker says "despidieron", as the rule does.
    texts = read_articles(lft_md, ("47", "518"))
    retrieval = FakeRetrieval(texts, ranking=["47", "518"])
    answer = AnswerPipeline(retrieval, None, today=date(2026, 12, 5)).answer(
        "me despidieron el 15 de septiembre, no he ido a ningun lado ni he metido nada, todavia "
        "alcanzo a demandar?"
    )
    assert answer.text.startswith("No: ya pasó el plazo.")
    # The day named is weighed against the two months, with the day they ran out.
    assert "(Art. 518 LFT)" in answer.text
    assert "ese plazo venció el 15 de noviembre de 2026" in answer.text
    recent = AnswerPipeline(retrieval, None, today=date(2026, 12, 5)).answer(
        "me despidieron el 28 de octubre, todavia alcanzo a demandar?"
    )
    assert recent.text.startswith("Sí, todavía estás a tiempo")


def test_giving_up_is_not_asking_whether_still_in_time() -> None:
    # Found playing a builder's chat: "ya no aguanto, me puedo salir…?" was read as "¿todavía
    # puedo…?" and answered with the one-month term instead of whether he may leave.
    story = "el ingeniero me grita y me humilla enfrente de todos"
    assert term_fact(f"{story} ya no aguanto, me puedo salir?", retrieved={"517"}) is None
    assert term_fact(f"{story} todavia puedo irme?", retrieved={"517"}) is not None


def test_how_long_the_conciliation_takes_is_the_laws_45_days(lft_md: Path) -> None:
    question = "ya meti mi solicitud en el centro de conciliacion, cuanto se tarda eso?"
    assert needed_articles(question) == ("684-D", "684-E")
    # A trial's length is not the conciliation's; a conciliation asked about otherwise either.
    assert needed_articles("cuanto tarda un juicio despues de la conciliacion?") == ()
    assert needed_articles("que papeles llevo a la conciliacion?") == ()
    assert needed_articles("en cuanto tiempo me dan la audiencia de conciliacion?") == ()
    texts = read_articles(lft_md, ("684-C", "684-D", "684-E", "521"))
    answerer = AnswerPipeline(
        FakeRetrieval(texts, ranking=["684-C", "521"]), None, today=date(2026, 12, 5)
    )
    answer = answerer.answer(question)
    assert answer.text.startswith(
        "La conciliación no debe durar más de 45 días naturales (Art. 684-D LFT), y la audiencia "
        "debe hacerse dentro de los 15 días siguientes a tu solicitud (Art. 684-E LFT)."
    ), answer.text
    assert check_grounding(answer.text, answer.passages).clean


def test_money_the_imss_owes_has_the_social_security_laws_terms() -> None:
    """Art. 300 LSS: a year for an illness's or a birth's subsidy, two for a work risk's; what
    the employer owes for a work risk keeps Art. 519's two years from the grading."""
    illness = (
        "el imss nunca me pago unas incapacidades de enfermedad general de junio del 2025, ya "
        "las quiero cobrar, todavia se puede?"
    )
    assert needed_articles(illness) == ("300 LSS",)
    said = term_fact(illness, retrieved={*ALL, "300 LSS"})
    assert said is not None
    assert said.startswith("Tienes 1 año para cobrarle al IMSS")
    assert said.endswith("(Art. 300 LSS).")
    risk = "me accidente en la obra y el imss no me pago las incapacidades, hasta cuando las cobro?"
    said = term_fact(risk, retrieved={*ALL, "300 LSS"})
    assert said is not None
    assert "hasta 2 años después del día en que se generó el derecho" in said
    # Not retrieved: nothing to cite, no fact.
    assert term_fact(illness, retrieved=ALL) is None
    graded = (
        "el imss me dio el dictamen de incapacidad permanente el mes pasado, todavia le puedo "
        "reclamar la indemnizacion al patron?"
    )
    assert needed_articles(graded) == ("519",)
