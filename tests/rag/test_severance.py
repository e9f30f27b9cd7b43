"""What a job's end is worth for the years and salary a question gives: the prima de antigüedad,
leaving for the employer's fault, an illness that ends the job, a worker's death."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rag.answer import AnswerPipeline
from rag.grounding import check_grounding
from rag.severance import (
    asks_leave_verdict,
    asks_permanent_indemnity,
    asks_rescission_pay,
    death_fact,
    illness_fact,
    leave_verdict_fact,
    needed_articles,
    permanent_indemnity_fact,
    rescission_fact,
    seniority_fact,
)
from tests.rag.answer_fakes import FakeRetrieval, read_articles

TODAY = date(2026, 12, 5)
ALL = {"50", "52", "54", "79", "87", "115", "162", "500", "502"}


def test_the_prima_de_antiguedad_of_a_dismissal_in_days_and_pesos() -> None:
    question = (
        "me corrieron despues de 6 años, ganaba 500 al dia, de cuanto es la prima de antiguedad?"
    )
    assert seniority_fact(question, retrieved=ALL, today=TODAY) == (
        "Tu prima de antigüedad es de 72 días de salario: 12 días por cada uno de tus 6 años de "
        "trabajo (Art. 162 LFT), unos $36,000.00 con tu salario de $500.00 al día."
    )
    # A dead worker's family is told of the worker's prima.
    theirs = seniority_fact(
        "mi esposo murio, trabajo 6 años, ganaba 500 al dia, de cuanto es su prima de antiguedad?",
        retrieved=ALL,
        today=TODAY,
    )
    assert theirs is not None
    assert theirs.startswith("Su prima de antigüedad es de 72 días de salario: 12 días por cada")
    assert "de sus 6 años" in theirs
    assert "con su salario de $500.00" in theirs
    # Below the minimum wage the prima is paid on it, and the answer says so.
    low = seniority_fact(question.replace("500", "300"), retrieved=ALL, today=TODAY)
    assert low is not None
    assert low.endswith(
        "unos $22,682.88: se calcula con el salario mínimo ($315.04 al día), porque ganas menos."
    )
    # Above twice the 2026 minimum wage ($630.08) the prima is paid on that cap.
    rich = seniority_fact(question.replace("500", "1000"), retrieved=ALL, today=TODAY)
    assert rich is not None
    assert "unos $45,365.76: se calcula con el tope del doble del salario mínimo" in rich
    # Resigning is ``rag.resignation``'s (fifteen years first); no years, no figure; no
    # article retrieved, no citation.
    for asked in (
        "cumplo 10 años y me quiero ir por mi cuenta, me tienen q dar mi prima de antiguedad?",
        "si renuncio despues de 10 años, cuanto es mi prima de antiguedad?",
        "me corrieron, de cuanto es la prima de antiguedad?",
    ):
        assert seniority_fact(asked, retrieved=ALL, today=TODAY) is None, asked
    assert seniority_fact(question, retrieved={"48"}, today=TODAY) is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("el patron me bajo el sueldo, si me salgo por eso cuanto me tienen q pagar?", True),
        ("no me pagan desde hace un mes, si me voy por su culpa que me toca?", True),
        ("mi jefe me humilla, puedo renunciar y q me paguen algo?", True),
        ("si renuncio cuanto me toca?", False),  # a plain resignation
        ("me corrieron, cuanto me toca?", False),  # a dismissal
        ("si me voy por su culpa, cuanto tiempo tengo?", False),  # a term, not an amount
    ],
)
def test_asks_rescission_pay(question: str, expected: bool) -> None:
    assert asks_rescission_pay(question) is expected


def test_leaving_for_the_employers_fault_is_paid_as_an_unjustified_dismissal() -> None:
    question = (
        "llevo 4 años en una bodega y el patron me bajo el sueldo de 400 a 300 diarios. si me "
        "salgo por eso cuanto me tienen q pagar?"
    )
    said = rescission_fact(question, retrieved=ALL, today=TODAY)
    assert said is not None
    assert said.startswith(
        "Si te vas por culpa de tu patrón, te debe indemnizar (Art. 52 LFT) con 3 meses de "
        "salario y 20 días de salario por cada año trabajado (Art. 50 LFT)"
    )
    assert "Con 4 años: 90 + 80 = 170 días de indemnización y 48 días de prima" in said
    assert "$" not in said  # two salaries named: no pesos from either
    paid = rescission_fact(
        "llevo 2 años, gano 300 al dia y no me pagan, si me voy por su culpa cuanto me toca?",
        retrieved=ALL,
        today=TODAY,
    )
    assert paid is not None
    # 90 + 40 days × $300; the prima on the minimum wage at least ($315.04 × 24), said so. The
    # pesos lead, then how they are reckoned.
    assert paid.startswith(
        "Si te vas por culpa de tu patrón, con 2 años y $300.00 al día te debe unos $39,000.00 de "
        "indemnización y $7,560.96 de prima de antigüedad (con el salario mínimo como base). "
        "La ley manda indemnizarte (Art. 52 LFT) con 3 meses de salario"
    )
    assert paid.endswith(
        "Con 2 años: 90 + 40 = 130 días de indemnización y 24 días de prima de antigüedad."
    )
    # The finiquito's articles are cited only when retrieved.
    bare = rescission_fact(question, retrieved={"50", "52"}, today=TODAY)
    assert bare is not None
    assert "Art. 87" not in bare
    assert "Art. 162" not in bare


def test_an_illness_not_from_work_that_ends_the_job() -> None:
    question = (
        "me dio una enfermedad de los riñones (no fue x el trabajo) y ya no puedo seguir en mi "
        "puesto. tengo 4 años ahi, q me tienen q pagar?"
    )
    said = illness_fact(question, retrieved=ALL)
    assert said is not None
    assert "1 mes de salario y 12 días de salario por cada año trabajado" in said
    assert said.endswith("Con 4 años: 30 + 48 = 78 días de salario.")
    # An illness from work is a work risk (Arts. 472 on), not this.
    assert (
        illness_fact("me lastime en el trabajo y ya no puedo seguir, q me toca?", retrieved=ALL)
        is None
    )


@pytest.mark.parametrize(
    "question",
    [
        "trabajaba en la tlapaleria de don chuy, el señor fallecio y los hijos cerraron. nos "
        "toca algo?",
        "murio el dueño y cerraron el negocio, que nos toca?",
        "mi patron se murio, me tienen que pagar algo?",
    ],
)
def test_the_employers_death_is_not_the_workers(question: str) -> None:
    """The work ends (Arts. 434-I, 436); the worker's heirs collect nothing of it."""
    assert death_fact(question, retrieved=ALL) is None


