"""The daily salary of a weekly or monthly pay (Art. 89), and a pay below the minimum wage."""

from __future__ import annotations

from datetime import date

import pytest

from rag.wage_floor import below_minimum_fact, daily_salary_fact, needed_articles

TODAY = date(2026, 12, 5)
BOTH = {"85", "89", "90"}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "me pagan 2,800 a la semana, cual es mi salario diario pa mi liquidacion?",
            "Tu salario diario es de $400.00: $2,800.00 a la semana entre 7 (Art. 89 LFT).",
        ),
        (
            "gano 12 mil al mes, cuanto es mi sueldo diario?",
            "Tu salario diario es de $400.00: $12,000.00 al mes entre 30 (Art. 89 LFT).",
        ),
        (
            "me pagan 4,500 quincenales, cual es mi salario diario?",
            "Tu salario diario es de $300.00: $4,500.00 a la quincena entre 15 (Art. 89 LFT).",
        ),
    ],
)
def test_the_daily_salary_of_a_weekly_fortnightly_or_monthly_pay(
    question: str, expected: str
) -> None:
    assert daily_salary_fact(question, retrieved=BOTH) == expected
    assert needed_articles(question) == ("89",)


def test_no_daily_salary_without_the_question_or_the_article() -> None:
    # A daily pay needs no division; a question about something else is not asked.
    assert daily_salary_fact("gano 400 al dia, cual es mi salario diario?", retrieved=BOTH) is None
    assert (
        daily_salary_fact("me pagan 2,800 a la semana, me toca aguinaldo?", retrieved=BOTH) is None
    )
    asked = "me pagan 2,800 a la semana, cual es mi salario diario?"
    assert daily_salary_fact(asked, retrieved={"90"}) is None


def test_a_pay_below_the_minimum_wage_is_answered_no_with_both_figures() -> None:
    question = (
        "cosemos pantalones a destajo, pagan 6 pesos la pieza y en 8 horas saco unas 40, osea 240 "
        "al dia. asi me pueden pagar porq es a destajo?"
    )
    said = below_minimum_fact(question, retrieved=BOTH, today=TODAY)
    assert said is not None
    assert said.startswith("No: ganas unos $240.00 al día, menos que el salario mínimo de 2026")
    assert "$315.04 al día" in said
    assert said.endswith("(Art. 85 LFT).")
    weekly = below_minimum_fact(
        "me pagan 1,800 a la semana, es legal?", retrieved=BOTH, today=TODAY
    )
    assert weekly is not None
    assert weekly.startswith("No: ganas unos $257.14 al día")
    assert weekly.endswith("(Art. 90 LFT).")
    border = below_minimum_fact(
        "trabajo en tijuana y me pagan 400 al dia, es legal?", retrieved=BOTH, today=TODAY
    )
    assert border is not None
    assert "en la zona de la frontera norte, $440.87 al día" in border


@pytest.mark.parametrize(
    "question",
    [
        # At or above the minimum, or a pay for part of a day.
        "me pagan 2,500 a la semana, es legal?",
        "trabajo medio tiempo y me pagan 150 al dia, es legal?",
        "me pagan 50 por hora, es legal?",
        # A deduction is not the pay; the worker who earns the minimum says so.
        "gano el salario minimo y me descuentan 150 a la semana pa una caja de ahorro, es legal?",
        # Not asked whether the pay is allowed.
        "gano 200 al dia, me toca aguinaldo?",
        # A base with more on top: the base alone is not the pay.
        "me pagan 250 diarios de base pero con comisiones saco 5 mil extra al mes, es legal?",
        "gano 280 al dia mas propinas, es legal?",
    ],
)
def test_no_verdict_on_the_pay_when_it_is_not_below_or_not_asked(question: str) -> None:
    assert below_minimum_fact(question, retrieved=BOTH, today=TODAY) is None


def test_the_pay_asked_about_is_the_last_told_and_the_questions_own() -> None:
    # "Saco 230 al día… ¿y si me pagan 1,900 a la semana?": the newer pay is weighed.
    said = below_minimum_fact(
        "cosemos a destajo y saco 230 al dia, asi me pueden pagar? y si me pagan 1,900 a la "
        "semana?",
        retrieved=BOTH,
        today=TODAY,
    )
    assert said is not None
    assert said.startswith("No: ganas unos $271.43 al día")
    assert needed_articles("saco 230 al dia a destajo, asi me pueden pagar?") == ("85",)
    assert needed_articles("me pagan 1,500 a la semana, es legal?") == ("90",)
    # The story's pay gives way to the one the question states.
    own = "cual es mi salario diario si me pagan 1,900 a la semana?"
    story = f"cosemos ropa y saco como 230 al dia. {own}"
    assert daily_salary_fact(story, retrieved=BOTH, asked=own) == (
        "Tu salario diario es de $271.43: $1,900.00 a la semana entre 7 (Art. 89 LFT)."
    )


def test_the_pay_weighed_is_the_one_the_worker_tells_not_the_forms() -> None:
    # The case form's pay ("gano 2,100 semanales.") read before "¿y eso se puede?" about a week
    # without a rest day: the form warns of its own pay; this question asks of the schedule.
    stated = "gano 2,100 semanales. trabajo de lunes a domingo. y eso se puede?"
    assert below_minimum_fact(stated, retrieved=BOTH, today=TODAY, asked="y eso se puede?") is None
    # The worker's own "¿y si me pagan 1,900 a la semana?" after "¿así me pueden pagar?".
    told = "saco 230 al dia, asi me pueden pagar? y si me pagan 1,900 a la semana?"
    said = below_minimum_fact(
        told, retrieved=BOTH, today=TODAY, asked="y si me pagan 1,900 a la semana?"
    )
    assert said is not None
    assert said.startswith("No: ganas unos $271.43 al día")
    # "¿Cuál es mi salario diario?" asks the division.
    daily = "asi me pueden pagar? cual es mi salario diario si me pagan 1,900 a la semana?"
    assert below_minimum_fact(daily, retrieved=BOTH, today=TODAY, asked=daily) is None


def test_an_earlier_turns_question_is_not_asked_by_another_question() -> None:
    """ "¿Eso se puede?" of a monthly pay, then "¿y si me salgo me dan algo? … gano 2000 a la
    semana": the follow-up asks about leaving, not whether its pay is allowed."""
    story = "la dueña nos paga cada mes, eso se puede?"
    own = "y si me salgo por eso me dan algo? llevo 3 años y gano 2000 a la semana"
    fact = below_minimum_fact(f"{story} {own}", retrieved=BOTH, today=TODAY, asked=own)
    assert fact is None
    # Asked in the worker's own words, the floor is weighed.
    own = "gano 2000 a la semana, eso se puede?"
    fact = below_minimum_fact(f"{story} {own}", retrieved=BOTH, today=TODAY, asked=own)
    assert fact is not None
    assert fact.startswith("No: ganas unos $285.71 al día")


def test_the_pay_judged_is_the_case_forms_when_the_question_tells_none() -> None:
    # Found playing a night watchman's chat: "¿me están pagando bien?" with $2,100 a week in the
    # case form was answered with the weekly rest.
    story = "gano $2,100.00 a la semana. trabajo de velador toda la semana. me estan pagando bien?"
    said = below_minimum_fact(story, retrieved={"90"}, today=TODAY, asked="me estan pagando bien?")
    assert said is not None
    assert said.startswith("No: ganas unos $300.00 al día, menos que el salario mínimo")
    assert needed_articles("gano 2100 a la semana, me estan pagando bien?") == ("90",)
