"""Figures a question settles by itself: vacation days for the years of service it states and the
minimum wage of the year; an age, a premium or a yes/no question gets none."""

from __future__ import annotations

from datetime import date

import pytest

from rag.question_facts import minimum_wage_fact, question_facts, vacation_fact

TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("question", "days"),
    [
        ("cuantos dias de vacaciones me tocan si ya cumpli 3 años en la empresa", 16),
        ("tengo 2 años trabajando, cuantos dias de vacasiones son", 14),
        ("llevo 7 años, cuantas vacaciones me dan", 22),
        ("llevo un año, cuantos dias de vacaciones", 12),
        ("cuantas vacaciones con diez años de antiguedad", 22),
        # The seniority told before the follow-up (a chat play): "desde hace 2 años".
        (
            "ola buenas, trabajo en una fabrica de zapatos desde hace 2 años y no me dan "
            "vacaciones cuantos dias me tocan?",
            14,
        ),
        ("entre hace 3 años a la tienda, cuantos dias de vacaciones me tocan", 16),
        ("hace 5 años que trabajo aqui, cuantas vacaciones me dan", 20),
    ],
)
def test_years_of_service_give_the_days_of_art_76(question: str, days: int) -> None:
    fact = vacation_fact(question)
    assert fact is not None
    assert f"te tocan {days} días laborables de vacaciones" in fact
    assert fact.endswith("(Art. 76 LFT).")


@pytest.mark.parametrize(
    "question",
    [
        "tengo 16 años cuantos dias de vacaciones me tocan",  # an age: Art. 179, not the table
        "soy menor de edad, llevo 2 años trabajando, cuantas vacaciones",
        "cuanto me toca de prima vacacional si llevo 3 años",  # the premium, not the days
        "llevo 3 años y no me dan vacaciones, es legal?",  # not a how-much question
        "cuantos dias de vacaciones me tocan",  # no years stated
        "hace 2 años me dieron vacaciones, cuantos dias me tocan",  # when, not seniority
        # An air crew's vacations are Art. 233's, not the table's.
        "soy sobrecargo en una aerolinea, voy a cumplir 1 año, cuantos dias de vacaciones son?",
    ],
)
def test_no_vacation_figure_without_years_of_service(question: str) -> None:
    assert vacation_fact(question) is None


def test_the_vacation_figure_needs_its_article_retrieved() -> None:
    question = "llevo 3 años cuantos dias de vacaciones me dan"
    assert question_facts(question, today=TODAY, retrieved={"76", "81"})
    assert question_facts(question, today=TODAY, retrieved={"81"}) == ()


def test_the_minimum_wage_of_the_year_with_its_source() -> None:
    fact = minimum_wage_fact("cuanto es el salario minimo en la frontera norte", today=TODAY)
    assert fact is not None
    assert "$315.04" in fact
    assert "$440.87" in fact
    assert "CONASAMI" in fact
    later = minimum_wage_fact("cual es el salario minimo", today=date(2031, 1, 5))
    assert later is not None
    assert "es el último que tengo, de 2026" in later
    assert minimum_wage_fact("me pueden pagar menos del salario minimo?", today=TODAY) is None
    # The minimum as the worker's pay, another sum asked: not the minimum's figure.
    asked = "gano el salario minimo y tengo credito infonavit, cuanto es lo maximo q me descuentan?"
    assert minimum_wage_fact(asked, today=TODAY) is None
    own = minimum_wage_fact("gano el salario minimo, cuanto es el salario minimo?", today=TODAY)
    assert own is not None
    assert "$315.04" in own


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("tengo 2 años trabajando y me dieron 12 dias de vacaciones es legal?", "No: al cumplir 2"),
        ("llevo 3 años y solo 10 dias de vacaciones me dan, se vale?", "No: al cumplir 3"),
        ("llevo 5 años en la empresa y me dan 20 dias de vacaciones, esta bien?", "Sí: al cum"),
        # A boss's claim told as where the days stay: 7 years are 22 days, not 20.
        (
            "ya cumpli 7 años y el patron dice q las vacaciones ya no suben, q me quedo en 20 "
            "dias pa siempre. es asi?",
            "No: al cumplir 7 años de trabajo te tocan 22 días",
        ),
        ("llevo 9 años y me siguen dando 12 dias de vacaciones, es legal?", "No: al cumplir 9"),
    ],
)
def test_the_days_given_are_weighed_against_the_table(question: str, opening: str) -> None:
    said = vacation_fact(question)
    assert said is not None
    assert said.startswith(opening)
    assert "(Art. 76 LFT)" in said