def test_me_puedo_salir_is_leaving_but_going_out_to_eat_is_not() -> None:
    grit = "mi jefe me grita y me humilla"
    said = leave_verdict_fact(
        f"{grit}, me puedo salir y q me paguen?", retrieved=ALL | {"51", "517"}
    )
    assert said is not None
    assert said.startswith("Sí: si tu patrón o tus jefes te insultan")
    lunch = f"{grit}, me puedo salir a comer?"
    assert leave_verdict_fact(lunch, retrieved=ALL | {"51", "517"}) is None


def test_a_widows_pension_is_the_imsss_not_the_employers_prima() -> None:
    """ "¿Cuánto me toca de pensión de viudez?" is the LSS's pension (Arts. 130-131)."""
    question = (
        "mi esposo murio, tenia imss desde hace muchos años, cuanto me toca de pension de viudez?"
    )
    assert death_fact(question, retrieved=ALL) is None
    assert death_fact("mi esposo murio, que nos toca?", retrieved=ALL) is not None


def test_a_death_at_work_asked_for_the_family_gets_the_indemnity() -> None:
    question = (
        "mi primo murio en una obra, se cayo del andamio. no lo tenian en el seguro. a su esposa "
        "y sus hijos les toca algo?"
    )
    said = death_fact(question, retrieved=ALL)
    assert said is not None
    assert "indemnización de 5,000 días de salario (Art. 502 LFT)" in said


def test_a_funeral_after_a_death_not_from_work_is_the_imss_aid() -> None:
    question = (
        "mi papa murio de cancer, seguia trabajando en una fabrica y cotizaba. nos dan algo pa "
        "los gastos del funeral?"
    )
    said = death_fact(question, retrieved={*ALL, "104 LSS"})
    assert said is not None
    assert said.startswith("Sí: si cotizaba en el IMSS (al menos 12 semanas en los 9 meses")
    assert "(Art. 104 LSS). Además, cuando un trabajador muere" in said
    # Without the IMSS's article retrieved, the family's prima and what was owed.
    alone = death_fact(question, retrieved=ALL)
    assert alone is not None
    assert alone.startswith("Sí: cuando un trabajador muere")


