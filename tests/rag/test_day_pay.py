"""The pesos for a rest day, a paid holiday or a Sunday worked (Arts. 71, 73, 75)."""

from __future__ import annotations

import pytest

from rag.day_pay import day_subject, needed_articles, worked_day_fact

ALL = {"71", "73", "74", "75"}


def test_a_rest_day_worked_is_paid_double_on_top_of_the_day() -> None:
    said = worked_day_fact(
        "mi descanso es el martes pero el jefe me hizo ir, gano 400 diarios, cuanto me toca?",
        retrieved=ALL,
    )
    assert said == (
        "Por trabajar tu día de descanso te deben pagar $800.00 de más (un salario doble), "
        "además de los $400.00 de tu salario de ese día: $1,200.00 en total por ese día "
        "(Art. 73 LFT)."
    )


def test_a_sunday_of_rest_worked_is_the_rest_days_pay_and_the_premium() -> None:
    said = worked_day_fact(
        "me hicieron trabajar mi domingo de descanso, gano 360 diarios, cuanto me deben?",
        retrieved=ALL,
    )
    assert said is not None
    assert said.startswith("Por trabajar tu día de descanso te deben pagar $720.00 de más")
    assert "prima dominical de al menos $90.00" in said


def test_any_errand_the_boss_made_on_the_rest_day_is_work() -> None:
    said = worked_day_fact(
        "soy chofer, gano 500 diarios, mi descanso es el lunes y este lunes me hizo llevarlo a "
        "queretaro todo el dia, cuanto me deben pagar por ese dia?",
        retrieved=ALL,
    )
    assert said is not None
    assert "$1,500.00 en total" in said


def test_being_called_in_to_cover_on_the_rest_day_is_work() -> None:
    said = worked_day_fact(
        "gano 400 al dia, mi descanso es el miercoles y el jefe me hablo pa q fuera a cubrir a "
        "un compa. cuanto me tiene q pagar ese dia?",
        retrieved=ALL,
    )
    assert said is not None
    assert "$800.00 de más" in said
    assert "$1,200.00 en total" in said


def test_and_that_day_too_asks_again_of_the_last_day_named() -> None:
    # Found playing a guard's chat: "¿y el 1 de enero también?" was answered for December 25.
    story = "el 25 de diciembre me toca trabajar, cuanto me pagan? gano 450 al dia"
    again = "y el 1 de enero tambien?"
    said = worked_day_fact(f"{story} {again}", retrieved=ALL, asked=again)
    assert said is not None
    assert said.startswith("Sí: por trabajar el 1 de enero te deben pagar $900.00 de más")
    # A follow-up that asks nothing again ("¿y el 1 de enero descanso?") gets no pesos.
    other = "y el 1 de enero descanso?"
    assert worked_day_fact(f"{story} {other}", retrieved=ALL, asked=other) is None


def test_a_holiday_worked_names_the_day_and_reads_a_weekly_pay() -> None:
    said = worked_day_fact(
        "en navidad me pusieron a trabajar y gano 2800 a la semana, me lo pagan doble?",
        retrieved=ALL,
    )
    assert said is not None
    assert said.startswith("Sí: por trabajar el 25 de diciembre te deben pagar $800.00 de más")
    assert "$1,200.00 en total" in said
    assert said.endswith("(Art. 75 LFT). Es día de descanso obligatorio (Art. 74 LFT).")


def test_a_sunday_gets_its_premium_and_a_sunday_rest_day_both() -> None:
    sunday = worked_day_fact("trabajo los domingos, gano 350 al dia, me toca algo extra?",
                             retrieved=ALL)  # fmt: skip
    assert sunday is not None
    assert "prima dominical de al menos $87.50 (el 25 % de tu salario de $350.00" in sunday
    both = worked_day_fact(
        "me hicieron trabajar el domingo que es mi dia de descanso, gano 500 diarios cuanto me "
        "deben pagar",
        retrieved=ALL,
    )
    assert both is not None
    assert "$1,500.00 en total" in both
    assert "Como es domingo, además te toca una prima dominical de al menos $125.00" in both


@pytest.mark.parametrize(
    "question",
    [
        # Nothing asked of pay, no day worked, a moved holiday's own date, or no pay asked.
        "mi descanso es el martes, me lo pueden cambiar?",
        "gano 400 diarios, cuanto me toca de aguinaldo?",
        "el 20 de noviembre me hicieron trabajar, gano 400 al dia, cuanto me toca?",
        "trabajo los domingos y gano 350 al dia, puedo pedir cambio de turno a las mañanas?",
    ],
)
def test_no_figure_without_the_day_the_work_and_the_pay(question: str) -> None:
    assert worked_day_fact(question, retrieved=ALL) is None


def test_the_articles_to_fetch_and_a_figure_only_when_retrieved() -> None:
    question = "trabaje mi dia de descanso, gano 400 al dia, cuanto me pagan?"
    assert needed_articles(question) == ("73",)
    assert needed_articles("trabaje el 1 de enero, gano 400 al dia, cuanto me pagan?") == ("75",)
    assert worked_day_fact(question, retrieved={"71"}) is None