def test_a_yes_no_question_without_the_days_given_gets_no_figure() -> None:
    # Whether they are owed ("¿me tocan vacaciones?") is answered yes with the days since the
    # thirtieth pass; any other yes/no question about them gets no figure.
    assert vacation_fact("llevo 3 años, me las pueden cambiar de fecha las vacaciones?") is None
    said = vacation_fact("llevo 3 años, me tocan vacaciones?")
    assert said == (
        "Sí: al cumplir 3 años de trabajo te tocan 16 días laborables de vacaciones pagadas "
        "(Art. 76 LFT)."
    )


def test_an_earlier_count_does_not_answer_a_yes_no_question_of_the_workers_own() -> None:
    # Found playing a chat: "¿cuántos días me tocan si llevo 4 años?" then "¿y me las pueden
    # pagar en vez de dármelas?" got the 18 days again.
    earlier = "cuantos dias de vacaciones me tocan si llevo 4 años"
    own = "y me las pueden pagar en vez de darmelas?"
    stated = f"{earlier} {own}"
    assert question_facts(stated, today=TODAY, retrieved={"76", "79"}, asked=own) == ()
    # The earlier question itself, or an open follow-up, still gets the count.
    counted = question_facts(earlier, today=TODAY, retrieved={"76"}, asked=earlier)
    assert counted[0].startswith("Al cumplir 4 años de trabajo te tocan 18 días")
    follow = "y luego"
    assert question_facts(f"{earlier} {follow}", today=TODAY, retrieved={"76"}, asked=follow)


def test_an_earlier_incapacity_figure_does_not_answer_whether_i_can_be_fired() -> None:
    earlier = "me lastime cargando, me dieron 14 dias de incapacidad, cuanto me van a pagar?"
    own = "y el patron me puede correr mientras estoy incapacitado?"
    retrieved = {"58 LSS", "96 LSS", "97 LSS", "98 LSS"}
    assert question_facts(f"{earlier} {own}", today=TODAY, retrieved=retrieved, asked=own) == ()
    said = question_facts(earlier, today=TODAY, retrieved=retrieved, asked=earlier)
    assert said[0].startswith("Si un accidente o una enfermedad de trabajo te incapacita")


@pytest.mark.parametrize(
    "question",
    [
        "mi jefe dice q las vacaciones ya no suben despues del 5to año, es cierto?",
        "me dicen que las vacaciones se quedan en 20 dias pa siempre, es asi?",
    ],
)
def test_a_cap_on_vacations_claimed_without_years_is_corrected(question: str) -> None:
    said = vacation_fact(question)
    assert said is not None
    assert said.startswith("No: después del quinto año tus vacaciones siguen subiendo")
    assert "de 6 a 10 años te tocan 22 días, de 11 a 15 años 24" in said


def test_the_laws_days_claimed_are_corrected_by_the_table() -> None:
    # Found in a tuned set: "sé q x ley son 6 días y aquí me dan 8, o sea ya me dan de más,
    # ¿no?" after 3 years was told the first year's 12 days.
    said = vacation_fact(
        "ya cumpli 3 años de mesero. se q x ley son 6 dias de vacaciones y aqui me dan 8, o sea "
        "ya me dan de mas no?"
    )
    assert said == (
        "No: al cumplir 3 años de trabajo te tocan 16 días laborables de vacaciones pagadas "
        "(Art. 76 LFT), no 6."
    )
