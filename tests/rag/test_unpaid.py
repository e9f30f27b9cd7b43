"""Wages owed for the weeks unpaid, at the salary the question gives."""

from __future__ import annotations

import pytest

from rag.unpaid import SALARY_ARTICLE, needed_articles, unpaid_fact, unpaid_time

ALL = {SALARY_ARTICLE}


@pytest.mark.parametrize(
    ("said", "days"),
    [
        ("la dueña no me paga desde hace 3 semanas", 21),
        ("no nos han pagado en dos quincenas", 30),
        ("me deben 5 dias", 5),
        ("llevo un mes sin cobrar", 30),
        ("no me pagan las horas extra", None),  # what is unpaid, not for how long
        ("hace 3 semanas me corrieron", None),
    ],
)
def test_the_time_unpaid(said: str, days: int | None) -> None:
    found = unpaid_time(said)
    assert (found[0] if found else None) == days


def test_three_weeks_at_a_weekly_pay() -> None:
    # 1,800 a week is 257.14 a day (÷ 7); 21 days of it is the 5,400.00 of three weeks.
    story = "la dueña no me paga desde hace 3 semanas"
    asked = "gano 1800 a la semana, cuanto me debe?"
    said = unpaid_fact(f"{story} {asked}", retrieved=ALL, asked=asked)
    assert said is not None
    assert said.startswith("Por 3 semanas sin pago te deben unos $5,400.00 de salario")
    assert "(Art. 82 LFT)" in said
    assert needed_articles(f"{story} {asked}") == (SALARY_ARTICLE,)


def test_no_figure_without_the_pay_the_question_or_the_article() -> None:
    story = "no me pagan desde hace 2 semanas"
    assert unpaid_fact(f"{story}, cuanto me deben?", retrieved=ALL) is None  # no salary
    with_pay = f"{story}, gano 400 al dia"
    assert unpaid_fact(f"{with_pay}, que hago?", retrieved=ALL) is None
    assert unpaid_fact(f"{with_pay}, cuanto me deben?", retrieved=set()) is None
    assert unpaid_fact(f"{with_pay}, cuanto me deben?", retrieved=ALL) is not None