def test_the_last_day_named_is_the_one_asked_about() -> None:
    said = worked_day_fact(
        "el 25 de diciembre me toca trabajar, me lo pagan doble? y si trabajo el domingo? gano "
        "350 al dia",
        retrieved=ALL,
    )
    assert said is not None
    assert "prima dominical de al menos $87.50" in said
    assert "25 de diciembre" not in said


def test_that_day_is_the_day_the_story_told() -> None:
    story = "mi descanso es el miercoles pero el encargado me hizo ir a cubrir a otro"
    question = "cuanto me tienen q pagar por ese dia?"
    assert day_subject(question, question, story) == f"{story}. {question}"
    # A question naming its own day, or a story naming none, keeps the question.
    assert day_subject("y el domingo?", "y el domingo?", story) == "y el domingo?"
    assert day_subject(question, question, "me corrieron sin carta") == question


def test_a_story_that_tells_the_pay_asks_nothing_the_question_does_not() -> None:
    story = "soy cocinera, me pagan 1800 a la semana y trabajo de lunes a domingo sin descanso."
    said = worked_day_fact(f"{story} eso se puede?", retrieved=ALL, asked="eso se puede?")
    assert said is None
    asked = "y cuanto me deben por los domingos?"
    said = worked_day_fact(f"{story} {asked}", retrieved=ALL, asked=asked)
    assert said is not None
    assert "prima dominical" in said


def test_a_sunday_worked_with_the_rest_day_on_a_weekday_is_the_sunday_premium() -> None:
    question = (
        "gano 350 diarios. trabajo todos los domingos, mi descanso es el martes. me toca algo "
        "extra por los domingos?"
    )
    said = worked_day_fact(question, retrieved={"71", "73"}, asked=question.split(". ")[-1])
    assert said is not None
    assert said.startswith(
        "Sí: por trabajar en domingo te toca una prima dominical de al menos $87.50"
    )
    assert "día de descanso" not in said
    # A rest day that is the Sunday is both.
    both = worked_day_fact(
        "gano 350 diarios. mi descanso es el domingo y me hicieron trabajar, cuanto me pagan?",
        retrieved={"71", "73"},
    )
    assert both is not None
    assert both.startswith("Por trabajar tu día de descanso te deben pagar $700.00 de más")
    assert "Como es domingo, además te toca una prima dominical" in both


def test_resting_on_sundays_makes_the_sunday_worked_the_rest_day() -> None:
    said = worked_day_fact(
        "trabajo de lunes a sabado y descanso el domingo, pero el patron me hizo ir el domingo "
        "pasado. gano 380 diarios, cuanto me tiene q pagar x ese domingo?",
        retrieved=ALL,
    )
    assert said is not None
    assert said.startswith("Por trabajar tu día de descanso te deben pagar $760.00 de más")
    assert "prima dominical de al menos $95.00" in said


def test_a_rest_day_worked_with_no_pay_told_is_answered_in_days_pay() -> None:
    asked = (
        "me ponen a chambear mi dia de descanso y me lo pagan como dia normal. cuanto me "
        "deberian pagar?"
    )
    said = worked_day_fact(asked, retrieved={"73"})
    assert said == (
        "Por trabajar tu día de descanso te deben pagar tu salario de ese día y, además, un "
        "salario doble: en total, el triple de lo que ganas en un día (Art. 73 LFT)."
    )
    assert worked_day_fact(asked, retrieved={"69"}) is None
    holiday = worked_day_fact(
        "trabaje el 16 de septiembre, cuanto me tienen que pagar?", retrieved={"75"}
    )
    assert holiday is not None
    assert holiday.startswith("Por trabajar un día de descanso obligatorio")


def test_sundays_one_is_put_to_work_are_paid_their_premium() -> None:
    said = worked_day_fact(
        "soy mesera y me ponen todos los domingos, gano 300 diarios. me tienen q dar algo extra x "
        "el domingo o no?",
        retrieved=ALL,
    )
    assert said is not None
    assert said.startswith(
        "Sí: por trabajar en domingo te toca una prima dominical de al menos $75.00"
    )


def test_a_rest_day_told_as_given_is_no_day_worked() -> None:
    given = "trabajo de planta en una casa, nomas me dan el domingo de descanso. cuanto me toca?"
    assert worked_day_fact(given, retrieved=ALL) is None
    worked = worked_day_fact(
        "me dan el domingo de descanso pero me hicieron trabajar mi dia de descanso, cuanto es?",
        retrieved=ALL,
    )
    assert worked is not None
    assert worked.startswith("Por trabajar tu día de descanso")


def test_a_holiday_owed_was_a_holiday_worked() -> None:
    # "¿Cuánto me deben del 16 de septiembre?" with the pay in the case form: the pesos.
    said = worked_day_fact(
        "gano $350.00 al día. cuanto me deben del 16 de septiembre?", retrieved={"74", "75"}
    )
    assert said is not None
    assert "$700.00 de más" in said


def test_the_sunday_premium_asked_with_the_pay_is_its_pesos() -> None:
    said = worked_day_fact("gano $400.00 al día. cuanto es la prima dominical?", retrieved={"71"})
    assert said is not None
    assert "$100.00" in said
    assert worked_day_fact("cuanto es la prima dominical?", retrieved={"71"}) is None