def test_a_workers_death_gives_the_family_the_prima_and_at_work_the_indemnity() -> None:
    question = (
        "mi esposo fallecio de un infarto, trabajaba de guardia desde hace 3 años. la empresa "
        "nos tiene q dar algo?"
    )
    said = death_fact(question, retrieved=ALL)
    assert said is not None
    assert said.startswith("Sí: cuando un trabajador muere, sus beneficiarios (su familia) cobran")
    assert "(Art. 162 LFT); con 3 años, 36 días" in said
    assert "5,000" not in said
    at_work = death_fact(
        "mi esposo murio en un accidente de trabajo, de cuanto es la indemnizacion para la familia",
        retrieved=ALL,
    )
    assert at_work is not None
    assert at_work.startswith("Si murió por un accidente o una enfermedad de trabajo")
    assert "5,000 días de salario (Art. 502 LFT)" in at_work
    assert death_fact(question, retrieved={"162"}) is None  # Art. 115 not retrieved
    # "En la empresa dicen…" names the company, not where a heart attack happened.
    natural = death_fact(
        "mi papa murio de un infarto, tenia 8 años de velador. en la empresa dicen q la prima "
        "solo se da con 15 años, nos toca algo?",
        retrieved=ALL,
    )
    assert natural is not None
    assert "sin importar cuántos años fueron" in natural
    assert "5,000" not in natural


def test_a_death_at_work_in_pesos_for_the_pay_told() -> None:
    """5,000 days and 2 months of the pay told, on a base of at most twice the minimum wage."""
    question = (
        "mi papa trabajaba en una mina sin seguro, ganaba 400 diarios y murio en un derrumbe. "
        "cuanto le tienen q pagar a mi mama?"
    )
    said = death_fact(question, retrieved=ALL, today=date(2026, 12, 6))
    assert said is not None
    assert "(Art. 502 LFT), unos $2,000,000.00 con su salario de $400.00 al día," in said
    assert "(Art. 500 LFT), unos $24,000.00." in said
    # 1,500 a day is paid on twice the 2026 minimum wage ($630.08): 5,000 × $630.08.
    rich = death_fact(question.replace("400", "1500"), retrieved=ALL, today=date(2026, 12, 6))
    assert rich is not None
    assert "unos $3,150,400.00 con su salario de $1,500.00 al día (con el tope" in rich
    # Without a date for the minimum wage, the days only.
    assert "$" not in (death_fact(question, retrieved=ALL) or "$")


def test_the_articles_each_figure_needs() -> None:
    assert needed_articles("mi papa murio en la obra, que nos toca?") == (
        "162",
        "115",
        "500",
        "502",
    )
    assert needed_articles("si me salgo por su culpa cuanto me toca?") == (
        "52", "50", "162", "87", "79"
    )  # fmt: skip
    assert needed_articles("llevo 6 años, cuanto es mi prima de antiguedad?") == ("162",)
    assert needed_articles("que es la prima de antiguedad?") == ()


@pytest.mark.parametrize(
    ("question", "opening", "articles"),
    [
        (
            "me corrieron despues de 6 años, ganaba 500 al dia, de cuanto es la prima de "
            "antiguedad?",
            "Tu prima de antigüedad es de 72 días de salario",
            ("47", "162"),
        ),
        (
            "no me han pagado 2 quincenas, me puedo ir y que me indemnicen?",
            "Sí: si no te pagan tu salario en la fecha o en el lugar acordados",
            ("51", "52", "50", "517", "162"),
        ),
        (
            "mi esposo fallecio, trabajaba de guardia desde hace 3 años. la empresa nos tiene q "
            "dar algo?",
            "Sí: cuando un trabajador muere",
            ("501", "162", "115"),
        ),
    ],
)
def test_the_pipeline_fetches_the_articles_and_leads_with_the_figure(
    lft_md: Path, question: str, opening: str, articles: tuple[str, ...]
) -> None:
    texts = read_articles(lft_md, articles)
    retrieval = FakeRetrieval(texts, ranking=[articles[0]])
    answer = AnswerPipeline(retrieval, None, today=TODAY).answer(question)
    assert answer.text.startswith(opening)
    assert set(articles[1:]) <= {p.article_id for p in answer.passages}
    assert check_grounding(answer.text, answer.passages).clean


