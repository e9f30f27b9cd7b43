"""The IMSS subsidy while a worker cannot work, for the cause the question gives."""

from __future__ import annotations

from rag.subsidy import (
    asks_subsidy,
    asks_subsidy_term,
    needed_articles,
    subsidy_fact,
    subsidy_term_fact,
)

ALL = {"58 LSS", "96 LSS", "97 LSS", "98 LSS", "101 LSS", "102 LSS", "103 LSS"}


def test_a_work_accident_is_paid_in_full_and_a_wrong_share_is_corrected() -> None:
    said = subsidy_fact(
        "me machuque la mano en la fabrica y me incapacitaron, dicen q el seguro nomas me paga "
        "el 60% del sueldo, asi es?",
        retrieved=ALL,
    )
    assert said is not None
    assert said.startswith("No: si un accidente o una enfermedad de trabajo te incapacita")
    assert "100 % del salario con que cotizabas" in said


def test_an_illness_is_sixty_percent_from_the_fourth_day_after_four_weeks_paid_in() -> None:
    plain = subsidy_fact("me dio gripa y me incapacitaron, cuanto me paga el imss?", retrieved=ALL)
    assert plain is not None
    assert plain.startswith("Por una enfermedad que no es de trabajo, el IMSS te paga el 60 %")
    new = subsidy_fact(
        "entre a trabajar hace 2 semanas, me enferme y el imss me dio 5 dias de incapacidad. me "
        "los van a pagar?",
        retrieved=ALL,
    )
    assert new is not None
    assert new.startswith("No: con 2 semanas de cotizar todavía no te toca")
    days = subsidy_fact(
        "llevo 3 años, gano 400 al dia y me dieron 10 dias de incapacidad por una infeccion, "
        "cuanto me pagan?",
        retrieved=ALL,
    )
    assert days is not None
    # Days 4 to 10 at 60 % of $400.
    assert days.endswith(
        "Por 10 días de incapacidad te pagan 7 (los 3 primeros no se pagan): unos $1,680.00 si "
        "cotizabas con $400.00 al día."
    )


def test_maternity_and_what_each_cause_needs() -> None:
    said = subsidy_fact(
        "estoy embarazada y tengo 5 meses cotizando, me paga el imss la incapacidad?", retrieved=ALL
    )
    assert said is not None
    assert said.startswith("Si no tienes 30 semanas cotizadas en los 12 meses")
    assert "tu patrón debe pagarte tu salario completo" in said
    # Whether it is paid at all depends on those weeks too.
    paid = subsidy_fact("el imss me va a pagar la incapacidad de maternidad?", retrieved=ALL)
    assert paid is not None
    assert "(Art. 102 LSS)" in paid
    # Maternity with no doubt on the weeks, a permanent incapacity, a leave made longer and
    # "until when" are the rules' answers.
    for other in (
        "en la incapacidad de maternidad me pagan mi sueldo completo?",
        "quede con incapacidad permanente por un accidente en la fabrica, cuanto me pagan?",
        "me complique despues del parto y me alargaron la incapacidad, me pagan esos dias?",
        "llevo 8 meses incapacitado por enfermedad, hasta cuando me sigue pagando el imss?",
    ):
        assert not asks_subsidy(other), other
    assert needed_articles("me cai en la obra y me incapacitaron, cuanto me pagan?") == ("58 LSS",)
    assert needed_articles("me incapacitaron por gripa, cuanto me pagan?") == (
        "96 LSS",
        "97 LSS",
        "98 LSS",
    )
    assert not asks_subsidy("me incapacitaron, me pueden correr?")
    assert (
        subsidy_fact("me incapacitaron por gripa, cuanto me pagan?", retrieved={"98 LSS"}) is None
    )


def test_a_work_incapacity_in_pesos_for_the_days_given() -> None:
    question = (
        "me lastime la espalda cargando en la fabrica, el doctor del seguro me dio 14 dias de "
        "incapacidad, cuanto me van a pagar? gano 450 al dia"
    )
    said = subsidy_fact(question, retrieved=ALL)
    assert said is not None
    assert said.endswith(
        "Por 14 días de incapacidad, unos $6,300.00 si cotizabas con $450.00 al día."
    )


