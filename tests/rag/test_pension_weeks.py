"""The weeks an IMSS old-age pension needs this year (LSS Arts. 154, 162 and the 2020 reform's
fourth transitorio), weighed against the worker's own."""

from __future__ import annotations

from datetime import date

import pytest

from rag.pension_weeks import (
    ARTICLES,
    asks_pension_weeks,
    invalidity_weeks_fact,
    needed_articles,
    pension_weeks_fact,
    survivor_weeks_fact,
    weeks_required,
)

TODAY = date(2026, 12, 5)
RETRIEVED = {"154 LSS"}


@pytest.mark.parametrize(
    ("year", "weeks"),
    [(2020, None), (2021, 750), (2026, 875), (2030, 975), (2031, 1000), (2040, 1000)],
)
def test_the_weeks_grow_25_a_year_to_a_thousand(year: int, weeks: int | None) -> None:
    assert weeks_required(year) == weeks


def test_a_false_premise_of_750_weeks_is_corrected_with_the_workers_own() -> None:
    question = (
        "tengo 62 años y tengo 800 semanas. se q con 750 semanas ya alcanzo pension por "
        "cesantia, verdad?"
    )
    said = pension_weeks_fact(question, retrieved=RETRIEVED, today=TODAY)
    assert said is not None
    assert said.startswith("No: con 800 semanas todavía no alcanzas, te faltan 75.")
    assert "En 2026 necesitas 875 semanas" in said
    assert "(Art. 154 LSS)" in said


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("tengo 61 años y 900 semanas, ya me puedo pensionar?", "Sí: con 900 semanas"),
        (
            "tengo 55 años y 1,000 semanas, me puedo jubilar?",
            "Con 1,000 semanas ya las juntas, pero",
        ),
        ("cuantas semanas ocupo pa pensionarme?", "En 2026 necesitas 875 semanas"),
    ],
)
def test_the_answer_opens_on_the_workers_case(question: str, opening: str) -> None:
    said = pension_weeks_fact(question, retrieved=RETRIEVED, today=TODAY)
    assert said is not None
    assert said.startswith(opening)


def test_nothing_without_the_article_or_the_topic() -> None:
    assert (
        pension_weeks_fact("cuantas semanas ocupo pa pensionarme?", retrieved=set(), today=TODAY)
        is None
    )
    assert (
        pension_weeks_fact(
            "cuantas semanas de incapacidad me dan?", retrieved=RETRIEVED, today=TODAY
        )
        is None
    )
    assert needed_articles("cuantas semanas para la pension?") == ("154 LSS",)
    assert needed_articles("me toca aguinaldo?") == ()


@pytest.mark.parametrize(
    "question",
    [
        "el doctor dice q ya no voy a poder trabajar, cuantas semanas necesito pa la pension de "
        "invalidez?",
        "mi esposo murio, cuantas semanas necesitaba pa la pension de viudez?",
    ],
)
def test_other_pensions_are_not_answered_with_the_old_age_weeks(question: str) -> None:
    assert pension_weeks_fact(question, retrieved={"154 LSS", "162 LSS"}, today=TODAY) is None


def test_the_age_to_retire_is_60_or_65_and_an_earlier_one_is_corrected() -> None:
    from rag.pension_weeks import asks_pension_age, pension_age_fact

    asked = "desde q edad me puedo pensionar con el imss?"
    assert asks_pension_age(asked)
    assert needed_articles(asked) == ARTICLES
    said = pension_age_fact(asked, retrieved=set(ARTICLES), today=date(2026, 12, 7))
    assert said is not None
    assert said.startswith("Por el IMSS puedes pensionarte desde los 60 años por cesantía")
    assert "desde los 65 por vejez (Art. 162 LSS)" in said
    assert "(875 en 2026)" in said
    claimed = "mi compadre dice q ya me puedo pensionar a los 55, es cierto?"
    early = pension_age_fact(claimed, retrieved=set(ARTICLES), today=date(2026, 12, 7))
    assert early is not None
    assert early.startswith("No: antes de los 60 años el IMSS no da pensión")
    # Another pension, its weeks, or the articles missing: not this line.
    assert not asks_pension_age("a que edad me dan la pension de invalidez?")
    assert not asks_pension_age("tengo 62 años y 800 semanas, ya me puedo pensionar?")
    assert pension_age_fact(asked, retrieved={"154 LSS"}, today=date(2026, 12, 7)) is None


