"""Figures a how-much question settles with its own numbers: prima vacacional, aguinaldo."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from rag.pay import (
    aguinaldo_fact,
    daily_pay,
    hourly_pay,
    needed_articles,
    premium_fact,
    started_this_year,
)

ALL = {"76", "80", "87"}
TODAY = date(2026, 12, 5)


@pytest.mark.parametrize(
    ("question", "daily"),
    [
        ("gano 450 al dia", Decimal(450)),
        ("me pagan 9 mil al mes", Decimal(300)),
        ("ganaba $2,100 a la semana", Decimal(300)),
        ("3 mil quincenales", Decimal(200)),
        # "mensual" holds no "mes": it raised StopIteration (found by blind15's first measure).
        ("gano 12 mil mensuales", Decimal(400)),
        ("tengo 2 años trabajando", None),
        ("gano 450 al dia y mi esposa 300 al dia", None),  # two salaries: whose?
        # The story and the case form say the same pay: one salary.
        ("gano 2800 a la semana. gano $2,800.00 a la semana.", Decimal(400)),
        ("gano 12 mil al mes. gano $400.00 al día.", Decimal(400)),
        ("me bajaron el sueldo de 400 a 300 diarios", None),
    ],
)
def test_the_daily_salary_a_question_states(question: str, daily: Decimal | None) -> None:
    assert daily_pay(question) == daily


def test_the_prima_vacacional_in_pesos() -> None:
    question = (
        "cumpli 2 años trabajando en un restaurante, gano 450 al dia, de cuanto me sale la prima "
        "vacacional?"
    )
    said = premium_fact(question, retrieved=ALL)
    assert said is not None
    assert said.startswith("Tu prima vacacional es de unos $1,575.00: al cumplir 2 años")
    assert "14 × $450.00 × 25 % (Art. 80 LFT)" in said
    # Without its articles retrieved, or without the years or the pay, no figure.
    assert premium_fact(question, retrieved={"80"}) is None
    assert premium_fact("gano 450 al dia, cuanto es la prima vacacional?", retrieved=ALL) is None
    assert premium_fact("llevo 2 años, cuanto es la prima vacacional?", retrieved=ALL) is None
    # The days told ("12 días de vacas"), as workers shorten them: their premium.
    told = premium_fact(
        "me tocan 12 dias de vacas y gano 300 diarios, de cuanto es la prima vacacional?",
        retrieved=ALL,
    )
    assert told is not None
    assert told.startswith("Tu prima vacacional por 12 días de vacaciones es de unos $900.00")


def test_the_prima_vacacional_of_the_days_the_worker_takes() -> None:
    question = (
        "en enero me tomo 14 dias de vacaciones y gano 500 diarios, de prima vacacional cuanto "
        "me dan?"
    )
    said = premium_fact(question, retrieved={"80"})
    assert said is not None
    assert said.startswith("Tu prima vacacional por 14 días de vacaciones es de unos $1,750.00")
    assert "14 × $500.00 × 25 % (Art. 80 LFT)" in said
    # Days no one could have are not the days taken.
    odd = "me deben 90 dias de vacaciones y gano 500 diarios, cuanto es la prima vacacional?"
    assert premium_fact(odd, retrieved={"80"}) is None


def test_the_aguinaldos_proportional_days_and_amount() -> None:
    days = aguinaldo_fact(
        "trabaje nomas 6 meses este año y me sali, cuanto aguinaldo me toca, en dias?",
        retrieved=ALL,
        today=TODAY,
    )
    assert days == (
        "Por 6 meses trabajados te tocan 7.5 días de aguinaldo: la parte proporcional de los 15 "
        "días al año (Art. 87 LFT)."
    )
    amount = aguinaldo_fact(
        "trabaje 4 meses y ganaba 2500 a la semana, cuanto me toca de aguinaldo?",
        retrieved=ALL,
        today=TODAY,
    )
    assert amount is not None
    assert amount.endswith("unos $1,785.71 con tu salario de $357.14 al día.")
    assert (
        aguinaldo_fact("me toca aguinaldo si trabaje 6 meses?", retrieved=ALL, today=TODAY) is None
    )


def test_the_salary_without_the_time_worked_gives_the_whole_years_figure() -> None:
    # "¿cuánto me toca?" is answered with an amount, and the rule for part of a year.
    said = aguinaldo_fact(
        "gano 400 al dia, cuanto me toca de aguinaldo?", retrieved=ALL, today=TODAY
    )
    assert said == (
        "Si trabajaste todo el año, te tocan al menos 15 días de aguinaldo: unos $6,000.00 con tu "
        "salario de $400.00 al día; si entraste este año, la parte proporcional (Art. 87 LFT)."
    )
    weekly = aguinaldo_fact(
        "cuanto es de aguinaldo si gano 2800 a la semana", retrieved=ALL, today=TODAY
    )
    assert weekly is not None
    assert "unos $6,000.00" in weekly
    assert aguinaldo_fact("cuanto me toca de aguinaldo?", retrieved=ALL, today=TODAY) is None
    assert (
        aguinaldo_fact("gano 400 al dia, cuanto aguinaldo?", retrieved={"76"}, today=TODAY) is None
    )


def test_a_start_this_year_told_with_the_job_between() -> None:
    said = aguinaldo_fact(
        "entre a trabajar de cocinero en una fonda el 1 de julio, gano 350 diarios, cuanto "
        "aginaldo me toca ahora en diciembre?",
        retrieved=ALL,
        today=TODAY,
    )
    assert said is not None
    assert said.startswith("Si trabajas del 1 de julio al 31 de diciembre (184 de los 365 días")
    assert "unos $2,646.58" in said


def test_months_worked_said_with_words_between() -> None:
    said = aguinaldo_fact(
        "trabaje en el corte de fresa 4 meses esta temporada ganando 350 diarios, cuanto me toca "
        "de aguinaldo?",
        retrieved=ALL,
        today=TODAY,
    )
    assert said is not None
    assert said.startswith("Por 4 meses trabajados te tocan 5 días")
    assert said.endswith("unos $1,750.00 con tu salario de $350.00 al día.")
    # "hace 3 meses" is when, not how long.
    assert (
        aguinaldo_fact(
            "trabaje ahi hace 3 meses, cuanto aguinaldo me toca?", retrieved=ALL, today=TODAY
        )
        is None
    )


def test_months_worked_said_as_a_span_of_this_year() -> None:
    said = aguinaldo_fact(
        "me sali el 30 de junio, trabaje de enero a junio ganando 300 diarios. cuanto aguinaldo "
        "me deben?",
        retrieved=ALL,
        today=TODAY,
    )
    assert said is not None
    assert said.startswith("Por 6 meses trabajados (de enero a junio) te tocan 7.5 días")
    assert said.endswith("unos $2,250.00 con tu salario de $300.00 al día.")
    assert needed_articles("estuve de marzo a octubre, cuanto aguinaldo me toca?") == ("87",)
    # The whole year is no share of it, nor a span that ends after today.
    whole = "trabaje de enero a diciembre, cuanto aguinaldo me toca?"
    assert aguinaldo_fact(whole, retrieved=ALL, today=TODAY) is None
    later = "trabaje de marzo a octubre, cuanto aguinaldo me toca?"
    assert aguinaldo_fact(later, retrieved=ALL, today=date(2026, 6, 1)) is None
    assert aguinaldo_fact(later, retrieved=ALL, today=TODAY) is not None


def test_a_start_this_year_gives_the_aguinaldos_share_of_the_year() -> None:
    said = aguinaldo_fact(
        "entre a trabajar el 1 de julio de este año, gano 400 diarios, cuanto me toca de aguinaldo",
        retrieved=ALL,
        today=TODAY,
    )
    # 1 July to 31 December: 184 of 365 days × 15 = 7.56 days, × $400.
    assert said == (
        "Si trabajas del 1 de julio al 31 de diciembre (184 de los 365 días del año), te tocan "
        "7.56 días de aguinaldo: la parte proporcional de los 15 días al año (Art. 87 LFT), unos "
        "$3,024.66 con tu salario de $400.00 al día."
    )
    month = aguinaldo_fact("empece en marzo, cuanto aguinaldo me toca?", retrieved=ALL, today=TODAY)
    assert month is not None
    assert "del 1 de marzo al 31 de diciembre (306 de los 365" in month
    # A start in an earlier year is a whole year's aguinaldo, and a month still to come is no start.
    for question in (
        "entre el 15 de diciembre del 2025, cuanto aguinaldo me toca?",
        "entre en diciembre del 2024, cuanto aguinaldo me toca?",
        "entre en enero, cuanto aguinaldo me toca?",
    ):
        assert aguinaldo_fact(question, retrieved=ALL, today=TODAY) is None
    assert (
        aguinaldo_fact(
            "empece en marzo, cuanto aguinaldo me toca?", retrieved=ALL, today=date(2026, 2, 1)
        )
        is None
    )


def test_a_changed_salary_is_no_salary_to_compute_with() -> None:
    assert daily_pay("me bajo el sueldo de 400 a 300 diarios") is None
    assert daily_pay("me bajo el sueldo a 300 diarios") == Decimal(300)


def test_the_articles_a_figure_needs_are_named() -> None:
    assert needed_articles("llevo 5 años y gano 9 mil al mes, cuanto es mi prima vacacional?") == (
        "76", "80"
    )  # fmt: skip
    assert needed_articles("trabaje 6 meses, cuanto aguinaldo me toca?") == ("87",)
    assert needed_articles("que es la prima vacacional?") == ()
    assert needed_articles("entre en mayo, cuanto aguinaldo me toca?") == ("87",)


@pytest.mark.parametrize(
    "period",
    [
        "al dia", "diario", "diarios", "por dia", "el dia", "a la semana", "semanal", "semanales",
        "por semana", "a la quincena", "quincenal", "quincenales", "por quincena", "cada quincena",
        "al mes", "mensual", "mensuales", "por mes",
    ],
)  # fmt: skip
def test_every_period_the_pay_pattern_reads_has_a_length(period: str) -> None:
    # Each way of saying the period that rag.pay's pattern accepts gives a daily figure.
    assert daily_pay(f"gano 3000 {period}") is not None


def test_a_start_and_a_leaving_this_year_give_the_days_between_them() -> None:
    """ "Entré el 1 de julio… y me salí el 30 de septiembre": the share ends where the job did,
    not on 31 December."""
    said = aguinaldo_fact(
        "entre a una farmacia el 1 de julio de este año y me sali el 30 de septiembre, ganaba "
        "300 diarios. me toca aguinaldo aunq ya no este ahi? cuanto?",
        retrieved=ALL,
        today=TODAY,
    )
    # 1 July to 30 September: 92 days; 92 / 365 × 15 = 3.78 days, × $300.
    assert said is not None
    assert said.startswith(
        "Por 92 días trabajados (del 1 de julio al 30 de septiembre) te tocan 3.78 días"
    )
    assert "$1,134.25" in said
    # A month alone ends on its last day; a leaving before the start is no end at all.
    month = aguinaldo_fact(
        "entre el 1 de marzo y me corrieron en mayo, cuanto aguinaldo me toca?",
        retrieved=ALL,
        today=TODAY,
    )
    assert month is not None
    assert "(del 1 de marzo al 31 de mayo)" in month
    odd = aguinaldo_fact(
        "entre el 1 de julio y me sali el 3 de febrero, cuanto aguinaldo me toca?",
        retrieved=ALL,
        today=TODAY,
    )
    assert odd is not None
    assert "al 31 de diciembre" in odd


def test_the_aguinaldo_of_a_span_of_days_worked_this_year() -> None:
    question = (
        "trabajé del 2 de febrero al 1 de agosto de 2026. gano 300 diarios. me toca aguinaldo "
        "aunque ya no trabajo ahi? de cuanto?"
    )
    said = aguinaldo_fact(question, retrieved={"87"}, today=date(2026, 12, 5))
    assert said is not None
    # 181 days of 365, not 7 whole months.
    assert said.startswith(
        "Por 181 días trabajados (del 2 de febrero al 1 de agosto) te tocan 7.44"
    )
    assert "unos $2,231.51" in said
    # Another year's span, an impossible day or a span ending after today are not counted.
    for other in (
        "trabajé del 2 de febrero al 1 de agosto de 2025, cuanto aguinaldo me toca?",
        "trabajé del 31 de febrero al 1 de agosto, cuanto aguinaldo me toca?",
        "trabajé del 2 de febrero al 20 de diciembre, cuanto aguinaldo me toca?",
    ):
        assert aguinaldo_fact(other, retrieved={"87"}, today=date(2026, 12, 5)) is None, other


def test_a_start_this_year_is_read_with_the_year_written_as_workers_write_it() -> None:
    today = date(2026, 12, 6)
    for said in ("este año", "este ano", "2026"):
        assert started_this_year(f"entre a trabajar el 1 de julio de {said}", today=today) == date(
            2026, 7, 1
        )
    assert started_this_year("entre a trabajar el 1 de julio de 2025", today=today) is None


def test_the_prima_alone_after_the_vacations_were_told_is_the_vacation_premium() -> None:
    story = "llevo 2 años de antigüedad. gano 350 diarios. me van a dar mis vacaciones en diciembre"
    said = premium_fact(f"{story}. y cuanto me toca de prima?", retrieved={"76", "80"})
    assert said is not None
    assert said.startswith("Tu prima vacacional es de unos $1,225.00")
    # Nor is the seniority premium, asked by its name, read as the vacation one.
    seniority = f"{story}. cuanto es la prima de antigüedad?"
    assert premium_fact(seniority, retrieved={"76", "80"}) is None


@pytest.mark.parametrize(
    ("question", "daily"),
    [
        ("gano 380, cuanto me toca x ese dia?", Decimal(380)),
        ("me pagan 450 pesos", Decimal(450)),
        ("gano 9000, me toca aguinaldo?", None),  # too much for a day, and no period said
        ("gano 380 y me pagan 400 de bono", None),  # two sums: none is sure
    ],
)
def test_a_small_pay_told_without_its_period_is_a_days(
    question: str, daily: Decimal | None
) -> None:
    assert daily_pay(question) == daily


def test_months_worked_told_with_llevo_give_the_aguinaldos_share() -> None:
    said = aguinaldo_fact(
        "llevo 6 meses de ayudante de cocina, me pagan 2800 a la semana, cuanto de aguinaldo?",
        retrieved={"87"},
        today=date(2026, 12, 6),
    )
    assert said is not None
    assert said.startswith("Por 6 meses trabajados te tocan 7.5 días de aguinaldo")
    assert "unos $3,000.00" in said
    # Months of a pregnancy are no time worked.
    pregnant = "tengo 6 meses de embarazo, gano 400 diarios, cuanto de aguinaldo me toca?"
    assert "Por 6 meses" not in (
        aguinaldo_fact(pregnant, retrieved={"87"}, today=date(2026, 12, 6)) or ""
    )


def test_the_vacations_pay_with_its_premium() -> None:
    said = premium_fact(
        "tengo 7 años de intendente, gano 330 diarios. cuanto me deben pagar de vacaciones con "
        "todo y prima?",
        retrieved={"76", "80"},
    )
    assert said is not None
    assert said.startswith("Por tus vacaciones te deben unos $9,075.00 en total")
    assert "$7,260.00 con $330.00 al día, más la prima vacacional del 25 %, $1,815.00" in said


@pytest.mark.parametrize(
    "question",
    ["gano 360 x jornada de 8 horas", "me pagan 360 por turno", "gano 360 por jornada"],
)
def test_a_pay_per_shift_is_a_days_pay(question: str) -> None:
    assert daily_pay(question) == 360


def test_an_aguinaldo_amount_claimed_gets_the_laws_figure() -> None:
    question = "el aguinaldo es un mes de sueldo verdad? gano 7,500 a la quincena, me tocan 15 mil?"
    said = aguinaldo_fact(question, retrieved={"87"}, today=date(2026, 12, 7))
    assert said is not None
    assert "15 días de aguinaldo: unos $7,500.00" in said
    # A yes/no with no amount claimed is not priced.
    assert (
        aguinaldo_fact(
            "me toca aguinaldo si soy eventual?", retrieved={"87"}, today=date(2026, 12, 7)
        )
        is None
    )


@pytest.mark.parametrize(
    ("said", "rate"),
    [
        ("me pagan 60 la hora en el almacen", Decimal(60)),
        ("la hora normal me la pagan a 50 pesos, cuanto me deben x las extras?", Decimal(50)),
        ("la hora sale en 75 en la bodega", Decimal(75)),
        ("trabajo 8 horas y me pagan 400 al dia", None),
    ],
)
def test_the_pay_by_the_hour_is_read_either_way_round(said: str, rate: Decimal | None) -> None:
    assert hourly_pay(said) == rate