def test_the_years_in_the_company_do_not_make_an_illness_a_work_one() -> None:
    # "llevo 2 años en la empresa" says where the worker works, not where the flu came from; the
    # misspelt "incapasidad" still gives the days.
    said = subsidy_fact(
        "gano 500 al dia, llevo 2 años en la empresa y me enferme de influensa, el imss me dio "
        "10 dias de incapasidad. cuanto me van a pagar?",
        retrieved=ALL,
    )
    assert said is not None
    assert said.startswith("Por una enfermedad que no es de trabajo, el IMSS te paga el 60 %")
    assert said.endswith("unos $2,100.00 si cotizabas con $500.00 al día.")
    hurt = subsidy_fact(
        "me cai en la obra y el imss me dio 14 dias de incapacidad, gano 450 diarios, cuanto me "
        "pagan?",
        retrieved=ALL,
    )
    assert hurt is not None
    assert hurt.startswith("Si un accidente o una enfermedad de trabajo te incapacita")


def test_maternity_with_too_few_weeks_paid_in_is_the_employers_to_pay() -> None:
    question = (
        "estoy embarazada y tengo 20 semanas cotizadas en el seguro, mi patron dice q como el imss "
        "no me va a pagar la incapacidad entonces me quedo sin sueldo"
    )
    said = subsidy_fact(question, retrieved=ALL)
    assert said is not None
    assert said.startswith("No te quedas sin sueldo: con 20 semanas cotizadas no llegas a las 30")
    assert "tu patrón debe pagarte tu salario completo" in said
    # Without the employer's denial, the same figure without "No".
    plain = subsidy_fact(
        "estoy embarazada y tengo 20 semanas cotizadas, quien me paga la incapacidad?",
        retrieved=ALL,
    )
    assert plain is not None
    assert plain.startswith("Con 20 semanas cotizadas no llegas")
    # With 30 weeks or more, the general rule.
    enough = subsidy_fact(
        "estoy embarazada y tengo 40 semanas cotizadas, quien me paga la incapacidad?",
        retrieved=ALL,
    )
    assert enough is not None
    assert enough.startswith("Si no tienes 30 semanas")


def test_until_when_an_incapacity_is_paid_by_its_cause() -> None:
    illness = (
        "tengo incapacidad por una hernia. hasta cuando me pueden seguir pagando la incapacidad?"
    )
    said = subsidy_term_fact(illness, retrieved={"96 LSS"})
    assert said is not None
    assert "hasta por 52 semanas" in said
    assert "26 semanas más (Art. 96 LSS)" in said
    assert needed_articles(illness) == ("96 LSS",)
    work = "me cai en la obra y me incapacitaron, hasta cuando me paga el imss la incapacidad?"
    paid = subsidy_term_fact(work, retrieved={"58 LSS"})
    assert paid is not None
    assert paid.startswith("Por un riesgo de trabajo, el IMSS te paga el 100 %")
    assert needed_articles(work) == ("58 LSS",)
    # Not asked until when, a maternity leave, a permanent incapacity, or not retrieved.
    for other in (
        "me incapacitaron por gripa, cuanto me pagan?",
        "estoy embarazada, hasta cuando me pagan la incapacidad de maternidad?",
        "tengo incapacidad permanente, hasta cuando me pagan la pension?",
    ):
        assert subsidy_term_fact(other, retrieved={"96 LSS", "58 LSS"}) is None, other
    assert subsidy_term_fact(illness, retrieved={"58 LSS"}) is None
    # A follow-up read with the turn it follows asks what it asks.
    follow = f"{illness} y me pueden correr mientras?"
    assert (
        subsidy_term_fact(follow, retrieved={"96 LSS"}, asked="y me pueden correr mientras?")
        is None
    )


def test_the_subsidys_end_asked_gets_its_term_and_extension() -> None:
    question = (
        "llevo casi 52 semanas incapacitado x una hernia (no fue en el trabajo) y me dicen q ahi "
        "se acaba el subsidio, ya no me van a pagar nada?"
    )
    assert asks_subsidy_term(question)
    said = subsidy_term_fact(question, retrieved={"96 LSS"}, asked=question)
    assert said is not None
    assert "se puede alargar hasta 26 semanas más (Art. 96 LSS)" in said
    # Nothing about its end or how long: no term.
    assert not asks_subsidy_term("me incapacito el imss por una hernia, me pagan?")