@pytest.mark.parametrize(
    ("weeks", "opening"),
    [
        (100, "No: para la pensión de invalidez necesitas 250 semanas cotizadas, o 150"),
        (200, "Depende de tu grado de invalidez: para la pensión de invalidez necesitas 250"),
        (300, "Sí: para la pensión de invalidez necesitas 250 semanas cotizadas"),
    ],
)
def test_an_invalidity_pension_weighs_the_weeks_told(weeks: int, opening: str) -> None:
    question = f"me dio una embolia, tengo {weeks} semanas cotizadas. me toca pension de invalidez?"
    assert needed_articles(question) == ("122 LSS",)
    said = invalidity_weeks_fact(question, retrieved={"122 LSS"})
    assert said is not None
    assert said.startswith(opening)
    assert f"{weeks} semanas" in said
    # Without the article retrieved, no figure to cite.
    assert invalidity_weeks_fact(question, retrieved=set()) is None


def test_a_widows_pension_weighs_the_years_the_husband_paid_in() -> None:
    question = "y a mi mama le toca pension de viudez? el cotizo como 20 años"
    assert needed_articles(question) == ("128 LSS",)
    said = survivor_weeks_fact(question, retrieved={"128 LSS"})
    assert said == (
        "Sí: para la pensión de viudez u orfandad, el asegurado debió tener al menos 150 semanas "
        "cotizadas (Art. 128 LSS); con unos 20 años cotizados (unas 1,040 semanas) las tenía."
    )
    short = survivor_weeks_fact("pension de viudez? cotizo 100 semanas", retrieved={"128 LSS"})
    assert short is not None
    assert short.startswith("No: ")
    # A death at work needs no weeks: the work risk's pension is another rule.
    at_work = "murio en un accidente de trabajo, me toca pension de viudez? cotizo 100 semanas"
    assert survivor_weeks_fact(at_work, retrieved={"128 LSS"}) is None


def test_the_weeks_of_the_year_the_worker_will_retire_in() -> None:
    said = pension_weeks_fact(
        "empece a cotizar en el imss en 2003 y cumplo 65 en 2027, cuantas semanas me van a pedir "
        "pa la pension?",
        retrieved={"162 LSS"},
        today=date(2026, 12, 7),
    )
    assert said is not None
    assert said.startswith("En 2027 vas a necesitar 900 semanas cotizadas")
    # A year already past is no retirement ahead: this year's weeks.
    now = pension_weeks_fact(
        "cumpli 65 en 2025, cuantas semanas me piden pa la pension?",
        retrieved={"162 LSS"},
        today=date(2026, 12, 7),
    )
    assert now is not None
    assert now.startswith("En 2026 necesitas 875 semanas")


def test_old_age_cites_its_own_article() -> None:
    said = pension_weeks_fact(
        "ya cumpli 65, tengo 780 semanas y me dijeron q no me alcanza pa la pension, es cierto?",
        retrieved={"154 LSS", "162 LSS"},
        today=date(2026, 12, 7),
    )
    assert said is not None
    # What was told ("no me alcanza") is right: the verdict judges it.
    assert said.startswith("Sí, es cierto: con 780 semanas todavía no alcanzas, te faltan 95.")
    assert "(Art. 162 LSS)" in said
    early = pension_weeks_fact(
        "tengo 61, cuantas semanas necesito pa pensionarme?",
        retrieved={"154 LSS", "162 LSS"},
        today=date(2026, 12, 7),
    )
    assert early is not None
    assert "(Art. 154 LSS)" in early


def test_the_afores_unemployment_withdrawal_asks_no_pensions_weeks() -> None:
    # Found in a tuned set: "me corrieron hace 3 semanas, ¿ya puedo sacar lo del retiro por
    # desempleo de mi afore?" was answered with the 875 weeks of a pension.
    assert not asks_pension_weeks(
        "me corrieron hace 3 semanas, ya puedo sacar lo del retiro por desempleo de mi afore?"
    )
    assert asks_pension_weeks("cuantas semanas necesito pa la pension de vejez?")