@pytest.mark.parametrize(
    ("question", "opening", "cause"),
    [
        (
            "no me han pagado 2 quincenas, me puedo ir y que me indemnicen?",
            "Sí: si no te pagan tu salario",
            "en la fecha o en el lugar acordados",
        ),
        (
            "mi jefe me insulta y me humilla enfrente de todos, puedo irme y que me paguen?",
            "Sí: si tu patrón o tus jefes te insultan",
            "te agreden o te maltratan",
        ),
        (
            "ya van 3 semanas q no nos pagan. me puedo ir o pierdo todo si me salgo?",
            "No pierdes: si no te pagan tu salario",
            "sin responsabilidad para ti (Art. 51 LFT)",
        ),
    ],
)
def test_leaving_for_a_fault_the_worker_tells_is_allowed_and_paid(
    question: str, opening: str, cause: str
) -> None:
    said = leave_verdict_fact(question, retrieved=ALL | {"51", "517"})
    assert said is not None
    assert said.startswith(opening)
    assert cause in said
    assert "3 meses de salario y 20 días de salario por cada año trabajado (Art. 50 LFT)" in said
    assert said.endswith("contado desde que supiste de la falta (Art. 517 LFT).")
    assert set(needed_articles(question)) >= {"51", "52", "50", "517"}


def test_no_leave_verdict_without_a_fault_told_or_its_articles() -> None:
    assert not asks_leave_verdict("ya no aguanto, me puedo ir?")  # no fault told
    assert not asks_leave_verdict("me corrieron porque no me pagaban, es legal?")  # a dismissal
    # How much and until when have their own figures.
    assert not asks_leave_verdict("no me pagan, si me voy por su culpa cuanto me toca?")
    assert not asks_leave_verdict("me bajaron el sueldo, me quiero ir, cuanto tiempo tengo?")
    question = "no me han pagado 2 quincenas, me puedo ir y que me indemnicen?"
    assert leave_verdict_fact(question, retrieved={"51", "52"}) is None
    # Where to claim after leaving is the procedure's question.
    assert not asks_leave_verdict(
        "mi jefe me acosaba y me sali, tengo q ir primero a conciliacion o puedo demandar directo?"
    )


def test_a_total_permanent_incapacity_from_work_is_1095_days() -> None:
    question = (
        "trabajaba de albañil sin seguro y me cai del andamio, el doctor dice q ya no voy a poder "
        "trabajar nunca. gano 400 al dia, cuanto me tiene q pagar el patron?"
    )
    said = permanent_indemnity_fact(question, retrieved=ALL | {"495", "58 LSS"})
    assert said == (
        "Si un accidente o una enfermedad de trabajo te deja con incapacidad permanente total (ya "
        "no puedes trabajar), te toca una indemnización de 1,095 días de salario (Art. 495 LFT), "
        "unos $438,000.00 con $400.00 al día."
    )  # no IMSS pension: the question says there was no insurance
    insured = permanent_indemnity_fact(
        "me machuque la mano en la prensa y ya no puedo trabajar, que me toca?",
        retrieved=ALL | {"495", "58 LSS"},
    )
    assert insured is not None
    assert insured.endswith("pensión mensual del 70 % del salario con que cotizabas (Art. 58 LSS).")
    # The pension asked for, an illness from outside work, or a death: other answers.
    for other in (
        "quede invalido por un accidente en el trabajo, de cuanto es la pension del imss",
        "me enferme de los riñones, no fue por el trabajo, ya no puedo trabajar, que me toca?",
        "mi hermano murio aplastado por una maquina, cuanto le toca a la familia?",
    ):
        assert not asks_permanent_indemnity(other), other


def test_a_dismissed_workers_prima_is_no_resignation_question() -> None:
    question = (
        "me despidieron despues de 10 años, y me dicen q la prima de antiguedad solo es pa los q "
        "renuncian. cuanto me toca de prima?"
    )
    said = seniority_fact(question, retrieved=ALL, today=TODAY)
    assert said is not None
    assert said.startswith("Tu prima de antigüedad es de 120 días de salario")


def test_a_worker_at_the_end_of_her_tether_hears_the_way_out_with_its_indemnity() -> None:
    told = "ya no aguanto a mi jefa, me grita y me humilla todo el dia en la oficina"
    assert asks_leave_verdict(told)
    said = leave_verdict_fact(told, retrieved={"51", "52", "50", "517"})
    assert said is not None
    assert said.startswith("Si tu patrón o tus jefes te insultan")
    assert "(Art. 52 LFT)" in said
    # Enduring something is no fault of the employer's told.
    assert not asks_leave_verdict("ya no aguanto el calor en la cocina, que hago?")