def test_an_injury_at_work_told_without_the_word_incapacidad_is_paid_in_full() -> None:
    story = (
        "me lastime la mano en la obra cargando varilla y el ingeniero dice q no me va a pagar "
        "los dias q no vaya"
    )
    imss = subsidy_fact(f"{story}. y el imss me paga algo?", retrieved=ALL)
    assert imss is not None
    assert "el IMSS te paga el 100 % del salario" in imss
    daily = subsidy_fact(f"{story}. cuanto me pagan si gano 400 diarios?", retrieved=ALL)
    assert daily is not None
    assert daily.endswith("Si cotizabas con $400.00 al día, son $400.00 por cada día.")
    # Not insured: the IMSS's subsidy is not what the worker is told (Art. 77 LSS answers it).
    assert not asks_subsidy(
        "me cai de un andamio en la obra, el patron nunca me dio de alta en el seguro. el seguro "
        "me paga algo?"
    )
    # An injury with no days off and no IMSS named asks no subsidy.
    assert not asks_subsidy("me lastime la mano en la obra, cuanto me toca de indemnizacion?")


def test_an_accident_on_the_way_to_work_is_a_work_accident() -> None:
    said = subsidy_fact(
        "me atropellaron en mi moto cuando iba de mi casa al trabajo, tengo incapacidad del "
        "seguro. gano 450 diarios, cuanto me van a pagar?",
        retrieved=ALL,
    )
    assert said is not None
    assert said.startswith("Si un accidente o una enfermedad de trabajo te incapacita")
    assert "$450.00 por cada día" in said


def test_a_follow_up_judging_the_employer_asks_no_subsidy() -> None:
    story = "me lastime la mano en la obra y el ingeniero dice q no me paga los dias q no vaya"
    assert subsidy_fact(f"{story}. es legal eso?", retrieved=ALL, asked="es legal eso?") is None
    paid = subsidy_fact(f"{story}. y el imss me paga?", retrieved=ALL, asked="y el imss me paga?")
    assert paid is not None


def test_who_pays_the_maternity_leave_asked_after_how_long_it_lasts() -> None:
    turns = (
        "estoy embarazada de 4 meses y trabajo en una tienda desde hace 2 años. cuanto tiempo me "
        "dan de incapacidad? y quien me paga esos dias?"
    )
    assert needed_articles(turns) == ("101 LSS", "102 LSS", "103 LSS")
    said = subsidy_fact(turns, retrieved=ALL, asked="y quien me paga esos dias?")
    assert said is not None
    assert said.startswith("Si no tienes 30 semanas cotizadas")
    # The time asked on its own is the rules' (Art. 170, Art. 101 LSS), no pay figure.
    assert needed_articles("estoy embarazada, cuanto tiempo me pagan de incapacidad?") == ()


def test_the_time_left_to_claim_a_subsidy_is_no_question_of_how_much_it_pays() -> None:
    late = (
        "el imss nunca me pago unas incapacidades de enfermedad general de junio del 2025, ya "
        "las quiero cobrar, todavia se puede?"
    )
    assert not asks_subsidy(late)
    assert asks_subsidy("el imss me dio 7 dias de incapacidad por una gripa, cuanto me pagan?")


def test_a_maternity_leave_denied_for_its_weeks_is_answered_with_who_pays() -> None:
    # Found playing a pregnant nurse's chat: "mi jefa dice q no me van a dar la incapacidad x q
    # no tengo suficientes semanas" (the pregnancy in the case form) got a work risk's Art. 491.
    question = (
        "estoy embarazada. mi jefa dice q no me van a dar la incapacidad x q no tengo "
        "suficientes semanas cotizadas"
    )
    said = subsidy_fact(question, retrieved=ALL)
    assert said is not None
    assert said.startswith("No te quedas sin sueldo: si no tienes 30 semanas cotizadas")
    assert "(Art. 103 LSS)" in said
    assert set(needed_articles(question)) == {"101 LSS", "102 LSS", "103 LSS"}
    # Without a doubt on the weeks, "darme la incapacidad" asks no pay.
    assert subsidy_fact("estoy embarazada, cuando me dan la incapacidad?", retrieved=ALL) is None


def test_a_birth_told_by_its_date_is_a_maternity_leave() -> None:
    question = (
        "mi bebe nace como el 20 de enero y en recursos humanos me dicen q el imss no me va a "
        "pagar la incapacidad xq no tengo semanas suficientes. me quedo sin sueldo?"
    )
    said = subsidy_fact(question, retrieved=ALL)
    assert said is not None
    assert said.startswith("No te quedas sin sueldo:")
    assert "(Art. 103 LSS)" in said
